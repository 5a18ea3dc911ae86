// `vledger import KIND FILE`: sniff the file (hash, encoding), refuse one already imported,
// then validate and write every row in one BEGIN IMMEDIATE transaction with its batch row and
// one audit entry; commit only when every row is good (or --skip-invalid), else roll back.
// The reusable core is src/io/importer.ts (importRows) and src/io/source.ts (openSheet).
import { basename } from 'node:path';
import { UserError, UsageError } from '../../core/errors.js';
import { isKind, LOG_KINDS, type Kind } from '../../core/kinds.js';
import type { Issue } from '../../core/rows.js';
import { audit } from '../../db/audit.js';
import { translateSqliteError } from '../../db/open.js';
import { boundHeapGrowth } from '../../io/heap.js';
import { batchFileName, createBatch, finishBatch, previousImport } from '../../io/batches.js';
import { formatIssue, importRows, type ImportCounts } from '../../io/importer.js';
import { defaultRejectsPath, RejectsWriter } from '../../io/rejects.js';
import { ENCODING_NAMES, sniffFile, type Encoding } from '../../io/sniff.js';
import { openSheet, type ImportRow } from '../../io/source.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';

const isLogKind = (kind: Kind) => (LOG_KINDS as readonly string[]).includes(kind);

/** Problem lines printed before the rest are only counted. */
const MAX_SHOWN = 100;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summary(c: ImportCounts, dryRun = false): string {
  const parts = [`${c.read} rows read`, `${c.written} ${dryRun ? 'to write' : 'written'}`];
  if (c.updated) parts.push(`${c.updated} ${dryRun ? 'to update' : 'updated'}`);
  parts.push(`${c.stored} already stored`, `${c.rejected} rejected`);
  return parts.join(', ');
}

