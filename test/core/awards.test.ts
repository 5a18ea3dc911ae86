// The award lists of SPEC 5: each eligibility condition alone, the quota, and the tie at the cut.

import { describe, expect, test } from 'vitest';
import {
  type TeamCandidate, type VolunteerCandidate, awardExcellentTeams, awardExcellentVolunteers, hasLeftBy, volunteerQuota,
} from '../../src/core/awards.js';
import { DEFAULT_RULES, parseRules } from '../../src/core/rules.js';

const rules = DEFAULT_RULES;
const YEAR = 2026;

/** A volunteer who meets every condition: a party member with 30 hours and a 10/10 rate. */
function volunteer(volunteer_no: string, over: Partial<VolunteerCandidate> = {}): VolunteerCandidate {
  return {
    volunteer_no, political_status: 'party_member', status: 'active', left_on: null, disciplined_in: null,
    points: 5000, minutes: 30 * 60, records: 10, satisfaction: { num: 10, den: 10 }, upheldComplaints: 0, ...over,
  };
}

const reasonCodes = (c: VolunteerCandidate) =>
  awardExcellentVolunteers([c], rules, YEAR).ineligible.flatMap((i) => i.reasons.map((r) => r.code));

describe('excellent_volunteer eligibility, one condition at a time', () => {
  test('a volunteer meeting every condition is listed', () => {
    const list = awardExcellentVolunteers([volunteer('V1')], rules, YEAR);
    expect(list.listed.map((e) => [e.volunteer_no, e.rank, e.tie_extended])).toEqual([['V1', 1, false]]);
    expect(list.ineligible).toEqual([]);
  });

  test('a probationary member is eligible', () => {
    expect(reasonCodes(volunteer('V1', { political_status: 'probationary' }))).toEqual([]);
  });

  test('a non-member (masses) is not eligible', () => {
    const list = awardExcellentVolunteers([volunteer('V1', { political_status: 'masses' })], rules, YEAR);
    expect(list.ineligible[0]!.reasons).toEqual([
      { code: 'political_status', text: 'political status on 2026-12-31 is masses, not party_member or probationary' },
    ]);
  });

  test('a volunteer who left during the year is not eligible', () => {
    expect(reasonCodes(volunteer('V1', { status: 'left', left_on: '2026-12-31' }))).toEqual(['left']);
  });

  test('a volunteer with status left and no date has left', () => {
    expect(reasonCodes(volunteer('V1', { status: 'left', left_on: null }))).toEqual(['left']);
  });

  test('leaving after the year ended does not matter for that year', () => {
    expect(reasonCodes(volunteer('V1', { status: 'left', left_on: '2027-01-01' }))).toEqual([]);
  });

  test('a suspended volunteer stays eligible', () => {
    expect(reasonCodes(volunteer('V1', { status: 'suspended' }))).toEqual([]);
  });

  test('a volunteer disciplined in the year is not eligible; disciplined in another year is', () => {
    expect(reasonCodes(volunteer('V1', { disciplined_in: 2026 }))).toEqual(['disciplined']);
    expect(reasonCodes(volunteer('V1', { disciplined_in: 2025 }))).toEqual([]);
  });

  test('fewer than 20 approved hours is not eligible, exactly 20 is', () => {
    expect(reasonCodes(volunteer('V1', { minutes: 20 * 60 - 1 }))).toEqual(['min_hours']);
    expect(reasonCodes(volunteer('V1', { minutes: 20 * 60 }))).toEqual([]);
  });

  test('a satisfaction rate below 0.90 is not eligible, exactly 0.90 is', () => {
    expect(reasonCodes(volunteer('V1', { satisfaction: { num: 8, den: 9 } }))).toEqual(['min_satisfaction']);
    expect(reasonCodes(volunteer('V1', { satisfaction: { num: 9, den: 10 } }))).toEqual([]);
  });

  test('a rate that would round to 0.90 but is below it is not eligible', () => {
    expect(reasonCodes(volunteer('V1', { satisfaction: { num: 8999, den: 10000 } }))).toEqual(['min_satisfaction']);
  });

  test('no satisfaction rate does not fail the threshold', () => {
    expect(reasonCodes(volunteer('V1', { satisfaction: null }))).toEqual([]);
  });

  test('an upheld complaint in the year is not eligible', () => {
    expect(reasonCodes(volunteer('V1', { upheldComplaints: 1 }))).toEqual(['upheld_complaints']);
  });

  test('every failing condition is given as a reason', () => {
    expect(reasonCodes(volunteer('V1', { political_status: 'masses', minutes: 0, upheldComplaints: 2 })))
      .toEqual(['political_status', 'min_hours', 'upheld_complaints']);
  });
});

