// Cursor pagination in a stable order: (createdAt, id). Both never change once written, so a walk
// through the pages neither skips nor repeats a record while others are being added or changed
// (new records land at the end). The cursor is opaque to clients.
import { and, asc, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import type { Db } from "../db/client";
import {
  activities,
  assets,
  checkins,
  commitments,
  documents,
  facilities,
  fundingStreams,
  initiatives,
  involvements,
  neighbourhoods,
  offers,
  offerTags,
  partnerOrgs,
  people,
  taskEvents,
  tasks,
  volunteerMessages,
} from "../db/schema";
import { base64url } from "../lib/crypto";
import { ApiError } from "./errors";

export const MAX_LIMIT = 100;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50).openapi({ description: "Records per page (1–100)." }),
  cursor: z.string().max(400).optional().openapi({ description: "The nextCursor of the previous page." }),
};

export const archivedQuery = {
  archived: z
    .enum(["exclude", "include", "only"])
    .default("exclude")
    .openapi({ description: "Archived records: left out (default), included, or only those." }),
};

export type PageParams = { limit: number; cursor?: string | undefined };
export type Page<T> = { data: T[]; nextCursor: string | null };
type Key = { at: string; id: string };

export function encodeCursor(key: Key): string {
  return base64url(new TextEncoder().encode(JSON.stringify([key.at, key.id])));
}

export function decodeCursor(cursor: string): Key {
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string")
      return { at: value[0], id: value[1] };
  } catch {
    // an unreadable cursor is the client's mistake, answered below
  }
  throw new ApiError(400, "invalid_query", { fields: [{ path: "cursor", key: "api.error.cursor" }] });
}

export function archivedWhere(column: SQLiteColumn, mode: "exclude" | "include" | "only"): SQL | undefined {
  if (mode === "include") return undefined;
  return mode === "only" ? isNotNull(column) : isNull(column);
}

/**
 * The tables the API pages through whole, each with an index in page order ((created_at, id),
 * migration 0016): a page is then a seek and a few rows, whatever the size of the city (without
 * it, every page sorted every matching row: 29 ms for the people of 1,000 neighbourhoods).
 */
export const PAGED_TABLES = {
  neighbourhoods,
  people,
  partnerOrgs,
  initiatives,
  activities,
  facilities,
  fundingStreams,
  commitments,
  checkins,
  involvements,
  assets,
  tasks,
  documents,
  offers,
  offerTags,
  volunteerMessages,
};
/** A table `keysetPage` may page: one of PAGED_TABLES, or one task's completions (a handful, found by their task). */
type Pageable = (typeof PAGED_TABLES)[keyof typeof PAGED_TABLES] | typeof taskEvents;

/** The query for one page of `table` where `where` holds, in (createdAt, id) order (and `limit + 1` rows, to tell whether more follow). */
export function keysetQuery<T extends Pageable>(db: Db, table: T, where: SQL | undefined, page: PageParams) {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  // A row value, so the index is entered at the cursor (an OR of the two columns is read from its start).
  const keyset = after ? sql`(${table.createdAt}, ${table.id}) > (${after.at}, ${after.id})` : undefined;
  return db
    .select()
    .from(table as SQLiteTable)
    .where(and(where, keyset))
    .orderBy(asc(table.createdAt), asc(table.id))
    .limit(page.limit + 1);
}

/** One page of `table` where `where` holds, in (createdAt, id) order. */
export async function keysetPage<T extends Pageable>(
  db: Db,
  table: T,
  where: SQL | undefined,
  page: PageParams,
): Promise<Page<T["$inferSelect"]>> {
  const rows = (await keysetQuery(db, table, where, page)) as T["$inferSelect"][];
  return toPage(rows, page.limit, (r) => ({ at: String(r.createdAt), id: String(r.id) }));
}

/** Cuts the extra row off a `limit + 1` query and makes the next cursor from the last row kept. */
export function toPage<R>(rows: R[], limit: number, keyOf: (row: R) => Key): Page<R> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
