// An import keeps the stored figures of the years it writes into current (src/io/year-keeper.ts),
// so the first report after it need not score the year again: after every import, figures stored
// under the current key are exactly what scoring the year's records gives, and the reports print
// the same as when computed afresh. A year whose figures were not known before the import is left
// to the next report; a refused import stores nothing.
import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliEnv, query, runSteps, seedFrom } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { rng } from '../helpers/csv-fuzz.js';
import { csv, forgetYearFigures, G01_TWO_BRANCHES, loadDataSet, outputsOf, type Row } from './report-fixtures.js';
import { computeYearSummary, storedYearSummary, yearSummaryKey } from '../../src/db/year-summaries.js';
import { rulesInForce } from '../../src/db/rules-store.js';

type Env = ReturnType<typeof cliEnv>;
const envs: Env[] = [];
afterAll(() => { for (const e of envs) e.cleanup(); });

const VOLUNTEERS = ['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001', 'B12-0002'];

/** The roster only (no records), with a 4-hour daily cap so that days over it are common. */
function build(dbPath: string): void {
  const dir = join(dbPath, '..');
  loadDataSet(dbPath, dir, {
    orgs: G01_TWO_BRANCHES,
    volunteers: VOLUNTEERS.map((no) => ({ volunteer_no: no, name: `志愿者${no}`, political_status: 'party_member', org: no.slice(0, 3), registered_on: '2025-01-01' })),
    teams: [{ code: 'T01', name: '先锋队', org: 'B11' }],
    members: [{ team: 'T01', volunteer_no: 'B11-0001', joined_on: '2025-01-01' }, { team: 'T01', volunteer_no: 'B11-0002', joined_on: '2025-01-01' }],
    activities: [
      { code: 'A1', title: '学雷锋', org: 'B11', team: 'T01', date: '2026-03-05' },
      { code: 'A2', title: '敬老', org: 'B11', team: 'T01', date: '2026-05-01' },
      { code: 'A0', title: '植树', org: 'B12', date: '2025-03-12' },
    ],
  });
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, JSON.stringify({ max_hours_per_day: 4 }));
  runSteps(dbPath, [['score', 'rules', '--set', rules, '--from-year', '2025']]);
}

function fresh(): Env {
  const e = cliEnv('vledger-year-keeper-');
  envs.push(e);
  seedFrom(e.dbPath, 'year-keeper', build);
  return e;
}

const COLUMNS: Record<string, string[]> = {
  service: ['volunteer_no', 'activity', 'date', 'start', 'end', 'hours', 'role', 'evaluation', 'status', 'void_reason'],
  training: ['volunteer_no', 'date', 'hours', 'topic'],
  commendations: ['volunteer_no', 'date', 'title', 'level', 'issuer'],
  complaints: ['volunteer_no', 'date', 'description', 'upheld'],
  'no-shows': ['volunteer_no', 'date', 'activity'],
  adjustments: ['volunteer_no', 'date', 'points', 'reason'],
};

let files = 0;
/** `vledger import KIND` of these rows (in this process); returns the exit code and stderr. */
async function importRows(e: Env, kind: string, rows: Row[], ...flags: string[]): Promise<{ code: number; stderr: string }> {
  const file = join(e.dir, `${kind}-${++files}.csv`);
  writeFileSync(file, csv(rows, COLUMNS[kind]!));
  const r = await runInProcess(e.dbPath, ['import', kind, file, '--quiet', ...flags]);
  return { code: r.code, stderr: r.stderr };
}

/** Per year: 'current' (stored under the current key, and equal to the figures computed now), 'stale' or 'none'. */
function storedState(e: Env, year: number): 'current' | 'stale' | 'none' {
  const db = new Database(e.dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT key FROM year_summaries WHERE year = ?').get(year) as { key: string } | undefined;
    if (!row) return 'none';
    const rules = rulesInForce(db, year);
    const stored = storedYearSummary(db, year, yearSummaryKey(db, rules));
    if (!stored) return 'stale';
    expect(stored, `stored figures of ${year}`).toEqual(computeYearSummary(db, year, rules));
    return 'current';
  } finally {
    db.close();
  }
}

