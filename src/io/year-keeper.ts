// Keeping each year's stored figures (year_summaries) current through a log import or a bundle
// merge, so that the first report after it need not read and score the whole year again (a
// million records: ~5 s; with the figures kept, under 1 s).
//
// Every figure is a sum of entries, and every entry is its record's own except the service
// points of a volunteer-day over the daily cap (SPEC 4 step 2), which depend on the day's other
// records. So each written row adds its own entries, its service minutes credited up to the cap.
// A service row whose day then holds more approved minutes than the cap (counting the records
// stored before the import) marks its day; when the import has written everything, the
// marked days are read back and their records credited again in credit order. A year whose
// figures before the import are not known (it has records, but no current stored figures) is
// left to the next report, as before. Everything is written in the import's own transaction,
// so an import rolled back keeps nothing.
import { creditInOrder, creditOrder, RunningYearFigures, type RecordKind, type ScoreRecord } from '../core/scoring.js';
import type { Rules } from '../core/rules.js';
import { dayServiceRecords } from '../db/facts.js';
import type { DB } from '../db/open.js';
import type { ResolvedLog } from '../db/records.js';
import { rulesInForce } from '../db/rules-store.js';
import {
  maxRecordPk, rekeyYearSummary, storedYears, storedYearSummary, storeYearSummary, summaryKeyAt,
} from '../db/year-summaries.js';

interface KeptYear {
  rules: Rules;
  figures: RunningYearFigures;
  /** Volunteer-days to credit again at the end: date + U+0000 + volunteer_no. */
  marked: Set<string>;
}

/** A row as the points engine sees it once stored (a row that arrives voided never counts: it is given as rejected). */
function scoreRecordOf(row: ResolvedLog): ScoreRecord {
  return {
    id: '', kind: row.kind as RecordKind, volunteer_no: row.volunteer_no, date: row.date, start: row.start ?? null,
    minutes: row.minutes ?? null, role: row.kind === 'service' ? row.role ?? 'participant' : null, evaluation: row.evaluation ?? null,
    status: row.void_reason ? 'rejected' : (row.status ?? 'approved') as ScoreRecord['status'], level: row.level ?? null,
    upheld: row.upheld ?? null, points: row.points ?? null, activity: row.activity ?? null,
  };
}

export class YearKeeper {
  /** By year: kept, or null when its figures before the import are not known. */
  private readonly years = new Map<number, KeptYear | null>();
  private readonly anyBefore;
  private readonly dayRecords;

  /** `maxPkBefore`: the highest records pk before the import wrote anything. */
  constructor(private readonly db: DB, private readonly maxPkBefore: number) {
    this.anyBefore = db.prepare('SELECT 1 FROM records INDEXED BY records_day WHERE date BETWEEN ? AND ? AND pk <= ? LIMIT 1').pluck();
    this.dayRecords = dayServiceRecords(db);
  }

  /** The year's figures before the import: none (no records), or stored and current; else null. */
  private kept(year: number): KeptYear | null {
    let k = this.years.get(year);
    if (k !== undefined) return k;
    const rules = rulesInForce(this.db, year);
    const empty = this.anyBefore.get(`${year}-01-01`, `${year}-12-31`, this.maxPkBefore) === undefined;
    const before = empty ? undefined : storedYearSummary(this.db, year, summaryKeyAt(this.maxPkBefore, rules));
    k = empty || before ? { rules, figures: new RunningYearFigures(rules, year, before ?? undefined), marked: new Set() } : null;
    this.years.set(year, k);
    return k;
  }

  /** A row the import writes; `dayApproved`: the approved minutes its volunteer-day had before it (service rows). */
  written(row: ResolvedLog, dayApproved = 0): void {
    const d = row.date;
    const year = (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + d.charCodeAt(3) - 48;
    const k = this.kept(year);
    if (!k) return;
    const r = scoreRecordOf(row);
    if (!k.figures.add(r)) return;
    // within the cap every record is credited whole, whatever the order (stored ones too)
    if (r.kind === 'service' && dayApproved > 0 && dayApproved + (r.minutes ?? 0) > k.figures.maxMinutesPerDay) {
      k.marked.add(`${row.date}\u0000${row.volunteer_no}`);
    }
  }

  /** After the import's last row is written: each kept year's figures stored under the new key. */
  finish(now: string): void {
    const maxPk = maxRecordPk(this.db);
    if (maxPk === this.maxPkBefore) return;
    for (const [year, k] of this.years) {
      if (!k) continue;
      for (const day of k.marked) this.creditAgain(k, day);
      storeYearSummary(this.db, year, summaryKeyAt(maxPk, k.rules), k.figures.figures(), now);
    }
    // a year the import wrote nothing into keeps its figures, true under the new key too
    for (const year of storedYears(this.db)) {
      if (this.years.has(year)) continue;
      const rules = rulesInForce(this.db, year);
      rekeyYearSummary(this.db, year, summaryKeyAt(this.maxPkBefore, rules), summaryKeyAt(maxPk, rules));
    }
  }

  /**
   * A marked day's records, credited in credit order. The figures hold each record stored before
   * the import as credited among those alone, and each written one as credited up to the cap.
   */
  private creditAgain(k: KeptYear, day: string): void {
    const [date, volunteerNo] = day.split('\u0000') as [string, string];
    const records = this.dayRecords(date, volunteerNo);
    records.sort((a, b) => creditOrder(a.record, b.record));
    const cap = k.figures.maxMinutesPerDay;
    const now = creditInOrder(records.map((x) => x.record.minutes ?? 0), cap);
    const older = records.filter((x) => x.pk <= this.maxPkBefore);
    const olderCredited = creditInOrder(older.map((x) => x.record.minutes ?? 0), cap);
    const olderCredit = new Map(older.map((x, i) => [x, olderCredited[i]!]));
    records.forEach((x, i) => {
      const was = olderCredit.get(x) ?? Math.min(x.record.minutes ?? 0, cap);
      k.figures.recredit(x.record, was, now[i]!);
    });
  }
}
