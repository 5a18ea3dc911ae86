// Logging records by hand, and voiding, approving and rejecting them (all-or-nothing).
import { COLUMNS, type LogKind } from '../../core/kinds.js';
import { parseRow, type LogRow } from '../../core/rows.js';
import { UserError, UsageError } from '../../core/errors.js';
import { findRecord, LogStore, type StoredRecord } from '../../db/records.js';
import type { Ctx } from '../context.js';
import { type Opts, rawFromOpts, volunteerOf } from '../options.js';
import { parsedOrRefuse, refuse, say, writeWithAudit } from './write.js';

const RENAME = { volunteer_no: '--volunteer' };

function logKind(ctx: Ctx, opts: Opts, kind: LogKind, extra: Record<string, string | undefined> = {}): void {
  const raw = { ...rawFromOpts(opts, COLUMNS[kind]), volunteer_no: volunteerOf(opts), ...extra };
  const row = parsedOrRefuse(parseRow(kind, raw, { today: ctx.today() }), RENAME) as LogRow;
  const store = new LogStore(ctx.db, ctx.operator, ctx.nowIso());
  // checked inside the write lock: another vledger may log the same day between check and insert
  const { id, volunteerNo } = writeWithAudit(ctx, 'record', () => {
    const checked = store.check(kind, row);
    if (checked.issues.length) refuse(checked.issues, RENAME);
    if (checked.outcome === 'stored') {
      throw new UserError(`this record is already stored as ${checked.storedId}; nothing logged (void it first to log a correction)`);
    }
    const id = store.insert(checked.row);
    // person is how the clerk named the volunteer (possibly an id number); volunteer_no says who
    const { person: _named, ...stored } = checked.row;
    return { id, change: { insert: { ...stored, id } }, result: { id, volunteerNo: checked.row.volunteer_no } };
  });
  process.stdout.write(`${id}\n`);
  say(`logged ${kind} ${id} for ${volunteerNo} on ${row.date}`);
}

export const logService = (ctx: Ctx, opts: Opts) => {
  // which flags a service needs is command-line syntax (exit 2); their values are data (exit 1)
  if (opts.start === undefined && opts.end === undefined && opts.hours === undefined) throw new UsageError('give --hours, or --start and --end');
  if ((opts.start === undefined) !== (opts.end === undefined)) throw new UsageError('--start and --end go together; give both, or --hours alone');
  logKind(ctx, opts, 'service', {
  status: opts.pending ? 'pending' : (opts.status as string | undefined) ?? 'approved',
  entry: opts.backEntry ? 'back_entry' : (opts.entry as string | undefined) ?? 'normal',
  });
};
export const logTraining = (ctx: Ctx, opts: Opts) => logKind(ctx, opts, 'training');
export const logCommendation = (ctx: Ctx, opts: Opts) => logKind(ctx, opts, 'commendations');
export const logComplaint = (ctx: Ctx, opts: Opts) => logKind(ctx, opts, 'complaints', { upheld: opts.upheld === true ? 'yes' : (opts.upheld as string | undefined) ?? 'no' });
export const logNoShow = (ctx: Ctx, opts: Opts) => logKind(ctx, opts, 'no-shows');
export const logAdjustment = (ctx: Ctx, opts: Opts) => logKind(ctx, opts, 'adjustments');

function findAll(ctx: Ctx, ids: string[]): StoredRecord[] {
  const found = ids.map((id) => findRecord(ctx.db, id));
  const seen = new Set<string>();
  for (const r of found) {
    if (seen.has(r.id)) throw new UserError(`record ${r.id} is named twice`);
    seen.add(r.id);
  }
  return found;
}

export function voidRecords(ctx: Ctx, opts: Opts, ids: string[]): void {
  const reason = String(opts.reason).trim();
  if (!reason) throw new UserError('--reason: a reason is required to void a record');
  const records = findAll(ctx, ids);
  const already = records.find((r) => r.voided_at);
  if (already) throw new UserError(`record ${already.id} is already voided (${already.void_reason}); nothing voided`);
  writeWithAudit(ctx, 'record', () => {
    const stmt = ctx.db.prepare('UPDATE records SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL');
    for (const r of records) stmt.run(ctx.nowIso(), ctx.operator, reason, r.id);
    return { id: records.length === 1 ? records[0]!.id : null, change: { void: records.map((r) => r.id), reason }, result: null };
  });
  say(`voided ${records.length} record(s)`);
}

function moveForward(ctx: Ctx, ids: string[], to: 'approved' | 'rejected', reason?: string): void {
  const records = findAll(ctx, ids);
  for (const r of records) {
    if (r.voided_at) throw new UserError(`record ${r.id} is voided; nothing ${to}`);
    if (r.status !== 'pending') throw new UserError(`record ${r.id} is ${r.status}, not pending; nothing ${to}`);
  }
  writeWithAudit(ctx, 'record', () => {
    const stmt = ctx.db.prepare("UPDATE records SET status = ?, status_reason = ? WHERE id = ? AND status = 'pending'");
    for (const r of records) stmt.run(to, reason ?? null, r.id);
    return { id: records.length === 1 ? records[0]!.id : null, change: { [to === 'approved' ? 'approve' : 'reject']: records.map((r) => r.id), reason }, result: null };
  });
  say(`${to} ${records.length} record(s)`);
}

export const approveRecords = (ctx: Ctx, _opts: Opts, ids: string[]) => moveForward(ctx, ids, 'approved');
export const rejectRecords = (ctx: Ctx, opts: Opts, ids: string[]) => moveForward(ctx, ids, 'rejected', String(opts.reason));
