// `vledger export KIND` end to end: the canonical columns, masking, formula neutralising, BOM,
// CRLF, GB18030, Chinese headings, voided rows with --all, and the round trip export -> import
// into an empty database that reproduces every kind and the award lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalColumn, COLUMNS, KINDS } from '../../src/core/kinds.js';
import { exportColumns } from '../../src/cli/actions/export.js';
import { cliEnv, counts, IDS, query, ROOT, seedBasic, tempDb } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const BOM = '\uFEFF';
const VOIDED_ID = '01900000-0000-7000-8000-00000000e0f1';

/** The seed roster plus one record of every kind, with cells a spreadsheet would run as formulas. */
const LOGGED: string[][] = [
  ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2.5', '--activity', 'A0001', '--note', '=1+1', '--evaluation', 'satisfied'],
  ['log', 'service', '--volunteer', 'B11-0002', '--date', '2026-03-05', '--start', '09:00', '--end', '11:20', '--role', 'leader', '--note', '@home', '--pending'],
  ['log', 'service', '--volunteer', 'B12-0001', '--date', '2026-04-01', '--hours', '1', '--id', VOIDED_ID],
  ['log', 'void', VOIDED_ID, '--reason', '日期填错'],
  ['log', 'adjust', '--volunteer', 'B11-0001', '--date', '2026-05-01', '--points', '-2.5', '--reason', '-迟到'],
  ['log', 'complaint', '--volunteer', 'B11-0002', '--date', '2026-06-01', '--description', '+投诉', '--upheld'],
  ['log', 'training', '--volunteer', 'B11-0003', '--date', '2026-04-02', '--hours', '1.5', '--topic', '志愿服务培训'],
  ['log', 'commendation', '--volunteer', 'B11-0001', '--date', '2026-05-04', '--title', '优秀志愿者', '--level', 'city'],
  ['log', 'no-show', '--volunteer', 'B12-0001', '--date', '2026-03-05', '--activity', 'A0001'],
];

let t: ReturnType<typeof cliEnv>;
beforeAll(async () => {
  t = cliEnv('vledger-export-');
  seedBasic(t.dbPath);
  for (const step of LOGGED) {
    const r = await runInProcess(t.dbPath, step);
    if (r.code !== 0) throw new Error(`vledger ${step.join(' ')}: ${r.stderr}`);
  }
});
afterAll(() => t.cleanup());

/** The CLI in this process (spawns are slow); a few tests below spawn the real binary on purpose. */
const vl = (...args: string[]) => runInProcess(t.dbPath, args);
const lines = (s: string) => s.replace(/^\uFEFF/, '').split('\r\n');

