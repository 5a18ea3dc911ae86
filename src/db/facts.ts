// A year's facts as the pure core wants them: the approved, non-voided records as ScoreRecords
// (summarised and cached by year-summaries.ts), each volunteer's org and political status in
// force on 31 December, the teams with their current members and activities, the
// organisation tree and the rules in force.
import type { DB } from './open.js';
import type { ScoreRecord } from '../core/scoring.js';
import type { Rules } from '../core/rules.js';
import { hasLeftBy } from '../core/awards.js';
import { rulesInForce } from './rules-store.js';

const yearEnd = (year: number) => `${year}-12-31`;

// Selected as arrays (.raw()) in this order and turned into objects in one tight loop: for a
// million rows the per-row cost is what counts, so no more columns than the core reads.
const RECORD_COLUMNS = 'id, kind, volunteer_no, date, start, minutes, role, evaluation, level, upheld, points, activity';

function toScoreRecords(rows: Iterable<unknown[]>): ScoreRecord[] {
  // A year repeats few distinct volunteers, dates, start times, activities: each distinct text
  // is kept once, not once per row (a million rows: ~170 MB less, no slower).
  const pool = new Map<unknown, unknown>();
  const one = <T>(x: unknown): T => {
    if (x === null) return x as T;
    const kept = pool.get(x);
    if (kept !== undefined) return kept as T;
    pool.set(x, x);
    return x as T;
  };
  const out: ScoreRecord[] = [];
  for (const r of rows) {
    out.push({
      id: r[0] as string,
      kind: one(r[1]),
      volunteer_no: one(r[2]),
      date: one(r[3]),
      start: one(r[4]),
      minutes: r[5] as number | null,
      role: one(r[6]),
      evaluation: one(r[7]),
      status: 'approved',
      level: one(r[8]),
      upheld: r[9] === null ? null : r[9] === 1,
      points: r[10] as number | null,
      activity: one(r[11]),
    });
  }
  return out;
}

/**
 * The year's approved, non-voided records (pending, rejected and voided never count, so they
 * are not even read). Optionally one volunteer's only, for `score explain`.
 */
export function loadYearRecords(db: DB, year: number, volunteerNo?: string): ScoreRecord[] {
  const lo = `${year}-01-01`, hi = yearEnd(year);
  if (volunteerNo !== undefined) {
    const stmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE date BETWEEN ? AND ? AND volunteer_no = ?
      AND voided_at IS NULL AND status = 'approved'`).raw();
    return toScoreRecords(stmt.iterate(lo, hi, volunteerNo) as Iterable<unknown[]>);
  }
  // The records_day index finds one year among many; when every record is of this year, walking
  // the index only adds a random table lookup per row, so the table is read in order instead.
  const span = db.prepare('SELECT min(date), max(date) FROM records').raw().get() as [string | null, string | null];
  const wholeTable = span[0] !== null && span[0] >= lo && span[1]! <= hi;
  const stmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records ${wholeTable ? 'NOT INDEXED' : 'INDEXED BY records_day'}
    WHERE date BETWEEN ? AND ? AND voided_at IS NULL AND status = 'approved'`).raw();
  return toScoreRecords(stmt.iterate(lo, hi) as Iterable<unknown[]>);
}

/**
 * A reader of one volunteer-day's approved, non-voided service records, with their pks (an
 * import keeping the year's figures credits a day over the cap again: year-keeper.ts).
 */
export function dayServiceRecords(db: DB): (date: string, volunteerNo: string) => { pk: number; record: ScoreRecord }[] {
  const stmt = db.prepare(`SELECT ${RECORD_COLUMNS}, pk FROM records INDEXED BY records_day WHERE date = ? AND volunteer_no = ?
    AND kind = 'service' AND status = 'approved' AND voided_at IS NULL`).raw();
  return (date, volunteerNo) => {
    const rows = stmt.all(date, volunteerNo) as unknown[][];
    return toScoreRecords(rows).map((record, i) => ({ pk: rows[i]![12] as number, record }));
  };
}

/** Approved service minutes as recorded, all time up to a date (star levels, SPEC 4 / 11.15). */
export function approvedMinutesUpTo(db: DB, volunteerNo: string, date = '9999-12-31'): number {
  return db.prepare(`SELECT coalesce(sum(minutes), 0) FROM records WHERE volunteer_no = ? AND kind = 'service'
    AND status = 'approved' AND voided_at IS NULL AND date <= ?`).pluck().get(volunteerNo, date) as number;
}

export interface VolunteerFact {
  volunteer_no: string;
  name: string;
  /** In force on the date asked for (31 December of the year). */
  org: string;
  political_status: string;
  status: string;
  left_on: string | null;
  registered_on: string | null;
  disciplined_in: number | null;
}

/**
 * Every volunteer with the org and political status in force on a date: the history value with
 * the greatest effective date on or before it ('' = from the beginning), later rows winning ties.
 */
