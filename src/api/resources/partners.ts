// Partner organisations: admins manage them (same validation as the admin screens); a partner
// token sees its own organisation only.
import { and, eq, inArray } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { partnerNeighbourhoods, partnerOrgs, PARTNER_KINDS } from "../../db/schema";
import {
  createPartner,
  getPartner,
  partnerSchema,
  setPartnerArchived,
  updatePartner,
  validatePartner,
  type PartnerWithLinks,
} from "../../domain/people/partners";
import { isAdmin, type ApiContext } from "../context";
import { forbidden, invalid, notFound } from "../errors";
import { createBody, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { json, requireAdmin, requireRead } from "../scope";
import { ArchiveBody, checkVersion, versioned } from "./common";

const TAG = "Partners";
export const PartnerRecord = recordSchema("Partner", partnerOrgs, { extra: { neighbourhoodIds: z.array(z.string()) } });
const fields = fieldsFrom(partnerSchema.shape, ["name", "kind", "neighbourhoodIds"]);
const Create = createBody("Partner", fields);
const Update = updateBody("Partner", fields);

function toRecord(p: PartnerWithLinks) {
  const { memberCount: _m, ...rest } = p;
  return rest;
}

async function load(c: ApiContext, id: string) {
  const row = await getPartner(c.var.db, id);
  if (!row) throw notFound();
  const p = c.var.principal;
  if (!isAdmin(p) && p.partnerId !== row.id) throw forbidden();
  return row;
}

export function partnerRoutes(app: ApiApp) {
  const query = {
    kind: z.enum(PARTNER_KINDS).optional(),
    neighbourhoodId: z.string().max(64).optional().openapi({ description: "Only organisations linked to this neighbourhood." }),
  };
  register(
    app,
    listOp({
      id: "listPartners",
      path: "/partners",
      tag: TAG,
      summary: "List partner organisations",
      item: PartnerRecord,
      name: "Partner",
      query,
    }),
    async (c) => {
      const q = valid<PageParams & { archived: "exclude" | "include" | "only"; kind?: string; neighbourhoodId?: string }>(c, "query");
      const { db, principal } = c.var;
      if (q.neighbourhoodId) requireRead(c, q.neighbourhoodId);
      const where = and(
        isAdmin(principal) ? undefined : eq(partnerOrgs.id, principal.partnerId ?? ""),
        archivedWhere(partnerOrgs.archivedAt, q.archived),
        q.kind ? eq(partnerOrgs.kind, q.kind as (typeof PARTNER_KINDS)[number]) : undefined,
        q.neighbourhoodId
          ? inArray(
              partnerOrgs.id,
              db
                .select({ id: partnerNeighbourhoods.partnerId })
                .from(partnerNeighbourhoods)
                .where(eq(partnerNeighbourhoods.neighbourhoodId, q.neighbourhoodId)),
            )
          : undefined,
      );
      const page = await keysetPage(db, partnerOrgs, where, q);
      const ids = page.data.map((p) => p.id);
      const links = ids.length ? await db.select().from(partnerNeighbourhoods).where(inArray(partnerNeighbourhoods.partnerId, ids)) : [];
      return json(c, {
        ...page,
        data: page.data.map((p) => ({ ...p, neighbourhoodIds: links.filter((l) => l.partnerId === p.id).map((l) => l.neighbourhoodId) })),
      });
    },
  );

  register(
    app,
    getOp({ id: "getPartner", path: "/partners/{id}", tag: TAG, summary: "Get a partner organisation", item: PartnerRecord }),
    async (c) => json(c, toRecord(await load(c, valid<{ id: string }>(c, "param").id))),
  );

  register(
    app,
    writeOp({
      id: "createPartner",
      method: "post",
      path: "/partners",
      tag: TAG,
      summary: "Create a partner organisation (admin)",
      body: Create,
      item: PartnerRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const parsed = await validatePartner(db, withoutNulls(valid(c, "json")), false);
      if (!parsed.ok) throw invalid(parsed.errors);
      const id = await createPartner(db, parsed.data, principal.actorId, now);
      return json(c, toRecord((await getPartner(db, id))!), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updatePartner",
      method: "patch",
      path: "/partners/{id}",
      tag: TAG,
      summary: "Change a partner organisation (admin)",
      body: Update,
      item: PartnerRecord,
    }),
    async (c) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      const body = { name: before.name, kind: before.kind, neighbourhoodIds: before.neighbourhoodIds, ...withoutNulls(valid(c, "json")) };
      const parsed = await validatePartner(db, body, true);
      if (!parsed.ok) throw invalid(parsed.errors);
      await versioned(
        () => updatePartner(db, before, parsed.data, principal.actorId, now),
        async () => toRecord((await getPartner(db, before.id))!),
      );
      return json(c, toRecord((await getPartner(db, before.id))!));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archivePartner" : "restorePartner",
      method: "post",
      path: `/partners/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a partner organisation (admin)" : "Restore a partner organisation (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: PartnerRecord,
    });
    register(app, op, async (c) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      checkVersion(valid<{ version?: number }>(c, "json").version, before, toRecord(before));
      await setPartnerArchived(db, before, archive, principal.actorId, now);
      return json(c, toRecord((await getPartner(db, before.id))!));
    });
  }
}
