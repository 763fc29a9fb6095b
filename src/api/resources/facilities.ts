// Facilities of a neighbourhood, with the screens' rules: the fields are the domain's contract
// (facilityContract) and the owner must exist.
import { and } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { facilities } from "../../db/schema";
import {
  checkFacilityLinks,
  createFacility,
  facilityContract,
  setFacilityArchived,
  updateFacility,
} from "../../domain/neighbourhoods/facilities";
import type { ApiContext } from "../context";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, inNeighbourhoods, neighbourhoodFromBody, requireAdmin, requireRead } from "../scope";
import { accepted, archiveRoutes, assertNoErrors, checkVersion, str, versioned } from "./common";

const TAG = "Facilities";
export const FacilityRecord = recordSchema("Facility", facilities);

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, facilities, id);
  requireRead(c, row.neighbourhoodId);
  return row;
}

export function registerFacilitiesApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/facilities", { id: "listFacilities", tag: TAG, summary: "List facilities" }),
    request: { query: listQuery({ neighbourhoodId: z.string().max(64).optional() }) },
    responses: listed("Facility", FacilityRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(
      ...inNeighbourhoods(c, facilities.neighbourhoodId, q.neighbourhoodId),
      archivedWhere(facilities.archivedAt, q.archived),
    );
    return c.json(await keysetPage(c.var.db, facilities, where, q), 200);
  });

  const get = createRoute({
    ...op("get", "/facilities/{id}", { id: "getFacility", tag: TAG, summary: "Get a facility" }),
    request: { params: idParams },
    responses: found(FacilityRecord),
  });
  app.openapi(get, async (c) => c.json(await load(c, c.req.valid("param").id), 200));

  const create = createRoute({
    ...op("post", "/facilities", { id: "createFacility", tag: TAG, summary: "Create a facility (admin)" }),
    request: { body: jsonBody(facilityContract.createBody({ neighbourhoodId: str })) },
    responses: changed(FacilityRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { neighbourhoodId, ...json } = c.req.valid("json");
    const hood = await neighbourhoodFromBody(c, neighbourhoodId);
    const input = accepted(facilityContract.fromJson(json));
    assertNoErrors(await checkFacilityLinks(db, input));
    const id = await createFacility(db, hood.id, input, principal.actorId, now);
    return c.json(await byId(db, facilities, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/facilities/{id}", { id: "updateFacility", tag: TAG, summary: "Change a facility (admin)" }),
    request: { params: idParams, body: jsonBody(facilityContract.updateBody()) },
    responses: changed(FacilityRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(facilityContract.fromJson(patch, facilityContract.stored(before)));
    assertNoErrors(await checkFacilityLinks(db, input));
    await versioned(
      () => updateFacility(db, before, { ...input, version }, principal.actorId, now),
      () => byId(db, facilities, before.id),
    );
    return c.json(await byId(db, facilities, before.id), 200);
  });

  archiveRoutes(app, {
    path: "/facilities",
    tag: TAG,
    noun: "Facility",
    what: "a facility (admin)",
    record: FacilityRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const before = await load(c, id);
      requireAdmin(c);
      checkVersion(version, before, before);
      await setFacilityArchived(db, before, archive, principal.actorId, now);
      return byId(db, facilities, before.id);
    },
  });
}
