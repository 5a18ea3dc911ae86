// The reports' columns (SPEC 7 keys, headings in both languages) and their localised words:
// section titles, quota and tie notes, the reasons a candidate is not listed.
import type { Reason, TeamIneligibility, VolunteerIneligibility } from '../../core/awards.js';
import { enumLabel } from '../../core/enums.js';
import { hoursValue, ratio, roundRatio, type Ratio } from '../../core/round.js';
import type { Rules } from '../../core/rules.js';
import type { Lang } from '../context.js';
import type { Column } from '../render.js';
import type { TeamAwardCandidate, VolunteerAwardCandidate } from './year-figures.js';

export const AWARD_COLUMNS: Column[] = [
  { key: 'award', en: 'award', zh: '奖项' },
  { key: 'rank', en: 'rank', zh: '名次', type: 'int' },
  { key: 'code', en: 'code', zh: '编号' },
  { key: 'name', en: 'name', zh: '名称' },
  { key: 'org', en: 'org', zh: '所在组织' },
  { key: 'points', en: 'points', zh: '积分', type: 'points' },
  { key: 'hours', en: 'hours', zh: '服务时长', type: 'hours' },
  { key: 'satisfaction', en: 'satisfaction', zh: '满意率', type: 'rate' },
  { key: 'tie_extended', en: 'tie_extended', zh: '并列增额', type: 'bool' },
];

const col = (key: string): Column => AWARD_COLUMNS.find((c) => c.key === key)!;

/** The columns of one award's tables as a clerk reads them: the award is the section's title. */
export function awardTableColumns(award: 'excellent_volunteer' | 'excellent_team') {
  const named = (c: Column): Column => (c.key !== 'name' ? c
    : award === 'excellent_volunteer' ? { ...c, zh: '姓名' } : { ...c, zh: '服务队名称' });
  const listed = AWARD_COLUMNS.filter((c) => c.key !== 'award').map(named);
  return {
    listed,
    cut: listed.filter((c) => c.key !== 'tie_extended'),
    ineligible: [...['code', 'name', 'org', 'points', 'hours', 'satisfaction'].map((k) => named(col(k))),
      { key: 'reason', en: 'why not eligible', zh: '未入选原因' }],
  };
}

export const ASSESSMENT_COLUMNS: Column[] = [
  { key: 'org', en: 'org', zh: '组织编码' },
  { key: 'name', en: 'name', zh: '组织名称' },
  { key: 'party_members', en: 'party_members', zh: '党员人数', type: 'int' },
  { key: 'participants', en: 'participants', zh: '参与人数', type: 'int' },
  { key: 'participation_rate', en: 'participation_rate', zh: '参与率', type: 'rate' },
  { key: 'hours', en: 'hours', zh: '服务时长', type: 'hours' },
  { key: 'hours_per_member', en: 'hours_per_member', zh: '人均时长', type: 'ratio2' },
  { key: 'activities', en: 'activities', zh: '活动次数', type: 'int' },
  { key: 'activities_per_month', en: 'activities_per_month', zh: '月均活动', type: 'rate' },
  { key: 'satisfaction', en: 'satisfaction', zh: '满意率', type: 'rate' },
  { key: 'grade', en: 'grade', zh: '考核等级', type: 'enum', enumName: 'grade' },
];

const rate = (r: Ratio | null) => (r ? String(roundRatio(r, 4)) : '—');
const hours = (minutes: number) => String(hoursValue(minutes));

