// The year cache of migration 002 (year_summaries) through the CLI: a report stores the year's
// figures and the next one reads them (proved by tampering the stored payload); every change
// that can move a figure (a logged record, approve, void, undo, new rules) makes the next report
// right again (an import keeps the stored figures current instead: year-keeper.test.ts); a database that cannot be written (read-only, another writer) still
// reports, exit 0, storing nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliEnv, query, runCli, runSteps, seedFrom, type CliResult } from '../helpers/cli.js';
import { forgetYearFigures, G01_TWO_BRANCHES, loadDataSet, outputsOf, type Row } from './report-fixtures.js';

type Env = ReturnType<typeof cliEnv>;
const envs: Env[] = [];
afterAll(() => { for (const e of envs) e.cleanup(); });

const v = (volunteer_no: string, political_status: string): Row => ({
  volunteer_no, name: `志愿者${volunteer_no}`, political_status, org: volunteer_no.slice(0, 3), registered_on: '2026-01-01',
});

/** A small year 2026: two branches, a team with two activities, service over several months, one pending record, two batches. */
function build(dbPath: string): void {
  const dir = join(dbPath, '..');
  loadDataSet(dbPath, dir, {
    orgs: G01_TWO_BRANCHES,
    volunteers: [v('B11-0001', 'party_member'), v('B11-0002', 'probationary'), v('B11-0003', 'party_member'), v('B12-0001', 'party_member'), v('B12-0002', 'masses')],
    teams: [{ code: 'T01', name: '先锋队', org: 'B11' }],
    members: [{ team: 'T01', volunteer_no: 'B11-0001', joined_on: '2026-01-01' }, { team: 'T01', volunteer_no: 'B11-0002', joined_on: '2026-01-01' }],
    activities: [
      { code: 'A1', title: '学雷锋', org: 'B11', team: 'T01', date: '2026-03-05' },
      { code: 'A2', title: '敬老', org: 'B11', team: 'T01', date: '2026-05-01' },
    ],
    service: [
      { volunteer_no: 'B11-0001', activity: 'A1', date: '2026-03-05', hours: 3, evaluation: 'satisfied', role: 'leader' },
      { volunteer_no: 'B11-0001', date: '2026-06-10', hours: 10 },
      { volunteer_no: 'B11-0001', date: '2026-06-11', hours: 8 },
      { volunteer_no: 'B11-0002', activity: 'A2', date: '2026-05-01', hours: 4, evaluation: 'dissatisfied' },
      { volunteer_no: 'B11-0003', date: '2026-01-20', hours: 2, evaluation: 'fairly_satisfied' },
      { volunteer_no: 'B12-0001', date: '2026-11-02', hours: 6 },
      { volunteer_no: 'B12-0002', date: '2026-07-07', hours: 1.5, evaluation: 'satisfied' },
      { volunteer_no: 'B11-0003', date: '2026-08-08', hours: 5, status: 'pending' },
    ],
  });
  // a second batch, to be undone
  const extra = join(dir, 'extra.csv');
  writeFileSync(extra, 'volunteer_no,date,hours,evaluation\nB12-0001,2026-09-09,7,satisfied\nB11-0002,2026-10-10,2,\n');
  runSteps(dbPath, [['import', 'service', extra, '--quiet']]);
}

/** A fresh copy of the year, its figures not stored (the imports that built it stored them: see year-keeper.test.ts). */
function fresh(): Env {
  const e = cliEnv('vledger-year-cache-');
  envs.push(e);
  seedFrom(e.dbPath, 'year-cache', build);
  forgetYearFigures(e.dbPath);
  return e;
}

/** Everything the cache feeds: volunteer, team and org ranks, both year-end reports (html has the monthly chart), score. */
const REPORTS: string[][] = [
  ['rank', '--year', '2026', '--format', 'json'],
  ['rank', '--year', '2026', '--by', 'team', '--format', 'json'],
  ['rank', '--year', '2026', '--by', 'org', '--format', 'json'],
  ['report', 'awards', '--year', '2026', '--format', 'json'],
  ['report', 'awards', '--year', '2026', '--format', 'html'],
  ['report', 'assessment', '--year', '2026', '--format', 'csv'],
  ['report', 'assessment', '--year', '2026', '--org', 'B11', '--format', 'html'],
  ['report', 'volunteer', 'B11-0001', '--year', '2026', '--format', 'json'],
  ['score', '--year', '2026', '--format', 'csv'],
];