export function loadVolunteersAt(db: DB, date: string): Map<string, VolunteerFact> {
  const inForce = (field: string) => `coalesce((SELECT h.value FROM volunteer_history h WHERE h.volunteer_no = v.volunteer_no
    AND h.field = '${field}' AND h.effective <= @date ORDER BY h.effective DESC, h.pk DESC LIMIT 1), v.${field})`;
  const rows = db.prepare(`SELECT v.volunteer_no, v.name, ${inForce('org')} AS org, ${inForce('political_status')} AS political_status,
    v.status, v.left_on, v.registered_on, v.disciplined_in FROM volunteers v ORDER BY v.volunteer_no`).all({ date }) as VolunteerFact[];
  return new Map(rows.map((v) => [v.volunteer_no, v]));
}

/**
 * On the year's roster: registered by its end (no date counts as always registered) and not
 * left before it began (SPEC 6, 11.4).
 */
export function onRosterIn(v: VolunteerFact, year: number): boolean {
  return (v.registered_on === null || v.registered_on <= yearEnd(year)) && !hasLeftBy(v.status, v.left_on, `${year - 1}-12-31`);
}

export interface OrgFact { code: string; name: string; parent: string | null; kind: string }

/** The organisation tree: subtrees, direct children, top-level organisations. */
export class OrgTree {
  readonly byCode: ReadonlyMap<string, OrgFact>;
  private readonly childrenOf = new Map<string | null, OrgFact[]>();

  constructor(orgs: readonly OrgFact[]) {
    this.byCode = new Map(orgs.map((o) => [o.code, o]));
    for (const o of orgs) {
      // a parent that is not stored makes an organisation top-level rather than lost
      const parent = o.parent !== null && this.byCode.has(o.parent) ? o.parent : null;
      const list = this.childrenOf.get(parent);
      if (list) list.push(o); else this.childrenOf.set(parent, [o]);
    }
  }

  /** Direct children by code; `null` gives the top-level organisations. */
  children(code: string | null): OrgFact[] {
    return [...(this.childrenOf.get(code) ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** The codes of an organisation and everything below it. */
  subtree(code: string): Set<string> {
    const out = new Set<string>();
    const stack = [code];
    while (stack.length) {
      const c = stack.pop()!;
      if (out.has(c)) continue;
      out.add(c);
      for (const child of this.childrenOf.get(c) ?? []) stack.push(child.code);
    }
    return out;
  }
}

export function loadOrgTree(db: DB): OrgTree {
  return new OrgTree(db.prepare('SELECT code, name, parent, kind FROM orgs ORDER BY code').all() as OrgFact[]);
}

export interface TeamFact {
  code: string;
  name: string;
  org: string;
  leader: string | null;
  /** Joined by the year's end (or no date) and not left by then. */
  members: string[];
  /** Activities of the team dated in the year. */
  activities: string[];
  /** Every activity of the team: its points are the year's records on any of them (SPEC 5). */
  allActivities: string[];
}

export function loadTeams(db: DB, year: number): TeamFact[] {
  const end = yearEnd(year);
  const teams = db.prepare('SELECT code, name, org, leader FROM teams ORDER BY code').all() as TeamFact[];
  const byCode = new Map(teams.map((t) => [t.code, t]));
  for (const t of teams) { t.members = []; t.activities = []; t.allActivities = []; }
  const members = db.prepare(`SELECT team, volunteer_no FROM members WHERE (joined_on IS NULL OR joined_on <= @end)
    AND (left_on IS NULL OR left_on > @end) ORDER BY team, volunteer_no`).raw().all({ end }) as [string, string][];
  for (const [team, no] of members) {
    const t = byCode.get(team);
    // one person joining twice (left and came back) is still one member
    if (t && t.members.at(-1) !== no) t.members.push(no);
  }
  const activities = db.prepare('SELECT team, code, date FROM activities WHERE team IS NOT NULL ORDER BY team, code').raw().all() as [string, string, string][];
  for (const [team, code, date] of activities) {
    const t = byCode.get(team);
    if (!t) continue;
    t.allActivities.push(code);
    if (date >= `${year}-01-01` && date <= end) t.activities.push(code);
  }
  return teams;
}

/**
 * What a ranking or report of one year reads besides the records' figures (those come from
 * year-summaries.ts, cached): the rules in force, the roster on 31 December, the tree.
 */
export interface YearFacts {
  year: number;
  rules: Rules;
  volunteers: Map<string, VolunteerFact>;
  orgs: OrgTree;
}

export function loadYearFacts(db: DB, year: number): YearFacts {
  return {
    year,
    rules: rulesInForce(db, year),
    volunteers: loadVolunteersAt(db, yearEnd(year)),
    orgs: loadOrgTree(db),
  };
}
