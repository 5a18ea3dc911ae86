// `vledger score`: a year's points per volunteer (with points by kind), every entry of one
// volunteer's year with its rule, and the points rules themselves — printing and storing them.
import { readFileSync } from 'node:fs';
import { UserError, UsageError } from '../../core/errors.js';
import { parseRulesText } from '../../core/rules.js';
import { scoreEntries, type EntryKind } from '../../core/scoring.js';
import { loadYearRecords } from '../../db/facts.js';
import { Resolver } from '../../db/resolve.js';
import { rulesInForce, storeRulesVersion } from '../../db/rules-store.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { printRows, renderOptions } from '../output.js';
import type { Column } from '../render.js';
import { loadYearFigures } from './year-figures.js';
import { volunteerFigures, VOLUNTEER_COLUMNS, yearOf } from './rank.js';
import { say, writeWithAudit } from './write.js';

/** Points by kind in the summary: the entry kinds of `score explain`, as column keys. */
const KIND_COLUMNS: [EntryKind, string, string][] = [
  ['service', 'service', '服务积分'], ['leader', 'leader', '负责人加分'], ['evaluation', 'evaluation', '评价积分'],
  ['training', 'training', '培训积分'], ['commendation', 'commendation', '表彰积分'], ['no-show', 'no_show', '缺席扣分'],
  ['complaint', 'complaint', '投诉扣分'], ['adjustment', 'adjustment', '调整积分'],
];

const SUMMARY_COLUMNS: Column[] = [
  ...VOLUNTEER_COLUMNS.filter((c) => ['volunteer_no', 'name', 'org', 'points', 'hours', 'records', 'satisfaction'].includes(c.key)),
  ...KIND_COLUMNS.map(([, key, zh]): Column => ({ key, en: key, zh, type: 'points' })),
];

export function scoreSummary(ctx: Ctx, opts: Opts): void {
  const year = yearOf(ctx, opts);
  const f = loadYearFigures(ctx.db, year, opts.org);
  const rows: Record<string, unknown>[] = volunteerFigures(f, false).map((v) => ({ ...v, hours: v.minutes }));
  for (const r of rows) {
    const byKind = f.years.get(r.volunteer_no as string)?.byKind ?? {};
    for (const [kind, key] of KIND_COLUMNS) r[key] = byKind[kind] ?? 0;
  }
  printRows(ctx, opts, SUMMARY_COLUMNS, rows, ctx.lang === 'zh' ? `${year}年志愿者积分` : `Points per volunteer, ${year}`);
}

const EXPLAIN_COLUMNS: Column[] = [
  { key: 'date', en: 'date', zh: '日期' }, { key: 'kind', en: 'kind', zh: '类型' }, { key: 'ref', en: 'ref', zh: '记录编号' },
  { key: 'rule', en: 'rule', zh: '规则' }, { key: 'minutes', en: 'minutes', zh: '分钟', type: 'int' },
  { key: 'points', en: 'points', zh: '积分', type: 'points' },
];

export function scoreExplain(ctx: Ctx, opts: Opts, who: string): void {
  const v = new Resolver(ctx.db).volunteer({ volunteer_no: who });
  if (!v.ok) throw new UserError(v.message);
  const year = yearOf(ctx, opts);
  const no = v.value.volunteer_no;
  const entries = scoreEntries(loadYearRecords(ctx.db, year, no), rulesInForce(ctx.db, year), year);
  const rows: Record<string, unknown>[] = entries.map((e) => ({ date: e.date, kind: e.kind, ref: e.ref, rule: e.rule, minutes: e.minutes, points: e.points }));
  const total = entries.reduce((s, e) => s + e.points, 0);
  const totalText = `${no} ${v.value.name} ${year}: ${(total / 100).toFixed(2)} points from ${entries.length} entries`;
  const title = ctx.lang === 'zh' ? `${no} ${v.value.name} ${year}年积分明细` : `Points of ${no} ${v.value.name}, ${year}`;
  // machine formats keep exactly the entry rows; a person reading a table gets the total as a last row
  if (renderOptions(ctx, opts).format === 'table') {
    rows.push({ date: ctx.lang === 'zh' ? '合计' : 'total', kind: '', ref: '', rule: `${entries.length} entries`, minutes: null, points: total });
    printRows(ctx, opts, EXPLAIN_COLUMNS, rows, title);
  } else {
    printRows(ctx, opts, EXPLAIN_COLUMNS, rows, title);
    say(totalText);
  }
}

/** parseRules' problems, one line each, named by the file they came from. */
function refuseRules(file: string, e: UserError): never {
  const lines = e.details.length ? e.details : [e.message];
  const named = lines.map((l) => (l.startsWith(`${file}:`) ? l : `${file}: ${l}`));
  throw new UserError(`${named[0]!}${named.length > 1 ? ` (and ${named.length - 1} more)` : ''}; nothing stored`, named.slice(1));
}

export function scoreRules(ctx: Ctx, opts: Opts): void {
  if (opts.set === undefined) {
    if (opts.fromYear !== undefined) throw new UsageError('--from-year: only with --set FILE');
    const rules = rulesInForce(ctx.db, yearOf(ctx, opts));
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return;
  }
  if (opts.year !== undefined) throw new UsageError('--year: not with --set; say from which year the rules apply with --from-year');
  const file = String(opts.set);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`--set: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  let rules;
  try {
    rules = parseRulesText(text, file);
  } catch (e) {
    if (e instanceof UserError) refuseRules(file, e);
    throw e;
  }
  const fromYear = (opts.fromYear as number | undefined) ?? ctx.thisYear();
  const pk = writeWithAudit(ctx, 'rules', () => {
    const pk = storeRulesVersion(ctx.db, rules, fromYear, ctx.operator, ctx.nowIso());
    return { id: String(pk), change: { insert: { from_year: fromYear, file, document: rules } }, result: pk };
  });
  say(`stored rules version ${pk} from ${file}: in force from ${fromYear} on (earlier years keep their rules)`);
}
