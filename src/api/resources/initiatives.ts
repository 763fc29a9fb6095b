// Initiatives: read within the token's neighbourhoods; created and changed by admin tokens with the
// screens' rules (initiativeSchema: the started year not in the future, a planned ending needs its date).
import { and, eq } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { initiatives, INITIATIVE_STATUSES } from "../../db/schema";
import {
  createInitiative,
  initiativeSchema,
  setInitiativeArchived,
  updateInitiative,
  versionSchema,
} from "../../domain/initiatives/initiatives";
import type { ApiContext } from "../context";
import { MIN_YEAR, yearOf } from "../../lib/dates";
import { createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { findInitiative, initiativeOfRecord, inNeighbourhoods, json, neighbourhoodFromBody, requireAdmin } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Initiatives";
export const InitiativeRecord = recordSchema("Initiative", initiatives);
// The started year's upper bound is "this year", checked when a request arrives (see thisYear below).
const fields = fieldsFrom(
  initiativeSchema(9999).shape,
  ["name", "purpose", "status", "continuationPlan", "continuationNote", "plannedEndOn"],
  {
    startedYear: z.number().int().min(MIN_YEAR).max(9999).openapi({ description: "Not after this year." }),
  },
);
const Create = createBody("Initiative", { neighbourhoodId: str, ...fields });
const Update = updateBody("Initiative", fields);
const thisYear = (c: ApiContext) => yearOf(c.var.today);

async function load(c: ApiContext, id: string) {
  return initiativeOfRecord(c, id);
}

const current = (i: typeof initiatives.$inferSelect) => ({
  name: i.name,
  purpose: i.purpose,
  startedYear: i.startedYear,
  status: i.status,
  continuationPlan: i.continuationPlan,
  continuationNote: i.continuationNote,
  plannedEndOn: i.plannedEndOn,
});

export function initiativeRoutes(app: ApiApp) {
  const query = { neighbourhoodId: z.string().max(64).optional(), status: z.enum(INITIATIVE_STATUSES).optional() };
  register(
    app,
    listOp({
      id: "listInitiatives",
      path: "/initiatives",
      tag: TAG,
      summary: "List initiatives",
      item: InitiativeRecord,
      name: "Initiative",
      query,
    }),
    async (c) => {
      const q = valid<
        PageParams & { archived: "exclude" | "include" | "only"; neighbourhoodId?: string; status?: (typeof INITIATIVE_STATUSES)[number] }
      >(c, "query");
      const where = and(
        ...inNeighbourhoods(c, initiatives.neighbourhoodId, q.neighbourhoodId),
        archivedWhere(initiatives.archivedAt, q.archived),
        q.status ? eq(initiatives.status, q.status) : undefined,
      );
      return json(c, await keysetPage(c.var.db, initiatives, where, q));
    },
  );

  register(
    app,
    getOp({ id: "getInitiative", path: "/initiatives/{id}", tag: TAG, summary: "Get an initiative", item: InitiativeRecord }),
    async (c) => json(c, await load(c, valid<{ id: string }>(c, "param").id)),
  );

  register(
    app,
    writeOp({
      id: "createInitiative",
      method: "post",
      path: "/initiatives",
      tag: TAG,
      summary: "Create an initiative (admin)",
      body: Create,
      item: InitiativeRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { neighbourhoodId: string }>(c, "json");
      const hood = await neighbourhoodFromBody(c, body.neighbourhoodId);
      const { neighbourhoodId: _n, ...rest } = withoutNulls(body);
      const input = domainParse(initiativeSchema(thisYear(c)), rest);
      // Made through the API: nobody becomes its coordinator automatically.
      const id = await createInitiative(db, hood.id, input, principal.actorId, now, { coordinatorId: null });
      return json(c, await findInitiative(db, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateInitiative",
      method: "patch",
      path: "/initiatives/{id}",
      tag: TAG,
      summary: "Change an initiative (admin)",
      body: Update,
      item: InitiativeRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const input = domainParse(
        initiativeSchema(thisYear(c)).and(versionSchema),
        withoutNulls({ ...current(before), ...valid<Record<string, unknown>>(c, "json") }),
      );
      await versioned(
        () => updateInitiative(db, before, input, principal.actorId, now),
        () => findInitiative(db, before.id),
      );
      return json(c, await findInitiative(db, before.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveInitiative" : "restoreInitiative",
      method: "post",
      path: `/initiatives/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive an initiative (admin)" : "Restore an initiative (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: InitiativeRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, before, before);
      await setInitiativeArchived(db, before, archive, principal.actorId, now);
      return json(c, await findInitiative(db, before.id));
    });
  }
}
