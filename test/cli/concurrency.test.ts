// Two vledger processes writing one database at once: the second waits (busy timeout) and then
// either succeeds or fails with "database is busy" (exit 1, no stack trace); nothing is lost,
// nothing is stored twice, and no check made before the write lock can be beaten by the other.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { counts, query, runCli, seedBasic, tempDb, type CliResult } from '../helpers/cli.js';
import { killImportAfter, serviceCsv, sleep, start, timeImport } from '../helpers/processes.js';

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb('vledger-concurrency-');
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

function noStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('internal error');
}

function expectBusy(r: CliResult): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^vledger: .*database is busy \(another vledger is writing to it\); try again when it has finished/m);
  noStack(r);
}

const serviceCount = (db: string) => query<{ n: number }>(db, "SELECT count(*) AS n FROM records WHERE kind = 'service'")[0]!.n;

describe('two processes writing at once', () => {
  it('two `log service` at a time, many times: every one succeeds and each record is stored exactly once', async () => {
    const ids: string[] = [];
    for (let round = 0; round < 4; round++) {
      const date = `2026-04-${String(round + 1).padStart(2, '0')}`;
      const pair = await Promise.all([
        start(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', date, '--hours', '2']),
        start(t.dbPath, ['log', 'service', '--volunteer', 'B11-0002', '--date', date, '--hours', '3']),
      ]);
      for (const r of pair) {
        expect(r.code, r.stderr).toBe(0);
        ids.push(r.stdout.trim());
      }
    }
    const stored = query<{ id: string }>(t.dbPath, 'SELECT id FROM records ORDER BY id').map((r) => r.id);
    expect(stored).toEqual([...ids].sort());
    expect(new Set(stored).size).toBe(8);
    expect(query(t.dbPath, "SELECT 1 FROM audit WHERE entity = 'record'")).toHaveLength(8);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });

  it('checks happen under the write lock: queued duplicates and a 25-hour day are refused, not stored', async () => {
    // hold the lock so that all four read the same state, then let them write one by one
    const holder = new Database(t.dbPath);
    holder.prepare('BEGIN IMMEDIATE').run();
    const same = ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-05-01', '--hours', '2'];
    const long = ['log', 'service', '--volunteer', 'B11-0002', '--date', '2026-05-01', '--hours'];
    const running = [start(t.dbPath, same), start(t.dbPath, same), start(t.dbPath, [...long, '13']), start(t.dbPath, [...long, '12'])];
    await sleep(1500);
    holder.prepare('COMMIT').run();
    holder.close();
    const [s1, s2, l1, l2] = await Promise.all(running);
    expect([s1!.code, s2!.code].sort()).toEqual([0, 1]);
    expect([s1, s2].find((r) => r!.code === 1)!.stderr).toContain('this record is already stored as');
    expect([l1!.code, l2!.code].sort()).toEqual([0, 1]);
    expect([l1, l2].find((r) => r!.code === 1)!.stderr).toContain('would have 25.00 hours on 2026-05-01, more than 24');
    for (const r of [s1, s2, l1, l2]) noStack(r!);
    expect(serviceCount(t.dbPath)).toBe(2);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });

  it('an import and `log service` at once: both succeed, or the log fails as busy; nothing lost', async () => {
    const csv = serviceCsv(join(t.dir, 'service.csv'), 2000, ['B11-0001', 'B11-0002'], '2024-01-01', 'imp');
    const importing = start(t.dbPath, ['import', 'service', csv]);
    await sleep(300);
    const logs = await Promise.all([1, 2, 3].map((d) =>
      start(t.dbPath, ['log', 'service', '--volunteer', 'B11-0003', '--date', `2026-06-0${d}`, '--hours', '1'])));
    const imported = await importing;
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('2000 written');
    let logged = 0;
    for (const r of logs) {
      if (r.code === 0) logged++;
      else expectBusy(r);
    }
    expect(serviceCount(t.dbPath)).toBe(2000 + logged);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });

  it('two imports at once: the second waits for the first; both files are stored whole', async () => {
    const a = serviceCsv(join(t.dir, 'a.csv'), 1000, ['B11-0001', 'B11-0002'], '2024-01-01', 'a');
    const b = serviceCsv(join(t.dir, 'b.csv'), 1000, ['B11-0003', 'B12-0001'], '2024-01-01', 'b');
    const env = { VLEDGER_BUSY_TIMEOUT: '60000' };
    const [ra, rb] = await Promise.all([start(t.dbPath, ['import', 'service', a], env), start(t.dbPath, ['import', 'service', b], env)]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(serviceCount(t.dbPath)).toBe(2000);
    expect(query(t.dbPath, 'SELECT 1 FROM batches')).toHaveLength(2);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });

  it('the same file imported twice at once is stored once', async () => {
    const a = serviceCsv(join(t.dir, 'same.csv'), 1000, ['B11-0001', 'B11-0002'], '2024-01-01', 's');
    const env = { VLEDGER_BUSY_TIMEOUT: '60000' };
    const results = await Promise.all([start(t.dbPath, ['import', 'service', a], env), start(t.dbPath, ['import', 'service', a], env)]);
    for (const r of results) {
      if (r.code !== 0) expect(r.stderr).toContain('already imported');
      noStack(r);
    }
    expect(results.some((r) => r.code === 0 && r.stderr.includes('1000 written'))).toBe(true);
    expect(serviceCount(t.dbPath)).toBe(1000);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });
});

describe('waiting runs out: "database is busy", exit 1, nothing written', () => {
  const fast = { VLEDGER_BUSY_TIMEOUT: '200' };

  it('every kind of write, while another connection holds the write lock', async () => {
    const csv = serviceCsv(join(t.dir, 'small.csv'), 10, ['B11-0001'], '2025-01-01', 'x');
    const logged = runCli(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-01', '--hours', '1']).stdout.trim();
    const before = counts(t.dbPath);
    const holder = new Database(t.dbPath);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const writes = [
        ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-02', '--hours', '1'],
        ['log', 'void', logged, '--reason', 'test'],
        ['register', 'org', '--code', 'B13', '--name', '第三党支部', '--kind', 'branch', '--parent', 'G01'],
        ['update', 'volunteer', 'B11-0001', '--phone', '13700001111'],
        ['import', 'service', csv],
      ];
      for (const args of writes) expectBusy(runCli(t.dbPath, args, fast));
      // reading is not writing: lists still work while the lock is held
      const listed = runCli(t.dbPath, ['list', 'orgs', '--format', 'json'], fast);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toHaveLength(3);
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    expect(counts(t.dbPath)).toEqual(before);
  });

  it('creating a new database while another connection holds it', () => {
    const fresh = join(t.dir, 'fresh.db');
    const holder = new Database(fresh);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      expectBusy(runCli(fresh, ['list', 'orgs'], fast));
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    expect(runCli(fresh, ['list', 'orgs', '--format', 'json']).code).toBe(0);
  });

  it('reading while another connection holds an exclusive lock', () => {
    const holder = new Database(t.dbPath);
    holder.prepare('BEGIN EXCLUSIVE').run();
    try {
      expectBusy(runCli(t.dbPath, ['list', 'volunteers'], fast));
      expectBusy(runCli(t.dbPath, ['check'], fast));
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });
});

describe('an import killed with kill -9', () => {
  it('leaves the database as it was, at several moments; check passes; then the same file imports whole', async () => {
    const rows = 4000;
    const csv = serviceCsv(join(t.dir, 'big.csv'), rows, ['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001'], '2023-01-01', 'k');
    const baseline = counts(t.dbPath);
    // how long a whole import takes on this machine now: time one into a throwaway copy
    const took = await timeImport(t.dbPath, csv);

    let kills = 0;
    let midWrite = 0;
    let finishedFirst = false;
    for (const fraction of [0.3, 0.55, 0.8]) {
      const outcome = await killImportAfter(t.dbPath, csv, took * fraction);
      if (!outcome.killed) {
        // this machine was quicker than the dry run said: the import finished, whole
        expect(outcome.result.code, outcome.result.stderr).toBe(0);
        finishedFirst = true;
        break;
      }
      kills++;
      if (outcome.midWrite) midWrite++;
      const checked = runCli(t.dbPath, ['check']);
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
      expect(counts(t.dbPath)).toEqual(baseline);
    }
    // at least one kill landed while the import was writing, or the test proved nothing
    expect(kills).toBeGreaterThan(0);
    expect(midWrite).toBeGreaterThan(0);

    if (!finishedFirst) {
      const whole = await start(t.dbPath, ['import', 'service', csv]);
      expect(whole.code, whole.stderr).toBe(0);
      expect(whole.stderr).toContain(`${rows} written`);
    }
    expect(serviceCount(t.dbPath)).toBe(rows);
    expect(query(t.dbPath, 'SELECT 1 FROM batches')).toHaveLength(1);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  });
});
