// `vledger score` through the CLI: every entry of a hand-computed year with its rule (the daily
// cap in start-time order, 9 minutes on 03-05 = 0.23), only approved non-voided records, the
// summary per volunteer, the rules document (refused with its path; a later year's rules leave
// an earlier year alone), star levels, and a seeded property: explain always sums to rank.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliEnv, expectRefused, runCli, runSteps, seedBasic, seedFrom, tempDb } from '../helpers/cli.js';
import { rng } from '../helpers/csv-fuzz.js';
import { runInProcess } from '../helpers/in-process.js';

type Env = ReturnType<typeof cliEnv>;
const ZHANG = 'B11-0001';

/** The ids of the records logged for 张三, by name. */
interface Ids { [name: string]: string }
let ids: Ids = {};

/** seedBasic plus a year of 张三's records of every kind; ids read back from the log output. */
function buildYear(dbPath: string): void {
  seedBasic(dbPath);
  const named: [string, string[]][] = [
    ['special', ['service', '--date', '2026-03-05', '--start', '09:00', '--end', '09:09', '--activity', 'A0001', '--evaluation', 'satisfied']],
    ['late', ['service', '--date', '2026-04-01', '--start', '13:00', '--end', '19:00', '--role', 'leader']],
    ['early', ['service', '--date', '2026-04-01', '--start', '08:00', '--end', '12:00']],
    ['untimed', ['service', '--date', '2026-04-01', '--hours', '1']],
    ['training', ['training', '--date', '2026-05-01', '--hours', '3', '--topic', '培训']],
    ['commendation', ['commendation', '--date', '2026-05-04', '--title', '优秀志愿者', '--level', 'city']],
    ['upheld', ['complaint', '--date', '2026-06-01', '--description', '迟到', '--upheld']],
    ['not_upheld', ['complaint', '--date', '2026-06-02', '--description', '误会']],
    ['no_show', ['no-show', '--date', '2026-06-03']],
    ['adjustment', ['adjust', '--date', '2026-06-04', '--points', '2.5', '--reason', '补录积分']],
    ['pending', ['service', '--date', '2026-07-01', '--hours', '2', '--pending']],
    ['rejected', ['service', '--date', '2026-07-02', '--hours', '2', '--pending']],
    ['voided', ['service', '--date', '2026-07-03', '--hours', '2']],
    ['last_year', ['service', '--date', '2025-12-31', '--hours', '1']],
  ];
  const out = runSteps(dbPath, named.map(([, [kind, ...rest]]) => ['log', kind!, '--volunteer', ZHANG, ...rest!]));
  ids = Object.fromEntries(named.map(([name], i) => [name, out[i]!.stdout.trim()]));
  runSteps(dbPath, [
    ['log', 'reject', ids.rejected!, '--reason', '无签到表'],
    ['log', 'void', ids.voided!, '--reason', '日期错误'],
    // 李四: one record, so that rankings have two people
    ['log', 'service', '--volunteer', 'B11-0002', '--date', '2026-04-01', '--hours', '3', '--evaluation', 'dissatisfied'],
  ]);
}

/** A fresh copy of the year (built once per file; `ids` is filled by that one build). */
function yearEnv(): Env {
  const t = cliEnv('vledger-score-');
  seedFrom(t.dbPath, 'score-year', buildYear);
  return t;
}

interface Entry { date: string; kind: string; ref: string; rule: string; minutes: number; points: number }

