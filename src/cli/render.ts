// One place that turns rows of domain values into table / csv / json / md / html text, so a
// report is computed once and printed many ways. Also the colour policy and CSV safety rules.
import chalk from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { enumLabel, type EnumName } from '../core/enums.js';
import { type Ratio, roundRatio, hoursValue } from '../core/round.js';
import { maskIdNumber, maskPhone } from '../core/validate.js';
import { UsageError } from '../core/errors.js';
import { neutraliseCell } from '../io/csv-write.js';
import type { Lang } from './context.js';
import { escapeHtml, htmlPage } from './html.js';

export const FORMATS = ['table', 'csv', 'json', 'md', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export type ColType = 'text' | 'int' | 'points' | 'hours' | 'rate' | 'ratio2' | 'bool' | 'id_number' | 'phone' | 'enum';

export interface Column {
  key: string;
  en: string;
  zh: string;
  type?: ColType;
  enumName?: EnumName;
}

export interface RenderOptions {
  format: Format;
  lang: Lang;
  unmasked?: boolean;
  bom?: boolean;
  encoding?: string;
  title?: string;
}

/** table on a terminal, else csv (SPEC 7). */
export function resolveFormat(flag: string | undefined, isTTY = Boolean(process.stdout.isTTY)): Format {
  if (flag === undefined) return isTTY ? 'table' : 'csv';
  if (!(FORMATS as readonly string[]).includes(flag)) throw new UsageError(`--format: "${flag}" is not one of ${FORMATS.join(', ')}`);
  return flag as Format;
}

/** chalk ignores NO_COLOR; we decide ourselves. */
export function applyColourPolicy(format: Format, colourFlag: boolean | undefined): void {
  const off = colourFlag === false || 'NO_COLOR' in process.env || !process.stdout.isTTY || format !== 'table';
  if (off) chalk.level = 0;
}

/** Formula neutralising lives with the streaming CSV writer; re-exported for existing callers. */
export { neutraliseCell } from '../io/csv-write.js';

type Cell = string | number | boolean | null;

/** A domain value as a machine value: points/hours/rates as numbers, masking applied. */
export function machineValue(col: Column, v: unknown, unmasked = false): Cell {
  if (v === undefined || v === null || v === '') return col.type === 'text' || col.type === undefined || col.type === 'enum' ? (v === '' ? '' : null) : null;
  switch (col.type) {
    case 'points': return (v as number) / 100;
    case 'hours': return hoursValue(v as number);
    case 'rate': return roundRatio(v as Ratio, 4);
    case 'ratio2': return roundRatio(v as Ratio, 2);
    case 'int': return v as number;
    case 'bool': return Boolean(v);
    case 'id_number': return unmasked ? String(v) : maskIdNumber(String(v));
    case 'phone': return unmasked ? String(v) : maskPhone(String(v));
    default: return typeof v === 'number' ? v : String(v);
  }
}

function csvText(col: Column, v: Cell): string {
  if (v === null) return '';
  if (col.type === 'points' && typeof v === 'number') return v.toFixed(2);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return neutraliseCell(v);
}

export function humanText(col: Column, v: Cell, lang: Lang): string {
  if (v === null) return col.type === 'rate' || col.type === 'ratio2' ? '—' : '';
  if (col.type === 'points' && typeof v === 'number') return v.toFixed(2);
  if (col.type === 'bool') return v ? (lang === 'zh' ? '是' : 'yes') : (lang === 'zh' ? '否' : 'no');
  if (col.type === 'enum' && col.enumName && typeof v === 'string') return enumLabel(col.enumName, v, lang);
  return String(v);
}

export function heading(col: Column, lang: Lang): string {
  return lang === 'zh' ? col.zh : col.en;
}

export function csvLine(cells: string[]): string {
  return stringify([cells], { record_delimiter: '\r\n' });
}

/** Encode CSV text: BOM unless --no-bom, gb18030 on request (SPEC 7). */
export function encodeCsv(text: string, opts: { bom?: boolean; encoding?: string }): Buffer {
  const enc = (opts.encoding ?? 'utf-8').toLowerCase();
  if (enc === 'utf-8' || enc === 'utf8') return Buffer.from((opts.bom === false ? '' : '\uFEFF') + text, 'utf8');
  if (enc === 'gb18030' || enc === 'gbk') return iconv.encode(text, 'gb18030');
  throw new UsageError(`--encoding: "${opts.encoding}" is not utf-8 or gb18030`);
}

export function renderMarkdown(columns: Column[], rows: Record<string, unknown>[], opts: RenderOptions): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [`| ${columns.map((c) => esc(heading(c, opts.lang))).join(' | ')} |`, `|${columns.map(() => ' --- |').join('')}`];
  for (const r of rows) lines.push(`| ${columns.map((c) => esc(humanText(c, machineValue(c, r[c.key], opts.unmasked), opts.lang))).join(' | ')} |`);
  return (opts.title ? `## ${opts.title}\n\n` : '') + lines.join('\n') + '\n';
}

export function renderHtmlTable(columns: Column[], rows: Record<string, unknown>[], opts: RenderOptions): string {
  const head = columns.map((c) => `<th>${escapeHtml(heading(c, opts.lang))}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => {
    const v = machineValue(c, r[c.key], opts.unmasked);
    const num = typeof v === 'number';
    return `<td${num ? ' class="num"' : ''}>${escapeHtml(humanText(c, v, opts.lang))}</td>`;
  }).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Render rows in the chosen format. Returns a Buffer for csv (encoding, BOM), else a string. */
export function render(columns: Column[], rows: Record<string, unknown>[], opts: RenderOptions): string | Buffer {
  switch (opts.format) {
    case 'json': {
      const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, machineValue(c, r[c.key], opts.unmasked)])));
      return JSON.stringify(out, null, 2) + '\n';
    }
    case 'csv': {
      const records = [columns.map((c) => c.key), ...rows.map((r) => columns.map((c) => csvText(c, machineValue(c, r[c.key], opts.unmasked))))];
      return encodeCsv(stringify(records, { record_delimiter: '\r\n' }), opts);
    }
    case 'md':
      return renderMarkdown(columns, rows, opts);
    case 'html':
      return htmlPage(opts.title ?? 'vledger', [renderHtmlTable(columns, rows, opts)], opts.lang);
    case 'table': {
      const table = new Table({
        head: columns.map((c) => chalk.bold(heading(c, opts.lang))),
        style: { head: [], border: [] },
        // compact: no separator line between rows
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const r of rows) table.push(columns.map((c) => humanText(c, machineValue(c, r[c.key], opts.unmasked), opts.lang)));
      return (opts.title ? chalk.bold(opts.title) + '\n' : '') + table.toString() + '\n';
    }
  }
}

export function writeOut(out: string | Buffer): void {
  process.stdout.write(out);
}
