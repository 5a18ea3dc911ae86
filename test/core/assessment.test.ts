// The organisations' assessment of SPEC 6: exact rates and the first grade whose thresholds are all met.

import { describe, expect, test } from 'vitest';
import { type OrgFacts, assessOrg } from '../../src/core/assessment.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';

/** 10 party members, 9 taking part, 24 h each, 12 activities, 19 of 20 evaluations fine: excellent. */
function facts(over: Partial<OrgFacts> = {}): OrgFacts {
  return { partyMembers: 10, participants: 9, partyMinutes: 10 * 24 * 60, activities: 12, evaluated: 20, satisfiedish: 19, ...over };
}
const grade = (over: Partial<OrgFacts>) => assessOrg(facts(over), DEFAULT_RULES).grade;

describe('assessOrg', () => {
  test('gives exact ratios for every rate', () => {
    expect(assessOrg(facts({ participants: 7, partyMinutes: 1000, activities: 5, evaluated: 3, satisfiedish: 2 }), DEFAULT_RULES)).toEqual({
      partyMembers: 10, participants: 7, participation: { num: 7, den: 10 }, minutes: 1000,
      hoursPerMember: { num: 1000, den: 600 }, activities: 5, activitiesPerMonth: { num: 5, den: 12 },
      satisfaction: { num: 2, den: 3 }, grade: 'poor',
    });
  });

  test('meeting every excellent threshold exactly is excellent', () => {
    expect(grade({})).toBe('excellent');
  });

  test('one threshold missed by a minute drops to the next grade', () => {
    expect(grade({ partyMinutes: 10 * 24 * 60 - 1 })).toBe('good');
  });

  test('participation 0.8 is good, 0.6 fair, 0.4 poor', () => {
    expect(grade({ participants: 8 })).toBe('good');
    expect(grade({ participants: 6 })).toBe('fair');
    expect(grade({ participants: 4 })).toBe('poor');
  });

  test('activities per month is activities / 12: 6 is good, 3 is fair, 2 is poor', () => {
    expect(grade({ activities: 6 })).toBe('good');
    expect(grade({ activities: 3 })).toBe('fair');
    expect(grade({ activities: 2 })).toBe('poor');
  });

  test('satisfaction 0.9 is good, 0.85 fair, 0.75 poor', () => {
    expect(grade({ evaluated: 20, satisfiedish: 18 })).toBe('good');
    expect(grade({ evaluated: 20, satisfiedish: 17 })).toBe('fair');
    expect(grade({ evaluated: 20, satisfiedish: 15 })).toBe('poor');
  });

  test('no evaluated records: no rate, which does not fail a threshold', () => {
    const a = assessOrg(facts({ evaluated: 0, satisfiedish: 0 }), DEFAULT_RULES);
    expect(a.satisfaction).toBeNull();
    expect(a.grade).toBe('excellent');
  });

  test('an organisation with no party members has null rates and no grade', () => {
    const a = assessOrg(facts({ partyMembers: 0, participants: 0, partyMinutes: 0 }), DEFAULT_RULES);
    expect(a).toMatchObject({ participation: null, hoursPerMember: null, grade: null });
  });
});