/** Words for the award reports in one language. */
export function awardWords(lang: Lang) {
  const zh = lang === 'zh';
  return {
    documentTitle: (year: number, scope: string) => (zh ? `${year}年度党员志愿服务评优名单（${scope}）` : `Volunteer service awards ${year} (${scope})`),
    allOrgs: zh ? '全部组织' : 'all organisations',
    section: (title: string, year: number) => (zh ? `${year}年度${title}` : `${title} ${year}`),
    volunteerQuota: (quota: number, base: number, percent: number, min: number) => (zh
      ? `名额：${quota}名（本年度有服务记录的党员${base}名 × ${percent}%，向上取整，至少${min}名）`
      : `Quota: ${quota} (${percent}% of the ${base} party members with a service record this year, rounded up; at least ${min})`),
    teamQuota: (quota: number) => (zh ? `名额：${quota}个` : `Quota: ${quota}`),
    tieNote: (quota: number, listed: number, rank: number) => (zh
      ? `说明：第${rank}名并列，名额${quota}个，因并列超出名额，共列出${listed}个（标注“并列增额”）。`
      : `Note: the quota of ${quota} was exceeded because of a tie at rank ${rank}: ${listed} are listed (tie_extended).`),
    fewerNote: (eligible: number, quota: number) => (zh
      ? `说明：符合条件的仅${eligible}个，少于名额${quota}个，全部列出。`
      : `Note: only ${eligible} eligible, fewer than the quota of ${quota}; all are listed.`),
    noneListed: zh ? '（无符合条件的人选）' : '(no eligible candidate)',
    cutTitle: zh ? '符合条件但未进入名额' : 'Eligible but below the quota',
    ineligibleTitle: zh ? '不符合条件' : 'Not eligible',
    colon: zh ? '：' : ':',
    figures: (points: string, hours: number, rate: string) => (zh ? `积分${points}，时长${hours}小时，满意率${rate}` : `${points} points, ${hours} h, satisfaction ${rate}`),
    noneCut: zh ? '（无）' : '(none)',
  };
}

/** The short scope label: "G01 市直机关工委" or "all organisations". */
export function scopeLabel(root: { code: string; name: string } | null, lang: Lang): string {
  return root ? `${root.code} ${root.name}` : awardWords(lang).allOrgs;
}

/** Why a volunteer is not eligible, in the report's language (English from the core as is). */
export function volunteerReasonText(r: Reason<VolunteerIneligibility>, c: VolunteerAwardCandidate, rules: Rules, year: number, lang: Lang): string {
  if (lang === 'en') return r.text;
  const rule = rules.awards.excellent_volunteer;
  switch (r.code) {
    case 'political_status':
      return `${year}年12月31日政治面貌为${enumLabel('political_status', c.political_status, 'zh')}，不是${rule.political_status.map((s) => enumLabel('political_status', s, 'zh')).join('或')}`;
    case 'left': return c.left_on ? `已于${c.left_on}离开，早于${year}年底` : `已离开（无日期），早于${year}年底`;
    case 'disciplined': return `${year}年度受处分`;
    case 'min_hours': return `${year}年经审核服务时长${hours(c.minutes)}小时，不足${rule.min_hours}小时`;
    case 'min_satisfaction': return `满意率${rate(c.satisfaction)}，低于${rule.min_satisfaction}`;
    case 'upheld_complaints': return `${year}年有${c.upheldComplaints}起属实投诉，超过${rule.max_upheld_complaints}起`;
  }
}

export function teamReasonText(r: Reason<TeamIneligibility>, t: TeamAwardCandidate, rules: Rules, year: number, lang: Lang): string {
  if (lang === 'en') return r.text;
  const rule = rules.awards.excellent_team;
  switch (r.code) {
    case 'min_activities': return `${year}年开展活动${t.activities}次，不足${rule.min_activities}次`;
    case 'no_members': return `${year}年底无在队队员`;
    case 'min_party_share': return `在队队员${t.currentMembers}人中党员${t.currentPartyMembers}人（${rate(ratio(t.currentPartyMembers, t.currentMembers))}），低于${rule.min_party_share}`;
    case 'min_satisfaction': return `满意率${rate(t.satisfaction)}，低于${rule.min_satisfaction}`;
  }
}

