// `vledger batches` (the imports, newest last) and `vledger undo BATCH` (void what a log-kind
// batch added, so the same file may be imported again without --force).
import { UserError } from '../../core/errors.js';
import { audit } from '../../db/audit.js';
import { writeTransaction, translateSqliteError } from '../../db/open.js';
import { findBatch, undoBatch } from '../../io/batches.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { printRows } from '../output.js';
import type { Column } from '../render.js';

const COLUMNS: Column[] = [
  { key: 'id', en: 'id', zh: '批次编号' },
  { key: 'kind', en: 'kind', zh: '类型' },
  { key: 'file', en: 'file', zh: '文件' },
  { key: 'sha256', en: 'sha256', zh: 'SHA-256' },
  { key: 'rows_read', en: 'rows_read', zh: '读取行数', type: 'int' },
  { key: 'rows_written', en: 'rows_written', zh: '写入行数', type: 'int' },
  { key: 'rows_skipped', en: 'rows_skipped', zh: '已有行数', type: 'int' },
  { key: 'rows_rejected', en: 'rows_rejected', zh: '拒绝行数', type: 'int' },
  { key: 'operator', en: 'operator', zh: '操作人' },
  { key: 'created_at', en: 'created_at', zh: '导入时间' },
  { key: 'undone_at', en: 'undone_at', zh: '撤销时间' },
];

export function listBatches(ctx: Ctx, opts: Opts): void {
  const where = opts.kind ? 'WHERE kind = ?' : '';
  const rows = ctx.db.prepare(`SELECT id, kind, file, sha256, rows_read, rows_written, rows_skipped, rows_rejected, operator,
    created_at, undone_at FROM batches ${where} ORDER BY pk`).all(...(opts.kind ? [opts.kind] : [])) as Record<string, unknown>[];
  printRows(ctx, opts, COLUMNS, rows);
}

export function undo(ctx: Ctx, _opts: Opts, idOrPrefix: string): void {
  const batch = findBatch(ctx.db, idOrPrefix);
  const at = ctx.nowIso();
  let voided: number;
  try {
    voided = writeTransaction(ctx.db, () => {
      const n = undoBatch(ctx.db, batch, { operator: ctx.operator, at });
      audit(ctx.db, { operator: ctx.operator, command: ctx.command, at }, 'batch', batch.id, { undo: batch.id, kind: batch.kind, file: batch.file, voided: n });
      return n;
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw translateSqliteError(e, ctx.dbPath);
  }
  process.stderr.write(`undid batch ${batch.id} (${batch.kind} from ${batch.file}): ${voided} records voided; the file may be imported again\n`);
}
