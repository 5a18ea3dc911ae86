// `vledger register org|volunteer|team|member|activity` end to end: what is stored, what is
// printed, and every refusal leaving the database as it was.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cliEnv, counts, expectRefused, IDS, query, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const volunteer = (no: string) => query(t.dbPath, 'SELECT * FROM volunteers WHERE volunteer_no = ?', no)[0];

describe('register org', () => {
  test('stores the organisation, parent by code or name, kind in Chinese; says so on stderr only', () => {
    const r = t.run('register', 'org', '--code', 'B13', '--name', '第三党支部', '--parent', '市直机关工委', '--kind', '党总支');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'registered organisation B13 第三党支部\n' });
    expect(query(t.dbPath, "SELECT code, name, parent, kind FROM orgs WHERE code = 'B13'")).toEqual([{ code: 'B13', name: '第三党支部', parent: 'G01', kind: 'general_branch' }]);
    const id = query<{ id: string }>(t.dbPath, "SELECT id FROM orgs WHERE code = 'B13'")[0]!.id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('a code already used, an unknown parent: exit 1, nothing written', () => {
    expectRefused(t.dbPath, ['register', 'org', '--code', 'B11', '--name', '重复'], 1, 'vledger: --code: organisation B11 already exists; choose another code or use vledger update org');
    expectRefused(t.dbPath, ['register', 'org', '--code', 'B19', '--name', 'x', '--parent', 'G99'], 1, /^vledger: --parent: no organisation "G99"; register it first/);
  });

  test('a kind that is not one of the words is a usage error (exit 2)', () => {
    expectRefused(t.dbPath, ['register', 'org', '--code', 'B19', '--name', 'x', '--kind', 'club'], 2, /argument 'club' is invalid\. "club" is not one of committee \(党委\)/);
  });
});

