// Saving an edited record, for every kind of row: only when it still has the version the user
// started from (else StaleVersionError and nothing is written), its version moves on, and the audit
// trail records each field from what to what — in one batch with whatever else belongs to the change.
// A one-tap change that carries no version (confirm "still right", a mail answer) leaves `version` out:
// it is written whatever the version, and still moves it on so open edit forms notice.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { batchWithVersion, expectVersion } from "../db/versioned";
import { audit, diff } from "./audit";

type Versioned = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn; updatedAt: SQLiteColumn; updatedBy: SQLiteColumn };

export type VersionedChange = {
  /** The record as the user loaded it (for the audit's "from"). */
  before: { id: string } & Record<string, unknown>;
  /** The version the user started from; absent for a one-tap change that applies to whatever is stored. */
  version: number | undefined;
  /** The new column values. */
  set: Record<string, unknown>;
  actorId: string | null;
  /** The audit entry's entity and where it belongs. */
  entity: string;
  /** The audit entry's action: "update" unless the change has a name of its own (e.g. "end"). */
  action?: string;
  initiativeId?: string | null;
  neighbourhoodId?: string | null;
  /** An extra condition on the row, e.g. that it belongs to this initiative. */
  within?: SQL;
  /** Statements that are part of the same change (e.g. link rows), run after the update in the same batch. */
  with?: BatchItem<"sqlite">[];
  /** Values the audit compares besides the columns (e.g. the linked ids). */
  audited?: Record<string, unknown>;
  /** What the audit records when it is not the diff of the fields (e.g. a list that is stored as JSON text). */
  changes?: Record<string, unknown>;
};

/** The next version of a row: for the few multi-row writes that are no edit of one record (an erasure). */
export const nextVersion = (table: { version: SQLiteColumn }) => sql`${table.version} + 1`;

export async function updateVersioned(db: Db, table: Versioned, change: VersionedChange, now: Date) {
  const { before, version, actorId } = change;
  const update = db
    .update(table)
    .set({ ...change.set, version: nextVersion(table), updatedAt: now.toISOString(), updatedBy: actorId } as never)
    .where(and(eq(table.id, before.id), version === undefined ? undefined : eq(table.version, version), change.within));
  const entry = {
    actorId,
    entity: change.entity,
    entityId: before.id,
    action: change.action ?? "update",
    initiativeId: change.initiativeId,
    neighbourhoodId: change.neighbourhoodId,
    changes: change.changes ?? diff(before, { ...change.set, ...change.audited }),
  };
  const rest = [update, ...(change.with ?? []), audit(db, entry, now)] as const;
  if (version === undefined) await db.batch(rest);
  else await batchWithVersion(db, [expectVersion(db, table, before.id, version), ...rest]);
}