test('hasLeftBy: a date on or before the day, or status left without a date', () => {
  expect(hasLeftBy('left', '2026-12-31', '2026-12-31')).toBe(true);
  expect(hasLeftBy('left', '2027-01-01', '2026-12-31')).toBe(false);
  expect(hasLeftBy('left', null, '2026-12-31')).toBe(true);
  expect(hasLeftBy('active', null, '2026-12-31')).toBe(false);
});

describe('the volunteer quota', () => {
  const partyMembers = (n: number, over: Partial<VolunteerCandidate> = {}) =>
    Array.from({ length: n }, (_, i) => volunteer(`V${String(i).padStart(3, '0')}`, over));

  test('21 party members with records give ceil(1.05) = 2', () => {
    expect(volunteerQuota(partyMembers(21), rules)).toBe(2);
  });

  test('20 party members with records give exactly 1', () => {
    expect(volunteerQuota(partyMembers(20), rules)).toBe(1);
  });

  test('the quota is at least quota_min', () => {
    expect(volunteerQuota([], rules)).toBe(1);
    expect(volunteerQuota(partyMembers(21), parseRules({ awards: { excellent_volunteer: { quota_min: 3 } } }))).toBe(3);
  });

  test('non-members and party members without an approved record do not count', () => {
    const candidates = [...partyMembers(20), ...partyMembers(5, { political_status: 'masses' }), ...partyMembers(5, { records: 0 })];
    expect(volunteerQuota(candidates, rules)).toBe(1);
  });

  test('probationary members count', () => {
    expect(volunteerQuota([...partyMembers(20), volunteer('P1', { political_status: 'probationary' })], rules)).toBe(2);
  });

  test('ineligible party members with records still count towards the quota', () => {
    expect(volunteerQuota(partyMembers(21, { minutes: 0 }), rules)).toBe(2);
  });
});

describe('the cut', () => {
  // quota 2 (ceil(5% × 21)); the 21 eligible rank 1, 2, 2, 4, …
  const field = [
    volunteer('V01', { points: 9000 }), volunteer('V03', { points: 8000 }), volunteer('V02', { points: 8000 }),
    ...Array.from({ length: 18 }, (_, i) => volunteer(`V${i + 10}`, { points: 1000 - i })),
  ];

  test('when the cut falls inside a tie, every tied volunteer is listed and tie-extended', () => {
    const list = awardExcellentVolunteers(field, rules, YEAR);
    expect(list.quota).toBe(2);
    expect(list.listed.map((e) => [e.rank, e.volunteer_no, e.tie_extended])).toEqual([
      [1, 'V01', false], [2, 'V02', true], [2, 'V03', true],
    ]);
    expect(list.exceededByTie).toBe(true);
    expect(list.cut[0]).toMatchObject({ rank: 4, volunteer_no: 'V10', tie_extended: false });
    expect(list.cut).toHaveLength(18);
  });

  test('a tie that ends exactly at the cut extends nothing', () => {
    const list = awardExcellentVolunteers(field, parseRules({ awards: { excellent_volunteer: { quota_min: 3 } } }), YEAR);
    expect(list.listed.map((e) => [e.rank, e.volunteer_no, e.tie_extended])).toEqual([
      [1, 'V01', false], [2, 'V02', false], [2, 'V03', false],
    ]);
    expect(list.exceededByTie).toBe(false);
  });

  test('a tie for first place with a quota of 1 lists both', () => {
    const list = awardExcellentVolunteers([volunteer('V2'), volunteer('V1'), volunteer('V3', { points: 1 })], rules, YEAR);
    expect(list.listed.map((e) => [e.rank, e.volunteer_no, e.tie_extended])).toEqual([[1, 'V1', true], [1, 'V2', true]]);
    expect(list.exceededByTie).toBe(true);
  });

  test('fewer eligible than the quota: all are listed, none tie-extended', () => {
    const candidates = [volunteer('V1'), volunteer('V2'), ...Array.from({ length: 40 }, (_, i) => volunteer(`M${i}`, { minutes: 60 }))];
    const list = awardExcellentVolunteers(candidates, rules, YEAR);
    expect(list.quota).toBe(3);
    expect(list.listed.map((e) => [e.rank, e.volunteer_no, e.tie_extended])).toEqual([[1, 'V1', false], [1, 'V2', false]]);
    expect(list.exceededByTie).toBe(false);
    expect(list.cut).toEqual([]);
    expect(list.ineligible).toHaveLength(40);
  });

  test('the rank is the position among the eligible only', () => {
    const list = awardExcellentVolunteers([volunteer('V1', { points: 9999, upheldComplaints: 1 }), volunteer('V2', { points: 10 })], rules, YEAR);
    expect(list.listed.map((e) => [e.rank, e.volunteer_no])).toEqual([[1, 'V2']]);
  });

  test('a listed volunteer says why it qualified', () => {
    const list = awardExcellentVolunteers([volunteer('V1', { points: 1234, minutes: 1500, satisfaction: { num: 9, den: 10 } })], rules, YEAR);
    expect(list.listed[0]!.why).toBe('12.34 points, 25 hours, satisfaction 0.9 (9 of 10 evaluations not dissatisfied)');
  });
});

