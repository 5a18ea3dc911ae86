// Which line of the file being imported wrote (or matched) a stored row, so a duplicate inside
// one file is reported naming both lines. Rows written by this import have rowids above the
// table's largest rowid before it (we hold the write lock), one after another in file order:
// WrittenLines keeps those as runs of rows on consecutive lines (a clean file is one run).
// FileLines maps any stored row, in any order: a growable Int32Array indexed by rowid - base,
// 4 bytes a row.

export class FileLines {
  private lines = new Int32Array(1024);

  constructor(readonly base: number) {}

  /** True when the row with this rowid was written by the current import. */
  isNew(pk: number): boolean {
    return pk > this.base;
  }

  set(pk: number, line: number): void {
    const i = pk - this.base;
    if (i < 0) return;
    if (i >= this.lines.length) {
      const grown = new Int32Array(Math.max(this.lines.length * 2, i + 1));
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[i] = line;
  }

  /** Lets the lines go (4 bytes a row) once the import's last row is written. */
  release(): void {
    this.lines = new Int32Array(0);
  }

  get(pk: number): number | undefined {
    const i = pk - this.base;
    return i >= 0 && i < this.lines.length && this.lines[i] ? this.lines[i] : undefined;
  }
}

/**
 * The lines of the rows an import writes, by rowid: rowids rise in file order, and a row whose
 * rowid and line both follow the last one's extends its run.
 */
export class WrittenLines {
  private firstPk = new Float64Array(16);
  private firstLine = new Float64Array(16);
  private length = new Float64Array(16);
  private runs = 0;
  private lastPk: number;
  private lastLine = -1;

  constructor(readonly base: number) {
    this.lastPk = base;
  }

  /** True when the row with this rowid was written by the current import. */
  isNew(pk: number): boolean {
    return pk > this.base;
  }

  /** The row `pk` (the next rowid, or a later one) came from `line`. */
  set(pk: number, line: number): void {
    if (pk <= this.lastPk) throw new Error(`rows are written in rowid order (${pk} after ${this.lastPk})`);
    if (this.runs > 0 && pk === this.lastPk + 1 && line === this.lastLine + 1) {
      this.length[this.runs - 1]!++;
    } else {
      if (this.runs === this.firstPk.length) {
        this.firstPk = grow(this.firstPk);
        this.firstLine = grow(this.firstLine);
        this.length = grow(this.length);
      }
      this.firstPk[this.runs] = pk;
      this.firstLine[this.runs] = line;
      this.length[this.runs++] = 1;
    }
    this.lastPk = pk;
    this.lastLine = line;
  }

  get(pk: number): number | undefined {
    if (this.runs === 0 || pk < this.firstPk[0]! || pk > this.lastPk) return undefined;
    let lo = 0, hi = this.runs - 1; // the last run starting at or before pk
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstPk[mid]! <= pk) lo = mid; else hi = mid - 1;
    }
    const offset = pk - this.firstPk[lo]!;
    return offset < this.length[lo]! ? this.firstLine[lo]! + offset : undefined;
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
