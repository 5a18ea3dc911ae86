// `vledger report certificate V [--from D] [--to D] [--issuer CODE]`: a numbered 志愿服务记录证明
// (SPEC 6, 11.15). The number is stored; asking again for the same volunteer and period reprints it.
import { UserError } from '../../core/errors.js';
import {
  certificateNumber, certificatePeriod, certificateText, nextCertificateSequence, type Certificate, type CertificateRecordLine,
} from '../../core/certificate.js';
import { enumLabel } from '../../core/enums.js';
import { hoursValue } from '../../core/round.js';
import { maskIdNumber } from '../../core/validate.js';
import { Resolver } from '../../db/resolve.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { renderOptions } from '../output.js';
import { escapeHtml, htmlPage, table } from '../html-report.js';
import { render, renderMarkdown, writeOut, type Column } from '../render.js';
import { say, writeWithAudit } from './write.js';
import { certificateMessages } from './report-text.js';

interface StoredCertificate { number: string; volunteer_no: string; period_from: string; period_to: string; minutes: number; issuer: string; issued_on: string }

export const CERTIFICATE_COLUMNS: Column[] = [
  { key: 'number', en: 'number', zh: '证明编号' },
  { key: 'volunteer_no', en: 'volunteer_no', zh: '志愿者编号' },
  { key: 'name', en: 'name', zh: '姓名' },
  { key: 'id_type', en: 'id_type', zh: '证件类型', type: 'enum', enumName: 'id_type' },
  { key: 'id_number', en: 'id_number', zh: '证件号码' },
  { key: 'period_from', en: 'period_from', zh: '起始日期' },
  { key: 'period_to', en: 'period_to', zh: '截止日期' },
  { key: 'records', en: 'records', zh: '服务记录数', type: 'int' },
  { key: 'hours', en: 'hours', zh: '服务时长', type: 'hours' },
  { key: 'issuer', en: 'issuer', zh: '出具单位编码' },
  { key: 'issuer_name', en: 'issuer_name', zh: '出具单位' },
  { key: 'issued_on', en: 'issued_on', zh: '出具日期' },
];

const RECORD_COLUMNS: Column[] = [
  { key: 'date', en: 'date', zh: '服务日期' },
  { key: 'activity', en: 'activity', zh: '活动编号' },
  { key: 'title', en: 'activity title', zh: '活动名称' },
  { key: 'category', en: 'category', zh: '服务类别' },
  { key: 'role', en: 'role', zh: '角色', type: 'enum', enumName: 'role' },
  { key: 'minutes', en: 'hours', zh: '服务时长', type: 'hours' },
];

function periodRecords(ctx: Ctx, no: string, from: string, to: string): CertificateRecordLine[] {
  return ctx.db.prepare(`SELECT r.date, r.activity, a.title, coalesce(r.category, a.category) AS category, r.role, r.minutes
    FROM records r LEFT JOIN activities a ON a.code = r.activity
    WHERE r.volunteer_no = ? AND r.kind = 'service' AND r.status = 'approved' AND r.voided_at IS NULL AND r.date BETWEEN ? AND ?
    ORDER BY r.date, r.start, r.pk`).all(no, from || '0000-01-01', to) as CertificateRecordLine[];
}

/** The stored certificate for this volunteer and period, or a new number written in one transaction. */
function issueOrReprint(ctx: Ctx, no: string, issuer: string, period: { from: string; to: string }, minutes: number, issuedOn: string): { stored: StoredCertificate; isNew: boolean } {
  const find = () => ctx.db.prepare('SELECT number, volunteer_no, period_from, period_to, minutes, issuer, issued_on FROM certificates WHERE volunteer_no = ? AND period_from = ? AND period_to = ?')
    .get(no, period.from, period.to) as StoredCertificate | undefined;
  const existing = find();
  if (existing) return { stored: existing, isNew: false };
  return writeWithAudit<{ stored: StoredCertificate; isNew: boolean }>(ctx, 'certificate', () => {
    // looked up again inside the write lock: another clerk may have issued it meanwhile
    const again = find();
    if (again) return { id: null, change: { reprint: again.number }, result: { stored: again, isNew: false } };
    const year = Number(issuedOn.slice(0, 4));
    const prefix = `${issuer}-${year}-`;
    const taken = ctx.db.prepare('SELECT number FROM certificates WHERE substr(number, 1, ?) = ?').pluck().all(prefix.length, prefix) as string[];
    const number = certificateNumber(issuer, year, nextCertificateSequence(taken, issuer, year));
    const stored: StoredCertificate = { number, volunteer_no: no, period_from: period.from, period_to: period.to, minutes, issuer, issued_on: issuedOn };
    ctx.db.prepare(`INSERT INTO certificates (number, volunteer_no, period_from, period_to, minutes, issuer, issued_on, created_at)
      VALUES (@number, @volunteer_no, @period_from, @period_to, @minutes, @issuer, @issued_on, @created_at)`).run({ ...stored, created_at: ctx.nowIso() });
    return { id: number, change: { insert: stored }, result: { stored, isNew: true } };
  });
}

