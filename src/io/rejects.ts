// The rejects file of `import --skip-invalid`: the bad rows as they were read plus an `error`
// column, UTF-8 with BOM and CRLF so Excel opens it, ready to fix and import as it is (the
// importer ignores the `error` column). Written to a temporary file and moved into place only
// when the import commits, so an interrupted import leaves no half file behind.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { csvLine, neutraliseCell } from '../cli/render.js';

/** NAME.rejects.csv beside NAME.csv (or NAME.xlsx). */
export function defaultRejectsPath(file: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.rejects.csv`);
}

export class RejectsWriter {
  private fd: number | undefined;
  private readonly tmp: string;
  count = 0;

  constructor(readonly path: string, private readonly headers: string[], private readonly errorColumn: number) {
    this.tmp = `${path}.partial`;
  }

  private cellsOf(cells: string[]): string[] {
    return this.errorColumn < 0 ? cells : cells.filter((_, i) => i !== this.errorColumn);
  }

  private write(cells: string[]): void {
    writeSync(this.fd!, csvLine(cells.map(neutraliseCell)));
  }

  add(cells: string[], error: string): void {
    if (this.fd === undefined) {
      this.fd = openSync(this.tmp, 'w');
      writeSync(this.fd, '\uFEFF');
      this.write([...this.cellsOf(this.headers), 'error']);
    }
    const row = this.cellsOf(cells);
    const width = this.headers.length - (this.errorColumn < 0 ? 0 : 1);
    while (row.length < width) row.push('');
    this.write([...row, error]);
    this.count++;
  }

  /** Moves the file into place (when anything was rejected). */
  commit(): string | undefined {
    if (this.fd === undefined) return undefined;
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.tmp, this.path);
    return this.path;
  }

  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmp, { force: true });
  }
}