/** Progress on a terminal only, rewritten in place, at most a few times a second. */
function progressLine(file: string, enabled: boolean): { tick: (n: number) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    tick(n) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      process.stderr.write(`\r${file}: ${n} rows…`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Async BEGIN IMMEDIATE … COMMIT/ROLLBACK (better-sqlite3's transaction() is sync only).
 * `referencesChecked`: every reference a row makes was resolved before it is written (a log
 * row's volunteer and activity, the batch made in the same transaction), so SQLite's own
 * foreign-key lookups, three per row, are switched off for that transaction.
 */
async function inTransaction<T>(ctx: Ctx, referencesChecked: boolean, fn: () => Promise<{ commit: boolean; result: T }>): Promise<T> {
  const db = ctx.db;
  // a big transaction spills its pages less with an 8 MiB page cache (the default is 2 MiB)
  db.pragma('cache_size = -8192');
  if (referencesChecked) db.pragma('foreign_keys = OFF'); // only outside a transaction does this take effect
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (referencesChecked) db.pragma('foreign_keys = ON');
    throw translateSqliteError(e, ctx.dbPath);
  }
  let committed = false;
  try {
    const { commit, result } = await fn();
    if (commit) { db.exec('COMMIT'); committed = true; }
    return result;
  } catch (e) {
    throw translateSqliteError(e, ctx.dbPath);
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    if (referencesChecked) db.pragma('foreign_keys = ON');
  }
}

function checkFlags(kind: Kind, opts: Opts): Encoding | undefined {
  if (opts.update && kind !== 'volunteers') throw new UsageError(`--update: only for import volunteers (other kinds are changed with vledger update)`);
  if (opts.effective && !opts.update) throw new UsageError('--effective: only with --update');
  if (opts.rejectFile && !opts.skipInvalid) throw new UsageError('--reject-file: only with --skip-invalid (without it nothing is imported when a row is bad)');
  if (opts.encoding === undefined) return undefined;
  const enc = ENCODING_NAMES[String(opts.encoding).toLowerCase()];
  if (!enc) throw new UsageError(`--encoding: "${opts.encoding}" is not one of utf-8, utf-16le, utf-16be, gbk, gb18030`);
  return enc;
}

export async function importFile(ctx: Ctx, opts: Opts, kindArg: string, file: string): Promise<void> {
  if (!isKind(kindArg)) throw new UsageError(`import: "${kindArg}" is not a kind`);
  const kind = kindArg;
  const encoding = checkFlags(kind, opts);
  const started = Date.now();
  const quiet = Boolean(opts.quiet);
  const dryRun = Boolean(opts.dryRun);
  const skipInvalid = Boolean(opts.skipInvalid);
  const say = (m: string) => process.stderr.write(`${m}\n`);

  boundHeapGrowth();
  const facts = await sniffFile(file, encoding);
  if (opts.sheet !== undefined && facts.format !== 'xlsx') say(`${file}: --sheet ignored (a CSV file has one table)`);
  const sheetName = facts.format === 'xlsx' ? (opts.sheet as string | undefined) : undefined;
  // checked here for a quick answer, and again under the write lock against a parallel import
  const refuseIfImported = () => {
    const before = previousImport(ctx.db, facts.sha256, kind, sheetName);
    if (!before || opts.force) return;
    throw new UserError(`${file}${sheetName === undefined ? '' : ` (sheet ${sheetName})`}: this file was already imported as ${kind} on ${before.created_at.slice(0, 10)} by ${before.operator} `
      + `(batch ${before.id}, ${before.rows_written} rows written); nothing imported. `
      + `Pass --force to import it again (rows already stored are skipped)${isLogKind(kind) ? `, or vledger undo ${before.id} first` : ''}`);
  };
  refuseIfImported();

  let shown = 0;
  let problemLines = 0;
  const warn = (m: string) => { if (shown++ < MAX_SHOWN) say(`warning: ${m}`); };
  const sheet = await openSheet(file, kind, { facts, sheet: opts.sheet as string | undefined, ignoreUnknown: Boolean(opts.ignoreUnknown), update: Boolean(opts.update), warn });
  const label = sheet.header.label;
  const rejects = skipInvalid && !dryRun
    ? new RejectsWriter(String(opts.rejectFile ?? defaultRejectsPath(file)), sheet.header.headers, sheet.header.errorColumn)
    : undefined;
  const onReject = (r: ImportRow, issues: Issue[]) => {
    for (const issue of issues) {
      problemLines++;
      if (shown++ < MAX_SHOWN) say(formatIssue(file, r.line, issue, label));
    }
    rejects?.add(r.cells ?? [], issues.map((i) => (i.column ? `${label(i.column)}: ${i.message}` : i.message)).join('; '));
  };
  const progress = progressLine(file, Boolean(process.stderr.isTTY) && !quiet);

  let batchId = '';
  let counts: ImportCounts;
  // Ctrl-C: roll back now and leave no partial rejects file (kill -9 is covered by the journal)
  const interrupted = () => {
    progress.clear();
    rejects?.discard();
    try { if (ctx.db.inTransaction) ctx.db.exec('ROLLBACK'); } catch { /* the journal rolls it back on next open */ }
    say(`${file}: interrupted; nothing imported`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    counts = await inTransaction(ctx, isLogKind(kind), async () => {
      refuseIfImported();
      const at = ctx.nowIso();
      batchId = createBatch(ctx.db, { kind, file: batchFileName(basename(file), sheetName), sha256: facts.sha256, operator: ctx.operator, at });
      const c = await importRows(ctx, kind, sheet.batches, {
        batch: batchId, update: Boolean(opts.update), effective: opts.effective as string | undefined,
        onReject, onProgress: progress.tick,
        onWarning: (line, issue) => warn(formatIssue(file, line, issue, label)),
      });
      progress.clear();
      finishBatch(ctx.db, batchId, c);
      audit(ctx.db, { operator: ctx.operator, command: ctx.command, at }, 'batch', batchId, {
        import: kind, file: batchFileName(basename(file), sheetName), sha256: facts.sha256, encoding: facts.format === 'csv' ? facts.encoding : 'xlsx',
        read: c.read, written: c.written, updated: c.updated, stored: c.stored, rejected: c.rejected, force: Boolean(opts.force) || undefined,
      });
      const commit = !dryRun && (c.rejected === 0 || skipInvalid) && c.read > 0;
      return { commit, result: c };
    });
  } catch (e) {
    progress.clear();
    rejects?.discard();
    if (e instanceof UserError && problemLines > 0) throw new UserError(`${e.message} (after ${problemLines} problems above); nothing imported`);
    if (e instanceof UserError) throw new UserError(`${e.message}; nothing imported`);
    throw e;
  } finally {
    await sheet.close();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
  if (shown > MAX_SHOWN) say(`… ${shown - MAX_SHOWN} more problems not shown`);
  const took = seconds(Date.now() - started);

  if (counts.read === 0) {
    if (!quiet) say(`${file}: no data rows below the header; nothing imported`);
    return;
  }
  if (dryRun) {
    if (counts.rejected && !skipInvalid) {
      throw new UserError(`${file}: ${counts.rejected} of ${counts.read} rows have problems (dry run; nothing written)`);
    }
    say(`${file}: dry run: ${summary(counts, true)} in ${took}; nothing written`);
    return;
  }
  if (counts.rejected && !skipInvalid) {
    rejects?.discard();
    throw new UserError(`${file}: ${counts.rejected} of ${counts.read} rows have problems; nothing imported. `
      + 'Fix them and import the file again, or pass --skip-invalid to import the good rows and get the bad ones in a rejects file');
  }
  const rejectsPath = rejects?.commit();
  if (!quiet || counts.rejected) {
    say(`${file}: ${summary(counts)} in ${took} (batch ${batchId})${rejectsPath ? `; rejected rows are in ${rejectsPath}` : ''}`);
  }
}
