// Facilities of a neighbourhood, with the screens' rules (facilitySchema; the owner must exist).
import { and } from "drizzle-orm";
import * as z from "zod";
import { facilities } from "../../db/schema";
import {
  checkFacilityLinks,
  createFacility,
  facilitySchema,
  facilityUpdateSchema,
  setFacilityArchived,
  updateFacility,
} from "../../domain/neighbourhoods/facilities";
import type { ApiContext } from "../context";
import { assertNoErrors, createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, inNeighbourhoods, json, neighbourhoodFromBody, requireAdmin, requireRead } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Facilities";
export const FacilityRecord = recordSchema("Facility", facilities);
const fields = fieldsFrom(facilitySchema.shape, ["name", "kind", "ownerPartnerId", "agreement", "agreementEndsOn", "renewalState"]);
const Create = createBody("Facility", { neighbourhoodId: str, ...fields });
const Update = updateBody("Facility", fields);

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, facilities, id);
  requireRead(c, row.neighbourhoodId);
  return row;
}

const current = (f: typeof facilities.$inferSelect) => ({
  name: f.name,
  kind: f.kind,
  ownerPartnerId: f.ownerPartnerId,
  agreement: f.agreement,
  agreementEndsOn: f.agreementEndsOn,
  renewalState: f.renewalState,
});

export function facilityRoutes(app: ApiApp) {
  const query = { neighbourhoodId: z.string().max(64).optional() };
  register(
    app,
    listOp({
      id: "listFacilities",
      path: "/facilities",
      tag: TAG,
      summary: "List facilities",
      item: FacilityRecord,
      name: "Facility",
      query,
    }),
    async (c) => {
      const q = valid<PageParams & { archived: "exclude" | "include" | "only"; neighbourhoodId?: string }>(c, "query");
      const where = and(
        ...inNeighbourhoods(c, facilities.neighbourhoodId, q.neighbourhoodId),
        archivedWhere(facilities.archivedAt, q.archived),
      );
      return json(c, await keysetPage(c.var.db, facilities, where, q));
    },
  );

  register(
    app,
    getOp({ id: "getFacility", path: "/facilities/{id}", tag: TAG, summary: "Get a facility", item: FacilityRecord }),
    async (c) => json(c, await load(c, valid<{ id: string }>(c, "param").id)),
  );

  register(
    app,
    writeOp({
      id: "createFacility",
      method: "post",
      path: "/facilities",
      tag: TAG,
      summary: "Create a facility (admin)",
      body: Create,
      item: FacilityRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { neighbourhoodId: string }>(c, "json");
      const hood = await neighbourhoodFromBody(c, body.neighbourhoodId);
      const { neighbourhoodId: _n, ...rest } = withoutNulls(body);
      const input = domainParse(facilitySchema, rest);
      assertNoErrors(await checkFacilityLinks(db, input));
      const id = await createFacility(db, hood.id, input, principal.actorId, now);
      return json(c, await byId(db, facilities, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateFacility",
      method: "patch",
      path: "/facilities/{id}",
      tag: TAG,
      summary: "Change a facility (admin)",
      body: Update,
      item: FacilityRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const input = domainParse(facilityUpdateSchema, withoutNulls({ ...current(before), ...valid<Record<string, unknown>>(c, "json") }));
      assertNoErrors(await checkFacilityLinks(db, input));
      await versioned(
        () => updateFacility(db, before, input, principal.actorId, now),
        () => byId(db, facilities, before.id),
      );
      return json(c, await byId(db, facilities, before.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveFacility" : "restoreFacility",
      method: "post",
      path: `/facilities/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a facility (admin)" : "Restore a facility (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: FacilityRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, before, before);
      await setFacilityArchived(db, before, archive, principal.actorId, now);
      return json(c, await byId(db, facilities, before.id));
    });
  }
}