describe('register volunteer', () => {
  test('prints the assigned volunteer_no ORG-NNNN on stdout, numbering per organisation', () => {
    expect(query(t.dbPath, 'SELECT volunteer_no FROM volunteers ORDER BY pk').map((r) => r.volunteer_no)).toEqual(['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001']);
    const a = t.run('register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', '群众');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe('B11-0004\n');
    expect(a.stderr).toBe('registered volunteer B11-0004 孙七\n');
    expect(t.run('register', 'volunteer', '--name', '周八', '--org', '第二党支部', '--political-status', 'masses').stdout).toBe('B12-0002\n');
  });

  test('an explicit volunteer_no is kept; the next assigned number continues after the highest', () => {
    expect(t.run('register', 'volunteer', '--name', '吴九', '--org', 'B11', '--political-status', 'masses', '--volunteer-no', 'B11-0010').stdout).toBe('B11-0010\n');
    expect(t.run('register', 'volunteer', '--name', '郑十', '--org', 'B11', '--political-status', 'masses').stdout).toBe('B11-0011\n');
  });

  test('birth date and gender are derived from the id; phone normalised; registered today by default', () => {
    const r = t.run('register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', '中共党员', '--id-number', '11010519491231002x', '--phone', '+86 139-0000-1111');
    expect(r.code).toBe(0);
    expect(volunteer('B11-0004')).toMatchObject({
      id_type: 'resident_id', id_number: '11010519491231002X', gender: 'female', birth_date: '1949-12-31', phone: '13900001111',
      political_status: 'party_member', org: 'B11', registered_on: '2026-11-29', status: 'active',
    });
    expect(query(t.dbPath, "SELECT field, value, effective FROM volunteer_history WHERE volunteer_no = 'B11-0004' ORDER BY field")).toEqual([
      { field: 'org', value: 'B11', effective: '' }, { field: 'political_status', value: 'party_member', effective: '' },
    ]);
  });

  test('a landline is accepted as a phone', () => {
    expect(t.run('register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', 'masses', '--phone', '0755-1234567').code).toBe(0);
    expect(volunteer('B11-0004')!.phone).toBe('0755-1234567');
  });

  test('a wrong check digit, a 15-digit id, an Excel-rounded id: exit 1 with a hint, nothing written', () => {
    const base = ['register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', 'masses', '--id-number'];
    expectRefused(t.dbPath, [...base, '110105194912310020'], 1, 'vledger: --id-number: "110105194912310020" fails the GB 11643 check digit (expected X last); check the number');
    expectRefused(t.dbPath, [...base, '110101900307123'], 1, /--id-number: .*old 15-digit id; give the 18-digit resident id/);
    expectRefused(t.dbPath, [...base, '1.10105E+17'], 1, /--id-number: .*format the id column as text/);
  });

  test('an explicit gender or birth date contradicting the id is refused; agreeing ones are fine', () => {
    const base = ['register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', 'masses', '--id-number', IDS.wang];
    expectRefused(t.dbPath, [...base, '--gender', '男'], 1, 'vledger: --gender: male contradicts the id number (female); correct one of them');
    expectRefused(t.dbPath, [...base, '--birth-date', '1992-06-16'], 1, 'vledger: --birth-date: 1992-06-16 contradicts the id number (1992-06-15)');
    expect(t.run(...base, '--gender', 'female', '--birth-date', '1992年6月15日').code).toBe(0);
  });

  test('unique id numbers and volunteer numbers', () => {
    expectRefused(t.dbPath, ['register', 'volunteer', '--name', '别人', '--org', 'B12', '--political-status', 'masses', '--id-number', IDS.zhang], 1,
      /^vledger: --id-number: this id number is already registered as B11-0001; to change that person use vledger update volunteer B11-0001/);
    expectRefused(t.dbPath, ['register', 'volunteer', '--name', '别人', '--org', 'B12', '--political-status', 'masses', '--volunteer-no', 'B11-0002'], 1,
      'vledger: --volunteer-no: volunteer_no B11-0002 is already registered');
  });

  test('same name and org without an id is a probable duplicate; another org or an id number resolves it', () => {
    expectRefused(t.dbPath, ['register', 'volunteer', '--name', '王五', '--org', 'B11', '--political-status', 'masses'], 1,
      /^vledger: --name: probable duplicate of B11-0003 \(same name in B11\)/);
    expect(t.run('register', 'volunteer', '--name', '王五', '--org', 'B12', '--political-status', 'masses').stdout).toBe('B12-0002\n');
    expect(t.run('register', 'volunteer', '--name', '王五', '--org', 'B11', '--political-status', 'masses', '--id-number', IDS.sun).stdout).toBe('B11-0004\n');
  });

  test('an unknown org, a bad phone, a future registration date: exit 1; a bad word or date form: exit 2', () => {
    const base = ['register', 'volunteer', '--name', '孙七', '--political-status', 'masses'];
    expectRefused(t.dbPath, [...base, '--org', 'B99'], 1, /^vledger: --org: no organisation "B99"; register it first \(vledger register org\)/);
    expectRefused(t.dbPath, [...base, '--org', 'B11', '--phone', '12812341234'], 1, /^vledger: --phone: "12812341234" is not a mainland mobile/);
    expectRefused(t.dbPath, [...base, '--org', 'B11', '--registered-on', '2026-12-01'], 1, /--registered-on: 2026-12-01 is in the future/);
    expectRefused(t.dbPath, ['register', 'volunteer', '--name', '孙七', '--org', 'B11', '--political-status', 'member'], 2, /"member" is not one of party_member \(中共党员\)/);
    expectRefused(t.dbPath, [...base, '--org', 'B11', '--registered-on', '2026-02-30'], 2, /"2026-02-30" is not a real calendar date/);
    expectRefused(t.dbPath, ['register', 'volunteer', '--name', '孙七', '--org', 'B11'], 2, /required option '--political-status <status>' not specified/);
  });

  test('a passport number is stored as given, without a check digit', () => {
    expect(t.run('register', 'volunteer', '--name', 'John', '--org', 'B11', '--political-status', 'other', '--id-type', 'passport', '--id-number', 'E12345678').code).toBe(0);
    expect(volunteer('B11-0004')).toMatchObject({ id_type: 'passport', id_number: 'E12345678', gender: null });
  });
});

