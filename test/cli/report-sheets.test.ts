// The assessment (SPEC 6, 11.4), the member's annual summary and the certificates (11.15),
// computed by hand on a small tree and checked through the CLI.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IDS, cliEnv, counts, query } from '../helpers/cli.js';
import { loadDataSet, serviceDays, type Row } from './report-fixtures.js';

let t: ReturnType<typeof cliEnv>;

const json = <T = Record<string, unknown>>(...args: string[]): T[] => {
  const r = t.run(...args, '--format', 'json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
};

beforeAll(() => {
  t = cliEnv('vledger-sheets-');
  const orgs: Row[] = [
    { code: 'C01', name: '机关党委', kind: 'committee' },
    { code: 'D2', name: '第二支部', parent: 'C01', kind: 'branch' },
    { code: 'D1', name: '第一总支', parent: 'C01', kind: 'general_branch' },
    { code: 'D12', name: '一总支二支部', parent: 'D1', kind: 'branch' },
    { code: 'D11', name: '一总支一支部', parent: 'D1', kind: 'branch' },
  ];
  const volunteers: Row[] = [
    { volunteer_no: 'D11-0001', name: '张三', id_number: IDS.zhang, political_status: 'party_member', org: 'D11', registered_on: '2024-01-01' },
    { volunteer_no: 'D11-0002', name: '李四', political_status: 'probationary', org: 'D11', registered_on: '2025-02-01' },
    { volunteer_no: 'D11-0003', name: '王五', political_status: 'masses', org: 'D11' },
    { volunteer_no: 'D11-0004', name: '赵六', political_status: 'party_member', org: 'D11', registered_on: '2026-03-01' },
    { volunteer_no: 'D11-0005', name: '孙七', political_status: 'party_member', org: 'D11', left_on: '2024-12-31' },
    { volunteer_no: 'D11-0006', name: '周八', political_status: 'party_member', org: 'D11', left_on: '2025-06-01' },
    { volunteer_no: 'D12-0001', name: '吴九', political_status: 'masses', org: 'D12' },
    { volunteer_no: 'D2-0001', name: '郑十', id_number: IDS.zhao, political_status: 'party_member', org: 'D2' },
  ];
  const activities: Row[] = [
    { code: 'X0', title: '去年的活动', org: 'D11', date: '2024-12-01' },
    ...[1, 2, 3].map((i) => ({ code: `X${i}`, title: `一支部活动${i}`, org: 'D11', date: `2025-02-0${i}` })),
    ...Array.from({ length: 12 }, (_, i) => ({ code: `Y${i + 1}`, title: `二支部活动${i + 1}`, org: 'D2', date: `2025-${String(i + 1).padStart(2, '0')}-15` })),
  ];
  const service: Row[] = [
    ...serviceDays('D11-0001', 5, 18, { from: '2024-03-01' }),
    { volunteer_no: 'D11-0001', date: '2025-02-01', hours: 5, evaluation: 'satisfied', activity: 'X1' },
    { volunteer_no: 'D11-0001', date: '2025-04-01', hours: 5 },
    { volunteer_no: 'D11-0001', date: '2026-04-01', hours: 5 },
    { volunteer_no: 'D11-0001', date: '2026-04-02', hours: 7, status: 'pending' },
    { volunteer_no: 'D11-0003', date: '2025-04-01', hours: 5, evaluation: 'dissatisfied' },
    { volunteer_no: 'D11-0004', date: '2025-04-01', hours: 3 },
    { volunteer_no: 'D11-0006', date: '2025-03-10', start: '09:00', end: '11:20', evaluation: 'fairly_satisfied' },
    { volunteer_no: 'D12-0001', date: '2025-04-01', hours: 1, evaluation: 'satisfied' },
    ...serviceDays('D2-0001', 10, 3, { from: '2025-01-06', evaluations: Array<string>(10).fill('satisfied') }),
  ];
  loadDataSet(t.dbPath, t.dir, {
    orgs, volunteers, activities, service,
    training: [{ volunteer_no: 'D11-0001', date: '2025-05-01', hours: 2, topic: '培训' }],
    commendations: [{ volunteer_no: 'D11-0001', date: '2025-05-04', title: '优秀志愿者', level: 'city', issuer: '市文明办' }],
    complaints: [{ volunteer_no: 'D11-0001', date: '2025-06-02', description: '迟到', upheld: 'no' }],
    'no-shows': [{ volunteer_no: 'D11-0001', date: '2025-06-01' }],
  });
});

afterAll(() => t?.cleanup());

describe('report assessment', () => {
  const keys = ['org', 'name', 'party_members', 'participants', 'participation_rate', 'hours', 'hours_per_member', 'activities', 'activities_per_month', 'satisfaction', 'grade'];

  test('subtree totals, exact rates rounded at output, grades; parents before children, siblings by code', () => {
    const rows = json('report', 'assessment', '--year', '2025', '--org', 'C01');
    expect(Object.keys(rows[0]!)).toEqual(keys);
    expect(rows.map((r) => keys.map((k) => r[k]))).toEqual([
      // 4 party members (D11: 张三, 李四, 周八 who left mid-year; D2: 郑十), 2540 min / 240 = 10.5833 h
      ['C01', '机关党委', 4, 3, 0.75, 42.33, 10.58, 15, 1.25, 0.9286, 'fair'],
      ['D1', '第一总支', 3, 2, 0.6667, 12.33, 4.11, 3, 0.25, 0.75, 'poor'],
      // 赵六 registered after the year, 孙七 left before it: not counted; 王五's dissatisfied counts for the rate
      ['D11', '一总支一支部', 3, 2, 0.6667, 12.33, 4.11, 3, 0.25, 0.6667, 'poor'],
      // no party members: null rates, no grade
      ['D12', '一总支二支部', 0, 0, null, 0, null, 0, 0, 1, null],
      ['D2', '第二支部', 1, 1, 1, 30, 30, 12, 1, 1, 'excellent'],
    ]);
  });

  test('--org lists that organisation and its descendants only; csv has the same columns', () => {
    const r = t.run('report', 'assessment', '--year', '2025', '--org', 'D1', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toEqual([
      `\uFEFF${keys.join(',')}`,
      'D1,第一总支,3,2,0.6667,12.33,4.11,3,0.25,0.75,poor',
      'D11,一总支一支部,3,2,0.6667,12.33,4.11,3,0.25,0.6667,poor',
      'D12,一总支二支部,0,0,,0,,0,0,1,',
      '',
    ]);
  });

  test('tables are localised: grade words and headings in Chinese', () => {
    const r = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'assessment', '--year', '2025', '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025年度党建目标考核');
    expect(r.stdout).toMatch(/组织编码.*参与率.*人均时长.*考核等级/);
    expect(r.stdout).toMatch(/D2 .*优秀/);
    expect(r.stdout).toMatch(/C01 .*一般/);
    expect(r.stdout).toMatch(/D11 .*较差/);
  });
});

describe('report volunteer', () => {
  test('the annual summary: hours, points by kind, rank in the branch, stars up to the year end', () => {
    const [s] = json('report', 'volunteer', 'D11-0001', '--year', '2025');
    expect(s).toMatchObject({
      year: 2025, volunteer_no: 'D11-0001', name: '张三', org: 'D11', org_name: '一总支一支部', political_status: 'party_member',
      hours: 10, records: 2, activities: 1, training_hours: 2,
      points: 19, points_service: 10, points_leader: 0, points_evaluation: 1, points_training: 1, points_commendation: 10,
      points_no_show: -3, points_complaint: 0, points_adjustment: 0,
      // D11's ranked volunteers: 张三 19, 王五 3 (5 h), 赵六 3 (3 h), 周八 2.83
      rank: 1, ranked: 4, satisfaction: 1,
      // 90 h in 2024 + 10 h in 2025 = 100 h: 1 star; 2026's hours do not count
      stars: 1, cumulative_hours: 100,
      commendations: 1, complaints: 1, upheld_complaints: 0, no_shows: 1,
    });
    expect(s!.commendation_list).toBe('2025-05-04 优秀志愿者 (city)');
  });

  test('rank within the own org subtree; by name; a readable sheet in Chinese', () => {
    expect(json('report', 'volunteer', 'D11-0004', '--year', '2025')[0]).toMatchObject({ rank: 3, ranked: 4, political_status: 'party_member', stars: 0 });
    const r = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'volunteer', '郑十', '--year', '2025', '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025年度党员志愿服务个人小结（民主评议党员）：郑十（D2-0001）');
    expect(r.stdout).toMatch(/本组织排名\s*│\s*1（共1人）/);
    expect(r.stdout).toMatch(/政治面貌\s*│\s*中共党员/);
  });

  test('an unknown volunteer is exit 1', () => {
    const r = t.run('report', 'volunteer', 'Z99-0001', '--year', '2025');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^vledger: no volunteer "Z99-0001"/);
  });
});

