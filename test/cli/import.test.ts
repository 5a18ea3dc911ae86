// `vledger import KIND FILE` with the files clerks really have: GBK and UTF-16, BOM + CRLF,
// mixed line ends, quoted newlines, trailing blank lines, an .xlsx written by LibreOffice,
// Chinese headers and values, every roster kind, --update, --skip-invalid and --dry-run.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cliEnv, counts, query, ROOT, seedBasic } from '../helpers/cli.js';

const FIX = join(ROOT, 'test', 'fixtures', 'import');
const fx = (name: string) => join(FIX, name);

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv('vledger-import-');
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

/** Runs an import that must succeed; returns its stderr. */
function imported(...args: string[]): string {
  const r = t.run('import', ...args);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  return r.stderr;
}

/** Runs an import that must be refused with exit 1 and leave every table as it was. */
function refused(args: string[], ...expected: string[]): string {
  const before = counts(t.dbPath);
  const r = t.run('import', ...args);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).not.toContain('    at ');
  for (const e of expected) expect(r.stderr).toContain(e);
  expect(counts(t.dbPath)).toEqual(before);
  return r.stderr;
}

const records = (where = '1') => query<Record<string, unknown>>(t.dbPath, `SELECT * FROM records WHERE ${where} ORDER BY pk`);

