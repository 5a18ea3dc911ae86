// Import batches: one row per import (kind, file, SHA-256, counts, operator, time), the check
// that refuses a file already imported as that kind, and undo (void what a log batch added).
import { UserError } from '../core/errors.js';
import { LOG_KINDS } from '../core/kinds.js';
import type { DB } from '../db/open.js';
import { uuidv7 } from '../db/ids.js';
import type { ImportCounts } from './importer.js';

export interface Batch {
  id: string; kind: string; file: string; sha256: string; rows_read: number; rows_written: number; rows_skipped: number;
  rows_rejected: number; operator: string; created_at: string; undone_at: string | null;
}

/** How a batch names its source: the file name, and `#SHEET` when a workbook's sheet was chosen. */
export function batchFileName(fileName: string, sheet?: string): string {
  return sheet === undefined ? fileName : `${fileName}#${sheet}`;
}

const sheetOf = (file: string) => (file.includes('#') ? file.slice(file.lastIndexOf('#') + 1) : undefined);

/**
 * The batch that already imported this file (and sheet: a workbook of monthly sheets is
 * imported one sheet at a time) as this kind, not undone, if any. A batch that wrote nothing
 * (every row already stored or updated) does not count, so after an undo the file imports again.
 */
export function previousImport(db: DB, sha256: string, kind: string, sheet?: string): Batch | undefined {
  const rows = db.prepare(`SELECT * FROM batches WHERE sha256 = ? AND kind = ? AND undone_at IS NULL
    AND rows_written > 0 ORDER BY pk DESC`)
    .all(sha256, kind) as Batch[];
  return rows.find((b) => sheetOf(b.file) === sheet);
}

export function createBatch(db: DB, b: { kind: string; file: string; sha256: string; operator: string; at: string }): string {
  const id = uuidv7();
  db.prepare('INSERT INTO batches (id, kind, file, sha256, operator, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, b.kind, b.file, b.sha256, b.operator, b.at);
  return id;
}

/** rows_skipped counts rows already stored (and, for volunteers, rows updated). */
export function finishBatch(db: DB, id: string, c: ImportCounts): void {
  db.prepare('UPDATE batches SET rows_read = ?, rows_written = ?, rows_skipped = ?, rows_rejected = ? WHERE id = ?')
    .run(c.read, c.written, c.stored + c.updated, c.rejected, id);
}

/** A batch by full id or a unique prefix of 8 or more characters (as record ids, SPEC 11.13). */
export function findBatch(db: DB, idOrPrefix: string): Batch {
  const p = idOrPrefix.trim().toLowerCase();
  if (p.length < 8) throw new UserError(`batch id "${idOrPrefix}" is too short; give at least 8 characters of the id (vledger batches)`);
  const rows = db.prepare("SELECT * FROM batches WHERE id >= ? AND id < ? || '~' ORDER BY pk LIMIT 2").all(p, p) as Batch[];
  if (rows.length === 0) throw new UserError(`no import batch ${idOrPrefix}; see the list with vledger batches`);
  if (rows.length > 1) throw new UserError(`batch id prefix ${idOrPrefix} matches several batches (${rows.map((r) => r.id).join(', ')}); give more characters`);
  return rows[0]!;
}

/** Voids the records a log-kind batch added (those not already voided); returns how many. */
export function undoBatch(db: DB, batch: Batch, who: { operator: string; at: string }): number {
  if (!(LOG_KINDS as readonly string[]).includes(batch.kind)) {
    throw new UserError(`batch ${batch.id} imported ${batch.kind}, a roster; undo is only for the log kinds (${LOG_KINDS.join(', ')}). `
      + `Roster rows are never voided: change them with vledger update ${batch.kind.replace(/s$/, '').replace('activitie', 'activity')}`);
  }
  if (batch.undone_at) throw new UserError(`batch ${batch.id} was already undone on ${batch.undone_at}; nothing to do`);
  const voided = db.prepare('UPDATE records SET voided_at = ?, voided_by = ?, void_reason = ? WHERE batch = ? AND voided_at IS NULL')
    .run(who.at, who.operator, `undo batch ${batch.id}`, batch.id).changes;
  db.prepare('UPDATE batches SET undone_at = ? WHERE id = ?').run(who.at, batch.id);
  return voided;
}
