// `npm run bench`: import and year-end reports at city scale, side by side with the sqlite3
// shell and sqlite-utils (issue 7). Prints a table and ratios, writes bench/results/*.json.
// Env: BENCH_ROWS (1000000), BENCH_VOLUNTEERS (20000), BENCH_SEED (7), BENCH_RUNS (3),
// BENCH_ONLY (comma list of: import, sqlite3, sqlite-utils, reports, startup).
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { snapshotApp } from './app.js';
import { generate, YEAR } from './gen.js';
import { measure, median, toolVersion } from './measure.js';
import { CSV_FLOOR_SQL, FULL_SHAPE_SQL } from './floors.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 20_000);
const SEED = Number(process.env.BENCH_SEED ?? 7);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const STARTUP_RUNS = 10;
const ONLY = new Set((process.env.BENCH_ONLY ?? 'import,sqlite3,sqlite-utils,reports,startup').split(',').map((s) => s.trim()));
const TARGETS = { importVsSqlite3: 2, peakRssMb: 150, awardsSeconds: 1, helpVsNode: 2 };

const say = (m) => process.stderr.write(`${m}\n`);
const notes = [];
const note = (m) => { notes.push(m); say(`note: ${m}`); };
const results = {}; // name -> { seconds, median, cpuSeconds?, cpuMedian?, rssMb?, outputRows?, summary? }
const secs = (ms) => ms / 1000;

const dataDir = join(ROOT, 'bench', 'data', `${ROWS}-${VOLUNTEERS}-${SEED}`);
const runDir = join(dataDir, 'runs'); // the cached roster (and last imported) databases
const workDir = join(runDir, `work-${process.pid}`); // this run's scratch databases
let BIN, MIGRATIONS; // of this run's snapshot of vledger (bench/app.js)
const csv = (kind) => join(dataDir, `${kind}.csv`);
const vledgerEnv = (db) => ({ ...process.env, VLEDGER_DB: db, VLEDGER_OPERATOR: 'bench', NO_COLOR: '1', VLEDGER_LANG: 'en' });

/** Keeps the runs of one measurement: wall seconds (the median is the figure), CPU seconds, peak RSS. */
function record(name, runs, extra = {}) {
  const seconds = runs.map((r) => secs(r.ms));
  const cpu = runs.map((r) => r.cpuMs).filter((c) => c !== undefined).map(secs);
  const rss = runs.map((r) => r.rssKb).filter((k) => k !== undefined);
  results[name] = {
    seconds, median: median(seconds), ...(cpu.length ? { cpuSeconds: cpu, cpuMedian: median(cpu) } : {}),
    ...(rss.length ? { rssMb: Math.max(...rss) / 1024 } : {}), ...extra,
  };
  say(`  ${name}: median ${median(seconds).toFixed(2)} s of [${seconds.map((s) => s.toFixed(2)).join(', ')}]`
    + (cpu.length ? `, CPU ${median(cpu).toFixed(2)} s` : '') + (rss.length ? `, peak RSS ${(Math.max(...rss) / 1024).toFixed(0)} MB` : ''));
}

async function vledger(db, args, opts = {}) {
  return measure(process.execPath, [BIN, ...args], { env: vledgerEnv(db), ...opts });
}

/** A vledger command exists when its --help exits 0 (commander exits 2 for an unknown one). */
async function hasCommand(args) {
  const r = await vledger(join(workDir, 'help.db'), [...args, '--help']);
  return r.code === 0;
}

// better-sqlite3 (a dependency) for the untimed checks, so that only the floors need sqlite3
const Database = createRequire(join(ROOT, 'package.json'))('better-sqlite3');

function countRecords(file) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM records').pluck().get();
  } finally {
    db.close();
  }
}

/** The roster database, imported once per data set and schema (migrations) and then reused. */
async function prepareRoster(manifest) {
  const db = join(runDir, 'roster.db');
  const keyFile = join(runDir, 'roster.key');
  const building = join(workDir, 'roster.db');
  const migrations = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS).sort()) migrations.update(readFileSync(join(MIGRATIONS, f)));
  const key = JSON.stringify({ data: { ...manifest, reused: undefined }, migrations: migrations.digest('hex') });
  if (existsSync(db) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
    say('roster: reused');
    return db;
  }
  const t0 = performance.now();
  for (const kind of ['orgs', 'volunteers', 'teams', 'members', 'activities']) {
    const r = await vledger(building, ['import', kind, csv(kind), '--quiet'], { rss: true });
    if (r.code !== 0) throw new Error(`preparing the roster: vledger import ${kind} exited ${r.code}:\n${r.stderr.slice(0, 2000)}`);
    if (kind === 'volunteers') record('vledger import volunteers (roster, once)', [r]);
  }
  say(`roster imported in ${secs(performance.now() - t0).toFixed(1)} s`);
  renameSync(building, db); // whole or not at all, should another bench read it meanwhile
  writeFileSync(keyFile, key);
  return db;
}

