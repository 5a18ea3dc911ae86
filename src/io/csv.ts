// Streaming a CSV file as records of cells with the line each record starts on (SPEC 11.9):
// decoded in chunks (constant memory), any mix of CRLF/LF/CR, quoted newlines, blank lines.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { UserError } from '../core/errors.js';
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
 * Records of a CSV file, the header first. Blank lines and rows of empty cells are skipped;
 * `line` is where the record starts, counting every physical line of the file. Blank lines
 * come through the parser as one empty cell each (cheaper than csv-parse's `info`), so
 * summing each record's lines numbers them.
 */
export async function* readCsv(file: string, encoding: Encoding): AsyncGenerator<SheetRecord> {
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