const REPORTS: string[][] = [
  ['rank', '--year', '2026', '--format', 'json'],
  ['rank', '--year', '2026', '--by', 'team', '--format', 'json'],
  ['report', 'awards', '--year', '2026', '--format', 'json'],
  ['report', 'assessment', '--year', '2026', '--format', 'html'],
  ['score', '--year', '2026', '--format', 'csv'],
];

const reports = (e: Env): Promise<string[]> => outputsOf(e.dbPath, REPORTS);
const forget = (e: Env): void => forgetYearFigures(e.dbPath);

/** A day of B11-0001 over the 4-hour cap within the file, a special day, leader, evaluations, a pending and a voided row. */
const FIRST: Row[] = [
  { volunteer_no: 'B11-0001', activity: 'A1', date: '2026-03-05', start: '09:00', end: '12:00', role: 'leader', evaluation: 'satisfied' },
  { volunteer_no: 'B11-0001', date: '2026-03-05', start: '08:00', end: '10:00', evaluation: 'dissatisfied' },
  { volunteer_no: 'B11-0001', date: '2026-06-10', hours: 5 },
  { volunteer_no: 'B11-0002', activity: 'A2', date: '2026-05-01', hours: 2.5, evaluation: 'fairly_satisfied' },
  { volunteer_no: 'B11-0002', date: '2026-05-02', hours: 3, status: 'pending' },
  { volunteer_no: 'B12-0001', date: '2026-11-02', hours: 1.5, status: 'voided', void_reason: '重复' },
  { volunteer_no: 'B12-0002', date: '2026-07-07', hours: 1.25 },
];