describe('score explain', () => {
  let t: Env;
  beforeAll(() => { t = yearEnv(); });
  afterAll(() => t.cleanup());

  test('every entry with its rule: the cap by start time, untimed last, 0.225 → 0.23, one entry per rule', () => {
    const r = t.run('score', 'explain', ZHANG, '--year', '2026', '--format', 'csv', '--no-bom');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${ZHANG} 张三 2026: 17.23 points from 11 entries\n`);
    expect(r.stdout).toBe([
      'date,kind,ref,rule,minutes,points',
      `2026-03-05,service,${ids.special},0.15 h × 1 × 1.5 (special day),9,0.23`,
      `2026-03-05,evaluation,${ids.special},evaluation satisfied +1,0,1.00`,
      `2026-04-01,service,${ids.early},4 h × 1,240,4.00`,
      `2026-04-01,service,${ids.late},capped: 240 of 360 minutes credited; 4 h × 1,240,4.00`,
      `2026-04-01,leader,${ids.late},leader bonus +2,0,2.00`,
      `2026-04-01,service,${ids.untimed},capped: 0 of 60 minutes credited; 0 h × 1,0,0.00`,
      `2026-05-01,training,${ids.training},3 h training × 0.5,180,1.50`,
      `2026-05-04,commendation,${ids.commendation},commendation city +10,0,10.00`,
      `2026-06-01,complaint,${ids.upheld},upheld complaint -5,0,-5.00`,
      `2026-06-03,no-show,${ids.no_show},no-show -3,0,-3.00`,
      `2026-06-04,adjustment,${ids.adjustment},adjustment +2.5,0,2.50`,
      '',
    ].join('\r\n'));
  });

  test('pending, rejected and voided records, a complaint not upheld and last year\'s record make no entry', () => {
    const r = t.run('score', 'explain', ZHANG, '--year', '2026', '--format', 'json');
    const refs = new Set((JSON.parse(r.stdout) as Entry[]).map((e) => e.ref));
    for (const name of ['pending', 'rejected', 'voided', 'not_upheld', 'last_year']) expect(refs.has(ids[name]!), name).toBe(false);
    const last = t.run('score', 'explain', '张三', '--year', '2025', '--format', 'json');
    expect(JSON.parse(last.stdout)).toEqual([
      { date: '2025-12-31', kind: 'service', ref: ids.last_year, rule: '1 h × 1', minutes: 60, points: 1 },
    ]);
  });

  test('a table ends with the total as a last row, and says nothing on stderr', () => {
    const r = t.run('score', 'explain', ZHANG, '--year', '2026', '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^│ total\s+│\s+│\s+│ 11 entries\s+│\s+│ 17\.23\s+│$/);
  });

  test('a volunteer without entries has an empty list; an unknown one is refused', () => {
    const r = t.run('score', 'explain', 'B11-0003', '--year', '2026', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toBe('B11-0003 王五 2026: 0.00 points from 0 entries\n');
    expectRefused(t.dbPath, ['score', 'explain', 'B99-0001', '--year', '2026'], 1, 'no volunteer "B99-0001"');
  });
});

describe('score --year (summary)', () => {
  let t: Env;
  beforeAll(() => { t = yearEnv(); });
  afterAll(() => t.cleanup());

  test('each volunteer with an entry: totals, and points by kind that add up to them', () => {
    const r = t.run('score', '--year', '2026', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        volunteer_no: ZHANG, name: '张三', org: 'B11', points: 17.23, hours: 11.15, records: 4, satisfaction: 1,
        service: 8.23, leader: 2, evaluation: 1, training: 1.5, commendation: 10, no_show: -3, complaint: -5, adjustment: 2.5,
      },
      {
        volunteer_no: 'B11-0002', name: '李四', org: 'B11', points: 1, hours: 3, records: 1, satisfaction: 0,
        service: 3, leader: 0, evaluation: -2, training: 0, commendation: 0, no_show: 0, complaint: 0, adjustment: 0,
      },
    ]);
    const b12 = t.run('score', '--year', '2026', '--org', 'B12', '--format', 'json');
    expect(JSON.parse(b12.stdout)).toEqual([]);
  });

  test('approving the pending record brings it in', () => {
    runSteps(t.dbPath, [['log', 'approve', ids.pending!]]);
    const r = t.run('score', '--year', '2026', '--format', 'json');
    expect((JSON.parse(r.stdout) as { points: number }[])[0]!.points).toBe(19.23);
  });
});

describe('score rules', () => {
  let t: Env;
  beforeAll(() => { t = yearEnv(); });
  afterAll(() => t.cleanup());

  const rankJson = (year = '2026') => t.run('rank', '--year', year, '--format', 'json').stdout;

  test('prints the defaults of SPEC 4 when nothing is stored', () => {
    const r = t.run('score', 'rules');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(rules).toMatchObject({ points_per_hour: 1, max_hours_per_day: 8, special_days: { dates: ['03-05', '12-05'], multiplier: 1.5 }, stars: [100, 300, 600, 1000, 1500] });
    expect(rules.awards.excellent_team.quota).toBe(3);
  });

  test('a wrong key or value is refused with its path, exit 1, nothing stored', () => {
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ awards: { excellent_team: { quot: 3 } } }));
    expectRefused(t.dbPath, ['score', 'rules', '--set', bad], 1, `${bad}: awards.excellent_team.quot: unknown key`);
    writeFileSync(bad, JSON.stringify({ awards: { excellent_team: { quota: 2.5 } } }));
    expectRefused(t.dbPath, ['score', 'rules', '--set', bad], 1, `${bad}: awards.excellent_team.quota: expected a whole number`);
    writeFileSync(bad, '{"points_per_hour": 1,}');
    expectRefused(t.dbPath, ['score', 'rules', '--set', bad], 1, `${bad}: not valid JSON`);
    expectRefused(t.dbPath, ['score', 'rules', '--from-year', '2027'], 2, '--from-year: only with --set');
  });

  test('rules stored from 2027 leave 2026 alone and score 2027', () => {
    const before = rankJson();
    const file = join(t.dir, 'rules-2027.json');
    writeFileSync(file, JSON.stringify({ points_per_hour: 2 }));
    const set = t.run('score', 'rules', '--set', file, '--from-year', '2027');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('');
    expect(set.stderr).toContain('in force from 2027');
    expect(rankJson()).toBe(before);
    expect(JSON.parse(t.run('score', 'rules', '--year', '2026').stdout).points_per_hour).toBe(1);
    expect(JSON.parse(t.run('score', 'rules', '--year', '2028').stdout).points_per_hour).toBe(2);
    const next = runCli(t.dbPath, ['log', 'service', '--volunteer', ZHANG, '--date', '2027-03-01', '--hours', '2'], { VLEDGER_NOW: '2027-03-02' });
    expect(next.code).toBe(0);
    const entries = JSON.parse(t.run('score', 'explain', ZHANG, '--year', '2027', '--format', 'json').stdout) as Entry[];
    expect(entries.map((e) => [e.rule, e.points])).toEqual([['2 h × 2', 4]]);
  });

  test('without --from-year the rules apply from the current year on', () => {
    const file = join(t.dir, 'rules-now.json');
    writeFileSync(file, JSON.stringify({ special_days: { dates: [], multiplier: 1 }, max_hours_per_day: 24 }));
    expect(t.run('score', 'rules', '--set', file).code).toBe(0);
    const rows = JSON.parse(rankJson()) as { volunteer_no: string; points: number }[];
    // 669 minutes uncapped and no special day: 11.15 + 1 + 2 + 1.5 + 10 - 5 - 3 + 2.5
    expect(rows.find((r) => r.volunteer_no === ZHANG)!.points).toBe(20.15);
  });
});

describe('show volunteer: star level', () => {
  test('counts all-time approved hours against the stars of the rules in force', () => {
    const t = yearEnv();
    try {
      const show = () => (JSON.parse(t.run('show', 'volunteer', ZHANG, '--format', 'json').stdout) as { star_level: number }[])[0]!.star_level;
      expect(show()).toBe(0);
      const file = join(t.dir, 'stars.json');
      // 张三 has 11.15 h in 2026 and 1 h in 2025: 12.15 h
      writeFileSync(file, JSON.stringify({ stars: [1, 5, 12, 12.25, 20] }));
      expect(t.run('score', 'rules', '--set', file, '--from-year', '2026').code).toBe(0);
      expect(show()).toBe(3);
    } finally {
      t.cleanup();
    }
  });
});

// A seeded generator of small random years written straight into the database: for every
// volunteer, the entries `score explain` lists add up to the points `rank` shows.
describe('property: explain sums to rank', () => {
  let db: ReturnType<typeof tempDb>;
  beforeAll(() => { db = tempDb('vledger-score-prop-'); });
  afterAll(() => db.cleanup());

  function fill(seed: number): string[] {
    const rand = rng(seed);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
    const h = new Database(db.dbPath);
    const now = '2026-11-29T00:00:00Z';
    const volunteers: string[] = [];
    h.transaction(() => {
      h.prepare("INSERT INTO orgs (id, code, name, parent, kind, created_at) VALUES (?, 'G01', '工委', NULL, 'committee', ?)").run(randomUUID(), now);
      h.prepare("INSERT INTO orgs (id, code, name, parent, kind, created_at) VALUES (?, 'B11', '支部', 'G01', 'branch', ?)").run(randomUUID(), now);
      const vol = h.prepare(`INSERT INTO volunteers (id, volunteer_no, name, political_status, org, created_at) VALUES (?, ?, ?, 'party_member', 'B11', ?)`);
      const rec = h.prepare(`INSERT INTO records (id, kind, volunteer_no, date, start, minutes, role, evaluation, status, level, upheld, points,
        recorded_by, recorded_at, voided_at) VALUES (@id, @kind, @no, @date, @start, @minutes, @role, @evaluation, @status, @level, @upheld, @points, 'prop', @now, @voided)`);
      for (let i = 1; i <= 20; i++) {
        const no = `B11-${String(i).padStart(4, '0')}`;
        volunteers.push(no);
        vol.run(randomUUID(), no, `志愿者${i}`, now);
        const n = Math.floor(rand() * 12);
        for (let k = 0; k < n; k++) {
          const kind = pick(['service', 'service', 'service', 'service', 'training', 'commendation', 'complaint', 'no_show', 'adjustment'] as const);
          const service = kind === 'service';
          rec.run({
            id: randomUUID(), kind, no, now,
            date: pick(['2026-03-05', '2026-03-05', '2026-04-01', '2026-04-01', '2026-12-05', '2026-01-01', '2026-12-31', '2025-12-31', '2027-01-01']),
            start: service ? pick([null, null, '08:00', '08:00', '09:30', '13:00']) : null,
            minutes: service || kind === 'training' ? 1 + Math.floor(rand() * 400) : null,
            role: service ? pick(['participant', 'participant', 'leader']) : null,
            evaluation: service ? pick([null, 'satisfied', 'fairly_satisfied', 'basically_satisfied', 'dissatisfied']) : null,
            status: pick(['approved', 'approved', 'approved', 'approved', 'pending', 'rejected']),
            level: kind === 'commendation' ? pick(['county', 'city', 'province', 'national']) : null,
            upheld: kind === 'complaint' ? pick([0, 1]) : null,
            points: kind === 'adjustment' ? Math.floor(rand() * 2001) - 1000 : null,
            voided: rand() < 0.1 ? now : null,
          });
        }
      }
    })();
    h.close();
    return volunteers;
  }

  const cents = (x: number) => Math.round(x * 100);

  async function cli(...args: string[]) {
    const r = await runInProcess(db.dbPath, args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  }

  async function checkYear(volunteers: string[]) {
    const ranked = JSON.parse(await cli('rank', '--year', '2026', '--all', '--format', 'json')) as { volunteer_no: string; points: number }[];
    expect(ranked.map((r) => r.volunteer_no).sort()).toEqual(volunteers);
    const rules: string[] = [];
    const summary = new Map((JSON.parse(await cli('score', '--year', '2026', '--format', 'json')) as Record<string, number | string>[]).map((s) => [s.volunteer_no, s]));
    for (const r of ranked) {
      const entries = JSON.parse(await cli('score', 'explain', r.volunteer_no, '--year', '2026', '--format', 'json')) as Entry[];
      rules.push(...entries.map((e) => e.rule));
      const sum = entries.reduce((s, e) => s + cents(e.points), 0);
      expect(sum, r.volunteer_no).toBe(cents(r.points));
      const s = summary.get(r.volunteer_no);
      if (entries.length === 0) { expect(s).toBeUndefined(); continue; }
      const byKind = ['service', 'leader', 'evaluation', 'training', 'commendation', 'no_show', 'complaint', 'adjustment']
        .reduce((t, k) => t + cents(s![k] as number), 0);
      expect(byKind, r.volunteer_no).toBe(cents(r.points));
      expect(cents(s!.points as number)).toBe(cents(r.points));
    }
    // the generated year is not vacuous: capped days and special days both occur
    expect(rules.length).toBeGreaterThan(50);
    expect(rules.some((r) => r.startsWith('capped:'))).toBe(true);
    expect(rules.some((r) => r.includes('(special day)'))).toBe(true);
  }

  test('default rules, then rules whose numbers round at every step', async () => {
    await cli('list', 'orgs'); // creates and migrates the database
    const volunteers = fill(20261129);
    await checkYear(volunteers);
    const rules = join(db.dir, 'odd.json');
    writeFileSync(rules, JSON.stringify({
      points_per_hour: 1.37, max_hours_per_day: 7.25, special_days: { dates: ['03-05', '04-01'], multiplier: 1.33 },
      training_points_per_hour: 0.33, leader_bonus: 1.11, evaluation: { satisfied: 0.75, fairly_satisfied: 0.01, basically_satisfied: -0.01, dissatisfied: -2.5 },
    }));
    await cli('score', 'rules', '--set', rules, '--from-year', '2026');
    await checkYear(volunteers);
  });
});
