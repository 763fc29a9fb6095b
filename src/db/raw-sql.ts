// Hand-written set-based SQL for the mail planners, run on the D1 binding behind the drizzle handle.
// (drizzle's db.batch cannot batch its own raw `sql` queries when they have parameters, and these
// queries are the set-based heart of the daily run: CTEs, window functions, json_each lists.)
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

const dialect = new SQLiteAsyncDialect();

export function statement(db: Db, query: SQL): D1PreparedStatement {
  const q = dialect.sqlToQuery(query);
  return db.$client.prepare(q.sql).bind(...q.params);
}

export async function all<T>(db: Db, query: SQL): Promise<T[]> {
  return (await statement(db, query).all<T>()).results;
}

export async function run(db: Db, query: SQL): Promise<number> {
  return (await statement(db, query).run()).meta.changes ?? 0;
}

/** Several statements in one round trip (atomic); the rows of each, in order. */
export async function batch(db: Db, queries: SQL[]): Promise<D1Result[]> {
  if (queries.length === 0) return [];
  return db.$client.batch(queries.map((q) => statement(db, q)));
}

export function rows<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}

export function changes(results: D1Result[]): number {
  return results.reduce((sum, r) => sum + (r.meta?.changes ?? 0), 0);
}
