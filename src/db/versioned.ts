import { and, eq, notExists, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { staleGuard } from "./schema";

type Versioned = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn };

/**
 * The first statement of a versioned write batch: fails the batch (CHECK on stale_guard)
 * unless the row still has the version the user started from.
 */
export function expectVersion(db: Db, table: Versioned, id: string, version: number) {
  return db.insert(staleGuard).select(
    db
      .select({ stale: sql<number>`1`.as("stale") })
      .from(sql`(SELECT 1)`)
      .where(
        notExists(
          db
            .select({ one: sql`1` })
            .from(table)
            .where(and(eq(table.id, id), eq(table.version, version))),
        ),
      ),
  );
}

export class StaleVersionError extends Error {
  constructor() {
    super("stale version");
  }
}

export function isStaleGuardError(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /stale_guard/i.test(e.message)) return true;
  }
  return false;
}

/** Runs a versioned batch; a stale version becomes a StaleVersionError, anything else is rethrown. */
export async function batchWithVersion<T extends Parameters<Db["batch"]>[0]>(db: Db, statements: T) {
  try {
    return await db.batch(statements);
  } catch (err) {
    if (isStaleGuardError(err)) throw new StaleVersionError();
    throw err;
  }
}
