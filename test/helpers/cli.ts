// Shared test helpers: a temp database per test, the real CLI spawned against it with a fixed
// clock and operator, row counts to prove a refused command wrote nothing, and a small roster.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The CLI under test; VLEDGER_TEST_BIN points at another build (e.g. a private copy while dist/ is being rebuilt). */
export const BIN = process.env.VLEDGER_TEST_BIN ?? join(ROOT, 'bin', 'vledger.js');
/** The fixed "today" of every spawned CLI (VLEDGER_NOW). */
export const TODAY = '2026-11-29';

export interface CliResult { code: number; stdout: string; stderr: string }

/** A fresh temp directory and a database path inside it (the file is created on first use). */
export function tempDb(prefix = 'vledger-test-'): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dbPath: join(dir, 'test.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `node bin/vledger.js ...args` against dbPath; env overrides win (pass undefined to unset).
 * `asNobody`: run as uid/gid 65534 when the tests run as root (for whom file modes do not stop a write).
 */
export function runCli(dbPath: string, args: string[], env: Record<string, string | undefined> = {}, opts: { cwd?: string; input?: string; asNobody?: boolean } = {}): CliResult {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    VLEDGER_DB: dbPath,
    VLEDGER_NOW: TODAY,
    VLEDGER_OPERATOR: 'tester',
    NO_COLOR: '1',
    LANG: 'en_US.UTF-8',
    VLEDGER_LANG: undefined,
    ...env,
  };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT, env: merged as NodeJS.ProcessEnv, encoding: 'utf8', input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
    // a CLI that never ends fails its test rather than hanging the run
    timeout: 120_000, killSignal: 'SIGKILL',
    ...(opts.asNobody && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temp database with a bound runner: `const t = cliEnv(); t.run('list', 'orgs'); t.cleanup()`. */
export function cliEnv(prefix?: string): { dir: string; dbPath: string; run: (...args: string[]) => CliResult; runEnv: (env: Record<string, string | undefined>, ...args: string[]) => CliResult; cleanup: () => void } {
  const t = tempDb(prefix);
  return {
    ...t,
    run: (...args: string[]) => runCli(t.dbPath, args),
    runEnv: (env, ...args) => runCli(t.dbPath, args, env),
  };
}

/** Row counts of every table (sqlite_* excluded); a missing database file gives {}. */
export function counts(dbPath: string): Record<string, number> {
  let db: Database.Database;
  try { db = new Database(dbPath, { readonly: true, fileMustExist: true }); } catch { return {}; }
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    return out;
  } finally { db.close(); }
}

/** Runs a query read-only against the database (for asserting stored values). */
export function query<T = Record<string, unknown>>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try { return db.prepare(sql).all(...params) as T[]; } finally { db.close(); }
}

/** Valid GB 11643 resident ids used by the seed and the tests. */
export const IDS = {
  zhang: '110101199003071233', // male, 1990-03-07
  li: '110105198501010020', // female, 1985-01-01
  wang: '440304199206150042', // female, 1992-06-15
  zhao: '110101198001010010', // male, 1980-01-01
  sun: '310104197505120039', // male, 1975-05-12
};

export interface Seed { orgs: string[]; volunteers: { no: string; name: string; org: string }[]; team: string; activity: string }

/**
 * A small roster through the real CLI: committee G01 with branches B11 and B12, a team T01 of
 * B11, activity A0001 (2026-03-05, team T01) and four volunteers
 * (B11-0001 张三, B11-0002 李四, B11-0003 王五, B12-0001 赵六), 张三 and 李四 members of T01.
 * Throws when any step fails, with the CLI's stderr. The roster is built once per test process
 * and copied for later calls (11 spawns cost seconds); dbPath must not exist yet.
 */
export function seedBasic(dbPath: string): Seed {
  seedFrom(dbPath, 'basic', seedByCli);
  return SEED;
}

const templates = new Map<string, string>();

/**
 * Copies into dbPath a database that `build` made once per test process under `name` (build
 * gets a fresh path to fill, e.g. with seedBasic and a few CLI calls). Spawns are the slow part
 * of these tests; this pays for them once per file instead of once per test.
 */
