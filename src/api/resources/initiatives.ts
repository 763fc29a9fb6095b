// Initiatives: read within the token's neighbourhoods; created and changed by admin tokens with the
// screens' rules (initiativeContract: the started year not in the future, a planned ending needs its date).
import { and, eq } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { initiatives, INITIATIVE_STATUSES } from "../../db/schema";
import { createInitiative, initiativeContract, setInitiativeArchived, updateInitiative } from "../../domain/initiatives/initiatives";
import type { ApiContext } from "../context";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { findInitiative, initiativeOfRecord, inNeighbourhoods, neighbourhoodFromBody, requireAdmin, today } from "../scope";
import { accepted, archiveRoutes, checkVersion, str, versioned } from "./common";

const TAG = "Initiatives";
export const InitiativeRecord = recordSchema("Initiative", initiatives);

/** The stored initiative as a record (it exists: it was just read or written). */
async function record(c: ApiContext, id: string) {
  return (await findInitiative(c.var.db, id))!;
}

export function registerInitiativesApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/initiatives", { id: "listInitiatives", tag: TAG, summary: "List initiatives" }),
    request: { query: listQuery({ neighbourhoodId: z.string().max(64).optional(), status: z.enum(INITIATIVE_STATUSES).optional() }) },
    responses: listed("Initiative", InitiativeRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(
      ...inNeighbourhoods(c, initiatives.neighbourhoodId, q.neighbourhoodId),
      archivedWhere(initiatives.archivedAt, q.archived),
      q.status ? eq(initiatives.status, q.status) : undefined,
    );
    return c.json(await keysetPage(c.var.db, initiatives, where, q), 200);
  });

  const get = createRoute({
    ...op("get", "/initiatives/{id}", { id: "getInitiative", tag: TAG, summary: "Get an initiative" }),
    request: { params: idParams },
    responses: found(InitiativeRecord),
  });
  app.openapi(get, async (c) => c.json(await initiativeOfRecord(c, c.req.valid("param").id), 200));

  const create = createRoute({
    ...op("post", "/initiatives", {
      id: "createInitiative",
      tag: TAG,
      summary: "Create an initiative (admin)",
      description: "The started year may not lie after this year.",
    }),
    request: { body: jsonBody(initiativeContract.createBody({ neighbourhoodId: str })) },
    responses: changed(InitiativeRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { neighbourhoodId, ...json } = c.req.valid("json");
    const hood = await neighbourhoodFromBody(c, neighbourhoodId);
    const input = accepted(initiativeContract.fromJson(json, undefined, today(c)));
    // Made through the API: nobody becomes its coordinator automatically.
    const id = await createInitiative(db, hood.id, input, principal.actorId, now, { coordinatorId: null });
    return c.json(await record(c, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/initiatives/{id}", { id: "updateInitiative", tag: TAG, summary: "Change an initiative (admin)" }),
    request: { params: idParams, body: jsonBody(initiativeContract.updateBody()) },
    responses: changed(InitiativeRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const before = await initiativeOfRecord(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(initiativeContract.fromJson(patch, initiativeContract.stored(before), today(c)));
    await versioned(
      () => updateInitiative(db, before, { ...input, version }, principal.actorId, now),
      () => findInitiative(db, before.id),
    );
    return c.json(await record(c, before.id), 200);
  });

  archiveRoutes(app, {
    path: "/initiatives",
    tag: TAG,
    noun: "Initiative",
    what: "an initiative (admin)",
    record: InitiativeRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const before = await initiativeOfRecord(c, id);
      requireAdmin(c);
      checkVersion(version, before, before);
      await setInitiativeArchived(db, before, archive, principal.actorId, now);
      return record(c, before.id);
    },
  });
}
