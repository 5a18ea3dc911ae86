// Hand-run perf check (not a test): builds a temp database of 20k volunteers and 1M records of
// one year by direct inserts, then times reading the year's facts and scoring them.
// Usage: npm run build && node bench/score-year.mjs [records=1000000] [volunteers=20000]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../dist/db/open.js';
import { uuidv7 } from '../dist/db/ids.js';
import { loadYearRecords, loadVolunteersAt, loadOrgTree, loadTeams } from '../dist/db/facts.js';
import { rulesInForce } from '../dist/db/rules-store.js';
import { summariseYearFigures } from '../dist/core/scoring.js';

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const VOLUNTEERS = Number(process.argv[3] ?? 20_000);
const YEAR = 2026;

// a seeded PRNG so that every run measures the same data
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rand() * a.length)];
const pad = (n, w = 2) => String(n).padStart(w, '0');

// BENCH_DB=FILE keeps the built database there and reuses it on the next run
const dir = process.env.BENCH_DB ? undefined : mkdtempSync(join(tmpdir(), 'vledger-bench-'));
const file = process.env.BENCH_DB ?? join(dir, 'bench.db');
const reuse = process.env.BENCH_DB !== undefined && existsSync(file);
try {
  const db = openDatabase(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const t0 = performance.now();
  if (!reuse) db.transaction(() => {
    const org = db.prepare("INSERT INTO orgs (id, code, name, parent, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    org.run(uuidv7(), 'G01', '工委', null, 'committee', now);
    const branches = [];
    for (let b = 1; b <= 100; b++) { const code = `B${pad(b, 3)}`; branches.push(code); org.run(uuidv7(), code, `支部${b}`, 'G01', 'branch', now); }
    const vol = db.prepare(`INSERT INTO volunteers (id, volunteer_no, name, political_status, org, status, created_at)
      VALUES (?, ?, ?, ?, ?, 'active', ?)`);
    const hist = db.prepare('INSERT INTO volunteer_history (volunteer_no, field, value, effective, created_at) VALUES (?, ?, ?, ?, ?)');
    for (let v = 0; v < VOLUNTEERS; v++) {
      const no = `V${pad(v, 6)}`, o = branches[v % branches.length], ps = pick(['party_member', 'party_member', 'probationary', 'masses']);
      vol.run(uuidv7(), no, `志愿者${v}`, ps, o, now);
      hist.run(no, 'org', o, '', now);
      hist.run(no, 'political_status', ps, '', now);
    }
    const rec = db.prepare(`INSERT INTO records (id, kind, volunteer_no, date, start, "end", minutes, role, evaluation, status, level, upheld, points, recorded_by, recorded_at)
      VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 'approved', ?, ?, ?, 'bench', ?)`);
    const evals = [null, null, 'satisfied', 'satisfied', 'fairly_satisfied', 'basically_satisfied', 'dissatisfied'];
    for (let i = 0; i < RECORDS; i++) {
      const no = `V${pad(Math.floor(rand() * VOLUNTEERS), 6)}`;
      const date = `${YEAR}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
      const k = rand();
      if (k < 0.9) {
        const start = rand() < 0.8 ? `${pad(7 + Math.floor(rand() * 10))}:${pick(['00', '15', '30', '45'])}` : null;
        rec.run(uuidv7(), 'service', no, date, start, 30 + Math.floor(rand() * 300), rand() < 0.1 ? 'leader' : 'participant', pick(evals), null, null, null, now);
      } else if (k < 0.96) rec.run(uuidv7(), 'training', no, date, null, 60 + Math.floor(rand() * 120), null, null, null, null, null, now);
      else if (k < 0.97) rec.run(uuidv7(), 'commendation', no, date, null, null, null, null, pick(['county', 'city', 'province', 'national']), null, null, now);
      else if (k < 0.98) rec.run(uuidv7(), 'complaint', no, date, null, null, null, null, null, rand() < 0.5 ? 1 : 0, null, now);
      else if (k < 0.99) rec.run(uuidv7(), 'no_show', no, date, null, null, null, null, null, null, null, now);
      else rec.run(uuidv7(), 'adjustment', no, date, null, null, null, null, null, null, Math.floor(rand() * 1000) - 500, now);
    }
  })();
  if (!reuse) console.error(`built ${RECORDS} records for ${VOLUNTEERS} volunteers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours
  const time = (label, fn) => {
    const s = performance.now(), c = process.cpuUsage();
    const r = fn();
    const u = process.cpuUsage(c);
    console.log(`${label.padEnd(28)} ${(performance.now() - s).toFixed(0).padStart(6)} ms wall ${((u.user + u.system) / 1000).toFixed(0).padStart(6)} ms cpu`);
    return r;
  };
  for (let run = 1; run <= 3; run++) {
    console.log(`run ${run}`);
    const total = performance.now(), totalCpu = process.cpuUsage();
    const rules = time('rules in force', () => rulesInForce(db, YEAR));
    const records = time('loadYearRecords', () => loadYearRecords(db, YEAR));
    time('loadVolunteersAt', () => loadVolunteersAt(db, `${YEAR}-12-31`));
    time('loadOrgTree + loadTeams', () => { loadOrgTree(db); loadTeams(db, YEAR); });
    const summary = time('summariseYearFigures', () => summariseYearFigures(records, rules, YEAR)).volunteers;
    const u = process.cpuUsage(totalCpu);
    console.log(`${'total'.padEnd(28)} ${(performance.now() - total).toFixed(0).padStart(6)} ms wall ${((u.user + u.system) / 1000).toFixed(0).padStart(6)} ms cpu (${records.length} records, ${summary.size} volunteers)`);
  }
  db.close();
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
