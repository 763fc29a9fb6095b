// The asset register (buurtkracht) of a neighbourhood, with the screens' rules: a contact only with
// recorded, dated consent; dates not in the future; only this neighbourhood's initiatives linked.
import { and, eq, inArray } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { assetInitiatives, assets, ASSET_CATEGORIES } from "../../db/schema";
import {
  assetSchema,
  changeAssetState,
  createAsset,
  getAsset,
  updateAsset,
  validateAsset,
  type AssetWithLinks,
} from "../../domain/neighbourhoods/assets";
import type { ApiContext } from "../context";
import { invalid, notFound } from "../errors";
import { createBody, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, inNeighbourhoods, json, neighbourhoodFromBody, requireAdmin, requireRead, today } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Assets";
export const AssetRecord = recordSchema("Asset", assets, { extra: { initiativeIds: z.array(z.string()) } });
const fields = fieldsFrom(
  assetSchema.shape,
  ["category", "name", "description", "contactName", "contactInfo", "contactConsentOn", "lastConfirmedOn", "initiativeIds"],
  {
    contactConsent: z.boolean().optional().openapi({ description: "The contact gave consent to be kept (with contactConsentOn)." }),
  },
);
const Create = createBody("Asset", { neighbourhoodId: str, ...fields });
const Update = updateBody("Asset", fields);

async function load(c: ApiContext, id: string): Promise<AssetWithLinks> {
  const row = await byId(c.var.db, assets, id);
  requireRead(c, row.neighbourhoodId);
  const asset = await getAsset(c.var.db, row.neighbourhoodId, id);
  if (!asset) throw notFound();
  return asset;
}

const current = (a: AssetWithLinks) => ({
  category: a.category,
  name: a.name,
  description: a.description,
  contactName: a.contactName,
  contactInfo: a.contactInfo,
  contactConsent: !!a.contactConsentOn,
  contactConsentOn: a.contactConsentOn,
  lastConfirmedOn: a.lastConfirmedOn,
  initiativeIds: a.initiativeIds,
});

export function assetRoutes(app: ApiApp) {
  const query = { neighbourhoodId: z.string().max(64).optional(), category: z.enum(ASSET_CATEGORIES).optional() };
  register(
    app,
    listOp({ id: "listAssets", path: "/assets", tag: TAG, summary: "List assets (buurtkracht)", item: AssetRecord, name: "Asset", query }),
    async (c) => {
      const q = valid<
        PageParams & { archived: "exclude" | "include" | "only"; neighbourhoodId?: string; category?: (typeof ASSET_CATEGORIES)[number] }
      >(c, "query");
      const db = c.var.db;
      const where = and(
        ...inNeighbourhoods(c, assets.neighbourhoodId, q.neighbourhoodId),
        archivedWhere(assets.archivedAt, q.archived),
        q.category ? eq(assets.category, q.category) : undefined,
      );
      const page = await keysetPage(db, assets, where, q);
      const ids = page.data.map((a) => a.id);
      const links = ids.length ? await db.select().from(assetInitiatives).where(inArray(assetInitiatives.assetId, ids)) : [];
      return json(c, {
        ...page,
        data: page.data.map((a) => ({ ...a, initiativeIds: links.filter((l) => l.assetId === a.id).map((l) => l.initiativeId) })),
      });
    },
  );

  register(app, getOp({ id: "getAsset", path: "/assets/{id}", tag: TAG, summary: "Get an asset", item: AssetRecord }), async (c) =>
    json(c, await load(c, valid<{ id: string }>(c, "param").id)),
  );

  register(
    app,
    writeOp({
      id: "createAsset",
      method: "post",
      path: "/assets",
      tag: TAG,
      summary: "Add an asset (admin)",
      body: Create,
      item: AssetRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { neighbourhoodId: string }>(c, "json");
      const hood = await neighbourhoodFromBody(c, body.neighbourhoodId);
      const { neighbourhoodId: _n, ...rest } = withoutNulls(body);
      const parsed = await validateAsset(db, hood.id, rest, today(c), false);
      if (!parsed.ok) throw invalid(parsed.errors);
      const id = await createAsset(db, hood.id, parsed.data, today(c), principal.actorId, now);
      return json(c, await getAsset(db, hood.id, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateAsset",
      method: "patch",
      path: "/assets/{id}",
      tag: TAG,
      summary: "Change an asset (admin)",
      body: Update,
      item: AssetRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const parsed = await validateAsset(
        db,
        before.neighbourhoodId,
        withoutNulls({ ...current(before), ...valid<Record<string, unknown>>(c, "json") }),
        today(c),
        true,
      );
      if (!parsed.ok) throw invalid(parsed.errors);
      await versioned(
        () => updateAsset(db, before, parsed.data, principal.actorId, now),
        () => getAsset(db, before.neighbourhoodId, before.id),
      );
      return json(c, await getAsset(db, before.neighbourhoodId, before.id));
    },
  );

  for (const [segment, action] of [
    ["archival", "archive"],
    ["restoration", "restore"],
    ["confirmations", "confirm"],
  ] as const) {
    const op = writeOp({
      id: `${action}Asset`,
      method: "post",
      path: `/assets/{id}/${segment}`,
      tag: TAG,
      summary:
        action === "confirm"
          ? "Confirm an asset is still right today (admin)"
          : action === "archive"
            ? "Archive an asset (admin)"
            : "Restore an asset (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: AssetRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, before, before);
      await changeAssetState(db, before, action, today(c), principal.actorId, now);
      return json(c, await getAsset(db, before.neighbourhoodId, before.id));
    });
  }
}
