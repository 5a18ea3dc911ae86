// Lists, the volunteer profile and the audit trail.
import { UserError } from '../../core/errors.js';
import { enumLabel, type EnumName } from '../../core/enums.js';
import { hoursValue } from '../../core/round.js';
import { maskIdNumber, maskPhone } from '../../core/validate.js';
import type { Kind } from '../../core/kinds.js';
import { kindQuery, subtreeCodes } from '../../db/queries.js';
import { Resolver } from '../../db/resolve.js';
import { rulesInForce } from '../../db/rules-store.js';
import { starLevel } from '../../core/scoring.js';
import { kindColumns } from '../columns.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { printRows } from '../output.js';
import { resolveFormat, type Column } from '../render.js';

const KIND_OF_LIST: Record<string, Kind> = { records: 'service' };

export function orgFilter(ctx: Ctx, org: unknown): string[] | null {
  if (org === undefined) return null;
  const r = new Resolver(ctx.db).org(String(org));
  if (!r.ok) throw new UserError(`--org: ${r.message}`);
  return subtreeCodes(ctx.db, r.value);
}

export function list(ctx: Ctx, opts: Opts, what: string): void {
  const kind = KIND_OF_LIST[what] ?? (what as Kind);
  let volunteer: string | undefined;
  if (opts.volunteer !== undefined) {
    const v = new Resolver(ctx.db).volunteer({ volunteer_no: String(opts.volunteer) });
    if (!v.ok) throw new UserError(`--volunteer: ${v.message}`);
    volunteer = v.value.volunteer_no;
  }
  const q = kindQuery(kind, { orgs: orgFilter(ctx, opts.org), year: opts.year as number | undefined, volunteer, includeVoided: Boolean(opts.all) });
  const rows = ctx.db.prepare(q.sql).all(...q.params) as Record<string, unknown>[];
  const isLog = !['orgs', 'volunteers', 'teams', 'members', 'activities'].includes(kind);
  // every list shows a status (SPEC 11.12): roster rows are never voided, so they are active,
  // or left for a membership that has ended
  if (!isLog && kind !== 'volunteers') for (const r of rows) r.status = r.left_on ? 'left' : 'active';
  const extra = isLog && opts.all ? ['status', 'void_reason'] : ['status'];
  printRows(ctx, opts, kindColumns(kind, extra), rows);
}

interface VolunteerProfile { [k: string]: unknown }

export function volunteerProfile(ctx: Ctx, who: string): VolunteerProfile {
  const v = new Resolver(ctx.db).volunteer({ volunteer_no: who });
  if (!v.ok) throw new UserError(v.message);
  const no = v.value.volunteer_no;
  const p = ctx.db.prepare('SELECT * FROM volunteers WHERE volunteer_no = ?').get(no) as VolunteerProfile;
  const totals = ctx.db.prepare(`SELECT count(*) AS records, coalesce(sum(minutes), 0) AS minutes FROM records
    WHERE volunteer_no = ? AND kind = 'service' AND status = 'approved' AND voided_at IS NULL`).get(no) as { records: number; minutes: number };
  const year = ctx.thisYear();
  const yearMinutes = ctx.db.prepare(`SELECT coalesce(sum(minutes), 0) FROM records WHERE volunteer_no = ? AND kind = 'service'
    AND status = 'approved' AND voided_at IS NULL AND date BETWEEN ? AND ?`).pluck().get(no, `${year}-01-01`, `${year}-12-31`) as number;
  const pending = ctx.db.prepare(`SELECT count(*) FROM records WHERE volunteer_no = ? AND status = 'pending' AND voided_at IS NULL`).pluck().get(no) as number;
  const teams = ctx.db.prepare(`SELECT t.code || ' ' || t.name || CASE WHEN m.left_on IS NOT NULL THEN ' (left ' || m.left_on || ')' ELSE '' END
    FROM members m JOIN teams t ON t.code = m.team WHERE m.volunteer_no = ? ORDER BY t.code`).pluck().all(no) as string[];
  const history = ctx.db.prepare(`SELECT field || ': ' || value || CASE WHEN effective = '' THEN '' ELSE ' from ' || effective END
    FROM volunteer_history WHERE volunteer_no = ? AND effective != '' ORDER BY effective, pk`).pluck().all(no) as string[];
  return { ...p, teams: teams.join('; '), history: history.join('; '), approved_records: totals.records,
    total_minutes: totals.minutes, star_level: starLevel(totals.minutes, rulesInForce(ctx.db, year)), year_minutes: yearMinutes, pending_records: pending };
}

