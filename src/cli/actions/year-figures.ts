// The figures rank, score and the reports are made of, gathered once from a year's facts: award candidates,
// each organisation's assessment facts, chart series. The decisions stay in src/core.
import { UserError } from '../../core/errors.js';
import { PARTY_STATUSES, type TeamCandidate, type VolunteerCandidate } from '../../core/awards.js';
import type { OrgFacts } from '../../core/assessment.js';
import { EMPTY_VOLUNTEER_YEAR, sumActivityYears, type ActivityYear, type VolunteerYear } from '../../core/scoring.js';
import { loadTeams, loadYearFacts, onRosterIn, type OrgFact, type YearFacts } from '../../db/facts.js';
import type { DB } from '../../db/open.js';
import { Resolver } from '../../db/resolve.js';
import { inSnapshot, readYearSummary } from '../../db/year-summaries.js';

export interface Scope {
  /** The --org root, or null for every organisation. */
  root: OrgFact | null;
  /** The organisation codes in scope. */
  orgs: Set<string>;
}

export interface YearFigures extends YearFacts {
  scope: Scope;
  /** Every volunteer with at least one scored entry in the year. */
  years: Map<string, VolunteerYear>;
  /** Every activity with records in the year: team totals. */
  activities: Map<string, ActivityYear>;
  /** Approved service minutes per volunteer (with service) and month, index 0 = January. */
  months: Map<string, number[]>;
}

/** Resolves --org (code or exact name) to its subtree; every organisation without it. */
export function resolveScope(db: DB, facts: YearFacts, org: unknown): Scope {
  if (org === undefined || org === null) return { root: null, orgs: new Set(facts.orgs.byCode.keys()) };
  const r = new Resolver(db).org(String(org));
  if (!r.ok) throw new UserError(`--org: ${r.message}`);
  return { root: facts.orgs.byCode.get(r.value)!, orgs: facts.orgs.subtree(r.value) };
}

/**
 * The year's facts and figures, read in one snapshot (the figures from the year_summaries
 * cache when it is current); figures that had to be computed are stored for next time after
 * the snapshot ends, when the database can be written without waiting.
 */
export function loadYearFigures(db: DB, year: number, org: unknown): YearFigures {
  return inSnapshot(db, () => {
    const facts = loadYearFacts(db, year);
    const scope = resolveScope(db, facts, org);
    const { summary, store } = readYearSummary(db, year, facts.rules);
    return { result: { ...facts, scope, years: summary.volunteers, activities: summary.activities, months: summary.months }, store };
  });
}


export interface VolunteerAwardCandidate extends VolunteerCandidate { name: string; org: string }

/**
 * The volunteers the award looks at: everyone in scope with an entry in the year (as `rank`
 * lists them), and the party members on the year's roster without one, so that `--explain`
 * can say why they are not listed.
 */
export function volunteerCandidates(f: YearFigures): VolunteerAwardCandidate[] {
  const statuses = new Set([...PARTY_STATUSES, ...f.rules.awards.excellent_volunteer.political_status]);
  const out: VolunteerAwardCandidate[] = [];
  for (const v of f.volunteers.values()) {
    if (!f.scope.orgs.has(v.org)) continue;
    const y = f.years.get(v.volunteer_no);
    if (!y && !(statuses.has(v.political_status) && onRosterIn(v, f.year))) continue;
    const t = y ?? EMPTY_VOLUNTEER_YEAR;
    out.push({
      volunteer_no: v.volunteer_no, name: v.name, org: v.org, political_status: v.political_status, status: v.status,
      left_on: v.left_on, disciplined_in: v.disciplined_in, points: t.points, minutes: t.minutes,
      satisfaction: t.satisfaction, records: t.records, upheldComplaints: t.upheldComplaints,
    });
  }
  return out;
}

export interface TeamAwardCandidate extends TeamCandidate { name: string; org: string }

/** Every team of an organisation in scope, with the year's figures of its activities. */
export function teamCandidates(db: DB, f: YearFigures): TeamAwardCandidate[] {
  return loadTeams(db, f.year).filter((t) => f.scope.orgs.has(t.org)).map((t) => {
    const sum = sumActivityYears(t.allActivities.flatMap((a) => f.activities.get(a) ?? []));
    const party = t.members.filter((no) => PARTY_STATUSES.includes(f.volunteers.get(no)?.political_status ?? '')).length;
    return {
      code: t.code, name: t.name, org: t.org, points: sum.points, minutes: sum.minutes, activities: t.activities.length,
      currentMembers: t.members.length, currentPartyMembers: party, satisfaction: sum.satisfaction,
    };
  });
}