describe('register team, member, activity', () => {
  test('a team with its leader; unknown leader or org, duplicate code refused', () => {
    expect(t.run('register', 'team', '--code', 'T02', '--name', '敬老服务队', '--org', 'B12', '--leader', 'B12-0001', '--founded-on', '2026/2/1').code).toBe(0);
    expect(query(t.dbPath, "SELECT org, leader, founded_on FROM teams WHERE code = 'T02'")).toEqual([{ org: 'B12', leader: 'B12-0001', founded_on: '2026-02-01' }]);
    expectRefused(t.dbPath, ['register', 'team', '--code', 'T03', '--name', 'x', '--org', 'B12', '--leader', 'B12-0099'], 1, /^vledger: --leader: no volunteer "B12-0099"/);
    expectRefused(t.dbPath, ['register', 'team', '--code', 'T03', '--name', 'x', '--org', 'B99'], 1, /^vledger: --org: no organisation "B99"/);
    expectRefused(t.dbPath, ['register', 'team', '--code', 'T01', '--name', 'x', '--org', 'B11'], 1, 'vledger: --code: team T01 already exists');
  });

  test('a member by volunteer_no or unique name; unknown team, a current member again refused', () => {
    const r = t.run('register', 'member', '--team', '红色先锋志愿服务队', '--volunteer', '王五', '--joined-on', '2026-02-01');
    expect(r).toMatchObject({ code: 0, stderr: 'added B11-0003 to team T01\n' });
    expect(query(t.dbPath, "SELECT team, joined_on, left_on FROM members WHERE volunteer_no = 'B11-0003'")).toEqual([{ team: 'T01', joined_on: '2026-02-01', left_on: null }]);
    expectRefused(t.dbPath, ['register', 'member', '--team', 'T09', '--volunteer', 'B11-0003'], 1, /^vledger: --team: no team "T09"/);
    expectRefused(t.dbPath, ['register', 'member', '--team', 'T01', '--volunteer', 'B11-0001'], 1, 'vledger: --volunteer: B11-0001 is already a current member of T01');
    expectRefused(t.dbPath, ['register', 'member', '--team', 'T01', '--volunteer', '无名'], 1, /^vledger: --volunteer: no volunteer "无名"/);
  });

  test('an activity over several days; unknown team, end before start, duplicate code refused', () => {
    expect(t.run('register', 'activity', '--code', 'A0002', '--title', '敬老', '--org', 'B11', '--team', 'T01', '--date', '2026.5.1', '--end-date', '2026.5.3', '--location', '社区').code).toBe(0);
    expect(query(t.dbPath, "SELECT date, end_date, team, location FROM activities WHERE code = 'A0002'")).toEqual([{ date: '2026-05-01', end_date: '2026-05-03', team: 'T01', location: '社区' }]);
    const base = ['register', 'activity', '--title', 'x', '--org', 'B11', '--date', '2026-05-01'];
    expectRefused(t.dbPath, [...base, '--code', 'A0003', '--team', 'T09'], 1, /^vledger: --team: no team "T09"/);
    expectRefused(t.dbPath, [...base, '--code', 'A0003', '--end-date', '2026-04-30'], 1, 'vledger: --end-date: 2026-04-30 is before the start date 2026-05-01');
    expectRefused(t.dbPath, [...base, '--code', 'A0001'], 1, 'vledger: --code: activity A0001 already exists');
    expectRefused(t.dbPath, ['register', 'activity', '--code', 'A0003', '--title', 'x', '--org', 'B11'], 2, /required option '--date <date>' not specified/);
  });

  test('a member named by id number: the audit entry names the volunteer_no, never the id number', () => {
    expect(t.run('register', 'member', '--team', 'T01', '--volunteer', IDS.zhao).stderr).toBe('added B12-0001 to team T01\n');
    const change = query<{ change: string }>(t.dbPath, 'SELECT change FROM audit ORDER BY pk DESC LIMIT 1')[0]!.change;
    expect(JSON.parse(change)).toEqual({ insert: { team: 'T01', joined_on: '2026-11-29', volunteer_no: 'B12-0001' } });
  });

  test('every registration is in the audit trail', () => {
    const before = counts(t.dbPath).audit!;
    t.run('register', 'org', '--code', 'B13', '--name', '第三党支部', '--parent', 'G01');
    expect(query(t.dbPath, 'SELECT operator, command, entity FROM audit ORDER BY pk DESC LIMIT 1')).toEqual([{ operator: 'tester', command: 'register org', entity: 'org' }]);
    expect(counts(t.dbPath).audit).toBe(before + 1);
  });
});
