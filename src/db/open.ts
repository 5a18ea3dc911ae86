// Opening the one database file: path, pragmas, busy timeout, migrations, and our own id.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { migrate } from './migrate.js';
import { uuidv7 } from './ids.js';

export type DB = Database.Database;

function fileHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

export function openDatabase(file: string): DB {
  if (existsSync(file)) {
    const head = fileHead(file, 16); // not readFileSync: the database may be hundreds of MB
    if (head.length > 0 && head !== 'SQLite format 3\u0000') {
      throw new UserError(`${file}: is not a vledger database (not an SQLite file); check the --db path`);
    }
  }
  const timeout = busyTimeout(process.env.VLEDGER_BUSY_TIMEOUT);
  let db: DB;
  try {
    db = new Database(file, { timeout });
  } catch (e) {
    throw new UserError(`${file}: cannot open the database (${(e as Error).message}); check the path and its folder`);
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = DELETE');
    migrate(db, file);
    const row = db.prepare("SELECT value FROM meta WHERE key = 'database_id'").get() as { value: string } | undefined;
    if (!row) db.prepare("INSERT INTO meta (key, value) VALUES ('database_id', ?)").run(uuidv7());
  } catch (e) {
    db.close();
    throw translateSqliteError(e, file);
  }
  return db;
}

/** How long a writer waits for another one (ms): VLEDGER_BUSY_TIMEOUT, else 5 s. */
function busyTimeout(env: string | undefined): number {
  if (env === undefined || env === '') return 5000;
  if (!/^\d+$/.test(env.trim())) throw new UserError(`VLEDGER_BUSY_TIMEOUT: "${env}" is not a whole number of milliseconds; unset it or give e.g. 5000`);
  return Number(env);
}

/** SQLite's busy and corruption errors, said so a clerk can act on them. */
export function translateSqliteError(e: unknown, file: string): unknown {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new UserError(`${file}: database is busy (another vledger is writing to it); try again when it has finished`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${file}: the database file is damaged or not a database (${code}); restore it from a backup (vledger backup)`);
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new UserError(`${file}: cannot write the database (${code}); check the file's permissions and free space`);
  }
  return e;
}

/** Run fn in one BEGIN IMMEDIATE transaction: all or nothing, the writer lock taken up front. */
export function writeTransaction<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
