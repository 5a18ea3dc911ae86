// Streaming a CSV file as records of cells with the line each record starts on (SPEC 11.9):
// decoded in chunks (constant memory), any mix of CRLF/LF/CR, quoted newlines, blank lines.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { UserError } from '../core/errors.js';
import { reapplyHeapBounds } from './heap.js';
import { track } from './workers.js';
import { type Encoding, notTextError, textDecoder } from './sniff.js';

export interface SheetRecord { line: number; cells: string[] }

// C0 control characters other than tab, LF and CR do not occur in text a person typed.
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

// 32 KiB chunks decode to strings small enough for V8's young generation (no large-object garbage)
async function* decodedChunks(file: string, encoding: Encoding): AsyncGenerator<string> {
  const decoder = textDecoder(encoding);
  const fail = () => new UserError(`${file}: is not valid ${encoding === 'gb18030' ? 'UTF-8 or GBK/GB18030' : encoding} text; `
    + 'save it as "CSV UTF-8", or pass --encoding with the encoding it was saved in');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 15 }) as AsyncIterable<Buffer>) {
    let text: string;
    try { text = decoder.decode(chunk, { stream: true }); } catch { throw fail(); }
    if (CONTROL.test(text)) throw notTextError(file);
    yield text;
  }
  let rest: string;
  try { rest = decoder.decode(); } catch { throw fail(); }
  if (rest) yield rest;
}

/** Line breaks inside one record's cells (CRLF counts once), to number the records' lines. */
function breaksIn(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
    const m = c.match(/\r\n|\r|\n/g);
    n += m ? m.length : 0;
  }
  return n;
}

/** Comma, or tab for Excel's "Unicode text" (UTF-16, tab-separated): judged by the header line. */
function delimiterOf(head: string): string {
  const m = /^[^\r\n]*/.exec(head);
  const line = m ? m[0] : '';
  return line.includes('\t') && !line.includes(',') ? '\t' : ',';
}

function parseProblem(file: string, line: number, e: CsvError): UserError {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UserError(`${file}:${line}: a quoted cell starting on this line is never closed; add the missing " (a cell with a comma or line break must be wrapped in "…")`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new UserError(`${file}:${line}: a quoted cell has text after its closing quote; write a quote inside a quoted cell as ""`);
    default:
      return new UserError(`${file}:${line}: cannot read the CSV here (${e.message}); save the sheet again as "CSV UTF-8"`);
  }
}

/**
 * Records of a CSV file, the header first, in this thread (csv-worker.ts runs this in a worker
 * for readCsvBatches). Blank lines and rows of empty cells are skipped;
 * `line` is where the record starts, counting every physical line of the file. Blank lines
 * come through the parser as one empty cell each (cheaper than csv-parse's `info`), so
 * summing each record's lines numbers them.
 */
export async function* readCsvHere(file: string, encoding: Encoding): AsyncGenerator<SheetRecord> {
  const chunks = decodedChunks(file, encoding);
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  const parser = parse({
    bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, trim: true,
    delimiter: delimiterOf(head),
  });
  const source = Readable.from((async function* () { if (head) yield head; yield* chunks; })());
  let sourceError: unknown;
  source.on('error', (e) => { sourceError = e; parser.destroy(e); });
  source.pipe(parser);
  let next = 1; // the line the next record starts on
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const line = next;
      next += 1 + breaksIn(cells);
      if (cells.length === 1 ? cells[0] === '' : cells.every((c) => c === '')) continue;
      yield { line, cells };
    }
  } catch (e) {
    if (sourceError) throw sourceError;
    if (e instanceof CsvError) throw parseProblem(file, next, e);
    throw e;
  } finally {
    source.destroy();
  }
  if (sourceError) throw sourceError;
}

// Reading and parsing the CSV is a third of a big import's work, and none of it needs the
// database: a worker thread does it while this thread checks and writes rows. The worker sends
// records in batches, each as one string (cells joined by \u0001, records by \u0002: C0
// controls are refused in the file, so neither occurs in a cell) and their line numbers, and
// stops when BATCHES_AHEAD batches wait unread, so memory stays flat however big the file.
// Small batches: the rows of a batch live while it is checked, and a batch that outgrows the
// (deliberately small) young generation is promoted whole and collected the slow way; at a
// million rows 200 a batch took 19 s, 1,000 a batch 23-26 s.
export const RECORDS_PER_BATCH = 200;
export const BATCHES_AHEAD = 8;
export const CELL = '\u0001';
export const RECORD = '\u0002';

export type WorkerMessage =
  | { batch: string; lines: Int32Array }
  | { done: true }
  | { error: string; user: boolean; stack?: string };

const WORKER = new URL('./csv-worker.js', import.meta.url);

/** Files from this size on are read in a worker: starting one costs ~40 ms, ~8,000 rows' parsing. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Batches of records (the header first): a big file read in a worker thread (`worker: true`
 * forces it, for tests), a small one here. Run from the TypeScript sources (vitest) there is
 * no compiled worker, and every file is read here.
 */
export async function* readCsvBatches(file: string, encoding: Encoding, opts: { worker?: boolean } = {}): AsyncGenerator<SheetRecord[]> {
  const useWorker = opts.worker ?? statSync(file).size >= WORKER_MIN_BYTES;
  if (!useWorker || !existsSync(fileURLToPath(WORKER))) {
    yield* batchesOf(readCsvHere(file, encoding));
    return;
  }
  // a small young generation: the worker holds a few batches at a time
  const worker = new Worker(WORKER, { workerData: { file, encoding }, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  track(worker);
  worker.once('online', reapplyHeapBounds); // a worker starting resets V8's heap flags
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const arrived = () => { wake?.(); wake = undefined; };
  worker.on('message', (m: WorkerMessage) => { inbox.push(m); arrived(); });
  worker.on('error', (e) => { failure = e; arrived(); });
  worker.on('exit', (code) => { if (code !== 0) failure ??= new Error(`the CSV reader stopped (exit code ${code})`); arrived(); });
  try {
    for (;;) {
      if (inbox.length === 0 && !failure) await new Promise<void>((r) => { wake = r; });
      const m = inbox.shift();
      if (m === undefined) throw failure!;
      if ('done' in m) return;
      if ('error' in m) {
        if (m.user) throw new UserError(m.error);
        const e = new Error(m.error);
        e.stack = m.stack;
        throw e;
      }
      worker.postMessage('next');
      const texts = m.batch.split(RECORD);
      const out: SheetRecord[] = new Array(texts.length);
      for (let i = 0; i < texts.length; i++) out[i] = { line: m.lines[i]!, cells: texts[i]!.split(CELL) };
      yield out;
    }
  } finally {
    void worker.terminate();
  }
}

/** Records in batches of RECORDS_PER_BATCH; on an error, the records before it first. */
export async function* batchesOf<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length === RECORDS_PER_BATCH) { yield batch; batch = []; }
    }
  } catch (e) {
    // the reader says where the problem is after the header, as the import of the rows
    if (batch.length) yield batch;
    throw e;
  }
  if (batch.length) yield batch;
}

/** The records of a CSV file one by one, the header first. */
export async function* readCsv(file: string, encoding: Encoding, opts: { worker?: boolean } = {}): AsyncGenerator<SheetRecord> {
  for await (const batch of readCsvBatches(file, encoding, opts)) yield* batch;
}