async function benchImport(roster) {
  const runs = [];
  let imported;
  for (let i = 0; i < RUNS; i++) {
    const db = join(workDir, `import-${i}.db`);
    copyFileSync(roster, db);
    const r = await vledger(db, ['import', 'service', csv('service')], { rss: true });
    if (r.code !== 0) throw new Error(`vledger import service exited ${r.code}:\n${r.stderr.slice(0, 3000)}`);
    const n = countRecords(db);
    if (n !== ROWS) throw new Error(`vledger import service stored ${n} records, expected ${ROWS}:\n${r.stderr.slice(0, 2000)}`);
    runs.push(r);
    if (imported) rmSync(imported, { force: true });
    imported = db;
  }
  record('vledger import service', runs, { summary: runs.at(-1).stderr.trim().split('\n').at(-1) });
  return imported;
}

async function benchSqlite3(roster) {
  const version = toolVersion('sqlite3', ['--version']);
  if (!version) return note('the sqlite3 shell is not installed: the floor rows are missing (Debian: apt-get install sqlite3)');
  const csvRuns = [];
  for (let i = 0; i < RUNS; i++) {
    const db = join(workDir, `sqlite3-${i}.db`);
    rmSync(db, { force: true });
    csvRuns.push(await measure('sqlite3', [db], { input: `${CSV_FLOOR_SQL}\n.import --csv --skip 1 '${csv('service')}' records\n`, rss: true }));
    if (countRecords(db) !== ROWS) throw new Error(`sqlite3 .import stored ${countRecords(db)} rows, expected ${ROWS}`);
    rmSync(db, { force: true });
  }
  record('sqlite3 .import (CSV-shaped table)', csvRuns);
  if (!roster) return note('sqlite3 into the full records schema skipped: no roster database (vledger import is not available)');
  const fullRuns = [];
  for (let i = 0; i < RUNS; i++) {
    const db = join(workDir, `sqlite3-full-${i}.db`);
    copyFileSync(roster, db);
    fullRuns.push(await measure('sqlite3', [db], { input: FULL_SHAPE_SQL(csv('service')), rss: true }));
    if (countRecords(db) !== ROWS) throw new Error(`sqlite3 full-shape import stored ${countRecords(db)} rows, expected ${ROWS}`);
    rmSync(db, { force: true });
  }
  record('sqlite3 .import + INSERT…SELECT (records schema)', fullRuns);
}

async function benchSqliteUtils() {
  const version = toolVersion('sqlite-utils', ['--version']);
  if (!version) return note('sqlite-utils is not installed: its row is missing (Debian: apt-get install sqlite-utils; or pipx install sqlite-utils)');
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const db = join(workDir, `sqlite-utils-${i}.db`);
    rmSync(db, { force: true });
    const setup = new Database(db);
    setup.exec(CSV_FLOOR_SQL);
    setup.close();
    const r = await measure('sqlite-utils', ['insert', db, 'records', csv('service'), '--csv'], { rss: true });
    if (r.code !== 0) throw new Error(`sqlite-utils insert exited ${r.code}:\n${r.stderr.slice(0, 2000)}`);
    if (countRecords(db) !== ROWS) throw new Error(`sqlite-utils stored ${countRecords(db)} rows, expected ${ROWS}`);
    runs.push(r);
    rmSync(db, { force: true });
  }
  record('sqlite-utils insert --csv (CSV-shaped table)', runs);
}

/** [name, the command (to ask for its --help), its flags] */
const REPORTS = [
  ['rank', ['rank'], ['--year', String(YEAR)]],
  ['rank --by team', ['rank'], ['--by', 'team', '--year', String(YEAR)]],
  ['report awards', ['report', 'awards'], ['--year', String(YEAR)]],
  ['report assessment', ['report', 'assessment'], ['--year', String(YEAR)]],
];

/** A copy of the imported database, as the import left it or without the stored year figures. */
function copyOf(db, copy, keepFigures) {
  copyFileSync(db, copy);
  if (!keepFigures) {
    const d = new Database(copy);
    const cached = d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'year_summaries'").pluck().get();
    if (cached) d.exec('DELETE FROM year_summaries');
    d.close();
  }
  // on disk before the report starts: writing back 400 MB of copy is not the report's time
  const fd = openSync(copy, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

/** `report awards` on a fresh copy each run: the first report after the import, and one with no stored figures. */
async function benchFirstReports(db) {
  const firsts = [
    [`vledger report awards ${YEAR}, first after the import`, true],
    [`vledger report awards ${YEAR}, figures not stored (as after an approval)`, false],
  ];
  for (const [name, keepFigures] of firsts) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const copy = join(workDir, `first-${i}.db`);
      copyOf(db, copy, keepFigures);
      const r = await vledger(copy, ['report', 'awards', '--year', String(YEAR), '--format', 'csv'], { rss: true });
      rmSync(copy, { force: true });
      if (r.code !== 0) { note(`vledger report awards exited ${r.code}: ${r.stderr.trim().split('\n')[0]}`); runs.length = 0; break; }
      runs.push(r);
    }
    if (runs.length) record(name, runs);
  }
}

