// Numbered SQL migrations from migrations/NNN_name.sql, each applied in its own transaction and
// recorded; a database whose record does not match the files (older tool, edited files) is refused.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { UserError } from '../core/errors.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration { version: number; name: string; sql: string }

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') }));
}

export function migrate(db: Database.Database, file: string, migrations = loadMigrations()): void {
  // tables but no schema history: another program's SQLite file, which we must not write into
  const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined;
  if (!hasHistory && hasTables) {
    throw new UserError(`${file}: is an SQLite database of another program (it has tables but no vledger schema history); check the --db path`);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const latest = migrations.at(-1)?.version ?? 0;
  for (const a of applied) {
    if (a.version > latest) {
      throw new UserError(`${file}: the database was written by a newer version of vledger (schema ${a.version}, this one knows up to ${latest}); upgrade vledger to open it`);
    }
    const known = migrations.find((m) => m.version === a.version);
    if (!known || known.name !== a.name) {
      throw new UserError(`${file}: the database's schema history (${a.version} ${a.name}) does not match this vledger's migrations; it is not a vledger database of this line, or it was altered by hand`);
    }
  }
  const done = new Set(applied.map((a) => a.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
      }).immediate();
    } catch (e) {
      // a half-vledger file (tables already there) is a data problem, not a bug
      if ((e as Error).name === 'SqliteError' && !String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) {
        throw new UserError(`${file}: migration ${m.name} failed (${(e as Error).message}); this file is not a database this vledger can upgrade — check the --db path or restore a backup`);
      }
      throw e;
    }
  }
}
