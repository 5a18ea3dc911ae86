// Reading import files in-process: encoding detection, line numbers of records (the line each
// starts on, as an editor shows it), delimiters, header mapping, typed .xlsx cells as text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, test } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { readCsv } from '../../src/io/csv.js';
import { mapHeader, rawFromCells } from '../../src/io/header.js';
import { sniffFile } from '../../src/io/sniff.js';
import { openSheet } from '../../src/io/source.js';
import { cellText } from '../../src/io/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'vledger-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, content);
  return p;
}

async function records(content: string | Buffer) {
  const f = file(content);
  const facts = await sniffFile(f);
  const out: [number, string[]][] = [];
  for await (const r of readCsv(f, facts.encoding)) out.push([r.line, r.cells]);
  return out;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('encoding detection', () => {
  test.each([
    ['UTF-8 with BOM', Buffer.from('\uFEFF姓名,年龄\n张三,1\n', 'utf8'), 'utf-8', true],
    ['UTF-8 without BOM', Buffer.from('姓名,年龄\n张三,1\n', 'utf8'), 'utf-8', false],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名,年龄\n', 'utf16le')]), 'utf-16le', true],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('姓名,年龄\n', 'utf16le').swap16()]), 'utf-16be', true],
    ['GBK', iconv.encode('姓名,年龄\n张三,1\n', 'gbk'), 'gb18030', false],
  ])('%s', async (_name, bytes, encoding, bom) => {
    const facts = await sniffFile(file(bytes));
    expect(facts).toMatchObject({ encoding, bom, format: 'csv', bytes: bytes.length });
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('every encoding reads back the same cells', async () => {
    const text = '姓名,所在支部\r\n张三,第一党支部\r\n';
    const expected = [[1, ['姓名', '所在支部']], [2, ['张三', '第一党支部']]];
    expect(await records(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual(expected);
    expect(await records(iconv.encode(text, 'gb18030'))).toEqual(expected);
    expect(await records(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual(expected);
  });

  test('a file that is neither: NUL bytes or control characters are binary', async () => {
    expect(await failure(sniffFile(file(Buffer.from([0x61, 0x2c, 0x00, 0x62, 0x0a]))))).toContain('holds binary data');
    const f = file(Buffer.from('a,b\n\x01\x02,c\n'));
    expect(await failure((async () => { for await (const _ of readCsv(f, 'utf-8')) void _; })())).toContain('holds binary data');
  });
});

describe('records and their lines', () => {
  test('CRLF, LF and CR mixed; blank lines and empty rows skipped but counted', async () => {
    expect(await records('\r\na,b\r\n1,2\n\n3,4\r5,6\n,\n   \n7,8\n')).toEqual([
      [2, ['a', 'b']], [3, ['1', '2']], [5, ['3', '4']], [6, ['5', '6']], [9, ['7', '8']],
    ]);
  });

  test('a quoted cell spanning lines (CRLF inside counts once) moves the next record down', async () => {
    expect(await records('a,b\r\n"x\r\ny\r\n\r\nz",1\r\n2,3\r\n')).toEqual([[1, ['a', 'b']], [2, ['x\r\ny\r\n\r\nz', '1']], [6, ['2', '3']]]);
  });

  test('spaces around cells and around quotes are trimmed; quotes inside a cell are data', async () => {
    expect(await records('a,b,c\n  1 , "2, two" , 他说"好"\n')).toEqual([[1, ['a', 'b', 'c']], [2, ['1', '2, two', '他说"好"']]]);
  });

  test('tab-separated when the header has tabs and no commas', async () => {
    expect(await records('a\tb\n1,5\t2\n')).toEqual([[1, ['a', 'b']], [2, ['1,5', '2']]]);
  });

  test('an unclosed quote names the line where the quoted cell opens', async () => {
    const f = file('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    const msg = await failure((async () => { for await (const _ of readCsv(f, 'utf-8')) void _; })());
    expect(msg).toBe(`${f}:3: a quoted cell starting on this line is never closed; add the missing " (a cell with a comma or line break must be wrapped in "…")`);
  });
});

describe('header', () => {
  test('aliases are per kind: 服务队编码 is code in teams, team in members; error columns are ignored', () => {
    expect(mapHeader('teams', ['服务队编码', '服务队名称', '所属组织'], 'f').columns).toEqual(['code', 'name', 'org']);
    expect(mapHeader('members', ['服务队编码', '志愿者编号', '错误'], 'f').columns).toEqual(['team', 'volunteer_no', null]);
    expect(mapHeader('service', ['Volunteer_No', ' DATE ', '时长(小时)', 'error'], 'f').columns).toEqual(['volunteer_no', 'date', 'hours', null]);
  });

  test('labels name the column as the file does', () => {
    const h = mapHeader('service', ['姓名', '服务日期', '服务时长'], 'f');
    expect([h.label('date'), h.label('hours'), h.label('volunteer_no'), h.label('role')]).toEqual(['服务日期 (date)', '服务时长 (hours)', '姓名 (name)', 'role']);
  });

  test("cells: one leading ' before = + - @ dropped; short and long rows reported", () => {
    const h = mapHeader('adjustments', ['volunteer_no', 'date', 'points', 'reason', ''], 'f');
    expect(rawFromCells(h, ['B11-0001', '2026-01-01', "'-2", "'=x", ''])).toEqual({ raw: { volunteer_no: 'B11-0001', date: '2026-01-01', points: '-2', reason: '=x' } });
    expect(rawFromCells(h, ['B11-0001', '2026-01-01', '1']).issues?.[0]?.message).toBe('the row has 3 cells but the header has 4; check for a missing comma or a line break inside an unquoted cell');
    expect(rawFromCells(h, ['B11-0001', '2026-01-01', '1', 'r', '', 'extra']).issues?.[0]?.message).toContain('the row has 6 cells but the header has 4');
  });

  test('a title row above the header is skipped with a warning', async () => {
    const warnings: string[] = [];
    const f = file('2026年志愿服务记录表,,\n志愿者编号,服务日期,服务时长\nB11-0001,2026-03-05,2\n');
    const sheet = await openSheet(f, 'service', { warn: (m) => warnings.push(m) });
    const rows = [];
    for await (const r of sheet.rows) rows.push([r.line, r.raw]);
    expect(rows).toEqual([[3, { volunteer_no: 'B11-0001', date: '2026-03-05', hours: '2' }]]);
    expect(warnings).toEqual([`${f}:1: "2026年志愿服务记录表" taken as the sheet's title; the header is line 2`]);
  });

  test('a header-only file has no rows; an empty file is refused', async () => {
    const sheet = await openSheet(file('volunteer_no,date,hours\r\n'), 'service');
    const rows = [];
    for await (const r of sheet.rows) rows.push(r);
    expect(rows).toEqual([]);
    expect(await failure(openSheet(file(''), 'service'))).toContain('the file is empty');
  });
});

describe('typed .xlsx cells as text', () => {
  test.each([
    [null, ''],
    ['  text ', 'text'],
    [2.5, '2.5'],
    [0.1 + 0.2, '0.3'],
    [13812345678, '13812345678'],
    [110101199003071230, '1.1010119900307123E+17'],
    [true, 'yes'],
    [new Date(Date.UTC(2026, 2, 5)), '2026-03-05'],
    [new Date(Date.UTC(1899, 11, 30, 9, 30)), '09:30'],
    [new Date(Date.UTC(1899, 11, 30, 17, 0, 30)), '17:00:30'],
    [new Date(Date.UTC(2026, 2, 5, 8, 15)), '2026-03-05 08:15'],
  ])('%s -> %s', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});
