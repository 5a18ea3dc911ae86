// `vledger show volunteer`: canonical keys and values for machines, the reader's words for people.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliEnv, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeAll(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterAll(() => t.cleanup());

test('piped (csv by default): key,value with canonical values, masked', () => {
  const r = t.runEnv({ LANG: 'zh_CN.UTF-8' }, 'show', 'volunteer', 'B11-0001');
  expect(r.code).toBe(0);
  const lines = r.stdout.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('key,value');
  expect(lines).toContain('political_status,party_member');
  expect(lines).toContain('phone,138****1234');
});

test('a Chinese table says 中共党员 and 居民身份证', () => {
  const r = t.run('show', 'volunteer', 'B11-0001', '--lang', 'zh', '--format', 'table');
  expect(r.stdout).toContain('中共党员');
  expect(r.stdout).toContain('居民身份证');
  expect(r.stdout).not.toContain('party_member');
});

test('the star level counts all-time approved hours against the rules\' thresholds (SPEC 4)', () => {
  const stars = () => t.run('show', 'volunteer', 'B11-0001', '--format', 'json');
  expect(JSON.parse(stars().stdout)[0].star_level).toBe(0);
  writeFileSync(join(t.dir, 'rules.json'), JSON.stringify({ stars: [1, 2, 3, 4, 5] }));
  expect(t.run('score', 'rules', '--set', join(t.dir, 'rules.json')).code).toBe(0);
  expect(t.run('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-01', '--hours', '2.5').code).toBe(0);
  expect(t.run('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-02', '--hours', '9', '--pending').code).toBe(0);
  // 2.5 approved hours: past 1 and 2, not 3; the pending 9 hours do not count
  expect(JSON.parse(stars().stdout)[0].star_level).toBe(2);
});
