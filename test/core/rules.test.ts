// The rules document: defaults, merging a partial file, refusals naming their path, versions per year.

import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { DEFAULT_RULES, compileRules, parseRules, parseRulesText, rulesForYear } from '../../src/core/rules.js';

/** The message of the UserError that parseRules throws for a document. */
function refusal(json: unknown): string {
  try {
    parseRules(json);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).message;
  }
  throw new Error('expected the rules to be refused');
}

describe('parseRules', () => {
  test('an empty document is the defaults', () => {
    expect(parseRules({})).toEqual(DEFAULT_RULES);
  });

  test('the defaults are the SPEC 4 document', () => {
    expect(DEFAULT_RULES.points_per_hour).toBe(1);
    expect(DEFAULT_RULES.max_hours_per_day).toBe(8);
    expect(DEFAULT_RULES.special_days).toEqual({ dates: ['03-05', '12-05'], multiplier: 1.5 });
    expect(DEFAULT_RULES.evaluation).toEqual({ satisfied: 1, fairly_satisfied: 0.5, basically_satisfied: 0, dissatisfied: -2 });
    expect(DEFAULT_RULES.stars).toEqual([100, 300, 600, 1000, 1500]);
    expect(DEFAULT_RULES.awards.excellent_volunteer).toMatchObject({ min_hours: 20, min_satisfaction: 0.9, quota_percent: 5, quota_min: 1 });
    expect(DEFAULT_RULES.awards.excellent_team).toMatchObject({ min_activities: 6, min_party_share: 0.5, min_satisfaction: 0.9, quota: 3 });
    expect(DEFAULT_RULES.assessment.grades.map((g) => g.grade)).toEqual(['excellent', 'good', 'fair']);
  });

  test('a partial document is merged key by key over the defaults', () => {
    const rules = parseRules({ points_per_hour: 2, awards: { excellent_team: { quota: 5 } } });
    expect(rules.points_per_hour).toBe(2);
    expect(rules.awards.excellent_team).toEqual({ ...DEFAULT_RULES.awards.excellent_team, quota: 5 });
    expect(rules.awards.excellent_volunteer).toEqual(DEFAULT_RULES.awards.excellent_volunteer);
    expect(rules.leader_bonus).toBe(2);
  });

  test('an array replaces the default array instead of merging with it', () => {
    const rules = parseRules({ special_days: { dates: ['07-01'] } });
    expect(rules.special_days).toEqual({ dates: ['07-01'], multiplier: 1.5 });
  });

  test('a fractional quota is refused with its path', () => {
    expect(refusal({ awards: { excellent_team: { quota: 2.5 } } })).toBe('awards.excellent_team.quota: expected a whole number');
  });

  test('an unknown key is refused with its path and the keys that exist there', () => {
    expect(refusal({ awards: { excellent_team: { quotas: 3 } } })).toBe(
      'awards.excellent_team.quotas: unknown key; the keys here are title, min_activities, min_party_share, min_satisfaction, quota',
    );
    expect(refusal({ point_per_hour: 2 })).toMatch(/^point_per_hour: unknown key; the keys here are points_per_hour, /);
  });

  test('a point value with more than 2 decimals is refused', () => {
    expect(refusal({ leader_bonus: 2.005 })).toBe('leader_bonus: expected points with at most 2 decimals');
    expect(refusal({ evaluation: { satisfied: 0.125 } })).toBe('evaluation.satisfied: expected points with at most 2 decimals');
  });

  test('a point value with exactly 2 decimals is accepted even where binary floats are inexact', () => {
    expect(compileRules(parseRules({ leader_bonus: 0.29, no_show: -1.15 }))).toMatchObject({ leaderBonus: 29, noShow: -115 });
  });

  test('a value of the wrong type is refused', () => {
    expect(refusal({ points_per_hour: '1' })).toBe('points_per_hour: expected a number of points');
    expect(refusal({ special_days: null })).toBe('special_days: expected an object');
  });

  test('every problem is reported, one line each', () => {
    try {
      parseRules({ no_show: 3, stars: [300, 100], extra: 1 });
      expect.unreachable();
    } catch (e) {
      const err = e as UserError;
      expect(err.details).toHaveLength(3);
      expect(err.message.split('\n')).toEqual(err.details);
      expect(err.details).toContain('no_show: expected a deduction of 0 or less, e.g. -3');
      expect(err.details).toContain('stars: expected thresholds in increasing order');
    }
  });

  test('special days must be real MM-DD dates', () => {
    expect(refusal({ special_days: { dates: ['02-30'] } })).toBe('special_days.dates[0]: expected a real date written MM-DD, e.g. "03-05"');
    expect(refusal({ special_days: { dates: ['03-05', '3-5'] } })).toMatch(/^special_days\.dates\[1\]: /);
    expect(parseRules({ special_days: { dates: ['02-29'] } }).special_days.dates).toEqual(['02-29']);
  });

  test('a grade given without one of its thresholds names the missing key', () => {
    const grades = [{ grade: 'excellent', participation: 0.9, hours_per_member: 24, activities_per_month: 1 }];
    expect(refusal({ assessment: { grades } })).toBe('assessment.grades[0].satisfaction: is required');
  });

  test('max_hours_per_day must make whole minutes and at most 24 hours', () => {
    expect(compileRules(parseRules({ max_hours_per_day: 7.5 })).maxMinutesPerDay).toBe(450);
    expect(refusal({ max_hours_per_day: 0.3333 })).toBe('max_hours_per_day: expected hours that make whole minutes, e.g. 7.5 or 7.25');
    expect(refusal({ max_hours_per_day: 25 })).toBe('max_hours_per_day: expected at most 24 hours');
  });

  test('a document that is not an object is refused', () => {
    expect(refusal([1, 2])).toMatch(/^rules: expected a JSON object/);
  });
});

