// `vledger check`'s invariants: SQLite's own integrity and foreign-key checks, then the facts the
// product relies on but SQL constraints cannot say (or that a hand-edited file may have broken).
import type { DB } from './open.js';
import { ENUMS } from '../core/enums.js';
import { RECORD_KIND } from '../core/kinds.js';
import { DAY_LIMIT_MINUTES } from './records.js';

/** A check's name and what it found; at most LIMIT problems each, so a wrecked file stays readable. */
export interface CheckResult { name: string; problems: string[]; more: number }

const LIMIT = 100;

type Row = Record<string, unknown>;

/** Closed vocabularies by table and column; a NULL is allowed where the column is optional. */
const VOCABULARY: [table: string, column: string, values: readonly string[], nullable: boolean][] = [
  ['orgs', 'kind', ENUMS.org_kind.values, false],
  ['volunteers', 'id_type', ENUMS.id_type.values, false],
  ['volunteers', 'gender', ENUMS.gender.values, true],
  ['volunteers', 'political_status', ENUMS.political_status.values, false],
  ['volunteers', 'status', ENUMS.volunteer_status.values, false],
  ['volunteer_history', 'field', ['org', 'political_status'], false],
  ['records', 'kind', Object.values(RECORD_KIND), false],
  ['records', 'status', ENUMS.record_status.values, false],
  ['records', 'role', ENUMS.role.values, true],
  ['records', 'evaluation', ENUMS.evaluation.values, true],
  ['records', 'entry', ENUMS.entry.values, false],
  ['records', 'level', ENUMS.level.values, true],
];

function rows(db: DB, sql: string, ...params: unknown[]): Row[] {
  return db.prepare(sql).all(...params) as Row[];
}

