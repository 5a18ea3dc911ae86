#!/usr/bin/env node
// Writes examples/: the 2025 data set of a small fictional city (SPEC 10) as the CSV files a
// clerk would keep, then checks it and prints a summary. Deterministic (seeded PRNG, no clock):
// running it again rewrites byte-identical files. Usage: node scripts/gen-examples.mjs [--check]
// (--check: verify and print without writing).

import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const YEAR = 2025;
const WRITE = !process.argv.includes('--check');

// ---------------------------------------------------------------- deterministic randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250305);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
function shuffle(arr) {
  const a = [...arr];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function weightedPick(items, weight) {
  const total = items.reduce((s, x) => s + weight(x), 0);
  let r = rand() * total;
  for (const x of items) {
    r -= weight(x);
    if (r < 0) return x;
  }
  return items[items.length - 1];
}
/** k items without replacement, each draw weighted. */
function weightedSample(items, k, weight) {
  const pool = items.filter((x) => weight(x) > 0);
  const out = [];
  while (out.length < k && pool.length) {
    const x = weightedPick(pool, weight);
    out.push(x);
    pool.splice(pool.indexOf(x), 1);
  }
  return out;
}

// ---------------------------------------------------------------- dates and times

const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86400000;
const dateOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso, n) => isoOf(dateOf(iso) + n * DAY_MS);
const weekday = (iso) => new Date(dateOf(iso)).getUTCDay(); // 0 = Sunday
const toMin = (hhmm) => +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);
const toHHMM = (m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const daysBetween = (from, to) => {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const YEAR_DAYS = daysBetween(`${YEAR}-01-02`, `${YEAR}-12-30`);

// ---------------------------------------------------------------- organisations

const ORGS = [
  { code: 'G01', name: '市直机关工委', parent: '', kind: 'committee' },
  { code: 'Z1', name: '市财政局机关党总支', parent: 'G01', kind: 'general_branch' },
  { code: 'Z2', name: '市卫生健康委员会机关党总支', parent: 'G01', kind: 'general_branch' },
  { code: 'B11', name: '市财政局机关第一党支部', parent: 'Z1', kind: 'branch' },
  { code: 'B12', name: '市财政局机关第二党支部', parent: 'Z1', kind: 'branch' },
  { code: 'B21', name: '市卫生健康委员会机关第一党支部', parent: 'Z2', kind: 'branch' },
  { code: 'B22', name: '市卫生健康委员会机关第二党支部', parent: 'Z2', kind: 'branch' },
  { code: 'B31', name: '市教育局机关党支部', parent: 'G01', kind: 'branch' },
  { code: 'B41', name: '市民政局机关党支部', parent: 'G01', kind: 'branch' },
];
const ORG = Object.fromEntries(ORGS.map((o) => [o.code, o]));
const inSubtree = (code, root) => {
  for (let c = code; c; c = ORG[c]?.parent) if (c === root) return true;
  return false;
};

// ---------------------------------------------------------------- people

const SURNAMES = ('王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'
  + '蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万覃戴向汤文').split('');
const MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '凯',
  '建华', '建国', '志强', '志明', '海涛', '国庆', '文斌', '俊杰', '浩然', '子轩', '宇航', '振宇', '立新', '卫东', '红军', '永刚',
  '德明', '晓东', '家豪', '博文', '新民', '春生', '学军', '光荣', '世杰', '长青'];
const FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '颖', '倩', '洁', '慧', '丹',
  '秀英', '桂英', '秀兰', '玉兰', '晓燕', '丽华', '春梅', '海燕', '雪梅', '红霞', '思雨', '欣怡', '梦瑶', '雨欣', '佳琪', '晓丽',
  '文静', '美玲', '凤英', '淑珍', '婉清', '子涵'];
// Address codes of the ids: mostly the city's districts and counties, a few from elsewhere.
const HOME_AREAS = ['430702', '430702', '430702', '430703', '430703', '430721', '430722', '430723', '430724', '430725', '430726', '430781'];
const AWAY_AREAS = ['430104', '420106', '431002', '360102', '430602'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const checkChar = (first17) => ID_CHECK[[...first17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0) % 11];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158',
  '159', '166', '173', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];
const SKILLS = {
  Z1: ['财务咨询', '政策解读', '理论宣讲', '摄影摄像', '文字宣传', '驾驶'],
  Z2: ['医疗救护', '健康咨询', '心理疏导', '急救培训', '护理', '理论宣讲'],
  B31: ['教育辅导', '心理疏导', '文艺表演', '理论宣讲', '书法'],
  B41: ['社会工作', '法律咨询', '助老服务', '家政服务', '文艺表演', '理论宣讲'],
};
const skillsFor = (org) => SKILLS[org] ?? SKILLS[ORG[org].parent];

// Composition per branch. Letters: P 中共党员, Y 中共预备党员, T 共青团员, Q 群众. Tags name the
// volunteers the award story is built around (see examples/README.md):
//   S1..S7 heavy volunteers; M1 a heavy non-member; L1 left in June; D1 disciplined (= S4);
//   LOW* party members with >= 20 h and too many 不满意; IDLE* registered party members who did
//   nothing in 2025; TW1/TW2 a couple who always serve together (a tie away from the cut).
const COMPOSITION = {
  B11: ['P:S2', 'P:S7', 'P:LOW1', 'P:IDLE1', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'Y', 'T', 'Q:NAME王芳'],
  B12: ['P:S5', 'P:L1', 'P:IDLE2', 'P:LOWH1', 'P', 'P', 'P', 'P', 'P', 'Y', 'T', 'Q:NAME张伟'],
  B21: ['P:S1', 'P:LOW2', 'P:IDLE3', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'Y', 'T', 'Q'],
  B22: ['Y:S6', 'P:IDLE4', 'P:LOWH2', 'P', 'P', 'P', 'P', 'P', 'P', 'T', 'T'],
  B31: ['P:S3', 'P:TW1', 'P:TW2', 'P:IDLE5', 'P', 'P', 'P', 'P', 'P:NAME张伟', 'Y', 'T', 'T', 'Q'],
  B41: ['P:S4', 'P:IDLE6', 'P', 'P', 'P', 'P', 'Y', 'T', 'Q:M1', 'Q:NAME王芳', 'Q', 'Q', 'Q', 'Q', 'Q', 'Q', 'Q'],
};
const PS = { P: 'party_member', Y: 'probationary', T: 'league_member', Q: 'masses' };
const PS_ZH = { party_member: '中共党员', probationary: '中共预备党员', league_member: '共青团员', masses: '群众' };
const isParty = (v) => v.ps === 'party_member' || v.ps === 'probationary';

