// The award lists of SPEC 5: eligibility with reasons, the quota, and the cut with its tie rule.

import { type Ratio, hoursValue, ratio, ratioAtLeast, roundRatio } from './round.js';
import type { Rules } from './rules.js';
import { type Ranked, type TeamRankKeys, type VolunteerRankKeys, rankTeams, rankVolunteers } from './ranking.js';

/** "Party members" everywhere in the SPEC: full and probationary members. */
export const PARTY_STATUSES: readonly string[] = ['party_member', 'probationary'];

/** SPEC 11.4: left by a date when left_on is on or before it, or status is left with no date. */
export function hasLeftBy(status: string, leftOn: string | null, date: string): boolean {
  return leftOn ? leftOn <= date : status === 'left';
}

/** Plain facts the database layer fills for one volunteer in scope; extra fields pass through. */
export interface VolunteerCandidate extends VolunteerRankKeys {
  /** As in force on 31 December of the year. */
  political_status: string;
  status: string;
  left_on: string | null;
  disciplined_in: number | null;
  /** Approved service records in the year (the quota counts party members with at least one). */
  records: number;
  upheldComplaints: number;
}

export interface TeamCandidate extends TeamRankKeys {
  /** Members joined by the year's end and not left by then, and how many are party members then. */
  currentMembers: number;
  currentPartyMembers: number;
  satisfaction: Ratio | null;
}

export type VolunteerIneligibility = 'political_status' | 'left' | 'disciplined' | 'min_hours' | 'min_satisfaction' | 'upheld_complaints';
export type TeamIneligibility = 'min_activities' | 'no_members' | 'min_party_share' | 'min_satisfaction';

export interface Reason<Code extends string> { code: Code; text: string }

/** A ranked eligible candidate; `why` says in words what placed it. */
export type AwardEntry<C> = Ranked<C> & { tie_extended: boolean; why: string };

export interface AwardList<C, Code extends string> {
  award: 'excellent_volunteer' | 'excellent_team';
  title: string;
  quota: number;
  /** Listed: eligible with rank ≤ quota. */
  listed: AwardEntry<C>[];
  /** Eligible but ranked below the quota (for --explain). */
  cut: AwardEntry<C>[];
  ineligible: { candidate: C; reasons: Reason<Code>[] }[];
  /** The cut fell inside a tie, so more than `quota` are listed. */
  exceededByTie: boolean;
}

const rateText = (r: Ratio) => `${roundRatio(r, 4)} (${r.num} of ${r.den} evaluations not dissatisfied)`;
const pointsText = (hundredths: number) => (hundredths / 100).toFixed(2);

/**
 * Every eligible candidate whose rank ≤ quota is listed. When that is more than the quota the
 * cut fell inside a tied group, and every member of that group is tie-extended.
 */
function cutAtQuota<C>(ranked: Ranked<C>[], quota: number, why: (r: Ranked<C>) => string) {
  const overflow = ranked.filter((r) => r.rank <= quota).length > quota;
  const tiedRank = overflow ? ranked[quota]!.rank : undefined;
  const listed: AwardEntry<C>[] = [];
  const cut: AwardEntry<C>[] = [];
  for (const r of ranked) {
    (r.rank <= quota ? listed : cut).push({ ...r, tie_extended: r.rank === tiedRank, why: why(r) });
  }
  return { listed, cut, exceededByTie: overflow };
}

/** ceil(percent% × n) with the percent in hundredths, exactly. */
function percentOf(percent: number, n: number): number {
  const num = Math.round(percent * 100) * n;
  const q = Math.floor(num / 10000);
  return q * 10000 < num ? q + 1 : q;
}

/** The quota of SPEC 5: ceil(quota_percent% × party members in scope with a record), at least quota_min. */
export function volunteerQuota(candidates: readonly VolunteerCandidate[], rules: Rules): number {
  const rule = rules.awards.excellent_volunteer;
  const base = candidates.filter((c) => PARTY_STATUSES.includes(c.political_status) && c.records > 0).length;
  return Math.max(rule.quota_min, percentOf(rule.quota_percent, base));
}

