// `vledger rank` through the CLI on a hand-made year: ties share a rank (1, 2, 2, 4), no
// satisfaction sorts last, --org renumbers within the subtree, --top keeps a tie whole, the
// org in force on 31 December is shown, and the team and org shapes in json and csv.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliEnv, runSteps } from '../helpers/cli.js';
import { loadDataSet, type Row } from './report-fixtures.js';

type Env = ReturnType<typeof cliEnv>;
let t: Env;

const v = (volunteer_no: string, political_status: string): Row => ({
  volunteer_no, name: `志愿者${volunteer_no}`, political_status, org: volunteer_no.slice(0, 3), registered_on: '2026-01-01',
});

beforeAll(() => {
  t = cliEnv('vledger-rank-');
  loadDataSet(t.dbPath, t.dir, {
    orgs: [
      { code: 'G01', name: '市直机关工委', kind: 'committee' },
      { code: 'Z1', name: '财政局党总支', parent: 'G01', kind: 'general_branch' },
      { code: 'B11', name: '第一党支部', parent: 'Z1', kind: 'branch' },
      { code: 'B12', name: '第二党支部', parent: 'Z1', kind: 'branch' },
      { code: 'B21', name: '教育局党支部', parent: 'G01', kind: 'branch' },
    ],
    volunteers: [
      v('B11-0001', 'party_member'), v('B11-0002', 'probationary'), v('B11-0003', 'party_member'), v('B11-0004', 'party_member'),
      v('B12-0001', 'masses'), v('B12-0002', 'party_member'), v('B21-0001', 'league_member'),
    ],
    teams: [
      { code: 'T01', name: '先锋队', org: 'B11' }, { code: 'T02', name: '二支部服务队', org: 'B12' }, { code: 'T03', name: '空队', org: 'B21' },
    ],
    members: [{ team: 'T01', volunteer_no: 'B11-0001', joined_on: '2026-01-01' }],
    activities: [
      { code: 'A1', title: '社区服务', org: 'B11', team: 'T01', date: '2026-03-01' },
      { code: 'A2', title: '敬老服务', org: 'B11', team: 'T01', date: '2026-04-01' },
      { code: 'A3', title: '文明交通', org: 'B12', team: 'T02', date: '2026-04-02' },
    ],
    service: [
      // 6.00 = 5 h + satisfied 1, on a team activity
      { volunteer_no: 'B11-0001', activity: 'A1', date: '2026-03-01', hours: 5, evaluation: 'satisfied' },
      // 12.00 over two days, half of it on a team activity: rank 1
      { volunteer_no: 'B11-0002', activity: 'A2', date: '2026-04-01', hours: 6 },
      { volunteer_no: 'B11-0002', date: '2026-04-09', hours: 6 },
      // 6.00 with 5 h and no evaluation (an adjustment adds 1): after the rated ones
      { volunteer_no: 'B11-0003', date: '2026-05-01', hours: 5 },
      // equal to B11-0001 on all three keys: shares rank 2
      { volunteer_no: 'B12-0001', activity: 'A3', date: '2026-04-02', hours: 5, evaluation: 'satisfied' },
      // 6.00 = 5 h − 2 (dissatisfied) + 3: a rate of 0 still beats no rate
      { volunteer_no: 'B12-0002', date: '2026-05-02', hours: 5, evaluation: 'dissatisfied' },
      // 6.00 with only 4 h (+2): last
      { volunteer_no: 'B21-0001', date: '2026-05-03', hours: 4 },
      // not approved, never counted
      { volunteer_no: 'B11-0004', date: '2026-05-03', hours: 9, status: 'pending' },
    ],
    // a no-show on a team activity does not count against the team
    'no-shows': [{ volunteer_no: 'B11-0003', date: '2026-03-01', activity: 'A1' }],
  });
  runSteps(t.dbPath, [
    ['log', 'adjust', '--volunteer', 'B11-0003', '--date', '2026-05-01', '--points', '4', '--reason', '补发 (and the no-show -3)'],
    ['log', 'adjust', '--volunteer', 'B12-0002', '--date', '2026-05-02', '--points', '3', '--reason', '补发'],
    ['log', 'adjust', '--volunteer', 'B21-0001', '--date', '2026-05-03', '--points', '2', '--reason', '补发'],
    // transferred in the year: the 2026 lists show B21 (the org in force on 31 December)
    ['update', 'volunteer', 'B11-0003', '--org', 'B21', '--effective', '2026-06-01'],
  ]);
});

afterAll(() => t.cleanup());

interface VolunteerRank { rank: number; volunteer_no: string; name: string; org: string; political_status: string; points: number; hours: number; records: number; satisfaction: number | null }

