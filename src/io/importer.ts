// The import core, shared by `vledger import KIND FILE` and `vledger import bundle DIR`:
//
//   importRows(env, kind, batches of rows, options) -> Promise<ImportCounts>
//
// validates each {line, raw} row of one kind and writes the good ones at once, so a later row
// of the same file sees the earlier ones (a volunteer-day over 24 hours across rows, a
// duplicate inside the file, an org whose parent is a row above). It must run inside a write
// transaction the caller holds (BEGIN IMMEDIATE): the caller commits when it is content
// (no rejects, or --skip-invalid) and rolls back otherwise, so validation is total before
// anything is committed and an interrupted import leaves the database as it was.
// Bad rows go to options.onReject with their problems; nothing is printed here.
import { LOG_KINDS, type Kind, type LogKind, type RosterKind } from '../core/kinds.js';
import { parseRow, type Issue, type LogRow, type RowContext } from '../core/rows.js';
import type { DB } from '../db/open.js';
import { LogStore, type ResolvedLog } from '../db/records.js';
import { maxRecordPk } from '../db/year-summaries.js';
import { CachedResolver } from './cached-resolver.js';
import { FileLines, WrittenLines } from './file-lines.js';
import { DayState, KnownDays } from './known-days.js';
import { YearKeeper } from './year-keeper.js';
import { mangledPerson, rosterImporter, type Outcome, type RowImporter } from './import-roster.js';
import type { ImportRow } from './source.js';

export type { ImportRow } from './source.js';

/** What the import core needs of the command context (a Ctx has all of it). */
export interface ImportEnv { db: DB; operator: string; command: string; nowIso(): string; today(): string }

export interface ImportOptions {
  /** The batch id stamped on log records (its batches row must exist), or null. */
  batch: string | null;
  /** volunteers: update existing people (by volunteer_no or id number) instead of refusing them. */
  update?: boolean;
  /** The date from which --update's org / political status changes count (default: today). */
  effective?: string;
  onReject?: (row: ImportRow, issues: Issue[]) => void;
  /** A masked id number or phone dropped from a row (SPEC 11.8). */
  onWarning?: (line: number, issue: Issue) => void;
  /** Called every few thousand rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export interface ImportCounts { read: number; written: number; updated: number; stored: number; rejected: number }

/** `FILE:LINE: column: problem` (the column named as the file's header has it). */
export function formatIssue(file: string, line: number, issue: Issue, label: (column: string) => string = (c) => c): string {
  // a hostile cell of a million characters is quoted by its first 60, so the line stays readable
  let message = issue.message.replace(/"([^"]{60})[^"]{20,}"/g, '"$1…"');
  if (message.length > 500) message = `${message.slice(0, 250)}…${message.slice(-200)}`;
  return issue.column ? `${file}:${line}: ${label(issue.column)}: ${message}` : `${file}:${line}: ${message}`;
}

/** Records written per INSERT statement (30 values each; SQLite allows 32,766). */
const INSERT_GROUP = 50;

const DUPLICATE_HINT = 'delete one of the rows, or give each a ref if both really happened';

class LogImporter implements RowImporter {
  private readonly store: LogStore;
  private readonly lines: WrittenLines;
  /** Stored records (not of this file) already matched by a row: pk -> line, 4 bytes a record. */
  private readonly matched = new FileLines(0);
  private readonly byId;
  private readonly byRef;

  constructor(db: DB, private readonly kind: LogKind, private readonly ctx: RowContext,
    private readonly batch: string | null, operator: string, private readonly now: string) {
    this.store = new LogStore(db, operator, now, new CachedResolver(db));
    const maxPk = maxRecordPk(db);
    this.lines = new WrittenLines(maxPk);
    this.keeper = new YearKeeper(db, maxPk);
    this.byId = db.prepare('SELECT pk FROM records WHERE id = ?').pluck();
    this.byRef = db.prepare('SELECT pk FROM records WHERE ref = ?').pluck();
    this.days = kind === 'service' ? new KnownDays(db, () => this.flush()) : undefined;
  }

  /**
   * Checked rows not yet written, written INSERT_GROUP at a time. A row is checked against the
   * database, so before checking one that could meet a pending row (the same volunteer-day, or
   * one that carries an id or ref) the pending rows are written first. A service row on a
   * volunteer-day with no records at all is not looked up in the database.
   */
  private readonly pending: ResolvedLog[] = [];
  private readonly pendingLines: number[] = [];
  /** Service rows only: which volunteer-days have records, stored or pending. */
  private readonly days: KnownDays | undefined;
  /** The figures of the years the rows are in, kept current (year-keeper.ts). */
  private readonly keeper: YearKeeper;

