// The points engine of SPEC 4, one behaviour per test, expected values computed by hand.

import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, parseRules } from '../../src/core/rules.js';
import {
  type ScoreRecord, scoreEntries, starLevel, sumActivityYears, summariseYearFigures,
} from '../../src/core/scoring.js';

const rules = DEFAULT_RULES;

function rec(over: Partial<ScoreRecord>): ScoreRecord {
  return {
    id: 'r1', kind: 'service', volunteer_no: 'V1', date: '2026-04-01', start: null, minutes: 60, role: 'participant',
    evaluation: null, status: 'approved', level: null, upheld: null, points: null, activity: null, ...over,
  };
}

const entries = (records: ScoreRecord[], year = 2026) =>
  scoreEntries(records, rules, year).map((e) => ({ kind: e.kind, ref: e.ref, minutes: e.minutes, points: e.points, rule: e.rule }));
const total = (records: ScoreRecord[], year = 2026) => summariseYearFigures(records, rules, year).volunteers.get('V1')?.points;

describe('service hours', () => {
  test('50 minutes earn 0.83 (rounded once, half away from zero)', () => {
    expect(entries([rec({ minutes: 50 })])).toEqual([{ kind: 'service', ref: 'r1', minutes: 50, points: 83, rule: '50/60 h × 1' }]);
  });

  test('2.5 hours on a special day earn 2.5 × 1.5 = 3.75', () => {
    expect(entries([rec({ date: '2026-03-05', minutes: 150 })])).toEqual([
      { kind: 'service', ref: 'r1', minutes: 150, points: 375, rule: '2.5 h × 1 × 1.5 (special day)' },
    ]);
  });

  test('9 minutes on 03-05 are 0.225 points, rounded to 0.23', () => {
    expect(entries([rec({ date: '2026-03-05', minutes: 9 })])[0]).toMatchObject({ points: 23, rule: '0.15 h × 1 × 1.5 (special day)' });
  });

  test('12-05 is a special day too, 12-06 is not', () => {
    expect(total([rec({ date: '2026-12-05', minutes: 60 })])).toBe(150);
    expect(total([rec({ date: '2026-12-06', minutes: 60 })])).toBe(100);
  });

  test('points_per_hour scales the hours entry', () => {
    const twice = parseRules({ points_per_hour: 2 });
    expect(scoreEntries([rec({ minutes: 50 })], twice, 2026)[0]).toMatchObject({ points: 167, rule: '50/60 h × 2' });
  });
});

describe('the daily cap', () => {
  // 09:00 (300 min) is credited first, then 14:00 (300 → 180), then the record without a start (120 → 0)
  const day = [
    rec({ id: 'a', start: '14:00', minutes: 300 }),
    rec({ id: 'b', start: null, minutes: 120 }),
    rec({ id: 'c', start: '09:00', minutes: 300 }),
  ];

  test('a day over 8 hours is credited in order of start time, records without one last', () => {
    expect(entries(day)).toEqual([
      { kind: 'service', ref: 'c', minutes: 300, points: 500, rule: '5 h × 1' },
      { kind: 'service', ref: 'a', minutes: 180, points: 300, rule: 'capped: 180 of 300 minutes credited; 3 h × 1' },
      { kind: 'service', ref: 'b', minutes: 0, points: 0, rule: 'capped: 0 of 120 minutes credited; 0 h × 1' },
    ]);
  });

  test('the cap limits points, not the hours summarised', () => {
    expect(summariseYearFigures(day, rules, 2026).volunteers.get('V1')).toMatchObject({ points: 800, minutes: 720, records: 3 });
  });

  test('records with the same start time are credited in order of id', () => {
    const same = [rec({ id: 'y', start: '09:00', minutes: 400 }), rec({ id: 'x', start: '09:00', minutes: 400 })];
    expect(entries(same).map((e) => [e.ref, e.minutes])).toEqual([['x', 400], ['y', 80]]);
  });

  test('start times compare as times, 9:00 before 10:00', () => {
    const early = [rec({ id: 'a', start: '10:00', minutes: 400 }), rec({ id: 'b', start: '9:00', minutes: 400 })];
    expect(entries(early).map((e) => [e.ref, e.minutes])).toEqual([['b', 400], ['a', 80]]);
    expect(total(early)).toBe(800);
  });

  test('records without a start are credited in order of id', () => {
    const noStart = [rec({ id: 'b', minutes: 400 }), rec({ id: 'a', minutes: 400 })];
    expect(entries(noStart).map((e) => [e.ref, e.minutes])).toEqual([['a', 400], ['b', 80]]);
  });

  test('a single record longer than the cap is credited the cap', () => {
    expect(entries([rec({ minutes: 600 })])[0]).toMatchObject({ minutes: 480, points: 800, rule: 'capped: 480 of 600 minutes credited; 8 h × 1' });
    expect(total([rec({ minutes: 600 })])).toBe(800);
  });

  test('the cap is per volunteer and per day', () => {
    const records = [
      rec({ id: 'a', minutes: 400 }), rec({ id: 'b', minutes: 400, date: '2026-04-02' }),
      rec({ id: 'c', minutes: 400, volunteer_no: 'V2' }),
    ];
    expect(scoreEntries(records, rules, 2026).map((e) => e.minutes)).toEqual([400, 400, 400]);
  });

  test('a smaller cap from the rules applies', () => {
    const short = parseRules({ max_hours_per_day: 4 });
    expect(scoreEntries([rec({ minutes: 300 })], short, 2026)[0]).toMatchObject({ minutes: 240, points: 400 });
  });

  test('on a special day the credited minutes are multiplied', () => {
    const special = [rec({ id: 'a', date: '2026-03-05', start: '08:00', minutes: 420 }), rec({ id: 'b', date: '2026-03-05', start: '16:00', minutes: 120 })];
    // 420 + 60 credited: 7 h × 1.5 = 10.5 and 1 h × 1.5 = 1.5
    expect(entries(special).map((e) => e.points)).toEqual([1050, 150]);
  });
});