/** Enough to see every cached figure (volunteers, activities, months), for the many change tests. */
const SOME = [0, 1, 3, 6];

/** The reports, run in this process (the built CLI's main(): the same code, without a spawn each). */
const reports = (e: Env, which?: number[]): Promise<string[]> => outputsOf(e.dbPath, which ? which.map((i) => REPORTS[i]!) : REPORTS);

const cachedYears = (e: Env) => query<{ year: number; key: string }>(e.dbPath, 'SELECT year, key FROM year_summaries ORDER BY year');

/** Rewrites the stored payload: B11-0001's points +1000.00, minutes +600 (all in March), activity A1's minutes +600. */
function tamper(e: Env): void {
  const db = new Database(e.dbPath);
  try {
    const row = db.prepare('SELECT volunteers, activities FROM year_summaries WHERE year = 2026').get() as { volunteers: string; activities: string };
    const vs = JSON.parse(row.volunteers) as [string, number, number, ...unknown[]][];
    const zhang = vs.find((x) => x[0] === 'B11-0001')!;
    zhang[1] += 100000;
    zhang[2] += 600;
    const months = zhang[8] as number[];
    expect(months.slice(0, 2)).toEqual([2, 180]); // March (index 2): 180 minutes
    months[1] = 780;
    const as = JSON.parse(row.activities) as [string, number, number, ...unknown[]][];
    as.find((x) => x[0] === 'A1')![2] += 600;
    db.prepare('UPDATE year_summaries SET volunteers = ?, activities = ? WHERE year = 2026').run(JSON.stringify(vs), JSON.stringify(as));
  } finally {
    db.close();
  }
}

/** The reports computed from the records alone: on a copy whose cache is emptied first. */
async function uncached(e: Env, which?: number[]): Promise<string[]> {
  forgetYearFigures(e.dbPath);
  return reports(e, which);
}

let truth: string[];
beforeAll(async () => { truth = await reports(fresh()); });