export function reportCertificate(ctx: Ctx, opts: Opts, who: string): void {
  const resolver = new Resolver(ctx.db);
  const v = resolver.volunteer({ volunteer_no: who });
  if (!v.ok) throw new UserError(v.message);
  const no = v.value.volunteer_no;
  const today = ctx.today();
  const from = opts.from as string | undefined, to = opts.to as string | undefined;
  const msg = certificateMessages(ctx.lang);
  if (from && to && from > to) throw new UserError(msg.reversed(from, to));
  if (to && to > today) throw new UserError(msg.futureTo(to, today));
  if (from && from > today) throw new UserError(msg.futureFrom(from, today));
  let issuer = v.value.org;
  if (opts.issuer !== undefined) {
    const o = resolver.org(String(opts.issuer));
    if (!o.ok) throw new UserError(`--issuer: ${o.message}`);
    issuer = o.value;
  }
  // The period as asked is the key ('' = open): "all time" asked again tomorrow is the same
  // certificate, reprinted as issued (its records up to the day it was issued).
  const key = { from: from ?? '', to: to ?? '' };
  const known = ctx.db.prepare('SELECT issued_on FROM certificates WHERE volunteer_no = ? AND period_from = ? AND period_to = ?')
    .get(no, key.from, key.to) as { issued_on: string } | undefined;
  const period = certificatePeriod(from, to, known?.issued_on ?? today);
  const records = periodRecords(ctx, no, period.from, period.to);
  const minutes = records.reduce((s, r) => s + r.minutes, 0);
  if (!known && records.length === 0) {
    throw new UserError(msg.nothing(no, period.from, period.to));
  }
  const { stored, isNew } = issueOrReprint(ctx, no, issuer, key, minutes, today);
  if (isNew) say(msg.issued(stored.number));
  else {
    say(msg.reprinted(stored.number, stored.issued_on, stored.issuer));
    if (opts.issuer !== undefined && issuer !== stored.issuer) say(msg.issuerIgnored(issuer, stored.issuer));
    if (stored.minutes !== minutes) {
      say(msg.hoursChanged(hoursValue(minutes), hoursValue(stored.minutes), stored.issued_on));
    }
  }
  printCertificate(ctx, opts, stored, records);
}

function printCertificate(ctx: Ctx, opts: Opts, stored: StoredCertificate, records: CertificateRecordLine[]): void {
  const p = ctx.db.prepare('SELECT name, id_type, id_number FROM volunteers WHERE volunteer_no = ?').get(stored.volunteer_no) as { name: string; id_type: string; id_number: string | null };
  const issuerName = (ctx.db.prepare('SELECT name FROM orgs WHERE code = ?').pluck().get(stored.issuer) as string | undefined) ?? stored.issuer;
  const idNumber = p.id_number ? (opts.unmasked ? p.id_number : maskIdNumber(p.id_number)) : null;
  const minutes = records.reduce((s, r) => s + r.minutes, 0);
  const cert: Certificate = {
    number: stored.number, volunteer_no: stored.volunteer_no, name: p.name, id_type: p.id_type,
    id_type_label: enumLabel('id_type', p.id_type, ctx.lang).replace(/_/g, ' '), id_number: idNumber,
    period: { from: stored.period_from, to: stored.period_to || stored.issued_on }, firstDate: records[0]?.date ?? null,
    records, minutes, issuer: stored.issuer, issuerName, issuedOn: stored.issued_on,
  };
  const ro = renderOptions(ctx, opts);
  const row = {
    number: cert.number, volunteer_no: cert.volunteer_no, name: cert.name, id_type: cert.id_type, id_number: idNumber,
    period_from: cert.period.from || null, period_to: cert.period.to, records: records.length, hours: minutes,
    issuer: cert.issuer, issuer_name: issuerName, issued_on: cert.issuedOn,
  };
  if (ro.format === 'csv') { writeOut(render(CERTIFICATE_COLUMNS, [row], ro)); return; }
  if (ro.format === 'json') {
    const [obj] = JSON.parse(render(CERTIFICATE_COLUMNS, [row], ro) as string) as Record<string, unknown>[];
    const service = records.map((r) => ({ date: r.date, activity: r.activity, title: r.title, category: r.category, role: r.role, hours: hoursValue(r.minutes) }));
    writeOut(JSON.stringify([{ ...obj, service }], null, 2) + '\n');
    return;
  }
  const text = certificateText(cert, ctx.lang);
  const total = ctx.lang === 'zh' ? `合计：${records.length} 条记录，${hoursValue(minutes).toFixed(2)} 小时` : `Total: ${records.length} record(s), ${hoursValue(minutes).toFixed(2)} hours`;
  const rows = records as unknown as Record<string, unknown>[];
  switch (ro.format) {
    case 'md':
      writeOut([`# ${text.title}`, '', ...text.body.flatMap((l) => [l, '']), renderMarkdown(RECORD_COLUMNS, rows, ro), total, '', ...text.closing.map((l) => `${l}  `), ''].join('\n'));
      return;
    case 'html':
      writeOut(htmlPage(text.title, [`<div class="certificate">
<h1>${escapeHtml(text.title)}</h1>
${text.body.map((l, i) => `<p${i === 1 ? ' class="body"' : ''}>${escapeHtml(l)}</p>`).join('\n')}
${table(RECORD_COLUMNS, rows, ctx.lang, false, 'records')}
<p>${escapeHtml(total)}</p>
<div class="closing">${text.closing.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}</div>
</div>`], ctx.lang, false));
      return;
    default:
      writeOut([text.title, '', ...text.body, render(RECORD_COLUMNS, rows, { ...ro, title: undefined }) as string + total, '', ...text.closing, ''].join('\n'));
  }
}