describe('leader bonus and evaluations', () => {
  test('a leader earns the bonus as its own entry', () => {
    expect(entries([rec({ role: 'leader' })])).toEqual([
      { kind: 'service', ref: 'r1', minutes: 60, points: 100, rule: '1 h × 1' },
      { kind: 'leader', ref: 'r1', minutes: 0, points: 200, rule: 'leader bonus +2' },
    ]);
  });

  test('the leader bonus is not multiplied on a special day', () => {
    expect(entries([rec({ role: 'leader', date: '2026-03-05' })]).map((e) => e.points)).toEqual([150, 200]);
  });

  test('a fully capped leader still earns the bonus', () => {
    const records = [rec({ id: 'a', start: '08:00', minutes: 480 }), rec({ id: 'b', start: '17:00', minutes: 60, role: 'leader' })];
    expect(entries(records).map((e) => [e.ref, e.kind, e.points])).toEqual([['a', 'service', 800], ['b', 'service', 0], ['b', 'leader', 200]]);
  });

  test.each([
    ['satisfied', 100, 'evaluation satisfied +1'],
    ['fairly_satisfied', 50, 'evaluation fairly_satisfied +0.5'],
    ['basically_satisfied', 0, 'evaluation basically_satisfied 0'],
    ['dissatisfied', -200, 'evaluation dissatisfied -2'],
  ])('an evaluation %s gives its own entry of %i', (evaluation, points, rule) => {
    expect(entries([rec({ evaluation })])[1]).toEqual({ kind: 'evaluation', ref: 'r1', minutes: 0, points, rule });
  });

  test('a record without an evaluation has no evaluation entry', () => {
    expect(entries([rec({})]).map((e) => e.kind)).toEqual(['service']);
  });

  test('the evaluation is not multiplied on a special day', () => {
    expect(entries([rec({ evaluation: 'satisfied', date: '2026-03-05' })]).map((e) => e.points)).toEqual([150, 100]);
  });
});

describe('other kinds of record', () => {
  test('training earns hours × 0.5, rounded once: 100 minutes = 0.833… → 0.83', () => {
    expect(entries([rec({ kind: 'training', minutes: 100 })])).toEqual([
      { kind: 'training', ref: 'r1', minutes: 100, points: 83, rule: '100/60 h training × 0.5' },
    ]);
  });

  test('training is not capped and not multiplied on a special day', () => {
    expect(total([rec({ kind: 'training', minutes: 600, date: '2026-03-05' })])).toBe(500);
  });

  test.each([['county', 500], ['city', 1000], ['province', 2000], ['national', 3000]])('a %s commendation earns %i', (level, points) => {
    expect(entries([rec({ kind: 'commendation', minutes: null, level })])).toEqual([
      { kind: 'commendation', ref: 'r1', minutes: 0, points, rule: `commendation ${level} +${points / 100}` },
    ]);
  });

  test('a no-show costs 3', () => {
    expect(entries([rec({ kind: 'no_show', minutes: null })])).toEqual([{ kind: 'no-show', ref: 'r1', minutes: 0, points: -300, rule: 'no-show -3' }]);
  });

  test('an upheld complaint costs 5', () => {
    expect(entries([rec({ kind: 'complaint', minutes: null, upheld: true })])).toEqual([
      { kind: 'complaint', ref: 'r1', minutes: 0, points: -500, rule: 'upheld complaint -5' },
    ]);
  });

  test('a complaint not upheld costs nothing and makes no entry', () => {
    const records = [rec({ kind: 'complaint', minutes: null, upheld: false })];
    expect(entries(records)).toEqual([]);
    expect(summariseYearFigures(records, rules, 2026).volunteers.has('V1')).toBe(false);
  });

  test('an adjustment gives its own points', () => {
    expect(entries([rec({ kind: 'adjustment', minutes: null, points: -250 })])).toEqual([
      { kind: 'adjustment', ref: 'r1', minutes: 0, points: -250, rule: 'adjustment -2.5' },
    ]);
  });
});

