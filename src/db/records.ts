// Writing log records (service, training, commendations, complaints, no-shows, adjustments)
// after checking them against what is stored, and moving them forward: void, approve, reject.
import type { DB } from './open.js';
import type { Statement } from 'better-sqlite3';
import type { Issue, LogRow } from '../core/rows.js';
import { RECORD_KIND, type LogKind } from '../core/kinds.js';
import { UserError } from '../core/errors.js';
import { Resolver, type Resolved, type VolunteerRef } from './resolve.js';
import { uuidv7 } from './ids.js';

export const DAY_LIMIT_MINUTES = 24 * 60;

/** A log row ready to insert: references resolved. */
export interface ResolvedLog extends LogRow { kind: string; volunteer_no: string }

export type LogCheck =
  | { outcome: 'new'; issues: Issue[]; row: ResolvedLog; /** A service row's volunteer-day: the approved minutes stored. */ dayApproved?: number }
  | { outcome: 'stored'; issues: Issue[]; row: ResolvedLog; storedId: string };

/** The columns compared when a row arrives with an id or ref already stored. */
const DATA_COLUMNS = ['kind', 'volunteer_no', 'activity', 'date', 'start', 'end', 'minutes', 'category', 'role', 'evaluation',
  'status', 'entry', 'note', 'topic', 'organiser', 'title', 'level', 'issuer', 'description', 'upheld', 'points', 'reason'] as const;

export interface StoredRecord {
  pk: number; id: string; kind: string; ref: string | null; volunteer_no: string; activity: string | null; date: string;
  start: string | null; end: string | null; minutes: number | null; category: string | null; role: string | null;
  evaluation: string | null; status: string; entry: string; note: string | null; topic: string | null;
  organiser: string | null; title: string | null; level: string | null; issuer: string | null;
  description: string | null; upheld: number | null; points: number | null; reason: string | null;
  batch: string | null; voided_at: string | null; void_reason: string | null;
}

function dbValue(row: ResolvedLog, col: (typeof DATA_COLUMNS)[number]): unknown {
  const v = (row as unknown as Record<string, unknown>)[col];
  if (col === 'upheld') return v === undefined ? null : v ? 1 : 0;
  if (col === 'entry') return v ?? 'normal';
  if (col === 'status') return v ?? 'approved';
  return v ?? null;
}

export function differingColumns(row: ResolvedLog, stored: StoredRecord): string[] {
  return DATA_COLUMNS.filter((c) => dbValue(row, c) !== (stored as unknown as Record<string, unknown>)[c]);
}

// Two shapes of INSERT: service records (an import's million rows) bind only the columns a
// service record has, every other kind binds them all. The batch, operator and time are the
// same for every row of a statement, so they are bound once, by name. Fewer values to bind
// is less work per row (a tenth of the insert at a million rows).
const SERVICE_COLUMNS = 'id, kind, ref, volunteer_no, activity, date, start, "end", minutes, category, role, evaluation, status, entry, note';
const OTHER_COLUMNS = 'topic, organiser, title, level, issuer, description, upheld, points, reason';
const TAIL_COLUMNS = 'voided_at, voided_by, void_reason, batch, recorded_by, recorded_at';
const SERVICE_GROUP = `(?, 'service', ${Array(16).fill('?').join(', ')}, @batch, @by, @at)`;
const ALL_GROUP = `(${Array(27).fill('?').join(', ')}, @batch, @by, @at)`;

/** The day's pending and approved minutes, its approved minutes, the id of an equal record. */
type DayProbe = [number, number, string | null];
const NO_RECORDS: DayProbe = [0, 0, null];

/** What the caller of LogStore.check already knows (an import, a million times over). */
export interface CheckHint {
  /** The row's person, resolved. */
  volunteer?: Resolved<VolunteerRef>;
  /** The volunteer has no record at all on the row's date: no need to look. */
  dayHasNoRecords?: boolean;
}

