// A year's computed figures (each volunteer's and each activity's totals, each volunteer's
// service minutes per month), kept in year_summaries (migration 002) so that rank, score and
// the reports do not re-read and re-score a year of a million records every time.
//
// The cache is derived data, used only when its key is the current one: the format below, the
// highest records pk (a new record raises it; triggers wipe the table on any update or delete
// of records and any change of rules) and the rules document in force. Storing is best effort:
// a report is a read command, so a busy, locked or read-only database only means no caching.
import { createHash } from 'node:crypto';
import type { DB } from './open.js';
import type { Rules } from '../core/rules.js';
import { ratio } from '../core/round.js';
import { summariseYearFigures, type EntryKind, type YearFiguresOfRecords } from '../core/scoring.js';
import { loadYearRecords } from './facts.js';
import { rulesInForce } from './rules-store.js';

/**
 * Bump when the stored payload's shape or anything that computes it (src/core/scoring.ts,
 * the records read by loadYearRecords) changes: rows of another format are never used.
 */
export const YEAR_SUMMARY_FORMAT = 1;

/** The figures of a year, as core computes them (summariseYearFigures). */
export type YearSummary = YearFiguresOfRecords;

/** What a summary of `year` computed now would be computed from. */
export function yearSummaryKey(db: DB, rules: Rules): string {
  return summaryKeyAt(maxRecordPk(db), rules);
}

/** The highest records pk, 0 when there are none. */
export const maxRecordPk = (db: DB): number => (db.prepare('SELECT max(pk) FROM records').pluck().get() as number | null) ?? 0;

/** The key of figures computed from the records up to pk `maxPk` under `rules`. */
export function summaryKeyAt(maxPk: number, rules: Rules): string {
  const rulesHash = createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
  return `${YEAR_SUMMARY_FORMAT}:${maxPk}:${rulesHash}`;
}

// The payload, as compact JSON arrays (a city's year is 20,000 volunteers):
//   volunteers: [volunteer_no, points, minutes, records, evaluated, satisfiedish, upheldComplaints, byKind, months]
//     with months the non-zero months flattened as [monthIndex, minutes, ...]
//   activities: [code, points, minutes, records, evaluated, satisfiedish]
// Satisfaction ratios are rebuilt from the counts, not stored.
type VolunteerRow = [string, number, number, number, number, number, number, Partial<Record<EntryKind, number>>, number[]];
type ActivityRow = [string, number, number, number, number, number];

// Row by row, so that only the text is kept while it is made, not every row's arrays as well
// (an import stores a city's year at the end, when its own memory is at its peak).
function encode(s: YearSummary): { volunteers: string; activities: string } {
  const volunteers: string[] = [];
  for (const [no, y] of s.volunteers) {
    const months: number[] = [];
    (s.months.get(no) ?? []).forEach((m, i) => { if (m !== 0) months.push(i, m); });
    const row: VolunteerRow = [no, y.points, y.minutes, y.records, y.evaluated, y.satisfiedish, y.upheldComplaints, y.byKind, months];
    volunteers.push(JSON.stringify(row));
  }
  const activities: string[] = [];
  for (const [code, a] of s.activities) {
    const row: ActivityRow = [code, a.points, a.minutes, a.records, a.evaluated, a.satisfiedish];
    activities.push(JSON.stringify(row));
  }
  return { volunteers: `[${volunteers.join(',')}]`, activities: `[${activities.join(',')}]` };
}

const isInt = (x: unknown): x is number => Number.isSafeInteger(x);

/** row[from..to) are all integers (a loop: a city's 20,000 rows are decoded on every report). */
function intsAt(row: unknown[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isInt(row[i])) return false;
  return true;
}

function isByKind(x: unknown): x is Partial<Record<EntryKind, number>> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  for (const k in x) if (!isInt((x as Record<string, unknown>)[k])) return false;
  return true;
}

/** The stored payload, or null when it is not one this code wrote (then it is recomputed). */
function decode(volunteersText: string, activitiesText: string): YearSummary | null {
  let vs: unknown, as: unknown;
  try {
    vs = JSON.parse(volunteersText);
    as = JSON.parse(activitiesText);
  } catch {
    return null;
  }
  if (!Array.isArray(vs) || !Array.isArray(as)) return null;
  const out: YearSummary = { volunteers: new Map(), activities: new Map(), months: new Map() };
  for (const row of vs as unknown[]) {
    if (!Array.isArray(row) || row.length !== 9 || typeof row[0] !== 'string' || !intsAt(row, 1, 7) || !isByKind(row[7])) return null;
    const [no, points, minutes, records, evaluated, satisfiedish, upheldComplaints, byKind, months] = row as VolunteerRow;
    if (!Array.isArray(months) || months.length % 2 !== 0 || !intsAt(months, 0, months.length)) return null;
    out.volunteers.set(no, { points, minutes, records, evaluated, satisfiedish, upheldComplaints, satisfaction: ratio(satisfiedish, evaluated), byKind });
    if (months.length > 0) {
      const m = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
      for (let i = 0; i < months.length; i += 2) {
        if (months[i]! < 0 || months[i]! > 11) return null;
        m[months[i]!] = months[i + 1]!;
      }
      out.months.set(no, m);
    }
  }
  for (const row of as as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6 || typeof row[0] !== 'string' || !intsAt(row, 1, 6)) return null;
    const [code, points, minutes, records, evaluated, satisfiedish] = row as ActivityRow;
    out.activities.set(code, { points, minutes, records, evaluated, satisfiedish, satisfaction: ratio(satisfiedish, evaluated) });
  }
  return out;
}

