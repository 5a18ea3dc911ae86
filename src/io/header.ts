// The header row of an import file: each header (canonical name or a per-kind Chinese alias)
// mapped to its canonical column; unknown and duplicate columns refused, columns a kind cannot
// do without required up front; then each data row turned into canonical raw values.
import { UserError } from '../core/errors.js';
import { canonicalColumn, COLUMNS, IGNORED_HEADERS, ALIASES, type Kind } from '../core/kinds.js';
import type { Issue, Raw } from '../core/rows.js';

export interface HeaderMap {
  kind: Kind;
  /** The header cells as written (for the rejects file). */
  headers: string[];
  /** Canonical column of each cell position; null = ignored. */
  columns: (string | null)[];
  /** Position of the header's `error` column, if any (a rejects file being re-imported); else -1. */
  errorColumn: number;
  /** Cells a row must have: up to the last named header (trailing empty headers do not count). */
  width: number;
  /** How to name a canonical column in a message: the header as written, and the canonical name. */
  label(column: string): string;
}

const PERSON = ['volunteer_no', 'id_number', 'name'];

/** Columns without which no row of a kind can be valid; each entry: any one of these. */
const REQUIRED: Record<Kind, string[][]> = {
  orgs: [['code'], ['name']],
  volunteers: [['name'], ['org'], ['political_status']],
  teams: [['code'], ['name'], ['org']],
  members: [['team'], PERSON],
  activities: [['code'], ['title'], ['org'], ['date']],
  service: [PERSON, ['date'], ['hours', 'start']],
  training: [PERSON, ['date'], ['hours']],
  commendations: [PERSON, ['date'], ['title'], ['level']],
  complaints: [PERSON, ['date']],
  'no-shows': [PERSON, ['date']],
  adjustments: [PERSON, ['date'], ['points'], ['reason']],
};

function chineseName(kind: Kind, column: string): string | undefined {
  return Object.entries(ALIASES[kind]).find(([, c]) => c === column)?.[0];
}

export function mapHeader(kind: Kind, cells: string[], file: string, opts: { ignoreUnknown?: boolean; update?: boolean; warn?: (m: string) => void; line?: number } = {}): HeaderMap {
  const at = `${file}:${opts.line ?? 1}`;
  const columns: (string | null)[] = [];
  const where = new Map<string, number>();
  const unknown: string[] = [];
  let errorColumn = -1;
  cells.forEach((raw, i) => {
    const h = raw.replace(/^\uFEFF/, '').trim();
    if (h === '') { columns.push(null); return; }
    if (IGNORED_HEADERS.includes(h.toLowerCase())) { columns.push(null); errorColumn = i; return; }
    const col = canonicalColumn(kind, h) ?? null;
    if (col === null) unknown.push(h);
    else if (where.has(col)) {
      throw new UserError(`${at}: columns "${cells[where.get(col)!]!.trim()}" and "${h}" both mean ${col}; delete one of them`);
    } else where.set(col, i);
    columns.push(col);
  });
  if (unknown.length) {
    // 100,000 junk columns are named by the first ten distinct, each cut short
    const distinct = [...new Set(unknown)];
    const list = distinct.slice(0, 10).map((u) => `"${u.length > 40 ? `${u.slice(0, 40)}…` : u}"`).join(', ')
      + (distinct.length > 10 ? ` and ${distinct.length - 10} more` : '');
    if (!opts.ignoreUnknown) {
      throw new UserError(`${at}: ${unknown.length === 1 ? `column ${list} is not a ${kind} column` : `columns ${list} are not ${kind} columns`}; `
        + `rename to one of ${COLUMNS[kind].join(', ')} (or the Chinese names), or pass --ignore-unknown to skip ${unknown.length === 1 ? 'it' : 'them'}`);
    }
    opts.warn?.(`${at}: ignoring ${unknown.length === 1 ? 'column' : 'columns'} ${list} (--ignore-unknown)`);
  }
  // volunteers --update: a sheet of changes names the person and the columns that change
  const required = kind === 'volunteers' && opts.update ? [['volunteer_no', 'id_number', 'name']] : REQUIRED[kind];
  for (const need of required) {
    if (need.some((c) => where.has(c))) continue;
    const names = need.map((c) => { const zh = chineseName(kind, c); return zh ? `${c} (${zh})` : c; });
    throw new UserError(`${at}: there is no ${names.join(' or ')} column, which every ${kind} row needs; add the column`);
  }
  let width = cells.length;
  while (width > 0 && cells[width - 1]!.trim() === '') width--;
  return {
    kind, headers: cells, columns, errorColumn, width,
    label(column: string): string {
      let i = where.get(column);
      // a missing person column is reported on whichever one the file has
      if (i === undefined && PERSON.includes(column)) i = PERSON.map((c) => where.get(c)).find((x) => x !== undefined);
      if (i === undefined && column === 'hours') i = where.get('start') ?? where.get('end');
      if (i === undefined) return column;
      const h = cells[i]!.replace(/^\uFEFF/, '').trim();
      const c = columns[i]!;
      return h === c ? c : `${h} (${c})`;
    },
  };
}

/** SPEC 11.11: a leading ' that protected a formula-like cell is dropped. */
export function unprotect(cell: string): string {
  return cell.length > 1 && cell.charCodeAt(0) === 39 && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** One data row as canonical raw values, and any problem with the row's shape. */
export function rawFromCells(map: HeaderMap, cells: string[]): { raw: Raw; issues?: Issue[] } {
  const raw: Raw = {};
  const cols = map.columns;
  let issues: Issue[] | undefined;
  for (let i = 0; i < cells.length; i++) {
    const col = cols[i];
    const cell = cells[i]!;
    if (col) raw[col] = unprotect(cell);
    else if (col === undefined && cell !== '') {
      (issues ??= []).push({ column: '', message: `the row has ${cells.length} cells but the header has ${map.width}; check for an extra comma or a cell outside the table` });
      break;
    }
  }
  if (cells.length < map.width) {
    (issues ??= []).push({ column: '', message: `the row has ${cells.length} cells but the header has ${map.width}; check for a missing comma or a line break inside an unquoted cell` });
  }
  return issues ? { raw, issues } : { raw };
}