export function volunteerIneligibility(c: VolunteerCandidate, rules: Rules, year: number): Reason<VolunteerIneligibility>[] {
  const rule = rules.awards.excellent_volunteer;
  const reasons: Reason<VolunteerIneligibility>[] = [];
  if (!rule.political_status.includes(c.political_status)) {
    reasons.push({ code: 'political_status', text: `political status on ${year}-12-31 is ${c.political_status}, not ${rule.political_status.join(' or ')}` });
  }
  if (hasLeftBy(c.status, c.left_on, `${year}-12-31`)) {
    reasons.push({ code: 'left', text: c.left_on ? `left on ${c.left_on}, before the end of ${year}` : `left (no date), before the end of ${year}` });
  }
  if (c.disciplined_in === year) reasons.push({ code: 'disciplined', text: `disciplined in ${year}` });
  if (c.minutes < Math.round(rule.min_hours * 60)) {
    reasons.push({ code: 'min_hours', text: `${hoursValue(c.minutes)} approved hours in ${year}, fewer than ${rule.min_hours}` });
  }
  if (c.satisfaction && !ratioAtLeast(c.satisfaction, rule.min_satisfaction)) {
    reasons.push({ code: 'min_satisfaction', text: `satisfaction rate ${rateText(c.satisfaction)} is below ${rule.min_satisfaction}` });
  }
  if (c.upheldComplaints > rule.max_upheld_complaints) {
    reasons.push({ code: 'upheld_complaints', text: `${c.upheldComplaints} upheld complaint(s) in ${year}, more than ${rule.max_upheld_complaints}` });
  }
  return reasons;
}

/** 优秀共产党员志愿者: candidates are the volunteers in scope with their year's figures. */
export function awardExcellentVolunteers<C extends VolunteerCandidate>(
  candidates: readonly C[], rules: Rules, year: number,
): AwardList<C, VolunteerIneligibility> {
  const eligible: C[] = [];
  const ineligible: AwardList<C, VolunteerIneligibility>['ineligible'] = [];
  for (const c of candidates) {
    const reasons = volunteerIneligibility(c, rules, year);
    if (reasons.length) ineligible.push({ candidate: c, reasons });
    else eligible.push(c);
  }
  const quota = volunteerQuota(candidates, rules);
  const why = (c: C) => `${pointsText(c.points)} points, ${hoursValue(c.minutes)} hours, satisfaction ${c.satisfaction ? rateText(c.satisfaction) : 'none (no evaluations)'}`;
  const rule = rules.awards.excellent_volunteer;
  return { award: 'excellent_volunteer', title: rule.title, quota, ...cutAtQuota(rankVolunteers(eligible), quota, why), ineligible };
}

export function teamIneligibility(t: TeamCandidate, rules: Rules, year: number): Reason<TeamIneligibility>[] {
  const rule = rules.awards.excellent_team;
  const reasons: Reason<TeamIneligibility>[] = [];
  if (t.activities < rule.min_activities) {
    reasons.push({ code: 'min_activities', text: `${t.activities} activities in ${year}, fewer than ${rule.min_activities}` });
  }
  const share = ratio(t.currentPartyMembers, t.currentMembers);
  if (share === null) {
    reasons.push({ code: 'no_members', text: `no current members at the end of ${year}` });
  } else if (!ratioAtLeast(share, rule.min_party_share)) {
    reasons.push({ code: 'min_party_share', text: `${share.num} of ${share.den} current members are party members (${roundRatio(share, 4)}), below ${rule.min_party_share}` });
  }
  if (t.satisfaction && !ratioAtLeast(t.satisfaction, rule.min_satisfaction)) {
    reasons.push({ code: 'min_satisfaction', text: `satisfaction rate ${rateText(t.satisfaction)} is below ${rule.min_satisfaction}` });
  }
  return reasons;
}

/** 优秀共产党员志愿服务队: candidates are the teams in scope with their year's figures. */
export function awardExcellentTeams<C extends TeamCandidate>(
  candidates: readonly C[], rules: Rules, year: number,
): AwardList<C, TeamIneligibility> {
  const eligible: C[] = [];
  const ineligible: AwardList<C, TeamIneligibility>['ineligible'] = [];
  for (const c of candidates) {
    const reasons = teamIneligibility(c, rules, year);
    if (reasons.length) ineligible.push({ candidate: c, reasons });
    else eligible.push(c);
  }
  const rule = rules.awards.excellent_team;
  const why = (t: C) => `${pointsText(t.points)} points, ${hoursValue(t.minutes)} hours, ${t.activities} activities, satisfaction ${t.satisfaction ? rateText(t.satisfaction) : 'none (no evaluations)'}`;
  return { award: 'excellent_team', title: rule.title, quota: rule.quota, ...cutAtQuota(rankTeams(eligible), rule.quota, why), ineligible };
}