export class LogStore {
  readonly resolve: Resolver;
  private readonly byIdStmt;
  private readonly byRefStmt;
  private readonly dayProbeStmt;

  /** `resolve` may be a caching Resolver (an import resolves the same volunteers many times). */
  constructor(readonly db: DB, readonly recordedBy: string, readonly now: string, resolve?: Resolver) {
    this.resolve = resolve ?? new Resolver(db);
    this.byIdStmt = db.prepare('SELECT * FROM records WHERE id = ?');
    this.byRefStmt = db.prepare('SELECT * FROM records WHERE ref = ?');
    // one probe of the day's records answers both the 24-hour check and "is it already stored?"
    // (and the day's approved minutes, which an import keeping the year's figures needs)
    this.dayProbeStmt = db.prepare(`SELECT coalesce(sum(CASE WHEN status IN ('pending', 'approved') THEN minutes END), 0),
      coalesce(sum(CASE WHEN status = 'approved' THEN minutes END), 0),
      max(CASE WHEN activity IS ? AND start IS ? AND "end" IS ? AND minutes = ? AND role IS ? THEN id END)
      FROM records WHERE date = ? AND volunteer_no = ? AND kind = 'service' AND voided_at IS NULL`).raw();
  }

  byId(id: string): StoredRecord | undefined {
    return this.byIdStmt.get(id) as StoredRecord | undefined;
  }

  /**
   * Check one parsed log row against the database (pending and approved minutes of the day
   * count towards 24 hours, SPEC 11.5). An import writes its rows as it goes, or flushes its
   * pending ones first, so earlier rows of the same file are in the database by then.
   */
  check(kind: LogKind, row: LogRow, hint: CheckHint = {}): LogCheck {
    const issues: Issue[] = [];
    const v = hint.volunteer ?? this.resolve.volunteer(row.person);
    if (!v.ok) issues.push({ column: 'volunteer_no', message: v.message });
    // the parsed row becomes the resolved row in place (no copy: an import checks a million)
    const resolved = row as ResolvedLog;
    resolved.kind = RECORD_KIND[kind];
    resolved.volunteer_no = v.ok ? v.value.volunteer_no : '';
    if (row.activity) {
      const a = this.resolve.activity(row.activity);
      if (!a.ok) issues.push({ column: 'activity', message: a.message });
      else if (row.date && (row.date < a.value.date || row.date > (a.value.end_date ?? a.value.date))) {
        const span = a.value.end_date ? `${a.value.date}..${a.value.end_date}` : a.value.date;
        issues.push({ column: 'date', message: `${row.date} is outside activity ${row.activity} (${span}); correct the date or the activity` });
      }
    }
    if (issues.length) return { outcome: 'new', issues, row: resolved };

    const known = (row.id ? this.byId(row.id) : undefined) ?? (row.ref ? (this.byRefStmt.get(row.ref) as StoredRecord | undefined) : undefined);
    if (known) {
      const diff = differingColumns(resolved, known);
      if (diff.length === 0) return { outcome: 'stored', issues, row: resolved, storedId: known.id };
      const col = row.id && known.id === row.id ? 'id' : 'ref';
      issues.push({ column: col, message: `${col} ${col === 'id' ? row.id : row.ref} is already stored as record ${known.id} with different ${diff.join(', ')}; void that record first or give a new ${col}` });
      return { outcome: 'new', issues, row: resolved };
    }
    if (kind !== 'service') return { outcome: 'new', issues, row: resolved };
    const [dayMinutes, dayApproved, same] = hint.dayHasNoRecords ? NO_RECORDS
      : this.dayProbeStmt.get(row.activity ?? null, row.start ?? null, row.end ?? null, row.minutes, row.role ?? 'participant',
        row.date, resolved.volunteer_no) as DayProbe;
    if (same !== null && !row.id && !row.ref) return { outcome: 'stored', issues, row: resolved, storedId: same };
    if (!row.void_reason && resolved.status !== 'rejected') {
      const total = dayMinutes + (row.minutes ?? 0);
      if (total > DAY_LIMIT_MINUTES) {
        issues.push({ column: 'hours', message: `${resolved.volunteer_no} would have ${(total / 60).toFixed(2)} hours on ${row.date}, more than 24; check the hours of that day's records` });
      }
    }
    return { outcome: 'new', issues, row: resolved, dayApproved };
  }

