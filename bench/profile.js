// Profile one `vledger import service` of the bench data (node --cpu-prof) and summarise the
// .cpuprofile: top functions by self time and by total time, and self time per file.
// Usage: node bench/profile.js [ROSTER_DB SERVICE_CSV] | node bench/profile.js --summarise FILE.cpuprofile
// Without arguments it uses bench/data/<BENCH_ROWS>-<BENCH_VOLUNTEERS>-<BENCH_SEED>/ (run the bench once first).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { snapshotApp } from './app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOP = Number(process.env.PROFILE_TOP ?? 30);


function where(frame) {
  const url = frame.url.replace(/^file:\/\//, '');
  const file = (url.startsWith(ROOT) ? relative(ROOT, url) : url || '(native)').replace(/^bench\/data\/app-[^/]+\//, '');
  return { file, key: `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}` };
}

/** Self and total milliseconds per function (recursion counted once in total). */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + dt);
  }
  const self = new Map(), total = new Map(), files = new Map();
  let all = 0;
  for (const [id, ms] of selfMs) {
    all += ms;
    const node = byId.get(id);
    const { key, file } = where(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = where(byId.get(cur).callFrame).key;
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, ms]) => ({ fn: k, ms: Math.round(ms), pct: +(100 * ms / all).toFixed(1) }));
  return { totalMs: Math.round(all), self: top(self), total: top(total), files: top(files) };
}

function print(s) {
  const table = (title, rows) => {
    console.log(`\n${title}`);
    for (const r of rows) console.log(`${String(r.ms).padStart(8)} ms ${String(r.pct).padStart(5)}%  ${r.fn}`);
  };
  console.log(`sampled ${s.totalMs} ms`);
  table('self time by function', s.self);
  table('self time by file', s.files);
  table('total time by function (callees included)', s.total.filter((r) => !/^\((root|program|garbage collector)\)/.test(r.fn)));
}

if (process.argv[2] === '--summarise') {
  print(summarise(JSON.parse(readFileSync(process.argv[3], 'utf8'))));
} else {
  const rows = process.env.BENCH_ROWS ?? 1_000_000, vols = process.env.BENCH_VOLUNTEERS ?? 20_000, seed = process.env.BENCH_SEED ?? 7;
  const dataDir = join(ROOT, 'bench', 'data', `${rows}-${vols}-${seed}`);
  const roster = process.argv[2] ?? join(dataDir, 'runs', 'roster.db');
  const file = process.argv[3] ?? join(dataDir, 'service.csv');
  const out = join(ROOT, 'bench', 'results', `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const { bin } = snapshotApp(ROOT); // as built now, whatever is rebuilt meanwhile
  const db = join(out, 'import.db');
  copyFileSync(roster, db);
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, bin, 'import', 'service', file], {
    env: { ...process.env, VLEDGER_DB: db, VLEDGER_OPERATOR: 'bench', NO_COLOR: '1' }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  rmSync(db, { force: true });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const prof = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
  console.log(`profile: ${join(out, prof)}`);
  print(summarise(JSON.parse(readFileSync(join(out, prof), 'utf8'))));
}
