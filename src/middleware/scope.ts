// The access gate for everything that hangs under an initiative or a neighbourhood.
// Reading: admins, the initiative's neighbourhood's coordinators and linked partners.
// Changing: admins and the initiative's own coordinators (neighbourhood records: any coordinator
// in that neighbourhood). Routes below these paths never repeat the check.
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { initiatives, neighbourhoods } from "../db/schema";
import { canEditInitiative, canReadNeighbourhood, type CurrentUser, type PathRecord } from "../domain/auth/access";
import { renderError } from "../routes/errors";

export type InitiativeRow = typeof initiatives.$inferSelect;
export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;

declare module "hono" {
  interface ContextVariableMap {
    initiative: InitiativeRow;
    neighbourhood: NeighbourhoodRow;
    canEdit: boolean;
  }
}

const READS = new Set(["GET", "HEAD"]);
/** Forms that only make sense for someone who may save them are refused up front too. */
const FORM_PAGE = /\/(new|edit|library)$/;

function isWrite(c: Context<AppEnv>) {
  return !READS.has(c.req.method) || FORM_PAGE.test(c.req.path);
}

function refuse(c: Context<AppEnv>, user: CurrentUser | null) {
  if (!user) {
    if (READS.has(c.req.method) && !c.req.header("hx-request")) return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
    return renderError(c, 401, "forbidden");
  }
  return renderError(c, 403, "forbidden");
}

/**
 * The record a path under one of the gates names (the gates' own paths: /initiatives/:id/…,
 * /neighbourhoods/:id/…). The session middleware reads its row in the same statement as the
 * session, so the gate below finds it there instead of asking D1 again.
 */
export function recordNamedBy(path: string): PathRecord | null {
  const m = /^\/(initiatives|neighbourhoods)\/([^/]+)/.exec(path);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[2]!);
  } catch {
    return null;
  }
  return { kind: m[1] === "initiatives" ? "initiative" : "neighbourhood", id };
}

/** The row read with the session for this gate and id; undefined when it was not read there. */
function rowReadWithSession<K extends "initiative" | "neighbourhood">(c: Context<AppEnv>, kind: K, id: string) {
  const read = c.var.pathRow;
  if (!read || read.kind !== kind || read.id !== id) return undefined;
  return read.row as (K extends "initiative" ? InitiativeRow : NeighbourhoodRow) | null;
}

/**
 * For /initiatives/:initiativeId and below. Commitments also accept changes from partners linked
 * to the neighbourhood (they manage their own organisation's commitments); the commitments
 * routes then check that finer rule.
 */
export const initiativeScope = createMiddleware<AppEnv>(async (c, next) => {
  const partnerWrites = /^\/initiatives\/[^/]+\/commitments(\/|$)/.test(c.req.path);
  const id = c.req.param("initiativeId");
  if (!id) return renderError(c, 404, "notFound");
  const read = rowReadWithSession(c, "initiative", id);
  const row = read !== undefined ? read : await c.var.db.query.initiatives.findFirst({ where: eq(initiatives.id, id) });
  if (!row) return renderError(c, 404, "notFound");
  const user = c.var.user;
  const canRead = canEditInitiative(user, row.id) || canReadNeighbourhood(user, row.neighbourhoodId);
  const canEdit = canEditInitiative(user, row.id);
  const partnerMayWrite = partnerWrites && !!user && user.partnerNeighbourhoods.includes(row.neighbourhoodId);
  if (!canRead || (isWrite(c) && !canEdit && !partnerMayWrite)) return refuse(c, user);
  c.set("initiative", row);
  c.set("canEdit", canEdit);
  await next();
});

/** For /neighbourhoods/:neighbourhoodId and below. */
export const neighbourhoodScope = createMiddleware<AppEnv>(async (c, next) => {
  const id = c.req.param("neighbourhoodId");
  if (!id) return renderError(c, 404, "notFound");
  const read = rowReadWithSession(c, "neighbourhood", id);
  const row = read !== undefined ? read : await c.var.db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.id, id) });
  if (!row) return renderError(c, 404, "notFound");
  const user = c.var.user;
  const canEdit = !!user && (user.isAdmin || user.coordinatorNeighbourhoods.includes(row.id));
  if (!canReadNeighbourhood(user, row.id) || (isWrite(c) && !canEdit)) return refuse(c, user);
  c.set("neighbourhood", row);
  c.set("canEdit", canEdit);
  await next();
});