  private flush(): void {
    if (this.pending.length === 0) return;
    this.store.insertAll(this.pending, this.batch);
    const first = this.store.lastRowid - this.pending.length + 1;
    for (let i = 0; i < this.pendingLines.length; i++) this.lines.set(first + i, this.pendingLines[i]!);
    if (this.days) for (const row of this.pending) this.days.markStored(row.date, row.volunteer_no);
    this.pending.length = 0;
    this.pendingLines.length = 0;
  }

  row(r: ImportRow): Outcome {
    const p = parseRow(this.kind, r.raw, this.ctx);
    if (!p.ok) return p.issues;
    const row = p.row as LogRow;
    if (row.person.id_number !== undefined || row.person.volunteer_no?.includes('+')) {
      const mangled = mangledPerson(r);
      if (mangled) return mangled;
    }
    const who = this.store.resolve.volunteer(row.person);
    if (row.id !== undefined || row.ref !== undefined) this.flush();
    const day = this.days && who.ok && row.date ? this.days.state(row.date, who.value.volunteer_no) : DayState.Stored;
    if (day === DayState.Pending) this.flush();
    const c = this.store.check(this.kind, row, { volunteer: who, dayHasNoRecords: day === DayState.None });
    if (c.outcome === 'stored') {
      const pk = this.byId.get(c.storedId) as number;
      const key = row.id ? { column: 'id', what: `id ${row.id}` } : row.ref ? { column: 'ref', what: `ref ${row.ref}` } : undefined;
      if (this.lines.isNew(pk)) {
        const other = this.lines.get(pk);
        return [key
          ? { column: key.column, message: `${key.what} is also on line ${other} of this file; each record once` }
          : { column: '', message: `the same record as line ${other} (volunteer, date, activity, times, hours and role are equal); ${DUPLICATE_HINT}` }];
      }
      const earlier = this.matched.get(pk);
      if (earlier !== undefined) {
        return [{ column: key?.column ?? '', message: `the same record as line ${earlier}, both already stored as ${c.storedId}; ${DUPLICATE_HINT}` }];
      }
      this.matched.set(pk, r.line);
      return 'stored';
    }
    if (c.issues.length) {
      for (const issue of c.issues) {
        const value = issue.column === 'id' ? row.id : issue.column === 'ref' ? row.ref : undefined;
        if (value === undefined) continue;
        const pk = (issue.column === 'id' ? this.byId : this.byRef).get(value) as number | undefined;
        if (pk !== undefined && this.lines.isNew(pk)) {
          issue.message = `${issue.column} ${value} is also on line ${this.lines.get(pk)} of this file, with different data; each ${issue.column} once`;
        }
      }
      return c.issues;
    }
    this.pending.push(c.row);
    this.pendingLines.push(r.line);
    this.days?.markPending(c.row.date, c.row.volunteer_no);
    this.keeper.written(c.row, c.dayApproved);
    if (this.pending.length === INSERT_GROUP) this.flush();
    return 'written';
  }

  finish(): [ImportRow, Outcome][] {
    this.flush();
    // what only the rows needed goes before the year's figures are stored
    this.days?.release();
    this.matched.release();
    this.keeper.finish(this.now);
    return [];
  }
}

const PROGRESS_EVERY = 4096;

export async function importRows(env: ImportEnv, kind: Kind, batches: Iterable<ImportRow[]> | AsyncIterable<ImportRow[]>, opts: ImportOptions): Promise<ImportCounts> {
  const counts: ImportCounts = { read: 0, written: 0, updated: 0, stored: 0, rejected: 0 };
  let line = 0;
  const ctx: RowContext = { today: env.today(), warn: opts.onWarning && ((issue) => opts.onWarning!(line, issue)) };
  const now = env.nowIso();
  const importer: RowImporter = (LOG_KINDS as readonly string[]).includes(kind)
    ? new LogImporter(env.db, kind as LogKind, ctx, opts.batch, env.operator, now)
    : rosterImporter(kind as RosterKind, env.db, ctx, {
      update: opts.update, effective: opts.effective ?? env.today(), batch: opts.batch,
      actor: { operator: env.operator, command: env.command, at: now },
    });
  const tally = (r: ImportRow, outcome: Outcome) => {
    if (outcome === 'written') counts.written++;
    else if (outcome === 'stored') counts.stored++;
    else if (outcome === 'updated') counts.updated++;
    else {
      counts.rejected++;
      opts.onReject?.(r, outcome);
    }
  };
  for await (const rows of batches) {
    for (const r of rows) {
      counts.read++;
      line = r.line;
      if (opts.onProgress && counts.read % PROGRESS_EVERY === 0) opts.onProgress(counts.read);
      if (r.issues) { tally(r, r.issues); continue; }
      const outcome = importer.row(r);
      if (outcome !== undefined) tally(r, outcome);
    }
  }
  for (const [r, outcome] of importer.finish()) tally(r, outcome);
  return counts;
}
