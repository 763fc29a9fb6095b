// Neighbourhoods: read by admins and linked partners; created and changed by admins, with the
// same contract as the admin screens (neighbourhoodContract; slug made from the name, unique).
import { and, inArray, sql } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import { neighbourhoods } from "../../db/schema";
import {
  checkNeighbourhood,
  createNeighbourhood,
  getNeighbourhood,
  neighbourhoodContract,
  setNeighbourhoodArchived,
  updateNeighbourhood,
} from "../../domain/neighbourhoods/neighbourhoods";
import { isAdmin, type ApiContext } from "../context";
import { notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { requireAdmin, requireRead } from "../scope";
import { accepted, archiveRoutes, checkVersion, versioned } from "./common";

const TAG = "Neighbourhoods";
export const NeighbourhoodRecord = recordSchema("Neighbourhood", neighbourhoods);

async function load(c: ApiContext, id: string) {
  const row = await getNeighbourhood(c.var.db, id);
  if (!row) throw notFound();
  requireRead(c, row.id);
  return row;
}

/** The stored neighbourhood as a record (it exists: it was just read or written). */
async function record(c: ApiContext, id: string) {
  return (await getNeighbourhood(c.var.db, id))!;
}

export function registerNeighbourhoodsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/neighbourhoods", { id: "listNeighbourhoods", tag: TAG, summary: "List neighbourhoods" }),
    request: { query: listQuery({}) },
    responses: listed("Neighbourhood", NeighbourhoodRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const p = c.var.principal;
    const reach = isAdmin(p) ? undefined : p.neighbourhoodIds.length ? inArray(neighbourhoods.id, p.neighbourhoodIds) : sql`0`;
    return c.json(await keysetPage(c.var.db, neighbourhoods, and(reach, archivedWhere(neighbourhoods.archivedAt, q.archived)), q), 200);
  });

  const get = createRoute({
    ...op("get", "/neighbourhoods/{id}", { id: "getNeighbourhood", tag: TAG, summary: "Get a neighbourhood" }),
    request: { params: idParams },
    responses: found(NeighbourhoodRecord),
  });
  app.openapi(get, async (c) => c.json(await load(c, c.req.valid("param").id), 200));

  const create = createRoute({
    ...op("post", "/neighbourhoods", { id: "createNeighbourhood", tag: TAG, summary: "Create a neighbourhood (admin)" }),
    request: { body: jsonBody(neighbourhoodContract.createBody()) },
    responses: changed(NeighbourhoodRecord, 201),
  });
  app.openapi(create, async (c) => {
    requireAdmin(c);
    const { db, now, principal } = c.var;
    const input = accepted(await checkNeighbourhood(db, neighbourhoodContract.fromJson(c.req.valid("json"))));
    const id = await createNeighbourhood(db, input, principal.actorId, now);
    return c.json(await record(c, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/neighbourhoods/{id}", { id: "updateNeighbourhood", tag: TAG, summary: "Change a neighbourhood (admin)" }),
    request: { params: idParams, body: jsonBody(neighbourhoodContract.updateBody()) },
    responses: changed(NeighbourhoodRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(
      await checkNeighbourhood(db, neighbourhoodContract.fromJson(patch, neighbourhoodContract.stored(before)), before.id),
    );
    await versioned(
      () => updateNeighbourhood(db, before, { ...input, version }, principal.actorId, now),
      () => getNeighbourhood(db, before.id),
    );
    return c.json(await record(c, before.id), 200);
  });

  archiveRoutes(app, {
    path: "/neighbourhoods",
    tag: TAG,
    noun: "Neighbourhood",
    what: "a neighbourhood (admin)",
    record: NeighbourhoodRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const before = await load(c, id);
      requireAdmin(c);
      checkVersion(version, before, before);
      await setNeighbourhoodArchived(db, before, archive, principal.actorId, now);
      return record(c, before.id);
    },
  });
}
