// Properties of the points engine on random records: the fast summary agrees with the listed entries.

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileRules, parseRules } from '../../src/core/rules.js';
import { creditInOrder, creditOrder, RunningYearFigures, type ScoreRecord, scoreEntries, summariseYearFigures } from '../../src/core/scoring.js';

const YEAR = 2026;

const recordArb: fc.Arbitrary<Omit<ScoreRecord, 'id'> & { tag: string }> = fc.record({
  tag: fc.constantFrom('a', 'm', 'z'),
  kind: fc.constantFrom('service', 'service', 'service', 'training', 'commendation', 'complaint', 'no_show', 'adjustment'),
  volunteer_no: fc.constantFrom('V1', 'V2', 'V3'),
  date: fc.constantFrom('2025-12-31', '2026-01-01', '2026-03-05', '2026-06-10', '2026-12-05', '2026-12-31', '2027-01-01'),
  start: fc.constantFrom(null, '08:00', '9:00', '09:00', '13:30'),
  minutes: fc.integer({ min: 1, max: 600 }),
  role: fc.constantFrom('participant', 'leader', null),
  evaluation: fc.constantFrom(null, 'satisfied', 'fairly_satisfied', 'basically_satisfied', 'dissatisfied'),
  status: fc.constantFrom('approved', 'approved', 'approved', 'pending', 'rejected'),
  level: fc.constantFrom('county', 'city', 'province', 'national'),
  upheld: fc.boolean(),
  points: fc.integer({ min: -1000, max: 1000 }),
  activity: fc.constantFrom(null, 'A1', 'A2'),
});

// ids in a different order from the list, so that ordering by id is exercised
const recordsArb = fc.array(recordArb, { maxLength: 60 }).map((rs) =>
  rs.map(({ tag, ...r }, i): ScoreRecord => ({ ...r, id: `${tag}${String(i).padStart(3, '0')}` })));

const rulesArb = fc.record({
  max_hours_per_day: fc.constantFrom(1, 2.5, 8, 24),
  points_per_hour: fc.constantFrom(1, 0.37, 3),
  special_days: fc.record({ dates: fc.constant(['03-05', '12-05']), multiplier: fc.constantFrom(1, 1.5, 1.33, 2.25) }),
  training_points_per_hour: fc.constantFrom(0.5, 0.33),
}).map(parseRules);

function sumBy<K>(items: Iterable<{ key: K; value: number }>): Map<K, number> {
  const m = new Map<K, number>();
  for (const { key, value } of items) m.set(key, (m.get(key) ?? 0) + value);
  return m;
}

test('per volunteer, the sum of the listed entries is the summarised points', () => {
  fc.assert(fc.property(recordsArb, rulesArb, (records, rules) => {
    const listed = sumBy(scoreEntries(records, rules, YEAR).map((e) => ({ key: e.volunteer_no, value: e.points })));
    const summary = summariseYearFigures(records, rules, YEAR).volunteers;
    expect(new Map([...summary].map(([v, y]) => [v, y.points]))).toEqual(listed);
  }), { numRuns: 500 });
});

test('per activity, the summarised points are the entries on it except no-shows', () => {
  fc.assert(fc.property(recordsArb, rulesArb, (records, rules) => {
    const listed = sumBy(scoreEntries(records, rules, YEAR)
      .filter((e) => e.activity !== null && e.kind !== 'no-show')
      .map((e) => ({ key: e.activity!, value: e.points })));
    const summary = summariseYearFigures(records, rules, YEAR).activities;
    expect(new Map([...summary].map(([a, y]) => [a, y.points]))).toEqual(listed);
  }), { numRuns: 300 });
});