/** The organisations of an assessment: the root (or the top-level ones) and every descendant, parents first, siblings by code. */
export function orgsInOrder(f: YearFacts, root: OrgFact | null): OrgFact[] {
  const out: OrgFact[] = [];
  const visit = (o: OrgFact) => {
    out.push(o);
    for (const c of f.orgs.children(o.code)) visit(c);
  };
  if (root) visit(root);
  else for (const top of f.orgs.children(null)) visit(top);
  return out;
}

/** Each organisation's own (not subtree) assessment counts; subtree totals are sums of these. */
function ownOrgFacts(db: DB, f: YearFigures): Map<string, OrgFacts> {
  const own = new Map<string, OrgFacts>();
  const get = (org: string) => {
    let o = own.get(org);
    if (!o) own.set(org, (o = { partyMembers: 0, participants: 0, partyMinutes: 0, activities: 0, evaluated: 0, satisfiedish: 0 }));
    return o;
  };
  for (const v of f.volunteers.values()) {
    const y = f.years.get(v.volunteer_no);
    const o = get(v.org);
    if (y) { o.evaluated += y.evaluated; o.satisfiedish += y.satisfiedish; }
    if (!PARTY_STATUSES.includes(v.political_status) || !onRosterIn(v, f.year)) continue;
    o.partyMembers++;
    if (y && y.records > 0) { o.participants++; o.partyMinutes += y.minutes; }
  }
  const acts = db.prepare('SELECT org, count(*) FROM activities WHERE date BETWEEN ? AND ? GROUP BY org').raw()
    .all(`${f.year}-01-01`, `${f.year}-12-31`) as [string, number][];
  for (const [org, n] of acts) get(org).activities += n;
  return own;
}

/** Subtree totals for each organisation listed. */
export function orgAssessmentFacts(db: DB, f: YearFigures, orgs: readonly OrgFact[]): Map<string, OrgFacts> {
  const own = ownOrgFacts(db, f);
  const out = new Map<string, OrgFacts>();
  for (const o of orgs) {
    const t: OrgFacts = { partyMembers: 0, participants: 0, partyMinutes: 0, activities: 0, evaluated: 0, satisfiedish: 0 };
    for (const code of f.orgs.subtree(o.code)) {
      const x = own.get(code);
      if (!x) continue;
      t.partyMembers += x.partyMembers; t.participants += x.participants; t.partyMinutes += x.partyMinutes;
      t.activities += x.activities; t.evaluated += x.evaluated; t.satisfiedish += x.satisfiedish;
    }
    out.set(o.code, t);
  }
  return out;
}

/** Approved service minutes of the volunteers in scope, per month (index 0 = January). */
export function minutesPerMonth(f: YearFigures): number[] {
  const months = new Array<number>(12).fill(0);
  for (const [no, m] of f.months) {
    if (!f.scope.orgs.has(f.volunteers.get(no)?.org ?? '')) continue;
    for (let i = 0; i < 12; i++) months[i]! += m[i]!;
  }
  return months;
}

/**
 * Approved service minutes per organisation with its subtree, for the organisations one level
 * below the scope's root (or the top-level ones); a root without children is charted alone.
 */
export function minutesPerOrg(f: YearFigures): { org: OrgFact; minutes: number }[] {
  const own = new Map<string, number>();
  for (const [no, y] of f.years) {
    const org = f.volunteers.get(no)?.org;
    if (org !== undefined) own.set(org, (own.get(org) ?? 0) + y.minutes);
  }
  let bars = f.orgs.children(f.scope.root?.code ?? null);
  if (f.scope.root && bars.length === 0) bars = [f.scope.root];
  if (!f.scope.root && bars.length === 1) bars = f.orgs.children(bars[0]!.code).length ? f.orgs.children(bars[0]!.code) : bars;
  return bars.map((org) => {
    let minutes = 0;
    for (const code of f.orgs.subtree(org.code)) minutes += own.get(code) ?? 0;
    return { org, minutes };
  });
}
