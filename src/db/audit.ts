// The audit trail: every change, who made it, when, with which command, and what changed.
import type { DB } from './open.js';

export interface AuditActor { operator: string; command: string; at: string }

export function audit(db: DB, who: AuditActor, entity: string, entityId: string | null, change: unknown): void {
  db.prepare('INSERT INTO audit (at, operator, command, entity, entity_id, change) VALUES (?, ?, ?, ?, ?, ?)')
    .run(who.at, who.operator, who.command, entity, entityId, JSON.stringify(change));
}
