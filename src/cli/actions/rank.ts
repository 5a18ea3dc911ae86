// `vledger rank`: a year's ranking of volunteers, teams or organisations (SPEC 5, 7, 11.3),
// from the same figures the award lists use, so the two never disagree.
import { UsageError } from '../../core/errors.js';
import { rankOrgs, rankTeams, rankVolunteers, type Ranked } from '../../core/ranking.js';
import type { Ratio } from '../../core/round.js';
import { EMPTY_VOLUNTEER_YEAR } from '../../core/scoring.js';
import { onRosterIn } from '../../db/facts.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { printRows } from '../output.js';
import type { Column } from '../render.js';
import { loadYearFigures, orgAssessmentFacts, teamCandidates, type YearFigures } from './year-figures.js';

export const yearOf = (ctx: Ctx, opts: Opts): number => (opts.year as number | undefined) ?? ctx.thisYear();

export interface VolunteerFigures {
  volunteer_no: string;
  name: string;
  org: string;
  political_status: string;
  points: number;
  minutes: number;
  records: number;
  satisfaction: Ratio | null;
}


/**
 * The volunteers in scope with at least one scored entry in the year, by volunteer_no; with
 * `all`, also everyone else on the year's roster in scope, with nothing. Org and political
 * status are those in force on 31 December.
 */
export function volunteerFigures(f: YearFigures, all: boolean): VolunteerFigures[] {
  const out: VolunteerFigures[] = [];
  for (const v of f.volunteers.values()) {
    if (!f.scope.orgs.has(v.org)) continue;
    const y = f.years.get(v.volunteer_no);
    if (!y && !(all && onRosterIn(v, f.year))) continue;
    const t = y ?? EMPTY_VOLUNTEER_YEAR;
    out.push({
      volunteer_no: v.volunteer_no, name: v.name, org: v.org, political_status: v.political_status,
      points: t.points, minutes: t.minutes, records: t.records, satisfaction: t.satisfaction,
    });
  }
  return out;
}

const col = (key: string, en: string, zh: string, type?: Column['type']): Column => (type ? { key, en, zh, type } : { key, en, zh });
const RANK = col('rank', 'rank', '排名', 'int');

export const VOLUNTEER_COLUMNS: Column[] = [
  RANK, col('volunteer_no', 'volunteer_no', '志愿者编号'), col('name', 'name', '姓名'), col('org', 'org', '所在支部'),
  { key: 'political_status', en: 'political_status', zh: '政治面貌', type: 'enum', enumName: 'political_status' },
  col('points', 'points', '积分', 'points'), col('hours', 'hours', '服务时长', 'hours'), col('records', 'records', '服务记录数', 'int'),
  col('satisfaction', 'satisfaction', '满意率', 'rate'),
];
const TEAM_COLUMNS: Column[] = [
  RANK, col('team', 'team', '服务队编码'), col('name', 'name', '服务队名称'), col('org', 'org', '所属组织'),
  col('points', 'points', '积分', 'points'), col('hours', 'hours', '服务时长', 'hours'), col('activities', 'activities', '活动数', 'int'),
  col('satisfaction', 'satisfaction', '满意率', 'rate'),
];
const ORG_COLUMNS: Column[] = [
  RANK, col('org', 'org', '组织编码'), col('name', 'name', '组织名称'), col('party_members', 'party_members', '党员人数', 'int'),
  col('participants', 'participants', '参与党员人数', 'int'), col('points', 'points', '积分', 'points'), col('hours', 'hours', '服务时长', 'hours'),
];

/** --top N keeps every row ranked N or better, so a tie at N stays whole. */
function top<T extends { rank: number }>(rows: T[], n: number | undefined): T[] {
  return n === undefined ? rows : rows.filter((r) => r.rank <= n);
}

function rankedVolunteers(f: YearFigures, opts: Opts) {
  return top(rankVolunteers(volunteerFigures(f, Boolean(opts.all))), opts.top as number | undefined)
    .map((r) => ({ ...r, hours: r.minutes }));
}

function rankedTeams(ctx: Ctx, f: YearFigures, opts: Opts) {
  return top(rankTeams(teamCandidates(ctx.db, f)), opts.top as number | undefined)
    .map((t) => ({ rank: t.rank, team: t.code, name: t.name, org: t.org, points: t.points, hours: t.minutes, activities: t.activities, satisfaction: t.satisfaction }));
}

/**
 * The direct children of --org (or of every top-level organisation), each with its subtree's
 * totals: party members and participants as in the assessment (SPEC 6), and the points and
 * hours of all its volunteers.
 */
function rankedOrgs(ctx: Ctx, f: YearFigures, opts: Opts) {
  const parents = f.scope.root ? [f.scope.root] : f.orgs.children(null);
  const listed = parents.flatMap((p) => f.orgs.children(p.code));
  const own = new Map<string, { points: number; minutes: number }>();
  for (const [no, y] of f.years) {
    const org = f.volunteers.get(no)?.org;
    if (org === undefined) continue;
    const o = own.get(org) ?? { points: 0, minutes: 0 };
    o.points += y.points;
    o.minutes += y.minutes;
    own.set(org, o);
  }
  const assessed = orgAssessmentFacts(ctx.db, f, listed);
  const rows = listed.map((o) => {
    let points = 0, minutes = 0;
    for (const code of f.orgs.subtree(o.code)) {
      const x = own.get(code);
      if (x) { points += x.points; minutes += x.minutes; }
    }
    const a = assessed.get(o.code)!;
    return { code: o.code, name: o.name, party_members: a.partyMembers, participants: a.participants, points, minutes };
  });
  return top(rankOrgs(rows), opts.top as number | undefined)
    .map((r: Ranked<(typeof rows)[number]>) => ({ rank: r.rank, org: r.code, name: r.name, party_members: r.party_members, participants: r.participants, points: r.points, hours: r.minutes }));
}

export function rank(ctx: Ctx, opts: Opts): void {
  const year = yearOf(ctx, opts);
  const by = (opts.by as string | undefined) ?? 'volunteer';
  if (opts.all && by !== 'volunteer') throw new UsageError(`--all: only with --by volunteer (it adds the volunteers without an entry)`);
  const f = loadYearFigures(ctx.db, year, opts.org);
  const scope = f.scope.root ? ` ${f.scope.root.code}` : '';
  if (by === 'team') {
    printRows(ctx, opts, TEAM_COLUMNS, rankedTeams(ctx, f, opts), ctx.lang === 'zh' ? `${year}年服务队积分排名${scope}` : `Teams by points, ${year}${scope}`);
  } else if (by === 'org') {
    printRows(ctx, opts, ORG_COLUMNS, rankedOrgs(ctx, f, opts), ctx.lang === 'zh' ? `${year}年组织积分排名${scope}` : `Organisations by points, ${year}${scope}`);
  } else {
    printRows(ctx, opts, VOLUNTEER_COLUMNS, rankedVolunteers(f, opts), ctx.lang === 'zh' ? `${year}年志愿者积分排名${scope}` : `Volunteers by points, ${year}${scope}`);
  }
}
