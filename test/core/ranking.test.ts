// Rankings: keys in order, shared ranks on ties (1, 2, 2, 4), ties listed by code.

import { describe, expect, test } from 'vitest';
import { rankOrgs, rankTeams, rankVolunteers } from '../../src/core/ranking.js';
import type { Ratio } from '../../src/core/round.js';

const vol = (volunteer_no: string, points: number, minutes = 0, satisfaction: Ratio | null = null) =>
  ({ volunteer_no, points, minutes, satisfaction });
const ranks = (rows: { rank: number }[], code: (r: never) => string) => rows.map((r) => `${r.rank} ${code(r as never)}`);
const volunteerRanks = (rows: ReturnType<typeof vol>[]) => ranks(rankVolunteers(rows), (r: { volunteer_no: string }) => r.volunteer_no);

describe('rankVolunteers', () => {
  test('more points rank higher', () => {
    expect(volunteerRanks([vol('V1', 100), vol('V2', 300), vol('V3', 200)])).toEqual(['1 V2', '2 V3', '3 V1']);
  });

  test('equal on all three keys share a rank and the next rank skips: 1, 2, 2, 4, listed by volunteer_no', () => {
    expect(volunteerRanks([vol('V4', 50), vol('V3', 200), vol('V1', 100), vol('V2', 100)])).toEqual(['1 V3', '2 V1', '2 V2', '4 V4']);
  });

  test('equal points are ordered by hours', () => {
    expect(volunteerRanks([vol('V1', 100, 60), vol('V2', 100, 90)])).toEqual(['1 V2', '2 V1']);
  });

  test('equal points and hours are ordered by satisfaction', () => {
    expect(volunteerRanks([vol('V1', 100, 60, { num: 8, den: 10 }), vol('V2', 100, 60, { num: 9, den: 10 })])).toEqual(['1 V2', '2 V1']);
  });

  test('no satisfaction rate ranks after every rate, even 0', () => {
    expect(volunteerRanks([vol('V1', 100, 60, null), vol('V2', 100, 60, { num: 0, den: 3 })])).toEqual(['1 V2', '2 V1']);
  });

  test('two volunteers without a rate and otherwise equal share a rank', () => {
    expect(volunteerRanks([vol('V2', 100, 60), vol('V1', 100, 60)])).toEqual(['1 V1', '1 V2']);
  });

  test('rates compare exactly: 667/1000 is above 2/3 although both show as 0.6667', () => {
    expect(volunteerRanks([vol('V1', 0, 0, { num: 2, den: 3 }), vol('V2', 0, 0, { num: 667, den: 1000 })])).toEqual(['1 V2', '2 V1']);
  });

  test('equal rates written differently are a tie', () => {
    expect(volunteerRanks([vol('V2', 0, 0, { num: 1, den: 2 }), vol('V1', 0, 0, { num: 2, den: 4 })])).toEqual(['1 V1', '1 V2']);
  });

  test('the other fields of a row are kept', () => {
    expect(rankVolunteers([{ ...vol('V1', 1), name: '张三' }])[0]).toEqual({ ...vol('V1', 1), name: '张三', rank: 1 });
  });
});

describe('rankTeams', () => {
  const team = (code: string, points: number, minutes: number, activities: number) => ({ code, points, minutes, activities });
  const teamRanks = (rows: ReturnType<typeof team>[]) => ranks(rankTeams(rows), (r: { code: string }) => r.code);

  test('by points, then hours, then activity count', () => {
    expect(teamRanks([team('T1', 100, 60, 6), team('T2', 100, 60, 7), team('T3', 100, 90, 1), team('T4', 200, 0, 0)]))
      .toEqual(['1 T4', '2 T3', '3 T2', '4 T1']);
  });

  test('equal on all three share a rank, listed by code', () => {
    expect(teamRanks([team('T9', 100, 60, 6), team('T1', 100, 60, 6), team('T5', 10, 0, 0)])).toEqual(['1 T1', '1 T9', '3 T5']);
  });
});

describe('rankOrgs', () => {
  const org = (code: string, points: number, minutes: number) => ({ code, points, minutes });
  const orgRanks = (rows: ReturnType<typeof org>[]) => ranks(rankOrgs(rows), (r: { code: string }) => r.code);

  test('by points, then hours', () => {
    expect(orgRanks([org('B1', 100, 60), org('B2', 100, 120), org('B3', 500, 0)])).toEqual(['1 B3', '2 B2', '3 B1']);
  });

  test('equal on points and hours: code decides, so every organisation has its own rank', () => {
    expect(orgRanks([org('B2', 100, 60), org('B1', 100, 60), org('B3', 0, 0)])).toEqual(['1 B1', '2 B2', '3 B3']);
  });
});