/** A team meeting every condition: 6 activities, 2 of 4 members in the party, no evaluations. */
function team(code: string, over: Partial<TeamCandidate> = {}): TeamCandidate {
  return { code, points: 1000, minutes: 600, activities: 6, currentMembers: 4, currentPartyMembers: 2, satisfaction: null, ...over };
}
const teamCodes = (t: TeamCandidate) => awardExcellentTeams([t], rules, YEAR).ineligible.flatMap((i) => i.reasons.map((r) => r.code));

describe('excellent_team', () => {
  test('a team meeting every condition is eligible (half the members, no rate)', () => {
    expect(teamCodes(team('T1'))).toEqual([]);
  });

  test('fewer than 6 activities in the year is not eligible', () => {
    expect(teamCodes(team('T1', { activities: 5 }))).toEqual(['min_activities']);
  });

  test('fewer than half of the current members in the party is not eligible', () => {
    const list = awardExcellentTeams([team('T1', { currentMembers: 3, currentPartyMembers: 1 })], rules, YEAR);
    expect(list.ineligible[0]!.reasons).toEqual([
      { code: 'min_party_share', text: '1 of 3 current members are party members (0.3333), below 0.5' },
    ]);
  });

  test('a team with no current members is not eligible', () => {
    expect(teamCodes(team('T1', { currentMembers: 0, currentPartyMembers: 0 }))).toEqual(['no_members']);
  });

  test('a team satisfaction rate below 0.90 is not eligible', () => {
    expect(teamCodes(team('T1', { satisfaction: { num: 17, den: 20 } }))).toEqual(['min_satisfaction']);
    expect(teamCodes(team('T1', { satisfaction: { num: 18, den: 20 } }))).toEqual([]);
  });

  test('the quota is 3, and a tie at the cut lists every tied team', () => {
    const list = awardExcellentTeams([
      team('T1', { points: 500 }), team('T2', { points: 400 }), team('T4', { points: 300 }), team('T3', { points: 300 }),
      team('T5', { points: 200 }),
    ], rules, YEAR);
    expect(list.quota).toBe(3);
    expect(list.listed.map((e) => [e.rank, e.code, e.tie_extended])).toEqual([
      [1, 'T1', false], [2, 'T2', false], [3, 'T3', true], [3, 'T4', true],
    ]);
    expect(list.exceededByTie).toBe(true);
    expect(list.cut.map((e) => [e.rank, e.code])).toEqual([[5, 'T5']]);
  });

  test('teams equal on points are ranked by hours, then activities', () => {
    const list = awardExcellentTeams([
      team('T1', { minutes: 600, activities: 9 }), team('T2', { minutes: 900 }), team('T3', { minutes: 600, activities: 7 }),
    ], rules, YEAR);
    expect(list.listed.map((e) => e.code)).toEqual(['T2', 'T1', 'T3']);
  });
});