describe('which records count', () => {
  test('pending and rejected records count for nothing', () => {
    const records = [rec({ id: 'a', status: 'pending' }), rec({ id: 'b', status: 'rejected' }), rec({ id: 'c' })];
    expect(entries(records).map((e) => e.ref)).toEqual(['c']);
    expect(summariseYearFigures(records, rules, 2026).volunteers.get('V1')).toMatchObject({ points: 100, minutes: 60, records: 1 });
  });

  test('a pending record does not use up the daily cap', () => {
    const records = [rec({ id: 'a', start: '08:00', minutes: 480, status: 'pending' }), rec({ id: 'b', start: '17:00', minutes: 60 })];
    expect(total(records)).toBe(100);
  });

  test('12-31 belongs to its year and 01-01 to the next', () => {
    const records = [rec({ id: 'a', date: '2025-12-31', minutes: 60 }), rec({ id: 'b', date: '2026-01-01', minutes: 120 })];
    expect(entries(records, 2025).map((e) => e.ref)).toEqual(['a']);
    expect(entries(records, 2026).map((e) => e.ref)).toEqual(['b']);
    expect(total(records, 2025)).toBe(100);
    expect(total(records, 2026)).toBe(200);
  });
});

describe('summariseYearFigures: volunteers', () => {
  test('sums the entries and counts hours, records, evaluations and upheld complaints', () => {
    const records = [
      rec({ id: 'a', minutes: 90, evaluation: 'satisfied', role: 'leader' }),
      rec({ id: 'b', minutes: 30, evaluation: 'dissatisfied', date: '2026-05-01' }),
      rec({ id: 'c', minutes: 45, evaluation: 'basically_satisfied', date: '2026-05-02' }),
      rec({ id: 'd', kind: 'complaint', minutes: null, upheld: true }),
      rec({ id: 'e', kind: 'training', minutes: 120 }),
    ];
    // 150 + 200 + 100 | 50 - 200 | 75 + 0 | -500 | 100
    expect(summariseYearFigures(records, rules, 2026).volunteers.get('V1')).toEqual({
      points: -25, minutes: 165, records: 3, evaluated: 3, satisfiedish: 2, upheldComplaints: 1, satisfaction: { num: 2, den: 3 },
      byKind: { service: 275, leader: 200, evaluation: -100, complaint: -500, training: 100 },
    });
  });

  test('a volunteer with no evaluated record has no satisfaction rate', () => {
    expect(summariseYearFigures([rec({})], rules, 2026).volunteers.get('V1')?.satisfaction).toBeNull();
  });

  test('keeps volunteers apart', () => {
    const s = summariseYearFigures([rec({ id: 'a' }), rec({ id: 'b', volunteer_no: 'V2', minutes: 30 })], rules, 2026).volunteers;
    expect([...s].map(([v, y]) => [v, y.points])).toEqual([['V1', 100], ['V2', 50]]);
  });
});

describe('summariseYearFigures: activities', () => {
  test('an activity gets the entries of the records on it, but not no-shows', () => {
    const records = [
      rec({ id: 'a', activity: 'A1', minutes: 120, role: 'leader', evaluation: 'satisfied' }),
      rec({ id: 'b', activity: 'A1', volunteer_no: 'V2', minutes: 60, evaluation: 'dissatisfied' }),
      rec({ id: 'c', activity: 'A1', kind: 'no_show', volunteer_no: 'V3', minutes: null }),
      rec({ id: 'd', activity: null, minutes: 60 }),
    ];
    // 200 + 200 + 100 | 100 - 200
    expect(summariseYearFigures(records, rules, 2026).activities).toEqual(new Map([
      ['A1', { points: 400, minutes: 180, records: 2, evaluated: 2, satisfiedish: 1, satisfaction: { num: 1, den: 2 } }],
    ]));
  });

  test('a team sums its activities', () => {
    const a = { points: 100, minutes: 60, records: 1, evaluated: 1, satisfiedish: 1, satisfaction: { num: 1, den: 1 } };
    const b = { points: 50, minutes: 30, records: 1, evaluated: 0, satisfiedish: 0, satisfaction: null };
    expect(sumActivityYears([a, b])).toEqual({ points: 150, minutes: 90, records: 2, evaluated: 1, satisfiedish: 1, satisfaction: { num: 1, den: 1 } });
  });
});

describe('starLevel', () => {
  test.each([[0, 0], [100 * 60 - 1, 0], [100 * 60, 1], [300 * 60, 2], [999 * 60, 3], [1000 * 60, 4], [2000 * 60, 5]])(
    '%i minutes are %i stars', (minutes, stars) => {
      expect(starLevel(minutes, rules)).toBe(stars);
    },
  );
});
