// Small hand-made data sets for the report tests, written as CSV files and loaded with
// `vledger import` (one spawn per kind, so a scenario of dozens of people stays fast).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

export type Row = Record<string, string | number | undefined>;

/** The rows as a CSV file's text, these columns in this order. */
export function csv(rows: Row[], columns: string[]): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

const COLUMNS: Record<string, string[]> = {
  orgs: ['code', 'name', 'parent', 'kind'],
  volunteers: ['volunteer_no', 'name', 'id_number', 'political_status', 'org', 'registered_on', 'status', 'left_on', 'disciplined_in'],
  teams: ['code', 'name', 'org', 'leader', 'founded_on'],
  members: ['team', 'volunteer_no', 'joined_on', 'left_on'],
  activities: ['code', 'title', 'org', 'team', 'date'],
  service: ['volunteer_no', 'activity', 'date', 'start', 'end', 'hours', 'role', 'evaluation', 'status'],
  training: ['volunteer_no', 'date', 'hours', 'topic'],
  commendations: ['volunteer_no', 'date', 'title', 'level', 'issuer'],
  complaints: ['volunteer_no', 'date', 'description', 'upheld'],
  'no-shows': ['volunteer_no', 'date', 'activity'],
};

export type DataSet = Partial<Record<keyof typeof COLUMNS, Row[]>>;

/** The organisation tree of the small data sets: a committee G01 with branches B11 and B12. */
export const G01_TWO_BRANCHES: Row[] = [
  { code: 'G01', name: '市直机关工委', kind: 'committee' },
  { code: 'B11', name: '第一党支部', parent: 'G01', kind: 'branch' },
  { code: 'B12', name: '第二党支部', parent: 'G01', kind: 'branch' },
];

/** Writes each kind's CSV into dir and imports them in dependency order; throws on a failed import. */
export function loadDataSet(dbPath: string, dir: string, data: DataSet): void {
  for (const kind of Object.keys(COLUMNS)) {
    const rows = data[kind];
    if (!rows?.length) continue;
    const file = join(dir, `${kind}.csv`);
    writeFileSync(file, csv(rows, COLUMNS[kind]!));
    const r = runCli(dbPath, ['import', kind, file, '--quiet']);
    if (r.code !== 0) throw new Error(`import ${kind} exited ${r.code}: ${r.stderr}`);
  }
}

/** n service rows of `hours` each on consecutive days from a start date (no special days in January). */
export function serviceDays(volunteer_no: string, n: number, hours: number | string, opts: { from?: string; evaluations?: (string | undefined)[]; activity?: string } = {}): Row[] {
  const start = new Date(`${opts.from ?? '2026-01-06'}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(start.getTime() + i * 86400000).toISOString().slice(0, 10);
    return { volunteer_no, date: d, hours, evaluation: opts.evaluations?.[i], activity: opts.activity };
  });
}

/** `count` party members of an org numbered from `first`, each with one record of the given hours. */
export function partyMembersWithHours(org: string, hoursEach: (i: number) => number, count: number): { volunteers: Row[]; service: Row[] } {
  const volunteers: Row[] = [];
  const service: Row[] = [];
  for (let i = 1; i <= count; i++) {
    const no = `${org}-${String(i).padStart(4, '0')}`;
    volunteers.push({ volunteer_no: no, name: `${org}成员${i}`, political_status: 'party_member', org });
    service.push({ volunteer_no: no, date: '2026-02-10', hours: hoursEach(i) });
  }
  return { volunteers, service };
}

/** The stdout of each command, run in this process; each must exit 0 with nothing on stderr. */
export async function outputsOf(dbPath: string, commands: string[][]): Promise<string[]> {
  const out: string[] = [];
  for (const args of commands) {
    const r = await runInProcess(dbPath, args);
    expect(r.stderr, args.join(' ')).toBe('');
    expect(r.code, args.join(' ')).toBe(0);
    out.push(r.stdout);
  }
  return out;
}

/** Drops the stored year figures (as an approval does): the next report scores the year from its records. */
export function forgetYearFigures(dbPath: string, where = ''): void {
  const db = new Database(dbPath);
  db.exec(`DELETE FROM year_summaries ${where}`);
  db.close();
}