  /** The rowid of the last insert (an import maps it to the file's line). */
  lastRowid = 0;
  /** INSERT statements by shape and row count, made when first needed. */
  private readonly statements = new Map<string, Statement>();

  private statement(service: boolean, rows: number): Statement {
    const key = `${service ? 's' : 'a'}${rows}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const columns = service ? `${SERVICE_COLUMNS}, ${TAIL_COLUMNS}` : `${SERVICE_COLUMNS}, ${OTHER_COLUMNS}, ${TAIL_COLUMNS}`;
      stmt = this.db.prepare(`INSERT INTO records (${columns}) VALUES ${Array(rows).fill(service ? SERVICE_GROUP : ALL_GROUP).join(', ')}`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  /** Appends one record's values in the order of its shape's columns; returns its id. */
  private pushValues(row: ResolvedLog, service: boolean, out: unknown[]): string {
    const id = row.id ?? uuidv7();
    out.push(id);
    if (!service) out.push(row.kind);
    out.push(row.ref ?? null, row.volunteer_no, row.activity ?? null, row.date, row.start ?? null, row.end ?? null,
      row.minutes ?? null, row.category ?? null, row.kind === 'service' ? row.role ?? 'participant' : null,
      row.evaluation ?? null, row.status ?? 'approved', row.entry ?? 'normal', row.note ?? null);
    if (!service) {
      out.push(row.topic ?? null, row.organiser ?? null, row.title ?? null, row.level ?? null, row.issuer ?? null,
        row.description ?? null, row.upheld === undefined ? null : row.upheld ? 1 : 0, row.points ?? null, row.reason ?? null);
    }
    out.push(row.void_reason ? this.now : null, row.void_reason ? this.recordedBy : null, row.void_reason ?? null);
    return id;
  }

  private shared(batch: string | null) {
    return { batch, by: this.recordedBy, at: this.now };
  }

  insert(row: ResolvedLog, batch: string | null = null): string {
    const service = row.kind === 'service';
    const values: unknown[] = [];
    const id = this.pushValues(row, service, values);
    this.lastRowid = this.statement(service, 1).run(...values, this.shared(batch)).lastInsertRowid as number;
    return id;
  }

  /**
   * Insert several checked records of one kind with one statement (an import's hot path: a
   * third less SQLite work per row than one by one). Their rowids are consecutive, ending at lastRowid.
   */
  insertAll(rows: readonly ResolvedLog[], batch: string | null): void {
    if (rows.length === 0) return;
    const service = rows[0]!.kind === 'service';
    const values: unknown[] = [];
    for (const row of rows) this.pushValues(row, service, values);
    this.lastRowid = this.statement(service, rows.length).run(...values, this.shared(batch)).lastInsertRowid as number;
  }
}

/** Find records by full id or a unique prefix of at least 8 characters (SPEC 11.13). */
export function findRecord(db: DB, idOrPrefix: string): StoredRecord {
  const p = idOrPrefix.trim().toLowerCase();
  if (p.length < 8) throw new UserError(`record id "${idOrPrefix}" is too short; give at least 8 characters of the id (vledger list records)`);
  const rows = db.prepare("SELECT * FROM records WHERE id >= ? AND id < ? || '~' LIMIT 2").all(p, p) as StoredRecord[];
  if (rows.length === 0) throw new UserError(`no record with id ${idOrPrefix}; check it with vledger list records --all`);
  if (rows.length > 1) throw new UserError(`record id prefix ${idOrPrefix} matches several records (${rows.map((r) => r.id).join(', ')}); give more characters`);
  return rows[0]!;
}