export function showVolunteer(ctx: Ctx, opts: Opts, who: string): void {
  const p = volunteerProfile(ctx, who);
  // tables for people show the words in their language; csv/json keep the canonical values
  const format = resolveFormat(opts.format as string | undefined);
  const human = format !== 'csv' && format !== 'json';
  const label = (name: EnumName) => (v: unknown) => (human ? enumLabel(name, String(v), ctx.lang) : String(v));
  const fields: [string, string, string, (v: unknown) => unknown][] = [
    ['volunteer_no', '志愿者编号', 'volunteer_no', String], ['name', '姓名', 'name', String],
    ['id_type', '证件类型', 'id_type', label('id_type')],
    ['id_number', '身份证号', 'id_number', (v) => (v && !opts.unmasked ? maskIdNumber(String(v)) : v)],
    ['gender', '性别', 'gender', label('gender')], ['birth_date', '出生日期', 'birth_date', String],
    ['phone', '手机号', 'phone', (v) => (v && !opts.unmasked ? maskPhone(String(v)) : v)],
    ['political_status', '政治面貌', 'political_status', label('political_status')], ['org', '所在支部', 'org', String],
    ['skills', '服务技能', 'skills', String], ['registered_on', '注册日期', 'registered_on', String],
    ['status', '状态', 'status', label('volunteer_status')], ['left_on', '离开日期', 'left_on', String],
    ['disciplined_in', '受处分年度', 'disciplined_in', String], ['teams', '服务队', 'teams', String],
    ['history', '变更记录', 'history', String], ['approved_records', '服务记录数', 'approved_records', Number],
    ['total_hours', '累计服务时长', 'total_minutes', (v) => hoursValue(Number(v))],
    ['star_level', '星级', 'star_level', Number],
    [`hours_${ctx.thisYear()}`, `${ctx.thisYear()}年服务时长`, 'year_minutes', (v) => hoursValue(Number(v))],
    ['pending_records', '待审核记录', 'pending_records', Number],
  ];
  const rows = fields.map(([key, zh, src, f]) => ({ field: ctx.lang === 'zh' ? zh : key, key, value: p[src] === null || p[src] === undefined ? '' : f(p[src]) }));
  const columns: Column[] = [{ key: 'key', en: 'field', zh: '项目' }, { key: 'value', en: 'value', zh: '内容' }];
  if (format === 'json') {
    process.stdout.write(JSON.stringify([Object.fromEntries(rows.map((r) => [r.key, r.value]))], null, 2) + '\n');
    return;
  }
  printRows(ctx, opts, format === 'csv' ? columns : [{ key: 'field', en: 'field', zh: '项目' }, columns[1]!], rows);
}

const MASK_KEYS = new Set(['id_number', 'phone']);
const RESIDENT_ID = /^\d{17}[\dX]$/i;
const MOBILE = /^1[3-9]\d{9}$/;

/** Mask personal data inside an audit change document unless --unmasked. */
function maskChange(json: string, unmasked: boolean): string {
  if (unmasked) return json;
  return JSON.stringify(JSON.parse(json), (k, v) => {
    if (MASK_KEYS.has(k) && typeof v === 'string') return k === 'phone' ? maskPhone(v) : maskIdNumber(v);
    // whatever the key (e.g. how a person was named), a resident id or a mobile is never shown whole
    if (typeof v === 'string' && RESIDENT_ID.test(v)) return maskIdNumber(v);
    if (typeof v === 'string' && MOBILE.test(v)) return maskPhone(v);
    if (MASK_KEYS.has(k) && v && typeof v === 'object' && ('from' in v || 'to' in v)) {
      const m = (s: unknown) => (typeof s === 'string' ? (k === 'phone' ? maskPhone(s) : maskIdNumber(s)) : s);
      return { from: m(v.from), to: m(v.to) };
    }
    return v;
  });
}

export function audit(ctx: Ctx, opts: Opts): void {
  const since = (opts.since as string | undefined) ?? '';
  const rows = (ctx.db.prepare('SELECT at, operator, command, entity, entity_id, change FROM audit WHERE at >= ? ORDER BY pk').all(since) as Record<string, string>[])
    .map((r) => ({ ...r, change: maskChange(r.change!, Boolean(opts.unmasked)) }));
  printRows(ctx, opts, [
    { key: 'at', en: 'at', zh: '时间' }, { key: 'operator', en: 'operator', zh: '操作人' }, { key: 'command', en: 'command', zh: '命令' },
    { key: 'entity', en: 'entity', zh: '对象' }, { key: 'entity_id', en: 'entity_id', zh: '编号' }, { key: 'change', en: 'change', zh: '变更内容' },
  ], rows);
}
