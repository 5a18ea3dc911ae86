// Registering roster rows by hand: parse flags with the same core parsers as import, check
// against the database, write with an audit entry.
import { COLUMNS } from '../../core/kinds.js';
import { parseActivity, parseMember, parseOrg, parseTeam, parseVolunteer } from '../../core/rows.js';
import { RosterStore } from '../../db/roster.js';
import type { Ctx } from '../context.js';
import { type Opts, rawFromOpts } from '../options.js';
import { parsedOrRefuse, refuse, say, writeWithAudit } from './write.js';

function store(ctx: Ctx) {
  return new RosterStore(ctx.db, ctx.nowIso());
}

export function registerOrg(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseOrg(rawFromOpts(opts, COLUMNS.orgs)));
  const s = store(ctx);
  const checked = s.checkOrg(row);
  if (checked.issues.length) refuse(checked.issues);
  writeWithAudit(ctx, 'org', () => {
    const id = s.insertOrg(checked.row);
    return { id, change: { insert: checked.row }, result: id };
  });
  say(`registered organisation ${row.code} ${row.name}`);
}

export function registerVolunteer(ctx: Ctx, opts: Opts): void {
  const raw = rawFromOpts(opts, COLUMNS.volunteers);
  raw.registered_on ??= ctx.today();
  const row = parsedOrRefuse(parseVolunteer(raw, { today: ctx.today() }));
  const s = store(ctx);
  const checked = s.checkVolunteer(row);
  if (checked.issues.length) refuse(checked.issues);
  const no = writeWithAudit(ctx, 'volunteer', () => {
    const no = s.insertVolunteer(checked.row);
    return { id: no, change: { insert: { ...checked.row, volunteer_no: no } }, result: no };
  });
  process.stdout.write(`${no}\n`);
  say(`registered volunteer ${no} ${row.name}`);
}

export function registerTeam(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseTeam(rawFromOpts(opts, COLUMNS.teams)));
  const s = store(ctx);
  const checked = s.checkTeam(row);
  if (checked.issues.length) refuse(checked.issues);
  writeWithAudit(ctx, 'team', () => ({ id: s.insertTeam(checked.row), change: { insert: checked.row }, result: null }));
  say(`registered team ${row.code} ${row.name}`);
}

export function registerMember(ctx: Ctx, opts: Opts): void {
  const raw = rawFromOpts(opts, ['team', 'joined_on', 'id']);
  raw.volunteer_no = String(opts.volunteer);
  raw.joined_on ??= ctx.today();
  const row = parsedOrRefuse(parseMember(raw), { volunteer_no: '--volunteer' });
  const s = store(ctx);
  const checked = s.checkMember(row);
  if (checked.issues.length) refuse(checked.issues, { volunteer_no: '--volunteer' });
  // person is how the clerk named the volunteer (possibly an id number); volunteer_no says who
  const { person: _named, ...stored } = checked.row;
  writeWithAudit(ctx, 'member', () => ({ id: s.insertMember(checked.row), change: { insert: stored }, result: null }));
  say(`added ${checked.row.volunteer_no} to team ${checked.row.team}`);
}

export function registerActivity(ctx: Ctx, opts: Opts): void {
  const row = parsedOrRefuse(parseActivity(rawFromOpts(opts, COLUMNS.activities)));
  const s = store(ctx);
  const checked = s.checkActivity(row);
  if (checked.issues.length) refuse(checked.issues);
  writeWithAudit(ctx, 'activity', () => ({ id: s.insertActivity(checked.row), change: { insert: checked.row }, result: null }));
  say(`registered activity ${row.code} ${row.title}`);
}
