// The award rules of SPEC 5 computed by hand and checked through the CLI: each eligibility
// condition failing alone, the quota's rounding, ties at the cut, and the team rules.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliEnv, counts } from '../helpers/cli.js';
import { loadDataSet, partyMembersWithHours, serviceDays, type Row } from './report-fixtures.js';

type Env = ReturnType<typeof cliEnv>;
let t: Env;

interface AwardRow { award: string; rank: number; code: string; name: string; org: string; points: number; hours: number; satisfaction: number | null; tie_extended: boolean }

function awards(...args: string[]): AwardRow[] {
  const r = t.run('report', 'awards', '--year', '2026', '--format', 'json', ...args);
  // beside the fixed json columns, stderr says only when a tie pushed a list over its quota
  expect(r.stderr.replace(/^.*exceeded because of a tie.*\n/gm, '')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as AwardRow[];
}

/** `--explain` with json: the list on stdout, the explanation on stderr; reasons per code. */
function explained(org: string): { listed: AwardRow[]; cut: string[]; reasons: Map<string, string> } {
  const r = t.run('report', 'awards', '--year', '2026', '--org', org, '--format', 'json', '--explain');
  expect(r.code).toBe(0);
  const reasons = new Map<string, string>();
  const cut: string[] = [];
  let part = '';
  for (const line of r.stderr.split('\n')) {
    if (/^\s+Eligible but below the quota:/.test(line)) part = 'cut';
    else if (/^\s+Not eligible:/.test(line)) part = 'ineligible';
    else if (/^\S/.test(line)) part = '';
    const m = /^\s{4}(?:\d+\. )?(\S+) \S+ \(\S+\):\s?(.*)$/.exec(line);
    if (m && part === 'cut') cut.push(m[1]!);
    if (m && part === 'ineligible') reasons.set(m[1]!, m[2]!);
  }
  return { listed: JSON.parse(r.stdout) as AwardRow[], cut, reasons };
}

const v = (no: string, political_status: string, extra: Row = {}): Row => ({ volunteer_no: no, name: `志愿者${no.slice(-2)}`, political_status, org: no.slice(0, 3), ...extra });
const tenRecords = (no: string, evaluations?: (string | undefined)[]) => serviceDays(no, 10, 3, { evaluations });

beforeAll(() => {
  t = cliEnv('vledger-awards-');
  const orgs: Row[] = [{ code: 'G01', name: '市直机关工委', kind: 'committee' }];
  for (const [code, name] of [['B11', '资格支部'], ['B20', '服务队支部'], ['Q20', '二十人支部'], ['Q21', '二十一人支部'], ['Q00', '无党员支部'], ['TIE', '并列支部'], ['TOP', '并列第一支部']]) {
    orgs.push({ code, name, parent: 'G01', kind: 'branch' });
  }
  const nine = Array<string>(9).fill('satisfied');
  // B11: one volunteer per eligibility condition, each failing that condition alone
  const volunteers: Row[] = [
    v('B11-0001', 'party_member'), // exactly 20 h, no evaluations: eligible
    v('B11-0002', 'masses'),
    v('B11-0003', 'party_member', { status: 'left', left_on: '2026-06-30' }),
    v('B11-0004', 'party_member', { disciplined_in: 2026 }),
    v('B11-0005', 'party_member'), // 19 h 59 min
    v('B11-0006', 'party_member'), // satisfaction 8/9
    v('B11-0007', 'party_member'), // satisfaction 9/10 = 0.90 exactly: eligible
    v('B11-0008', 'party_member'), // an upheld complaint
    v('B11-0009', 'party_member'), // a complaint not upheld: eligible
    v('B11-0010', 'party_member', { status: 'left' }), // left, no date
    v('B11-0011', 'probationary'), // eligible
    v('B11-0012', 'party_member', { status: 'suspended' }), // eligible
    v('B11-0013', 'party_member', { disciplined_in: 2025 }), // another year: eligible
    v('B11-0014', 'party_member', { left_on: '2026-12-31' }), // left on the last day: not eligible
    v('B11-0015', 'party_member', { left_on: '2027-01-05' }), // leaves next year: eligible
  ];
  const service: Row[] = [
    ...serviceDays('B11-0001', 4, 5),
    ...serviceDays('B11-0005', 3, 6), { volunteer_no: 'B11-0005', date: '2026-01-20', start: '09:00', end: '10:59' },
    ...tenRecords('B11-0006', [...Array<string>(8).fill('satisfied'), 'dissatisfied']),
    ...tenRecords('B11-0007', [...nine, 'dissatisfied']),
  ];
  for (const no of ['B11-0002', 'B11-0003', 'B11-0004', 'B11-0008', 'B11-0009', 'B11-0010', 'B11-0011', 'B11-0012', 'B11-0013', 'B11-0014', 'B11-0015']) {
    service.push(...tenRecords(no));
  }
  const complaints: Row[] = [
    { volunteer_no: 'B11-0008', date: '2026-03-01', description: '属实投诉', upheld: 'yes' },
    { volunteer_no: 'B11-0009', date: '2026-03-01', description: '不属实投诉', upheld: 'no' },
  ];

  // quota rounding: 20 and 21 party members with a record; ties at and inside the cut
  const q20 = partyMembersWithHours('Q20', (i) => 20 + i / 10, 20);
  const q21 = partyMembersWithHours('Q21', (i) => 20 + i / 10, 21);
  const tie = partyMembersWithHours('TIE', (i) => (i === 21 ? 23 : i >= 18 ? 22 : 20 + i / 10), 21);
  const top = partyMembersWithHours('TOP', (i) => (i >= 20 ? 23 : 20 + i / 10), 21);
  volunteers.push(...q20.volunteers, ...q21.volunteers, ...tie.volunteers, ...top.volunteers, v('Q00-0001', 'masses'));
  service.push(...q20.service, ...q21.service, ...tie.service, ...top.service, ...tenRecords('Q00-0001'));

  // B20: teams, each failing one team rule (or on a boundary)
  for (let i = 1; i <= 6; i++) volunteers.push(v(`B20-000${i}`, 'party_member'));
  for (let i = 7; i <= 9; i++) volunteers.push(v(`B20-000${i}`, 'masses'));
  const teams: Row[] = [];
  const members: Row[] = [];
  const activities: Row[] = [];
  const team = (code: string, memberNos: (string | [string, string])[], activityCount: number) => {
    teams.push({ code, name: `${code}志愿服务队`, org: 'B20', founded_on: '2025-01-01' });
    for (const m of memberNos) {
      const [no, left] = typeof m === 'string' ? [m, undefined] : m;
      members.push({ team: code, volunteer_no: no, joined_on: '2025-06-01', left_on: left });
    }
    for (let i = 1; i <= activityCount; i++) activities.push({ code: `${code}-A${i}`, title: `${code}活动${i}`, org: 'B20', team: code, date: `2026-04-${String(i).padStart(2, '0')}` });
  };
  team('T01', ['B20-0001', 'B20-0002'], 6); // eligible, most points
  team('T02', ['B20-0003'], 5); // 5 activities this year (+1 last year)
  activities.push({ code: 'T02-OLD', title: '去年的活动', org: 'B20', team: 'T02', date: '2025-04-01' });
  team('T03', ['B20-0004', 'B20-0007', 'B20-0008', ['B20-0003', '2026-03-01']], 6); // 1 party member of 3 current
  team('T04', ['B20-0005', 'B20-0009'], 6); // 1 of 2: exactly half, eligible
  team('T05', [], 6); // no members
  team('T06', ['B20-0006'], 6); // satisfaction 1 of 2
  team('T07', ['B20-0002', ['B20-0007', '2026-05-01'], ['B20-0008', '2026-12-31']], 6); // masses left by year end: 1 of 1
  service.push(
    { volunteer_no: 'B20-0001', activity: 'T01-A1', date: '2026-04-01', hours: 4, evaluation: 'satisfied' },
    { volunteer_no: 'B20-0002', activity: 'T01-A2', date: '2026-04-02', hours: 4, evaluation: 'satisfied' },
    { volunteer_no: 'B20-0005', activity: 'T04-A1', date: '2026-04-01', hours: 3 },
    { volunteer_no: 'B20-0006', activity: 'T06-A1', date: '2026-04-01', hours: 5, evaluation: 'satisfied' },
    { volunteer_no: 'B20-0006', activity: 'T06-A2', date: '2026-04-02', hours: 5, evaluation: 'dissatisfied' },
  );
  loadDataSet(t.dbPath, t.dir, { orgs, volunteers, teams, members, activities, service, complaints });
});

afterAll(() => t?.cleanup());

describe('excellent_volunteer eligibility (SPEC 5), each condition failing alone', () => {
  test('the reasons, one per ineligible volunteer, and who stays eligible', () => {
    const { listed, cut, reasons } = explained('B11');
    expect(Object.fromEntries(reasons)).toEqual({
      'B11-0002': 'political status on 2026-12-31 is masses, not party_member or probationary',
      'B11-0003': 'left on 2026-06-30, before the end of 2026',
      'B11-0004': 'disciplined in 2026',
      'B11-0005': '19.98 approved hours in 2026, fewer than 20',
      'B11-0006': 'satisfaction rate 0.8889 (8 of 9 evaluations not dissatisfied) is below 0.9',
      'B11-0008': '1 upheld complaint(s) in 2026, more than 0',
      'B11-0010': 'left (no date), before the end of 2026',
      'B11-0014': 'left on 2026-12-31, before the end of 2026',
    });
    // 14 party members with a record -> ceil(0.7) = 1; B11-0007 leads on points (30 h + 9 - 2)
    expect(listed.map((r) => [r.award, r.rank, r.code, r.points, r.hours, r.satisfaction, r.tie_extended])).toEqual([
      ['excellent_volunteer', 1, 'B11-0007', 37, 30, 0.9, false],
    ]);
    expect(cut.sort()).toEqual(['B11-0001', 'B11-0009', 'B11-0011', 'B11-0012', 'B11-0013', 'B11-0015']);
  });

  test('no evaluations is no rate, which does not fail the threshold; shown as null', () => {
    const r = t.run('report', 'awards', '--year', '2026', '--org', 'B11', '--format', 'md', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| 7 \| B11-0001 \| 志愿者01 \| B11 \| 20\.00 \| 20 \| — \|/);
  });

  test('the Chinese reasons in a zh table', () => {
    const r = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'awards', '--year', '2026', '--org', 'B11', '--format', 'table', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2026年度优秀共产党员志愿者');
    expect(r.stdout).toContain('名额：1名（本年度有服务记录的党员14名 × 5%，向上取整，至少1名）');
    expect(r.stdout).toContain('2026年经审核服务时长19.98小时，不足20小时');
    expect(r.stdout).toContain('已离开（无日期），早于2026年底');
    expect(r.stdout).toContain('2026年度受处分');
    expect(r.stdout).toContain('满意率0.8889，低于0.9');
    expect(r.stdout).toContain('2026年有1起属实投诉，超过0起');
    expect(r.stdout).toContain('符合条件但未进入名额');
  });
});

describe('the quota: ceil(5% × party members with a record in scope), at least 1', () => {
  test('20 party members -> 1, 21 -> 2', () => {
    expect(awards('--org', 'Q20').filter((r) => r.award === 'excellent_volunteer').map((r) => r.code)).toEqual(['Q20-0020']);
    expect(awards('--org', 'Q21').filter((r) => r.award === 'excellent_volunteer').map((r) => [r.rank, r.code, r.tie_extended])).toEqual([
      [1, 'Q21-0021', false], [2, 'Q21-0020', false],
    ]);
  });

  test('no party member with a record: quota 1, nobody eligible, said so', () => {
    expect(awards('--org', 'Q00')).toEqual([]);
    const r = t.run('report', 'awards', '--year', '2026', '--org', 'Q00', '--format', 'table');
    expect(r.stdout).toContain('Quota: 1 (5% of the 0 party members with a service record this year, rounded up; at least 1)');
    expect(r.stdout).toContain('Note: only 0 eligible, fewer than the quota of 1; all are listed.');
  });

  test('the whole city: 14 + 20 + 21 + 21 + 21 + 4 party members with a record = 101 -> ceil(5.05) = 6', () => {
    const r = t.run('report', 'awards', '--year', '2026', '--format', 'md');
    expect(r.stdout).toContain('Quota: 6 (5% of the 101 party members with a service record this year');
  });
});

describe('ties at the cut', () => {
  test('the cut inside a tie lists the whole tied group, tie_extended, with a note', () => {
    const rows = awards('--org', 'TIE').filter((r) => r.award === 'excellent_volunteer');
    expect(rows.map((r) => [r.rank, r.code, r.hours, r.tie_extended])).toEqual([
      [1, 'TIE-0021', 23, false], [2, 'TIE-0018', 22, true], [2, 'TIE-0019', 22, true], [2, 'TIE-0020', 22, true],
    ]);
    for (const format of ['table', 'md', 'html']) {
      const r = t.run('report', 'awards', '--year', '2026', '--org', 'TIE', '--format', format);
      expect(r.stdout).toContain('Note: the quota of 2 was exceeded because of a tie at rank 2: 4 are listed (tie_extended).');
    }
    const json = t.run('report', 'awards', '--year', '2026', '--org', 'TIE', '--format', 'json');
    expect(json.stderr).toBe('优秀共产党员志愿者 2026: Note: the quota of 2 was exceeded because of a tie at rank 2: 4 are listed (tie_extended).\n');
    const zh = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'awards', '--year', '2026', '--org', 'TIE', '--format', 'table');
    expect(zh.stdout).toContain('说明：第2名并列，名额2个，因并列超出名额，共列出4个（标注“并列增额”）。');
  });

  test('a tie that ends exactly at the quota is not extended', () => {
    const rows = awards('--org', 'TOP').filter((r) => r.award === 'excellent_volunteer');
    expect(rows.map((r) => [r.rank, r.code, r.tie_extended])).toEqual([[1, 'TOP-0020', false], [1, 'TOP-0021', false]]);
    const r = t.run('report', 'awards', '--year', '2026', '--org', 'TOP', '--format', 'table');
    expect(r.stdout).not.toContain('exceeded');
  });
});

