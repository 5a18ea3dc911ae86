// `vledger export KIND`: one kind's rows with exactly the columns import reads (SPEC 8), streamed
// from the database to a file or stdout so that memory stays flat for a million rows.
import type { Writable } from 'node:stream';
import { UsageError } from '../../core/errors.js';
import { LOG_KINDS, isKind, type Kind, type LogKind } from '../../core/kinds.js';
import { hoursValue } from '../../core/round.js';
import { maskIdNumber, maskPhone } from '../../core/validate.js';
import type { DB } from '../../db/open.js';
import { kindQuery, type RowFilter } from '../../db/queries.js';
import { AtomicFile, CsvWriter, fileError, neutraliseCell, writeChunk, type CsvOutputOptions } from '../../io/csv-write.js';
import { kindColumns } from '../columns.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { machineValue, type Column } from '../render.js';
import { orgFilter } from './browse.js';
import { say } from './write.js';

export function isLogKind(kind: Kind): kind is LogKind {
  return (LOG_KINDS as readonly string[]).includes(kind);
}

/** Hundredths as a decimal with exactly two places, without floating point: -205 -> "-2.05". */
function hundredthsText(h: number): string {
  const a = Math.abs(h);
  return `${h < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * One stored value as the CSV cell import reads back to the same value: hours in hours, points
 * with two decimals, upheld as yes/no, masks unless unmasked; only text cells are neutralised.
 */
export function csvCell(col: Column, v: unknown, unmasked: boolean): string {
  if (v === null || v === undefined || v === '') return '';
  switch (col.type) {
    case 'hours': return String(hoursValue(v as number));
    case 'points': return hundredthsText(v as number);
    case 'int': return String(v);
    case 'bool': return v ? 'yes' : 'no';
    case 'id_number': return neutraliseCell(unmasked ? String(v) : maskIdNumber(String(v)));
    case 'phone': return neutraliseCell(unmasked ? String(v) : maskPhone(String(v)));
    default: return typeof v === 'number' ? String(v) : neutraliseCell(String(v));
  }
}

export interface KindExport {
  kind: Kind;
  filter: RowFilter;
  unmasked: boolean;
  /** Chinese headings (the first alias of each column, which import accepts). */
  zhHeaders?: boolean;
}

/** The columns written for a kind: the canonical ones, plus status/void_reason when voided rows travel. */
export function exportColumns(kind: Kind, withVoided: boolean): Column[] {
  return kindColumns(kind, withVoided && isLogKind(kind) ? ['status', 'void_reason'] : []);
}

/** Parents before children, siblings by code, so that the file imports top-down. */
function treeOrder<T extends { code: string; parent: string | null }>(orgs: T[]): T[] {
  const codes = new Set(orgs.map((o) => o.code));
  const children = new Map<string | null, T[]>();
  for (const o of orgs) {
    const key = o.parent !== null && codes.has(o.parent) ? o.parent : null;
    children.set(key, [...(children.get(key) ?? []), o]);
  }
  const out: T[] = [];
  const visit = (key: string | null) => {
    for (const o of (children.get(key) ?? []).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
      out.push(o);
      visit(o.code);
    }
  };
  visit(null);
  return out;
}

/** The rows of one kind, in file order, straight from the statement (orgs: a small tree, sorted). */
function* kindRows(db: DB, kind: Kind, filter: RowFilter): Iterable<Record<string, unknown>> {
  const q = kindQuery(kind, filter);
  const stmt = db.prepare(q.sql);
  if (kind === 'orgs') {
    yield* treeOrder(stmt.all(...q.params) as { code: string; parent: string | null }[]);
    return;
  }
  yield* stmt.iterate(...q.params) as Iterable<Record<string, unknown>>;
}

/** Streams one kind as CSV through the writer; returns the number of data rows. */
export async function writeKindCsv(db: DB, spec: KindExport, writer: CsvWriter): Promise<number> {
  const columns = exportColumns(spec.kind, Boolean(spec.filter.includeVoided));
  await writer.header(columns.map((c) => (spec.zhHeaders ? c.zh : c.key)));
  for (const r of kindRows(db, spec.kind, spec.filter)) {
    await writer.row(columns.map((c) => csvCell(c, r[c.key], spec.unmasked)));
  }
  await writer.end();
  return writer.rows;
}

/** Streams one kind as a JSON array of objects with canonical keys and machine values. */
async function writeKindJson(db: DB, spec: KindExport, out: Writable): Promise<number> {
  const columns = exportColumns(spec.kind, Boolean(spec.filter.includeVoided));
  let n = 0;
  let chunk = '[';
  for (const r of kindRows(db, spec.kind, spec.filter)) {
    const obj = Object.fromEntries(columns.map((c) => [c.key, machineValue(c, r[c.key], spec.unmasked)]));
    chunk += `${n++ ? ',' : ''}\n  ${JSON.stringify(obj)}`;
    if (chunk.length >= 64 * 1024) { await writeChunk(out, chunk); chunk = ''; }
  }
  await writeChunk(out, `${chunk}${n ? '\n' : ''}]\n`);
  return n;
}

/** Where the output goes: a file written atomically, or stdout. */
async function withOutput(file: string | undefined, write: (out: Writable) => Promise<number>): Promise<number> {
  if (file === undefined) {
    // stdout's errors (a closed pipe) come asynchronously; without a listener they would crash
    const ignore = () => undefined;
    process.stdout.on('error', ignore);
    try {
      return await write(process.stdout);
    } finally {
      process.stdout.off('error', ignore);
    }
  }
  const target = new AtomicFile(file);
  try {
    const n = await write(target.stream);
    await target.commit();
    return n;
  } catch (e) {
    await target.abort();
    throw fileError(file, e as Error);
  }
}

export async function exportKind(ctx: Ctx, opts: Opts, what: string): Promise<void> {
  if (what === 'bundle') {
    const { exportBundle } = await import('./bundle.js');
    return exportBundle(ctx, opts);
  }
  if (!isKind(what)) throw new UsageError(`export: "${what}" is not a kind`);
  const kind = what;
  const format = (opts.format as string | undefined) ?? 'csv';
  const file = opts.output as string | undefined;
  const year = opts.year as number | undefined;
  if (year !== undefined && !['activities', ...LOG_KINDS].includes(kind)) say(`note: --year applies to activities and records; all ${kind} are exported`);
  const spec: KindExport = {
    kind,
    filter: { orgs: orgFilter(ctx, opts.org), year, includeVoided: Boolean(opts.all) },
    unmasked: Boolean(opts.unmasked),
    zhHeaders: opts.headers === 'zh',
  };
  const csvOpts: CsvOutputOptions = { bom: opts.bom as boolean | undefined, encoding: opts.encoding as string | undefined };
  const db = ctx.db;
  const n = await withOutput(file, (out) => (format === 'json' ? writeKindJson(db, spec, out) : writeKindCsv(db, spec, new CsvWriter(out, csvOpts))));
  const masked = !spec.unmasked && (kind === 'volunteers') ? ' (id numbers and phones masked; --unmasked for full data)' : '';
  if (file !== undefined) say(`wrote ${n} ${kind} row(s) to ${file}${masked}`);
}
