// The migration runner: a blank database gets exactly the schema; a database whose recorded
// migrations do not match the files (newer, out of sync) or that is not SQLite is refused.
import { afterEach, describe, expect, test } from 'vitest';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Migration } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { UserError } from '../../src/core/errors.js';
import { counts, runCli, tempDb } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
function temp() {
  const t = tempDb('vledger-migrate-');
  cleanups.push(t.cleanup);
  return t;
}

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; pk: number }[])
  .map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`);

const SCHEMA_001_TABLES = ['activities', 'audit', 'batches', 'certificates', 'members', 'meta', 'orgs', 'records', 'rules', 'schema_migrations', 'teams', 'volunteer_history', 'volunteers'];

describe('a blank database', () => {
  const first = loadMigrations().filter((m) => m.version === 1);

  test('001 gives exactly the tables of the data model', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', first);
    expect(tables(db)).toEqual(SCHEMA_001_TABLES);
    db.close();
  });

  test('the main tables have exactly these columns (minutes and hundredths as integers, exchange ids beside codes)', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', first);
    expect(columns(db, 'orgs')).toEqual(['pk INTEGER PK', 'id TEXT NOT NULL', 'code TEXT NOT NULL', 'name TEXT NOT NULL', 'parent TEXT', 'kind TEXT NOT NULL', 'created_at TEXT NOT NULL']);
    expect(columns(db, 'volunteers')).toEqual([
      'pk INTEGER PK', 'id TEXT NOT NULL', 'volunteer_no TEXT NOT NULL', 'name TEXT NOT NULL', 'id_type TEXT NOT NULL', 'id_number TEXT',
      'gender TEXT', 'birth_date TEXT', 'phone TEXT', 'political_status TEXT NOT NULL', 'org TEXT NOT NULL', 'skills TEXT',
      'registered_on TEXT', 'status TEXT NOT NULL', 'left_on TEXT', 'disciplined_in INTEGER', 'created_at TEXT NOT NULL',
    ]);
    expect(columns(db, 'volunteer_history')).toEqual(['pk INTEGER PK', 'volunteer_no TEXT NOT NULL', 'field TEXT NOT NULL', 'value TEXT NOT NULL', 'effective TEXT NOT NULL', 'created_at TEXT NOT NULL']);
    expect(columns(db, 'teams')).toEqual(['pk INTEGER PK', 'id TEXT NOT NULL', 'code TEXT NOT NULL', 'name TEXT NOT NULL', 'org TEXT NOT NULL', 'leader TEXT', 'founded_on TEXT', 'created_at TEXT NOT NULL']);
    expect(columns(db, 'members')).toEqual(['pk INTEGER PK', 'id TEXT NOT NULL', 'team TEXT NOT NULL', 'volunteer_no TEXT NOT NULL', 'joined_on TEXT', 'left_on TEXT', 'created_at TEXT NOT NULL']);
    expect(columns(db, 'activities')).toEqual(['pk INTEGER PK', 'id TEXT NOT NULL', 'code TEXT NOT NULL', 'title TEXT NOT NULL', 'org TEXT NOT NULL', 'team TEXT', 'category TEXT', 'location TEXT', 'date TEXT NOT NULL', 'end_date TEXT', 'created_at TEXT NOT NULL']);
    expect(columns(db, 'records')).toEqual([
      'pk INTEGER PK', 'id TEXT NOT NULL', 'kind TEXT NOT NULL', 'ref TEXT', 'volunteer_no TEXT NOT NULL', 'activity TEXT', 'date TEXT NOT NULL',
      'start TEXT', 'end TEXT', 'minutes INTEGER', 'category TEXT', 'role TEXT', 'evaluation TEXT', 'status TEXT NOT NULL', 'status_reason TEXT',
      'entry TEXT NOT NULL', 'note TEXT', 'topic TEXT', 'organiser TEXT', 'title TEXT', 'level TEXT', 'issuer TEXT', 'description TEXT',
      'upheld INTEGER', 'points INTEGER', 'reason TEXT', 'batch TEXT', 'recorded_by TEXT NOT NULL', 'recorded_at TEXT NOT NULL',
      'voided_at TEXT', 'voided_by TEXT', 'void_reason TEXT',
    ]);
    expect(columns(db, 'audit')).toEqual(['pk INTEGER PK', 'at TEXT NOT NULL', 'operator TEXT NOT NULL', 'command TEXT NOT NULL', 'entity TEXT NOT NULL', 'entity_id TEXT', 'change TEXT NOT NULL']);
    expect(columns(db, 'batches')).toEqual([
      'pk INTEGER PK', 'id TEXT NOT NULL', 'kind TEXT NOT NULL', 'file TEXT NOT NULL', 'sha256 TEXT NOT NULL', 'rows_read INTEGER NOT NULL',
      'rows_written INTEGER NOT NULL', 'rows_skipped INTEGER NOT NULL', 'rows_rejected INTEGER NOT NULL', 'operator TEXT NOT NULL',
      'created_at TEXT NOT NULL', 'undone_at TEXT',
    ]);
    db.close();
  });

  test('002 adds the year cache: its table and the triggers that wipe it on any change of records or rules (inserts into records excepted)', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', loadMigrations().filter((m) => m.version <= 2));
    expect(tables(db)).toEqual([...SCHEMA_001_TABLES, 'year_summaries'].sort());
    expect(columns(db, 'year_summaries')).toEqual(['year INTEGER PK', 'key TEXT NOT NULL', 'volunteers TEXT NOT NULL', 'activities TEXT NOT NULL', 'created_at TEXT NOT NULL']);
    const triggers = db.prepare("SELECT tbl_name || ' ' || sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all() as string[];
    expect(triggers.map((x) => /^(\w+) CREATE TRIGGER \w+ AFTER (\w+) ON/.exec(x)!.slice(1).join(' '))).toEqual([
      'records DELETE', 'records UPDATE', 'rules DELETE', 'rules INSERT', 'rules UPDATE',
    ]);
    db.close();
  });

  test('openDatabase applies every migration file in order and records each; foreign keys are on', () => {
    const { dbPath } = temp();
    const db = openDatabase(dbPath);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(recorded[0]).toEqual({ version: 1, name: '001_initial' });
    for (const t of SCHEMA_001_TABLES) expect(tables(db)).toContain(t);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get()).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
  });

  test('opening again applies nothing twice and keeps the database id', () => {
    const { dbPath } = temp();
    const a = openDatabase(dbPath);
    const id = a.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get();
    a.close();
    const b = openDatabase(dbPath);
    expect(b.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(loadMigrations().length);
    expect(b.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get()).toBe(id);
    b.close();
  });

  test('loadMigrations reads NNN_name.sql files in order and ignores other files', () => {
    const { dir } = temp();
    const m = join(dir, 'migrations');
    mkdirSync(m);
    writeFileSync(join(m, '002_second.sql'), 'CREATE TABLE b (x);');
    writeFileSync(join(m, '001_first.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(m, 'README.md'), 'not a migration');
    writeFileSync(join(m, '3_bad.sql'), 'CREATE TABLE c (x);');
    expect(loadMigrations(`${m}/`).map((x) => [x.version, x.name])).toEqual([[1, '001_first'], [2, '002_second']]);
  });
});

describe('upgrades and refusals', () => {
  const one: Migration[] = [{ version: 1, name: '001_first', sql: 'CREATE TABLE a (x INTEGER);' }];
  const two: Migration[] = [...one, { version: 2, name: '002_second', sql: 'CREATE TABLE b (y INTEGER);' }];

  test('an older database gets the missing migrations', () => {
    const db = new Database(':memory:');
    migrate(db, 'x.db', one);
    migrate(db, 'x.db', two);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2]);
  });

  test('a failing migration leaves neither its changes nor its record', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [...one, { version: 2, name: '002_broken', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, 'x.db', broken)).toThrow(/nowhere/);
    expect(tables(db)).toEqual(['a', 'schema_migrations']);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
  });

  test('a database from a newer version is refused, saying to upgrade', () => {
    const db = new Database(':memory:');
    migrate(db, 'x.db', two);
    expect(() => migrate(db, 'x.db', one)).toThrow(UserError);
    expect(() => migrate(db, 'x.db', one)).toThrow('x.db: the database was written by a newer version of vledger (schema 2, this one knows up to 1); upgrade vledger to open it');
  });

  test('an out-of-sync history (same version, another name) is refused', () => {
    const db = new Database(':memory:');
    migrate(db, 'x.db', one);
    const renamed: Migration[] = [{ version: 1, name: '001_other', sql: 'CREATE TABLE a (x INTEGER);' }];
    expect(() => migrate(db, 'x.db', renamed)).toThrow(UserError);
    expect(() => migrate(db, 'x.db', renamed)).toThrow(/schema history \(1 001_first\) does not match this vledger's migrations/);
  });
});

describe('through the CLI', () => {
  function withRecorded(version: number, name: string) {
    const t = temp();
    const db = openDatabase(t.dbPath);
    db.prepare('INSERT OR REPLACE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, name, '2030-01-01T00:00:00Z');
    db.close();
    return t;
  }

  test('a newer database: exit 1, one clear line, nothing written', () => {
    const t = withRecorded(999, '999_future');
    const before = counts(t.dbPath);
    const r = runCli(t.dbPath, ['register', 'org', '--code', 'B11', '--name', '第一党支部']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`vledger: ${t.dbPath}: the database was written by a newer version of vledger (schema 999, this one knows up to ${loadMigrations().at(-1)!.version}); upgrade vledger to open it\n`);
    expect(r.stdout).toBe('');
    expect(counts(t.dbPath)).toEqual(before);
  });

  test('an out-of-sync database: exit 1, no stack trace', () => {
    const t = withRecorded(1, '001_renamed');
    const r = runCli(t.dbPath, ['list', 'orgs', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^vledger: .*does not match this vledger's migrations.*\n$/);
    expect(r.stderr).not.toContain('    at ');
  });

  test('a file that is not SQLite is refused and left untouched', () => {
    const t = temp();
    const file = join(t.dir, 'notes.db');
    writeFileSync(file, 'name,phone\n张三,13812341234\n');
    const r = runCli(file, ['list', 'orgs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`vledger: ${file}: is not a vledger database (not an SQLite file); check the --db path\n`);
    expect(readFileSync(file, 'utf8')).toBe('name,phone\n张三,13812341234\n');
  });

  test("another program's SQLite file is refused and gets no vledger tables", () => {
    const t = temp();
    const foreign = new Database(t.dbPath);
    foreign.exec('CREATE TABLE orgs (x); CREATE TABLE contacts (name TEXT);');
    foreign.close();
    const r = runCli(t.dbPath, ['list', 'orgs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`vledger: ${t.dbPath}: is an SQLite database of another program (it has tables but no vledger schema history); check the --db path\n`);
    expect(Object.keys(counts(t.dbPath)).sort()).toEqual(['contacts', 'orgs']);
  });

  test('--db wins over VLEDGER_DB, and the database is created on first use', () => {
    const t = temp();
    const other = join(t.dir, 'other.db');
    const r = runCli(t.dbPath, ['--db', other, 'register', 'org', '--code', 'G01', '--name', '工委', '--kind', 'committee']);
    expect(r.code).toBe(0);
    expect(counts(other).orgs).toBe(1);
    expect(counts(t.dbPath)).toEqual({});
  });
});
