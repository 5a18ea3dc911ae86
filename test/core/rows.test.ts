// Per-kind row parsing: raw strings (flags or sheet cells) in, canonical typed rows or every
// problem with its column out.
import { describe, expect, test } from 'vitest';
import {
  parseActivity, parseAdjustment, parseCommendation, parseComplaint, parseMember, parseNoShow, parseOrg, parseRow, parseService,
  parseTeam, parseTraining, parseVolunteer, type Issue, type Parsed,
} from '../../src/core/rows.js';

const ctx = { today: '2026-11-29' };

function ok<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`expected ok, got ${JSON.stringify(p.issues)}`);
  return p.row;
}
function issues<T>(p: Parsed<T>): Issue[] {
  if (p.ok) throw new Error(`expected issues, got ${JSON.stringify(p.row)}`);
  return p.issues;
}
const columns = (p: Parsed<unknown>) => issues(p).map((i) => i.column);

describe('volunteers', () => {
  const base = { name: '张三', org: 'B11', political_status: 'party_member' };

  test('birth date and gender are derived from a resident id', () => {
    const row = ok(parseVolunteer({ ...base, id_number: '110101199003071233' }, ctx));
    expect(row).toMatchObject({ id_type: 'resident_id', id_number: '110101199003071233', birth_date: '1990-03-07', gender: 'male', status: 'active' });
  });

  test('an explicit gender or birth date that agrees with the id is accepted, in any spelling', () => {
    const row = ok(parseVolunteer({ ...base, id_number: '110105198501010020', gender: '女', birth_date: '1985/1/1' }, ctx));
    expect(row).toMatchObject({ gender: 'female', birth_date: '1985-01-01' });
  });

  test('an explicit gender or birth date contradicting the id is refused', () => {
    const g = issues(parseVolunteer({ ...base, id_number: '110105198501010020', gender: 'male' }, ctx));
    expect(g).toEqual([{ column: 'gender', message: 'male contradicts the id number (female); correct one of them' }]);
    const b = issues(parseVolunteer({ ...base, id_number: '110105198501010020', birth_date: '1985-01-02' }, ctx));
    expect(b).toEqual([{ column: 'birth_date', message: '1985-01-02 contradicts the id number (1985-01-01); correct one of them' }]);
  });

  test('a bad resident id is an issue on id_number; a passport number is not checked', () => {
    expect(issues(parseVolunteer({ ...base, id_number: '110101199003071234' }, ctx))[0]).toMatchObject({ column: 'id_number', message: expect.stringMatching(/check digit/) });
    expect(issues(parseVolunteer({ ...base, id_number: '110101900307123' }, ctx))[0]!.message).toMatch(/15-digit/);
    expect(issues(parseVolunteer({ ...base, id_number: '1.10105E+17' }, ctx))[0]!.message).toMatch(/format the id column as text/);
    const passport = ok(parseVolunteer({ ...base, id_type: '护照', id_number: 'e12345678' }, ctx));
    expect(passport).toMatchObject({ id_type: 'passport', id_number: 'E12345678' });
    expect(passport.gender).toBeUndefined();
  });

  test('a masked id number or phone is treated as absent, with a warning', () => {
    const warnings: Issue[] = [];
    const row = ok(parseVolunteer({ ...base, id_number: '110101********1233', phone: '138****1234' }, { ...ctx, warn: (i) => warnings.push(i) }));
    expect(row.id_number).toBeUndefined();
    expect(row.phone).toBeUndefined();
    expect(warnings.map((w) => w.column)).toEqual(['id_number', 'phone']);
  });

  test('phones are normalised; a bad one is an issue on phone', () => {
    expect(ok(parseVolunteer({ ...base, phone: '+86 138-1234-1234' }, ctx)).phone).toBe('13812341234');
    expect(ok(parseVolunteer({ ...base, phone: '010-12345678' }, ctx)).phone).toBe('010-12345678');
    expect(columns(parseVolunteer({ ...base, phone: '12345' }, ctx))).toEqual(['phone']);
  });

  test('enums in English and Chinese; a wrong word names the allowed ones', () => {
    expect(ok(parseVolunteer({ ...base, political_status: '中共预备党员' }, ctx)).political_status).toBe('probationary');
    expect(ok(parseVolunteer({ ...base, status: '暂停' }, ctx)).status).toBe('suspended');
    const bad = issues(parseVolunteer({ ...base, political_status: 'member' }, ctx));
    expect(bad[0]).toMatchObject({ column: 'political_status', message: expect.stringContaining('party_member (中共党员)') });
  });

  test('name, org and political status are required; all problems are reported at once', () => {
    expect(columns(parseVolunteer({}, ctx)).sort()).toEqual(['name', 'org', 'political_status']);
  });

  test('registered_on cannot be in the future; left_on makes an active volunteer left', () => {
    expect(columns(parseVolunteer({ ...base, registered_on: '2026-12-01' }, ctx))).toEqual(['registered_on']);
    expect(ok(parseVolunteer({ ...base, left_on: '2026-06-30' }, ctx))).toMatchObject({ status: 'left', left_on: '2026-06-30' });
    expect(ok(parseVolunteer({ ...base, disciplined_in: '2025' }, ctx)).disciplined_in).toBe(2025);
    expect(columns(parseVolunteer({ ...base, disciplined_in: '25' }, ctx))).toEqual(['disciplined_in']);
  });
});