async function benchReports(db) {
  if (!db) return note('rank and reports skipped: no imported database (vledger import is not available)');
  // an import stores the year's figures (when it knows them before); a report with none stored scores the year and stores them
  await benchFirstReports(db);
  await vledger(db, ['rank', '--year', String(YEAR), '--format', 'csv']); // stores the year's figures, if this version does
  for (const [name, command, flags] of REPORTS) {
    const args = [...command, ...flags];
    if (!(await hasCommand(command))) {
      note(`vledger ${name} skipped: the command does not exist yet`);
      continue;
    }
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await vledger(db, [...args, '--format', 'csv'], { rss: true });
      if (r.code !== 0) { note(`vledger ${name} exited ${r.code}: ${r.stderr.trim().split('\n')[0]}`); runs.length = 0; break; }
      runs.push(r);
    }
    if (runs.length) record(`vledger ${name} ${YEAR}`, runs, { outputRows: Math.max(0, runs[0].stdout.trim().split(/\r?\n/).length - 1) });
  }
}

async function benchStartup() {
  const node = [], help = [];
  const db = join(workDir, 'help.db');
  for (let i = 0; i < STARTUP_RUNS; i++) { // interleaved so that background noise hits both alike
    node.push(await measure(process.execPath, ['-e', '0']));
    help.push(await vledger(db, ['--help']));
  }
  record('node -e 0', node);
  record('vledger --help', help);
}

function machine() {
  const free = measure.sync('free', ['-h']).stdout.trim();
  return {
    nproc: Number(measure.sync('nproc', []).stdout.trim()) || cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    free,
    node: process.version,
    sqlite3: toolVersion('sqlite3', ['--version'])?.split(' ')[0] ?? null,
    sqliteUtils: toolVersion('sqlite-utils', ['--version'])?.replace(/^sqlite-utils, version /, '') ?? null,
    rssBy: measure.rssMethod,
    loadAverageAtEnd: loadavg(),
  };
}

/** a / b on the wall-time medians (the issue's figure) and on the CPU-time medians. */
function ratio(a, b) {
  const of = (key) => {
    const x = results[a]?.[key], y = results[b]?.[key];
    return x !== undefined && y !== undefined && y > 0 ? x / y : null;
  };
  return { wall: of('median'), cpu: of('cpuMedian') };
}

