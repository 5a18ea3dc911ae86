#!/usr/bin/env node
// `npm run example` (SPEC 10): loads examples/ — a small fictional city's year as the CSV files a
// clerk keeps — into a fresh example.db with the real CLI, then prints that year's award lists.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'vledger.js');
const DB = 'example.db';
const YEAR = '2025';
// references must resolve, so parents come first
const KINDS = ['orgs', 'volunteers', 'teams', 'members', 'activities', 'service', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments'];

function vledger(args, capture = false) {
  return spawnSync(process.execPath, [BIN, '--db', DB, ...args], {
    cwd: ROOT, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, VLEDGER_OPERATOR: process.env.VLEDGER_OPERATOR ?? 'example' },
  });
}

function must(args) {
  const r = vledger(args);
  if (r.status !== 0) {
    console.error(`example: vledger ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(join(ROOT, DB + suffix), { force: true });

for (const kind of KINDS) {
  const file = join('examples', `${kind}.csv`);
  if (existsSync(join(ROOT, file))) must(['import', kind, file, '--quiet']);
}

const help = vledger(['--help'], true).stdout ?? '';
const has = (command) => new RegExp(`^\\s+${command}\\b`, 'm').test(help);
if (existsSync(join(ROOT, 'examples', 'rules.json')) && has('score')) {
  must(['score', 'rules', '--set', join('examples', 'rules.json'), '--from-year', YEAR]);
}

const counts = vledger(['batches', '--format', 'json'], true);
if (counts.status === 0) {
  const batches = JSON.parse(counts.stdout);
  const rows = batches.reduce((n, b) => n + b.rows_written, 0);
  console.error(`example.db: ${batches.length} files imported, ${rows} rows\n`);
}

if (has('report')) must(['report', 'awards', '--year', YEAR, '--format', 'table']);
else if (has('rank')) must(['rank', '--year', YEAR, '--format', 'table']);
