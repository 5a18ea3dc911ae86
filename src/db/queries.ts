// Read queries shared by lists, exports and reports: subtrees, and the rows of each kind in
// the canonical column order with optional org / year / voided filters.
import type { DB } from './open.js';
import { COLUMNS, RECORD_KIND, type Kind, type LogKind } from '../core/kinds.js';

/** The org codes of a subtree (root first), or null for "everything". */
export function subtreeCodes(db: DB, org: string | undefined): string[] | null {
  if (!org) return null;
  return db.prepare(`WITH RECURSIVE sub(code) AS (SELECT code FROM orgs WHERE code = ? UNION ALL
    SELECT o.code FROM orgs o JOIN sub ON o.parent = sub.code) SELECT code FROM sub`).pluck().all(org) as string[];
}

export interface RowFilter {
  orgs: string[] | null; year?: number; volunteer?: string; includeVoided?: boolean;
  /** One more condition on the kind's own (unqualified) columns, e.g. a bundle's selection. */
  extra?: { sql: string; params: unknown[] };
}

/** SQL and parameters selecting one kind's rows with the canonical columns (+ status, void_reason). */
export function kindQuery(kind: Kind, f: RowFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.extra) { where.push(`(${f.extra.sql})`); params.push(...f.extra.params); }
  const orgIn = (col: string) => {
    if (f.orgs) { where.push(`${col} IN (SELECT value FROM json_each(?))`); params.push(JSON.stringify(f.orgs)); }
  };
  const yearOf = (col: string) => {
    if (f.year) { where.push(`${col} BETWEEN ? AND ?`); params.push(`${f.year}-01-01`, `${f.year}-12-31`); }
  };
  let from: string;
  let cols: string;
  switch (kind) {
    case 'orgs': from = 'orgs'; cols = 'id, code, name, parent, kind'; orgIn('code'); break;
    case 'volunteers': from = 'volunteers'; cols = COLUMNS.volunteers.join(', '); orgIn('org'); break;
    case 'teams': from = 'teams'; cols = COLUMNS.teams.join(', '); orgIn('org'); break;
    case 'members': from = 'members m'; cols = 'm.id, m.team, m.volunteer_no, m.joined_on, m.left_on';
      if (f.orgs) { where.push('m.team IN (SELECT code FROM teams WHERE org IN (SELECT value FROM json_each(?)))'); params.push(JSON.stringify(f.orgs)); }
      break;
    case 'activities': from = 'activities'; cols = COLUMNS.activities.join(', '); orgIn('org'); yearOf('date'); break;
    default: {
      from = 'records r';
      const cs = COLUMNS[kind].map((c) => {
        if (c === 'hours') return 'r.minutes AS hours';
        if (c === 'status') return "CASE WHEN r.voided_at IS NOT NULL THEN 'voided' ELSE r.status END AS status";
        if (c === 'upheld') return 'r.upheld';
        return `r."${c}"`;
      });
      if (!COLUMNS[kind].includes('status')) cs.push("CASE WHEN r.voided_at IS NOT NULL THEN 'voided' ELSE r.status END AS status");
      cs.push('r.void_reason');
      cols = cs.join(', ');
      where.push('r.kind = ?'); params.push(RECORD_KIND[kind as LogKind]);
      if (!f.includeVoided) where.push('r.voided_at IS NULL');
      if (f.orgs) {
        where.push('r.volunteer_no IN (SELECT volunteer_no FROM volunteers WHERE org IN (SELECT value FROM json_each(?)))');
        params.push(JSON.stringify(f.orgs));
      }
      if (f.volunteer) { where.push('r.volunteer_no = ?'); params.push(f.volunteer); }
      yearOf('r.date');
      const order = kind === 'service' ? 'r.date, r.volunteer_no, r.start, r.pk' : 'r.date, r.volunteer_no, r.pk';
      return { sql: `SELECT ${cols} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`, params };
    }
  }
  const order = kind === 'members' ? 'm.team, m.volunteer_no, m.pk' : kind === 'volunteers' ? 'volunteer_no' : 'code';
  return { sql: `SELECT ${cols} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`, params };
}
