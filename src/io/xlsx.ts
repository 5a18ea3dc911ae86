// Reading one sheet of an .xlsx workbook as records of text cells; `line` is the sheet row the
// clerk sees in Excel. Typed cells become the text a clerk would have typed: dates YYYY-MM-DD,
// times HH:MM, numbers without float noise, and a long number (an id Excel turned into a
// number) in the 1.10105E+17 form that validation refuses with its hint.
import { UserError } from '../core/errors.js';
import type { SheetRecord } from './csv.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A typed cell as text. Excel's dates are calendar values stored as UTC instants. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Math.abs(v) >= 1e15) return v.toExponential().toUpperCase();
    return String(Number(v.toPrecision(15)));
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const secs = Math.round(((v.getTime() % 86_400_000) + 86_400_000) % 86_400_000 / 1000) % 86_400;
    const time = secs === 0 ? '' : `${pad2(Math.floor(secs / 3600) % 24)}:${pad2(Math.floor(secs / 60) % 60)}${secs % 60 ? `:${pad2(secs % 60)}` : ''}`;
    // a time-only cell is a fraction of a day counted from Excel's day 0 (1899-12-30/31)
    if (v.getUTCFullYear() < 1900) return time;
    const date = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    return time ? `${date} ${time}` : date;
  }
  return String(v);
}

/** The rows of one sheet (the first, or the one named), the header first; empty rows skipped. */
export async function* readXlsx(file: string, sheet?: string): AsyncGenerator<SheetRecord> {
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    data = (sheet === undefined ? await readSheet(file) : await readSheet(file, sheet)) as unknown[][];
  } catch (e) {
    const err = e as Error;
    if (err.name === 'SheetNotFoundError') {
      const names = /Available sheets: (.*)$/.exec(err.message)?.[1];
      throw new UserError(`--sheet: ${file} has no sheet "${sheet}"${names ? `; its sheets are: ${names}` : ''}`);
    }
    throw new UserError(`${file}: cannot read the workbook (${err.message}); open it in Excel/WPS, save it again as .xlsx, or save the sheet as "CSV UTF-8"`);
  }
  for (let i = 0; i < data.length; i++) {
    const cells = data[i]!.map(cellText);
    if (cells.every((c) => c === '')) continue;
    yield { line: i + 1, cells };
  }
}