const volunteers = [];
const byNo = new Map();
const byTag = {};
const usedIds = new Set();
const usedPhones = new Set();
{
  const namesInOrg = {};
  for (const [org, comp] of Object.entries(COMPOSITION)) {
    namesInOrg[org] = new Set();
    comp.forEach((spec, i) => {
      const [letter, tag = ''] = spec.split(':');
      const ps = PS[letter];
      const retiree = ps === 'masses' && org === 'B41' && tag !== 'NAME王芳';
      let name = '';
      let gender;
      if (tag.startsWith('NAME')) {
        name = tag.slice(4);
        gender = name === '王芳' ? 'female' : 'male';
      } else {
        gender = chance(org === 'B21' || org === 'B22' || org === 'B31' ? 0.55 : 0.42) ? 'female' : 'male';
        if (tag === 'TW1') gender = 'male';
        if (tag === 'TW2') gender = 'female';
        do name = pick(SURNAMES) + pick(gender === 'male' ? MALE : FEMALE);
        while (namesInOrg[org].has(name) || name === '王芳' || name === '张伟');
      }
      namesInOrg[org].add(name);
      const birthYear = retiree ? int(1956, 1965)
        : ps === 'league_member' ? int(1998, 2004)
        : ps === 'probationary' ? int(1992, 2000)
        : ps === 'masses' ? int(1972, 1999)
        : tag === 'TW1' || tag === 'TW2' ? 1986
        : int(1966, 1997);
      const birth = `${birthYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
      const area = chance(0.85) ? pick(HOME_AREAS) : pick(AWAY_AREAS);
      let idNumber;
      do {
        let seq = int(1, 999);
        if ((seq % 2 === 1) !== (gender === 'male')) seq = seq === 999 ? 998 : seq + 1;
        const first17 = area + birth.replaceAll('-', '') + pad(seq, 3);
        idNumber = first17 + checkChar(first17);
      } while (usedIds.has(idNumber));
      usedIds.add(idNumber);
      let phone = '';
      if (retiree && i % 5 === 0) phone = `0736-7${pad(int(100000, 999999), 6)}`;
      else if (!(ps === 'masses' && i === 12)) { // two community volunteers gave no phone
        do phone = pick(MOBILE_PREFIXES) + pad(int(0, 99999999), 8);
        while (usedPhones.has(phone));
        usedPhones.add(phone);
      }
      const skills = chance(0.85) ? shuffle(skillsFor(org)).slice(0, int(1, 2)).join('、') : '';
      // Most joined when the programme started in 2024; a few were recruited around 学雷锋日 2025.
      const late = !tag.startsWith('S') && !['TW1', 'TW2', 'L1', 'M1'].includes(tag) && chance(0.12);
      const registered = late ? pick(daysBetween(`${YEAR}-02-20`, `${YEAR}-04-30`)) : pick(daysBetween('2024-03-01', '2024-11-30'));
      const v = {
        no: `${org}-${pad(i + 1, 4)}`, name, idNumber, gender, birth, phone, ps, org, skills, registered,
        status: 'active', leftOn: '', disciplinedIn: '', tag,
        // propensities: share of own team's activities attended, and records outside activities
        act: 0, free: 0,
      };
      volunteers.push(v);
      byNo.set(v.no, v);
      if (tag && !tag.startsWith('NAME')) byTag[tag] = v;
    });
  }
}
const L1 = byTag.L1;
L1.status = 'left';
L1.leftOn = `${YEAR}-06-20`;
byTag.S4.disciplinedIn = String(YEAR);

for (const v of volunteers) {
  const t = v.tag;
  if (t.startsWith('IDLE')) [v.act, v.free] = [0, 0];
  else if (t === 'S1') [v.act, v.free] = [1, 44];
  else if (t === 'S2') [v.act, v.free] = [1, 44];
  else if (t === 'S3') [v.act, v.free] = [1, 40];
  else if (t === 'S4') [v.act, v.free] = [1, 42];
  else if (t === 'S5') [v.act, v.free] = [1, 36];
  else if (t === 'S6') [v.act, v.free] = [0.95, 34];
  else if (t === 'S7') [v.act, v.free] = [0.95, 26];
  else if (t === 'M1') [v.act, v.free] = [1, 40];
  else if (t === 'L1') [v.act, v.free] = [0.8, 7];
  else if (t.startsWith('LOWH')) [v.act, v.free] = [0.3, 1]; // too few hours
  else if (t.startsWith('LOW')) [v.act, v.free] = [0.75, 12];
  else if (t === 'TW1' || t === 'TW2') [v.act, v.free] = [0.8, 12];
  else if (isParty(v)) [v.act, v.free] = [0.45 + rand() * 0.45, int(5, 15)];
  else [v.act, v.free] = [0.4 + rand() * 0.45, int(3, 11)];
}

// ---------------------------------------------------------------- teams and members

const TEAMS = [
  { code: 'T01', name: '市财政局“先锋”党员志愿服务队', org: 'B11', leader: 'S2', founded: '2024-03-05',
    members: [['B11', 10, ['S2', 'S7', 'LOW1', 'IDLE1']], ['B12', 4, []]] },
  { code: 'T02', name: '市财政局文明交通志愿服务队', org: 'B12', leader: 'S5', founded: '2024-04-15',
    members: [['B12', 8, ['S5', 'L1', 'LOWH1']], ['B11', 2, []]] },
  { code: 'T03', name: '市卫健委“健康守护”志愿服务队', org: 'B21', leader: 'S1', founded: '2024-03-05',
    members: [['B21', 9, ['S1', 'LOW2', 'IDLE3']], ['B22', 5, ['S6']]] },
  { code: 'T04', name: '市教育局“春蕾”助学志愿服务队', org: 'B31', leader: 'S3', founded: '2024-05-04',
    members: [['B31', 10, ['S3', 'TW1', 'TW2', 'IDLE5']]] },
  { code: 'T05', name: '市民政局“邻里守望”志愿服务队', org: 'B41', leader: 'S4', founded: '2024-06-18',
    // a neighbourhood team: mostly 群众 recruited in the community, so it fails the 50% party share
    members: [['B41', 12, ['S4', 'M1'], (v) => v.ps === 'masses' || v.tag === 'S4' || v.ps === 'league_member']] },
  { code: 'T06', name: '市卫健委“清洁家园”志愿服务队', org: 'B22', leader: 'S6', founded: '2024-09-01',
    members: [['B22', 6, ['S6', 'LOWH2']], ['B21', 2, []]] },
];
const members = []; // { team, no, joined, left }
for (const t of TEAMS) {
  t.leaderNo = byTag[t.leader].no;
  // a leader registered before founding the team
  if (byTag[t.leader].registered > t.founded) byTag[t.leader].registered = addDays(t.founded, -int(3, 40));
  for (const [org, n, tags, filter = () => true] of t.members) {
    const forced = tags.map((tag) => byTag[tag]);
    const rest = shuffle(volunteers.filter((v) => v.org === org && !forced.includes(v) && !v.tag.startsWith('IDLE') && filter(v)));
    for (const v of [...forced, ...rest].slice(0, n)) {
      const joined = v.registered > t.founded ? addDays(v.registered, int(0, 20)) : t.founded;
      members.push({ team: t.code, no: v.no, joined: v.tag === t.leader ? t.founded : joined, left: v === L1 ? L1.leftOn : '' });
    }
  }
}
// One finance-bureau member moved from the 先锋 team to the traffic team in September.
{
  const mover = members.find((m) => m.team === 'T01' && byNo.get(m.no).org === 'B12' && !byNo.get(m.no).tag);
  mover.left = `${YEAR}-08-31`;
  members.push({ team: 'T02', no: mover.no, joined: `${YEAR}-09-01`, left: '' });
}
const memberOf = (team, no, date) => members.some((m) => m.team === team && m.no === no && m.joined <= date && (!m.left || date < m.left));
const teamByCode = Object.fromEntries(TEAMS.map((t) => [t.code, t]));

// ---------------------------------------------------------------- activities

// [date, end_date, title, category, location, start, end]
const TEAM_ACTIVITIES = {
  T01: [
    ['01-18', '', '新春送福进社区', '社区服务', '城东街道幸福社区党群服务中心', '09:00', '11:30'],
    ['02-22', '', '党的创新理论“微宣讲”进社区', '理论宣讲', '城东街道幸福社区党群服务中心', '09:00', '11:00'],
    ['03-15', '', '“3·15”财税政策与消费维权宣传', '理论宣讲', '人民广场', '09:00', '11:30'],
    ['04-12', '', '滨江公园环境清洁行动', '环境整治', '滨江公园', '08:30', '11:00'],
    ['05-17', '', '“全国助残日”走访残疾人家庭', '助老助残', '城东街道幸福社区', '14:30', '17:00'],
    ['06-21', '', '惠民惠农财政补贴政策宣讲', '理论宣讲', '青山镇青山村村委会', '09:00', '11:30'],
    ['07-19', '', '“清凉一夏”关爱户外劳动者', '社区服务', '解放路爱心驿站', '15:00', '17:30'],
    ['08-23', '', '老旧小区楼道清理', '环境整治', '城东街道纺织厂宿舍小区', '08:30', '11:30'],
    ['09-20', '', '全民国防教育日宣传', '理论宣讲', '人民广场', '09:00', '11:00'],
    ['10-25', '', '重阳敬老陪伴', '助老助残', '城东街道幸福社区日间照料中心', '14:30', '17:00'],
    ['11-22', '', '党的二十届四中全会精神进社区宣讲', '理论宣讲', '城东街道幸福社区党群服务中心', '09:00', '11:00'],
  ],
  T02: [
    ['01-24', '', '春运文明出行引导', '文明交通', '火车站广场', '08:00', '11:00'],
    ['03-21', '', '“文明交通·你我同行”路口劝导', '文明交通', '解放路与建设路交叉口', '07:00', '09:00'],
    ['04-25', '', '学校周边交通护学岗', '文明交通', '市实验小学门口', '07:00', '08:30'],
    ['05-30', '', '电动自行车“一盔一带”宣传', '文明交通', '建设路与人民路交叉口', '17:00', '19:00'],
    ['06-27', '', '暑期交通安全宣传', '文明交通', '人民广场', '16:30', '18:30'],
    ['09-01', '', '开学季护学岗', '文明交通', '市实验小学门口', '07:00', '08:30'],
    ['10-01', '', '国庆假期文明出行引导', '文明交通', '火车站广场', '08:00', '11:00'],
    ['12-02', '', '“全国交通安全日”主题宣传', '文明交通', '解放路与建设路交叉口', '16:30', '18:30'],
  ],
  T03: [
    ['01-11', '', '冬季健康义诊进社区', '医疗义诊', '城西街道和平社区', '08:30', '11:30'],
    ['02-15', '', '慢病随访与健康宣教', '医疗义诊', '青山镇卫生院', '09:00', '11:30'],
    ['03-22', '', '“世界防治结核病日”宣传义诊', '医疗义诊', '人民广场', '09:00', '11:30'],
    ['04-19', '', '家庭医生签约服务宣传', '医疗义诊', '城西街道和平社区', '09:00', '11:30'],
    ['05-12', '', '社会福利院老人健康体检', '助老助残', '市社会福利院', '08:30', '11:30'],
    ['06-14', '', '“世界献血者日”无偿献血服务', '社区服务', '市中心血站人民路献血屋', '09:00', '12:00'],
    ['07-12', '', '防溺水与急救知识进社区', '应急救援', '城西街道和平社区', '09:00', '11:00'],
    ['08-09', '', '高温季节老年人健康随访', '助老助残', '城西街道和平社区', '08:30', '11:00'],
    ['09-13', '', '“全民健康生活方式日”义诊', '医疗义诊', '滨江公园', '08:30', '11:30'],
    ['10-11', '', '“世界精神卫生日”心理健康咨询', '医疗义诊', '市图书馆', '14:30', '17:00'],
    ['11-15', '', '“联合国糖尿病日”血糖筛查', '医疗义诊', '城西街道和平社区', '08:30', '11:30'],
    ['12-13', '', '冬季流感防治宣传', '医疗义诊', '城西街道和平社区', '09:00', '11:00'],
  ],
  T04: [
    ['03-08', '', '留守儿童“春蕾”课堂', '助学支教', '青山镇中心小学', '09:00', '11:30'],
    ['04-19', '', '“世界读书日”亲子共读', '助学支教', '市图书馆', '14:30', '16:30'],
    ['05-24', '', '留守儿童心理辅导', '助学支教', '青山镇中心小学', '09:00', '11:30'],
    ['07-15', '', '暑期“四点半课堂”', '助学支教', '城东街道幸福社区', '16:00', '18:00'],
    ['08-16', '', '困难学生家访与资助政策宣讲', '理论宣讲', '青山镇青山村', '09:00', '11:30'],
    ['10-18', '', '乡村学校科普进课堂', '助学支教', '青山镇中心小学', '09:00', '11:30'],
    ['12-03', '', '“宪法宣传周”法治进校园', '理论宣讲', '市第三中学', '14:30', '16:30'],
  ],
  T05: [
    ['01-25', '', '春节前走访独居老人', '助老助残', '城南街道康乐社区', '09:00', '11:30'],
    ['03-29', '', '“银龄”健康讲座服务', '助老助残', '城南街道康乐社区日间照料中心', '14:30', '16:30'],
    ['04-26', '', '社区楼道清洁', '环境整治', '城南街道康乐社区', '08:30', '11:00'],
    ['05-31', '', '“六一”困境儿童关爱', '社区服务', '市儿童福利院', '09:00', '11:30'],
    ['06-28', '', '老年人防诈骗宣传', '社区服务', '城南街道康乐社区', '09:00', '11:00'],
    ['08-30', '', '残疾人家庭助餐送餐', '助老助残', '城南街道康乐社区长者食堂', '10:30', '12:30'],
    ['10-29', '', '重阳节“孝老爱亲”敬老活动', '助老助残', '市社会福利院', '09:00', '11:30'],
    ['11-08', '', '冬季困难群众走访', '助老助残', '城南街道康乐社区', '09:00', '11:30'],
  ],
  T06: [
    ['04-26', '', '爱国卫生月环境整治', '环境整治', '城西街道和平社区', '08:30', '11:00'],
    ['06-07', '', '“世界环境日”垃圾分类宣传', '环境整治', '城西街道和平社区', '09:00', '11:00'],
    ['08-02', '', '河道沿岸垃圾清理', '环境整治', '滨江公园', '07:30', '10:00'],
    ['10-25', '', '背街小巷清洁行动', '环境整治', '城西街道和平社区', '08:30', '11:00'],
  ],
};
// Activities of an organisation, no team. size: how many take part (per day for ranges).
const ORG_ACTIVITIES = [
  ['G01', '03-05', '', '“学雷锋纪念日”党员志愿服务集中行动', '社区服务', '人民广场', '08:30', '11:30', 46],
  ['G01', '03-12', '', '义务植树', '环境整治', '青山镇林场', '08:30', '11:30', 30],
  ['B11', '04-04', '', '清明文明祭扫引导', '文明引导', '市烈士陵园', '08:00', '11:00', 10],
  ['B21', '04-07', '', '“世界卫生日”健康咨询', '医疗义诊', '市卫健委门前广场', '09:00', '11:00', 9],
  ['B31', '06-07', '06-08', '高考“护航”志愿服务', '文明引导', '市第一中学考点', '07:00', '11:30', 8],
  ['G01', '07-01', '', '“七一”党员进社区集中服务', '社区服务', '城东街道幸福社区', '09:00', '11:30', 42],
  ['G01', '07-08', '07-10', '防汛抗洪巡堤值守', '应急救援', '滨江大堤', '08:00', '12:00', 9],
  ['B41', '09-06', '', '“中华慈善日”慈善宣传', '社区服务', '人民广场', '09:00', '11:00', 10],
  ['B12', '11-09', '', '“119”消防安全宣传', '社区服务', '市财政局家属院', '09:00', '11:00', 9],
  ['G01', '12-05', '', '“国际志愿者日”集中服务', '社区服务', '人民广场', '09:00', '11:30', 46],
];
const activities = [];
{
  const rows = [];
  for (const [team, list] of Object.entries(TEAM_ACTIVITIES)) {
    for (const [d, e, title, category, location, start, end] of list) {
      rows.push({ org: teamByCode[team].org, team, date: `${YEAR}-${d}`, end: e ? `${YEAR}-${e}` : '', title, category, location, start, endTime: end });
    }
  }
  for (const [org, d, e, title, category, location, start, end, size] of ORG_ACTIVITIES) {
    rows.push({ org, team: '', date: `${YEAR}-${d}`, end: e ? `${YEAR}-${e}` : '', title, category, location, start, endTime: end, size });
  }
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.org.localeCompare(b.org) || a.team.localeCompare(b.team));
  rows.forEach((a, i) => activities.push({ code: `A${pad(i + 1, 4)}`, ...a }));
}
const actByCode = Object.fromEntries(activities.map((a) => [a.code, a]));

// ---------------------------------------------------------------- service records

const service = []; // { no, activity, date, start, end, minutes, hoursCol, category, role, evaluation, status, entry, note }
const daysUsed = new Map(volunteers.map((v) => [v.no, new Set()]));
const activeOn = (v, date) => v.registered <= date && (!v.leftOn || date < v.leftOn);
// 满意 mostly; the odd 不满意 happens to anyone.
const EVALS = [['满意', 78], ['比较满意', 12], ['基本满意', 5], ['不满意', 1], ['', 4]];
const randomEval = () => weightedPick(EVALS, (e) => e[1])[0];

function addRecord(v, fields) {
  const r = { no: v.no, activity: '', role: '参与者', evaluation: randomEval(), status: '已审核', entry: '正常', note: '', hoursCol: '', ...fields };
  r.minutes = r.start ? toMin(r.end) - toMin(r.start) : r.minutes;
  service.push(r);
  daysUsed.get(v.no).add(r.date);
  return r;
}
function activityTimes(a) {
  let s = toMin(a.start), e = toMin(a.endTime);
  const roll = rand();
  if (roll < 0.1) s += 30; // came late
  else if (roll < 0.18) e -= 30; // left early
  return { start: toHHMM(s), end: toHHMM(e) };
}
function attend(v, a, date, role = '参与者') {
  if (!activeOn(v, date) || daysUsed.get(v.no).has(date)) return;
  const t = activityTimes(a);
  const r = { activity: a.code, date, category: a.category, role };
  if (chance(0.06)) addRecord(v, { ...r, minutes: toMin(t.end) - toMin(t.start), hoursCol: String((toMin(t.end) - toMin(t.start)) / 60) });
  else addRecord(v, { ...r, ...t, hoursCol: chance(0.1) ? String((toMin(t.end) - toMin(t.start)) / 60) : '' });
}

// The flood watch: S5 worked a double shift on 07-09 (10.5 h, over the 8 h daily cap).
const S5 = byTag.S5;
daysUsed.get(S5.no).add(`${YEAR}-07-09`);

for (const a of activities) {
  if (a.team) {
    const team = teamByCode[a.team];
    const leader = byNo.get(team.leaderNo);
    for (const m of members.filter((m) => m.team === a.team)) {
      const v = byNo.get(m.no);
      if (!memberOf(a.team, v.no, a.date)) continue;
      if (v === leader) attend(v, a, a.date, '负责人');
      else if (chance(v.act)) attend(v, a, a.date);
    }
    // a couple of colleagues from the same organisation come along
    const guests = volunteers.filter((v) => inSubtree(v.org, team.org) && !memberOf(a.team, v.no, a.date) && v.act > 0);
    for (const v of weightedSample(guests, int(0, 2), (v) => v.act)) attend(v, a, a.date);
  } else {
    const pool = volunteers.filter((v) => inSubtree(v.org, a.org) && v.act > 0
      && (a.date !== `${YEAR}-07-01` || isParty(v))); // 七一: party members
    const days = a.end ? daysBetween(a.date, a.end) : [a.date];
    for (const day of days) {
      const size = a.org === 'G01' ? a.size : Math.min(a.size, pool.length);
      const weight = (v) => (activeOn(v, day) && !daysUsed.get(v.no).has(day) ? v.act + (v.tag.startsWith('S') ? 1 : 0.2) : 0);
      for (const v of weightedSample(pool, size, weight)) attend(v, a, day);
    }
    if (a.title.startsWith('防汛')) {
      addRecord(S5, { activity: a.code, date: `${YEAR}-07-09`, start: '07:00', end: '12:00', category: a.category, note: '防汛值守（上午班）', evaluation: '满意' });
      addRecord(S5, { activity: a.code, date: `${YEAR}-07-09`, start: '13:00', end: '18:30', category: a.category, note: '防汛值守（下午班，连班）', evaluation: '满意' });
    }
  }
}

// Service outside activities: 在职党员进社区报到, neighbourhood duty, one-to-one help.
const FREE_KINDS = [
  ['社区服务', '在职党员进社区报到服务', 30], ['社区服务', '社区网格巡查', 12], ['环境整治', '小区环境清理', 14],
  ['助老助残', '结对帮扶独居老人', 16], ['文明交通', '路口文明劝导', 10], ['理论宣讲', '社区政策宣讲', 8],
  ['社区服务', '社区议事协商', 5], ['助学支教', '结对辅导困难学生', 5],
];
const SLOTS = { weekend: [['08:30', '11:30'], ['09:00', '11:30'], ['09:00', '12:00'], ['14:30', '17:00'], ['14:00', '17:30'], ['15:00', '17:00']],
  weekday: [['18:30', '20:30'], ['19:00', '21:00'], ['18:30', '20:00'], ['17:30', '19:00']] };
for (const v of volunteers) {
  const from = v.registered > YEAR_DAYS[0] ? addDays(v.registered, 1) : YEAR_DAYS[0];
  const to = v.leftOn ? addDays(v.leftOn, -1) : YEAR_DAYS[YEAR_DAYS.length - 1];
  const candidates = daysBetween(from, to).filter((d) => !daysUsed.get(v.no).has(d) && !['03-05', '07-01', '12-05'].includes(d.slice(5)));
  const weekendish = candidates.filter((d) => weekday(d) === 0 || weekday(d) === 6);
  const weekdays = candidates.filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
  for (let k = 0; k < v.free; k++) {
    const wk = chance(0.65) && weekendish.length ? weekendish : weekdays;
    const date = wk.splice(Math.floor(rand() * wk.length), 1)[0];
    if (!date || daysUsed.get(v.no).has(date)) continue;
    const [category, note] = weightedPick(FREE_KINDS, (f) => f[2]);
    const [start, end] = pick(wk === weekendish ? SLOTS.weekend : SLOTS.weekday);
    const base = { date, category, note: chance(0.5) ? note : '' };
    if (chance(0.2)) {
      // the community's sign-in sheet only said how long
      const minutes = pick([60, 90, 120, 120, 150, 180, 180, 240]);
      addRecord(v, { ...base, minutes, hoursCol: String(minutes / 60) });
    } else {
      addRecord(v, { ...base, start, end, hoursCol: chance(0.08) ? String((toMin(end) - toMin(start)) / 60) : '' });
    }
  }
}

// Satisfaction below 0.90 for some party members with plenty of hours: the community rated a few
// of their visits 不满意 (on records outside team activities, so no team's rate suffers).
for (const [tag, n] of [['S3', 6], ['LOW1', 3], ['LOW2', 3]]) {
  const own = shuffle(service.filter((r) => r.no === byTag[tag].no && !r.activity));
  own.slice(0, n).forEach((r) => (r.evaluation = '不满意'));
}
// The award candidates at the top get no random 不满意 (keeps the top of the list stable).
for (const tag of ['S1', 'S5', 'S6', 'S7']) {
  for (const r of service) if (r.no === byTag[tag].no && r.evaluation === '不满意') r.evaluation = '比较满意';
}

// The couple TW1/TW2 always go together: TW2's year is a copy of TW1's (same points, hours and
// rate, so they share a rank in `vledger rank`).
{
  const [a, b] = [byTag.TW1, byTag.TW2];
  for (let i = service.length - 1; i >= 0; i--) if (service[i].no === b.no) service.splice(i, 1);
  daysUsed.set(b.no, new Set());
  for (const r of service.filter((r) => r.no === a.no)) {
    if (r.role === '负责人') throw new Error('TW1 must not lead');
    const copy = { ...r, no: b.no };
    service.push(copy);
    daysUsed.get(b.no).add(copy.date);
  }
}

// Back entries (补录) from paper sign-in sheets, and December records not yet approved.
{
  const sorted = () => [...service].sort((x, y) => x.date.localeCompare(y.date) || x.no.localeCompare(y.no));
  const protectedNos = new Set(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'TW1', 'TW2'].map((t) => byTag[t].no));
  const paper = activities.find((a) => a.title === '义务植树');
  sorted().filter((r) => r.activity === paper.code && !protectedNos.has(r.no)).slice(0, 6).forEach((r) => {
    r.entry = '补录';
    r.note = '据纸质签到表补录';
  });
  const febFree = shuffle(sorted().filter((r) => !r.activity && r.date < `${YEAR}-03-01` && !protectedNos.has(r.no))).slice(0, 3);
  febFree.forEach((r) => {
    r.entry = '补录';
    r.note = '春节期间服务，节后补录';
  });
  const late = shuffle(sorted().filter((r) => !r.activity && r.date >= `${YEAR}-12-15` && !protectedNos.has(r.no))).slice(0, 7);
  late.forEach((r) => (r.status = '待审核'));
}

service.sort((x, y) => x.date.localeCompare(y.date) || (x.activity || 'ZZZ').localeCompare(y.activity || 'ZZZ')
  || (x.start || '99').localeCompare(y.start || '99') || x.no.localeCompare(y.no));
service.forEach((r, i) => (r.ref = `FW${YEAR}-${pad(i + 1, 4)}`));

// ---------------------------------------------------------------- the other log kinds

const TRAININGS = [
  ['03-01', 3, '党员志愿服务通用知识培训', '市直机关工委', 'G01', 26],
  ['04-16', 2.5, '应急救护（心肺复苏与AED）培训', '市红十字会', 'G01', 18],
  ['05-21', 2, '理论宣讲骨干能力提升培训', '市委讲师团', 'G01', 14],
  ['06-18', 2, '社区志愿服务项目设计与管理', '市志愿服务联合会', 'G01', 12],
  ['09-10', 1.5, '防汛抢险知识培训', '市应急管理局', 'G01', 12],
  ['10-15', 2, '助老助残服务技能培训', '市民政局', 'B41', 10],
  ['11-19', 3, '全国志愿服务信息系统操作培训', '市直机关工委', 'G01', 10],
];
const training = [];
for (const [d, hours, topic, organiser, scope, size] of TRAININGS) {
  const date = `${YEAR}-${d}`;
  const pool = volunteers.filter((v) => inSubtree(v.org, scope) && activeOn(v, date) && v.act > 0 && v.tag !== 'TW2');
  for (const v of weightedSample(pool, size, (v) => v.act + (isParty(v) ? 0.3 : 0))) {
    training.push({ no: v.no, date, hours: String(hours), topic, organiser });
    if (v.tag === 'TW1') training.push({ no: byTag.TW2.no, date, hours: String(hours), topic, organiser });
  }
}
training.sort((a, b) => a.date.localeCompare(b.date) || a.no.localeCompare(b.no));

const commendations = [
  ['S1', '12-18', '全国学雷锋志愿服务“四个100”最美志愿者', 'national', '中央精神文明建设指导委员会办公室'],
  ['S1', '09-28', '省级优秀志愿者', 'province', '省精神文明建设指导委员会办公室'],
  ['M1', '12-18', '省级优秀志愿者', 'province', '省精神文明建设指导委员会办公室'],
  ['S5', '03-05', '市“最美志愿者”', 'city', '市精神文明建设指导委员会办公室'],
  ['S2', '03-05', '市“最美志愿者”', 'city', '市精神文明建设指导委员会办公室'],
  ['S6', '07-01', '市直机关优秀共产党员', 'city', '市直机关工委'],
  ['S3', '09-10', '市优秀教育志愿者', 'city', '市教育局'],
  ['S7', '12-05', '区优秀志愿者', 'county', '城东区精神文明建设指导委员会办公室'],
  ['', '12-05', '区优秀志愿者', 'county', '城西区精神文明建设指导委员会办公室'],
  ['', '12-05', '区优秀志愿者', 'county', '城南区精神文明建设指导委员会办公室'],
].map(([tag, d, title, level, issuer], i) => {
  const v = tag ? byTag[tag] : volunteers.filter((x) => !x.tag && x.free >= 8 && x.org === (i === 8 ? 'B22' : 'B41'))[0];
  return { no: v.no, date: `${YEAR}-${d}`, title, level, issuer };
});

const complaints = [
  ['S2', '06-25', '居民反映其在政策宣讲中途离开、宣讲资料未发放到户，经核实属实', '是'],
  ['', '08-12', '群众反映志愿者劝导时态度生硬，经核实属实', '是', 'B12'],
  ['LOW1', '05-09', '居民反映入户走访时间过短，经核实系按约定时间完成，不属实', '否'],
  ['', '10-20', '反映志愿者未按时到岗，经核实为活动调整通知不及时，不属实', '否', 'B41'],
  ['S1', '11-03', '反映义诊排队时间过长，经核实系现场人员较多，非志愿者责任', '否'],
].map(([tag, d, description, upheld, org]) => {
  const v = tag ? byTag[tag] : volunteers.filter((x) => x.org === org && !x.tag && x.act > 0)[1];
  return { no: v.no, date: `${YEAR}-${d}`, description, upheld };
});

const noShows = [];
{
  const protectedNos = new Set(['S1', 'S5', 'S6', 'S7', 'TW1', 'TW2'].map((t) => byTag[t].no));
  const teamActs = shuffle(activities.filter((a) => a.team));
  for (const a of teamActs) {
    if (noShows.length >= 10) break;
    const absent = members.filter((m) => m.team === a.team && memberOf(a.team, m.no, a.date) && !protectedNos.has(m.no)
      && activeOn(byNo.get(m.no), a.date) && !service.some((r) => r.no === m.no && r.date === a.date) && byNo.get(m.no).act > 0);
    if (absent.length && chance(0.6)) noShows.push({ no: pick(absent).no, date: a.date, activity: a.code });
  }
  noShows.sort((a, b) => a.date.localeCompare(b.date) || a.no.localeCompare(b.no));
}

const adjustments = [
  ['S7', '03-10', '5', '协助市直机关工委组织全市党员志愿服务培训班'],
  ['', '04-30', '3', '撰写的志愿服务信息被市级媒体采用', 'B21'],
  ['', '05-20', '-2', '活动中途离岗未请假', 'B12'],
  ['S6', '07-15', '2.5', '防汛期间主动承担后勤保障'],
  ['', '08-18', '-1.5', '服务记录签到信息不全，经核实后扣分', 'B31'],
  ['', '09-30', '3', '志愿服务项目获市级优秀项目提名', 'B41'],
  ['S4', '10-08', '-3', '未按要求参加志愿服务工作例会'],
  ['', '12-10', '2', '参与全市志愿服务数据录入工作', 'B11'],
].map(([tag, d, points, reason, org]) => {
  const v = tag ? byTag[tag] : volunteers.filter((x) => x.org === org && !x.tag && x.act > 0)[2];
  return { no: v.no, date: `${YEAR}-${d}`, points, reason };
});

// ---------------------------------------------------------------- files

const RULES = { special_days: { dates: ['03-05', '07-01', '12-05'], multiplier: 1.5 } };

const FILES = {
  'orgs.csv': [['code', 'name', 'parent', 'kind'], ORGS.map((o) => [o.code, o.name, o.parent, o.kind])],
  'volunteers.csv': [
    ['志愿者编号', '姓名', '证件类型', '身份证号', '性别', '出生日期', '手机号', '政治面貌', '所在支部', '服务技能', '注册日期', '状态', '离开日期', '受处分年度'],
    volunteers.map((v) => [v.no, v.name, '居民身份证', v.idNumber, v.gender === 'male' ? '男' : '女', v.birth, v.phone, PS_ZH[v.ps], v.org,
      v.skills, v.registered, v.status === 'left' ? '离开' : '在册', v.leftOn, v.disciplinedIn]),
  ],
  'teams.csv': [['code', 'name', 'org', 'leader', 'founded_on'], TEAMS.map((t) => [t.code, t.name, t.org, t.leaderNo, t.founded])],
  'members.csv': [['team', 'volunteer_no', 'joined_on', 'left_on'],
    [...members].sort((a, b) => a.team.localeCompare(b.team) || a.no.localeCompare(b.no)).map((m) => [m.team, m.no, m.joined, m.left])],
  'activities.csv': [['code', 'title', 'org', 'team', 'category', 'location', 'date', 'end_date'],
    activities.map((a) => [a.code, a.title, a.org, a.team, a.category, a.location, a.date, a.end])],
  'service.csv': [
    ['记录编号', '志愿者编号', '姓名', '活动编号', '服务日期', '开始时间', '结束时间', '服务时长', '服务类别', '角色', '群众评价', '审核状态', '录入方式', '备注'],
    service.map((r) => [r.ref, r.no, byNo.get(r.no).name, r.activity, r.date, r.start ?? '', r.end ?? '', r.hoursCol, r.category, r.role,
      r.evaluation, r.status, r.entry, r.note]),
  ],
  'training.csv': [['volunteer_no', 'date', 'hours', 'topic', 'organiser'], training.map((t) => [t.no, t.date, t.hours, t.topic, t.organiser])],
  'commendations.csv': [['volunteer_no', 'date', 'title', 'level', 'issuer'],
    [...commendations].sort((a, b) => a.date.localeCompare(b.date) || a.no.localeCompare(b.no)).map((c) => [c.no, c.date, c.title, c.level, c.issuer])],
  'complaints.csv': [['volunteer_no', 'date', 'description', 'upheld'],
    [...complaints].sort((a, b) => a.date.localeCompare(b.date)).map((c) => [c.no, c.date, c.description, c.upheld])],
  'no-shows.csv': [['volunteer_no', 'date', 'activity'], noShows.map((n) => [n.no, n.date, n.activity])],
  'adjustments.csv': [['volunteer_no', 'date', 'points', 'reason'], adjustments.map((a) => [a.no, a.date, a.points, a.reason])],
};

const cell = (s) => (/[",\r\n]|^\s|\s$/.test(String(s)) ? `"${String(s).replaceAll('"', '""')}"` : String(s));
const csvText = ([header, rows]) => '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

// ---------------------------------------------------------------- self-check

const problems = [];
const fail = (msg) => problems.push(msg);

// identifiers, references, values
const orgCodes = new Set(ORGS.map((o) => o.code));
for (const o of ORGS) if (o.parent && !orgCodes.has(o.parent)) fail(`org ${o.code}: parent ${o.parent} unknown`);
const seenNames = new Set();
for (const v of volunteers) {
  if (!/^[A-Z]\d{2}-\d{4}$/.test(v.no)) fail(`${v.no}: bad volunteer_no`);
  if (!orgCodes.has(v.org)) fail(`${v.no}: org ${v.org} unknown`);
  if (seenNames.has(`${v.org}/${v.name}`)) fail(`${v.no}: name ${v.name} twice in ${v.org}`);
  seenNames.add(`${v.org}/${v.name}`);
  const id = v.idNumber;
  if (!/^\d{17}[\dX]$/.test(id) || checkChar(id.slice(0, 17)) !== id[17]) fail(`${v.no}: id ${id} fails the check digit`);
  if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` !== v.birth) fail(`${v.no}: birth date disagrees with the id`);
  if ((Number(id[16]) % 2 === 1 ? 'male' : 'female') !== v.gender) fail(`${v.no}: gender disagrees with the id`);
  if (Number.isNaN(dateOf(v.birth)) || isoOf(dateOf(v.birth)) !== v.birth) fail(`${v.no}: birth date not real`);
  if (v.phone && !/^1[3-9]\d{9}$/.test(v.phone) && !/^0\d{3}-\d{7}$/.test(v.phone)) fail(`${v.no}: phone ${v.phone}`);
  if (v.registered < '2024-01-01' || v.registered > `${YEAR}-12-31`) fail(`${v.no}: registered_on ${v.registered}`);
}
if (new Set(volunteers.map((v) => v.idNumber)).size !== volunteers.length) fail('duplicate id numbers');
if (new Set(volunteers.map((v) => v.no)).size !== volunteers.length) fail('duplicate volunteer_no');
for (const t of TEAMS) {
  if (!orgCodes.has(t.org)) fail(`${t.code}: org unknown`);
  if (!members.some((m) => m.team === t.code && m.no === t.leaderNo)) fail(`${t.code}: leader is not a member`);
}
for (const m of members) {
  if (!teamByCode[m.team] || !byNo.has(m.no)) fail(`member ${m.team}/${m.no}: unknown reference`);
  if (m.left && m.left < m.joined) fail(`member ${m.team}/${m.no}: left before joined`);
  if (byNo.get(m.no) && m.joined < byNo.get(m.no).registered) fail(`member ${m.team}/${m.no}: joined before registering`);
  if (teamByCode[m.team] && m.joined < teamByCode[m.team].founded) fail(`member ${m.team}/${m.no}: joined before the team was founded`);
}
for (const a of activities) {
  if (!orgCodes.has(a.org) || (a.team && !teamByCode[a.team])) fail(`${a.code}: unknown reference`);
  if (a.team && teamByCode[a.team].org !== a.org) fail(`${a.code}: org differs from its team's`);
}
const dayTotals = new Map();
const EVAL_WORDS = new Set(['', '满意', '比较满意', '基本满意', '不满意']);
for (const r of service) {
  const v = byNo.get(r.no);
  if (!v) fail(`${r.ref}: volunteer ${r.no} unknown`);
  if (!r.date.startsWith(`${YEAR}-`) || isoOf(dateOf(r.date)) !== r.date) fail(`${r.ref}: date ${r.date}`);
  if (r.activity) {
    const a = actByCode[r.activity];
    if (!a) fail(`${r.ref}: activity ${r.activity} unknown`);
    else if (r.date < a.date || r.date > (a.end || a.date)) fail(`${r.ref}: ${r.date} outside activity ${a.code} ${a.date}..${a.end || a.date}`);
  }
  if (!(r.minutes > 0 && r.minutes <= 24 * 60)) fail(`${r.ref}: minutes ${r.minutes}`);
  if (r.start && !(toMin(r.end) > toMin(r.start))) fail(`${r.ref}: end not after start`);
  if (r.hoursCol && Math.abs(Number(r.hoursCol) * 60 - r.minutes) > 1) fail(`${r.ref}: hours disagree with times`);
  if (!r.start && !r.hoursCol) fail(`${r.ref}: neither times nor hours`);
  if (!EVAL_WORDS.has(r.evaluation)) fail(`${r.ref}: evaluation ${r.evaluation}`);
  if (v && (r.date < v.registered || (v.leftOn && r.date >= v.leftOn))) fail(`${r.ref}: ${v.no} not registered/active on ${r.date}`);
  const key = `${r.no}/${r.date}`;
  dayTotals.set(key, (dayTotals.get(key) ?? 0) + r.minutes);
}
for (const [key, m] of dayTotals) if (m > 24 * 60) fail(`${key}: ${m / 60} h in one day`);
const overCap = [...dayTotals].filter(([, m]) => m > 8 * 60);
if (overCap.length !== 1) fail(`expected exactly one volunteer-day over 8 h, found ${overCap.length}`);
{
  const dupKey = (r) => [r.no, r.date, r.activity, r.start, r.end, r.minutes, r.role].join('|');
  const keys = new Set();
  for (const r of service) {
    if (keys.has(dupKey(r))) fail(`${r.ref}: equal to an earlier row (SPEC 11.6)`);
    keys.add(dupKey(r));
  }
}
for (const rows of [training, commendations, complaints, noShows, adjustments]) {
  for (const r of rows) {
    if (!byNo.has(r.no)) fail(`log row ${JSON.stringify(r)}: unknown volunteer`);
    if (!r.date.startsWith(`${YEAR}-`)) fail(`log row ${JSON.stringify(r)}: date`);
  }
}
for (const n of noShows) {
  const a = actByCode[n.activity];
  if (!a || n.date < a.date || n.date > (a.end || a.date)) fail(`no-show ${n.no} ${n.date}: activity ${n.activity}`);
  if (service.some((r) => r.no === n.no && r.activity === n.activity)) fail(`no-show ${n.no}: also served on ${n.activity}`);
}
for (const a of adjustments) if (!/^-?\d+(\.\d{1,2})?$/.test(a.points) || Number(a.points) === 0) fail(`adjustment points ${a.points}`);

// ---------------------------------------------------------------- the 2025 scores as SPEC 4/5 read them

const DEFAULTS = {
  points_per_hour: 1, max_hours_per_day: 8, special_days: { dates: ['03-05', '12-05'], multiplier: 1.5 }, leader_bonus: 2,
  evaluation: { 满意: 1, 比较满意: 0.5, 基本满意: 0, 不满意: -2 }, training_points_per_hour: 0.5,
  commendation: { county: 5, city: 10, province: 20, national: 30 }, no_show: -3, complaint_upheld: -5,
};
const hundredths = (x) => Math.round(x * 100); // rule values have at most 2 decimals
/** n / d rounded half away from zero, integers. */
const divRound = (n, d) => (n < 0 ? -divRound(-n, d) : Math.floor((2 * n + d) / (2 * d)));

function score(rules) {
  const mult = hundredths(rules.special_days.multiplier);
  const pph = hundredths(rules.points_per_hour);
  const per = new Map(volunteers.map((v) => [v.no, { points: 0, minutes: 0, evaluated: 0, unhappy: 0, upheld: 0, records: 0 }]));
  const teamPer = new Map(TEAMS.map((t) => [t.code, { points: 0, minutes: 0, evaluated: 0, unhappy: 0 }]));
  const approved = service.filter((r) => r.status === '已审核');
  const byDay = new Map();
  for (const r of approved) {
    const k = `${r.no}/${r.date}`;
    if (!byDay.has(k)) byDay.set(k, []);
    byDay.get(k).push(r);
  }
  for (const rs of byDay.values()) {
    rs.sort((a, b) => (a.start ? 0 : 1) - (b.start ? 0 : 1) || (a.start ?? '').localeCompare(b.start ?? '') || a.ref.localeCompare(b.ref));
    let credited = 0;
    for (const r of rs) {
      const c = Math.max(0, Math.min(r.minutes, rules.max_hours_per_day * 60 - credited));
      credited += c;
      const special = rules.special_days.dates.includes(r.date.slice(5));
      let pts = divRound(c * pph * (special ? mult : 100), 60 * 100);
      if (r.role === '负责人') pts += hundredths(rules.leader_bonus);
      if (r.evaluation) pts += hundredths(rules.evaluation[r.evaluation]);
      const p = per.get(r.no);
      p.points += pts;
      p.minutes += r.minutes;
      p.records += 1;
      if (r.evaluation) p.evaluated += 1;
      if (r.evaluation === '不满意') p.unhappy += 1;
      const team = actByCode[r.activity]?.team;
      if (team) {
        const tp = teamPer.get(team);
        tp.points += pts;
        tp.minutes += r.minutes;
        if (r.evaluation) tp.evaluated += 1;
        if (r.evaluation === '不满意') tp.unhappy += 1;
      }
    }
  }
  for (const t of training) per.get(t.no).points += divRound(Math.round(Number(t.hours) * 60) * hundredths(rules.training_points_per_hour), 60);
  for (const c of commendations) per.get(c.no).points += hundredths(rules.commendation[c.level]);
  for (const n of noShows) per.get(n.no).points += hundredths(rules.no_show);
  for (const c of complaints) if (c.upheld === '是') {
    per.get(c.no).points += hundredths(rules.complaint_upheld);
    per.get(c.no).upheld += 1;
  }
  for (const a of adjustments) per.get(a.no).points += hundredths(Number(a.points));
  return { per, teamPer };
}
const rate = (p) => (p.evaluated ? (p.evaluated - p.unhappy) / p.evaluated : null);
const fmt = (h) => (h / 100).toFixed(2);
const hrs = (m) => (m / 60).toFixed(2);

function awards(rules) {
  const { per, teamPer } = score(rules);
  const cmp = (a, b) => b.points - a.points || b.minutes - a.minutes || (b.rate ?? -1) - (a.rate ?? -1);
  const rows = volunteers.map((v) => ({ v, ...per.get(v.no), rate: rate(per.get(v.no)) }));
  const inScope = rows.filter((r) => isParty(r.v) && r.records > 0);
  const quota = Math.max(1, Math.ceil((inScope.length * 5) / 100));
  const why = (r) => (r.v.leftOn ? 'left' : r.v.disciplinedIn === String(YEAR) ? 'disciplined' : r.minutes < 20 * 60 ? '< 20 h'
    : r.rate !== null && r.rate < 0.9 ? `satisfaction ${r.rate.toFixed(4)}` : r.upheld ? 'upheld complaint' : '');
  const eligible = inScope.filter((r) => !why(r)).sort(cmp);
  eligible.forEach((r, i) => (r.rank = i && cmp(eligible[i - 1], r) === 0 ? eligible[i - 1].rank : i + 1));
  const listed = eligible.filter((r) => r.rank <= quota);
  const tieAtCut = listed.length > quota || (eligible[quota] && eligible[quota].rank <= quota);

  const teams = TEAMS.map((t) => {
    const acts = activities.filter((a) => a.team === t.code && a.date.startsWith(`${YEAR}-`)).length;
    const cur = members.filter((m) => m.team === t.code && m.joined <= `${YEAR}-12-31` && !(m.left && m.left <= `${YEAR}-12-31`));
    const share = cur.filter((m) => isParty(byNo.get(m.no))).length / cur.length;
    const tp = teamPer.get(t.code);
    const r = rate(tp);
    const reason = acts < 6 ? `${acts} activities` : share < 0.5 ? `party share ${share.toFixed(2)}` : r !== null && r < 0.9 ? `satisfaction ${r}` : '';
    return { t, acts, share, ...tp, rate: r, reason };
  });
  const teamCmp = (a, b) => b.points - a.points || b.minutes - a.minutes || b.acts - a.acts;
  const eligibleTeams = teams.filter((x) => !x.reason).sort(teamCmp);
  return { rows, inScope, quota, eligible, listed, tieAtCut, why, teams, eligibleTeams };
}

const withRules = { ...DEFAULTS, special_days: RULES.special_days };
const A = awards(withRules);
const D = awards(DEFAULTS);
const names = (x) => x.listed.map((r) => r.v.no).join(',');
if (A.quota < 2) fail(`quota ${A.quota} < 2`);
if (A.tieAtCut || D.tieAtCut) fail('a tie falls at the cut of the volunteer list');
if (names(A) !== names(D)) fail('the volunteer list differs between the default rules and examples/rules.json');
if (A.listed.map((r) => r.v.tag).sort().join() !== 'S1,S5,S6') fail(`expected S1,S5,S6 listed, got ${A.listed.map((r) => r.v.tag)}`);
{
  const [t1, t2] = [A.eligible.find((r) => r.v.tag === 'TW1'), A.eligible.find((r) => r.v.tag === 'TW2')];
  if (!t1 || !t2 || t1.rank !== t2.rank || t1.rank <= A.quota + 1) fail(`TW1/TW2 should tie below the cut (${t1?.rank}, ${t2?.rank})`);
}
for (const x of [A, D]) {
  const e = x.eligibleTeams;
  if (e.length < 4 || e[2].points === e[3].points) fail('team list: want 4 eligible teams and no tie at the cut');
}
if (!A.rows.some((r) => isParty(r.v) && r.minutes >= 20 * 60 && r.rate !== null && r.rate < 0.9)) fail('no party member with >= 20 h and satisfaction < 0.9');

// ---------------------------------------------------------------- examples/README.md

function readme() {
  const { per } = score(withRules);
  const m1 = byTag.M1;
  const line = (r) => `| ${r.rank} | ${r.v.no} | ${r.v.name} | ${r.v.org} | ${PS_ZH[r.v.ps]} | ${fmt(r.points)} | ${hrs(r.minutes)} | ${r.rate?.toFixed(4) ?? '—'} |`;
  const teamLine = (x, i) => `| ${i + 1} | ${x.t.code} | ${x.t.name} | ${x.t.org} | ${fmt(x.points)} | ${hrs(x.minutes)} | ${x.acts} | ${x.rate?.toFixed(4) ?? '—'} |`;
  const ineligible = A.inScope.filter((r) => A.why(r) && r.minutes >= 1200).sort((a, b) => b.points - a.points);
  const [tw1, tw2] = ['TW1', 'TW2'].map((t) => A.eligible.find((r) => r.v.tag === t));
  return `# examples/: 示例市 (a fictional city), year ${YEAR}

Generated by \`node scripts/gen-examples.mjs\` (deterministic: a seeded PRNG, so running it again
writes the same bytes; it checks the data and prints a summary). Do not edit the CSV files by
hand: change the generator and run it again. \`npm run example\` imports them into a fresh
\`example.db\` and prints the ${YEAR} award lists.

The city's 市直机关工委 (\`G01\`) runs the 党员志愿服务 programme of four bureaus:
市财政局机关党总支 (\`Z1\`: branches \`B11\`, \`B12\`), 市卫生健康委员会机关党总支 (\`Z2\`: \`B21\`, \`B22\`),
and the branches \`B31\` 市教育局机关党支部 and \`B41\` 市民政局机关党支部 directly under \`G01\`.
${volunteers.length} volunteers (party members, probationary members, 共青团员 and 群众 from the
community), ${TEAMS.length} service teams, ${activities.length} activities and ${service.length} service records.
Names, id numbers and phones are invented; the id numbers only pass the GB 11643 check digit.

| file | kind | rows | headers |
|---|---|---|---|
${Object.entries(FILES).map(([f, [h, rows]]) => `| \`${f}\` | \`${f.replace('.csv', '')}\` | ${rows.length} | ${/[^\x00-\x7f]/.test(h.join('')) ? 'Chinese, as a clerk keeps them' : 'canonical'} |`).join('\n')}
| \`rules.json\` | points rules | | a partial document: adds 七一 (07-01) to the special days |

All CSV files are UTF-8 with a BOM and CRLF line endings, without the \`id\` column (ids are
assigned on import). Import them in this order (references must resolve):

\`\`\`sh
export VLEDGER_DB=example.db
for k in orgs volunteers teams members activities service training commendations complaints no-shows adjustments; do
  vledger import $k examples/$k.csv
done
vledger score rules --set examples/rules.json --from-year ${YEAR}
vledger report awards --year ${YEAR} --explain
\`\`\`

What is in it, on purpose:

- one volunteer left in June (${L1.no} ${L1.name}, 离开 ${L1.leftOn}), one disciplined in ${YEAR} (${byTag.S4.no} ${byTag.S4.name});
- ${service.filter((r) => r.status === '待审核').length} records still 待审核 (pending, late December) and ${service.filter((r) => r.entry === '补录').length} 补录 back entries;
- records on 03-05 (学雷锋日), 07-01 and 12-05 (国际志愿者日); one volunteer-day over the 8-hour
  daily cap (${overCap.map(([k, m]) => `${k.replace('/', ' on ')}, ${hrs(m)} h in two shifts`).join('')});
- two people named 王芳 and two named 张伟, in different branches (a name alone is ambiguous);
- a 群众 volunteer with ${hrs(per.get(m1.no).minutes)} h (${m1.no} ${m1.name}): high in \`vledger rank\`, not eligible for the party-member award;
- the team 市民政局“邻里守望”志愿服务队 (T05) is mostly 群众 and fails the 50% party share; T06 has only 4 activities.

## Expected ${YEAR} award lists

The same with the default rules and with \`rules.json\`; figures below are with \`rules.json\`
(the generator computes them from its own reading of SPEC 4 and 5).
${A.inScope.length} party members (incl. probationary) have an approved record, so the quota is
ceil(5% × ${A.inScope.length}) = ${A.quota}.

优秀共产党员志愿者:

| rank | volunteer_no | name | org | political status | points | hours | satisfaction |
|---|---|---|---|---|---|---|---|
${A.listed.map(line).join('\n')}

Eligible but cut: ${A.eligible.slice(A.quota, A.quota + 3).map((r) => `#${r.rank} ${r.v.no} ${r.v.name} (${fmt(r.points)})`).join(', ')}.
${tw1.v.no} ${tw1.v.name} and ${tw2.v.no} ${tw2.v.name} always serve together and share rank ${tw1.rank} (a tie below the cut, so the list stays stable).
Ineligible despite ≥ 20 hours: ${ineligible.map((r) => `${r.v.no} ${r.v.name} (${A.why(r)})`).join('; ')}.

优秀共产党员志愿服务队 (quota 3):

| rank | team | name | org | points | hours | activities | satisfaction |
|---|---|---|---|---|---|---|---|
${A.eligibleTeams.slice(0, 3).map(teamLine).join('\n')}

Eligible but cut: ${A.eligibleTeams.slice(3).map((x) => `${x.t.code} (${fmt(x.points)})`).join(', ')}. Ineligible: ${A.teams.filter((x) => x.reason).map((x) => `${x.t.code} (${x.reason})`).join(', ')}.
`;
}

// ---------------------------------------------------------------- write and report

if (WRITE && !problems.length) {
  mkdirSync(OUT, { recursive: true });
  for (const [file, table] of Object.entries(FILES)) writeFileSync(join(OUT, file), csvText(table));
  writeFileSync(join(OUT, 'rules.json'), JSON.stringify(RULES, null, 2) + '\n');
  writeFileSync(join(OUT, 'README.md'), readme());
  // read back: BOM, CRLF, a constant number of cells per line
  for (const file of Object.keys(FILES)) {
    const text = readFileSync(join(OUT, file), 'utf8');
    if (!text.startsWith('\uFEFF') || /[^\r]\n/.test(text)) fail(`${file}: not BOM + CRLF`);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    const width = lines[0].split(',').length;
    lines.forEach((l, i) => l.split(',').length !== width && !l.includes('"') && fail(`${file}:${i + 1}: ${l.split(',').length} cells`));
  }
}

const out = [];
out.push(`examples/ (${!WRITE ? 'not written, --check' : problems.length ? 'NOT written: problems below' : 'written'})`);
for (const [file, [, rows]] of Object.entries(FILES)) out.push(`  ${file.padEnd(18)} ${String(rows.length).padStart(5)} rows`);
out.push(`  rules.json         ${JSON.stringify(RULES)}`);
const approvedRows = service.filter((r) => r.status === '已审核');
out.push('');
out.push(`service: ${service.length} rows, ${approvedRows.length} approved, ${service.length - approvedRows.length} pending, `
  + `${service.filter((r) => r.entry === '补录').length} back entries, ${service.filter((r) => r.activity).length} on activities, `
  + `${service.filter((r) => !r.start).length} with hours only, ${service.filter((r) => r.role === '负责人').length} as leader, `
  + `${service.filter((r) => r.evaluation === '不满意').length} 不满意, ${service.filter((r) => ['03-05', '12-05'].includes(r.date.slice(5))).length} on 03-05/12-05; `
  + `total ${hrs(service.reduce((s, r) => s + r.minutes, 0))} h`);
out.push(`over 8 h in a day: ${overCap.map(([k, m]) => `${k} ${hrs(m)} h`).join(', ')}`);
const ps = (k) => volunteers.filter((v) => v.ps === k).length;
out.push(`volunteers: ${ps('party_member')} 中共党员, ${ps('probationary')} 中共预备党员, ${ps('league_member')} 共青团员, ${ps('masses')} 群众`);
out.push('');
out.push(`2025, rules.json over the defaults (lists identical under the bare defaults: ${names(A) === names(D)}):`);
out.push(`party members with an approved record: ${A.inScope.length} -> quota ceil(5%) = ${A.quota}`);
out.push('approved hours per party member, top 10 (by hours):');
out.push('  no        name      org  status   hours  points  satisf.  award');
for (const r of [...A.inScope].sort((a, b) => b.minutes - a.minutes).slice(0, 10)) {
  const e = A.eligible.find((x) => x === r);
  out.push(`  ${r.v.no}  ${r.v.name.padEnd(4, '　')}  ${r.v.org}  ${PS_ZH[r.v.ps].padEnd(6, '　')} ${hrs(r.minutes).padStart(6)} ${fmt(r.points).padStart(7)}  `
    + `${r.rate === null ? '—' : r.rate.toFixed(4)}   ${e ? (e.rank <= A.quota ? `listed #${e.rank}` : `eligible #${e.rank}, cut`) : `ineligible: ${A.why(r)}`}`);
}
out.push(`优秀共产党员志愿者 (quota ${A.quota}): ${A.listed.map((r) => `#${r.rank} ${r.v.no} ${r.v.name} ${fmt(r.points)} pts ${hrs(r.minutes)} h`).join('; ')}`);
out.push(`  next eligible: ${A.eligible.slice(A.quota, A.quota + 3).map((r) => `#${r.rank} ${r.v.no} ${r.v.name} ${fmt(r.points)}`).join('; ')}`);
const tw = A.eligible.filter((r) => r.v.tag === 'TW1' || r.v.tag === 'TW2');
out.push(`  deliberate tie below the cut: ${tw.map((r) => `#${r.rank} ${r.v.no} ${r.v.name} ${fmt(r.points)} pts ${hrs(r.minutes)} h`).join('; ')}`);
out.push(`  ineligible with >= 20 h: ${A.inScope.filter((r) => A.why(r) && r.minutes >= 1200).map((r) => `${r.v.no} ${r.v.name} (${A.why(r)})`).join('; ')}`);
out.push('优秀共产党员志愿服务队 (quota 3):');
for (const x of [...A.teams].sort((a, b) => b.points - a.points)) {
  const e = A.eligibleTeams.indexOf(x);
  out.push(`  ${x.t.code} ${x.t.name.padEnd(16, '　')} ${String(x.acts).padStart(2)} acts  party ${x.share.toFixed(2)}  ${hrs(x.minutes).padStart(7)} h `
    + `${fmt(x.points).padStart(8)} pts  sat ${x.rate?.toFixed(4)}  ${x.reason ? `ineligible: ${x.reason}` : e < 3 ? `listed #${e + 1}` : `eligible #${e + 1}, cut`}`);
}
// assessment (SPEC 6) per organisation with its subtree, for a feel of the grades
{
  const { per } = score(withRules);
  const GRADES = [['优秀', 0.9, 24, 1, 0.95], ['良好', 0.75, 12, 0.5, 0.9], ['一般', 0.5, 6, 0.25, 0.8]];
  out.push('assessment 2025 (org: party members, participation, hours/member, activities/month, satisfaction, grade):');
  for (const o of ORGS) {
    const vs = volunteers.filter((v) => inSubtree(v.org, o.code));
    const pm = vs.filter((v) => isParty(v) && v.registered <= `${YEAR}-12-31` && !(v.leftOn && v.leftOn < `${YEAR}-01-01`));
    const part = pm.filter((v) => per.get(v.no).records > 0).length / pm.length;
    const hpm = pm.reduce((s, v) => s + per.get(v.no).minutes, 0) / 60 / pm.length;
    const apm = activities.filter((a) => inSubtree(a.org, o.code)).length / 12;
    const ev = vs.reduce((s, v) => s + per.get(v.no).evaluated, 0);
    const sat = (ev - vs.reduce((s, v) => s + per.get(v.no).unhappy, 0)) / ev;
    const grade = GRADES.find(([, p, h, a, s]) => part >= p && hpm >= h && apm >= a && sat >= s)?.[0] ?? '较差';
    out.push(`  ${o.code.padEnd(4)} ${String(pm.length).padStart(3)}  ${part.toFixed(4)}  ${hpm.toFixed(2).padStart(6)}  ${apm.toFixed(2)}  ${sat.toFixed(4)}  ${grade}`);
  }
}
console.log(out.join('\n'));
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n  ${problems.slice(0, 40).join('\n  ')}`);
  process.exit(1);
}
