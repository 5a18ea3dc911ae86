// A seeded mutator of valid import files (bytes flipped, cells swapped, quotes broken, huge cells,
// NULs, formula cells, 100k columns, truncated UTF-8 …) and the loop that imports each mutant
// in-process and checks the contract: exit 0, or exit 1 with a message, no stack trace, and the
// database untouched. Shared by test/cli/fuzz.test.ts (1,000 cases) and test/stress (20,000).
import { rmSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { counts, IDS } from './cli.js';
import { runInProcess } from './in-process.js';

/** mulberry32: a small seeded PRNG, so a failing case is reproduced by its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid files for a database seeded by seedBasic (orgs G01 B11 B12, team T01, activity A0001, four volunteers). */
export const VALID: Record<string, string> = {
  orgs: 'code,name,parent,kind\nB21,第二十一党支部,G01,branch\nB22,第二十二党支部,G01,党支部\n',
  volunteers: `姓名,所在支部,政治面貌,身份证号,手机号,注册日期\n周七,B11,中共党员,${IDS.wang},13800001111,2026-01-02\n吴八,B12,群众,,010-87654321,2026/1/3\n`,
  teams: 'code,name,org,leader,founded_on\nT02,蓝天志愿服务队,B12,B12-0001,2026-02-01\n',
  members: '服务队,志愿者编号,加入日期\nT01,B11-0003,2026-02-01\n',
  activities: 'code,title,org,team,category,location,date,end_date\nA0002,关爱老人,B11,T01,敬老,幸福社区,2026-04-01,2026-04-03\n',
  service: 'volunteer_no,date,start,end,hours,activity,role,evaluation,note\n'
    + 'B11-0001,2026-03-05,09:00,11:30,2.5,A0001,leader,满意,"带队, 清扫"\n'
    + '李四,2026-03-05,09:00,10:00,1,A0001,参与者,比较满意,\n'
    + 'B12-0001,2026年4月2日,,,3,,participant,,补录\n',
  training: '志愿者编号,日期,时长,培训内容,主办单位\nB11-0001,2026-04-10,2,急救培训,红十字会\nB11-0002,2026-04-10,1.5,急救培训,红十字会\n',
  commendations: 'volunteer_no,date,title,level,issuer\nB11-0001,2026-05-04,优秀志愿者,市级,市文明办\n',
  complaints: 'volunteer_no,date,description,upheld\nB11-0002,2026-05-06,服务态度,否\n',
  'no-shows': 'volunteer_no,date,activity\nB11-0003,2026-03-05,A0001\n',
  adjustments: 'volunteer_no,date,points,reason\nB11-0001,2026-06-01,+2.5,奖励\nB11-0002,2026-06-01,-1,扣分\n',
};
export const KINDS = Object.keys(VALID);

const FORMULAS = ["=cmd|' /C calc'!A0", '+1', '-2+3', '@SUM(A1)', '\t=1', "'=1+1", '=HYPERLINK("http://x","y")'];
const CHINESE = '张三李四王五赵六志愿服务党支部满意';

type Mutator = (buf: Buffer, r: () => number) => Buffer;

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const int = (n: number, r: () => number) => Math.floor(r() * n);

function lines(buf: Buffer): string[] {
  return buf.toString('utf8').split('\n');
}

function cellsEdit(buf: Buffer, r: () => number, edit: (cells: string[]) => void): Buffer {
  const ls = lines(buf);
  const i = int(ls.length, r);
  const cells = ls[i]!.split(',');
  edit(cells);
  ls[i] = cells.join(',');
  return Buffer.from(ls.join('\n'));
}

export const MUTATORS: Record<string, Mutator> = {
  flipBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let k = 1 + int(5, r); k > 0 && out.length; k--) out[int(out.length, r)] = int(256, r);
    return out;
  },
  swapCells: (b, r) => cellsEdit(b, r, (c) => {
    const i = int(c.length, r);
    const j = int(c.length, r);
    [c[i], c[j]] = [c[j]!, c[i]!];
  }),
  swapLines: (b, r) => {
    const ls = lines(b);
    const i = int(ls.length, r);
    const j = int(ls.length, r);
    [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    return Buffer.from(ls.join('\n'));
  },
  breakQuote: (b, r) => {
    const s = b.toString('utf8');
    const at = int(s.length + 1, r);
    return Buffer.from(s.slice(0, at) + pick(['"', '""', '"x', 'a"b', '"\n'], r) + s.slice(at));
  },
  hugeCell: (b, r) => cellsEdit(b, r, (c) => { c[int(c.length, r)] = pick(['x', '9', '张', '"'], r).repeat(pick([5_000, 100_000, 1_000_000], r)); }),
  nulBytes: (b, r) => {
    const s = b.toString('utf8');
    const at = int(s.length + 1, r);
    return Buffer.from(s.slice(0, at) + '\0'.repeat(1 + int(3, r)) + s.slice(at));
  },
  formulaCell: (b, r) => cellsEdit(b, r, (c) => { c[int(c.length, r)] = pick(FORMULAS, r); }),
  manyColumns: (b, r) => {
    const ls = lines(b);
    const i = r() < 0.5 ? 0 : int(ls.length, r);
    ls[i] = ls[i] + ',x'.repeat(100_000);
    return Buffer.from(ls.join('\n'));
  },
  truncateUtf8: (b, r) => {
    // cut inside a multi-byte character when there is one
    const starts: number[] = [];
    for (let i = 0; i < b.length; i++) if (b[i]! >= 0xc0) starts.push(i);
    const at = starts.length ? pick(starts, r) + 1 : int(b.length + 1, r);
    return b.subarray(0, at);
  },
  truncate: (b, r) => b.subarray(0, int(b.length + 1, r)),
  dropLine: (b, r) => {
    const ls = lines(b);
    ls.splice(int(ls.length, r), 1);
    return Buffer.from(ls.join('\n'));
  },
  duplicateLine: (b, r) => {
    const ls = lines(b);
    const i = 1 + int(Math.max(1, ls.length - 1), r);
    ls.splice(i, 0, ls[Math.min(i, ls.length - 1)]!);
    return Buffer.from(ls.join('\n'));
  },
  lineEndings: (b, r) => Buffer.from(b.toString('utf8').replace(/\n/g, () => pick(['\r\n', '\r', '\n', '\n\n', '\u2028'], r))),
  bom: (b, r) => Buffer.concat([Buffer.from(pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb]], r)), b]),
  emptyCells: (b, r) => cellsEdit(b, r, (c) => { c[int(c.length, r)] = pick(['', ' ', '""', '　'], r); }),
  extraCells: (b, r) => cellsEdit(b, r, (c) => { c.push(...Array.from({ length: 1 + int(4, r) }, () => pick(['x', '', '1'], r))); }),
  fewerCells: (b, r) => cellsEdit(b, r, (c) => { c.splice(int(c.length, r)); }),
  weirdValues: (b, r) => cellsEdit(b, r, (c) => {
    c[int(c.length, r)] = pick(['-1', '0', '25', '1e9', 'NaN', '1.10105E+17', '2026-02-30', '9999-12-31', '00:00', '24:00', '23:59:60',
      'null', 'undefined', '中共党员', '满意', 'B99-9999', IDS.zhang, '110101199003071234', '13800000000', '1'.repeat(400), '\u202e', '\ud800'], r);
  }),
  chinese: (b, r) => cellsEdit(b, r, (c) => { c[int(c.length, r)] = Array.from({ length: 1 + int(30, r) }, () => pick([...CHINESE], r)).join(''); }),
  // the same text as Excel saves it on Chinese Windows, or as UTF-16 with and without its BOM
  gbk: (b) => iconv.encode(b.toString('utf8'), 'gb18030'),
  utf16: (b, r) => Buffer.concat([r() < 0.7 ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), iconv.encode(b.toString('utf8'), 'utf-16le')]),
  garbage: (_b, r) => Buffer.from(Array.from({ length: int(4096, r) }, () => int(256, r))),
  headerOnly: (b) => Buffer.from(lines(b)[0]! + '\n'),
};

