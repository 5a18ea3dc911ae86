// Seeded generator of a city for the benchmark: an org tree, volunteers, teams, members and
// activities (the roster CSVs) and one year of service records that all pass validation.
// Usage: node bench/gen.js [--rows 1000000] [--volunteers 20000] [--seed 7] [--out DIR]
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const YEAR = 2025;
const GEN_VERSION = 2; // bump when the output changes, so that cached data is regenerated

/** sfc32: small, fast and good enough; every run with the same seed writes the same bytes. */
function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ (b >>> 9);
    b = c + (c << 3) | 0;
    c = (c << 21) | (c >>> 11);
    c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕晓东春雨立新文博子涵浩然思远佳怡雪梅德胜永红建华卫东';
const REGIONS = ['110101', '110105', '310104', '310115', '440106', '420102', '510104', '330106', '320102', '370102', '610113', '500103'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const UNITS = ['发展改革委', '教育局', '科技局', '民政局', '司法局', '财政局', '人社局', '自然资源局', '生态环境局', '住建局',
  '交通运输局', '水务局', '农业农村局', '商务局', '文旅局', '卫健委', '应急管理局', '审计局', '市场监管局', '统计局',
  '医保局', '城管委', '信访局', '机关事务局', '档案馆', '总工会', '团市委', '妇联', '科协', '社科院',
  '党校', '政务服务局', '税务局', '公积金中心', '气象局', '邮政管理局', '体育局', '林业局', '粮食局', '侨办'];
const CATEGORIES = ['理论宣讲', '社区服务', '助老助残', '环境保护', '文明交通', '扶贫帮困', '医疗卫生', '文化服务', '应急救援', '法律咨询'];
const LOCATIONS = ['人民广场', '和平社区', '幸福里社区', '市图书馆', '滨江公园', '第一中学', '火车站', '市民中心', '东湖街道', '光明敬老院'];
const NOTES = ['', '', '', '冒雨坚持', '带队', '补充材料已交', '群众来信表扬', '协助维持秩序'];

/** An 18-digit resident id with a correct GB 11643 check digit. */
function residentId(region, birth, seq, male) {
  const body = `${region}${birth.replaceAll('-', '')}${pad(seq, 2)}${male ? 1 + 2 * (seq % 5) : 2 * (seq % 5)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

/** A CSV cell: quoted only when it has to be. */
const cell = (v) => (v === undefined || v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));

/** Buffered writes so that a million rows do not become a million syscalls. */
class CsvFile {
  constructor(path, header) {
    this.fd = openSync(path, 'w');
    this.buf = [];
    this.size = 0;
    this.rows = 0;
    this.line(header);
    this.rows = 0;
  }
  line(cells) {
    const s = cells.map(cell).join(',') + '\n';
    this.buf.push(s);
    this.size += s.length;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf.length) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return this.rows;
  }
}

const dayOfYear = (iso) => Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(YEAR, 0, 1)) / 86400000);
const isoOfDay = (d) => new Date(Date.UTC(YEAR, 0, 1 + d)).toISOString().slice(0, 10);
const hhmm = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const hours = (m) => String(Math.round((m / 60) * 100) / 100);

/**
 * Writes orgs, volunteers, teams, members, activities and service CSVs into `out` and
 * returns a manifest of what it wrote. Reuses `out` when its manifest matches the request.
 */
export function generate({ rows = 1_000_000, volunteers = 20_000, seed = 7, out }) {
  const manifestFile = join(out, 'manifest.json');
  const want = { version: GEN_VERSION, rows, volunteers, seed, year: YEAR };
  if (existsSync(manifestFile)) {
    const have = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (['version', 'rows', 'volunteers', 'seed', 'year'].every((k) => have[k] === want[k])) return { ...have, reused: true };
  }
  mkdirSync(out, { recursive: true });
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const chance = (p) => rand() < p;
  const days = isoOfDay(365) === `${YEAR + 1}-01-01` ? 365 : 366;

  // --- organisations: 工委 → unit committees (some with a general branch) → branches
  const orgs = new CsvFile(join(out, 'orgs.csv'), ['code', 'name', 'parent', 'kind']);
  orgs.line(['G01', '市直机关工委', '', 'committee']);
  const branches = []; // { code, name }
  const units = Math.max(1, Math.min(UNITS.length, Math.round(volunteers / 500)));
  for (let u = 1; u <= units; u++) {
    const unit = UNITS[u - 1], code = `C${pad(u)}`;
    orgs.line([code, `${unit}机关党委`, 'G01', 'committee']);
    let parent = code;
    if (u % 4 === 0) { parent = `${code}Z1`; orgs.line([parent, `${unit}机关党总支`, code, 'general_branch']); }
    const n = Math.max(1, Math.round(volunteers / 50 / units) + int(-2, 2));
    for (let b = 1; b <= n; b++) {
      const br = { code: `${code}B${pad(b)}`, name: `${unit}第${b}党支部`, volunteers: [] };
      branches.push(br);
      orgs.line([br.code, br.name, parent, 'branch']);
    }
  }

  // --- volunteers: mostly party members, a few who left during the year
  const vols = new CsvFile(join(out, 'volunteers.csv'), ['volunteer_no', 'name', 'id_type', 'id_number', 'gender', 'phone',
    'political_status', 'org', 'skills', 'registered_on', 'status', 'left_on', 'disciplined_in']);
  const V = []; // { no, branch, weight, leftDay }
  const ids = new Set();
  for (let i = 0; i < volunteers; i++) {
    const br = branches[i % branches.length];
    const no = `${br.code}-${pad(br.volunteers.length + 1, 4)}`;
    const male = chance(0.55);
    const birth = `${int(1958, 2003)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    let id;
    do id = residentId(pick(REGIONS), birth, int(0, 99), male); while (ids.has(id));
    ids.add(id);
    const r = rand();
    const status = r < 0.8 ? 'party_member' : r < 0.84 ? 'probationary' : r < 0.88 ? 'league_member' : 'masses';
    const s = rand();
    const leftDay = s < 0.015 ? int(60, 330) : undefined;
    const name = pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : '');
    // a skewed activity level: most volunteers serve a few times a month, some every other day
    const weight = Math.exp(0.9 * (rand() + rand() + rand() - 1.5) * 2);
    const v = { no, branch: br, weight, leftDay, nextFree: null };
    V.push(v);
    br.volunteers.push(v);
    vols.line([no, name, 'resident_id', id, male ? 'male' : 'female', `1${int(3, 9)}${pad(int(0, 999999999), 9)}`, status, br.code,
      chance(0.3) ? pick(CATEGORIES) : '', `${int(2016, 2024)}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
      leftDay !== undefined ? 'left' : s > 0.99 ? 'suspended' : 'active', leftDay !== undefined ? isoOfDay(leftDay) : '',
      s > 0.5 && s < 0.503 ? YEAR : '']);
  }

  // --- teams (one for every second branch) and their members from that branch
  const teamsCsv = new CsvFile(join(out, 'teams.csv'), ['code', 'name', 'org', 'leader', 'founded_on']);
  const membersCsv = new CsvFile(join(out, 'members.csv'), ['team', 'volunteer_no', 'joined_on', 'left_on']);
  const teams = [];
  branches.forEach((br, i) => {
    if (i % 2 !== 0 || br.volunteers.length < 5) return;
    const t = { code: `T${pad(teams.length + 1, 4)}`, branch: br, members: [] };
    teams.push(t);
    const pool = br.volunteers.filter((v) => v.leftDay === undefined);
    const size = Math.min(pool.length, int(8, 25));
    for (let k = 0; k < size; k++) t.members.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
    t.leader = t.members[0];
    teamsCsv.line([t.code, `${br.name.replace(/党支部$/, '')}党员志愿服务队`, br.code, t.leader.no, `${int(2015, 2024)}-${pad(int(1, 12))}-01`]);
    for (const m of t.members) membersCsv.line([t.code, m.no, `${int(2015, 2024)}-${pad(int(1, 12))}-${pad(int(1, 28))}`, chance(0.03) ? `${YEAR}-${pad(int(1, 12))}-15` : '']);
  });

  // --- activities of the year: a branch's or its team's, on one day or a few
  const actsCsv = new CsvFile(join(out, 'activities.csv'), ['code', 'title', 'org', 'team', 'category', 'location', 'date', 'end_date']);
  const byDay = Array.from({ length: days }, () => []);
  const activityCount = Math.max(12, Math.round(volunteers / 5));
  for (let k = 1; k <= activityCount; k++) {
    const team = chance(0.6) ? pick(teams) : undefined;
    const br = team ? team.branch : pick(branches);
    const day = int(0, days - 1), len = chance(0.1) ? int(1, 3) : 0;
    const category = pick(CATEGORIES);
    const a = { code: `A${String(YEAR).slice(2)}-${pad(k, 5)}`, team, branch: br, start: pick([480, 510, 540, 570, 840, 870]), minutes: pick([60, 90, 120, 150, 180, 240]) };
    actsCsv.line([a.code, `${category}活动${k}`, br.code, team?.code ?? '', category, pick(LOCATIONS), isoOfDay(day), len ? isoOfDay(Math.min(days - 1, day + len)) : '']);
    for (let d = day; d <= Math.min(days - 1, day + len); d++) byDay[d].push(a);
  }

  // --- service records, in date order (as a city-wide year export would be)
  const service = new CsvFile(join(out, 'service.csv'), ['volunteer_no', 'date', 'start', 'end', 'hours', 'activity', 'category', 'role', 'evaluation', 'status', 'note']);
  const cumulative = new Float64Array(V.length);
  V.reduce((s, v, i) => (cumulative[i] = s + v.weight), 0);
  const total = cumulative[V.length - 1];
  const byWeight = () => {
    const x = rand() * total;
    let lo = 0, hi = V.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return V[lo];
  };
  const dayWeight = (d) => {
    const iso = isoOfDay(d), dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
    return (iso.endsWith('03-05') || iso.endsWith('12-05') ? 4 : 1) * (dow === 0 || dow === 6 ? 1.6 : 1);
  };
  const weights = Array.from({ length: days }, (_, d) => dayWeight(d));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const evaluation = () => { const r = rand(); return r < 0.62 ? 'satisfied' : r < 0.76 ? 'fairly_satisfied' : r < 0.8 ? 'basically_satisfied' : r < 0.815 ? 'dissatisfied' : ''; };
  let written = 0, acc = 0;
  const stats = { timed: 0, hoursOnly: 0, both: 0, onActivity: 0, pending: 0, leader: 0 };
  for (let d = 0; d < days; d++) {
    acc += (weights[d] / weightSum) * rows;
    const target = d === days - 1 ? rows : Math.round(acc);
    // per volunteer, this day: the next free minute (records never overlap, so never repeat)
    // and whether an hours-only record is already there (two equal ones would be duplicates)
    const free = new Map();
    const date = isoOfDay(d);
    while (written < target) {
      const acts = byDay[d];
      let v, start, minutes, activity, role = 'participant';
      if (acts.length && chance(0.35)) {
        const a = pick(acts);
        const pool = a.team && chance(0.8) ? a.team.members : a.branch.volunteers;
        v = pick(pool);
        start = a.start; minutes = a.minutes; activity = a;
        if (a.team && v === a.team.leader) role = 'leader';
      } else {
        v = byWeight();
        minutes = 15 * int(2, 16);
        start = undefined;
      }
      if (v.leftDay !== undefined && d >= v.leftDay) continue;
      const f = free.get(v) ?? { next: 0, hoursOnly: false };
      if (!activity && !f.hoursOnly && chance(0.17)) {
        f.hoursOnly = true;
        free.set(v, f);
        stats.hoursOnly++;
        service.line([v.no, date, '', '', hours(minutes), '', chance(0.7) ? pick(CATEGORIES) : '', chance(0.05) ? 'leader' : 'participant', evaluation(), chance(0.02) ? 'pending' : '', pick(NOTES)]);
        written++;
        continue;
      }
      if (start === undefined) start = f.next ? f.next + 15 * int(0, 4) : 15 * int(28, 60);
      if (start < f.next || start + minutes > 22 * 60) continue; // that volunteer is busy then: draw again
      f.next = start + minutes;
      free.set(v, f);
      if (activity) stats.onActivity++;
      if (role === 'leader' || (!activity && chance(0.05))) { role = 'leader'; stats.leader++; }
      const both = chance(0.1);
      if (both) stats.both++; else stats.timed++;
      const status = chance(0.02) ? 'pending' : '';
      if (status) stats.pending++;
      service.line([v.no, date, hhmm(start), hhmm(start + minutes), both ? hours(minutes) : '', activity?.code ?? '',
        activity ? '' : chance(0.7) ? pick(CATEGORIES) : '', role, evaluation(), status, pick(NOTES)]);
      written++;
    }
  }

  const manifest = {
    ...want,
    files: {
      orgs: orgs.close(), volunteers: vols.close(), teams: teamsCsv.close(), members: membersCsv.close(),
      activities: actsCsv.close(), service: service.close(),
    },
    service: stats,
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, reused: false };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const rows = Number(arg('rows', process.env.BENCH_ROWS ?? 1_000_000));
  const volunteers = Number(arg('volunteers', process.env.BENCH_VOLUNTEERS ?? 20_000));
  const seed = Number(arg('seed', process.env.BENCH_SEED ?? 7));
  const out = arg('out', join(fileURLToPath(new URL('.', import.meta.url)), 'data', `${rows}-${volunteers}-${seed}`));
  const t0 = performance.now();
  const m = generate({ rows, volunteers, seed, out });
  process.stderr.write(`${m.reused ? 'reused' : 'wrote'} ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(m.files)}\n`);
}
