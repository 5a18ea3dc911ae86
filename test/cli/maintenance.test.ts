// `vledger check` on a sound database and on copies broken on purpose (one invariant each, and
// damaged pages), and `vledger backup`: a copy whose every table equals the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, openSync, readFileSync, statSync, writeFileSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliEnv, runCli, seedBasic } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const env = cliEnv('vledger-maint-');
let recordIds: string[] = [];

beforeAll(() => {
  seedBasic(env.dbPath);
  const log = (...args: string[]) => {
    const r = env.run('log', 'service', ...args);
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  recordIds = [
    log('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '3', '--activity', 'A0001'),
    log('--volunteer', 'B11-0002', '--date', '2026-03-05', '--hours', '2', '--activity', 'A0001', '--pending'),
    log('--volunteer', 'B12-0001', '--date', '2026-04-01', '--hours', '20'),
  ];
  expect(env.run('log', 'training', '--volunteer', 'B11-0003', '--date', '2026-04-02', '--hours', '1.5').code).toBe(0);
  expect(env.run('log', 'void', recordIds[2]!, '--reason', 'wrong day').code).toBe(0);
  expect(env.run('update', 'volunteer', 'B11-0003', '--org', 'B12', '--effective', '2026-07-01').code).toBe(0);
});
afterAll(() => env.cleanup());

function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('internal error');
}

/** A copy of the seeded database changed by raw SQL, the way a hand edit or a bug would. */
function brokenCopy(name: string, sql: string): string {
  const file = join(env.dir, `${name}.db`);
  copyFileSync(env.dbPath, file);
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  db.exec(sql);
  db.close();
  return file;
}

describe('vledger check', () => {
  it('passes a sound database: ok on stderr, exit 0, nothing on stdout', () => {
    const r = env.run('check');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ok: .* passed 12 checks/);
    expect(r.stderr).toContain('4 volunteers, 4 records');
  });

  it('refuses a database that does not exist rather than creating an empty one', () => {
    const missing = join(env.dir, 'nope.db');
    const r = runCli(missing, ['check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such database');
    expect(existsSync(missing)).toBe(false);
  });

  const cases: [string, () => string, RegExp][] = [
    ['a record whose volunteer is gone', () => `UPDATE records SET volunteer_no = 'B99-0001' WHERE id = '${recordIds[0]}'`,
      /^record volunteers: record \S+: volunteer B99-0001 does not exist$/m],
    ['a volunteer-day over 24 hours', () => `UPDATE records SET minutes = 1300 WHERE id = '${recordIds[0]}';
      INSERT INTO records (id, kind, volunteer_no, date, minutes, recorded_by, recorded_at)
      VALUES ('0190aaaa-0000-7000-8000-000000000001', 'service', 'B11-0001', '2026-03-05', 200, 't', 't')`,
      /^24 hours a day: B11-0001 on 2026-03-05: 25\.00 hours, more than 24 \(records .*0190aaaa-0000-7000-8000-000000000001/m],
    ['a record of zero minutes', () => `UPDATE records SET minutes = 0 WHERE kind = 'training'`,
      /^record minutes: record \S+ \(training\): minutes 0, expected a whole number from 1 to 1440$/m],
    ['a record of more than a day', () => `UPDATE records SET minutes = 1441 WHERE id = '${recordIds[1]}'`,
      /^record minutes: record \S+ \(service\): minutes 1441/m],
    ['an unknown status', () => `UPDATE records SET status = 'maybe' WHERE id = '${recordIds[1]}'`,
      /^vocabulary: records \S+: status "maybe", expected one of pending, approved, rejected$/m],
    ['a void without a reason', () => `UPDATE records SET void_reason = NULL WHERE id = '${recordIds[2]}'`,
      /^voids: record \S+: voided without a reason$/m],
    ['a batch that does not exist', () => `UPDATE records SET batch = 'no-such-batch' WHERE id = '${recordIds[0]}'`,
      /^batches: batch no-such-batch: referenced by 1 record\(s\) but not in the batches table$/m],
    ['a volunteer without initial history', () => `DELETE FROM volunteer_history WHERE volunteer_no = 'B11-0002' AND field = 'political_status'`,
      /^initial history: volunteer B11-0002: no initial political_status history row/m],
    ['a current org that is not the history\'s latest', () => `UPDATE volunteers SET org = 'B11' WHERE volunteer_no = 'B11-0003'`,
      /^current = history: volunteer B11-0003: org is B11 but its history's latest value is B12$/m],
    ['a cycle in the org tree', () => `UPDATE orgs SET parent = 'B12' WHERE code = 'G01'`,
      /^org tree: organisations \S+ → \S+ → \S+: the tree has a cycle$/m],
    ['a date that is not a date', () => `UPDATE records SET date = '2026-02-30' WHERE id = '${recordIds[1]}'`,
      /^dates: records \S+: date "2026-02-30" is not a date \(YYYY-MM-DD\)$/m],
    ['a dangling foreign key', () => `UPDATE teams SET leader = 'B77-0001'`,
      /^foreign keys: teams T01 refers to a missing volunteers row$/m],
  ];
  // the ids exist only after beforeAll: build each case's SQL lazily
  for (const [what, sql, expected] of cases) {
    it(`fails on ${what}: exit 1, the problem with its ids on stdout`, async () => {
      const file = brokenCopy(what.replace(/\W+/g, '-'), sql());
      // in-process (the same main() as bin/vledger.js): a dozen spawns cost seconds
      const r = await runInProcess(file, ['check']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(expected);
      expect(r.stderr).toMatch(/problem\(s\) in .*; restore a backup/);
      noStack(r.stderr);
    });
  }

  it('fails on damaged pages without a stack trace', () => {
    const file = join(env.dir, 'damaged.db');
    copyFileSync(env.dbPath, file);
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    // overwrite the second half of the file's pages (tables and indexes) with noise
    const fd = openSync(file, 'r+');
    const noise = Buffer.alloc(pageSize, 0xa5);
    for (let p = Math.floor(pages / 2); p < pages; p++) writeSync(fd, noise, 0, pageSize, p * pageSize);
    closeSync(fd);
    const r = runCli(file, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/integrity|damaged|malformed/);
    noStack(r.stderr);
  });

  it('lists a damaged index page as an integrity problem, the file still opening', () => {
    const file = join(env.dir, 'damaged-index.db');
    copyFileSync(env.dbPath, file);
    const db = new Database(file, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'records_day'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // the cells of a b-tree page sit at its end: scribble over them
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(40, 0x39), 0, 40, root * pageSize - 40);
    closeSync(fd);
    const r = runCli(file, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^integrity: .*malformed/m);
    noStack(r.stderr);
  });

  it('says a file that is not a database is not one', () => {
    const file = join(env.dir, 'text.db');
    writeFileSync(file, 'volunteer_no,name\nB11-0001,张三\n');
    const r = runCli(file, ['check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a vledger database');
    noStack(r.stderr);
  });
});

function tableRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

describe('vledger backup', () => {
  it('writes a copy whose every table and row equals the original, and prints its path and size', () => {
    const file = join(env.dir, 'backup-1.db');
    const r = env.run('backup', file);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(file);
    expect(r.stderr).toContain(`(${statSync(file).size} bytes)`);
    const original = tableRows(env.dbPath);
    expect(Object.keys(original)).toContain('records');
    expect(original.records!.length).toBe(4);
    expect(tableRows(file)).toEqual(original);
    // the copy is a working database: the CLI opens it and it passes its own check
    expect(runCli(file, ['check']).code).toBe(0);
  });

  it('refuses to overwrite an existing file unless --force, and then replaces it whole', () => {
    const file = join(env.dir, 'backup-2.db');
    writeFileSync(file, 'an older file');
    const refused = env.run('backup', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists; give another name, or --force');
    expect(readFileSync(file, 'utf8')).toBe('an older file');
    const forced = env.run('backup', file, '--force');
    expect(forced.code).toBe(0);
    expect(tableRows(file)).toEqual(tableRows(env.dbPath));
  });

  it('refuses a missing folder and the database itself, writing nothing', () => {
    const r1 = env.run('backup', join(env.dir, 'no-such-dir', 'b.db'));
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('does not exist; create it first');
    const before = readFileSync(env.dbPath);
    const r2 = env.run('backup', env.dbPath, '--force');
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('is the database itself');
    expect(readFileSync(env.dbPath).equals(before)).toBe(true);
  });

  it('is online: copies the committed state while another connection holds the write lock', () => {
    const file = join(env.dir, 'backup-3.db');
    const committed = tableRows(env.dbPath);
    const writer = new Database(env.dbPath);
    try {
      writer.prepare('BEGIN IMMEDIATE').run();
      writer.prepare(`INSERT INTO audit (at, operator, command, entity, change) VALUES ('x', 'x', 'x', 'x', '{}')`).run();
      const r = env.runEnv({ VLEDGER_BUSY_TIMEOUT: '200' }, 'backup', file);
      expect(r.code).toBe(0);
      writer.prepare('ROLLBACK').run();
    } finally {
      writer.close();
    }
    expect(tableRows(file)).toEqual(committed);
  });

  it('needs a file argument (usage error, exit 2)', () => {
    const r = env.run('backup');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });
});
