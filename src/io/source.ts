// An import file opened for one kind: its facts (hash, format, encoding), its header mapped,
// and its data rows as a stream of {line, raw, cells} ready for importRows.
import { UserError } from '../core/errors.js';
import { canonicalColumn, IGNORED_HEADERS, type Kind } from '../core/kinds.js';
import type { Issue, Raw } from '../core/rows.js';
import { batchesOf, readCsvBatches, type SheetRecord } from './csv.js';
import { mapHeader, rawFromCells, type HeaderMap } from './header.js';
import { sniffFile, type Encoding, type FileFacts } from './sniff.js';
import { readXlsx } from './xlsx.js';

/** One data row: where it is, its canonical raw values, its cells as read, shape problems. */
export interface ImportRow { line: number; raw: Raw; cells?: string[]; issues?: Issue[] }

/** The data rows stream once: in batches (an import) or one by one (a bundle), not both. */
export interface OpenedSheet {
  facts: FileFacts; header: HeaderMap; batches: AsyncIterable<ImportRow[]>; rows: AsyncIterable<ImportRow>;
  /** Stops reading (needed only when the rows were not read to the end). */
  close(): Promise<void>;
}

export interface OpenOptions {
  encoding?: Encoding; sheet?: string; ignoreUnknown?: boolean; warn?: (message: string) => void; facts?: FileFacts;
  /** volunteers --update: only a column naming the person is required. */
  update?: boolean;
}

/** One non-empty cell that is not a column name: a title above the header. */
function isTitleRow(kind: Kind, cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length === 1 && canonicalColumn(kind, filled[0]!) === undefined && !IGNORED_HEADERS.includes(filled[0]!.trim().toLowerCase());
}

/** Single records off the front of a stream of batches (the title and header), then the rest in batches. */
class RecordReader {
  private current: SheetRecord[] = [];
  private at = 0;
  constructor(private readonly batches: AsyncGenerator<SheetRecord[]>) {}

  async next(): Promise<SheetRecord | undefined> {
    while (this.at >= this.current.length) {
      const b = await this.batches.next();
      if (b.done) return undefined;
      [this.current, this.at] = [b.value, 0];
    }
    return this.current[this.at++];
  }

  async *rest(): AsyncGenerator<SheetRecord[]> {
    if (this.at < this.current.length) yield this.current.slice(this.at);
    this.current = [];
    yield* this.batches;
  }

  async close(): Promise<void> {
    await this.batches.return(undefined);
  }
}

/** Opens FILE for KIND: reads as far as the header and checks it; rows stream on iteration. */
export async function openSheet(file: string, kind: Kind, opts: OpenOptions = {}): Promise<OpenedSheet> {
  const facts = opts.facts ?? await sniffFile(file, opts.encoding);
  const records = new RecordReader(facts.format === 'xlsx' ? batchesOf(readXlsx(file, opts.sheet)) : readCsvBatches(file, facts.encoding));
  let first = await records.next();
  if (!first) throw new UserError(`${file}: has no header row; the first line names the columns (see vledger import --help)`);
  let header: HeaderMap;
  try {
    // a sheet often starts with its title in one cell ("2026年志愿服务记录表"); the header follows
    if (isTitleRow(kind, first.cells)) {
      const title = first;
      // quoted by its start: a hostile "title" may be a million characters
      const text = title.cells.find((c) => c)!;
      const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
      first = await records.next();
      if (!first) throw new UserError(`${file}: has no header row below the title "${shown}"`);
      opts.warn?.(`${file}:${title.line}: "${shown}" taken as the sheet's title; the header is line ${first.line}`);
    }
    header = mapHeader(kind, first.cells, file, { ...opts, line: first.line });
  } catch (e) {
    await records.close();
    throw e;
  }
  async function* batches(): AsyncGenerator<ImportRow[]> {
    for await (const batch of records.rest()) {
      yield batch.map((rec) => {
        const { raw, issues } = rawFromCells(header, rec.cells);
        return issues ? { line: rec.line, raw, cells: rec.cells, issues } : { line: rec.line, raw, cells: rec.cells };
      });
    }
  }
  const all = batches();
  async function* rows(): AsyncGenerator<ImportRow> {
    for await (const batch of all) yield* batch;
  }
  return { facts, header, batches: all, rows: rows(), close: () => records.close() };
}
