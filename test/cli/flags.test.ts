// The flags of hand entry are the SPEC 8 column names (SPEC 2: "the columns of section 8 as
// flags, _ written -"), with the short forms SPEC 2 shows (--volunteer, --pending) beside them.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cliEnv, query, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const ok = (...args: string[]): string => {
  const r = t.run(...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
};
const record = (id: string) => query(t.dbPath, 'SELECT * FROM records WHERE id = ?', id)[0]!;

test('log service takes --volunteer-no, --entry and --status as well as --volunteer, --back-entry and --pending', () => {
  const a = ok('log', 'service', '--volunteer-no', 'B11-0001', '--date', '2026-03-01', '--hours', '1', '--entry', '补录', '--status', 'pending');
  expect(record(a)).toMatchObject({ volunteer_no: 'B11-0001', entry: 'back_entry', status: 'pending' });
  const b = ok('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-02', '--hours', '1', '--back-entry', '--pending');
  expect(record(b)).toMatchObject({ entry: 'back_entry', status: 'pending' });
  const missing = t.run('log', 'service', '--date', '2026-03-02', '--hours', '1');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("required option '--volunteer <volunteer>' not specified");
});

test('log complaint: --upheld alone, --upheld yes|是, --upheld no; a bad word is a usage error', () => {
  const alone = ok('log', 'complaint', '--volunteer', 'B11-0001', '--date', '2026-03-01', '--upheld');
  const yes = ok('log', 'complaint', '--volunteer', 'B11-0001', '--date', '2026-03-02', '--upheld', '是');
  const no = ok('log', 'complaint', '--volunteer', 'B11-0001', '--date', '2026-03-03', '--upheld', 'no');
  const none = ok('log', 'complaint', '--volunteer', 'B11-0001', '--date', '2026-03-04');
  expect([alone, yes, no, none].map((id) => record(id).upheld)).toEqual([1, 1, 0, 0]);
  expect(t.run('log', 'complaint', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--upheld', 'maybe').code).toBe(2);
});

test('register volunteer --status left --left-on, register member --volunteer-no --left-on', () => {
  const no = ok('register', 'volunteer', '--name', '钱七', '--org', 'B12', '--political-status', '群众', '--status', 'left', '--left-on', '2026-06-30');
  expect(query(t.dbPath, 'SELECT status, left_on FROM volunteers WHERE volunteer_no = ?', no)[0]).toEqual({ status: 'left', left_on: '2026-06-30' });
  ok('register', 'member', '--team', 'T01', '--volunteer-no', 'B11-0003', '--joined-on', '2026-01-10', '--left-on', '2026-05-31');
  expect(query(t.dbPath, "SELECT joined_on, left_on FROM members WHERE volunteer_no = 'B11-0003'")).toEqual([{ joined_on: '2026-01-10', left_on: '2026-05-31' }]);
});
