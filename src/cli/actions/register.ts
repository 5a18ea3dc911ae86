// Registering roster rows by hand: parse flags with the same core parsers as import, then check
// against the database and write with an audit entry — both under the write lock, so two clerks
// registering the same person at once cannot both pass the uniqueness checks.
import { COLUMNS } from '../../core/kinds.js';
import type { Issue } from '../../core/rows.js';
import { parseActivity, parseMember, parseOrg, parseTeam, parseVolunteer } from '../../core/rows.js';
import { RosterStore } from '../../db/roster.js';
import type { Ctx } from '../context.js';
import { type Opts, rawFromOpts, volunteerOf } from '../options.js';
import { parsedOrRefuse, refuse, say, writeWithAudit } from './write.js';

/** Check and insert one roster row in one transaction; returns what insert returned. */
function registerChecked<R, T>(ctx: Ctx, entity: string, check: (s: RosterStore) => { issues: Issue[]; row: R },
  insert: (s: RosterStore, row: R) => T, audited: (row: R, inserted: T) => unknown, rename?: Record<string, string>): { row: R; inserted: T } {
  const s = new RosterStore(ctx.db, ctx.nowIso());
  return writeWithAudit(ctx, entity, () => {
    const checked = check(s);
    if (checked.issues.length) refuse(checked.issues, rename);
    const inserted = insert(s, checked.row);
    return { id: String(inserted), change: { insert: audited(checked.row, inserted) }, result: { row: checked.row, inserted } };
  });
}

export function registerOrg(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseOrg(rawFromOpts(opts, COLUMNS.orgs)));
  registerChecked(ctx, 'org', (s) => s.checkOrg(row), (s, r) => s.insertOrg(r), (r) => r);
  say(`registered organisation ${row.code} ${row.name}`);
}

export function registerVolunteer(ctx: Ctx, opts: Opts): void {
  const raw = rawFromOpts(opts, COLUMNS.volunteers);
  raw.registered_on ??= ctx.today();
  const row = parsedOrRefuse(parseVolunteer(raw, { today: ctx.today() }));
  const { inserted: no } = registerChecked(ctx, 'volunteer', (s) => s.checkVolunteer(row), (s, r) => s.insertVolunteer(r),
    (r, no) => ({ ...r, volunteer_no: no }));
  process.stdout.write(`${no}\n`);
  say(`registered volunteer ${no} ${row.name}`);
}

export function registerTeam(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseTeam(rawFromOpts(opts, COLUMNS.teams)));
  registerChecked(ctx, 'team', (s) => s.checkTeam(row), (s, r) => s.insertTeam(r), (r) => r);
  say(`registered team ${row.code} ${row.name}`);
}

export function registerMember(ctx: Ctx, opts: Opts): void {
  const raw = rawFromOpts(opts, ['team', 'joined_on', 'left_on', 'id']);
  raw.volunteer_no = volunteerOf(opts);
  raw.joined_on ??= ctx.today();
  const rename = { volunteer_no: '--volunteer' };
  const row = parsedOrRefuse(parseMember(raw), rename);
  // person is how the clerk named the volunteer (possibly an id number); volunteer_no says who
  const { row: added } = registerChecked(ctx, 'member', (s) => s.checkMember(row), (s, r) => s.insertMember(r),
    ({ person: _named, ...stored }) => stored, rename);
  say(`added ${added.volunteer_no} to team ${added.team}`);
}

export function registerActivity(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseActivity(rawFromOpts(opts, COLUMNS.activities)));
  registerChecked(ctx, 'activity', (s) => s.checkActivity(row), (s, r) => s.insertActivity(r), (r) => r);
  say(`registered activity ${row.code} ${row.title}`);
}
