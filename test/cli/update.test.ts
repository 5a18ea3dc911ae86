// `vledger update …` end to end: roster facts change with an audit entry each; a volunteer's
// org and political status keep their history from --effective; refusals change nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cliEnv, expectRefused, IDS, query, seedBasic } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const volunteer = (no: string) => query(t.dbPath, 'SELECT * FROM volunteers WHERE volunteer_no = ?', no)[0]!;
const history = (no: string) => query(t.dbPath, 'SELECT field, value, effective FROM volunteer_history WHERE volunteer_no = ? ORDER BY field, effective', no);
const lastAudit = () => {
  const a = query<{ operator: string; command: string; entity: string; change: string }>(t.dbPath, 'SELECT operator, command, entity, change FROM audit ORDER BY pk DESC LIMIT 1')[0]!;
  return { ...a, change: JSON.parse(a.change) };
};

describe('update volunteer: org and political status keep their history', () => {
  test('a transfer from a date: both history rows kept, the profile lists it, the audit has old and new', () => {
    const r = t.run('update', 'volunteer', 'B11-0001', '--org', 'B12', '--effective', '2026-07-01');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'updated volunteer B11-0001: org from 2026-07-01\n' });
    expect(history('B11-0001')).toEqual([
      { field: 'org', value: 'B11', effective: '' },
      { field: 'org', value: 'B12', effective: '2026-07-01' },
      { field: 'political_status', value: 'party_member', effective: '' },
    ]);
    expect(volunteer('B11-0001').org).toBe('B12');
    expect(lastAudit()).toEqual({ operator: 'tester', command: 'update volunteer', entity: 'volunteer', change: { update: 'B11-0001', effective: '2026-07-01', org: { from: 'B11', to: 'B12' } } });
    const profile = JSON.parse(t.run('show', 'volunteer', 'B11-0001', '--format', 'json').stdout) as Record<string, unknown>[];
    expect(profile).toHaveLength(1);
    expect(profile[0]).toMatchObject({ volunteer_no: 'B11-0001', org: 'B12', history: 'org: B12 from 2026-07-01' });
  });

  test('joining the party, by organisation name and Chinese status; effective defaults to today', () => {
    expect(t.run('update', 'volunteer', 'B11-0003', '--political-status', '中共预备党员').code).toBe(0);
    expect(history('B11-0003').filter((h) => h.field === 'political_status')).toEqual([
      { field: 'political_status', value: 'masses', effective: '' },
      { field: 'political_status', value: 'probationary', effective: '2026-11-29' },
    ]);
    expect(volunteer('B11-0003').political_status).toBe('probationary');
  });

  test('history and plain fields change together in one step', () => {
    const r = t.run('update', 'volunteer', 'B11-0002', '--org', '第二党支部', '--effective', '2026-09-01', '--phone', '010 8765 4321', '--skills', '急救');
    expect(r.code, r.stderr).toBe(0);
    expect(volunteer('B11-0002')).toMatchObject({ org: 'B12', phone: '010-87654321', skills: '急救' });
    expect(lastAudit().change).toEqual({
      update: 'B11-0002', effective: '2026-09-01', org: { from: 'B11', to: 'B12' },
      phone: { from: '13912345678', to: '010-87654321' }, skills: { from: null, to: '急救' },
    });
  });

  test('a refused part leaves the rest unwritten too', () => {
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001', '--org', 'B12', '--phone', '12345'], 1, /^vledger: --phone: "12345" is not a mainland mobile/);
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001', '--org', 'B99', '--skills', 'x'], 1, /^vledger: --org: no organisation "B99"/);
  });

  test('nothing new, an unknown volunteer, a future effective date: exit 1, nothing written', () => {
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001', '--org', 'B11'], 1, 'vledger: nothing to change for volunteer B11-0001; it already has those values');
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001'], 1, 'vledger: nothing to change for volunteer B11-0001; give a flag with a new value (see --help)');
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0099', '--skills', 'x'], 1, 'vledger: no volunteer "B11-0099"');
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001', '--org', 'B12', '--effective', '2026-12-01'], 1, 'vledger: --effective: 2026-12-01 is in the future (today is 2026-11-29)');
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0001', '--effective', '2026-13-01', '--org', 'B12'], 2, /"2026-13-01" is not a real calendar date/);
  });
});

