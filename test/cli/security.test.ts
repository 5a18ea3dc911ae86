// Outputs are safe to open: over data full of formula cells (=cmd|' /C calc'!A0, +1, -2+3, @SUM,
// tab- and CR-led text) and full id numbers and phones, every list, export, score, rank and report
// command that exists — found from --help, so the test grows as commands land — in every format
// it offers, emits no CSV cell a spreadsheet would run and no full id number or phone unless
// --unmasked. Runs the built CLI in-process (dozens of invocations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { IDS, seedBasic, tempDb } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const t = tempDb('vledger-security-');
const run = (args: string[], env: Record<string, string | undefined> = {}) => runInProcess(t.dbPath, args, env);

const FORMULA = `=cmd|' /C calc'!A0`;
const LANDLINE = '010-12345678';
/** What must never appear in full without --unmasked. */
const PERSONAL = [IDS.zhang, IDS.li, IDS.zhao, '13812341234', '13912345678', LANDLINE];

// ---- discovering what exists, from the CLI's own help -------------------------------------

function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${title}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '') break;
    out.push(l);
  }
  return out;
}

function commandsIn(help: string): string[] {
  return section(help, 'Commands').map((l) => /^ {2}(\S+)/.exec(l)?.[1]).filter((c): c is string => Boolean(c) && c !== 'help');
}

/** The choices of an option or argument, whose help text may wrap over several lines. */
function choicesIn(help: string, title: 'Options' | 'Arguments', name: string): string[] {
  const lines = section(help, title);
  const start = lines.findIndex((l) => l.trimStart().startsWith(name));
  if (start < 0) return [];
  let text = lines[start]!;
  for (const l of lines.slice(start + 1)) {
    if (/^ {2}\S/.test(l)) break;
    text += ' ' + l.trim();
  }
  const m = /\(choices: ([^)]*)\)/.exec(text);
  return m ? [...m[1]!.split('default:')[0]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) : [];
}

const helpOf = async (...path: string[]) => (await run([...path, '--help'])).stdout;

interface Invocation { args: string[]; formats: string[] }

const FORMATS = ['csv', 'json', 'table', 'md', 'html'];
const YEAR = ['--year', '2026'];

/** path plus those of the extra flags (each with its value) that the command's help mentions. */
async function invocation(path: string[], extra: string[] = []): Promise<Invocation> {
  const help = await helpOf(...path);
  const formats = choicesIn(help, 'Options', '--format').filter((f) => FORMATS.includes(f));
  const args = [...path];
  for (let i = 0; i < extra.length; i++) {
    const flag = extra[i]!;
    const value = i + 1 < extra.length && !extra[i + 1]!.startsWith('--') ? extra[++i] : undefined;
    if (new RegExp(`\\s${flag}[\\s,]`).test(help)) args.push(flag, ...(value === undefined ? [] : [value]));
  }
  return { args, formats };
}

/** Positional arguments this test knows how to fill, by the name in the usage line. */
const POSITIONAL: Record<string, string> = { volunteer: 'B11-0001' };
/** Subcommands that print documents or change things rather than data rows. */
const NOT_OUTPUT = new Set(['rules']);
/** What this test expects to find; a missing one is named in the output as skipped. */
const EXPECTED = ['list', 'show volunteer', 'audit', 'batches', 'export', 'score explain', 'rank',
  'report awards', 'report assessment', 'report volunteer', 'report certificate'];

/** A group's subcommand run with what its usage asks for, or null when it asks for something unknown. */
async function subInvocation(path: string[]): Promise<Invocation | null> {
  const help = await helpOf(...path);
  const usage = /^Usage: vledger (.*)$/m.exec(help)?.[1] ?? '';
  const positional = [...usage.matchAll(/<([^>.]+)(\.\.\.)?>/g)].map((m) => POSITIONAL[m[1]!]);
  if (positional.some((p) => p === undefined)) return null;
  return invocation([...path, ...(positional as string[])], [...YEAR, '--explain']);
}

/** Every output command this build has; the expected ones it lacks, named so the skips are visible. */
async function discover(): Promise<{ found: Invocation[]; missing: string[] }> {
  const top = commandsIn(await helpOf());
  const found: Invocation[] = [];
  const covered = new Set<string>();
  const add = (name: string, inv: Invocation | null) => { if (inv) { found.push(inv); covered.add(name); } };

  if (top.includes('list')) {
    for (const kind of choicesIn(await helpOf('list'), 'Arguments', 'kind')) add('list', await invocation(['list', kind], ['--all']));
  }
  for (const name of ['audit', 'batches']) if (top.includes(name)) add(name, await invocation([name]));
  if (top.includes('export')) {
    for (const kind of choicesIn(await helpOf('export'), 'Arguments', 'kind').filter((k) => k !== 'bundle')) {
      add('export', await invocation(['export', kind], ['--all']));
    }
  }
  if (top.includes('rank')) {
    const bys = choicesIn(await helpOf('rank'), 'Options', '--by');
    for (const by of bys.length ? bys : ['volunteer']) add('rank', await invocation(['rank'], [...YEAR, '--by', by]));
  }
  for (const group of ['show', 'score', 'report'].filter((g) => top.includes(g))) {
    for (const sub of commandsIn(await helpOf(group)).filter((c) => !NOT_OUTPUT.has(c))) {
      add(`${group} ${sub}`, await subInvocation([group, sub]));
    }
  }
  return { found, missing: EXPECTED.filter((e) => !covered.has(e)) };
}

// ---- a database full of hostile cells ------------------------------------------------------

