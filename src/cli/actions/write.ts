// Shared steps of every hand-entered change: refuse a row with problems (one line each, exit 1),
// write in one transaction with its audit entry, say what was done on stderr.
import { UserError } from '../../core/errors.js';
import type { Issue, Parsed } from '../../core/rows.js';
import { audit } from '../../db/audit.js';
import { writeTransaction, translateSqliteError } from '../../db/open.js';
import type { Ctx } from '../context.js';

/** Flag names as the user typed them: id_number -> --id-number. */
export function flagName(column: string): string {
  return `--${column.replace(/_/g, '-')}`;
}

export function refuse(issues: Issue[], rename: Record<string, string> = {}): never {
  const lines = issues.map((i) => `${rename[i.column] ?? flagName(i.column)}: ${i.message}`);
  throw new UserError(lines[0]!, lines.slice(1));
}

export function parsedOrRefuse<T>(p: Parsed<T>, rename?: Record<string, string>): T {
  if (!p.ok) refuse(p.issues, rename);
  return p.row;
}

/** Run a write with its audit entry in one immediate transaction. */
export function writeWithAudit<T>(ctx: Ctx, entity: string, fn: () => { id: string | null; change: unknown; result: T }): T {
  try {
    return writeTransaction(ctx.db, () => {
      const { id, change, result } = fn();
      audit(ctx.db, { operator: ctx.operator, command: ctx.command, at: ctx.nowIso() }, entity, id, change);
      return result;
    });
  } catch (e) {
    throw translateSqliteError(e, ctx.dbPath);
  }
}

export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}
