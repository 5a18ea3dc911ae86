// The stored versions of the points rules (SPEC 4): each holds the full, validated document
// from a year on, so writing next year's rules never changes a past year's points.
import type { DB } from './open.js';
import { type Rules, type RulesVersion, rulesForYear } from '../core/rules.js';

export interface StoredRulesVersion extends RulesVersion {
  pk: number;
  document: string;
  created_at: string;
  operator: string;
}

/** Every stored version, oldest first (rulesForYear lets a later one win a same-year tie). */
export function loadRulesVersions(db: DB): StoredRulesVersion[] {
  return db.prepare('SELECT pk, from_year, document, created_at, operator FROM rules ORDER BY pk').all() as StoredRulesVersion[];
}

/** The rules in force for a year: the latest version from that year or before, else the defaults. */
export function rulesInForce(db: DB, year: number): Rules {
  return rulesForYear(loadRulesVersions(db), year);
}

/**
 * Stores a validated rules document from a year on. The whole document is stored (defaults
 * merged in), so that a later change of the built-in defaults does not rewrite it either.
 */
export function storeRulesVersion(db: DB, rules: Rules, fromYear: number, operator: string, at: string): number {
  const info = db.prepare('INSERT INTO rules (from_year, document, created_at, operator) VALUES (?, ?, ?, ?)')
    .run(fromYear, JSON.stringify(rules), at, operator);
  return Number(info.lastInsertRowid);
}