describe('export KIND', () => {
  test('volunteers: BOM, CRLF, exactly the canonical columns, id numbers and phones masked by default', () => {
    const r = t.run('export', 'volunteers');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(BOM)).toBe(true);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    expect(r.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    const [header, zhang] = lines(r.stdout);
    expect(header).toBe(COLUMNS.volunteers.join(','));
    expect(zhang).toMatch(/^[0-9a-f-]{36},B11-0001,张三,resident_id,110101\*{8}1233,male,1990-03-07,138\*{4}1234,party_member,B11,,2026-01-01,active,,$/);
    expect(r.stdout).not.toContain(IDS.zhang);
    expect(r.stdout).not.toContain('13812341234');
  });

  test('--unmasked writes id numbers and phones in full', async () => {
    const r = await vl('export', 'volunteers', '--unmasked');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`,B11-0001,张三,resident_id,${IDS.zhang},male,1990-03-07,13812341234,`);
    expect(r.stdout).toContain(`,B11-0002,李四,resident_id,${IDS.li},female,1985-01-01,13912345678,`);
  });

  test('service: hours in hours, formula text neutralised, pending kept, voided left out unless --all', async () => {
    const r = await vl('export', 'service');
    expect(r.code).toBe(0);
    const rows = lines(r.stdout);
    expect(rows[0]).toBe(COLUMNS.service.join(','));
    expect(rows.slice(1, -1).map((l) => l.replace(/^[0-9a-f-]{36},/, ''))).toEqual([
      ",B11-0001,A0001,2026-03-05,,,2.5,,participant,satisfied,approved,normal,'=1+1",
      ",B11-0002,,2026-03-05,09:00,11:20,2.33,,leader,,pending,normal,'@home",
    ]);
    expect(rows.at(-1)).toBe('');
    const all = await vl('export', 'service', '--all');
    const allRows = lines(all.stdout);
    expect(allRows[0]).toBe(`${COLUMNS.service.join(',')},void_reason`);
    expect(allRows).toContain(`${VOIDED_ID},,B12-0001,,2026-04-01,,,1,,participant,,voided,normal,,日期填错`);
  });

  test('numbers are not neutralised, text is: points -2.50, reason \'-迟到; upheld as yes', async () => {
    expect(lines((await vl('export', 'adjustments')).stdout)[1]).toMatch(/^[0-9a-f-]{36},B11-0001,2026-05-01,-2\.50,'-迟到$/);
    expect(lines((await vl('export', 'complaints')).stdout)[1]).toMatch(/^[0-9a-f-]{36},B11-0002,2026-06-01,'\+投诉,yes$/);
    expect(lines((await vl('export', 'training')).stdout)[1]).toMatch(/^[0-9a-f-]{36},B11-0003,2026-04-02,1\.5,志愿服务培训,$/);
    const all = lines((await vl('export', 'adjustments', '--all')).stdout);
    expect(all[0]).toBe('id,volunteer_no,date,points,reason,status,void_reason');
    expect(all[1]).toMatch(/,approved,$/);
  });

  test('--no-bom and --encoding gb18030 (no BOM) to a file decode back to the same text', async () => {
    const utf8 = join(t.dir, 'volunteers-utf8.csv');
    const gb = join(t.dir, 'volunteers-gb.csv');
    const a = await vl('export', 'volunteers', '--no-bom', '-o', utf8);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe('');
    expect(a.stderr).toBe(`wrote 4 volunteers row(s) to ${utf8} (id numbers and phones masked; --unmasked for full data)\n`);
    const b = await vl('export', 'volunteers', '--encoding', 'gb18030', '-o', gb);
    expect(b.code, b.stderr).toBe(0);
    const utf8Bytes = readFileSync(utf8);
    const gbBytes = readFileSync(gb);
    expect(utf8Bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(gbBytes.equals(utf8Bytes)).toBe(false); // the Chinese really is re-encoded
    expect(new TextDecoder('gb18030').decode(gbBytes)).toBe(utf8Bytes.toString('utf8'));
  });

  test('--headers zh writes Chinese headings that import reads back as the same columns', async () => {
    const r = await vl('export', 'complaints', '--headers', 'zh', '--all');
    expect(lines(r.stdout)[0]).toBe('交换编号,志愿者编号,日期,投诉内容,是否属实,状态,作废原因');
    for (const kind of KINDS) {
      for (const col of exportColumns(kind, true)) expect(canonicalColumn(kind, col.zh), `${kind} ${col.zh}`).toBe(col.key);
    }
  });

  test('--org keeps a subtree, --year a year; --format json has canonical keys and machine values', async () => {
    expect(lines((await vl('export', 'volunteers', '--org', 'B12')).stdout).slice(1, -1).map((l) => l.split(',')[1])).toEqual(['B12-0001']);
    expect(lines((await vl('export', 'service', '--year', '2025')).stdout)).toEqual([COLUMNS.service.join(','), '']);
    const j = await vl('export', 'complaints', '--format', 'json');
    expect(JSON.parse(j.stdout)).toEqual([expect.objectContaining({ volunteer_no: 'B11-0002', description: '+投诉', upheld: true })]);
    expect(JSON.parse((await vl('export', 'orgs', '--format', 'json')).stdout).map((o: { code: string }) => o.code)).toEqual(['G01', 'B11', 'B12']);
  });

  test('refusals: an unknown kind or flag value is a usage error; an unknown org or an unwritable file a data error', () => {
    const kind = t.run('export', 'people');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/value 'people' is invalid/);
    expect(t.run('export', 'service', '--encoding', 'latin1').code).toBe(2);
    const org = t.run('export', 'volunteers', '--org', 'X99');
    expect(org.code).toBe(1);
    expect(org.stderr).toBe('vledger: --org: no organisation "X99"; register it first (vledger register org) or check the code\n');
    const file = t.run('export', 'volunteers', '-o', join(t.dir, 'no-such-folder', 'v.csv'));
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/no-such-folder\/v\.csv: cannot write here \(ENOENT\); check the folder exists and is writable\n$/);
    expect(file.stderr).not.toContain('    at ');
  });
});

