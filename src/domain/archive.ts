// Archive and restore, for every kind of row: nothing is deleted, the row gets (or loses) an
// archivedAt, its version moves on, and the audit trail says who did it, in one batch.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { batchWithVersion, expectVersion } from "../db/versioned";
import { audit, type AuditEntry } from "./audit";

type Archivable = SQLiteTable & {
  id: SQLiteColumn;
  archivedAt: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
  updatedBy: SQLiteColumn;
};

export type ArchiveChange = {
  before: { id: string; archivedAt: string | null };
  archive: boolean;
  actorId: string | null;
  /** The audit entry's entity and where it belongs. */
  entity: string;
  initiativeId?: string | null;
  neighbourhoodId?: string | null;
  /** An extra condition on the row, e.g. that it belongs to this initiative. */
  within?: SQL;
  /** The version the user saw: a stale archive then fails with StaleVersionError instead of going through. */
  version?: number;
  /** Consequences that belong in the same batch, after the change (e.g. the overview's rollup). */
  also?: BatchItem<"sqlite">[];
};

/** Archiving what is already archived keeps the first date. */
export async function setArchived(db: Db, table: Archivable, change: ArchiveChange, now: Date) {
  const at = now.toISOString();
  const { before, archive, actorId } = change;
  const archivedAt = archive ? (before.archivedAt ?? at) : null;
  const where = and(eq(table.id, before.id), change.within, change.version === undefined ? undefined : eq(table.version, change.version));
  const update = db
    .update(table)
    .set({ archivedAt, version: sql`${table.version} + 1`, updatedAt: at, updatedBy: actorId } as never)
    .where(where);
  const entry: AuditEntry = {
    actorId,
    entity: change.entity,
    entityId: before.id,
    action: archive ? "archive" : "restore",
    initiativeId: change.initiativeId,
    neighbourhoodId: change.neighbourhoodId,
    changes: { archivedAt: [before.archivedAt, archivedAt] },
  };
  const also = change.also ?? [];
  if (change.version === undefined) await db.batch([update, audit(db, entry, now), ...also]);
  else await batchWithVersion(db, [expectVersion(db, table, before.id, change.version), update, audit(db, entry, now), ...also]);
}
