// The import's map of volunteer-days with records (src/io/known-days.ts): read per date from the
// database, kept up to date with the rows an import writes, dropped and read again when full.
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { DayState, KnownDays } from '../../src/io/known-days.js';

function db() {
  const d = new Database(':memory:');
  d.exec(`CREATE TABLE records (pk INTEGER PRIMARY KEY, volunteer_no TEXT, date TEXT);
    CREATE INDEX records_day ON records(date, volunteer_no);
    INSERT INTO records (volunteer_no, date) VALUES ('V1', '2025-03-01'), ('V2', '2025-03-01'), ('V1', '2025-03-02');`);
  return d;
}

describe('KnownDays', () => {
  test('says which volunteer-days have stored records, reading each date once', () => {
    const d = db();
    let reads = 0;
    const days = new KnownDays(d, () => reads++);
    expect(days.state('2025-03-01', 'V1')).toBe(DayState.Stored);
    expect(days.state('2025-03-01', 'V2')).toBe(DayState.Stored);
    expect(days.state('2025-03-01', 'V3')).toBe(DayState.None);
    expect(days.state('2025-03-02', 'V2')).toBe(DayState.None);
    expect(days.state('2025-03-02', 'V1')).toBe(DayState.Stored);
    expect(reads).toBe(2);
  });

  test('pending rows are marked, and stored once written; a volunteer first seen later fits in', () => {
    const days = new KnownDays(db(), () => {});
    expect(days.state('2025-03-01', 'V1')).toBe(DayState.Stored);
    days.markPending('2025-03-01', 'V9');
    expect(days.state('2025-03-01', 'V9')).toBe(DayState.Pending);
    for (let i = 0; i < 100; i++) days.markPending('2025-03-01', `N${i}`);
    expect(days.state('2025-03-01', 'N99')).toBe(DayState.Pending);
    expect(days.state('2025-03-01', 'V2')).toBe(DayState.Stored);
    // the neighbours sharing a byte keep their own states
    expect(days.state('2025-03-01', 'N98')).toBe(DayState.Pending);
    expect(days.state('2025-03-01', 'V1')).toBe(DayState.Stored);
    days.markStored('2025-03-01', 'V9');
    expect(days.state('2025-03-01', 'V9')).toBe(DayState.Stored);
  });

  test('four volunteers share a byte, each keeping its own state (checked against a plain map)', () => {
    const days = new KnownDays(db(), () => {});
    const model = new Map<string, DayState>([['2025-03-01 V1', DayState.Stored], ['2025-03-01 V2', DayState.Stored], ['2025-03-02 V1', DayState.Stored]]);
    let x = 12345;
    for (let n = 0; n < 2000; n++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const date = `2025-03-0${1 + (x % 3)}`, v = `V${(x >> 8) % 23}`;
      if ((x >> 4) % 3 === 0) { days.markPending(date, v); model.set(`${date} ${v}`, DayState.Pending); }
      else if ((x >> 4) % 3 === 1 && model.get(`${date} ${v}`) === DayState.Pending) { days.markStored(date, v); model.set(`${date} ${v}`, DayState.Stored); }
      else expect(days.state(date, v), `${date} ${v}`).toBe(model.get(`${date} ${v}`) ?? DayState.None);
    }
  });

  test('when full, the oldest dates are dropped after the pending rows are written, and read again when met', () => {
    const d = db();
    const insert = d.prepare('INSERT INTO records (volunteer_no, date) VALUES (?, ?)');
    const pending: [string, string][] = [];
    let reads = 0;
    let days!: KnownDays;
    // the writer an import has: pending rows go to the database, then are marked stored
    const flush = () => {
      reads++;
      for (const [v, date] of pending) { insert.run(v, date); days.markStored(date, v); }
      pending.length = 0;
    };
    days = new KnownDays(d, flush, 2); // bytes: each date below takes 1 (four volunteers a byte)
    expect(days.state('2025-03-05', 'V1')).toBe(DayState.None);
    days.markPending('2025-03-05', 'V1');
    pending.push(['V1', '2025-03-05']);
    expect(days.state('2025-03-06', 'V2')).toBe(DayState.None);
    expect(days.state('2025-03-07', 'V3')).toBe(DayState.None); // 03-05 is dropped here
    expect(pending).toEqual([]);
    // read again from the database, where the pending row was written before the drop
    expect(days.state('2025-03-05', 'V1')).toBe(DayState.Stored);
    expect(days.state('2025-03-05', 'V2')).toBe(DayState.None);
    expect(reads).toBe(4);
  });
});