describe('service records', () => {
  const base = { volunteer_no: 'B11-0001', date: '2026-03-05' };

  test('hours are stored as minutes, defaults applied', () => {
    expect(ok(parseService({ ...base, hours: '2.5' }, ctx))).toMatchObject({
      person: { volunteer_no: 'B11-0001' }, date: '2026-03-05', minutes: 150, role: 'participant', status: 'approved', entry: 'normal',
    });
  });

  test('start/end times win over hours within a minute; further apart is refused on hours', () => {
    expect(ok(parseService({ ...base, hours: '2.5', start: '9:00', end: '11:31' }, ctx))).toMatchObject({ minutes: 151, start: '09:00', end: '11:31' });
    expect(issues(parseService({ ...base, hours: '2.5', start: '9:00', end: '11:32' }, ctx))[0]!.column).toBe('hours');
  });

  test('an end before the start is an issue on end; a lone start on start', () => {
    expect(issues(parseService({ ...base, start: '11:00', end: '09:00' }, ctx))[0]).toMatchObject({ column: 'end', message: expect.stringMatching(/overnight service is two records/) });
    expect(columns(parseService({ ...base, start: '09:00', hours: '1' }, ctx))).toEqual(['start']);
  });

  test('hours out of range, missing hours, a future or unreal date are refused', () => {
    expect(issues(parseService({ ...base, hours: '25' }, ctx))[0]!.message).toMatch(/more than 24 hours/);
    expect(issues(parseService({ ...base, hours: '0' }, ctx))[0]!.message).toMatch(/not more than 0/);
    expect(columns(parseService({ ...base }, ctx))).toEqual(['hours']);
    expect(issues(parseService({ ...base, date: '2026-11-30', hours: '1' }, ctx))[0]).toMatchObject({ column: 'date', message: expect.stringMatching(/in the future/) });
    expect(issues(parseService({ ...base, date: '2026-02-29', hours: '1' }, ctx))[0]).toMatchObject({ column: 'date', message: expect.stringMatching(/not a real calendar date/) });
    expect(columns(parseService({ volunteer_no: 'B11-0001', hours: '1' }, ctx))).toEqual(['date']);
  });

  test('Chinese values and date spellings', () => {
    const row = ok(parseService({ ...base, date: '2026年3月5日', hours: '1', role: '负责人', evaluation: '比较满意', status: '待审核', entry: '补录' }, ctx));
    expect(row).toMatchObject({ date: '2026-03-05', role: 'leader', evaluation: 'fairly_satisfied', status: 'pending', entry: 'back_entry' });
    expect(columns(parseService({ ...base, hours: '1', evaluation: 'good' }, ctx))).toEqual(['evaluation']);
  });

  test('the volunteer may be named by number, id number or name; one is required', () => {
    expect(ok(parseService({ name: '张三', org: 'B11', date: '2026-03-05', hours: '1' }, ctx)).person).toEqual({ name: '张三', org: 'B11' });
    expect(ok(parseService({ id_number: '110101199003071233', date: '2026-03-05', hours: '1' }, ctx)).person.id_number).toBe('110101199003071233');
    expect(columns(parseService({ date: '2026-03-05', hours: '1' }, ctx))).toEqual(['volunteer_no']);
  });

  test('a row arriving voided carries its reason', () => {
    expect(ok(parseService({ ...base, hours: '1', status: 'voided', void_reason: 'duplicate' }, ctx))).toMatchObject({ void_reason: 'duplicate', status: 'approved' });
  });
});