describe('excellent_team (SPEC 5)', () => {
  test('activities, party share (current members at year end), satisfaction, members', () => {
    const { listed, reasons, cut } = explained('B20');
    expect(listed.filter((r) => r.award === 'excellent_team').map((r) => [r.rank, r.code, r.points, r.hours, r.satisfaction, r.tie_extended])).toEqual([
      [1, 'T01', 10, 8, 1, false], [2, 'T04', 3, 3, null, false], [3, 'T07', 0, 0, null, false],
    ]);
    expect(cut).toEqual(expect.not.arrayContaining(['T02', 'T03', 'T05', 'T06']));
    expect(reasons.get('T02')).toBe('5 activities in 2026, fewer than 6');
    expect(reasons.get('T03')).toBe('1 of 3 current members are party members (0.3333), below 0.5');
    expect(reasons.get('T05')).toBe('no current members at the end of 2026');
    expect(reasons.get('T06')).toBe('satisfaction rate 0.5 (1 of 2 evaluations not dissatisfied) is below 0.9');
  });

  test('the titles as the rules write them, and a read-only report writes nothing', () => {
    const before = counts(t.dbPath);
    const r = t.run('report', 'awards', '--year', '2026', '--org', 'B20', '--format', 'table');
    expect(r.stdout).toContain('优秀共产党员志愿服务队 2026');
    expect(r.stdout).toContain('优秀共产党员志愿者 2026');
    expect(r.stdout).toContain('Quota: 3');
    expect(counts(t.dbPath)).toEqual(before);
  });
});

describe('command line', () => {
  test('--year is required (exit 2); an unknown --org is a data error (exit 1)', () => {
    const a = t.run('report', 'awards');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--year/);
    const b = t.run('report', 'awards', '--year', '2026', '--org', 'NOPE');
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^vledger: --org: no organisation "NOPE"/);
    const c = t.run('report', 'awards', '--year', 'last', '--format', 'csv');
    expect(c.code).toBe(2);
  });

  test('csv: the SPEC 7 columns, with a BOM and CRLF (points capped at 8 h a day, hours not)', () => {
    const r = t.run('report', 'awards', '--year', '2026', '--org', 'TIE', '--format', 'csv');
    expect(r.stdout.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFaward,rank,code,name,org,points,hours,satisfaction,tie_extended',
      'excellent_volunteer,1,TIE-0021,TIE成员21,TIE,8.00,23,,false',
      'excellent_volunteer,2,TIE-0018,TIE成员18,TIE,8.00,22,,true',
    ]);
  });
});