describe('update volunteer: other facts', () => {
  test('a new id number is checked and must be unique', () => {
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0003', '--id-number', '110101199003071234'], 1, /^vledger: --id-number: .*check digit/);
    expectRefused(t.dbPath, ['update', 'volunteer', 'B11-0003', '--id-number', IDS.zhang], 1, 'vledger: --id-number: this id number is already registered as B11-0001');
    expect(t.run('update', 'volunteer', '王五', '--id-number', IDS.sun).code).toBe(0);
    expect(volunteer('B11-0003').id_number).toBe(IDS.sun);
  });

  test('leaving: --status left sets left_on to the effective date; --left-on sets status left', () => {
    expect(t.run('update', 'volunteer', 'B11-0001', '--status', '离开', '--effective', '2026-09-30').code).toBe(0);
    expect(volunteer('B11-0001')).toMatchObject({ status: 'left', left_on: '2026-09-30' });
    expect(t.run('update', 'volunteer', 'B11-0002', '--left-on', '2026-10-31').code).toBe(0);
    expect(volunteer('B11-0002')).toMatchObject({ status: 'left', left_on: '2026-10-31' });
    expect(t.run('update', 'volunteer', 'B11-0002', '--status', 'active').code).toBe(0);
    expect(volunteer('B11-0002')).toMatchObject({ status: 'active', left_on: null });
  });
});

describe('update member, team, org, activity', () => {
  test('a member leaving a team keeps the membership row with left_on', () => {
    const r = t.run('update', 'member', '--team', 'T01', '--volunteer', 'B11-0002', '--left-on', '2026-08-31');
    expect(r.code, r.stderr).toBe(0);
    expect(query(t.dbPath, "SELECT team, joined_on, left_on FROM members WHERE volunteer_no = 'B11-0002'")).toEqual([{ team: 'T01', joined_on: '2026-01-10', left_on: '2026-08-31' }]);
    expect(lastAudit()).toMatchObject({ command: 'update member', entity: 'member', change: { left_on: { from: null, to: '2026-08-31' } } });
    expect(JSON.parse(t.run('show', 'volunteer', 'B11-0002', '--format', 'json').stdout)[0].teams).toBe('T01 红色先锋志愿服务队 (left 2026-08-31)');
  });

  test('leaving before joining, or a team the volunteer is not in, is refused', () => {
    expectRefused(t.dbPath, ['update', 'member', '--team', 'T01', '--volunteer', 'B11-0002', '--left-on', '2026-01-01'], 1, 'vledger: --left-on: 2026-01-01 is before the joining date 2026-01-10');
    expectRefused(t.dbPath, ['update', 'member', '--team', 'T01', '--volunteer', 'B11-0003', '--left-on', '2026-08-31'], 1, 'vledger: B11-0003 is not a member of T01; add them with vledger register member');
    expectRefused(t.dbPath, ['update', 'member', '--team', 'T01', '--left-on', '2026-08-31'], 2, /required option '--volunteer <volunteer>' not specified/);
  });

  test('a team gets a new leader; an unknown one is refused', () => {
    expect(t.run('update', 'team', 'T01', '--leader', 'B11-0002').code).toBe(0);
    expect(query(t.dbPath, "SELECT leader FROM teams WHERE code = 'T01'")[0]!.leader).toBe('B11-0002');
    expectRefused(t.dbPath, ['update', 'team', 'T01', '--leader', 'B11-0099'], 1, /^vledger: --leader: no volunteer "B11-0099"/);
    expectRefused(t.dbPath, ['update', 'team', 'T99', '--name', 'x'], 1, 'vledger: no team T99');
  });

  test('an organisation is renamed; a parent inside its own subtree is refused', () => {
    expect(t.run('update', 'org', 'B11', '--name', '第一党支部（机关）').code).toBe(0);
    expect(query(t.dbPath, "SELECT name FROM orgs WHERE code = 'B11'")[0]!.name).toBe('第一党支部（机关）');
    expectRefused(t.dbPath, ['update', 'org', 'G01', '--parent', 'B11'], 1, "vledger: --parent: B11 is inside G01's own subtree; an organisation tree has no cycles");
  });

  test("an activity's place changes; an end date before its date is refused", () => {
    expect(t.run('update', 'activity', 'A0001', '--location', '社区服务中心', '--end-date', '2026-03-06').code).toBe(0);
    expect(query(t.dbPath, "SELECT location, end_date FROM activities WHERE code = 'A0001'")).toEqual([{ location: '社区服务中心', end_date: '2026-03-06' }]);
    expectRefused(t.dbPath, ['update', 'activity', 'A0001', '--end-date', '2026-03-04'], 1, 'vledger: --end-date: 2026-03-04 is before the date 2026-03-05');
  });
});