/** Words for the assessment report. */
export function assessmentWords(lang: Lang) {
  const zh = lang === 'zh';
  return {
    title: (year: number, scope: string) => (zh ? `${year}年度党建目标考核（党员志愿服务）（${scope}）` : `Assessment ${year}: party-member volunteer service (${scope})`),
    legend: zh
      ? '党员人数：年底在册的中共党员和预备党员；参与率：有经审核服务记录的党员占比；人均时长：党员服务时长 ÷ 党员人数；月均活动：活动次数 ÷ 12；满意率：群众评价中非“不满意”的占比。'
      : 'party_members: party and probationary members on the roster that year; participation_rate: share with an approved service record; hours_per_member: their hours ÷ party members; activities_per_month: activities ÷ 12; satisfaction: evaluated records not rated dissatisfied.',
  };
}

/** Words for the annual HTML report's charts and sections. */
export function annualWords(lang: Lang) {
  const zh = lang === 'zh';
  return {
    title: (year: number, scope: string) => (zh ? `${year}年度党员志愿服务年度报告（${scope}）` : `Party-member volunteer service: annual report ${year} (${scope})`),
    awards: zh ? '评优名单' : 'Award lists',
    assessment: zh ? '党建目标考核' : 'Assessment of the organisations',
    charts: zh ? '服务时长统计' : 'Service hours',
    numbered: (n: number, text: string) => (zh ? `${'一二三四五六七八九'[n - 1]}、${text}` : `${n}. ${text}`),
    perMonth: zh ? '各月经审核服务时长（小时，全体志愿者）' : 'Approved service hours per month (all volunteers)',
    perOrg: zh ? '各组织经审核服务时长（小时，全体志愿者，含下级组织）' : 'Approved service hours per organisation (all volunteers, with its subtree)',
    month: (m: number) => (zh ? `${m}月` : ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]!),
    generated: (date: string) => (zh ? `生成日期：${date}（vledger）` : `Generated on ${date} by vledger`),
    hoursUnit: zh ? '小时' : 'h',
  };
}

/** What `report certificate` says on stderr and when it refuses, in the user's language. */
export function certificateMessages(lang: Lang) {
  const zh = lang === 'zh';
  return {
    reversed: (from: string, to: string) => (zh ? `--from: ${from} 晚于 --to ${to}；请先写期间的第一天` : `--from: ${from} is after --to ${to}; give the first day of the period first`),
    futureTo: (to: string, today: string) => (zh ? `--to: ${to} 是将来的日期（今天是 ${today}）；证明只能涵盖到出具日为止的服务` : `--to: ${to} is in the future (today is ${today}); a certificate covers service up to its date of issue`),
    futureFrom: (from: string, today: string) => (zh ? `--from: ${from} 是将来的日期（今天是 ${today}）` : `--from: ${from} is in the future (today is ${today})`),
    nothing: (no: string, from: string, to: string) => (zh
      ? `${no} 在${from ? ` ${from} 至` : ''} ${to} 期间没有经审核的服务记录，无可证明（请检查期间，或先审核待审核记录）`
      : `${no} has no approved service records ${from ? `from ${from} ` : ''}up to ${to}; nothing to certify (check the period or approve pending records)`),
    issued: (n: string) => (zh ? `已出具证明 ${n}` : `issued certificate ${n}`),
    reprinted: (n: string, on: string, by: string) => (zh ? `重新打印证明 ${n}（${on} 由 ${by} 出具）` : `reprinted certificate ${n} (issued on ${on} by ${by})`),
    issuerIgnored: (asked: string, by: string) => (zh ? `警告：忽略 --issuer ${asked}：该期间的证明已由 ${by} 出具` : `warning: --issuer ${asked} ignored: this period's certificate was issued by ${by}`),
    hoursChanged: (now: number, then: number, on: string) => (zh
      ? `警告：该期间经审核的服务时长现为 ${now} 小时，而 ${on} 证明的是 ${then} 小时（此后有记录新增或作废）；重新打印按现有记录列出`
      : `warning: the period's approved hours are now ${now}, not the ${then} certified on ${on} (records were added or voided since); the reprint shows the records as they are now`),
  };
}
