// Upgrades keep data: every fixture database made by an older schema version
// (test/fixtures/db/vNNN.db) is opened by today's CLI, on a copy, and must come out with every
// row it had, the full schema history, and a passing `vledger check`. Each new migration adds
// its own fixture (scripts/make-fixture-db.mjs shows how).
import { describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, runCli, tempDb } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'db');
const fixtures = readdirSync(FIXTURES).filter((f) => /^v\d{3}\.db$/.test(f)).sort();
const migrations = readdirSync(join(ROOT, 'migrations')).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort()
  .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, '') }));

type Row = Record<string, unknown>;

/** Every table's rows keyed by primary key (rowid, or the key of a WITHOUT ROWID table). */
function snapshot(file: string): Map<string, Map<string, Row>> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return new Map(tables.map((t) => {
      const keys = (db.pragma(`table_info("${t}")`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).map((c) => c.name);
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Row[];
      return [t, new Map(rows.map((r) => [JSON.stringify(keys.map((k) => r[k])), r]))];
    }));
  } finally {
    db.close();
  }
}

describe('upgrading old databases', () => {
  it('has a fixture for the first schema version', () => {
    expect(fixtures).toContain('v001.db');
    const db = new Database(join(FIXTURES, 'v001.db'), { readonly: true });
    const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    db.close();
    expect(applied).toEqual([1]);
  });

  for (const fixture of fixtures) {
    it(`${fixture}: today's vledger opens a copy, keeps every row and completes the schema history`, () => {
      const t = tempDb('vledger-upgrade-');
      try {
        const original = join(FIXTURES, fixture);
        const before = readFileSync(original);
        copyFileSync(original, t.dbPath);
        const old = snapshot(t.dbPath);
        // every table of the fixture has rows, or it proves nothing about that table
        for (const [table, rows] of old) expect(rows.size, `${fixture} table ${table}`).toBeGreaterThan(0);

        const checked = runCli(t.dbPath, ['check']);
        expect(checked.stderr).toMatch(/^ok: /);
        expect(checked.code).toBe(0);

        const now = snapshot(t.dbPath);
        for (const [table, rows] of old) {
          if (table === 'schema_migrations') continue;
          const after = now.get(table);
          expect(after, `table ${table} is gone`).toBeDefined();
          for (const [key, row] of rows) {
            const kept = after!.get(key);
            expect(kept, `${table} row ${key} is gone`).toBeDefined();
            // a migration may add columns; the old ones keep their values
            expect(Object.fromEntries(Object.keys(row).map((c) => [c, kept![c]])), `${table} row ${key}`).toEqual(row);
          }
        }
        const applied = [...now.get('schema_migrations')!.values()].map((r) => ({ version: r.version, name: r.name }))
          .sort((a, b) => Number(a.version) - Number(b.version));
        expect(applied).toEqual(migrations);

        // the data reads back through the product, not only through SQL
        const listed = runCli(t.dbPath, ['list', 'records', '--all', '--format', 'json']);
        expect(listed.code).toBe(0);
        const serviceRows = [...old.get('records')!.values()].filter((r) => r.kind === 'service');
        expect(JSON.parse(listed.stdout)).toHaveLength(serviceRows.length);
        // the fixture itself is never touched
        expect(readFileSync(original).equals(before)).toBe(true);
      } finally {
        t.cleanup();
      }
    });
  }

  it('v001.db upgraded: the year cache of 002 works on old data (filled by a report, wiped by approving a record)', () => {
    const t = tempDb('vledger-upgrade-');
    try {
      copyFileSync(join(FIXTURES, 'v001.db'), t.dbPath);
      const first = runCli(t.dbPath, ['rank', '--year', '2025', '--format', 'json']);
      expect(first.code).toBe(0);
      const cached = () => {
        const db = new Database(t.dbPath, { readonly: true });
        try { return db.prepare('SELECT year FROM year_summaries').pluck().all(); } finally { db.close(); }
      };
      expect(cached()).toEqual([2025]);
      expect(runCli(t.dbPath, ['rank', '--year', '2025', '--format', 'json']).stdout).toBe(first.stdout);
      // the fixture's pending record of B11-0002 (240 min, dissatisfied)
      expect(runCli(t.dbPath, ['log', 'approve', '0194a000-0000-7000-8000-000000000071']).code).toBe(0);
      expect(cached()).toEqual([]);
      const after = JSON.parse(runCli(t.dbPath, ['rank', '--year', '2025', '--format', 'json']).stdout) as { volunteer_no: string; hours: number }[];
      expect(after.find((r) => r.volunteer_no === 'B11-0002')?.hours).toBe(4);
    } finally {
      t.cleanup();
    }
  });
});
