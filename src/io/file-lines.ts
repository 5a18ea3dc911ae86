// Which line of the file being imported wrote (or matched) a stored row, so a duplicate inside
// one file is reported naming both lines. Rows written by this import have rowids above the
// table's largest rowid before it (we hold the write lock), so a growable Int32Array indexed by
// rowid - base holds the lines in 4 bytes a row; with base 0 it maps any stored row.

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

  get(pk: number): number | undefined {
    const i = pk - this.base;
    return i >= 0 && i < this.lines.length && this.lines[i] ? this.lines[i] : undefined;
  }
}
