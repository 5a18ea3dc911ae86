// A volunteer's org and political-status history (SPEC 3) as it travels in a bundle: the rows of
// some volunteers for export, and a merge that adds the rows a database lacks and then sets each
// changed volunteer's current org / political status to the value with the latest effective date.
import type { Statement } from 'better-sqlite3';
import { ENUMS } from '../core/enums.js';
import type { Issue } from '../core/rows.js';
import { isRealDate } from '../core/validate.js';
import type { DB } from './open.js';
import { Statements } from './statements.js';

export const HISTORY_COLUMNS = ['volunteer_no', 'field', 'value', 'effective'] as const;
export type HistoryRow = Record<(typeof HISTORY_COLUMNS)[number], string>;

const FIELDS = ['org', 'political_status'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The history of the given volunteers, in the order it was written: within one volunteer,
 * field and effective date a later row wins, so the merge must insert them in this order.
 */
export function* historyOf(db: DB, volunteerNos: string[]): Generator<HistoryRow> {
  yield* db.prepare(`SELECT volunteer_no, field, value, effective FROM volunteer_history
    WHERE volunteer_no IN (SELECT value FROM json_each(?)) ORDER BY volunteer_no, field, effective, pk`)
    .iterate(JSON.stringify(volunteerNos)) as Iterable<HistoryRow>;
}

/** `effective` is '' (from the beginning) or a real YYYY-MM-DD date. */
function isEffective(s: string): boolean {
  if (s === '') return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Merges history rows inside the caller's transaction. Idempotent: a row is inserted only when
 * the database holds fewer rows equal to it (volunteer, field, value, effective) than the
 * bundle has so far, so merging twice adds nothing while a value set, changed and set back on
 * one date keeps all three rows. Rows of one volunteer are expected together (as exported).
 */
export class HistoryMerge {
  /** Rows inserted. */
  added = 0;
  /** Rows already stored. */
  unchanged = 0;
  /** Volunteers whose current org or political status the merge changed. */
  readonly changedCurrent: string[] = [];
  private readonly touched = new Set<string>();
  private readonly replaced = new Set<string>();
  private current: string | undefined;
  private seen = new Map<string, number>();
  private readonly statements: Statements;

  /** `created`: volunteers this merge inserted, whose initial rows the bundle's history replaces. */
  constructor(db: DB, private readonly now: string, private readonly created: ReadonlySet<string>) {
    this.statements = new Statements(db);
  }

  private stmt(sql: string): Statement {
    return this.statements.get(sql);
  }

  /** Checks and merges one row; the problems, by column, when it cannot be merged. */
  merge(row: HistoryRow): Issue[] {
    const issues = this.check(row);
    if (issues.length) return issues;
    const { volunteer_no: no, field, value, effective } = row;
    if (no !== this.current) { this.current = no; this.seen = new Map(); }
    // a volunteer new here got initial rows from the bundle's current values; the history says better
    const replaceKey = `${no}\u0000${field}`;
    if (this.created.has(no) && !this.replaced.has(replaceKey)) {
      this.replaced.add(replaceKey);
      this.stmt('DELETE FROM volunteer_history WHERE volunteer_no = ? AND field = ?').run(no, field);
      this.touched.add(no);
    }
    const key = `${field}\u0000${value}\u0000${effective}`;
    const occurrence = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, occurrence);
    const stored = this.stmt(`SELECT count(*) FROM volunteer_history WHERE volunteer_no = ? AND field = ? AND value = ? AND effective = ?`)
      .pluck().get(no, field, value, effective) as number;
    if (occurrence <= stored) { this.unchanged++; return []; }
    this.stmt('INSERT INTO volunteer_history (volunteer_no, field, value, effective, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(no, field, value, effective, this.now);
    this.added++;
    this.touched.add(no);
    return [];
  }

  private check(row: HistoryRow): Issue[] {
    const issues: Issue[] = [];
    if (!this.stmt('SELECT 1 FROM volunteers WHERE volunteer_no = ?').pluck().get(row.volunteer_no)) {
      issues.push({ column: 'volunteer_no', message: `volunteer ${JSON.stringify(row.volunteer_no)} is neither stored here nor in the bundle's volunteers.csv` });
    }
    if (!(FIELDS as readonly string[]).includes(row.field)) {
      issues.push({ column: 'field', message: `${JSON.stringify(row.field)} is not org or political_status` });
    } else if (row.field === 'org' && !this.stmt('SELECT 1 FROM orgs WHERE code = ?').pluck().get(row.value)) {
      issues.push({ column: 'value', message: `organisation ${JSON.stringify(row.value)} is neither stored here nor in the bundle's orgs.csv` });
    } else if (row.field === 'political_status' && !(ENUMS.political_status.values as readonly string[]).includes(row.value)) {
      issues.push({ column: 'value', message: `${JSON.stringify(row.value)} is not a political status (${ENUMS.political_status.values.join(', ')})` });
    }
    if (!isEffective(row.effective)) issues.push({ column: 'effective', message: `${JSON.stringify(row.effective)} is not a date (YYYY-MM-DD) or empty (from the beginning)` });
    return issues;
  }

  /**
   * After the last row: every volunteer whose initial rows were replaced still has them, and
   * each touched volunteer's row holds the value with the latest effective date (what
   * `vledger check` verifies). Returns the problems, by volunteer.
   */
  finish(): string[] {
    const problems: string[] = [];
    for (const key of this.replaced) {
      const [no, field] = key.split('\u0000') as [string, Field];
      if (!this.stmt("SELECT 1 FROM volunteer_history WHERE volunteer_no = ? AND field = ? AND effective = ''").pluck().get(no, field)) {
        problems.push(`volunteer ${no}: the bundle's history has no ${field} row from the beginning (effective empty); ask for the bundle again`);
      }
    }
    const latest = (no: string, field: Field) => this.stmt(`SELECT value FROM volunteer_history WHERE volunteer_no = ? AND field = ?
      ORDER BY effective DESC, pk DESC LIMIT 1`).pluck().get(no, field) as string | undefined;
    for (const no of this.touched) {
      const before = this.stmt('SELECT org, political_status FROM volunteers WHERE volunteer_no = ?').get(no) as Record<Field, string>;
      const after = { org: latest(no, 'org') ?? before.org, political_status: latest(no, 'political_status') ?? before.political_status };
      if (after.org === before.org && after.political_status === before.political_status) continue;
      this.stmt('UPDATE volunteers SET org = ?, political_status = ? WHERE volunteer_no = ?').run(after.org, after.political_status, no);
      if (!this.created.has(no)) this.changedCurrent.push(no);
    }
    return problems;
  }
}
