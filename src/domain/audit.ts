// The audit trail: one row per change, written in the same batch as the change itself.
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditEntry = {
  actorId: string | null;
  entity: string;
  entityId: string;
  action: "create" | "update" | "archive" | "restore" | "erase" | "complete" | "roles" | "sessions_ended" | string;
  initiativeId?: string | null;
  neighbourhoodId?: string | null;
  changes?: Record<string, unknown>;
};

export function audit(db: Db, entry: AuditEntry, now: Date) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at: now.toISOString(),
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    initiativeId: entry.initiativeId ?? null,
    neighbourhoodId: entry.neighbourhoodId ?? null,
    changes: JSON.stringify(entry.changes ?? {}),
  });
}

/** Only the fields whose value changed, as { field: [before, after] }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}
