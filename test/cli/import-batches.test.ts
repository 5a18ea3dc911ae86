// Import batches and idempotence: the same file refused (exit 1) unless --force, appended rows
// (SPEC 11.6), `vledger batches`, `vledger undo` then a clean re-import, one audit entry per
// batch; an import killed with SIGKILL midway leaves the database as it was; examples/ loads.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BIN, cliEnv, counts, query, ROOT, seedBasic, TODAY } from '../helpers/cli.js';

const FIX = join(ROOT, 'test', 'fixtures', 'import');
const fx = (name: string) => join(FIX, name);

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv('vledger-batches-');
});
afterEach(() => t.cleanup());

function ok(...args: string[]): string {
  const r = t.run(...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr;
}

function refused(args: string[], message: string): string {
  const before = counts(t.dbPath);
  const r = t.run(...args);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toContain(message);
  expect(counts(t.dbPath)).toEqual(before);
  return r.stderr;
}

interface BatchRow { id: string; kind: string; file: string; sha256: string; rows_read: number; rows_written: number; rows_skipped: number; rows_rejected: number; operator: string; undone_at: string | null }

describe('re-importing', () => {
  beforeEach(() => seedBasic(t.dbPath));

  test('the same file is refused; --force skips what is stored; undo voids it; then it imports again', () => {
    const file = fx('service-base.csv');
    ok('import', 'service', file);
    const first = query<{ id: string }>(t.dbPath, 'SELECT id FROM batches')[0]!.id;
    refused(['import', 'service', file], `service-base.csv: this file was already imported as service on ${TODAY} by tester (batch ${first}, 3 rows written); nothing imported. Pass --force`);
    expect(ok('import', 'service', file, '--force')).toContain('3 rows read, 0 written, 3 already stored, 0 rejected');
    expect(query(t.dbPath, "SELECT count(*) AS n FROM records WHERE voided_at IS NULL")).toEqual([{ n: 3 }]);

    // every record carries its batch; undo (by a prefix is fine when unique) voids them
    expect(query(t.dbPath, 'SELECT DISTINCT batch FROM records')).toEqual([{ batch: first }]);
    expect(ok('undo', first)).toBe(`undid batch ${first} (service from service-base.csv): 3 records voided; the file may be imported again\n`);
    expect(query(t.dbPath, 'SELECT DISTINCT void_reason FROM records')).toEqual([{ void_reason: `undo batch ${first}` }]);
    refused(['undo', first], 'was already undone');

    expect(ok('import', 'service', file)).toContain('3 rows read, 3 written, 0 already stored');
    expect(query(t.dbPath, "SELECT count(*) AS n FROM records WHERE voided_at IS NULL")).toEqual([{ n: 3 }]);
  });

  test('a sheet re-imported with rows appended adds only the new rows (SPEC 11.6)', () => {
    ok('import', 'service', fx('service-base.csv'));
    expect(ok('import', 'service', fx('service-appended.csv'))).toContain('5 rows read, 2 written, 3 already stored, 0 rejected');
    expect(query(t.dbPath, 'SELECT note FROM records ORDER BY pk')).toEqual(['一', '二', '三', '四', '五'].map((note) => ({ note })));
  });

  test('vledger batches lists every import with its counts; undo of a roster batch is refused', () => {
    ok('import', 'orgs', fx('orgs-parent-later.csv'));
    ok('import', 'service', fx('service-base.csv'));
    const r = t.run('batches', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const batches = JSON.parse(r.stdout) as BatchRow[];
    expect(batches.map((b) => [b.kind, b.file, b.rows_read, b.rows_written, b.rows_skipped, b.rows_rejected, b.operator, b.undone_at])).toEqual([
      ['orgs', 'orgs-parent-later.csv', 3, 3, 0, 0, 'tester', null],
      ['service', 'service-base.csv', 3, 3, 0, 0, 'tester', null],
    ]);
    const sha = createHash('sha256').update(readFileSync(fx('service-base.csv'))).digest('hex');
    expect(batches[1]!.sha256).toBe(sha);
    const csv = t.run('batches', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('\uFEFFid,kind,file,sha256,rows_read,rows_written,rows_skipped,rows_rejected,operator,created_at,undone_at');
    refused(['undo', batches[0]!.id.slice(0, 20)], 'imported orgs, a roster; undo is only for the log kinds');
    refused(['undo', 'abc'], 'batch id "abc" is too short');
    refused(['undo', 'ffffffff-0000'], 'no import batch ffffffff-0000');
  });

  test('one audit entry per import and per undo, none per row', () => {
    const before = query<{ n: number }>(t.dbPath, 'SELECT count(*) AS n FROM audit')[0]!.n;
    ok('import', 'service', fx('service-appended.csv'));
    const batch = query<{ id: string }>(t.dbPath, 'SELECT id FROM batches')[0]!.id;
    ok('undo', batch);
    const entries = query<{ entity: string; entity_id: string; operator: string; command: string; change: string }>(t.dbPath, 'SELECT * FROM audit ORDER BY pk').slice(before);
    expect(entries.map((e) => [e.entity, e.entity_id, e.operator, e.command])).toEqual([['batch', batch, 'tester', 'import'], ['batch', batch, 'tester', 'undo']]);
    expect(JSON.parse(entries[0]!.change)).toMatchObject({ import: 'service', file: 'service-appended.csv', read: 5, written: 5, rejected: 0 });
    expect(JSON.parse(entries[1]!.change)).toMatchObject({ undo: batch, voided: 5 });
  });
});

describe('interrupted import', () => {
  test('SIGKILL midway leaves the database exactly as before, and vledger check passes', async () => {
    seedBasic(t.dbPath);
    // 200k service rows with refs: 4 volunteers, 96 quarter-hours a day each, back from 2026-06-30
    const file = join(t.dir, 'big.csv');
    const lines = ['ref,volunteer_no,date,hours'];
    const vols = ['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001'];
    const day0 = Date.UTC(2026, 5, 30);
    for (let i = 0; i < 200_000; i++) {
      const date = new Date(day0 - Math.floor(i / 384) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`K${i},${vols[i % 4]},${date},0.25`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const before = counts(t.dbPath);
    const journal = `${t.dbPath}-journal`;

    const child = spawn(process.execPath, [BIN, 'import', 'service', file], {
      env: { ...process.env, VLEDGER_DB: t.dbPath, VLEDGER_NOW: TODAY, VLEDGER_OPERATOR: 'tester', NO_COLOR: '1' }, stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // kill once the transaction has begun writing (its rollback journal exists), a little later
    const started = Date.now();
    while (!existsSync(journal) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(journal)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    expect(await exited).toBe(null);

    const check = t.run('check');
    expect(check.code, check.stderr + check.stdout).toBe(0);
    expect(counts(t.dbPath)).toEqual(before);
    const db = new Database(t.dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally { db.close(); }
    // nothing of it was kept, so the same file imports afterwards (not "already imported")
    expect(query(t.dbPath, 'SELECT count(*) AS n FROM batches')).toEqual([{ n: 0 }]);
  });
});

describe('examples/', () => {
  test('every kind imports into a fresh database with the counts of the files', () => {
    const kinds = ['orgs', 'volunteers', 'teams', 'members', 'activities', 'service', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments'];
    const rows: Record<string, number> = {};
    for (const kind of kinds) {
      const file = join(ROOT, 'examples', `${kind}.csv`);
      rows[kind] = (parse(readFileSync(file), { bom: true, skip_empty_lines: true }) as unknown[]).length - 1;
      expect(ok('import', kind, file, '--quiet')).toBe('');
    }
    const c = counts(t.dbPath);
    expect([c.orgs, c.volunteers, c.teams, c.members, c.activities]).toEqual([rows.orgs, rows.volunteers, rows.teams, rows.members, rows.activities]);
    const byKind = Object.fromEntries(query<{ kind: string; n: number }>(t.dbPath, 'SELECT kind, count(*) AS n FROM records GROUP BY kind').map((r) => [r.kind, r.n]));
    expect(byKind).toEqual({
      service: rows.service, training: rows.training, commendation: rows.commendations, complaint: rows.complaints,
      no_show: rows['no-shows'], adjustment: rows.adjustments,
    });
    expect(query(t.dbPath, 'SELECT sum(rows_written) AS n, sum(rows_rejected) AS r FROM batches')).toEqual([{ n: Object.values(rows).reduce((a, b) => a + b, 0), r: 0 }]);
    // Chinese headers and values in volunteers.csv and service.csv came through
    expect(query(t.dbPath, "SELECT count(*) AS n FROM volunteers WHERE political_status NOT IN ('party_member','probationary','league_member','masses','other')")).toEqual([{ n: 0 }]);
  });
});
