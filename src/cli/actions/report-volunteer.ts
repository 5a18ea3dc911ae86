// `vledger report volunteer V --year Y`: a member's annual summary for the democratic appraisal
// (民主评议党员, SPEC 6 and 11.15): one object in csv/json, a readable sheet otherwise.
import { UserError } from '../../core/errors.js';
import { rankVolunteers } from '../../core/ranking.js';
import { starLevel, type EntryKind } from '../../core/scoring.js';
import { approvedMinutesUpTo, loadYearRecords } from '../../db/facts.js';
import { Resolver } from '../../db/resolve.js';
import type { Ctx, Lang } from '../context.js';
import type { Opts } from '../options.js';
import { renderOptions } from '../output.js';
import { humanText, machineValue, render, renderMarkdown, writeOut, type Column } from '../render.js';
import { htmlPage, paragraph, table } from '../html-report.js';
import { enumLabel } from '../../core/enums.js';
import { loadYearFigures } from './year-figures.js';

const POINT_KINDS: [EntryKind, string, string][] = [
  ['service', 'points_service', '服务时长积分'], ['leader', 'points_leader', '负责人加分'],
  ['evaluation', 'points_evaluation', '群众评价积分'], ['training', 'points_training', '培训积分'],
  ['commendation', 'points_commendation', '表彰加分'], ['no-show', 'points_no_show', '缺席扣分'],
  ['complaint', 'points_complaint', '投诉扣分'], ['adjustment', 'points_adjustment', '积分调整'],
];

export const VOLUNTEER_COLUMNS: Column[] = [
  { key: 'year', en: 'year', zh: '年度', type: 'int' },
  { key: 'volunteer_no', en: 'volunteer_no', zh: '志愿者编号' },
  { key: 'name', en: 'name', zh: '姓名' },
  { key: 'org', en: 'org', zh: '所在组织' },
  { key: 'org_name', en: 'org_name', zh: '组织名称' },
  { key: 'political_status', en: 'political_status', zh: '政治面貌', type: 'enum', enumName: 'political_status' },
  { key: 'hours', en: 'hours', zh: '服务时长', type: 'hours' },
  { key: 'records', en: 'records', zh: '服务记录数', type: 'int' },
  { key: 'activities', en: 'activities', zh: '参加活动数', type: 'int' },
  { key: 'training_hours', en: 'training_hours', zh: '培训时长', type: 'hours' },
  { key: 'points', en: 'points', zh: '年度积分', type: 'points' },
  ...POINT_KINDS.map(([, key, zh]): Column => ({ key, en: key, zh, type: 'points' })),
  { key: 'rank', en: 'rank', zh: '本组织排名', type: 'int' },
  { key: 'ranked', en: 'ranked', zh: '本组织排名人数', type: 'int' },
  { key: 'satisfaction', en: 'satisfaction', zh: '满意率', type: 'rate' },
  { key: 'stars', en: 'stars', zh: '星级', type: 'int' },
  { key: 'cumulative_hours', en: 'cumulative_hours', zh: '累计服务时长', type: 'hours' },
  { key: 'commendations', en: 'commendations', zh: '表彰次数', type: 'int' },
  { key: 'commendation_list', en: 'commendation_list', zh: '表彰情况' },
  { key: 'complaints', en: 'complaints', zh: '投诉次数', type: 'int' },
  { key: 'upheld_complaints', en: 'upheld_complaints', zh: '属实投诉', type: 'int' },
  { key: 'complaint_list', en: 'complaint_list', zh: '投诉情况' },
  { key: 'no_shows', en: 'no_shows', zh: '缺席次数', type: 'int' },
];

interface OtherRecord { kind: string; date: string; title: string | null; level: string | null; description: string | null; upheld: number | null; minutes: number | null }

function listText(rows: OtherRecord[], kind: string, lang: Lang): string {
  const sep = lang === 'zh' ? '；' : '; ';
  return rows.filter((r) => r.kind === kind).map((r) => kind === 'commendation'
    ? `${r.date} ${r.title ?? ''}${r.level ? (lang === 'zh' ? `（${enumLabel('level', r.level, 'zh')}）` : ` (${r.level})`) : ''}`
    : `${r.date} ${r.description ?? ''}${lang === 'zh' ? (r.upheld ? '（属实）' : '（不属实）') : (r.upheld ? ' (upheld)' : ' (not upheld)')}`).join(sep);
}