describe('the year cache', () => {
  test('a report stores the year; the next prints exactly the same, read from the store', async () => {
    const e = fresh();
    expect(cachedYears(e)).toEqual([]);
    expect(await reports(e)).toEqual(truth);
    expect(cachedYears(e)).toEqual([{ year: 2026, key: expect.stringMatching(/^1:\d+:[0-9a-f]{16}$/) as string }]);
    expect(await reports(e)).toEqual(truth);
    // another year is a row of its own
    expect(e.run('rank', '--year', '2025', '--format', 'json').stdout).toBe('[]\n');
    expect(cachedYears(e).map((r) => r.year)).toEqual([2025, 2026]);
  });

  test('the stored payload is what the reports print: tampered, every cached figure shows it', async () => {
    const e = fresh();
    await reports(e);
    tamper(e);
    const after = await reports(e);
    const rank = JSON.parse(after[0]!) as { volunteer_no: string; points: number }[];
    const truthRank = JSON.parse(truth[0]!) as { volunteer_no: string; points: number }[];
    expect(rank[0]).toMatchObject({ volunteer_no: 'B11-0001', points: truthRank.find((r) => r.volunteer_no === 'B11-0001')!.points + 1000 });
    const teams = JSON.parse(after[1]!) as { code: string; hours: number }[];
    const truthTeams = JSON.parse(truth[1]!) as { code: string; hours: number }[];
    expect(teams[0]!.hours).toBe(truthTeams[0]!.hours + 10);
    // the monthly chart of the assessment (html) sums the cached months
    expect(after[6]).not.toBe(truth[6]);
    // every report that reads a figure differs (the volunteer's own records are read afresh, but its points are cached)
    for (let i = 0; i < REPORTS.length; i++) expect(after[i], REPORTS[i]!.join(' ')).not.toBe(truth[i]);
  });

  test('a payload that is not one vledger wrote is recomputed, not trusted', async () => {
    const e = fresh();
    await reports(e);
    const db = new Database(e.dbPath);
    db.prepare("UPDATE year_summaries SET volunteers = '[[\"B11-0001\"]]'").run();
    db.close();
    expect(await reports(e)).toEqual(truth);
  });

  const changes: [string, (e: Env) => void][] = [
    ['logging a record', (e) => runSteps(e.dbPath, [['log', 'service', '--volunteer', 'B11-0003', '--date', '2026-04-04', '--hours', '3']])],
    ['logging a record of another year', (e) => runSteps(e.dbPath, [['log', 'service', '--volunteer', 'B11-0003', '--date', '2025-04-04', '--hours', '3']])],
    ['approving a pending record', (e) => {
      const pending = query<{ id: string }>(e.dbPath, "SELECT id FROM records WHERE status = 'pending'");
      expect(pending).toHaveLength(1);
      runSteps(e.dbPath, [['log', 'approve', pending[0]!.id]]);
    }],
    ['voiding a record', (e) => {
      const id = query<{ id: string }>(e.dbPath, "SELECT id FROM records WHERE volunteer_no = 'B11-0001' AND date = '2026-06-10'")[0]!.id;
      runSteps(e.dbPath, [['log', 'void', id, '--reason', '重复录入']]);
    }],
    ['undoing a batch', (e) => {
      const batches = JSON.parse(e.run('batches', '--format', 'json').stdout) as { id: string; file: string }[];
      runSteps(e.dbPath, [['undo', batches.find((b) => b.file.endsWith('extra.csv'))!.id]]);
    }],
    ['setting new rules', (e) => {
      const file = join(e.dir, 'rules.json');
      writeFileSync(file, JSON.stringify({ points_per_hour: 2 }));
      runSteps(e.dbPath, [['score', 'rules', '--set', file, '--from-year', '2026']]);
    }],
  ];
  for (const [what, change] of changes) {
    test(`${what} makes the next report right again`, async () => {
      const e = fresh();
      await reports(e, [0]);
      tamper(e);
      change(e);
      const after = await reports(e, SOME);
      expect((JSON.parse(after[0]!) as { points: number }[])[0]!.points).toBeLessThan(1000); // not the tampered 1000+ points
      expect(after).toEqual(await uncached(e, SOME));
      expect(cachedYears(e).map((r) => r.year)).toEqual([2026]);
    });
  }
});

describe('a database that cannot be written', () => {
  /** Runs the CLI on a file it may only read: as root, chmod is not enough, so as nobody. */
  const runReadOnly = (dbPath: string, args: string[]): CliResult => runCli(dbPath, args, {}, { asNobody: true });

  test('a read-only file still reports (exit 0, same output), caching nothing; a cache already there is used', async () => {
    const e = fresh();
    chmodSync(e.dir, 0o755);
    chmodSync(e.dbPath, 0o444);
    // the process really cannot write it
    const probe = spawnSync(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(e.dbPath)}, 'r+')`], {
      encoding: 'utf8', ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(probe.status).not.toBe(0);
    for (let i = 0; i < REPORTS.length; i++) {
      const r = runReadOnly(e.dbPath, REPORTS[i]!);
      expect(r.stderr, REPORTS[i]!.join(' ')).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(truth[i]);
    }
    expect(cachedYears(e)).toEqual([]);
    // cached while writable, then read-only: the stored figures are read
    chmodSync(e.dbPath, 0o644);
    await reports(e);
    tamper(e);
    chmodSync(e.dbPath, 0o444);
    const r = runReadOnly(e.dbPath, REPORTS[0]!);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toBe(truth[0]);
  });

  test('while another process holds the write lock, a report prints at once and caches nothing', async () => {
    const e = fresh();
    const writer = new Database(e.dbPath);
    writer.exec('BEGIN IMMEDIATE');
    try {
      // a wait would end in a busy error after 60 s: the report must not even try to wait
      const r = e.runEnv({ VLEDGER_BUSY_TIMEOUT: '60000' }, ...REPORTS[3]!);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(truth[3]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(cachedYears(e)).toEqual([]);
  });
});
