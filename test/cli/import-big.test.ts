// An import of a file big enough to be read in a worker thread (over 2 MiB): written whole,
// problems named by the line they are on, and a refused import ends its process (the worker
// reading the file is stopped) rather than waiting for the rest of the file to be read.
import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { BASIC_VOLUNTEERS, cliEnv, counts, query, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const pad = (n: number) => String(n).padStart(2, '0');

/** 4 volunteers × 365 days × 28 ten-minute services (08:00…12:40) of 2025: 40,880 rows, ~3 MB. */
function bigSheet(replace: Record<number, string> = {}): { file: string; rows: number } {
  const lines = ['volunteer_no,date,start,end,note'];
  let i = 0;
  for (let day = 0; day < 365; day++) {
    const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
    for (const v of BASIC_VOLUNTEERS) {
      for (let k = 0; k < 28; k++) {
        const from = 8 * 60 + k * 10;
        lines.push(replace[i] ?? `${v},${date},${pad(Math.floor(from / 60))}:${pad(from % 60)},${pad(Math.floor((from + 10) / 60))}:${pad((from + 10) % 60)},志愿服务记录第${i}条`);
        i++;
      }
    }
  }
  const file = join(t.dir, 'big.csv');
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  expect(statSync(file).size).toBeGreaterThan(2 * 1024 * 1024); // read in a worker
  return { file, rows: i };
}

test('a big file is written whole, every row once', () => {
  const { file, rows } = bigSheet();
  const r = t.run('import', 'service', file);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(new RegExp(`${rows} rows read, ${rows} written, 0 already stored, 0 rejected`));
  expect(query(t.dbPath, "SELECT count(*) AS n, sum(minutes) AS m FROM records WHERE kind = 'service'")).toEqual([{ n: rows, m: rows * 10 }]);
  expect(query(t.dbPath, 'SELECT note FROM records ORDER BY pk DESC LIMIT 1')).toEqual([{ note: `志愿服务记录第${rows - 1}条` }]);
});

test('problems deep in a big file name their lines; nothing is imported', () => {
  const { file } = bigSheet({ 30000: 'B11-0001,2025-13-01,08:00,09:00,', 40000: 'B99-0001,2025-12-30,08:00,09:00,' });
  const before = counts(t.dbPath);
  const r = t.run('import', 'service', file);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${file}:30002: date:`);
  expect(r.stderr).toContain(`${file}:40002: volunteer_no: no volunteer "B99-0001"`);
  expect(counts(t.dbPath)).toEqual(before);
});

test('refused at a busy database, the import ends at once and writes nothing', () => {
  const { file } = bigSheet();
  const before = counts(t.dbPath);
  const holder = new Database(t.dbPath);
  holder.prepare('BEGIN IMMEDIATE').run();
  try {
    const r = t.runEnv({ VLEDGER_BUSY_TIMEOUT: '100' }, 'import', 'service', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('database is busy');
  } finally {
    holder.prepare('ROLLBACK').run();
    holder.close();
  }
  expect(counts(t.dbPath)).toEqual(before);
});
