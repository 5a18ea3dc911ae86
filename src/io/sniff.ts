// One streaming pass over an import file before anything is parsed: its SHA-256 (for the
// "already imported" check), whether it is a spreadsheet or text, and the text's encoding
// (BOM, else strict UTF-8, else GB18030), so binary garbage is refused before a transaction.
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { UserError } from '../core/errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type FileFormat = 'csv' | 'xlsx';

export interface FileFacts { path: string; sha256: string; bytes: number; format: FileFormat; encoding: Encoding; bom: boolean }

/** --encoding values (gbk is read as its superset gb18030). */
export const ENCODING_NAMES: Record<string, Encoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16': 'utf-16le',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030',
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function bomEncoding(head: Buffer): Encoding | undefined {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

/** Strict UTF-8 over a stream of chunks: a character split between two chunks is carried over. */
class Utf8Check {
  private carry = Buffer.alloc(0);

  add(chunk: Buffer): boolean {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = buf.length - incompleteTail(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    return isUtf8(buf.subarray(0, cut));
  }

  end(): boolean {
    return this.carry.length === 0;
  }
}

/** Bytes at the end of buf that start a multi-byte character not finished in buf (0-3). */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if (b < 0x80) return 0; // ASCII: nothing open
    if (b >= 0xc0) { // a lead byte: open unless its sequence is complete
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > k ? k : 0;
    }
  }
  return 0; // continuation bytes only: leave it to isUtf8 to judge
}

const notText = (file: string) => new UserError(
  `${file}: is not a CSV text file (it holds binary data); save the sheet as "CSV UTF-8" or .xlsx and import that`);

export async function sniffFile(file: string, encodingFlag?: Encoding): Promise<FileFacts> {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError(`${file}: is a folder, not a file; give the path of a .csv or .xlsx file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  if (size === 0) throw new UserError(`${file}: the file is empty; it needs a header row and data rows`);

  const hash = createHash('sha256');
  let head: Buffer | undefined;
  let format: FileFormat = /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
  let encoding: Encoding | undefined = encodingFlag;
  let bom = false;
  // strict UTF-8 is checked across chunks (without decoding: no garbage strings) until it fails;
  // NUL bytes mean binary in 8-bit text
  let utf8: Utf8Check | undefined;
  let nul = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (!head) {
      head = chunk;
      if (startsWith(head, ZIP)) format = 'xlsx';
      else if (startsWith(head, OLE)) {
        throw new UserError(`${file}: is an old Excel .xls workbook; open it and save it as .xlsx or "CSV UTF-8", then import that`);
      } else if (format === 'xlsx') {
        throw new UserError(`${file}: is named .xlsx but is not an Excel workbook; save it again from Excel/WPS as .xlsx or CSV`);
      }
      const fromBom = bomEncoding(head);
      bom = fromBom !== undefined;
      encoding ??= fromBom;
      if (format === 'csv' && encoding === undefined) utf8 = new Utf8Check();
    }
    if (format !== 'csv') continue;
    if (!encoding?.startsWith('utf-16') && !nul && chunk.includes(0)) nul = true;
    if (utf8 && !utf8.add(chunk)) {
      utf8 = undefined;
      encoding = 'gb18030';
    }
  }
  if (utf8) encoding = utf8.end() ? 'utf-8' : 'gb18030';
  if (format === 'csv' && nul) throw notText(file);
  return { path: file, sha256: hash.digest('hex'), bytes: size, format, encoding: encoding ?? 'utf-8', bom };
}

/** Decoding the text in chunks; gb18030 is strict too, so binary that is not GB text is refused. */
export function textDecoder(encoding: Encoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: true });
}

export { notText as notTextError };
