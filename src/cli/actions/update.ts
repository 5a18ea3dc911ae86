// Roster changes: each one checked, written with the old and new values in the audit trail.
import { UserError } from '../../core/errors.js';
import { parsePhone, parseResidentId, FieldError } from '../../core/validate.js';
import { subtreeCodes } from '../../db/queries.js';
import { Resolver } from '../../db/resolve.js';
import type { Ctx } from '../context.js';
import { type Opts, volunteerOf } from '../options.js';
import { say, writeWithAudit } from './write.js';

type Row = Record<string, unknown>;

function fieldValue(flag: string, parse: (s: string) => string, value: string): string {
  try {
    return parse(value);
  } catch (e) {
    if (e instanceof FieldError) throw new UserError(`${flag}: ${e.message}`);
    throw e;
  }
}

const LIST_OF: Record<string, string> = { activity: 'activities' };

/** Apply column changes to one row and audit old -> new; refuses an empty change. */
function applyChanges(ctx: Ctx, table: string, entity: string, key: { col: string; value: string }, changes: Row, effective?: string): void {
  const old = ctx.db.prepare(`SELECT * FROM ${table} WHERE ${key.col} = ?`).get(key.value) as Row | undefined;
  if (!old) throw new UserError(`no ${entity} ${key.value}; check it with vledger list ${LIST_OF[entity] ?? `${entity}s`}`);
  const changed = Object.entries(changes).filter(([k, v]) => v !== undefined && old[k] !== v);
  if (changed.length === 0) throw new UserError(`nothing to change for ${entity} ${key.value}; give a flag with a new value (see --help)`);
  writeWithAudit(ctx, entity, () => {
    const set = changed.map(([k]) => `"${k}" = ?`).join(', ');
    ctx.db.prepare(`UPDATE ${table} SET ${set} WHERE ${key.col} = ?`).run(...changed.map(([, v]) => v), key.value);
    const diff = Object.fromEntries(changed.map(([k, v]) => [k, { from: old[k] ?? null, to: v }]));
    return { id: String(old.id), change: { update: key.value, effective: effective ?? null, ...diff }, result: null };
  });
  say(`updated ${entity} ${key.value}: ${changed.map(([k]) => k).join(', ')}`);
}

export function updateOrg(ctx: Ctx, opts: Opts, code: string): void {
  const r = new Resolver(ctx.db);
  let parent: string | undefined;
  if (opts.parent !== undefined) {
    const p = r.org(String(opts.parent));
    if (!p.ok) throw new UserError(`--parent: ${p.message}`);
    if (subtreeCodes(ctx.db, code)?.includes(p.value)) throw new UserError(`--parent: ${p.value} is inside ${code}'s own subtree; an organisation tree has no cycles`);
    parent = p.value;
  }
  applyChanges(ctx, 'orgs', 'org', { col: 'code', value: code }, { name: opts.name, parent, kind: opts.kind });
}

