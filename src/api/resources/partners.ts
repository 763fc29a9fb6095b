// Partner organisations: admins manage them (the admin screens' contract, partnerContract); a
// partner token sees its own organisation only.
import { and, eq, inArray } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { partnerNeighbourhoods, partnerOrgs, PARTNER_KINDS } from "../../db/schema";
import {
  checkPartner,
  createPartner,
  getPartner,
  partnerContract,
  setPartnerArchived,
  updatePartner,
  type PartnerWithLinks,
} from "../../domain/people/partners";
import { isAdmin, type ApiContext } from "../context";
import { forbidden, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { requireAdmin, requireRead } from "../scope";
import { accepted, archiveRoutes, checkVersion, versioned } from "./common";

const TAG = "Partners";
export const PartnerRecord = recordSchema("Partner", partnerOrgs, { extra: { neighbourhoodIds: z.array(z.string()) } });

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

/** The stored organisation as a record (it exists: it was just read or written). */
async function record(c: ApiContext, id: string) {
  return toRecord((await getPartner(c.var.db, id))!);
}

export function registerPartnersApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/partners", { id: "listPartners", tag: TAG, summary: "List partner organisations" }),
    request: {
      query: listQuery({
        kind: z.enum(PARTNER_KINDS).optional(),
        neighbourhoodId: z.string().max(64).optional().openapi({ description: "Only organisations linked to this neighbourhood." }),
      }),
    },
    responses: listed("Partner", PartnerRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const { db, principal } = c.var;
    if (q.neighbourhoodId) requireRead(c, q.neighbourhoodId);
    const where = and(
      isAdmin(principal) ? undefined : eq(partnerOrgs.id, principal.partnerId ?? ""),
      archivedWhere(partnerOrgs.archivedAt, q.archived),
      q.kind ? eq(partnerOrgs.kind, q.kind) : undefined,
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
    const data = page.data.map((p) => ({
      ...p,
      neighbourhoodIds: links
        .filter((l) => l.partnerId === p.id)
        .map((l) => l.neighbourhoodId)
        .sort(),
    }));
    return c.json({ ...page, data }, 200);
  });

  const get = createRoute({
    ...op("get", "/partners/{id}", { id: "getPartner", tag: TAG, summary: "Get a partner organisation" }),
    request: { params: idParams },
    responses: found(PartnerRecord),
  });
  app.openapi(get, async (c) => c.json(toRecord(await load(c, c.req.valid("param").id)), 200));

  const create = createRoute({
    ...op("post", "/partners", { id: "createPartner", tag: TAG, summary: "Create a partner organisation (admin)" }),
    request: { body: jsonBody(partnerContract.createBody()) },
    responses: changed(PartnerRecord, 201),
  });
  app.openapi(create, async (c) => {
    requireAdmin(c);
    const { db, now, principal } = c.var;
    const input = accepted(await checkPartner(db, partnerContract.fromJson(c.req.valid("json"))));
    const id = await createPartner(db, input, principal.actorId, now);
    return c.json(await record(c, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/partners/{id}", { id: "updatePartner", tag: TAG, summary: "Change a partner organisation (admin)" }),
    request: { params: idParams, body: jsonBody(partnerContract.updateBody()) },
    responses: changed(PartnerRecord),
  });
  app.openapi(update, async (c) => {
    requireAdmin(c);
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(await checkPartner(db, partnerContract.fromJson(patch, partnerContract.stored(before))));
    await versioned(
      () => updatePartner(db, before, { ...input, version }, principal.actorId, now),
      () => record(c, before.id),
    );
    return c.json(await record(c, before.id), 200);
  });

  archiveRoutes(app, {
    path: "/partners",
    tag: TAG,
    noun: "Partner",
    what: "a partner organisation (admin)",
    record: PartnerRecord,
    handle: async (c, id, archive, version) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const before = await load(c, id);
      checkVersion(version, before, toRecord(before));
      await setPartnerArchived(db, before, archive, principal.actorId, now);
      return record(c, before.id);
    },
  });
}