async function mustRun(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const r = await run(args, env);
  if (r.code !== 0) throw new Error(`vledger ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function fillHostile(): Promise<void> {
  seedBasic(t.dbPath);
  const log = (...args: string[]) => mustRun(['log', ...args]);
  await log('service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '3', '--activity', 'A0001', '--role', 'leader',
    '--evaluation', 'satisfied', `--note=${FORMULA}`, '--category=@SUM(A1)');
  await log('service', '--volunteer', IDS.li, '--date', '2026-03-05', '--hours', '2', '--activity', 'A0001', '--note=+1',
    '--evaluation', 'dissatisfied');
  await log('service', '--volunteer', 'B12-0001', '--date', '2026-05-01', '--hours', '4', '--note=-2+3', '--category=\tTAB');
  const voided = await log('service', '--volunteer', 'B11-0003', '--date', '2026-05-02', '--hours', '1');
  await log('void', voided, '--reason=@void');
  await log('training', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--hours', '2', '--topic=-2+3', `--organiser=${FORMULA}`);
  await log('commendation', '--volunteer', 'B11-0001', '--date', '2026-06-01', '--title=+1', '--level', 'city', '--issuer=@SUM(A1)');
  await log('complaint', '--volunteer', 'B11-0002', '--date', '2026-06-02', `--description=${FORMULA}`, '--upheld');
  await log('no-show', '--volunteer', 'B12-0001', '--date', '2026-03-05', '--activity', 'A0001');
  await log('adjust', '--volunteer', 'B11-0002', '--date', '2026-06-03', '--points', '-3', '--reason=\rCR');
  // the operator's name lands in the audit trail
  await mustRun(['update', 'volunteer', 'B11-0003', '--phone', LANDLINE], { VLEDGER_OPERATOR: '=HYPERLINK("http://x")' });
  // text the CLI may refuse on input can still arrive (an old database, a bundle): put it there directly
  const db = new Database(t.dbPath);
  try {
    db.exec(`UPDATE orgs SET name = '${FORMULA.replace(/'/g, "''")}' WHERE code = 'B12';
      UPDATE volunteers SET name = '-2+3', skills = '@SUM(A1)' WHERE volunteer_no = 'B11-0003';
      UPDATE volunteers SET skills = char(9) || 'tab' WHERE volunteer_no = 'B11-0001';
      UPDATE teams SET name = '=1+1' WHERE code = 'T01';
      UPDATE activities SET title = '+1', location = '-1', category = '@x' WHERE code = 'A0001';`);
  } finally {
    db.close();
  }
}

// ---- the assertions ------------------------------------------------------------------------

/** A CSV cell a spreadsheet would run: starts with = + - @ tab CR or NUL, and is not a plain number. */
function dangerous(cell: string): boolean {
  return /^[=+\-@\t\r\0]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell);
}

function csvCells(bytes: Buffer): string[] {
  const records = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
  return records.flat();
}

function leaks(text: string): string[] {
  return PERSONAL.filter((p) => text.includes(p));
}

let discovered: { found: Invocation[]; missing: string[] };
const neutralisedSeen = new Set<string>();

beforeAll(async () => {
  await fillHostile();
  discovered = await discover();
}, 120_000);
afterAll(() => t.cleanup());

describe('outputs over hostile data', () => {
  it('finds the output commands to test (and names the missing ones)', () => {
    expect(discovered.found.length).toBeGreaterThan(10);
    // a visible record of what this run could not cover yet
    for (const m of discovered.missing) console.warn(`  skipped (not built yet): vledger ${m}`);
  });

  it('every command in every format: no live formula cell, no full id number or phone', async () => {
    const failures: string[] = [];
    for (const inv of discovered.found) {
      for (const format of inv.formats.length ? inv.formats : [undefined]) {
        const args = format ? [...inv.args, '--format', format] : inv.args;
        const r = await run(args);
        const name = `vledger ${args.join(' ')}`;
        if (r.code !== 0) { failures.push(`${name}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`); continue; }
        if (/\n\s+at /.test(r.stderr)) failures.push(`${name}: stack trace on stderr`);
        for (const p of leaks(r.stdout + r.stderr)) failures.push(`${name}: prints ${p} in full`);
        if (format === 'csv' || (!format && inv.args[0] === 'export')) {
          let cells: string[] = [];
          try { cells = csvCells(r.stdoutBytes); } catch (e) { failures.push(`${name}: not CSV (${(e as Error).message})`); }
          for (const c of cells) {
            if (dangerous(c)) failures.push(`${name}: live formula cell ${JSON.stringify(c)}`);
            if (c.startsWith("'")) neutralisedSeen.add(c);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // the data did reach the CSV outputs, neutralised: the test is not passing on empty lists
    expect([...neutralisedSeen]).toEqual(expect.arrayContaining([`'${FORMULA}`, "'+1", "'-2+3", "'@SUM(A1)"]));
  }, 300_000);

  it('--unmasked shows the full values (so the masking above hides something real)', async () => {
    const r = await run(['list', 'volunteers', '--format', 'csv', '--unmasked']);
    expect(r.code).toBe(0);
    expect(leaks(r.stdout)).toEqual(expect.arrayContaining([IDS.zhang, '13812341234', LANDLINE]));
  });

  it('export bundle (full data by design) still neutralises every CSV cell', async () => {
    const top = await helpOf('export');
    if (!choicesIn(top, 'Arguments', 'kind').includes('bundle')) {
      console.warn('  skipped (not built yet): vledger export bundle');
      return;
    }
    const dir = join(t.dir, 'bundle');
    const r = await run(['export', 'bundle', '--org', 'G01', '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(5);
    const live = files.flatMap((f) => csvCells(readFileSync(join(dir, f))).filter(dangerous).map((c) => `${f}: ${JSON.stringify(c)}`));
    expect(live).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});