describe('encodings and line ends', () => {
  test('GBK with Chinese headers and values: orgs by name, phones normalised, birth date and gender from the id', () => {
    expect(imported('volunteers', fx('volunteers-gbk.csv'))).toMatch(/volunteers-gbk\.csv: 3 rows read, 3 written, 0 already stored, 0 rejected in [\d.]+ s \(batch [0-9a-f-]{36}\)\n$/);
    const rows = query(t.dbPath, "SELECT volunteer_no, name, id_number, gender, birth_date, phone, political_status, org, skills, registered_on FROM volunteers WHERE name IN ('孙强','周敏','吴刚') ORDER BY pk");
    expect(rows).toEqual([
      { volunteer_no: 'B11-0004', name: '孙强', id_number: '310104197505120039', gender: 'male', birth_date: '1975-05-12', phone: '13812345678', political_status: 'party_member', org: 'B11', skills: '医疗', registered_on: '2026-03-01' },
      { volunteer_no: 'B12-0002', name: '周敏', id_number: null, gender: 'female', birth_date: null, phone: '13900001111', political_status: 'league_member', org: 'B12', skills: null, registered_on: '2026-04-02' },
      { volunteer_no: 'B12-0003', name: '吴刚', id_number: null, gender: 'male', birth_date: null, phone: '010-12345678', political_status: 'masses', org: 'B12', skills: '驾驶,维修', registered_on: '2026-05-03' },
    ]);
  });

  test('a GBK service sheet with the Chinese headers and values of SPEC 8', () => {
    imported('service', fx('service-gbk.csv'));
    expect(records().map((r) => [r.volunteer_no, r.date, r.start, r.end, r.minutes, r.role, r.evaluation, r.status, r.entry, r.note])).toEqual([
      ['B11-0001', '2026-03-05', '09:00', '11:30', 150, 'leader', 'satisfied', 'approved', 'normal', '学雷锋'],
      ['B11-0002', '2026-03-05', '09:00', '11:00', 120, 'participant', 'fairly_satisfied', 'pending', 'back_entry', null],
    ]);
  });

  test('UTF-8 with BOM and CRLF: every date spelling, surrounding spaces trimmed', () => {
    imported('service', fx('service-bom-crlf.csv'));
    expect(records().map((r) => [r.volunteer_no, r.date, r.minutes, r.note])).toEqual([
      ['B11-0001', '2026-03-05', 150, '学雷锋'], ['B11-0002', '2026-03-05', 120, null],
      ['B12-0001', '2026-04-01', 90, null], ['B11-0003', '2026-05-04', 180, 'surrounding spaces'],
    ]);
  });

  test('UTF-16 LE with BOM, tab-separated (Excel "Unicode text")', () => {
    imported('volunteers', fx('volunteers-utf16.csv'));
    expect(query(t.dbPath, "SELECT name, political_status, org, phone FROM volunteers WHERE name IN ('郑一','冯二') ORDER BY pk")).toEqual([
      { name: '郑一', political_status: 'probationary', org: 'B11', phone: '13700001111' },
      { name: '冯二', political_status: 'masses', org: 'B12', phone: null },
    ]);
  });

  test('mixed CRLF / LF / CR: lines are counted as an editor shows them', () => {
    refused(['service', fx('service-mixed-eol.csv')], 'service-mixed-eol.csv:5: hours: "99" is more than 24 hours in one record; split it across days',
      'service-mixed-eol.csv: 1 of 4 rows have problems; nothing imported');
  });

  test('a quoted cell with a line break: the note keeps it and later lines keep their numbers', () => {
    refused(['service', fx('service-quoted-newline.csv')], 'service-quoted-newline.csv:5: hours: "25" is more than 24 hours');
    const file = join(t.dir, 'quoted.csv');
    copyFileSync(fx('service-quoted-newline.csv'), file);
    imported('service', file, '--skip-invalid');
    expect(records().map((r) => r.note)).toEqual(['第一行\n第二行, with a comma', 'say "hi"']);
  });

  test('trailing blank lines, whitespace lines and rows of empty cells are not rows', () => {
    expect(imported('service', fx('service-trailing-blank.csv'))).toContain('2 rows read, 2 written');
  });

  test('binary garbage is refused before anything is read', () => {
    const err = refused(['service', fx('binary.csv')], 'binary.csv: is not a CSV text file (it holds binary data)');
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('.xlsx written by LibreOffice Calc', () => {
  test('first sheet: date, time and number cells become what the clerk typed; LINE is the sheet row', () => {
    expect(imported('service', fx('book.xlsx'))).toContain('book.xlsx: 3 rows read, 3 written');
    expect(records().map((r) => [r.volunteer_no, r.date, r.start, r.end, r.minutes, r.activity, r.evaluation])).toEqual([
      ['B11-0001', '2026-03-05', '09:00', '11:30', 150, 'A0001', 'satisfied'],
      ['B11-0002', '2026-03-05', '09:00', '10:00', 60, 'A0001', null],
      ['B12-0001', '2026-05-06', null, null, 180, null, 'fairly_satisfied'],
    ]);
  });

  test('--sheet picks a sheet; problems name its row; a missing sheet lists the sheets', () => {
    refused(['service', fx('book.xlsx'), '--sheet', '3月'], 'book.xlsx:3: 服务日期 (date): 2027-01-01 is in the future (today is 2026-11-29)');
    refused(['volunteers', fx('book.xlsx'), '--sheet', '志愿者'],
      'book.xlsx:2: 身份证号 (id_number): "1.1010119950707E+17" looks like a number Excel rounded; format the id column as text and type the id again');
    refused(['service', fx('book.xlsx'), '--sheet', '四月'], 'vledger: --sheet: ', 'has no sheet "四月"; its sheets are: 服务记录, 志愿者, 3月');
  });

  test('each sheet of a workbook is its own import', () => {
    imported('service', fx('book.xlsx'));
    const again = refused(['service', fx('book.xlsx')], 'this file was already imported as service');
    expect(again).toContain('Pass --force');
    const skip = join(t.dir, 'book.xlsx');
    copyFileSync(fx('book.xlsx'), skip);
    expect(imported('service', skip, '--sheet', '3月', '--skip-invalid')).toContain('2 rows read, 1 written, 0 already stored, 1 rejected');
  });
});

describe('cells and values', () => {
  test("one leading ' before = + - @ is dropped (SPEC 11.11); other quotes stay", () => {
    imported('service', fx('service-formula.csv'));
    expect(records().map((r) => r.note)).toEqual(['=SUM(A1)', "'plain"]);
  });

  test('a row with status voided is stored voided with its reason', () => {
    imported('service', fx('service-voided.csv'));
    expect(records().map((r) => [r.volunteer_no, r.voided_at !== null, r.void_reason])).toEqual([['B11-0001', true, '录错了'], ['B11-0002', false, null]]);
  });

  test('people by a unique name; an org column narrows the name (SPEC 11.7)', () => {
    imported('service', fx('service-by-name.csv'));
    expect(records().map((r) => r.volunteer_no)).toEqual(['B11-0001', 'B11-0002']);
  });
});

describe('roster kinds', () => {
  test('orgs: Chinese headers and kinds, a parent given by name or listed further down', () => {
    imported('orgs', fx('orgs-parent-later.csv'));
    expect(query(t.dbPath, "SELECT code, name, parent, kind FROM orgs WHERE code IN ('G02','B21','B22') ORDER BY code")).toEqual([
      { code: 'B21', name: '第三党支部', parent: 'G02', kind: 'branch' },
      { code: 'B22', name: '第四党支部', parent: 'G02', kind: 'branch' },
      { code: 'G02', name: '市卫健委党委', parent: null, kind: 'committee' },
    ]);
    expect(imported('orgs', fx('orgs-parent-later.csv'), '--force')).toContain('3 rows read, 0 written, 3 already stored, 0 rejected');
  });

  test('orgs whose parents form a cycle are refused', () => {
    refused(['orgs', fx('orgs-cycle.csv')], 'orgs-cycle.csv:2: parent: parent X2 is a row of this file that could not be imported, or the parents form a cycle');
  });

  test('teams, members and activities with Chinese headers (服务队编码 means code in teams, team in members)', () => {
    imported('teams', fx('teams.csv'));
    imported('members', fx('members.csv'));
    imported('activities', fx('activities.csv'));
    expect(query(t.dbPath, "SELECT code, name, org, leader, founded_on FROM teams WHERE code = 'T02'")).toEqual([{ code: 'T02', name: '第二服务队', org: 'B12', leader: 'B12-0001', founded_on: '2026-02-01' }]);
    expect(query(t.dbPath, "SELECT team, volunteer_no, joined_on FROM members WHERE volunteer_no = 'B11-0003'")).toEqual([{ team: 'T01', volunteer_no: 'B11-0003', joined_on: '2026-02-01' }]);
    expect(query(t.dbPath, "SELECT code, title, org, team, date, end_date FROM activities WHERE code = 'A0002'")).toEqual([{ code: 'A0002', title: '社区义诊', org: 'B11', team: 'T01', date: '2026-04-01', end_date: '2026-04-03' }]);
    // the same rows again: already stored, nothing written
    expect(imported('members', fx('members.csv'), '--force')).toContain('1 rows read, 0 written, 1 already stored');
  });

  test('volunteers already registered are refused; --update changes them, with history from --effective', () => {
    refused(['volunteers', fx('volunteers-update.csv')],
      'volunteers-update.csv:2: phone: volunteer_no B11-0003 is already stored with a different phone, political_status; use --update');
    expect(imported('volunteers', fx('volunteers-update.csv'), '--update', '--effective', '2026-07-01'))
      .toContain('2 rows read, 0 written, 1 updated, 1 already stored, 0 rejected');
    expect(query(t.dbPath, "SELECT political_status, phone FROM volunteers WHERE volunteer_no = 'B11-0003'")).toEqual([{ political_status: 'probationary', phone: '13600001111' }]);
    expect(query(t.dbPath, "SELECT value, effective FROM volunteer_history WHERE volunteer_no = 'B11-0003' AND field = 'political_status' ORDER BY pk"))
      .toEqual([{ value: 'masses', effective: '' }, { value: 'probationary', effective: '2026-07-01' }]);
    const change = JSON.parse(query<{ change: string }>(t.dbPath, "SELECT change FROM audit WHERE entity = 'volunteer' ORDER BY pk DESC LIMIT 1")[0]!.change);
    expect(change).toMatchObject({ update: 'B11-0003', effective: '2026-07-01', phone: { from: null, to: '13600001111' } });
  });

  test('--update is only for volunteers (exit 2)', () => {
    const r = t.run('import', 'service', fx('service-base.csv'), '--update');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--update: only for import volunteers');
  });
});

describe('--skip-invalid and --dry-run', () => {
  test('--skip-invalid writes the good rows and NAME.rejects.csv, which re-imports as it is', () => {
    const file = join(t.dir, 'bad.csv');
    copyFileSync(fx('service-bad-values.csv'), file);
    const err = imported('service', file, '--skip-invalid');
    expect(err).toContain('bad.csv:2: date: "2026-02-30" is not a real calendar date');
    expect(err).toMatch(/bad\.csv: 14 rows read, 1 written, 0 already stored, 13 rejected in [\d.]+ s \(batch [0-9a-f-]{36}\); rejected rows are in .*bad\.rejects\.csv\n$/);
    expect(records().map((r) => r.date)).toEqual(['2026-04-12']);
    const rejects = readFileSync(join(t.dir, 'bad.rejects.csv'), 'utf8');
    expect(rejects.startsWith('\uFEFFvolunteer_no,date,start,end,hours,activity,role,evaluation,error\r\n')).toBe(true);
    const lines = rejects.trimEnd().split('\r\n');
    expect(lines).toHaveLength(14);
    expect(lines[1]).toBe('B11-0001,2026-02-30,,,2,,,,"date: ""2026-02-30"" is not a real calendar date"');
    // the rejects file imports as it is (its error column is ignored): the same problems, its own lines
    const again = t.run('import', 'service', join(t.dir, 'bad.rejects.csv'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('bad.rejects.csv:2: date: "2026-02-30" is not a real calendar date');
    expect(again.stderr).toContain('bad.rejects.csv: 13 of 13 rows have problems');
  });

  test('--reject-file puts the rejects where asked; without rejects no file is written', () => {
    const file = join(t.dir, 'q.csv');
    copyFileSync(fx('service-quoted-newline.csv'), file);
    imported('service', file, '--skip-invalid', '--reject-file', join(t.dir, 'out.csv'));
    expect(readFileSync(join(t.dir, 'out.csv'), 'utf8')).toContain('B11-0003,2026-06-02,25,太长,');
    expect(existsSync(join(t.dir, 'q.rejects.csv'))).toBe(false);
    const good = join(t.dir, 'good.csv');
    copyFileSync(fx('service-trailing-blank.csv'), good);
    imported('service', good, '--skip-invalid');
    expect(existsSync(join(t.dir, 'good.rejects.csv'))).toBe(false);
  });

  test('--dry-run checks everything and writes nothing', () => {
    const before = counts(t.dbPath);
    expect(imported('service', fx('service-bom-crlf.csv'), '--dry-run')).toMatch(/dry run: 4 rows read, 4 to write, 0 already stored, 0 rejected in [\d.]+ s; nothing written/);
    expect(counts(t.dbPath)).toEqual(before);
    refused(['service', fx('service-mixed-eol.csv'), '--dry-run'], 'service-mixed-eol.csv:5: hours:', '1 of 4 rows have problems (dry run; nothing written)');
    // and the file was not imported, so it imports for real afterwards
    imported('service', fx('service-bom-crlf.csv'));
  });

  test('--quiet prints nothing on success', () => {
    expect(imported('service', fx('service-bom-crlf.csv'), '--quiet')).toBe('');
  });
});
