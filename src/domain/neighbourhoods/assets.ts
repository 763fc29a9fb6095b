// The neighbourhood's assets (buurtkracht, ABCD): what it already has to build on.
// A contact on an asset is personal data: it is kept only with recorded consent.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import { ASSET_CATEGORIES, assetInitiatives, assets, initiatives } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { MessageKey } from "../../i18n";
import { addYears, storedDayOf } from "../../lib/dates";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { safeNext } from "../../lib/safe-next";
import { updateVersioned } from "../versioned-update";
import { setArchived } from "../archive";

export { ASSET_CATEGORIES };
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export type AssetRow = typeof assets.$inferSelect;
export type AssetWithLinks = AssetRow & { initiativeIds: string[] };
export type AssetListItem = AssetWithLinks & { initiatives: { id: string; name: string }[] };

/** At most this many initiatives per asset: keeps every query under D1's 100 bound parameters. */
const MAX_LINKS = 50;
/** An asset not confirmed for this long is stale (PRODUCT.md: "an asset not confirmed for 2 years"). */
const STALE_AFTER_YEARS = 2;

export function isCategory(v: unknown): v is AssetCategory {
  return typeof v === "string" && (ASSET_CATEGORIES as readonly string[]).includes(v);
}

type ConsentFields = { contactName?: unknown; contactInfo?: unknown; contactConsent?: unknown; contactConsentOn?: unknown };
const given = (v: unknown) => typeof v === "string" && v.trim() !== "";

/**
 * The consent rule: a contact name or contact info may be kept only when the person's consent
 * is ticked and dated. Reads form values as typed as well as parsed ones.
 */
export function contactConsentErrors(v: ConsentFields): FieldErrors {
  if (!given(v.contactName) && !given(v.contactInfo)) return {};
  const consent = v.contactConsent === "on" || v.contactConsent === "true" || v.contactConsent === true;
  if (!consent) return { contactConsent: "assets.error.consent" };
  if (!given(v.contactConsentOn)) return { contactConsentOn: "assets.error.consentOn" };
  return {};
}

const assetFields = {
  category: f.choice("assets.field.category", ASSET_CATEGORIES),
  name: f.requiredText("assets.field.name", 120),
  description: f.textOrEmpty("assets.field.description", 2000),
  contactName: f.optionalText("assets.field.contactName", 120),
  contactInfo: f.optionalText("assets.field.contactInfo", 200),
  /** Not a column: the consent is stored as its date (contactConsentOn). */
  contactConsent: f.checkbox("assets.field.consent"),
  // Consent given and last confirmed: not after today.
  contactConsentOn: f.upToNow(f.optionalDate("assets.field.consentOn"), "today", "ws.error.future"),
  /** Left empty: today for a new asset, unchanged for an edited one. */
  lastConfirmedOn: f.upToNow(f.optionalDate("assets.field.lastConfirmedOn"), "today", "ws.error.future"),
  initiativeIds: f.idList("assets.field.initiatives", { max: MAX_LINKS }),
};

/** An asset: its fields, once, for the form, the API and PATCH. */
export const assetContract = defineContract({
  name: "Asset",
  fields: assetFields,
  rules: [contactConsentErrors],
  stored: { contactConsent: (row: AssetRow) => row.contactConsentOn !== null },
});
export type AssetInput = Values<typeof assetFields>;
export type AssetFormValues = FormValues<typeof assetFields>;

/** Only initiatives of this neighbourhood may lean on its assets. */
export async function checkAssetInitiatives(db: Db, neighbourhoodId: string, ids: string[]): Promise<FieldErrors> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  if (wanted.length > MAX_LINKS) return { initiativeIds: "ws.error.tooMany" };
  const found = await db
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(and(eq(initiatives.neighbourhoodId, neighbourhoodId), inArray(initiatives.id, wanted)));
  return found.length === wanted.length ? {} : { initiativeIds: "assets.error.initiative" };
}

