// Which records a token may see and change. Admin tokens: everything. Partner tokens: reading in
// the neighbourhoods their organisation is linked to, and writing only their own commitments.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { initiatives, neighbourhoods } from "../db/schema";
import type { Db } from "../db/client";
import { isAdmin, mayReadNeighbourhood, type ApiContext } from "./context";
import { ApiError, forbidden, notFound } from "./errors";

export type InitiativeRow = typeof initiatives.$inferSelect;
export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;

/** The request's date in the Netherlands (set once by the request context, as for the pages). */
export const today = (c: ApiContext) => c.var.today;

export function requireAdmin(c: ApiContext) {
  if (!isAdmin(c.var.principal)) throw forbidden();
}

export function requireRead(c: ApiContext, neighbourhoodId: string) {
  if (!mayReadNeighbourhood(c.var.principal, neighbourhoodId)) throw forbidden();
}

export async function findInitiative(db: Db, id: string): Promise<InitiativeRow | null> {
  return (await db.query.initiatives.findFirst({ where: eq(initiatives.id, id) })) ?? null;
}

export async function findNeighbourhood(db: Db, id: string): Promise<NeighbourhoodRow | null> {
  return (await db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.id, id) })) ?? null;
}

/**
 * The initiative named in a request body. Unknown → a field error (422); known but out of reach → 403.
 * `write`: only admins (partners write nothing here).
 */
export async function initiativeFromBody(c: ApiContext, id: string, write: boolean, field = "initiativeId"): Promise<InitiativeRow> {
  const row = await findInitiative(c.var.db, id);
  if (!row || !mayReadNeighbourhood(c.var.principal, row.neighbourhoodId)) {
    if (!row) throw new ApiError(422, "validation_failed", { fields: [{ path: field, key: "form.unknownOption" }] });
    throw forbidden();
  }
  if (write) requireAdmin(c);
  return row;
}

export async function neighbourhoodFromBody(c: ApiContext, id: string, field = "neighbourhoodId"): Promise<NeighbourhoodRow> {
  const row = await findNeighbourhood(c.var.db, id);
  if (!row) throw new ApiError(422, "validation_failed", { fields: [{ path: field, key: "form.unknownOption" }] });
  requireRead(c, row.id);
  requireAdmin(c);
  return row;
}

/** The initiative a stored record hangs under; 404 when the record is gone, 403 when out of reach. */
export async function initiativeOfRecord(c: ApiContext, initiativeId: string | undefined): Promise<InitiativeRow> {
  if (!initiativeId) throw notFound();
  const row = await findInitiative(c.var.db, initiativeId);
  if (!row) throw notFound();
  requireRead(c, row.neighbourhoodId);
  return row;
}

const nothing = sql`0`;

/** List filter for records under an initiative: the token's reach, then ?neighbourhoodId and ?initiativeId. */
export async function underInitiatives(
  c: ApiContext,
  column: SQLiteColumn,
  q: { neighbourhoodId?: string | undefined; initiativeId?: string | undefined },
): Promise<SQL[]> {
  const p = c.var.principal;
  const db = c.var.db;
  const where: SQL[] = [];
  const inHoods = (ids: string[]) =>
    inArray(column, db.select({ id: initiatives.id }).from(initiatives).where(inArray(initiatives.neighbourhoodId, ids)));
  if (!isAdmin(p)) where.push(p.neighbourhoodIds.length ? inHoods(p.neighbourhoodIds) : nothing);
  if (q.neighbourhoodId) {
    requireRead(c, q.neighbourhoodId);
    where.push(inHoods([q.neighbourhoodId]));
  }
  if (q.initiativeId) {
    const row = await findInitiative(db, q.initiativeId);
    if (row) requireRead(c, row.neighbourhoodId);
    where.push(eq(column, q.initiativeId));
  }
  return where;
}

/** List filter for records of a neighbourhood. */
export function inNeighbourhoods(c: ApiContext, column: SQLiteColumn, neighbourhoodId: string | undefined): SQL[] {
  const p = c.var.principal;
  const where: SQL[] = [];
  if (!isAdmin(p)) where.push(p.neighbourhoodIds.length ? inArray(column, p.neighbourhoodIds) : nothing);
  if (neighbourhoodId) {
    requireRead(c, neighbourhoodId);
    where.push(eq(column, neighbourhoodId));
  }
  return where;
}

type WithId = SQLiteTable & { id: SQLiteColumn };

/** A row by id, or 404. */
export async function byId<T extends WithId>(db: Db, table: T, id: string): Promise<T["$inferSelect"]> {
  const rows = (await db
    .select()
    .from(table as SQLiteTable)
    .where(eq(table.id, id))) as T["$inferSelect"][];
  if (!rows[0]) throw notFound();
  return rows[0];
}
