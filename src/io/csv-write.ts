// Streaming CSV output (SPEC 7, 11.11): header then rows written in chunks with back-pressure,
// CRLF, a UTF-8 BOM unless --no-bom, GB18030 on request, formula cells neutralised — so that
// memory stays flat whatever the row count and Excel/WPS open the file as a clerk expects.
import { once } from 'node:events';
import { createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { UsageError, UserError } from '../core/errors.js';

export type CsvEncoding = 'utf-8' | 'gb18030';

export interface CsvOutputOptions {
  /** false for --no-bom; the BOM is only ever written for UTF-8. */
  bom?: boolean;
  encoding?: string;
}

/** A text cell that a spreadsheet would run as a formula gets a leading ' (SPEC 7, 11.11). */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s;
}

/** The encoding named by --encoding (gbk is read as its superset gb18030). */
export function csvEncoding(name: string | undefined): CsvEncoding {
  const enc = (name ?? 'utf-8').toLowerCase();
  if (enc === 'utf-8' || enc === 'utf8') return 'utf-8';
  if (enc === 'gb18030' || enc === 'gbk') return 'gb18030';
  throw new UsageError(`--encoding: "${name}" is not utf-8 or gb18030`);
}

/**
 * Writes one chunk and, when the stream's buffer is full, waits until it drains — or fails
 * with the stream's error (EPIPE when the reader went away, disk full).
 */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.errored) throw out.errored;
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (e) reject(e); else resolve();
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    const onClose = () => done(out.errored ?? Object.assign(new Error('output closed'), { code: 'EPIPE' }));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Rows per chunk: big enough that stringify and write calls are few, small enough to stay flat. */
const CHUNK_ROWS = 512;

/**
 * Writes one CSV document to a stream. Cells are final strings (the caller formats numbers and
 * neutralises text, since only it knows which cells are numbers).
 */
export class CsvWriter {
  private pending: string[][] = [];
  private started = false;
  /** Data rows written so far (the header not counted). */
  rows = 0;

  constructor(private readonly out: Writable, private readonly opts: CsvOutputOptions = {}) {
    this.encoding = csvEncoding(opts.encoding);
  }

  private readonly encoding: CsvEncoding;

  async header(cells: string[]): Promise<void> {
    this.pending.push(cells);
  }

  async row(cells: string[]): Promise<void> {
    this.pending.push(cells);
    this.rows++;
    if (this.pending.length >= CHUNK_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 && this.started) return;
    let text = stringify(this.pending, { record_delimiter: '\r\n' });
    this.pending = [];
    if (!this.started && this.encoding === 'utf-8' && this.opts.bom !== false) text = '\uFEFF' + text;
    this.started = true;
    const chunk = this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    await writeChunk(this.out, chunk);
  }

  /** Writes what is left (an empty export still gets its BOM and header). */
  async end(): Promise<void> {
    await this.flush();
  }
}

/**
 * A file written under a temporary name and renamed into place when complete, so that an
 * interrupted export never leaves a half file under the real name.
 */
export class AtomicFile {
  readonly stream: Writable;
  private readonly tmp: string;
  private failure: Error | undefined;

  /** Opens the temporary file at once, so a bad path fails before any work is done. */
  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    let fd: number;
    try {
      fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw new UserError(`${path}: cannot write here (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the folder exists and is writable`);
    }
    this.stream = createWriteStream(this.tmp, { fd });
    this.stream.on('error', (e: Error) => { this.failure ??= e; });
  }

  async commit(): Promise<void> {
    if (!this.stream.destroyed) {
      this.stream.end();
      await once(this.stream, 'close');
    }
    if (this.failure) throw fileError(this.path, this.failure);
    renameSync(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    if (!this.stream.destroyed) {
      this.stream.destroy();
      await once(this.stream, 'close').catch(() => undefined);
    }
    rmSync(this.tmp, { force: true });
  }
}

/** A write failure (disk full, permissions) as an error the clerk can act on. */
export function fileError(path: string, e: Error): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code && code !== 'EPIPE') return new UserError(`${path}: cannot write (${code}: ${e.message}); check free space and permissions`);
  return e;
}
