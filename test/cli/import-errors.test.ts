// Refused imports: every bad value of the foundation rules reported as FILE:LINE: column:
// problem, unreadable files (unknown or duplicate column, short row, unclosed quote), duplicates
// in the file and in the database, a volunteer-day over 24 hours across rows, an ambiguous
// name. Each refused file leaves every table's row count unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cliEnv, counts, query, ROOT, seedBasic } from '../helpers/cli.js';

const FIX = join(ROOT, 'test', 'fixtures', 'import');
const fx = (name: string) => join(FIX, name);

let t: ReturnType<typeof cliEnv>;
beforeEach(() => {
  t = cliEnv('vledger-import-err-');
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

/** An import refused with exit 1 that wrote nothing; returns stderr's lines. */
function refused(args: string[]): string[] {
  const before = counts(t.dbPath);
  const r = t.run('import', ...args);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toContain('    at ');
  expect(counts(t.dbPath)).toEqual(before);
  return r.stderr.trimEnd().split('\n');
}

describe('bad values, one per row', () => {
  test('service rows: dates, hours, times, references, enums', () => {
    const f = fx('service-bad-values.csv');
    expect(refused(['service', f])).toEqual([
      `${f}:2: date: "2026-02-30" is not a real calendar date`,
      `${f}:3: date: 2027-01-05 is in the future (today is 2026-11-29); service is logged after it happens`,
      `${f}:4: hours: "0" hours is not more than 0; a record needs some time`,
      `${f}:5: hours: "25" is more than 24 hours in one record; split it across days`,
      `${f}:6: hours: "abc" is not a number of hours; write it as 2.5`,
      `${f}:7: end: end 09:00 is not after start 11:00; an overnight service is two records`,
      `${f}:8: hours: hours 3 do not agree with 09:00–11:00 (2.00 h); correct one of them`,
      `${f}:9: volunteer_no: no volunteer "B99-0009"; check the volunteer number (vledger list volunteers)`,
      `${f}:10: activity: no activity "A9999"; register it first (vledger register activity) or check the code`,
      `${f}:11: date: 2026-04-09 is outside activity A0001 (2026-03-05); correct the date or the activity`,
      `${f}:12: evaluation: "很好" is not one of satisfied (满意), fairly_satisfied (比较满意), basically_satisfied (基本满意), dissatisfied (不满意)`,
      `${f}:13: role: "captain" is not one of participant (参与者), leader (负责人)`,
      `${f}:15: date: "not a date" is not a date; write it as 2026-03-05`,
      `vledger: ${f}: 13 of 14 rows have problems; nothing imported. Fix them and import the file again, or pass --skip-invalid to import the good rows and get the bad ones in a rejects file`,
    ]);
  });

  test('volunteer rows: check digit, 15-digit and Excel-mangled ids, phone, enum, org, contradictions', () => {
    const f = fx('volunteers-bad-values.csv');
    const lines = refused(['volunteers', f]);
    expect(lines.slice(0, -1)).toEqual([
      `${f}:2: id_number: "110101199003071234" fails the GB 11643 check digit (expected 3 last); check the number`,
      `${f}:3: id_number: "110101900307123" is an old 15-digit id; give the 18-digit resident id`,
      `${f}:4: id_number: "1.10101E+17" looks like a number Excel rounded; format the id column as text and type the id again`,
      `${f}:5: phone: "12345" is not a mainland mobile (11 digits from 13…) or a landline like 010-12345678`,
      `${f}:6: political_status: "党员干部" is not one of party_member (中共党员), probationary (中共预备党员), league_member (共青团员), masses (群众), other (其他)`,
      `${f}:7: org: no organisation "B99"; register it first (vledger register org) or check the code`,
      `${f}:8: gender: female contradicts the id number (male); correct one of them`,
      `${f}:9: birth_date: "2026-13-01" is not a real calendar date`,
    ]);
    expect(lines.at(-1)).toContain('8 of 9 rows have problems; nothing imported');
  });

  test('a Chinese header is named as written, with the canonical column', () => {
    const lines = refused(['service', fx('book.xlsx'), '--sheet', '3月']);
    expect(lines[0]).toMatch(/book\.xlsx:3: 服务日期 \(date\): 2027-01-01 is in the future/);
  });
});

test('the first 100 problems are shown, the rest counted', () => {
  const file = join(t.dir, 'many.csv');
  writeFileSync(file, ['volunteer_no,date,hours', ...Array.from({ length: 150 }, (_, i) => `B11-0001,2026-05-${String((i % 28) + 1).padStart(2, '0')},${25 + i}`)].join('\n'));
  const lines = refused(['service', file]);
  expect(lines).toHaveLength(102);
  expect(lines[99]).toBe(`${file}:101: hours: "124" is more than 24 hours in one record; split it across days`);
  expect(lines[100]).toBe('… 50 more problems not shown');
  expect(lines[101]).toContain('many.csv: 150 of 150 rows have problems; nothing imported');
});

describe('files that cannot be read as a table', () => {
  test('an unknown column is refused unless --ignore-unknown', () => {
    const f = fx('service-unknown-column.csv');
    expect(refused(['service', f])).toEqual([
      `vledger: ${f}:1: column "remark" is not a service column; rename to one of id, ref, volunteer_no, activity, date, start, end, hours, category, role, evaluation, status, entry, note (or the Chinese names), or pass --ignore-unknown to skip it`,
    ]);
    const r = t.run('import', 'service', f, '--ignore-unknown');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: ${f}:1: ignoring column "remark" (--ignore-unknown)`);
    expect(query(t.dbPath, 'SELECT count(*) AS n FROM records')).toEqual([{ n: 1 }]);
  });

  test('two headers meaning one column', () => {
    expect(refused(['service', fx('service-duplicate-column.csv')])[0]).toContain('service-duplicate-column.csv:1: columns "服务日期" and "date" both mean date; delete one of them');
  });

  test('a column every row needs is missing', () => {
    expect(refused(['training', fx('service-base.csv')])[0]).toContain('service-base.csv:1: column "note" is not a training column');
    expect(refused(['commendations', fx('service-short-row.csv'), '--ignore-unknown']).join('\n'))
      .toContain('service-short-row.csv:1: there is no title (荣誉名称) column, which every commendations row needs; add the column');
  });

  test('a short row', () => {
    const f = fx('service-short-row.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:3: the row has 2 cells but the header has 4; check for a missing comma or a line break inside an unquoted cell`);
  });

  test('an unclosed quote names the line it opens on', () => {
    const f = fx('service-unclosed-quote.csv');
    expect(refused(['service', f])).toEqual([
      `vledger: ${f}:3: a quoted cell starting on this line is never closed; add the missing " (a cell with a comma or line break must be wrapped in "…"); nothing imported`,
    ]);
  });

  test('binary garbage, a missing file, a folder, an old .xls', () => {
    expect(refused(['service', fx('binary.csv')])[0]).toContain('binary.csv: is not a CSV text file (it holds binary data)');
    expect(refused(['service', fx('nope.csv')])[0]).toContain('nope.csv: cannot read the file (ENOENT); check the path');
    expect(refused(['service', FIX])[0]).toContain('is a folder, not a file');
    const xls = join(t.dir, 'old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect(refused(['service', xls])[0]).toContain('old.xls: is an old Excel .xls workbook; open it and save it as .xlsx or "CSV UTF-8"');
    const notXlsx = join(t.dir, 'fake.xlsx');
    writeFileSync(notXlsx, 'volunteer_no,date,hours\n');
    expect(refused(['service', notXlsx])[0]).toContain('fake.xlsx: is named .xlsx but is not an Excel workbook');
  });
});

describe('duplicates', () => {
  test('a ref twice in one file names both lines', () => {
    const f = fx('service-dup-ref.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:4: ref: ref R1 is also on line 2 of this file, with different data; each ref once`);
  });

  test('a ref already in the database: skipped when equal, refused naming the record when different', () => {
    const first = t.run('import', 'service', fx('service-refs.csv'));
    expect(first.code, first.stderr).toBe(0);
    const stored = query<{ id: string }>(t.dbPath, "SELECT id FROM records WHERE ref = 'R11'")[0]!.id;
    const f = fx('service-refs-again.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:3: ref: ref R11 is already stored as record ${stored} with different minutes; void that record first or give a new ref`);
  });

  test('two equal rows without id or ref in one file (SPEC 11.6)', () => {
    const f = fx('service-equal-rows.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:4: the same record as line 2 (volunteer, date, activity, times, hours and role are equal); delete one of the rows, or give each a ref if both really happened`);
  });

  test('a volunteer-day over 24 hours across rows of one file', () => {
    const f = fx('service-day-over-24h.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:5: hours: B11-0001 would have 25.00 hours on 2026-06-09, more than 24; check the hours of that day's records`);
  });

  test('...and across a file and what is stored', () => {
    const log = t.run('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-06-09', '--hours', '20');
    expect(log.code, log.stderr).toBe(0);
    const lines = refused(['service', fx('service-day-over-24h.csv')]);
    expect(lines[0]).toContain(':2: hours: B11-0001 would have 30.00 hours on 2026-06-09');
  });

  test('an ambiguous name lists the candidates; an org column resolves it', () => {
    const reg = t.run('register', 'volunteer', '--name', '张三', '--org', 'B12', '--political-status', 'masses');
    expect(reg.code, reg.stderr).toBe(0);
    const f = fx('service-by-name.csv');
    expect(refused(['service', f])[0]).toBe(`${f}:2: 姓名 (name): the name "张三" is ambiguous: B11-0001 (B11), B12-0002 (B12); give the volunteer number or id number`);
    const ok = t.run('import', 'service', fx('service-by-name-org.csv'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(query(t.dbPath, 'SELECT volunteer_no FROM records ORDER BY pk')).toEqual([{ volunteer_no: 'B11-0001' }, { volunteer_no: 'B12-0002' }]);
  });

  test('a roster row with neither volunteer_no nor id number that matches a registered name and org', () => {
    const file = join(t.dir, 'dup.csv');
    writeFileSync(file, 'name,org,political_status\n王五,B11,masses\n');
    expect(refused(['volunteers', file])[0]).toContain('dup.csv:2: name: probable duplicate of B11-0003 (same name in B11)');
  });
});