describe('round trip: export every kind --unmasked, import into an empty database', () => {
  const exportAll = async (db: string, extra: string[] = []) => {
    const out: Record<string, string> = {};
    for (const kind of KINDS) {
      const r = await runInProcess(db, ['export', kind, '--unmasked', '--all', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      out[kind] = r.stdout;
    }
    return out;
  };

  /** Exports each kind to DIR with the given flags and imports those files into an empty database. */
  async function roundTrip(source: string, dir: string, flags: string[]): Promise<string> {
    const target = join(dir, 'copy.db');
    for (const kind of KINDS) {
      const file = join(dir, `${kind}.csv`);
      const e = await runInProcess(source, ['export', kind, '--unmasked', ...flags, '-o', file]);
      expect(e.code, e.stderr).toBe(0);
      const i = await runInProcess(target, ['import', kind, file]);
      expect(i.code, `${kind}: ${i.stderr}`).toBe(0);
    }
    return target;
  }

  test('the examples: every kind and the award lists come out the same', async () => {
    const src = tempDb('vledger-rt-src-');
    const dst = tempDb('vledger-rt-dst-');
    try {
      for (const kind of KINDS) {
        const r = await runInProcess(src.dbPath, ['import', kind, join(ROOT, 'examples', `${kind}.csv`)]);
        expect(r.code, `${kind}: ${r.stderr}`).toBe(0);
      }
      const copy = await roundTrip(src.dbPath, dst.dir, []);
      expect(await exportAll(copy)).toEqual(await exportAll(src.dbPath));
      for (const args of [['report', 'awards', '--year', '2025'], ['report', 'assessment', '--year', '2025'], ['rank', '--year', '2025']]) {
        const before = await runInProcess(src.dbPath, [...args, '--format', 'csv']);
        if (before.code === 2 && /unknown command/.test(before.stderr)) continue; // not built yet
        expect(before.code, before.stderr).toBe(0);
        expect(before.stdout.split('\r\n').length, args.join(' ')).toBeGreaterThan(2);
        expect((await runInProcess(copy, [...args, '--format', 'csv'])).stdout, args.join(' ')).toBe(before.stdout);
      }
    } finally {
      src.cleanup();
      dst.cleanup();
    }
  });

  test('Chinese headings, GB18030, voided and pending rows survive too', async () => {
    const dst = tempDb('vledger-rt-zh-');
    try {
      const copy = await roundTrip(t.dbPath, dst.dir, ['--headers', 'zh', '--encoding', 'gb18030', '--all']);
      expect(await exportAll(copy)).toEqual(await exportAll(t.dbPath));
      expect(query(copy, 'SELECT void_reason FROM records WHERE id = ?', VOIDED_ID)).toEqual([{ void_reason: '日期填错' }]);
      expect(counts(copy).records).toBe(counts(t.dbPath).records);
    } finally {
      dst.cleanup();
    }
  });
});
