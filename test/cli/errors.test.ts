// Exit codes and error output across the CLI (SPEC 9, 11.1): 2 for command-line syntax, 1 for
// data; one clear line on stderr, never a stack trace, nothing written; help and version.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { cliEnv, expectRefused, ROOT, seedBasic } from '../helpers/cli.js';

// every test here is refused, so one seeded database serves them all
let t: ReturnType<typeof cliEnv>;
beforeAll(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterAll(() => t.cleanup());

describe('usage errors exit 2', () => {
  test.each<[string, string[], RegExp]>([
    ['unknown command', ['frobnicate'], /^error: unknown command 'frobnicate'/],
    ['unknown subcommand', ['register', 'widget'], /unknown command 'widget'/],
    ['unknown flag', ['list', 'volunteers', '--colour-scheme', 'red'], /^error: unknown option '--colour-scheme'/],
    ['missing required flag', ['log', 'service', '--volunteer', 'B11-0001', '--hours', '1'], /^error: required option '--date <date>' not specified/],
    ['bad enum word', ['register', 'volunteer', '--name', 'x', '--org', 'B11', '--political-status', 'comrade'], /argument 'comrade' is invalid\. "comrade" is not one of party_member/],
    ['bad date format', ['log', 'service', '--volunteer', 'B11-0001', '--date', '05/03/2026', '--hours', '1'], /argument '05\/03\/2026' is invalid\. "05\/03\/2026" is not a date; write it as 2026-03-05/],
    ['not a number', ['log', 'adjust', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--points', 'five', '--reason', 'x'], /argument 'five' is invalid/],
    ['bad format', ['list', 'orgs', '--format', 'xml'], /Allowed choices are table, csv, json, md, html/],
    ['bad language', ['--lang', 'fr', 'list', 'orgs'], /Allowed choices are zh, en/],
    ['bad list kind', ['list', 'people'], /Allowed choices are orgs, volunteers/],
    ['bad year', ['list', 'records', '--year', '26'], /"26" is not a year; write it as 2026/],
  ])('%s', (_what, args, stderr) => {
    expectRefused(t.dbPath, args, 2, stderr);
  });
});

describe('data errors exit 1 with one line naming the flag', () => {
  test.each<[string, string[], string]>([
    ['future date', ['log', 'service', '--volunteer', 'B11-0001', '--date', '2027-01-01', '--hours', '1'], 'vledger: --date: 2027-01-01 is in the future (today is 2026-11-29); service is logged after it happens\n'],
    ['check digit', ['register', 'volunteer', '--name', 'x', '--org', 'B11', '--political-status', 'masses', '--id-number', '110101199003071230'],
      'vledger: --id-number: "110101199003071230" fails the GB 11643 check digit (expected 3 last); check the number\n'],
    ['unknown volunteer', ['log', 'training', '--volunteer', 'B13-0001', '--date', '2026-03-05', '--hours', '1'], 'vledger: --volunteer: no volunteer "B13-0001"; check the volunteer number (vledger list volunteers)\n'],
    ['unknown org', ['register', 'team', '--code', 'T09', '--name', 'x', '--org', 'B13'], 'vledger: --org: no organisation "B13"; register it first (vledger register org) or check the code\n'],
    ['unknown team', ['register', 'activity', '--code', 'A9', '--title', 'x', '--org', 'B11', '--date', '2026-03-05', '--team', 'T09'], 'vledger: --team: no team "T09"; register it first (vledger register team) or check the code\n'],
    ['unknown activity', ['log', 'no-show', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--activity', 'A9'], 'vledger: --activity: no activity "A9"; register it first (vledger register activity) or check the code\n'],
    ['unknown record', ['log', 'approve', '0123456789'], 'vledger: no record with id 0123456789; check it with vledger list records --all\n'],
  ])('%s', (_what, args, stderr) => {
    const r = expectRefused(t.dbPath, args, 1, stderr);
    expect(r.stderr).toBe(stderr);
  });

  test('the message is the same whatever the table language (messages are English for now)', () => {
    expectRefused(t.dbPath, ['--lang', 'zh', 'log', 'service', '--volunteer', 'B11-0001', '--date', '2027-01-01', '--hours', '1'], 1, /^vledger: --date: /);
  });
});

/** Every command of the program with its path, e.g. ['log', 'service']. */
function commandPaths(cmd: Command, path: string[] = []): string[][] {
  return [path, ...cmd.commands.flatMap((c) => commandPaths(c, [...path, c.name()]))];
}

/** The --help text of one command, run in-process (cheap: no spawn per command). */
async function helpOf(path: string[]): Promise<string> {
  const program = buildProgram();
  let out = '';
  const capture = (c: Command) => {
    c.configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { out += s; } });
    c.commands.forEach(capture);
  };
  capture(program);
  try {
    await program.parseAsync([...path, '--help'], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError) || e.code !== 'commander.helpDisplayed') throw e;
  }
  return out;
}

describe('help and version', () => {
  const mine = ['register', 'update', 'log', 'list', 'show', 'audit'];
  const paths = commandPaths(buildProgram()).filter((p) => p.length === 0 || mine.includes(p[0]!));

  test('every register/update/log/list/show/audit command (and the program) has --help with Examples:', async () => {
    expect(paths.length).toBeGreaterThan(25);
    const missing: string[] = [];
    for (const p of paths) {
      const help = await helpOf(p);
      expect(help, p.join(' ')).toContain(`Usage: vledger${p.length ? ' ' + p.join(' ') : ''}`);
      if (!/\nExamples:\n {2}\$ vledger /.test(help)) missing.push(p.join(' ') || '(program)');
    }
    expect(missing).toEqual([]);
  });

  test('--help through the real binary exits 0 with examples on stdout', () => {
    const r = t.run('log', 'service', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:\n  $ vledger log service --volunteer B11-0001 --date 2026-03-05 --hours 2.5');
    expect(r.stderr).toBe('');
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(t.run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