/** Checks a parsed asset against the database (its initiatives); the values, or the errors. */
export async function checkAsset(db: Db, neighbourhoodId: string, parsed: Parsed<AssetInput>): Promise<Parsed<AssetInput>> {
  if (!parsed.ok) return parsed;
  const errors = await checkAssetInitiatives(db, neighbourhoodId, parsed.data.initiativeIds);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

/** Parses and checks an asset form; errors are keyed by field name. */
export async function validateAsset(
  db: Db,
  neighbourhoodId: string,
  body: Record<string, unknown>,
  today: string,
  update: true,
): Promise<Parsed<AssetInput & { version: number }>>;
export async function validateAsset(
  db: Db,
  neighbourhoodId: string,
  body: Record<string, unknown>,
  today: string,
  update: false,
): Promise<Parsed<AssetInput>>;
export async function validateAsset(
  db: Db,
  neighbourhoodId: string,
  body: Record<string, unknown>,
  today: string,
  update: boolean,
): Promise<Parsed<AssetInput>> {
  const parsed = update ? assetContract.parseFormUpdate(body, today) : assetContract.parseForm(body, today);
  return checkAsset(db, neighbourhoodId, parsed);
}

/** The stored contact: both fields and the consent date, or nothing at all. */
function contactColumns(input: AssetInput) {
  const has = !!(input.contactName || input.contactInfo);
  return {
    contactName: has ? input.contactName : null,
    contactInfo: has ? input.contactInfo : null,
    contactConsentOn: has ? input.contactConsentOn : null,
  };
}

function linkRows(db: Db, assetId: string, initiativeIds: string[]) {
  return [...new Set(initiativeIds)].map((initiativeId) => db.insert(assetInitiatives).values({ assetId, initiativeId }));
}

/** Not confirmed for more than two years (a date that cannot be read needs confirming too). */
export function isAssetStale(lastConfirmedOn: string, today: string): boolean {
  const last = storedDayOf(lastConfirmedOn);
  return last === null || addYears(last, STALE_AFTER_YEARS) < today;
}

/** Initiatives an asset can be linked to: this neighbourhood's, archived ones marked. */
export function initiativeOptions(db: Db, neighbourhoodId: string) {
  return db
    .select({ id: initiatives.id, name: initiatives.name, archivedAt: initiatives.archivedAt })
    .from(initiatives)
    .where(eq(initiatives.neighbourhoodId, neighbourhoodId))
    .orderBy(asc(initiatives.name));
}

/** The register: active and archived assets, optionally of one category, with their initiatives. */
export async function listAssets(db: Db, neighbourhoodId: string, category?: AssetCategory) {
  const where = and(eq(assets.neighbourhoodId, neighbourhoodId), category ? eq(assets.category, category) : undefined);
  const [rows, links] = await db.batch([
    db.select().from(assets).where(where).orderBy(asc(assets.name)),
    db
      .select({ assetId: assetInitiatives.assetId, id: initiatives.id, name: initiatives.name })
      .from(assetInitiatives)
      .innerJoin(assets, eq(assets.id, assetInitiatives.assetId))
      .innerJoin(initiatives, eq(initiatives.id, assetInitiatives.initiativeId))
      .where(where)
      .orderBy(asc(initiatives.name)),
  ]);
  const items: AssetListItem[] = rows.map((a) => {
    const mine = links.filter((l) => l.assetId === a.id);
    return { ...a, initiativeIds: mine.map((l) => l.id), initiatives: mine.map((l) => ({ id: l.id, name: l.name })) };
  });
  return { active: items.filter((a) => !a.archivedAt), archived: items.filter((a) => !!a.archivedAt) };
}

/** One asset, only when it belongs to this neighbourhood (else null → 404). */
export async function getAsset(db: Db, neighbourhoodId: string, id: string): Promise<AssetWithLinks | null> {
  const [rows, links] = await db.batch([
    db
      .select()
      .from(assets)
      .where(and(eq(assets.id, id), eq(assets.neighbourhoodId, neighbourhoodId))),
    db.select().from(assetInitiatives).where(eq(assetInitiatives.assetId, id)),
  ]);
  const a = rows[0];
  return a ? { ...a, initiativeIds: links.map((l) => l.initiativeId).sort() } : null;
}

/** Active assets per category, as a query to run inside a caller's batch. */
export function assetCountsQuery(db: Db, neighbourhoodId: string) {
  return db
    .select({ category: assets.category, count: sql<number>`count(*)` })
    .from(assets)
    .where(and(eq(assets.neighbourhoodId, neighbourhoodId), isNull(assets.archivedAt)))
    .groupBy(assets.category);
}

export function countsByCategory(rows: { category: AssetCategory; count: number }[]): Record<AssetCategory, number> {
  const out = Object.fromEntries(ASSET_CATEGORIES.map((c) => [c, 0])) as Record<AssetCategory, number>;
  for (const r of rows) out[r.category] = Number(r.count);
  return out;
}

export async function createAsset(db: Db, neighbourhoodId: string, input: AssetInput, today: string, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const values = {
    category: input.category,
    name: input.name,
    description: input.description,
    ...contactColumns(input),
    lastConfirmedOn: input.lastConfirmedOn ?? today,
  };
  await db.batch([
    db.insert(assets).values({ id, neighbourhoodId, ...values, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    ...linkRows(db, id, input.initiativeIds),
    audit(
      db,
      {
        actorId,
        entity: "asset",
        entityId: id,
        action: "create",
        neighbourhoodId,
        changes: { ...values, initiativeIds: [...input.initiativeIds].sort() },
      },
      now,
    ),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [...new Set(input.initiativeIds)] }, now, today);
  return id;
}

/** Replaces the asset's fields and links; throws StaleVersionError when someone saved in between. */
export async function updateAsset(
  db: Db,
  before: AssetWithLinks,
  input: AssetInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const set = {
    category: input.category,
    name: input.name,
    description: input.description,
    ...contactColumns(input),
    lastConfirmedOn: input.lastConfirmedOn ?? before.lastConfirmedOn,
  };
  const initiativeIds = [...new Set(input.initiativeIds)].sort();
  await updateVersioned(
    db,
    assets,
    {
      before,
      version: input.version,
      set,
      actorId,
      entity: "asset",
      neighbourhoodId: before.neighbourhoodId,
      with: [db.delete(assetInitiatives).where(eq(assetInitiatives.assetId, before.id)), ...linkRows(db, before.id, initiativeIds)],
      audited: { initiativeIds },
    },
    now,
  );
  // Initiatives it no longer serves and those it serves now.
  await rejudgeAfterWrite(db, { initiativeIds: [...new Set([...before.initiativeIds, ...initiativeIds])] }, now);
}

/** Archive, restore or confirm ("still right today"): one field, the version moves on. */
export async function changeAssetState(
  db: Db,
  before: AssetRow,
  action: "archive" | "restore" | "confirm",
  today: string,
  actorId: string | null,
  now: Date,
) {
  const where = { actorId, entity: "asset", neighbourhoodId: before.neighbourhoodId };
  if (action === "confirm")
    await updateVersioned(db, assets, { before, version: undefined, set: { lastConfirmedOn: today }, action, ...where }, now);
  else await setArchived(db, assets, { before, archive: action === "archive", ...where }, now);
  await rejudgeAfterWrite(db, { assetIds: [before.id] }, now, today);
}

export type InitiativeAssets = {
  neighbourhoodId: string;
  assets: { id: string; category: AssetCategory; name: string; description: string; lastConfirmedOn: string; stale: boolean }[];
};

/** The active assets an initiative leans on, by category and name. */
export function initiativeAssetsRead(db: Db, initiativeId: string) {
  return db
    .select({
      id: assets.id,
      category: assets.category,
      name: assets.name,
      description: assets.description,
      lastConfirmedOn: assets.lastConfirmedOn,
    })
    .from(assetInitiatives)
    .innerJoin(assets, eq(assets.id, assetInitiatives.assetId))
    .where(and(eq(assetInitiatives.initiativeId, initiativeId), isNull(assets.archivedAt)))
    .orderBy(asc(assets.category), asc(assets.name));
}

export function initiativeAssetsFrom(
  neighbourhoodId: string,
  rows: Awaited<ReturnType<typeof initiativeAssetsRead>>,
  today?: string,
): InitiativeAssets {
  return { neighbourhoodId, assets: rows.map((r) => ({ ...r, stale: today ? isAssetStale(r.lastConfirmedOn, today) : false })) };
}

/** For the initiative page: the active assets it leans on (one statement). */
export async function loadAssetsForInitiative(db: Db, initiativeId: string, today?: string): Promise<InitiativeAssets> {
  const rows = await readTogether(db, {
    hood: db.select({ neighbourhoodId: initiatives.neighbourhoodId }).from(initiatives).where(eq(initiatives.id, initiativeId)),
    assets: initiativeAssetsRead(db, initiativeId),
  });
  return initiativeAssetsFrom(rows.hood[0]?.neighbourhoodId ?? "", rows.assets, today);
}

/** A return address after a form: only a local page under an initiative or a neighbourhood. */
export function safeBack(v: unknown): string | null {
  const local = safeNext(v);
  if (local === null) return null;
  return /^\/(initiatives|neighbourhoods)\/[\w-]+(\/[\w-]+)*(\?[\w=&-]*)?(#[\w-]+)?$/.test(local) ? local : null;
}

export const categoryKey = (c: AssetCategory) => `assets.category.${c}` as MessageKey;