/** Computes the year's summary from its records (the uncached path). */
export function computeYearSummary(db: DB, year: number, rules: Rules): YearSummary {
  return summariseYearFigures(loadYearRecords(db, year), rules, year);
}

/** Changes when another connection commits to the database (PRAGMA data_version). */
const currentDataVersion = (db: DB) => db.pragma('data_version', { simple: true }) as number;

const CANNOT_WRITE = /^SQLITE_(BUSY|LOCKED|READONLY|CANTOPEN|FULL|PERM|AUTH)/;

function writeYearSummary(db: DB, year: number, key: string, payload: { volunteers: string; activities: string }, now: string): void {
  db.prepare('INSERT OR REPLACE INTO year_summaries (year, key, volunteers, activities, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(year, key, payload.volunteers, payload.activities, now);
}

/** Stores a year's figures under `key`, inside the caller's write transaction (an import keeping them current). */
export function storeYearSummary(db: DB, year: number, key: string, summary: YearSummary, now: string): void {
  writeYearSummary(db, year, key, encode(summary), now);
}

/** The year's stored figures if they are stored under `key`, else null. */
export function storedYearSummary(db: DB, year: number, key: string): YearSummary | null {
  const row = db.prepare('SELECT key, volunteers, activities FROM year_summaries WHERE year = ?').get(year) as
    { key: string; volunteers: string; activities: string } | undefined;
  return row && row.key === key ? decode(row.volunteers, row.activities) : null;
}

/** The years with stored figures, current or not. */
export function storedYears(db: DB): number[] {
  return db.prepare('SELECT year FROM year_summaries ORDER BY year').pluck().all() as number[];
}

/** Figures stored under one key are still true under another (records were added that do not count in that year). */
export function rekeyYearSummary(db: DB, year: number, from: string, to: string): void {
  db.prepare('UPDATE year_summaries SET key = ? WHERE year = ? AND key = ?').run(to, year, from);
}

/**
 * Stores a summary computed under `key`, if that key is still the current one and the
 * database can be written right now without waiting; otherwise does nothing.
 */
function tryStore(db: DB, year: number, key: string, dataVersion: number, summary: YearSummary): void {
  if (db.readonly || db.inTransaction) return;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const { volunteers, activities } = encode(summary);
    db.transaction(() => {
      // Another process may have written since our snapshot. A new record changes the key, but
      // an approve or void does not (its trigger wiped a table we are about to fill again with
      // figures of before it): any commit by another connection since then means no storing.
      if (yearSummaryKey(db, rulesInForce(db, year)) !== key || dataVersion !== currentDataVersion(db)) return;
      writeYearSummary(db, year, key, { volunteers, activities }, new Date().toISOString());
    }).immediate();
  } catch (e) {
    if (!CANNOT_WRITE.test(String((e as { code?: unknown }).code ?? ''))) throw e;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * The year's summary under `rules` (the rules in force for the year, read by the caller):
 * from year_summaries when its key is current, else computed and, best effort, stored.
 * Call it inside a read transaction that also read `rules`, so that the key, the rules and
 * the records are of one snapshot; storing then happens after that transaction.
 */
export function readYearSummary(db: DB, year: number, rules: Rules): { summary: YearSummary; store: (() => void) | null } {
  const key = yearSummaryKey(db, rules);
  const dataVersion = currentDataVersion(db); // as of this snapshot (read after the key's query began it)
  const cached = storedYearSummary(db, year, key);
  if (cached) return { summary: cached, store: null };
  const summary = computeYearSummary(db, year, rules);
  return { summary, store: () => tryStore(db, year, key, dataVersion, summary) };
}

/**
 * Runs `read` in one read snapshot, then, outside it, stores what it computed (when it did and
 * the caller is not inside a transaction of its own): how every reader of the year's figures
 * uses readYearSummary.
 */
export function inSnapshot<T>(db: DB, read: () => { result: T; store: (() => void) | null }): T {
  const outer = db.inTransaction;
  const { result, store } = db.transaction(read)();
  if (store && !outer) store();
  return result;
}

/** The year's summary in one read snapshot, stored for next time when it was computed. */
export function loadYearSummary(db: DB, year: number, rules: Rules): YearSummary {
  return inSnapshot(db, () => {
    const { summary, store } = readYearSummary(db, year, rules);
    return { result: summary, store };
  });
}