/** 1 to 3 mutations of one valid file; the names say which, for the failure message. */
export function mutant(seed: number): { kind: string; bytes: Buffer; steps: string[]; flags: string[] } {
  const r = rng(seed);
  const kind = pick(KINDS, r);
  let bytes: Buffer = Buffer.from(VALID[kind]!);
  const steps: string[] = [];
  const names = Object.keys(MUTATORS);
  for (let k = 1 + int(3, r); k > 0; k--) {
    const name = pick(names, r);
    bytes = MUTATORS[name]!(bytes, r);
    steps.push(name);
  }
  const f = r();
  const flags = f < 0.1 ? ['--dry-run'] : f < 0.2 ? ['--skip-invalid'] : f < 0.25 ? ['--ignore-unknown'] : [];
  return { kind, bytes, steps, flags };
}

/** The longest stderr line a clerk should have to read. */
const MAX_LINE = 2000;

export interface FuzzFailure { seed: number; kind: string; steps: string[]; flags: string[]; problem: string }

/**
 * Imports the mutants of seeds [from, from + n) into dbPath one by one and checks each; returns
 * the failures (empty when the contract held) and how many imports succeeded.
 */
export async function fuzzImports(dbPath: string, dir: string, from: number, n: number): Promise<{ failures: FuzzFailure[]; succeeded: number }> {
  const failures: FuzzFailure[] = [];
  let succeeded = 0;
  let before = counts(dbPath);
  for (let seed = from; seed < from + n; seed++) {
    const m = mutant(seed);
    const file = join(dir, `case-${seed}.csv`);
    writeFileSync(file, m.bytes);
    const rejects = join(dir, `case-${seed}.rejects.csv`);
    const args = ['import', m.kind, file, ...m.flags, ...(m.flags.includes('--skip-invalid') ? ['--reject-file', rejects] : [])];
    const fail = (problem: string) => failures.push({ seed, kind: m.kind, steps: m.steps, flags: m.flags, problem });
    let r;
    try {
      r = await runInProcess(dbPath, args);
    } catch (e) {
      fail(`threw out of main(): ${(e as Error).stack}`);
      continue;
    } finally {
      rmSync(file, { force: true });
      rmSync(rejects, { force: true });
    }
    const after = counts(dbPath);
    const changed = JSON.stringify(after) !== JSON.stringify(before);
    if (/\n\s+at /.test(r.stderr) || r.stderr.includes('internal error')) fail(`stack trace or internal error: ${r.stderr.slice(0, 2000)}`);
    // a message quotes what is wrong, not the whole hostile cell or header
    const longest = Math.max(...r.stderr.split('\n').map((l) => l.length));
    if (longest > MAX_LINE) fail(`a message line of ${longest} characters: ${r.stderr.slice(0, 300)}…`);
    if (r.code === 0) {
      succeeded++;
      if (m.flags.includes('--dry-run') && changed) fail(`a dry run changed the database: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    } else if (r.code === 1) {
      const last = r.stderr.trimEnd().split('\n').at(-1) ?? '';
      if (!last.startsWith('vledger: ')) fail(`exit 1 without a closing "vledger: …" message: ${r.stderr.slice(-500)}`);
      if (changed) fail(`failed but changed the database: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    } else {
      fail(`exit ${r.code}: ${r.stderr.slice(0, 500)}`);
    }
    before = after;
  }
  return { failures, succeeded };
}
