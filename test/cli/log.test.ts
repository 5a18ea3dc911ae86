// `vledger log …` end to end: every kind logged by hand, the service-record rules (hours, times,
// days, activities, references), and moving records forward: void, approve, reject.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cliEnv, expectRefused, IDS, query, runSteps, seedBasic, seedFrom } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv();
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const record = (id: string) => query(t.dbPath, 'SELECT * FROM records WHERE id = ?', id)[0]!;
/** Logs a service and returns its id (printed on stdout). */
function service(...args: string[]): string {
  const r = t.run('log', 'service', ...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}
// fixed ids: ID1 and ID2 share the prefix 01900000 so that it is ambiguous on purpose
const ID1 = '01900000-0000-7000-8000-000000000001';
const ID2 = '01900000-0000-7000-8000-000000000002';
const ID3 = '01900001-0000-7000-8000-000000000003';

describe('log service', () => {
  test('prints the new record id; stores minutes, defaults and who recorded it', () => {
    const r = t.run('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2.5', '--activity', 'A0001');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const id = r.stdout.trim();
    expect(id).toMatch(UUID);
    expect(r.stderr).toBe(`logged service ${id} for B11-0001 on 2026-03-05\n`);
    expect(record(id)).toMatchObject({
      kind: 'service', volunteer_no: 'B11-0001', activity: 'A0001', date: '2026-03-05', minutes: 150, role: 'participant',
      status: 'approved', entry: 'normal', recorded_by: 'tester', voided_at: null,
    });
  });

  test('start/end times, Chinese values and date spellings; --pending and --back-entry', () => {
    const id = service('--volunteer', 'B11-0002', '--date', '2026年3月6日', '--start', '9:00', '--end', '11:31', '--hours', '2.5',
      '--role', '负责人', '--evaluation', '满意', '--pending', '--back-entry', '--note', '补登');
    expect(record(id)).toMatchObject({ date: '2026-03-06', start: '09:00', end: '11:31', minutes: 151, role: 'leader', evaluation: 'satisfied', status: 'pending', entry: 'back_entry', note: '补登' });
    expect(record(service('--volunteer', 'B11-0002', '--date', '2026/3/7', '--start', '08:00:00', '--end', '09:15:00'))).toMatchObject({ date: '2026-03-07', minutes: 75 });
    expect(record(service('--volunteer', 'B11-0002', '--date', '2026.3.8', '--hours', '1'))).toMatchObject({ date: '2026-03-08' });
  });

  test('the volunteer may be named by id number or a unique name', () => {
    expect(record(service('--volunteer', IDS.li, '--date', '2026-04-01', '--hours', '1')).volunteer_no).toBe('B11-0002');
    expect(record(service('--volunteer', '赵六', '--date', '2026-04-01', '--hours', '1')).volunteer_no).toBe('B12-0001');
  });

  test('an ambiguous name is refused, listing the candidates; a non-UUID --id is a usage error', () => {
    expect(t.run('register', 'volunteer', '--name', '张三', '--org', 'B12', '--political-status', 'masses').stdout).toBe('B12-0002\n');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', '张三', '--date', '2026-04-01', '--hours', '1'], 1,
      'vledger: --volunteer: the name "张三" is ambiguous: B11-0001 (B11), B12-0002 (B12); give the volunteer number or id number');
    expectRefused(t.dbPath, ['log', 'service', '--id', 'r1', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--hours', '1'], 2, /"r1" is not a UUID/);
  });

  test('hours: more than 0, at most 24; times agree with hours within a minute; end after start', () => {
    const base = ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05'];
    expectRefused(t.dbPath, [...base, '--hours', '24.5'], 1, 'vledger: --hours: "24.5" is more than 24 hours in one record; split it across days');
    expectRefused(t.dbPath, [...base, '--start', '09:00', '--end', '11:32', '--hours', '2.5'], 1, /^vledger: --hours: hours 2\.5 do not agree with 09:00–11:32/);
    expectRefused(t.dbPath, [...base, '--start', '11:00', '--end', '09:00'], 1, 'vledger: --end: end 09:00 is not after start 11:00; an overnight service is two records');
    // which flags are given is command-line syntax (exit 2); what they say is data (exit 1)
    expectRefused(t.dbPath, [...base], 2, 'vledger: give --hours, or --start and --end');
    expectRefused(t.dbPath, [...base, '--start', '09:00'], 2, 'vledger: --start and --end go together; give both, or --hours alone');
    expectRefused(t.dbPath, [...base, '--start', '25:00', '--end', '26:00'], 2, /argument '25:00' is invalid/);
    expectRefused(t.dbPath, [...base, '--hours', 'two'], 2, /argument 'two' is invalid/);
  });

  test('24 hours per volunteer-day across records, counting pending ones', () => {
    service('--volunteer', 'B11-0001', '--date', '2026-06-01', '--hours', '20', '--pending');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-06-01', '--hours', '4.5'], 1,
      "vledger: --hours: B11-0001 would have 24.50 hours on 2026-06-01, more than 24; check the hours of that day's records");
    service('--volunteer', 'B11-0001', '--date', '2026-06-01', '--hours', '4');
    // another volunteer, another day: unaffected
    service('--volunteer', 'B11-0002', '--date', '2026-06-01', '--hours', '4.5');
    service('--volunteer', 'B11-0001', '--date', '2026-06-02', '--hours', '4.5');
  });

  test('a voided record frees its hours of the day', () => {
    const id = service('--volunteer', 'B11-0001', '--date', '2026-06-01', '--hours', '24');
    expect(t.run('log', 'void', id, '--reason', 'wrong volunteer').code).toBe(0);
    service('--volunteer', 'B11-0001', '--date', '2026-06-01', '--hours', '3');
  });

  test('no future dates; unreal dates are a usage error', () => {
    expect(record(service('--volunteer', 'B11-0001', '--date', '2026-11-29', '--hours', '1')).date).toBe('2026-11-29');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-11-30', '--hours', '1'], 1,
      'vledger: --date: 2026-11-30 is in the future (today is 2026-11-29); service is logged after it happens');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-02-29', '--hours', '1'], 2, /"2026-02-29" is not a real calendar date/);
  });

  test('references must exist: volunteer, activity; the date must fall within the activity', () => {
    const base = ['log', 'service', '--date', '2026-03-05', '--hours', '1'];
    expectRefused(t.dbPath, [...base, '--volunteer', 'B11-0099'], 1, 'vledger: --volunteer: no volunteer "B11-0099"; check the volunteer number (vledger list volunteers)');
    expectRefused(t.dbPath, [...base, '--volunteer', 'B11-0001', '--activity', 'A0099'], 1, /^vledger: --activity: no activity "A0099"; register it first/);
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-06', '--hours', '1', '--activity', 'A0001'], 1,
      'vledger: --date: 2026-03-06 is outside activity A0001 (2026-03-05); correct the date or the activity');
    expect(t.run('register', 'activity', '--code', 'A0002', '--title', '敬老', '--org', 'B11', '--date', '2026-05-01', '--end-date', '2026-05-03').code).toBe(0);
    expect(record(service('--volunteer', 'B11-0001', '--date', '2026-05-03', '--hours', '1', '--activity', 'A0002')).activity).toBe('A0002');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-05-04', '--hours', '1', '--activity', 'A0002'], 1,
      'is outside activity A0002 (2026-05-01..2026-05-03)');
  });

  test('the same record logged twice is refused, naming the stored one', () => {
    const id = service('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2', '--activity', 'A0001');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2', '--activity', 'A0001'], 1,
      `vledger: this record is already stored as ${id}; nothing logged`);
  });

  test('a ref is unique', () => {
    service('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2', '--ref', 'SHEET-17');
    expectRefused(t.dbPath, ['log', 'service', '--volunteer', 'B11-0002', '--date', '2026-03-05', '--hours', '2', '--ref', 'SHEET-17'], 1, /--ref: ref SHEET-17 is already stored as record/);
  });
});

