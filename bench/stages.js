// Where an import's time goes, stage by stage, in one process over the bench's service file:
// each stage runs everything the one before it did plus one more step, so the differences
// are the cost of that step. Uses dist/ (the built modules), not the CLI.
// Usage: npm run build && node bench/stages.js [SERVICE_CSV ROSTER_DB]   (BENCH_ROWS picks the data set;
// STAGES=insert runs only the stages whose name has that word)
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rows = process.env.BENCH_ROWS ?? 1_000_000, vols = process.env.BENCH_VOLUNTEERS ?? 20_000, seed = process.env.BENCH_SEED ?? 7;
const dataDir = join(ROOT, 'bench', 'data', `${rows}-${vols}-${seed}`);
const file = process.argv[2] ?? join(dataDir, 'service.csv');
const roster = process.argv[3] ?? join(dataDir, 'runs', 'roster.db');
const dist = (p) => import(join(ROOT, 'dist', p));

const { sniffFile } = await dist('io/sniff.js');
const { readCsv } = await dist('io/csv.js');
const { openSheet } = await dist('io/source.js');
const { parseRow } = await dist('core/rows.js');
const { openDatabase } = await dist('db/open.js');
const { LogStore } = await dist('db/records.js');
const { uuidv7 } = await dist('db/ids.js');
const cached = existsSync(join(ROOT, 'dist', 'io', 'cached-resolver.js')) ? await dist('io/cached-resolver.js') : undefined;

const ctx = { today: new Date().toISOString().slice(0, 10) };

// STAGES=insert (a word of the stage names) runs only the matching stages, e.g. under --cpu-prof
const only = process.env.STAGES;

/** Runs one stage on a fresh copy of the roster and reports its CPU and wall time. */
async function stage(name, body) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) return 0;
  const db = join(dataDir, 'runs', 'stages.db');
  copyFileSync(roster, db);
  const conn = openDatabase(db);
  const c0 = process.cpuUsage(), t0 = performance.now();
  let n = 0;
  conn.exec('BEGIN IMMEDIATE');
  try {
    n = await body(conn);
  } finally {
    conn.exec('ROLLBACK');
    conn.close();
    rmSync(db, { force: true });
  }
  const c = process.cpuUsage(c0), wall = performance.now() - t0, cpu = (c.user + c.system) / 1000;
  console.log(`${name.padEnd(52)} ${(cpu / 1000).toFixed(2).padStart(7)} s CPU ${(wall / 1000).toFixed(2).padStart(7)} s wall ${(1000 * cpu / Math.max(1, n)).toFixed(1).padStart(6)} µs/row`);
  return cpu;
}

const facts = await sniffFile(file);
console.log(`${file}: ${(facts.bytes / 2 ** 20).toFixed(1)} MiB`);
await stage('sha256 + sniff (sniffFile)', async () => { await sniffFile(file); return Number(rows); });
await stage('readCsv (decode + csv-parse, async iteration)', async () => { let n = 0; for await (const _ of readCsv(file, facts.encoding)) n++; return n; });
await stage('+ header mapping (openSheet rows)', async () => { let n = 0; for await (const _ of (await openSheet(file, 'service', { facts })).rows) n++; return n; });
await stage('+ parseRow (field parsing and validation)', async () => {
  let n = 0;
  for await (const r of (await openSheet(file, 'service', { facts })).rows) { if (parseRow('service', r.raw, ctx).ok) n++; }
  return n;
});
const store = (db) => new LogStore(db, 'bench', new Date().toISOString(), cached ? new cached.CachedResolver(db) : undefined);
await stage('+ LogStore.check (resolve, duplicates, 24 h)', async (db) => {
  const s = store(db);
  let n = 0;
  for await (const r of (await openSheet(file, 'service', { facts })).rows) {
    const p = parseRow('service', r.raw, ctx);
    if (p.ok && s.check('service', p.row).issues.length === 0) n++;
  }
  return n;
});
await stage('+ LogStore.insert (the whole row path)', async (db) => {
  const s = store(db);
  const batch = uuidv7();
  db.prepare("INSERT INTO batches (id, kind, file, sha256, operator, created_at) VALUES (?, 'service', 'bench', '-', 'bench', ?)").run(batch, new Date().toISOString());
  let n = 0;
  for await (const r of (await openSheet(file, 'service', { facts })).rows) {
    const p = parseRow('service', r.raw, ctx);
    if (!p.ok) continue;
    const c = s.check('service', p.row);
    if (c.issues.length === 0 && c.outcome === 'new') { s.insert(c.row, batch); n++; }
  }
  return n;
});
