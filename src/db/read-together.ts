// Several reads in ONE D1 statement. D1 counts (and limits) queries per request, and a batch still
// counts each of its statements; a page that needs ten lists would cost ten. Here every drizzle
// select becomes a scalar subquery that folds its rows into a JSON array,
//
//   SELECT (WITH s0(c0, c1) AS (<select 0>) SELECT json_group_array(json_array(c0, c1)) FROM s0),
//          (WITH s1(c0, …) AS (<select 1>) SELECT … FROM s1), …
//
// and the rows are decoded by drizzle's own row mapper, so every key gets exactly what awaiting the
// select would have returned (booleans, timestamps, json columns, nested left-join objects).
// Row order follows each select's ORDER BY: SQLite keeps a subquery's ORDER BY when the outer
// query aggregates with anything but count/min/max (the json_group_array case; tested).
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
// Runtime exports of drizzle-orm/utils; their typings are marked internal, so they are declared here.
import * as drizzleUtils from "drizzle-orm/utils";
import type { Db } from "./client";

type Field = { path: string[]; field: unknown };
const { mapResultRow, orderSelectedFields } = drizzleUtils as unknown as {
  mapResultRow: (fields: Field[], row: unknown[], joinsNotNullableMap?: Record<string, boolean>) => unknown;
  orderSelectedFields: (fields: Record<string, unknown>) => Field[];
};

/** A drizzle select as built by `db.select(…).from(…)…` (not yet awaited). */
type AnySelect = PromiseLike<unknown[]> & { getSQL(): SQL };
type SelectInternals = { config: { fields: Record<string, unknown> }; joinsNotNullableMap?: Record<string, boolean> };

/** A JSON array bound as ONE parameter, for `IN (SELECT value FROM json_each(...))`: no 100-parameter limit. */
export function jsonList(values: readonly string[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** D1 allows at most 100 bound parameters in one statement. */
export const D1_MAX_PARAMS = 100;
const dialect = new SQLiteSyncDialect();

/** The combined statement (exported for tests and for EXPLAIN QUERY PLAN in the benchmark). */
export function togetherStatement(queries: Record<string, AnySelect>) {
  const parts = Object.values(queries).map((query, i) => {
    const fields = orderSelectedFields((query as unknown as SelectInternals).config.fields);
    const cols = sql.raw(fields.map((_, j) => `c${j}`).join(", "));
    return sql`(WITH ${sql.raw(`s${i}`)}(${cols}) AS (${query.getSQL()}) SELECT json_group_array(json_array(${cols})) FROM ${sql.raw(`s${i}`)})`;
  });
  return sql`SELECT ${sql.join(parts, sql`, `)}`;
}

/**
 * Runs every select in one statement and returns, per key, the rows that select would have
 * returned on its own. Throws before sending when the parameters exceed D1's limit.
 */
export async function readTogether<Q extends Record<string, AnySelect>>(db: Db, queries: Q): Promise<{ [K in keyof Q]: Awaited<Q[K]> }> {
  const keys = Object.keys(queries);
  if (keys.length === 0) return {} as { [K in keyof Q]: Awaited<Q[K]> };
  const statement = togetherStatement(queries);
  const params = dialect.sqlToQuery(statement).params.length;
  if (params > D1_MAX_PARAMS)
    throw new Error(`readTogether: ${params} parameters, D1 allows ${D1_MAX_PARAMS}; split the reads (${keys.join(", ")})`);
  const [row] = await db.values<string[]>(statement);
  const out: Record<string, unknown[]> = {};
  keys.forEach((key, i) => {
    const query = queries[key] as unknown as SelectInternals;
    const fields = orderSelectedFields(query.config.fields);
    const rows = JSON.parse(row![i]!) as unknown[][];
    out[key] = rows.map((r) => mapResultRow(fields, r, query.joinsNotNullableMap));
  });
  return out as { [K in keyof Q]: Awaited<Q[K]> };
}