function printTable(ratios, verdicts) {
  const runs = (s) => (s.length > 5 ? `${Math.min(...s).toFixed(2)}..${Math.max(...s).toFixed(2)}` : s.map((x) => x.toFixed(2)).join(' '));
  const rows = Object.entries(results).map(([name, r]) => [name, r.median.toFixed(2), r.cpuMedian?.toFixed(2) ?? '', runs(r.seconds),
    r.rssMb === undefined ? '' : r.rssMb.toFixed(0), r.outputRows === undefined ? '' : String(r.outputRows)]);
  const head = ['what', 'median s', 'CPU s', 'runs (wall s)', 'peak RSS MB', 'rows out'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  console.log(`\n${ROWS} service records, ${VOLUNTEERS} volunteers, year ${YEAR}; ${RUNS} runs each (startup: ${STARTUP_RUNS})`);
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
  const x = (v) => (v === null ? 'n/a' : `${v.toFixed(2)}x`);
  console.log(`${'ratio'.padEnd(44)} ${'wall'.padStart(7)} ${'CPU'.padStart(7)}`);
  for (const [name, v] of Object.entries(ratios)) console.log(`${name.padEnd(44)} ${x(v.wall).padStart(7)} ${x(v.cpu).padStart(7)}`);
  console.log('');
  for (const v of verdicts) console.log(`${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'MISS'}  ${v.target}: ${v.measured}`);
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

async function main() {
  mkdirSync(workDir, { recursive: true });
  process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
  process.on('SIGINT', () => process.exit(130)); // so that the exit handlers clean up
  ({ bin: BIN, migrations: MIGRATIONS } = snapshotApp(ROOT));
  const g0 = performance.now();
  const manifest = generate({ rows: ROWS, volunteers: VOLUNTEERS, seed: SEED, out: dataDir });
  say(`data: ${dataDir} (${manifest.reused ? 'reused' : `generated in ${secs(performance.now() - g0).toFixed(1)} s`})`);
  const cores = cpus().length, load = loadavg()[0];
  note(`load average ${load.toFixed(1)} on ${cores} cores at the start`
    + (load > cores / 2 ? ': other work is running, so wall times are noisy; CPU times and the ratios of one run are steadier' : ''));

  let roster, imported;
  const canImport = await hasCommand(['import']);
  if (!canImport) note('vledger import is not available yet: the import rows and everything on the imported database are skipped');
  if (canImport && (ONLY.has('import') || ONLY.has('sqlite3') || ONLY.has('reports'))) roster = await prepareRoster(manifest);
  if (canImport && ONLY.has('import')) { say('vledger import service …'); imported = await benchImport(roster); }
  else if (canImport && ONLY.has('reports')) {
    // imported afresh by this build: what an import stores is part of what the first report reads
    imported = join(workDir, 'imported.db');
    copyFileSync(roster, imported);
    const r = await vledger(imported, ['import', 'service', csv('service'), '--quiet']);
    if (r.code !== 0) throw new Error(`vledger import service exited ${r.code}:\n${r.stderr.slice(0, 3000)}`);
  }
  if (ONLY.has('sqlite3')) { say('sqlite3 .import …'); await benchSqlite3(roster); }
  if (ONLY.has('sqlite-utils')) { say('sqlite-utils insert --csv …'); await benchSqliteUtils(); }
  if (ONLY.has('reports')) { say('rank and reports …'); await benchReports(imported); }
  if (ONLY.has('startup')) { say('cold start …'); await benchStartup(); }

  const IMPORT = 'vledger import service';
  const ratios = {
    'import / sqlite3 .import (CSV-shaped)': ratio(IMPORT, 'sqlite3 .import (CSV-shaped table)'),
    'import / sqlite3 (records schema)': ratio(IMPORT, 'sqlite3 .import + INSERT…SELECT (records schema)'),
    'import / sqlite-utils insert --csv': ratio(IMPORT, 'sqlite-utils insert --csv (CSV-shaped table)'),
    'vledger --help / node -e 0': ratio('vledger --help', 'node -e 0'),
  };
  const awards = results[`vledger report awards ${YEAR}`]?.median;
  const coldAwards = results[`vledger report awards ${YEAR}, first after the import`]?.median;
  const rss = results[IMPORT]?.rssMb;
  const verdict = (target, value, pass, measured) => (value === null || value === undefined
    ? { target, pass: null, measured: 'not measured' } : { target, pass, measured });
  const r1 = ratios['import / sqlite3 .import (CSV-shaped)'].wall, r2 = ratios['import / sqlite-utils insert --csv'].wall;
  const r3 = ratios['vledger --help / node -e 0'].wall;
  const r4 = ratios['import / sqlite3 (records schema)'].wall;
  const verdicts = [
    verdict(`import <= ${TARGETS.importVsSqlite3}x sqlite3 .import (CSV-shaped, records_day index)`, r1, r1 <= TARGETS.importVsSqlite3, `${r1?.toFixed(2)}x`),
    verdict(`import <= ${TARGETS.importVsSqlite3}x sqlite3 into the records schema (every index, FKs)`, r4, r4 <= TARGETS.importVsSqlite3, `${r4?.toFixed(2)}x`),
    verdict('import faster than sqlite-utils', r2, r2 < 1, `${r2?.toFixed(2)}x`),
    verdict(`import peak RSS < ${TARGETS.peakRssMb} MB`, rss, rss < TARGETS.peakRssMb, `${rss?.toFixed(0)} MB`),
    verdict(`report awards < ${TARGETS.awardsSeconds} s (the year's figures stored by an earlier report)`, awards, awards < TARGETS.awardsSeconds, `${awards?.toFixed(2)} s`),
    verdict(`report awards < ${TARGETS.awardsSeconds} s, first after the import`, coldAwards, coldAwards < TARGETS.awardsSeconds, `${coldAwards?.toFixed(2)} s`),
    verdict(`--help cold start < ${TARGETS.helpVsNode}x node -e 0`, r3, r3 < TARGETS.helpVsNode, `${r3?.toFixed(2)}x`),
  ];
  printTable(ratios, verdicts);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${stamp}.json`);
  writeFileSync(file, JSON.stringify({
    at: new Date().toISOString(), machine: machine(),
    params: { rows: ROWS, volunteers: VOLUNTEERS, seed: SEED, year: YEAR, runs: RUNS, startupRuns: STARTUP_RUNS },
    data: manifest, results, ratios, targets: verdicts, notes,
  }, null, 2) + '\n');
  say(`\nresults: ${file}`);
}

main().catch((e) => {
  say(`bench: ${e.message}`);
  process.exit(1);
});