function integrity(db: DB): string[] {
  const out = db.pragma(`integrity_check(${LIMIT})`, { simple: false }) as { integrity_check: string }[];
  return out.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

/** The column that names a row of each table in messages; other tables by pk. */
const ROW_NAME: Record<string, string> = {
  orgs: 'code', volunteers: 'volunteer_no', teams: 'code', activities: 'code', members: 'id', records: 'id',
  batches: 'id', certificates: 'number',
};

function rowName(db: DB, table: string, rowid: number): string {
  const col = ROW_NAME[table];
  if (!col) return `${table} row ${rowid}`;
  const name = db.prepare(`SELECT "${col}" FROM "${table}" WHERE rowid = ?`).pluck().get(rowid);
  return `${table} ${String(name ?? `row ${rowid}`)}`;
}

function foreignKeys(db: DB): string[] {
  return (db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[])
    .map((r) => `${rowName(db, r.table, r.rowid)} refers to a missing ${r.parent} row`);
}

function recordVolunteers(db: DB): string[] {
  return rows(db, `SELECT r.id, r.volunteer_no FROM records r
    WHERE NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.volunteer_no = r.volunteer_no) ORDER BY r.pk`)
    .map((r) => `record ${r.id}: volunteer ${r.volunteer_no} does not exist`);
}

function dayLimit(db: DB): string[] {
  return rows(db, `SELECT volunteer_no, date, sum(minutes) AS minutes, group_concat(id, ' ') AS ids FROM records
    WHERE kind = 'service' AND voided_at IS NULL AND status IN ('pending', 'approved')
    GROUP BY volunteer_no, date HAVING sum(minutes) > ? ORDER BY volunteer_no, date`, DAY_LIMIT_MINUTES)
    .map((r) => `${r.volunteer_no} on ${r.date}: ${(Number(r.minutes) / 60).toFixed(2)} hours, more than 24 (records ${r.ids})`);
}

function recordMinutes(db: DB): string[] {
  return rows(db, `SELECT id, kind, minutes FROM records WHERE kind IN ('service', 'training')
    AND (typeof(minutes) != 'integer' OR minutes <= 0 OR minutes > ?) ORDER BY pk`, DAY_LIMIT_MINUTES)
    .map((r) => `record ${r.id} (${r.kind}): minutes ${r.minutes === null ? 'missing' : JSON.stringify(r.minutes)}, expected a whole number from 1 to ${DAY_LIMIT_MINUTES}`);
}

function vocabulary(db: DB): string[] {
  const out: string[] = [];
  for (const [table, column, values, nullable] of VOCABULARY) {
    const key = ROW_NAME[table] ?? 'pk';
    const bad = rows(db, `SELECT ${key} AS key, "${column}" AS value FROM ${table}
      WHERE ${nullable ? `"${column}" IS NOT NULL AND ` : ''}("${column}" IS NULL OR "${column}" NOT IN (SELECT value FROM json_each(?)))
      ORDER BY pk`, JSON.stringify(values));
    for (const r of bad) out.push(`${table} ${r.key}: ${column} ${r.value === null ? 'missing' : JSON.stringify(r.value)}, expected one of ${values.join(', ')}`);
  }
  // history values: a political status word, or an organisation that exists
  for (const r of rows(db, `SELECT pk, volunteer_no, field, value FROM volunteer_history h
    WHERE (field = 'political_status' AND value NOT IN (SELECT value FROM json_each(?)))
       OR (field = 'org' AND NOT EXISTS (SELECT 1 FROM orgs o WHERE o.code = h.value)) ORDER BY pk`,
  JSON.stringify(ENUMS.political_status.values))) {
    out.push(`volunteer_history ${r.pk} (${r.volunteer_no}): ${r.field} ${JSON.stringify(r.value)} is not ${r.field === 'org' ? 'an organisation' : 'a political status'}`);
  }
  return out;
}

function voids(db: DB): string[] {
  const noReason = rows(db, `SELECT id FROM records WHERE voided_at IS NOT NULL AND trim(coalesce(void_reason, '')) = '' ORDER BY pk`)
    .map((r) => `record ${r.id}: voided without a reason`);
  const halfVoided = rows(db, `SELECT id FROM records WHERE voided_at IS NULL AND (void_reason IS NOT NULL OR voided_by IS NOT NULL) ORDER BY pk`)
    .map((r) => `record ${r.id}: has a void reason or voider but no void time`);
  return [...noReason, ...halfVoided];
}

function batches(db: DB): string[] {
  return rows(db, `SELECT batch, count(*) AS n FROM records r WHERE batch IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = r.batch) GROUP BY batch ORDER BY batch`)
    .map((r) => `batch ${r.batch}: referenced by ${r.n} record(s) but not in the batches table`);
}

function initialHistory(db: DB): string[] {
  return rows(db, `SELECT v.volunteer_no, f.field FROM volunteers v
    CROSS JOIN (SELECT 'org' AS field UNION ALL SELECT 'political_status') f
    WHERE NOT EXISTS (SELECT 1 FROM volunteer_history h WHERE h.volunteer_no = v.volunteer_no AND h.field = f.field AND h.effective = '')
    ORDER BY v.volunteer_no, f.field`)
    .map((r) => `volunteer ${r.volunteer_no}: no initial ${r.field} history row (effective '')`);
}

/** The value in force is the history row with the greatest effective date, the later row on a tie. */
function currentMatchesHistory(db: DB): string[] {
  const out: string[] = [];
  for (const field of ['org', 'political_status']) {
    const bad = rows(db, `SELECT volunteer_no, "${field}" AS value, (SELECT h.value FROM volunteer_history h
        WHERE h.volunteer_no = v.volunteer_no AND h.field = ? ORDER BY h.effective DESC, h.pk DESC LIMIT 1) AS latest
      FROM volunteers v WHERE latest IS NOT NULL AND latest IS NOT v."${field}" ORDER BY volunteer_no`, field);
    for (const r of bad) out.push(`volunteer ${r.volunteer_no}: ${field} is ${r.value} but its history's latest value is ${r.latest}`);
  }
  return out;
}

/** Date columns hold real YYYY-MM-DD dates: every period and year filter compares them as text. */
const DATE_COLUMNS: [table: string, column: string][] = [
  ['records', 'date'], ['activities', 'date'], ['activities', 'end_date'], ['volunteers', 'birth_date'],
  ['volunteers', 'registered_on'], ['volunteers', 'left_on'], ['members', 'joined_on'], ['members', 'left_on'],
  ['teams', 'founded_on'],
];

function dates(db: DB): string[] {
  const out: string[] = [];
  for (const [table, column] of DATE_COLUMNS) {
    const bad = rows(db, `SELECT ${ROW_NAME[table] ?? 'pk'} AS key, "${column}" AS value FROM ${table}
      WHERE "${column}" IS NOT NULL AND date("${column}") IS NOT "${column}" ORDER BY pk`);
    for (const r of bad) out.push(`${table} ${r.key}: ${column} ${JSON.stringify(r.value)} is not a date (YYYY-MM-DD)`);
  }
  for (const r of rows(db, `SELECT pk, volunteer_no, effective FROM volunteer_history
    WHERE effective != '' AND date(effective) IS NOT effective ORDER BY pk`)) {
    out.push(`volunteer_history ${r.pk} (${r.volunteer_no}): effective ${JSON.stringify(r.effective)} is not a date (YYYY-MM-DD)`);
  }
  for (const r of rows(db, 'SELECT code, date, end_date FROM activities WHERE end_date < date ORDER BY code')) {
    out.push(`activities ${r.code}: ends ${r.end_date}, before it starts ${r.date}`);
  }
  return out;
}

/** Walk each organisation's parents; meeting a code twice is a cycle. */
function orgCycles(db: DB): string[] {
  const parent = new Map((rows(db, 'SELECT code, parent FROM orgs') as { code: string; parent: string | null }[]).map((r) => [r.code, r.parent]));
  const reported = new Set<string>();
  const out: string[] = [];
  for (const start of [...parent.keys()].sort()) {
    const path: string[] = [];
    const seen = new Set<string>();
    for (let c: string | null | undefined = start; c; c = parent.get(c)) {
      if (seen.has(c)) {
        const cycle = path.slice(path.indexOf(c));
        const key = [...cycle].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          out.push(`organisations ${[...cycle, c].join(' → ')}: the tree has a cycle`);
        }
        break;
      }
      seen.add(c);
      path.push(c);
    }
  }
  return out;
}

/** Every check in order; SQLite's own first, since the rest read through a damaged file otherwise. */
export const CHECKS: [name: string, run: (db: DB) => string[]][] = [
  ['integrity', integrity],
  ['foreign keys', foreignKeys],
  ['record volunteers', recordVolunteers],
  ['24 hours a day', dayLimit],
  ['record minutes', recordMinutes],
  ['vocabulary', vocabulary],
  ['dates', dates],
  ['voids', voids],
  ['batches', batches],
  ['initial history', initialHistory],
  ['current = history', currentMatchesHistory],
  ['org tree', orgCycles],
];

export function checkDatabase(db: DB): CheckResult[] {
  return CHECKS.map(([name, run]) => {
    let found: string[];
    try {
      found = run(db);
    } catch (e) {
      // another writer's lock is not a finding about this file: let the caller say "busy"
      if (/^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) throw e;
      // a damaged file can make a query fail: that is a finding, not a crash
      found = [`could not run: ${(e as Error).message}`];
    }
    return { name, problems: found.slice(0, LIMIT), more: Math.max(0, found.length - LIMIT) };
  });
}