test('parseRulesText names the file when the JSON is broken', () => {
  expect(() => parseRulesText('{"points_per_hour": 2,}', 'city.json')).toThrow(/^city\.json: not valid JSON/);
  expect(parseRulesText('\uFEFF{"points_per_hour": 2}').points_per_hour).toBe(2);
});

test('compileRules turns points into hundredths and hours into minutes', () => {
  const c = compileRules(DEFAULT_RULES);
  expect(c).toMatchObject({
    pointsPerHour: 100, maxMinutesPerDay: 480, multiplier: 150, leaderBonus: 200, trainingPointsPerHour: 50,
    noShow: -300, complaintUpheld: -500, starMinutes: [6000, 18000, 36000, 60000, 90000],
    evaluation: { satisfied: 100, fairly_satisfied: 50, basically_satisfied: 0, dissatisfied: -200 },
    commendation: { county: 500, city: 1000, province: 2000, national: 3000 },
  });
  expect([...c.specialDays]).toEqual(['03-05', '12-05']);
});

describe('rulesForYear', () => {
  const v2025 = { from_year: 2025, document: { points_per_hour: 2 } };
  const v2027 = { from_year: 2027, document: '{"points_per_hour": 3}' };

  test('no stored version gives the defaults', () => {
    expect(rulesForYear([], 2026)).toEqual(DEFAULT_RULES);
  });

  test('a year before every stored version gives the defaults', () => {
    expect(rulesForYear([v2025], 2024)).toEqual(DEFAULT_RULES);
  });

  test('the version with the greatest from_year not after the year applies', () => {
    expect(rulesForYear([v2025, v2027], 2026).points_per_hour).toBe(2);
    expect(rulesForYear([v2025, v2027], 2028).points_per_hour).toBe(3);
  });

  test('rules stored for a later year leave the earlier year unchanged', () => {
    const before = rulesForYear([v2025], 2026);
    const after = rulesForYear([v2025, { from_year: 2027, document: { points_per_hour: 5 } }], 2026);
    expect(after).toEqual(before);
  });

  test('between two versions from the same year, the one stored later wins', () => {
    const again = { from_year: 2025, document: { points_per_hour: 4 } };
    expect(rulesForYear([v2025, again], 2026).points_per_hour).toBe(4);
    expect(rulesForYear([again, v2025], 2026).points_per_hour).toBe(2);
  });
});