/** The summary of one volunteer's year, as one row of VOLUNTEER_COLUMNS. */
export function volunteerSummary(ctx: Ctx, who: string, year: number): Record<string, unknown> {
  const v = new Resolver(ctx.db).volunteer({ volunteer_no: who });
  if (!v.ok) throw new UserError(v.message);
  const no = v.value.volunteer_no;
  const f = loadYearFigures(ctx.db, year, undefined);
  const fact = f.volunteers.get(no)!;
  const y = f.years.get(no);
  // rank in the branch: among the ranked volunteers of the member's own org subtree (SPEC 11.15)
  const branch = f.orgs.subtree(fact.org);
  const ranked = rankVolunteers([...f.years].filter(([n]) => branch.has(f.volunteers.get(n)?.org ?? '')).map(([n, t]) => ({ ...t, volunteer_no: n })));
  const byKind = y?.byKind ?? {};
  const others = ctx.db.prepare(`SELECT kind, date, title, level, description, upheld, minutes FROM records WHERE volunteer_no = ?
    AND kind IN ('commendation', 'complaint', 'no_show', 'training') AND voided_at IS NULL AND status = 'approved'
    AND date BETWEEN ? AND ? ORDER BY date, pk`).all(no, `${year}-01-01`, `${year}-12-31`) as OtherRecord[];
  const activities = new Set(loadYearRecords(ctx.db, year, no).filter((r) => r.kind === 'service' && r.activity).map((r) => r.activity));
  const cumulative = approvedMinutesUpTo(ctx.db, no, `${year}-12-31`);
  const count = (kind: string) => others.filter((r) => r.kind === kind).length;
  return {
    year, volunteer_no: no, name: fact.name, org: fact.org, org_name: f.orgs.byCode.get(fact.org)?.name ?? '',
    political_status: fact.political_status, hours: y?.minutes ?? 0, records: y?.records ?? 0, activities: activities.size,
    training_hours: others.filter((r) => r.kind === 'training').reduce((s, r) => s + (r.minutes ?? 0), 0),
    points: y?.points ?? 0, ...Object.fromEntries(POINT_KINDS.map(([kind, key]) => [key, byKind[kind] ?? 0])),
    rank: ranked.find((r) => r.volunteer_no === no)?.rank ?? null, ranked: ranked.length,
    satisfaction: y?.satisfaction ?? null, stars: starLevel(cumulative, f.rules), cumulative_hours: cumulative,
    commendations: count('commendation'), commendation_list: listText(others, 'commendation', ctx.lang),
    complaints: count('complaint'), upheld_complaints: others.filter((r) => r.kind === 'complaint' && r.upheld).length,
    complaint_list: listText(others, 'complaint', ctx.lang), no_shows: count('no_show'),
  };
}

const SHEET_COLUMNS: Column[] = [{ key: 'field', en: 'item', zh: '项目' }, { key: 'value', en: 'value', zh: '内容' }];

export function reportVolunteer(ctx: Ctx, opts: Opts, who: string): void {
  const year = opts.year as number;
  const row = volunteerSummary(ctx, who, year);
  const ro = renderOptions(ctx, opts);
  if (ro.format === 'csv' || ro.format === 'json') {
    writeOut(render(VOLUNTEER_COLUMNS, [row], ro));
    return;
  }
  const zh = ctx.lang === 'zh';
  const title = zh ? `${year}年度党员志愿服务个人小结（民主评议党员）：${row.name}（${row.volunteer_no}）`
    : `Annual volunteer service summary ${year} for the democratic appraisal: ${row.name} (${row.volunteer_no})`;
  const sheet = VOLUNTEER_COLUMNS.filter((c) => c.key !== 'year' && c.key !== 'ranked').map((c) => {
    let value = humanText(c, machineValue(c, row[c.key]), ctx.lang);
    if (c.key === 'rank') value = row.rank === null ? '—' : zh ? `${row.rank}（共${row.ranked}人）` : `${row.rank} of ${row.ranked}`;
    if (c.key === 'stars') value = `${'★'.repeat(row.stars as number) || (zh ? '无' : 'none')}`;
    if ((c.key.endsWith('_list')) && value === '') value = zh ? '无' : 'none';
    return { field: zh ? c.zh : c.en.replace(/_/g, ' '), value };
  });
  const note = zh ? '说明：排名为本人所在组织（含下级）内按积分、时长、满意率的排名；星级按截至当年年底的累计经审核服务时长。'
    : 'Rank: within the member\'s own organisation and its subtree, by points, hours and satisfaction. Stars: all approved hours up to the end of the year.';
  switch (ro.format) {
    case 'md':
      writeOut(`# ${title}\n\n${renderMarkdown(SHEET_COLUMNS, sheet, ro)}\n${note}\n`);
      return;
    case 'html':
      writeOut(htmlPage(title, [table(SHEET_COLUMNS, sheet, ctx.lang, false, 'summary'), paragraph(note, 'legend')], ctx.lang));
      return;
    default:
      writeOut(render(SHEET_COLUMNS, sheet, { ...ro, title }) + `${note}\n`);
  }
}
