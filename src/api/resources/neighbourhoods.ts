// Neighbourhoods: read by admins and linked partners; created and changed by admins, with the
// same validation as the admin screens (slug made from the name, unique).
import { and, eq, inArray, sql } from "drizzle-orm";
import { neighbourhoods } from "../../db/schema";
import {
  createNeighbourhood,
  getNeighbourhood,
  neighbourhoodSchema,
  setNeighbourhoodArchived,
  updateNeighbourhood,
  validateNeighbourhood,
} from "../../domain/neighbourhoods/neighbourhoods";
import { isAdmin, type ApiContext } from "../context";
import { invalid, notFound } from "../errors";
import { createBody, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { json, requireAdmin, requireRead } from "../scope";
import { ArchiveBody, checkVersion, versioned } from "./common";

const TAG = "Neighbourhoods";
export const NeighbourhoodRecord = recordSchema("Neighbourhood", neighbourhoods);
const fields = fieldsFrom(neighbourhoodSchema.shape, ["name", "municipality", "slug"]);
const Create = createBody("Neighbourhood", fields);
const Update = updateBody("Neighbourhood", fields);

async function load(c: ApiContext, id: string) {
  const row = await getNeighbourhood(c.var.db, id);
  if (!row) throw notFound();
  requireRead(c, row.id);
  return row;
}

export function neighbourhoodRoutes(app: ApiApp) {
  register(
    app,
    listOp({
      id: "listNeighbourhoods",
      path: "/neighbourhoods",
      tag: TAG,
      summary: "List neighbourhoods",
      item: NeighbourhoodRecord,
      name: "Neighbourhood",
    }),
    async (c) => {
      const q = valid<PageParams & { archived: "exclude" | "include" | "only" }>(c, "query");
      const p = c.var.principal;
      const reach = isAdmin(p) ? undefined : p.neighbourhoodIds.length ? inArray(neighbourhoods.id, p.neighbourhoodIds) : sql`0`;
      return json(c, await keysetPage(c.var.db, neighbourhoods, and(reach, archivedWhere(neighbourhoods.archivedAt, q.archived)), q));
    },
  );

  register(
    app,
    getOp({ id: "getNeighbourhood", path: "/neighbourhoods/{id}", tag: TAG, summary: "Get a neighbourhood", item: NeighbourhoodRecord }),
    async (c) => json(c, await load(c, valid<{ id: string }>(c, "param").id)),
  );

  register(
    app,
    writeOp({
      id: "createNeighbourhood",
      method: "post",
      path: "/neighbourhoods",
      tag: TAG,
      summary: "Create a neighbourhood (admin)",
      body: Create,
      item: NeighbourhoodRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const parsed = await validateNeighbourhood(db, withoutNulls(valid(c, "json")));
      if (!parsed.ok) throw invalid(parsed.errors);
      const id = await createNeighbourhood(db, parsed.data, principal.actorId, now);
      return json(c, await getNeighbourhood(db, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateNeighbourhood",
      method: "patch",
      path: "/neighbourhoods/{id}",
      tag: TAG,
      summary: "Change a neighbourhood (admin)",
      body: Update,
      item: NeighbourhoodRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const body = { name: before.name, municipality: before.municipality, slug: before.slug, ...withoutNulls(valid(c, "json")) };
      const parsed = await validateNeighbourhood(db, body, before.id);
      if (!parsed.ok) throw invalid(parsed.errors);
      await versioned(
        () => updateNeighbourhood(db, before, parsed.data, principal.actorId, now),
        () => getNeighbourhood(db, before.id),
      );
      return json(c, await getNeighbourhood(db, before.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveNeighbourhood" : "restoreNeighbourhood",
      method: "post",
      path: `/neighbourhoods/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a neighbourhood (admin)" : "Restore an archived neighbourhood (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: NeighbourhoodRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, before, before);
      await setNeighbourhoodArchived(db, before, archive, principal.actorId, now);
      return json(c, await db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.id, before.id) }));
    });
  }
}
