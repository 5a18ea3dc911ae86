// Golden files: every report in every format on the examples/ data (the fictional city's 2025),
// colour off and the clock fixed. UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, cliEnv } from '../helpers/cli.js';

const GOLDEN = join(ROOT, 'test', 'golden', 'report');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const KINDS = ['orgs', 'volunteers', 'teams', 'members', 'activities', 'service', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments'];

let t: ReturnType<typeof cliEnv>;

beforeAll(() => {
  t = cliEnv('vledger-golden-');
  for (const kind of KINDS) {
    const r = t.run('import', kind, join(ROOT, 'examples', `${kind}.csv`), '--quiet');
    if (r.code !== 0) throw new Error(`import ${kind}: ${r.stderr}`);
  }
  const rules = t.run('score', 'rules', '--set', join(ROOT, 'examples', 'rules.json'), '--from-year', '2025');
  if (rules.code !== 0) throw new Error(`score rules --set: ${rules.stderr}`);
});

afterAll(() => t?.cleanup());

const EXT: Record<string, string> = { table: 'txt', csv: 'csv', json: 'json', md: 'md', html: 'html' };
const FORMATS = ['table', 'csv', 'json', 'md', 'html'];

/** [golden name, arguments]; certificates come in the order they are run (the first one issues the number). */
const CASES: [string, string[], Record<string, string>?][] = [
  ...FORMATS.map((f): [string, string[]] => [`awards.${EXT[f]}`, ['report', 'awards', '--year', '2025', '--format', f]]),
  ...['table', 'md', 'html'].map((f): [string, string[]] => [`awards-explain-Z1.${EXT[f]}`, ['report', 'awards', '--year', '2025', '--org', 'Z1', '--explain', '--format', f]]),
  ['awards-Z1.csv', ['report', 'awards', '--year', '2025', '--org', 'Z1', '--format', 'csv']],
  ['awards-zh.txt', ['report', 'awards', '--year', '2025', '--format', 'table'], { VLEDGER_LANG: 'zh' }],
  ['awards-zh.html', ['report', 'awards', '--year', '2025', '--format', 'html'], { VLEDGER_LANG: 'zh' }],
  ...FORMATS.map((f): [string, string[]] => [`assessment.${EXT[f]}`, ['report', 'assessment', '--year', '2025', '--format', f]]),
  ['assessment-zh.md', ['report', 'assessment', '--year', '2025', '--format', 'md'], { VLEDGER_LANG: 'zh' }],
  ...FORMATS.map((f): [string, string[]] => [`volunteer.${EXT[f]}`, ['report', 'volunteer', 'B11-0001', '--year', '2025', '--format', f]]),
  ['volunteer-zh.txt', ['report', 'volunteer', 'B11-0001', '--year', '2025', '--format', 'table'], { VLEDGER_LANG: 'zh' }],
  ...['json', 'table', 'csv', 'md', 'html'].map((f): [string, string[]] => [`certificate.${EXT[f]}`, ['report', 'certificate', 'B11-0002', '--from', '2025-03-01', '--to', '2025-03-31', '--format', f]]),
  ['certificate-zh.md', ['report', 'certificate', 'B11-0002', '--from', '2025-03-01', '--to', '2025-03-31', '--format', 'md'], { VLEDGER_LANG: 'zh' }],
];

describe('report golden files (examples/, 2025)', () => {
  test.each(CASES)('%s', (name, args, env) => {
    const r = env ? t.runEnv(env, ...args) : t.run(...args);
    expect(r.code, r.stderr).toBe(0);
    const file = join(GOLDEN, name);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, r.stdout);
      if (!UPDATE) throw new Error(`${name}: golden file was missing and has been written; check it and run again`);
      return;
    }
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });

  test('csv --explain keeps the SPEC 7 columns on stdout and explains on stderr', () => {
    const r = t.run('report', 'awards', '--year', '2025', '--org', 'Z1', '--explain', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(GOLDEN, 'awards-Z1.csv'), 'utf8'));
    const file = join(GOLDEN, 'awards-explain-Z1.stderr.txt');
    if (UPDATE || !existsSync(file)) {
      writeFileSync(file, r.stderr);
      if (!UPDATE) throw new Error(`${file}: golden file was missing and has been written; check it and run again`);
    }
    expect(r.stderr).toBe(readFileSync(file, 'utf8'));
  });
});
