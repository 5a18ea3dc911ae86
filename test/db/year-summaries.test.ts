// year_summaries below the CLI: what is stored round-trips to the computed figures, and a
// summary computed from a snapshot is not stored when another connection committed since
// (an approve or void keeps the key but wipes the cache; storing after it would bring back
// the figures of before it).
import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, type DB } from '../../src/db/open.js';
import { rulesInForce } from '../../src/db/rules-store.js';
import { computeYearSummary, loadYearSummary, readYearSummary } from '../../src/db/year-summaries.js';
import { tempDb } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

const T = '2026-11-29T00:00:00Z';

function yearDb(): { path: string; db: DB } {
  const t = tempDb('vledger-year-summaries-');
  const db = openDatabase(t.dbPath);
  cleanups.push(() => { if (db.open) db.close(); t.cleanup(); });
  db.exec(`INSERT INTO orgs (id, code, name, parent, kind, created_at) VALUES ('o1', 'B11', '支部', NULL, 'branch', '${T}');
    INSERT INTO volunteers (id, volunteer_no, name, political_status, org, created_at) VALUES
      ('v1', 'B11-0001', '甲', 'party_member', 'B11', '${T}'), ('v2', 'B11-0002', '乙', 'masses', 'B11', '${T}');
    INSERT INTO activities (id, code, title, org, date, created_at) VALUES ('a1', 'A1', '活动', 'B11', '2026-03-05', '${T}');`);
  const rec = db.prepare(`INSERT INTO records (id, kind, volunteer_no, activity, date, minutes, evaluation, status, points, upheld, recorded_by, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, 'test', '${T}')`);
  rec.run('r1', 'service', 'B11-0001', 'A1', '2026-03-05', 150, 'satisfied', null, null);
  rec.run('r2', 'service', 'B11-0001', null, '2026-03-20', 600, 'dissatisfied', null, null);
  rec.run('r3', 'service', 'B11-0002', null, '2026-11-01', 45, null, null, null);
  rec.run('r4', 'adjustment', 'B11-0002', null, '2026-12-01', null, null, -250, null);
  rec.run('r5', 'complaint', 'B11-0001', null, '2026-06-01', null, null, null, 1);
  return { path: t.dbPath, db };
}

const stored = (db: DB) => db.prepare('SELECT count(*) FROM year_summaries').pluck().get() as number;

describe('year summaries', () => {
  test('stored and read back, a summary equals the one computed from the records (ratios rebuilt, months kept)', () => {
    const { db } = yearDb();
    const rules = rulesInForce(db, 2026);
    const computed = computeYearSummary(db, 2026, rules);
    expect(loadYearSummary(db, 2026, rules)).toEqual(computed);
    expect(stored(db)).toBe(1);
    const read = readYearSummary(db, 2026, rules);
    expect(read.store).toBeNull(); // a hit
    expect(read.summary).toEqual(computed);
    expect([...read.summary.volunteers.keys()]).toEqual([...computed.volunteers.keys()]);
    expect(read.summary.volunteers.get('B11-0001')!.satisfaction).toEqual({ num: 1, den: 2 });
    expect(read.summary.months.get('B11-0001')).toEqual([0, 0, 750, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(read.summary.months.has('B11-0002')).toBe(true);
    expect(read.summary.activities.get('A1')).toMatchObject({ minutes: 150, records: 1 });
  });

  test('computed from a snapshot, then another connection approves or voids: not stored', () => {
    const { path, db } = yearDb();
    const rules = rulesInForce(db, 2026);
    // control: nothing in between, so it is stored
    const first = db.transaction(() => readYearSummary(db, 2026, rules))();
    first.store!();
    expect(stored(db)).toBe(1);
    db.exec('DELETE FROM year_summaries');

    const { store } = db.transaction(() => readYearSummary(db, 2026, rules))();
    const other = new Database(path);
    other.prepare("UPDATE records SET voided_at = ?, voided_by = 'x', void_reason = 'y' WHERE id = 'r2'").run(T);
    other.close();
    store!();
    expect(stored(db)).toBe(0);
    // and the next read computes the year without r2
    expect(loadYearSummary(db, 2026, rules).volunteers.get('B11-0001')!.minutes).toBe(150);
  });

  test('another connection writing only the cache or other tables in between also stops storing (conservative)', () => {
    const { path, db } = yearDb();
    const rules = rulesInForce(db, 2026);
    const { store } = db.transaction(() => readYearSummary(db, 2026, rules))();
    const other = new Database(path);
    other.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run();
    other.close();
    store!();
    expect(stored(db)).toBe(0);
  });
});