describe('an import keeps the stored figures current', () => {
  test('into a year without records: its figures are stored, and the reports print what computing them gives', async () => {
    const e = fresh();
    expect(storedState(e, 2026)).toBe('none');
    expect(await importRows(e, 'service', FIRST)).toEqual({ code: 0, stderr: '' });
    expect(storedState(e, 2026)).toBe('current');
    const kept = await reports(e);
    forget(e);
    expect(await reports(e)).toEqual(kept);
    // the file did meet the cap: 08:00-10:00 is credited first, then 2 of the 3 hours from 09:00
    const explain = await runInProcess(e.dbPath, ['score', 'explain', 'B11-0001', '--year', '2026', '--format', 'csv']);
    expect(explain.stdout).toMatch(/capped: 120 of 180 minutes credited/);
    expect(JSON.parse(kept[0]!)[0]).toMatchObject({ volunteer_no: 'B11-0001' });
  });

  test('it adds to the stored figures rather than scoring the year again (a tampered figure stays tampered)', async () => {
    const e = fresh();
    await importRows(e, 'service', FIRST);
    const db = new Database(e.dbPath);
    const row = db.prepare('SELECT volunteers FROM year_summaries WHERE year = 2026').get() as { volunteers: string };
    const vs = JSON.parse(row.volunteers) as [string, number][];
    const before = vs.find((v) => v[0] === 'B12-0002')![1];
    vs.find((v) => v[0] === 'B12-0002')![1] += 100000;
    db.prepare('UPDATE year_summaries SET volunteers = ?').run(JSON.stringify(vs));
    db.close();
    await importRows(e, 'service', [{ volunteer_no: 'B12-0002', date: '2026-08-01', hours: 1 }]);
    const after = JSON.parse(query<{ volunteers: string }>(e.dbPath, 'SELECT volunteers FROM year_summaries WHERE year = 2026')[0]!.volunteers) as [string, number][];
    expect(after.find((v) => v[0] === 'B12-0002')![1]).toBe(before + 100000 + 100); // 1 h at 1 point an hour
  });

  test('a day over the cap that joins records stored before the import is credited again in credit order', async () => {
    const e = fresh();
    await importRows(e, 'service', [{ volunteer_no: 'B11-0003', date: '2026-06-10', start: '14:00', end: '17:00' }]);
    // an earlier start on the same day: it is credited first, the stored 3 hours lose 2 of them
    await importRows(e, 'service', [{ volunteer_no: 'B11-0003', date: '2026-06-10', start: '08:00', end: '11:00' }]);
    expect(storedState(e, 2026)).toBe('current');
    const explain = await runInProcess(e.dbPath, ['score', 'explain', 'B11-0003', '--year', '2026', '--format', 'csv']);
    expect(explain.stdout).toMatch(/capped: 60 of 180 minutes credited/);
    const rank = JSON.parse((await runInProcess(e.dbPath, REPORTS[0]!)).stdout) as { volunteer_no: string; points: number }[];
    expect(rank.find((r) => r.volunteer_no === 'B11-0003')!.points).toBe(4);
  });

  test('the other log kinds are kept too', async () => {
    const e = fresh();
    await importRows(e, 'service', FIRST);
    expect(await importRows(e, 'training', [{ volunteer_no: 'B11-0002', date: '2026-04-01', hours: 2, topic: '党史' }])).toEqual({ code: 0, stderr: '' });
    expect(await importRows(e, 'commendations', [{ volunteer_no: 'B12-0002', date: '2026-09-01', title: '优秀志愿者', level: 'city', issuer: '市委' }])).toEqual({ code: 0, stderr: '' });
    expect(await importRows(e, 'complaints', [{ volunteer_no: 'B11-0001', date: '2026-09-02', description: '迟到', upheld: 'yes' }, { volunteer_no: 'B11-0003', date: '2026-09-02', description: '误会', upheld: 'no' }])).toEqual({ code: 0, stderr: '' });
    expect(await importRows(e, 'no-shows', [{ volunteer_no: 'B11-0002', date: '2026-05-01', activity: 'A2' }])).toEqual({ code: 0, stderr: '' });
    expect(await importRows(e, 'adjustments', [{ volunteer_no: 'B12-0001', date: '2026-10-01', points: -1.5, reason: '更正' }])).toEqual({ code: 0, stderr: '' });
    expect(storedState(e, 2026)).toBe('current');
    const kept = await reports(e);
    forget(e);
    expect(await reports(e)).toEqual(kept);
  });

  test('a year whose figures were not stored is left to the next report; a year the import did not touch stays current', async () => {
    const e = fresh();
    await importRows(e, 'service', [{ volunteer_no: 'B12-0001', activity: 'A0', date: '2025-03-12', hours: 2 }]);
    await importRows(e, 'service', FIRST);
    expect([storedState(e, 2025), storedState(e, 2026)]).toEqual(['current', 'current']);
    // 2025's figures forgotten (as after an approval): an import into 2025 does not store them, and 2026 stays current
    forgetYearFigures(e.dbPath, 'WHERE year = 2025');
    await importRows(e, 'service', [{ volunteer_no: 'B12-0002', date: '2025-08-08', hours: 1 }]);
    expect([storedState(e, 2025), storedState(e, 2026)]).toEqual(['none', 'current']);
    // the next report stores 2025 again, and the next import keeps it
    await runInProcess(e.dbPath, ['rank', '--year', '2025']);
    await importRows(e, 'service', [{ volunteer_no: 'B12-0002', date: '2025-08-08', start: '07:00', end: '11:00' }]);
    expect([storedState(e, 2025), storedState(e, 2026)]).toEqual(['current', 'current']);
  });

  test('merging a branch bundle keeps them too (and a merge that moves records forward leaves them to the next report)', async () => {
    const branch = fresh();
    await importRows(branch, 'service', FIRST);
    const dir = join(branch.dir, 'b11');
    expect((await runInProcess(branch.dbPath, ['export', 'bundle', '--org', 'B11', '-o', dir])).code).toBe(0);
    const city = fresh();
    await importRows(city, 'service', [{ volunteer_no: 'B12-0002', date: '2026-07-07', hours: 2 }, { volunteer_no: 'B11-0001', date: '2026-06-10', hours: 1 }]);
    expect(storedState(city, 2026)).toBe('current');
    const merged = await runInProcess(city.dbPath, ['import', 'bundle', dir, '--quiet']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(storedState(city, 2026)).toBe('current');
    const kept = await reports(city);
    forget(city);
    expect(await reports(city)).toEqual(kept);
    // the branch approves its pending record and logs a new one, and the city merges again: an
    // update came with the new record, so nothing is kept
    await runInProcess(city.dbPath, ['rank', '--year', '2026']);
    const pending = query<{ id: string }>(branch.dbPath, "SELECT id FROM records WHERE status = 'pending'")[0]!.id;
    expect((await runInProcess(branch.dbPath, ['log', 'approve', pending])).code).toBe(0);
    await importRows(branch, 'service', [{ volunteer_no: 'B11-0003', date: '2026-01-15', hours: 2 }]); // merged before the approval (by date)
    const again = join(branch.dir, 'b11-again');
    expect((await runInProcess(branch.dbPath, ['export', 'bundle', '--org', 'B11', '-o', again])).code).toBe(0);
    expect((await runInProcess(city.dbPath, ['import', 'bundle', again, '--quiet'])).code).toBe(0);
    expect(storedState(city, 2026)).toBe('none');
  });

  test('a refused import stores nothing (the stored figures are those of before it)', async () => {
    const e = fresh();
    await importRows(e, 'service', FIRST);
    const before = query(e.dbPath, 'SELECT * FROM year_summaries');
    const r = await importRows(e, 'service', [{ volunteer_no: 'B11-0001', date: '2026-11-01', hours: 2 }, { volunteer_no: 'X-9', date: '2026-11-01', hours: 2 }]);
    expect(r.code).toBe(1);
    expect(query(e.dbPath, 'SELECT * FROM year_summaries')).toEqual(before);
    const dry = await importRows(e, 'service', [{ volunteer_no: 'B11-0001', date: '2026-11-01', hours: 2 }], '--dry-run');
    expect(dry.code).toBe(0);
    expect(query(e.dbPath, 'SELECT * FROM year_summaries')).toEqual(before);
  });
});

describe('kept figures equal computed ones, on random imports', () => {
  const DATES = ['2025-03-12', '2025-12-31', '2026-01-01', '2026-03-05', '2026-05-01', '2026-06-10', '2026-06-11', '2025-12-05'];
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  function serviceRow(r: () => number): Row {
    const date = pick(r, DATES);
    const activity = date === '2026-03-05' && r() < 0.5 ? 'A1' : date === '2026-05-01' && r() < 0.5 ? 'A2' : date === '2025-03-12' && r() < 0.5 ? 'A0' : undefined;
    const row: Row = { volunteer_no: pick(r, VOLUNTEERS), date, activity, role: r() < 0.2 ? 'leader' : undefined, evaluation: pick(r, [undefined, 'satisfied', 'fairly_satisfied', 'dissatisfied']) };
    const minutes = 15 * (1 + Math.floor(r() * 16));
    if (r() < 0.5) {
      const start = 6 * 60 + 15 * Math.floor(r() * 40);
      Object.assign(row, { start: hhmm(start), end: hhmm(start + minutes) });
    } else {
      row.hours = minutes / 60;
    }
    const s = r();
    if (s < 0.1) row.status = 'pending';
    else if (s < 0.15) Object.assign(row, { status: 'voided', void_reason: '作废' });
    return row;
  }

  test('200 imports over 40 seeds, reports run between some of them', { timeout: 120_000 }, async () => {
    let current = 0, left = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const e = fresh();
      for (let step = 0; step < 5; step++) {
        const choice = r();
        if (choice < 0.75) {
          await importRows(e, 'service', Array.from({ length: 1 + Math.floor(r() * 12) }, () => serviceRow(r)), '--skip-invalid');
        } else if (choice < 0.85) {
          await importRows(e, 'training', [{ volunteer_no: pick(r, VOLUNTEERS), date: pick(r, DATES), hours: 1.5, topic: '学习' }]);
        } else if (choice < 0.9) {
          await importRows(e, 'adjustments', [{ volunteer_no: pick(r, VOLUNTEERS), date: pick(r, DATES), points: 2.25, reason: '补录' }]);
        } else {
          await runInProcess(e.dbPath, ['rank', '--year', pick(r, ['2025', '2026'])]);
        }
        for (const year of [2025, 2026]) {
          const state = storedState(e, year); // asserts equality when current
          if (state === 'current') current++; else left++;
        }
      }
    }
    // the runs did exercise the kept path (and the left-alone one)
    expect(current).toBeGreaterThan(200);
    expect(left).toBeGreaterThan(0);
  });
});