test('a volunteer-day is credited min(its approved minutes, the cap), and hours are not capped', () => {
  fc.assert(fc.property(recordsArb, rulesArb, (records, rules) => {
    const cap = compileRules(rules).maxMinutesPerDay;
    const counted = records.filter((r) => r.kind === 'service' && r.status === 'approved' && r.date.startsWith(`${YEAR}-`));
    const recorded = sumBy(counted.map((r) => ({ key: `${r.volunteer_no} ${r.date}`, value: r.minutes! })));
    const credited = sumBy(scoreEntries(records, rules, YEAR).filter((e) => e.kind === 'service')
      .map((e) => ({ key: `${e.volunteer_no} ${e.date}`, value: e.minutes })));
    expect(credited).toEqual(new Map([...recorded].map(([k, m]) => [k, Math.min(m, cap)])));
    const hours = sumBy(counted.map((r) => ({ key: r.volunteer_no, value: r.minutes! })));
    for (const [v, y] of summariseYearFigures(records, rules, YEAR).volunteers) expect(y.minutes).toBe(hours.get(v) ?? 0);
  }), { numRuns: 300 });
});

test('the order the records arrive in changes nothing', () => {
  fc.assert(fc.property(recordsArb, rulesArb, (records, rules) => {
    const reversed = [...records].reverse();
    expect(summariseYearFigures(reversed, rules, YEAR).volunteers).toEqual(summariseYearFigures(records, rules, YEAR).volunteers);
    expect(scoreEntries(reversed, rules, YEAR)).toEqual(scoreEntries(records, rules, YEAR));
  }), { numRuns: 200 });
});

/** The oracle for the months: each approved service record of the year, as recorded, in its month. */
function minutesByMonth(records: readonly ScoreRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of records) {
    if (r.kind !== 'service' || r.status !== 'approved' || !r.date.startsWith(`${YEAR}-`)) continue;
    let m = out.get(r.volunteer_no);
    if (!m) out.set(r.volunteer_no, (m = new Array<number>(12).fill(0)));
    m[Number(r.date.slice(5, 7)) - 1]! += r.minutes ?? 0;
  }
  return out;
}

test('the months of summariseYearFigures (what the year cache stores) are the service minutes as recorded', () => {
  fc.assert(fc.property(recordsArb, rulesArb, (records, rules) => {
    const all = summariseYearFigures(records, rules, YEAR);
    expect(all.months).toEqual(minutesByMonth(records));
    for (const [no, m] of all.months) expect(m.reduce((a, b) => a + b, 0)).toBe(all.volunteers.get(no)!.minutes);
  }));
});

test('running figures: records added in two parts, days over the cap credited again, equal the figures of all', () => {
  fc.assert(fc.property(recordsArb, fc.nat(60), rulesArb, (records, split, rules) => {
    const before = records.slice(0, split), after = records.slice(split);
    const running = new RunningYearFigures(rules, YEAR, summariseYearFigures(before, rules, YEAR));
    const cap = compileRules(rules).maxMinutesPerDay;
    const approved = new Map<string, number>();
    const dayOf = (r: ScoreRecord) => `${r.volunteer_no} ${r.date}`;
    for (const r of before) if (r.kind === 'service' && running.counts(r)) approved.set(dayOf(r), (approved.get(dayOf(r)) ?? 0) + r.minutes!);
    // as an import adds them: each credited up to the cap, a day that goes over marked
    const marked = new Set<string>();
    for (const r of after) {
      running.add(r);
      if (r.kind !== 'service' || !running.counts(r)) continue;
      const had = approved.get(dayOf(r)) ?? 0;
      if (had > 0 && had + r.minutes! > cap) marked.add(dayOf(r));
      approved.set(dayOf(r), had + r.minutes!);
    }
    for (const day of marked) {
      const inDay = (rs: ScoreRecord[]) => rs.filter((r) => r.kind === 'service' && running.counts(r) && dayOf(r) === day).sort(creditOrder);
      const all = inDay(records), older = inDay(before);
      const now = creditInOrder(all.map((r) => r.minutes!), cap), was = creditInOrder(older.map((r) => r.minutes!), cap);
      all.forEach((r, i) => {
        const o = older.indexOf(r);
        running.recredit(r, o >= 0 ? was[o]! : Math.min(r.minutes!, cap), now[i]!);
      });
    }
    expect(running.figures()).toEqual(summariseYearFigures(records, rules, YEAR));
  }), { numRuns: 500 });
});