describe('report certificate', () => {
  interface Cert { number: string; id_number: string; period_from: string | null; period_to: string; records: number; hours: number; issuer: string; issued_on: string; service: { date: string; hours: number }[] }
  const cert = (...args: string[]) => json<Cert>('report', 'certificate', ...args)[0]!;

  test('numbered {issuer}-{year}-{sequence}; the same period reprints the stored number', () => {
    const first = cert('D11-0001');
    expect(first).toMatchObject({ number: 'D11-2026-0001', id_number: '110101********1233', period_from: null, period_to: '2026-11-29', records: 8, hours: 105, issuer: 'D11', issued_on: '2026-11-29' });
    // "all time" asked again on a later day is the same certificate, not a new number
    const later = t.runEnv({ VLEDGER_NOW: '2026-12-02' }, 'report', 'certificate', 'D11-0001', '--format', 'json');
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)[0]).toMatchObject({ number: 'D11-2026-0001', period_to: '2026-11-29', issued_on: '2026-11-29' });
    // the pending record of 2026-04-02 is not certified
    expect(first.service.map((s) => s.date)).not.toContain('2026-04-02');
    const before = counts(t.dbPath);
    const again = t.run('report', 'certificate', 'D11-0001', '--format', 'json');
    expect(JSON.parse(again.stdout)[0].number).toBe('D11-2026-0001');
    expect(again.stderr).toContain('reprinted certificate D11-2026-0001');
    expect(counts(t.dbPath)).toEqual(before);
    expect(cert('D11-0001', '--from', '2025-01-01', '--to', '2025-12-31')).toMatchObject({ number: 'D11-2026-0002', records: 2, hours: 10, period_from: '2025-01-01' });
    expect(cert('D11-0006', '--issuer', 'C01')).toMatchObject({ number: 'C01-2026-0001', issuer: 'C01', hours: 2.33 });
    expect(query(t.dbPath, 'SELECT number, volunteer_no, period_from, period_to, minutes, issuer FROM certificates ORDER BY pk')).toEqual([
      { number: 'D11-2026-0001', volunteer_no: 'D11-0001', period_from: '', period_to: '', minutes: 6300, issuer: 'D11' },
      { number: 'D11-2026-0002', volunteer_no: 'D11-0001', period_from: '2025-01-01', period_to: '2025-12-31', minutes: 600, issuer: 'D11' },
      { number: 'C01-2026-0001', volunteer_no: 'D11-0006', period_from: '', period_to: '', minutes: 140, issuer: 'C01' },
    ]);
    expect(query(t.dbPath, "SELECT count(*) AS n FROM audit WHERE entity = 'certificate'")).toEqual([{ n: 3 }]);
  });

  test('printable md and html; the id number masked unless --unmasked', () => {
    const md = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'certificate', 'D2-0001', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# 志愿服务记录证明');
    expect(md.stdout).toContain('证明编号：D2-2026-0001');
    expect(md.stdout).toContain('兹证明 郑十（志愿者编号：D2-0001，居民身份证号码：110101********0010）于 2025年1月6日 至 2026年11月29日 期间参加志愿服务 10 次，经审核的志愿服务时长累计 30.00 小时');
    expect(md.stdout).toContain('出具单位：第二支部（D2）');
    const html = t.run('report', 'certificate', 'D2-0001', '--format', 'html', '--unmasked');
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain('<div class="certificate">');
    expect(html.stdout).toContain(`resident id ${IDS.zhao}`);
    expect(html.stdout).toContain('Certificate no. D2-2026-0001');
  });

  test('nothing to certify, a reversed period or a future end are refused and write nothing (exit 1); a bad date is exit 2', () => {
    const before = counts(t.dbPath);
    const none = t.run('report', 'certificate', 'D11-0002');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^vledger: D11-0002 has no approved service records up to 2026-11-29; nothing to certify/);
    const reversed = t.run('report', 'certificate', 'D11-0001', '--from', '2025-12-31', '--to', '2025-01-01');
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toMatch(/^vledger: --from: 2025-12-31 is after --to 2025-01-01/);
    const future = t.run('report', 'certificate', 'D11-0001', '--to', '2027-01-01');
    expect(future.code).toBe(1);
    const bad = t.run('report', 'certificate', 'D11-0001', '--from', '2025-02-30');
    expect(bad.code).toBe(2);
    const issuer = t.run('report', 'certificate', 'D11-0001', '--issuer', 'NOPE');
    expect(issuer.code).toBe(1);
    expect(issuer.stderr).toMatch(/^vledger: --issuer: no organisation "NOPE"/);
    expect(counts(t.dbPath)).toEqual(before);
  });

  test('a voided record is not certified; the reprint says the hours changed', () => {
    const [rec] = json<{ id: string }>('list', 'records', '--volunteer', 'D11-0006');
    expect(t.run('log', 'void', rec!.id, '--reason', '录入错误').code).toBe(0);
    const r = t.run('report', 'certificate', 'D11-0006', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ number: 'C01-2026-0001', records: 0, hours: 0 });
    expect(r.stderr).toContain('warning: the period\'s approved hours are now 0, not the 2.33 certified on 2026-11-29');
  });
});