export function updateVolunteer(ctx: Ctx, opts: Opts, who: string): void {
  const r = new Resolver(ctx.db);
  const v = r.volunteer({ volunteer_no: who });
  if (!v.ok) throw new UserError(v.message);
  const no = v.value.volunteer_no;
  const effective = (opts.effective as string | undefined) ?? ctx.today();
  // the volunteers row holds the latest value, so a change dated ahead would show too early
  if (effective > ctx.today()) throw new UserError(`--effective: ${effective} is in the future (today is ${ctx.today()}); record the change when it takes effect`);
  const changes: Row = { name: opts.name, skills: opts.skills, status: opts.status, disciplined_in: opts.disciplinedIn, id_type: opts.idType };
  if (opts.phone !== undefined) changes.phone = fieldValue('--phone', parsePhone, String(opts.phone));
  if (opts.idNumber !== undefined) {
    const id = fieldValue('--id-number', (s) => parseResidentId(s).idNumber, String(opts.idNumber));
    const other = ctx.db.prepare('SELECT volunteer_no FROM volunteers WHERE id_number = ? AND volunteer_no != ?').pluck().get(id, no);
    if (other) throw new UserError(`--id-number: this id number is already registered as ${other}`);
    changes.id_number = id;
  }
  if (opts.leftOn !== undefined) { changes.left_on = opts.leftOn; changes.status ??= 'left'; }
  if (opts.status === 'left' && opts.leftOn === undefined) changes.left_on = effective;
  if (opts.status === 'active') changes.left_on = null;
  const history: [string, string][] = [];
  if (opts.org !== undefined) {
    const o = r.org(String(opts.org));
    if (!o.ok) throw new UserError(`--org: ${o.message}`);
    history.push(['org', o.value]);
  }
  if (opts.politicalStatus !== undefined) history.push(['political_status', String(opts.politicalStatus)]);
  const latest = ctx.db.prepare(`SELECT value FROM volunteer_history WHERE volunteer_no = ? AND field = ? ORDER BY effective DESC, pk DESC LIMIT 1`).pluck();
  const current = (field: string) => latest.get(no, field) as string;
  const old = ctx.db.prepare('SELECT * FROM volunteers WHERE volunteer_no = ?').get(no) as Row;
  const newHistory = history.filter(([f, val]) => !(old[f] === val && current(f) === val));
  const changed = Object.entries(changes).filter(([k, v]) => v !== undefined && old[k] !== v);
  if (newHistory.length === 0 && changed.length === 0) {
    throw new UserError(`nothing to change for volunteer ${no}; ${history.length ? 'it already has those values' : 'give a flag with a new value (see --help)'}`);
  }
  // history and plain columns in one transaction, so a refused part never leaves the other written
  writeWithAudit(ctx, 'volunteer', () => {
    const hist = ctx.db.prepare('INSERT INTO volunteer_history (volunteer_no, field, value, effective, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const [field, value] of newHistory) hist.run(no, field, value, effective, ctx.nowIso());
    if (newHistory.length) {
      // the volunteers row holds the value with the latest effective date
      ctx.db.prepare('UPDATE volunteers SET org = ?, political_status = ? WHERE volunteer_no = ?')
        .run(current('org') ?? old.org, current('political_status') ?? old.political_status, no);
    }
    if (changed.length) {
      ctx.db.prepare(`UPDATE volunteers SET ${changed.map(([k]) => `"${k}" = ?`).join(', ')} WHERE volunteer_no = ?`)
        .run(...changed.map(([, v]) => v), no);
    }
    const diff = Object.fromEntries([...newHistory, ...changed].map(([k, v]) => [k, { from: old[k] ?? null, to: v }]));
    return { id: String(old.id), change: { update: no, effective, ...diff }, result: null };
  });
  const parts = [...newHistory.map(([f]) => `${f} from ${effective}`), ...changed.map(([k]) => k)];
  say(`updated volunteer ${no}: ${parts.join(', ')}`);
}

export function updateTeam(ctx: Ctx, opts: Opts, code: string): void {
  const r = new Resolver(ctx.db);
  const changes: Row = { name: opts.name };
  if (opts.leader !== undefined) {
    const v = r.volunteer({ volunteer_no: String(opts.leader) });
    if (!v.ok) throw new UserError(`--leader: ${v.message}`);
    changes.leader = v.value.volunteer_no;
  }
  if (opts.org !== undefined) {
    const o = r.org(String(opts.org));
    if (!o.ok) throw new UserError(`--org: ${o.message}`);
    changes.org = o.value;
  }
  applyChanges(ctx, 'teams', 'team', { col: 'code', value: code }, changes, opts.effective as string | undefined);
}

export function updateMember(ctx: Ctx, opts: Opts): void {
  const r = new Resolver(ctx.db);
  const t = r.team(String(opts.team));
  if (!t.ok) throw new UserError(`--team: ${t.message}`);
  const v = r.volunteer({ volunteer_no: volunteerOf(opts) });
  if (!v.ok) throw new UserError(`--volunteer: ${v.message}`);
  const m = ctx.db.prepare('SELECT id, joined_on FROM members WHERE team = ? AND volunteer_no = ? ORDER BY left_on IS NOT NULL, pk DESC LIMIT 1')
    .get(t.value, v.value.volunteer_no) as { id: string; joined_on: string | null } | undefined;
  if (!m) throw new UserError(`${v.value.volunteer_no} is not a member of ${t.value}; add them with vledger register member`);
  const joined = (opts.joinedOn as string | undefined) ?? m.joined_on;
  if (opts.leftOn && joined && String(opts.leftOn) < joined) throw new UserError(`--left-on: ${opts.leftOn} is before the joining date ${joined}`);
  applyChanges(ctx, 'members', 'member', { col: 'id', value: m.id }, { left_on: opts.leftOn, joined_on: opts.joinedOn });
}

export function updateActivity(ctx: Ctx, opts: Opts, code: string): void {
  const changes: Row = { title: opts.title, location: opts.location, category: opts.category, date: opts.date, end_date: opts.endDate };
  if (opts.team !== undefined) {
    const t = new Resolver(ctx.db).team(String(opts.team));
    if (!t.ok) throw new UserError(`--team: ${t.message}`);
    changes.team = t.value;
  }
  const a = ctx.db.prepare('SELECT date, end_date FROM activities WHERE code = ?').get(code) as { date: string; end_date: string | null } | undefined;
  if (a) {
    const date = (changes.date as string | undefined) ?? a.date;
    const end = (changes.end_date as string | undefined) ?? a.end_date;
    if (end && end < date) throw new UserError(`--end-date: ${end} is before the date ${date}`);
  }
  applyChanges(ctx, 'activities', 'activity', { col: 'code', value: code }, changes);
}