export function seedFrom(dbPath: string, name: string, build: (templatePath: string) => void): void {
  let template = templates.get(name);
  if (!template || !existsSync(template)) {
    const t = tempDb(`vledger-${name}-`);
    build(t.dbPath);
    template = t.dbPath;
    templates.set(name, template);
    process.on('exit', t.cleanup);
  }
  copyFileSync(template, dbPath);
}

/** Runs CLI steps against dbPath, throwing with stderr at the first that fails. */
export function runSteps(dbPath: string, steps: string[][]): CliResult[] {
  return steps.map((args) => {
    const r = runCli(dbPath, args);
    if (r.code !== 0) throw new Error(`vledger ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  });
}

const SEED: Seed = {
  orgs: ['G01', 'B11', 'B12'],
  volunteers: [
    { no: 'B11-0001', name: '张三', org: 'B11' },
    { no: 'B11-0002', name: '李四', org: 'B11' },
    { no: 'B11-0003', name: '王五', org: 'B11' },
    { no: 'B12-0001', name: '赵六', org: 'B12' },
  ],
  team: 'T01',
  activity: 'A0001',
};

/** The volunteer numbers of the seedBasic roster. */
export const BASIC_VOLUNTEERS = SEED.volunteers.map((v) => v.no);

function seedByCli(dbPath: string): void {
  const steps: string[][] = [
    ['register', 'org', '--code', 'G01', '--name', '市直机关工委', '--kind', 'committee'],
    ['register', 'org', '--code', 'B11', '--name', '第一党支部', '--parent', 'G01', '--kind', 'branch'],
    ['register', 'org', '--code', 'B12', '--name', '第二党支部', '--parent', 'G01', '--kind', 'branch'],
    ['register', 'volunteer', '--name', '张三', '--org', 'B11', '--political-status', 'party_member', '--id-number', IDS.zhang, '--phone', '13812341234', '--registered-on', '2026-01-01'],
    ['register', 'volunteer', '--name', '李四', '--org', 'B11', '--political-status', 'probationary', '--id-number', IDS.li, '--phone', '13912345678', '--registered-on', '2026-01-01'],
    ['register', 'volunteer', '--name', '王五', '--org', 'B11', '--political-status', 'masses', '--registered-on', '2026-01-01'],
    ['register', 'volunteer', '--name', '赵六', '--org', 'B12', '--political-status', 'party_member', '--id-number', IDS.zhao, '--registered-on', '2026-01-01'],
    ['register', 'team', '--code', 'T01', '--name', '红色先锋志愿服务队', '--org', 'B11', '--leader', 'B11-0001', '--founded-on', '2026-01-01'],
    ['register', 'member', '--team', 'T01', '--volunteer', 'B11-0001', '--joined-on', '2026-01-10'],
    ['register', 'member', '--team', 'T01', '--volunteer', 'B11-0002', '--joined-on', '2026-01-10'],
    ['register', 'activity', '--code', 'A0001', '--title', '学雷锋社区服务', '--org', 'B11', '--team', 'T01', '--date', '2026-03-05'],
  ];
  runSteps(dbPath, steps);
}

/**
 * Runs a command that must be refused: asserts the exit code, nothing on stdout, stderr matching
 * (one line for a data error, never a stack trace) and every table's row count unchanged.
 */
export function expectRefused(dbPath: string, args: string[], code: 1 | 2, stderr: RegExp | string, env: Record<string, string | undefined> = {}): CliResult {
  const before = counts(dbPath);
  const r = runCli(dbPath, args, env);
  const where = `vledger ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.code, where).toBe(code);
  expect(r.stdout, where).toBe('');
  if (typeof stderr === 'string') expect(r.stderr, where).toContain(stderr);
  else expect(r.stderr, where).toMatch(stderr);
  expect(r.stderr, where).not.toContain('    at ');
  if (code === 1) expect(r.stderr.trimEnd().split('\n'), where).toHaveLength(1);
  expect(counts(dbPath), where).toEqual(before);
  return r;
}
