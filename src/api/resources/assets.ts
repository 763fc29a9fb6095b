// The asset register (buurtkracht) of a neighbourhood, with the screens' rules (assetContract): a
// contact only with recorded, dated consent; dates not in the future; only this neighbourhood's
// initiatives linked.
import { and, eq, inArray } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { assetInitiatives, assets, ASSET_CATEGORIES } from "../../db/schema";
import {
  assetContract,
  changeAssetState,
  checkAsset,
  createAsset,
  getAsset,
  updateAsset,
  type AssetWithLinks,
} from "../../domain/neighbourhoods/assets";
import type { ApiContext } from "../context";
import { notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { inNeighbourhoods, neighbourhoodFromBody, requireAdmin, requireRead, today, byId } from "../scope";
import { accepted, ArchiveBody, checkVersion, str, versioned } from "./common";
import { inRegister } from "../../domain/offers/register";

const TAG = "Assets";
export const AssetRecord = recordSchema("Asset", assets, { extra: { initiativeIds: z.array(z.string()) } });

async function load(c: ApiContext, id: string): Promise<AssetWithLinks> {
  const row = await byId(c.var.db, assets, id);
  requireRead(c, row.neighbourhoodId);
  const asset = await getAsset(c.var.db, row.neighbourhoodId, id);
  if (!asset) throw notFound();
  return asset;
}

/** The stored asset as a record (it exists: it was just read or written). */
async function record(c: ApiContext, neighbourhoodId: string, id: string) {
  return (await getAsset(c.var.db, neighbourhoodId, id))!;
}

export function registerAssetsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/assets", { id: "listAssets", tag: TAG, summary: "List assets (buurtkracht)" }),
    request: { query: listQuery({ neighbourhoodId: z.string().max(64).optional(), category: z.enum(ASSET_CATEGORIES).optional() }) },
    responses: listed("Asset", AssetRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const db = c.var.db;
    const where = and(
      ...inNeighbourhoods(c, assets.neighbourhoodId, q.neighbourhoodId),
      archivedWhere(assets.archivedAt, q.archived),
      q.category ? eq(assets.category, q.category) : undefined,
      inRegister(assets.id),
    );
    const page = await keysetPage(db, assets, where, q);
    const ids = page.data.map((a) => a.id);
    const links = ids.length ? await db.select().from(assetInitiatives).where(inArray(assetInitiatives.assetId, ids)) : [];
    const data = page.data.map((a) => ({
      ...a,
      initiativeIds: links
        .filter((l) => l.assetId === a.id)
        .map((l) => l.initiativeId)
        .sort(),
    }));
    return c.json({ ...page, data }, 200);
  });

  const get = createRoute({
    ...op("get", "/assets/{id}", { id: "getAsset", tag: TAG, summary: "Get an asset" }),
    request: { params: idParams },
    responses: found(AssetRecord),
  });
  app.openapi(get, async (c) => c.json(await load(c, c.req.valid("param").id), 200));

  const create = createRoute({
    ...op("post", "/assets", { id: "createAsset", tag: TAG, summary: "Add an asset (admin)" }),
    request: { body: jsonBody(assetContract.createBody({ neighbourhoodId: str })) },
    responses: changed(AssetRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { neighbourhoodId, ...json } = c.req.valid("json");
    const hood = await neighbourhoodFromBody(c, neighbourhoodId);
    const input = accepted(await checkAsset(db, hood.id, assetContract.fromJson(json, undefined, today(c))));
    const id = await createAsset(db, hood.id, input, today(c), principal.actorId, now);
    return c.json(await record(c, hood.id, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/assets/{id}", { id: "updateAsset", tag: TAG, summary: "Change an asset (admin)" }),
    request: { params: idParams, body: jsonBody(assetContract.updateBody()) },
    responses: changed(AssetRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const parsed = assetContract.fromJson(patch, assetContract.stored(before), today(c));
    const input = accepted(await checkAsset(db, before.neighbourhoodId, parsed));
    await versioned(
      () => updateAsset(db, before, { ...input, version }, principal.actorId, now),
      () => getAsset(db, before.neighbourhoodId, before.id),
    );
    return c.json(await record(c, before.neighbourhoodId, before.id), 200);
  });

  for (const [segment, action] of [
    ["archival", "archive"],
    ["restoration", "restore"],
    ["confirmations", "confirm"],
  ] as const) {
    const route = createRoute({
      ...op("post", `/assets/{id}/${segment}`, {
        id: `${action}Asset`,
        tag: TAG,
        summary:
          action === "confirm"
            ? "Confirm an asset is still right today (admin)"
            : action === "archive"
              ? "Archive an asset (admin)"
              : "Restore an asset (admin)",
      }),
      request: { params: idParams, body: jsonBody(ArchiveBody, false) },
      responses: changed(AssetRecord),
    });
    app.openapi(route, async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, c.req.valid("param").id);
      requireAdmin(c);
      checkVersion(c.req.valid("json").version, before, before);
      await changeAssetState(db, before, action, today(c), principal.actorId, now);
      return c.json(await record(c, before.neighbourhoodId, before.id), 200);
    });
  }
}