function json<T>(...args: string[]): T[] {
  const r = t.run('rank', '--year', '2026', '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T[];
}

const order = (rows: VolunteerRank[]) => rows.map((r) => `${r.rank} ${r.volunteer_no}`);

describe('rank --by volunteer', () => {
  test('ties share a rank (1, 2, 2, 4), listed by volunteer_no; a rate beats none; fewer hours rank lower', () => {
    const rows = json<VolunteerRank>();
    expect(order(rows)).toEqual(['1 B11-0002', '2 B11-0001', '2 B12-0001', '4 B12-0002', '5 B11-0003', '6 B21-0001']);
    expect(rows[1]).toEqual({
      rank: 2, volunteer_no: 'B11-0001', name: '志愿者B11-0001', org: 'B11', political_status: 'party_member',
      points: 6, hours: 5, records: 1, satisfaction: 1,
    });
    expect(rows.map((r) => r.satisfaction)).toEqual([null, 1, 1, 0, null, null]);
    expect(rows.every((r) => r.points === (r.volunteer_no === 'B11-0002' ? 12 : 6))).toBe(true);
  });

  test('the org shown is the one in force on 31 December; without entries only with --all', () => {
    const rows = json<VolunteerRank>();
    expect(rows.find((r) => r.volunteer_no === 'B11-0003')!.org).toBe('B21');
    expect(rows.some((r) => r.volunteer_no === 'B11-0004')).toBe(false);
    const all = json<VolunteerRank>('--all');
    expect(all.at(-1)).toMatchObject({ rank: 7, volunteer_no: 'B11-0004', points: 0, hours: 0, records: 0, satisfaction: null });
  });

  test('--org limits to the subtree and renumbers', () => {
    expect(order(json<VolunteerRank>('--org', 'B12'))).toEqual(['1 B12-0001', '2 B12-0002']);
    expect(order(json<VolunteerRank>('--org', 'B21'))).toEqual(['1 B11-0003', '2 B21-0001']);
    expect(order(json<VolunteerRank>('--org', 'Z1'))).toEqual(['1 B11-0002', '2 B11-0001', '2 B12-0001', '4 B12-0002']);
  });

  test('--top N keeps rank ≤ N, a tie at N whole', () => {
    expect(order(json<VolunteerRank>('--top', '2'))).toEqual(['1 B11-0002', '2 B11-0001', '2 B12-0001']);
    expect(order(json<VolunteerRank>('--top', '1'))).toEqual(['1 B11-0002']);
  });

  test('csv: the SPEC 7 columns in order, points with two decimals, no rate as an empty cell', () => {
    const r = t.run('rank', '--year', '2026', '--format', 'csv', '--top', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('\uFEFFrank,volunteer_no,name,org,political_status,points,hours,records,satisfaction\r\n'
      + '1,B11-0002,志愿者B11-0002,B11,probationary,12.00,12,2,\r\n'
      + '2,B11-0001,志愿者B11-0001,B11,party_member,6.00,5,1,1\r\n'
      + '2,B12-0001,志愿者B12-0001,B12,masses,6.00,5,1,1\r\n');
  });

  test('a year without records lists nobody', () => {
    expect(json<VolunteerRank>('--year', '2025')).toEqual([]);
  });
});

describe('rank --by team and --by org', () => {
  test('teams: points and hours of the records on their activities (no-shows left out), activities in the year', () => {
    const rows = json<Record<string, unknown>>('--by', 'team');
    expect(rows).toEqual([
      { rank: 1, team: 'T01', name: '先锋队', org: 'B11', points: 12, hours: 11, activities: 2, satisfaction: 1 },
      { rank: 2, team: 'T02', name: '二支部服务队', org: 'B12', points: 6, hours: 5, activities: 1, satisfaction: 1 },
      { rank: 3, team: 'T03', name: '空队', org: 'B21', points: 0, hours: 0, activities: 0, satisfaction: null },
    ]);
    expect(json<Record<string, unknown>>('--by', 'team', '--org', 'B12').map((r) => `${r.rank} ${r.team}`)).toEqual(['1 T02']);
  });

  test('teams in csv', () => {
    const r = t.run('rank', '--year', '2026', '--by', 'team', '--format', 'csv', '--no-bom');
    expect(r.stdout).toBe('rank,team,name,org,points,hours,activities,satisfaction\r\n'
      + '1,T01,先锋队,B11,12.00,11,2,1\r\n2,T02,二支部服务队,B12,6.00,5,1,1\r\n3,T03,空队,B21,0.00,0,0,\r\n');
  });

  test('orgs: the children of the top level, each with its subtree; party members and participants as in the assessment', () => {
    // Z1: B11-0001 (6), B11-0002 (12), B12-0001 (6), B12-0002 (6); B21: B21-0001 (6), B11-0003 (6, transferred)
    expect(json<Record<string, unknown>>('--by', 'org')).toEqual([
      { rank: 1, org: 'Z1', name: '财政局党总支', party_members: 4, participants: 3, points: 30, hours: 27 },
      { rank: 2, org: 'B21', name: '教育局党支部', party_members: 1, participants: 1, points: 12, hours: 9 },
    ]);
  });

  test('orgs under --org, in csv', () => {
    const r = t.run('rank', '--year', '2026', '--by', 'org', '--org', 'Z1', '--format', 'csv', '--no-bom');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('rank,org,name,party_members,participants,points,hours\r\n'
      + '1,B11,第一党支部,3,2,18.00,17\r\n2,B12,第二党支部,1,1,12.00,10\r\n');
  });
});

describe('rank refuses', () => {
  test('an unknown --org (exit 1), a bad --by or --top (exit 2), --all with --by team (exit 2)', () => {
    const org = t.run('rank', '--year', '2026', '--org', 'NOPE');
    expect(org.code).toBe(1);
    expect(org.stderr).toMatch(/^vledger: --org: no organisation "NOPE"/);
    expect(t.run('rank', '--by', 'branch').code).toBe(2);
    expect(t.run('rank', '--top', '0').code).toBe(2);
    const all = t.run('rank', '--by', 'team', '--all');
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('--all: only with --by volunteer');
  });
});