describe('the other log kinds', () => {
  const base = { volunteer_no: 'B11-0001', date: '2026-04-01' };

  test('training needs hours within range', () => {
    expect(ok(parseTraining({ ...base, hours: '3', topic: '培训' }, ctx))).toMatchObject({ minutes: 180, topic: '培训' });
    expect(columns(parseTraining({ ...base }, ctx))).toEqual(['hours']);
    expect(columns(parseTraining({ ...base, hours: '30' }, ctx))).toEqual(['hours']);
  });

  test('commendations need a title and a level', () => {
    expect(ok(parseCommendation({ ...base, title: '优秀志愿者', level: '市级' }, ctx)).level).toBe('city');
    expect(columns(parseCommendation({ ...base }, ctx)).sort()).toEqual(['level', 'title']);
    expect(columns(parseCommendation({ ...base, title: 't', level: 'town' }, ctx))).toEqual(['level']);
  });

  test('complaints: upheld yes/no in either language, default no', () => {
    expect(ok(parseComplaint({ ...base, upheld: '是' }, ctx)).upheld).toBe(true);
    expect(ok(parseComplaint({ ...base }, ctx)).upheld).toBe(false);
    expect(columns(parseComplaint({ ...base, upheld: 'maybe' }, ctx))).toEqual(['upheld']);
  });

  test('no-shows keep the activity as written', () => {
    expect(ok(parseNoShow({ ...base, activity: 'A0003' }, ctx)).activity).toBe('A0003');
  });

  test('adjustments need points with at most 2 decimals and a reason', () => {
    expect(ok(parseAdjustment({ ...base, points: '-2.5', reason: '迟到' }, ctx))).toMatchObject({ points: -250, reason: '迟到' });
    expect(columns(parseAdjustment({ ...base }, ctx)).sort()).toEqual(['points', 'reason']);
    expect(columns(parseAdjustment({ ...base, points: '1.005', reason: 'x' }, ctx))).toEqual(['points']);
  });
});

describe('roster kinds', () => {
  test('orgs: code and name required, kind defaults to branch, Chinese kinds accepted, no self-parent', () => {
    expect(ok(parseOrg({ code: 'B11', name: '第一党支部' }))).toMatchObject({ kind: 'branch' });
    expect(ok(parseOrg({ code: 'G01', name: '工委', kind: '党委' })).kind).toBe('committee');
    expect(columns(parseOrg({ kind: 'branch' })).sort()).toEqual(['code', 'name']);
    expect(columns(parseOrg({ code: 'B11', name: 'x', kind: 'club' }))).toEqual(['kind']);
    expect(columns(parseOrg({ code: 'B11', name: 'x', parent: 'B11' }))).toEqual(['parent']);
  });

  test('teams: code, name and org required; founded_on is a date', () => {
    expect(ok(parseTeam({ code: 'T01', name: '服务队', org: 'B11', founded_on: '2026.1.1' })).founded_on).toBe('2026-01-01');
    expect(columns(parseTeam({})).sort()).toEqual(['code', 'name', 'org']);
    expect(columns(parseTeam({ code: 'T01', name: 'x', org: 'B11', founded_on: 'soon' }))).toEqual(['founded_on']);
  });

  test('members: team and volunteer required; left_on not before joined_on', () => {
    expect(ok(parseMember({ team: 'T01', volunteer_no: 'B11-0001', joined_on: '2026-01-10' }))).toMatchObject({ team: 'T01', person: { volunteer_no: 'B11-0001' } });
    expect(columns(parseMember({})).sort()).toEqual(['team', 'volunteer_no']);
    expect(columns(parseMember({ team: 'T01', volunteer_no: 'B11-0001', joined_on: '2026-05-01', left_on: '2026-04-01' }))).toEqual(['left_on']);
  });

  test('activities: a date is required and end_date is not before it', () => {
    expect(ok(parseActivity({ code: 'A1', title: '活动', org: 'B11', date: '2026/3/5', end_date: '2026/3/7' }))).toMatchObject({ date: '2026-03-05', end_date: '2026-03-07' });
    expect(columns(parseActivity({ code: 'A1', title: '活动', org: 'B11' }))).toEqual(['date']);
    expect(columns(parseActivity({ code: 'A1', title: '活动', org: 'B11', date: '2026-03-05', end_date: '2026-03-04' }))).toEqual(['end_date']);
  });

  test('parseRow dispatches by kind', () => {
    expect(parseRow('orgs', { code: 'B11', name: 'x' }, ctx).ok).toBe(true);
    expect(parseRow('no-shows', { volunteer_no: 'B11-0001' }, ctx).ok).toBe(false);
  });
});
