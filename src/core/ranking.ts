// Rankings of SPEC 5 and 11.3: volunteers, teams and organisations, equal keys sharing a rank (1, 2, 2, 4).

import type { Ratio } from './round.js';

/** Exact a <=> b for ratios, without division. */
export function compareRatios(a: Ratio, b: Ratio): number {
  return a.num * b.den - b.num * a.den;
}

/** Satisfaction descending with "no rate" after every rate. */
function compareSatisfactionDesc(a: Ratio | null, b: Ratio | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareRatios(b, a);
}

export type Ranked<T> = T & { rank: number };

/**
 * Sort by `keys` (0 = equal), then by `code` ascending; a row equal to the one before it on
 * `keys` shares its rank, the next different row takes its position (competition ranking).
 */
function rank<T>(rows: readonly T[], keys: (a: T, b: T) => number, code: (r: T) => string): Ranked<T>[] {
  const sorted = [...rows].sort((a, b) => {
    const k = keys(a, b);
    if (k !== 0) return k;
    const ca = code(a), cb = code(b);
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });
  const out: Ranked<T>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    const shares = i > 0 && keys(sorted[i - 1]!, r) === 0;
    out.push({ ...r, rank: shares ? out[i - 1]!.rank : i + 1 });
  }
  return out;
}

export interface VolunteerRankKeys {
  volunteer_no: string;
  /** Hundredths. */
  points: number;
  /** Approved service minutes as recorded. */
  minutes: number;
  satisfaction: Ratio | null;
}

export const compareVolunteers = (a: VolunteerRankKeys, b: VolunteerRankKeys): number =>
  b.points - a.points || b.minutes - a.minutes || compareSatisfactionDesc(a.satisfaction, b.satisfaction);

/** Points, then hours, then satisfaction (none last), all descending; ties by volunteer_no. */
export function rankVolunteers<T extends VolunteerRankKeys>(rows: readonly T[]): Ranked<T>[] {
  return rank(rows, compareVolunteers, (r) => r.volunteer_no);
}

export interface TeamRankKeys {
  code: string;
  points: number;
  minutes: number;
  /** The team's activities in the year. */
  activities: number;
}

export const compareTeams = (a: TeamRankKeys, b: TeamRankKeys): number =>
  b.points - a.points || b.minutes - a.minutes || b.activities - a.activities;

/** Team points, then hours, then activity count, all descending; ties by code. */
export function rankTeams<T extends TeamRankKeys>(rows: readonly T[]): Ranked<T>[] {
  return rank(rows, compareTeams, (r) => r.code);
}

export interface OrgRankKeys {
  code: string;
  points: number;
  minutes: number;
}

/**
 * Points, then hours, descending; then code (SPEC 11.3). Code is a sort key like the others, so
 * no two organisations tie: unlike volunteers and teams (SPEC 5), each has its own rank.
 */
export function rankOrgs<T extends OrgRankKeys>(rows: readonly T[]): Ranked<T>[] {
  return rank(rows, (a, b) => b.points - a.points || b.minutes - a.minutes || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0), (r) => r.code);
}
