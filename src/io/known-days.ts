// Which volunteer-days of a log import already have records, so that a service row on a day
// with none skips its database probe (24-hour total, "already stored"): at a million rows that
// probe was a tenth of the import. A date's volunteers are read once, with one query on the
// records_day index, when a row of that date is first met; rows the import writes are added as
// it goes. Two bits per volunteer per date: 20,000 volunteers over a year are 1.8 MB.
import type { DB } from '../db/open.js';

/** Nothing stored that day / a record in the database / a row checked but not yet written. */
export const DayState = { None: 0, Stored: 1, Pending: 2 } as const;
export type DayState = (typeof DayState)[keyof typeof DayState];

/** Bytes of day arrays kept before the oldest dates are dropped (and read again if met again). */
const MAX_BYTES = 32 * 1024 * 1024;

const bytesFor = (volunteers: number) => (volunteers + 3) >> 2;

function put(d: Uint8Array, i: number, state: DayState): void {
  const shift = (i & 3) * 2;
  d[i >> 2] = (d[i >> 2]! & ~(3 << shift)) | (state << shift);
}

export class KnownDays {
  private readonly stmt;
  private readonly volunteerIndex = new Map<string, number>();
  private readonly dates = new Map<string, Uint8Array>();
  private bytes = 0;

  /** `beforeRead` writes the pending rows first, so that what the database says is complete. */
  constructor(db: DB, private readonly beforeRead: () => void, private readonly maxBytes = MAX_BYTES) {
    this.stmt = db.prepare('SELECT volunteer_no FROM records INDEXED BY records_day WHERE date = ?').pluck();
  }

  private index(volunteerNo: string): number {
    let i = this.volunteerIndex.get(volunteerNo);
    if (i === undefined) this.volunteerIndex.set(volunteerNo, (i = this.volunteerIndex.size));
    return i;
  }

  /** The date's states, with room for volunteer index `atLeast`: four volunteers a byte. */
  private day(date: string, atLeast: number): Uint8Array {
    let d = this.dates.get(date);
    if (d === undefined) {
      this.beforeRead();
      const stored = this.stmt.all(date) as string[];
      const indexes = stored.map((v) => this.index(v));
      d = this.allot(bytesFor(Math.max(this.volunteerIndex.size, atLeast + 1)), true);
      for (const i of indexes) put(d, i, DayState.Stored);
      this.dates.set(date, d);
    } else if (d.length < bytesFor(atLeast + 1)) {
      const grown = this.allot(Math.max(bytesFor(atLeast + 1), d.length * 2), false);
      grown.set(d);
      this.bytes -= d.length;
      this.dates.set(date, (d = grown));
    }
    return d;
  }

  /** Only right after beforeRead may dates be dropped: none of them then holds a pending row. */
  private allot(size: number, mayDrop: boolean): Uint8Array {
    // the oldest dates go first: an import in date order never meets them again
    if (mayDrop) for (const [date, d] of this.dates) {
      if (this.bytes + size <= this.maxBytes) break;
      this.dates.delete(date);
      this.bytes -= d.length;
    }
    this.bytes += size;
    return new Uint8Array(size);
  }

  state(date: string, volunteerNo: string): DayState {
    const i = this.index(volunteerNo);
    return ((this.day(date, i)[i >> 2]! >> ((i & 3) * 2)) & 3) as DayState;
  }

  /** A row checked and waiting to be written. */
  markPending(date: string, volunteerNo: string): void {
    const i = this.index(volunteerNo);
    put(this.day(date, i), i, DayState.Pending);
  }

  /** A pending row written. A date no longer held is read again from the database when met. */
  markStored(date: string, volunteerNo: string): void {
    const d = this.dates.get(date);
    const i = this.volunteerIndex.get(volunteerNo);
    if (d !== undefined && i !== undefined && i >> 2 < d.length) put(d, i, DayState.Stored);
  }

  /** Lets every date go once the import's last row is written. */
  release(): void {
    this.dates.clear();
    this.bytes = 0;
  }
}
