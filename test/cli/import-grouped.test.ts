// The import writes checked rows in groups of 50; rows that meet a pending one (the same
// volunteer-day) must still see it: duplicates and 24-hour days across rows, near and far apart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { BASIC_VOLUNTEERS, cliEnv, counts, query, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());


/** 120 rows on distinct volunteer-days (line = index + 2), with some rows replaced. */
function sheet(replace: Record<number, string>): string {
  const rows = ['volunteer_no,date,hours'];
  for (let i = 0; i < 120; i++) {
    const d = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 4)));
    rows.push(replace[i] ?? `${BASIC_VOLUNTEERS[i % 4]},${d.toISOString().slice(0, 10)},1`);
  }
  const file = join(t.dir, 'service.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

test('duplicates within a group and across the group boundary name both lines; a day over 24 h across rows', () => {
  const file = sheet({
    10: 'B11-0001,2026-06-01,2', 40: 'B11-0001,2026-06-01,2', // the same record, same group
    45: 'B11-0002,2026-06-02,3', 75: 'B11-0002,2026-06-02,3', // across the boundary at 50
    20: 'B11-0003,2026-06-03,20', 30: 'B11-0003,2026-06-03,5', // 25 hours in a day
  });
  const before = counts(t.dbPath);
  const r = t.run('import', 'service', file);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${file}:42: the same record as line 12`);
  expect(r.stderr).toContain(`${file}:77: the same record as line 47`);
  expect(r.stderr).toMatch(new RegExp(`${file}:32: hours: B11-0003 would have 25\\.00 hours on 2026-06-03`));
  expect(counts(t.dbPath)).toEqual(before);
});

test('a clean sheet of 120 rows is written whole, each row once, in file order', () => {
  const r = t.run('import', 'service', sheet({}));
  expect(r.code, r.stderr).toBe(0);
  // piped: no progress line rewritten in place, just the summary
  expect(r.stderr).not.toContain('\r');
  expect(r.stderr).toMatch(/120 rows read, 120 written, 0 already stored, 0 rejected in [\d.]+ s/);
  const rows = query(t.dbPath, "SELECT volunteer_no, date FROM records WHERE kind = 'service' ORDER BY pk");
  expect(rows).toHaveLength(120);
  expect(rows[0]).toEqual({ volunteer_no: 'B11-0001', date: '2026-01-01' });
  expect(rows[119]).toEqual({ volunteer_no: 'B12-0001', date: '2026-01-30' });
});

test('rows meeting records stored by an earlier import are found on any day, in any order', () => {
  expect(t.run('import', 'service', sheet({ 100: 'B11-0003,2026-06-09,9' })).code).toBe(0);
  // a second sheet, not in date order: rows already stored (lines 3, 6), new rows (2, 4, 5: on a
  // stored day) and one overfilling a stored day (7)
  const rows = ['volunteer_no,date,hours', 'B11-0001,2026-07-01,1', 'B11-0003,2026-06-09,9', 'B11-0002,2026-07-02,1',
    'B11-0003,2026-01-03,2', 'B12-0001,2026-01-02,1', 'B11-0003,2026-06-09,16'];
  const second = join(t.dir, 'second.csv');
  writeFileSync(second, rows.join('\n') + '\n');
  const r = t.run('import', 'service', second);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${second}:7: hours: B11-0003 would have 25.00 hours on 2026-06-09`);
  expect(r.stderr).toMatch(/6 rows read, 3 written, 2 already stored, 1 rejected|1 of 6 rows have problems/);
  const ok = t.run('import', 'service', second, '--skip-invalid');
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stderr).toMatch(/6 rows read, 3 written, 2 already stored, 1 rejected/);
  expect(query(t.dbPath, "SELECT sum(minutes) AS m FROM records WHERE volunteer_no = 'B11-0003' AND date = '2026-01-03'")).toEqual([{ m: 180 }]);
});
