import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableName } from "drizzle-orm";
import type { Db } from "./client";

/**
 * The first statement of a versioned write batch: fails the batch (CHECK on stale_guard)
 * unless the row still has the version the user started from.
 */
export function expectVersion(db: Db, table: SQLiteTable, id: string, version: number) {
  return db.run(
    sql`INSERT INTO stale_guard (stale) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM ${sql.identifier(getTableName(table))} WHERE id = ${id} AND version = ${version})`,
  );
}

export class StaleVersionError extends Error {
  constructor() {
    super("stale version");
  }
}

export function isStaleGuardError(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /stale_guard|CHECK constraint failed/i.test(e.message)) return true;
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