describe('the other kinds', () => {
  test('training, commendation, complaint, no-show and adjustment each print their id', () => {
    const cases: [string[], Record<string, unknown>][] = [
      [['training', '--hours', '3', '--topic', '志愿服务培训', '--organiser', '工委'], { kind: 'training', minutes: 180, topic: '志愿服务培训', organiser: '工委' }],
      [['commendation', '--title', '优秀志愿者', '--level', '市级', '--issuer', '市文明办'], { kind: 'commendation', title: '优秀志愿者', level: 'city', issuer: '市文明办' }],
      [['complaint', '--description', '迟到', '--upheld'], { kind: 'complaint', description: '迟到', upheld: 1 }],
      [['complaint', '--description', '误会'], { kind: 'complaint', upheld: 0 }],
      [['no-show', '--activity', 'A0001'], { kind: 'no_show', activity: 'A0001', minutes: null }],
      [['adjust', '--points', '-2.5', '--reason', '迟到'], { kind: 'adjustment', points: -250, reason: '迟到' }],
    ];
    for (const [args, stored] of cases) {
      const date = args[0] === 'no-show' ? '2026-03-05' : '2026-04-01';
      const r = t.run('log', args[0]!, '--volunteer', 'B11-0001', '--date', date, ...args.slice(1));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toMatch(UUID);
      expect(record(r.stdout.trim())).toMatchObject({ volunteer_no: 'B11-0001', date, ...stored });
    }
  });

  test('their own rules: training hours, a commendation level, adjustment points', () => {
    expectRefused(t.dbPath, ['log', 'training', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--hours', '25'], 1, /^vledger: --hours: "25" is more than 24 hours/);
    expectRefused(t.dbPath, ['log', 'commendation', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--title', 't', '--level', 'town'], 2, /"town" is not one of county \(县级\)/);
    expectRefused(t.dbPath, ['log', 'adjust', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--points', '0', '--reason', 'x'], 1, 'vledger: --points: an adjustment of 0 points changes nothing');
    expectRefused(t.dbPath, ['log', 'adjust', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--points', '1.234', '--reason', 'x'], 1, /--points: "1\.234" is not a number of points with at most 2 decimals/);
    expectRefused(t.dbPath, ['log', 'adjust', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--points', '1'], 2, /required option '--reason <text>' not specified/);
    expectRefused(t.dbPath, ['log', 'no-show', '--volunteer', 'B11-0001', '--date', '2026-04-01', '--activity', 'A0001'], 1, /--date: 2026-04-01 is outside activity A0001/);
  });
});

describe('void', () => {
  test('voids with a reason: hidden from list records, shown by --all with status voided and the reason', () => {
    const keep = service('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2');
    const gone = service('--volunteer', 'B11-0002', '--date', '2026-03-05', '--hours', '3');
    const r = t.run('log', 'void', gone, '--reason', '日期错误');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'voided 1 record(s)\n' });
    expect(record(gone)).toMatchObject({ void_reason: '日期错误', voided_by: 'tester', status: 'approved' });
    expect(record(gone).voided_at).toBeTruthy();

    const listed = JSON.parse(t.run('list', 'records', '--format', 'json').stdout) as Record<string, unknown>[];
    expect(listed.map((x) => x.id)).toEqual([keep]);
    expect(Object.keys(listed[0]!)).toEqual(['id', 'ref', 'volunteer_no', 'activity', 'date', 'start', 'end', 'hours', 'category', 'role', 'evaluation', 'status', 'entry', 'note']);
    const all = JSON.parse(t.run('list', 'records', '--all', '--format', 'json').stdout) as Record<string, unknown>[];
    expect(all.map((x) => [x.id, x.status, x.void_reason])).toEqual([[keep, 'approved', null], [gone, 'voided', '日期错误']]);
  });

  test('already voided, unknown id, no reason: refused and nothing changes', () => {
    const id = service('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2');
    expect(t.run('log', 'void', id, '--reason', 'first').code).toBe(0);
    expectRefused(t.dbPath, ['log', 'void', id, '--reason', 'again'], 1, `vledger: record ${id} is already voided (first); nothing voided`);
    expectRefused(t.dbPath, ['log', 'void', '01234567-89ab', '--reason', 'x'], 1, 'vledger: no record with id 01234567-89ab; check it with vledger list records --all');
    expectRefused(t.dbPath, ['log', 'void', id], 2, /required option '--reason <text>' not specified/);
    expectRefused(t.dbPath, ['log', 'void', id, '--reason', '  '], 1, 'vledger: --reason: a reason is required to void a record');
  });

  test('several ids are all-or-nothing', () => {
    const a = service('--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2');
    const b = service('--volunteer', 'B11-0002', '--date', '2026-03-05', '--hours', '2');
    expect(t.run('log', 'void', b, '--reason', 'x').code).toBe(0);
    expectRefused(t.dbPath, ['log', 'void', a, b, '--reason', 'both'], 1, `record ${b} is already voided`);
    expect(record(a).voided_at).toBeNull();
    const c = service('--volunteer', 'B11-0003', '--date', '2026-03-05', '--hours', '2');
    expect(t.run('log', 'void', a, c, '--reason', 'both').stderr).toBe('voided 2 record(s)\n');
    expect([record(a).void_reason, record(c).void_reason]).toEqual(['both', 'both']);
  });
});

describe('approve and reject', () => {
  // ID1 and ID3 pending, ID2 approved
  beforeEach(() => seedFrom(t.dbPath, 'pending', (p) => {
    seedBasic(p);
    runSteps(p, [
      ['log', 'service', '--id', ID1, '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2', '--pending'],
      ['log', 'service', '--id', ID2, '--volunteer', 'B11-0002', '--date', '2026-03-05', '--hours', '2'],
      ['log', 'service', '--id', ID3, '--volunteer', 'B11-0003', '--date', '2026-03-05', '--hours', '2', '--pending'],
    ]);
  }));
  const status = () => query(t.dbPath, 'SELECT id, status, status_reason FROM records ORDER BY id').map((r) => [r.id, r.status, r.status_reason]);

  test('approving several pending records, by full id and by an 8-character prefix', () => {
    const r = t.run('log', 'approve', ID1, '01900001');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'approved 2 record(s)\n' });
    expect(status()).toEqual([[ID1, 'approved', null], [ID2, 'approved', null], [ID3, 'approved', null]]);
  });

  test('approving what is not pending is refused and nothing is approved', () => {
    expectRefused(t.dbPath, ['log', 'approve', ID1, ID2], 1, `vledger: record ${ID2} is approved, not pending; nothing approved`);
    expect(status()[0]).toEqual([ID1, 'pending', null]);
  });

  test('prefixes: 8 characters that are unique work; shorter or ambiguous ones are refused', () => {
    expectRefused(t.dbPath, ['log', 'approve', '0190000'], 1, 'vledger: record id "0190000" is too short; give at least 8 characters of the id (vledger list records)');
    expectRefused(t.dbPath, ['log', 'void', '01900000', '--reason', 'x'], 1, `vledger: record id prefix 01900000 matches several records (${ID1}, ${ID2}); give more characters`);
    expect(t.run('log', 'void', '01900001', '--reason', 'unique prefix').code).toBe(0);
    expect(record(ID3).void_reason).toBe('unique prefix');
  });

  test('rejecting with a reason; then it cannot be approved; a voided record neither', () => {
    expect(t.run('log', 'reject', ID1, ID3, '--reason', '无签到表')).toMatchObject({ code: 0, stderr: 'rejected 2 record(s)\n' });
    expect(status()).toEqual([[ID1, 'rejected', '无签到表'], [ID2, 'approved', null], [ID3, 'rejected', '无签到表']]);
    expectRefused(t.dbPath, ['log', 'approve', ID1], 1, 'is rejected, not pending; nothing approved');
    expectRefused(t.dbPath, ['log', 'reject', ID1], 2, /required option '--reason <text>' not specified/);
    expect(t.run('log', 'void', ID1, '--reason', 'dup').code).toBe(0);
    expectRefused(t.dbPath, ['log', 'approve', ID1], 1, `vledger: record ${ID1} is voided; nothing approved`);
  });

  test('each move is audited with the ids', () => {
    t.run('log', 'approve', ID1);
    t.run('log', 'reject', ID3, '--reason', 'no sheet');
    const rows = query<{ command: string; operator: string; change: string }>(t.dbPath, "SELECT command, operator, change FROM audit WHERE command IN ('log approve', 'log reject') ORDER BY pk");
    expect(rows.map((r) => [r.command, r.operator, JSON.parse(r.change)])).toEqual([
      ['log approve', 'tester', { approve: [ID1] }],
      ['log reject', 'tester', { reject: [ID3], reason: 'no sheet' }],
    ]);
  });
});

describe('the audit entry of a logged record', () => {
  test('holds the stored row without how the clerk named the person, so an id number typed as --volunteer never lands there', () => {
    const id = service('--volunteer', IDS.zhang, '--date', '2026-03-05', '--hours', '2');
    const change = JSON.parse(query<{ change: string }>(t.dbPath, 'SELECT change FROM audit WHERE entity_id = ?', id)[0]!.change);
    expect(change.insert).not.toHaveProperty('person');
    expect(change.insert).toMatchObject({ id, kind: 'service', volunteer_no: 'B11-0001', date: '2026-03-05', minutes: 120 });
    const audit = JSON.parse(t.run('audit', '--format', 'json', '--unmasked').stdout) as { entity_id: string; change: string }[];
    const entry = audit.find((a) => a.entity_id === id)!;
    expect(entry.change).not.toContain(IDS.zhang.slice(6, 14));
  });
});
