// Reads the overview's parts (sql.ts) as ONE D1 statement per request:
//
//   WITH RECURSIVE scope_ids …, inits …, acts …, years …
//   SELECT (SELECT json_group_array(json_array(c0, c1, …)) FROM (<part 1>)) AS p0, (… part 2 …) AS p1, …
//
// so the page costs one statement whatever the number of neighbourhoods or initiatives. A CSV of
// a list that grows with the data runs that one part unfolded (rows, not one JSON cell: D1 limits
// a row to 2 MB), so it stays complete.
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import {
  ctes,
  decodeRow,
  NO_LIMITS,
  PART_NAMES,
  PARTS,
  type Fields,
  type ListLimits,
  type PartName,
  type PartRows,
  type QueryParams,
} from "./sql";

const dialect = new SQLiteAsyncDialect();

/** The one statement that brings the given parts, each folded into a JSON array of rows. */
export function foldedStatement(p: QueryParams, names: readonly PartName[], limits: ListLimits): SQL {
  const cols = names.map((name, k) => {
    const pt = PARTS[name] as { fields: Fields; query: (p: QueryParams, l: ListLimits) => SQL };
    const list = sql.raw(
      Object.keys(pt.fields)
        .map((c) => `"${c}"`)
        .join(", "),
    );
    return sql`(SELECT json_group_array(json_array(${list})) FROM (${pt.query(p, limits)})) AS ${sql.raw(`p${k}`)}`;
  });
  return sql`${ctes(p)} SELECT ${sql.join(cols, sql`, `)}`;
}

/** One part as a plain statement: its rows come back as rows (for complete CSV lists). */
export function plainStatement(p: QueryParams, name: PartName, limits: ListLimits = NO_LIMITS): SQL {
  return sql`${ctes(p)} ${PARTS[name].query(p, limits)}`;
}

/** D1 allows at most 100 bound parameters in one statement; the overview's stay far below (the scope is one JSON parameter). */
const D1_MAX_PARAMS = 100;

function prepare(db: Db, statement: SQL) {
  const q = dialect.sqlToQuery(statement);
  if (q.params.length > D1_MAX_PARAMS) throw new Error(`overview: ${q.params.length} parameters, D1 allows ${D1_MAX_PARAMS}`);
  return db.$client.prepare(q.sql).bind(...q.params);
}

const LISTS = ["atRisk", "own", "facilities"] as const satisfies readonly (keyof ListLimits & PartName)[];

function emptyRows(): PartRows {
  return Object.fromEntries(PART_NAMES.map((n) => [n, []])) as unknown as PartRows;
}

/**
 * Reads the given parts. Everything that is bounded (figures, and lists with a limit) is folded
 * into ONE statement. A list without a limit is read as plain rows in a statement of its own (a
 * JSON cell of thousands of rows could pass D1's 2 MB limit on a value), in the same batch.
 * So: one statement for the page and for each CSV table; the JSON API (complete lists) at most four.
 * Parts not asked for come back empty.
 */
export async function readParts(db: Db, p: QueryParams, names: readonly PartName[], limits: ListLimits): Promise<PartRows> {
  const out = emptyRows() as unknown as Record<PartName, unknown[]>;
  const plain = LISTS.filter((n) => names.includes(n) && limits[n] === null);
  const folded = names.filter((n) => !(plain as readonly PartName[]).includes(n));
  const hasFolded = folded.length > 0;
  const statements = [...(hasFolded ? [foldedStatement(p, folded, limits)] : []), ...plain.map((n) => plainStatement(p, n, limits))].map(
    (st) => prepare(db, st),
  );
  if (statements.length === 0) return out as unknown as PartRows;
  // Rows as objects (a batch answers so); the folded row's cells in select order (its aliases are unique).
  const results: Record<string, unknown>[][] =
    statements.length === 1
      ? [(await statements[0]!.all<Record<string, unknown>>()).results]
      : (await db.$client.batch<Record<string, unknown>>(statements)).map((r) => r.results);
  let k = 0;
  if (hasFolded) {
    const cells = Object.values(results[k++]![0] ?? {});
    folded.forEach((name, j) => {
      const fields = PARTS[name].fields as Fields;
      const columns = Object.keys(fields);
      const rows = JSON.parse((cells[j] as string | undefined) ?? "[]") as unknown[][];
      out[name] = rows.map((r) => decodeRow(fields, Object.fromEntries(columns.map((c, i) => [c, r[i]]))));
    });
  }
  for (const name of plain) out[name] = results[k++]!.map((r) => decodeRow(PARTS[name].fields as Fields, r));
  return out as unknown as PartRows;
}
