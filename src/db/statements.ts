// Statements prepared once per SQL text: the stores an import or a merge runs for every row ask
// here instead of preparing the same query again each time (a prepare costs more than the query).
import type { Statement } from 'better-sqlite3';
import type { DB } from './open.js';

export class Statements {
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: DB) {}

  get(sql: string): Statement {
    let stmt = this.prepared.get(sql);
    if (!stmt) this.prepared.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }
}
