// The kinds of help residents can tick when they offer to help (koken, penningmeester, vervoer, …):
// one list for the whole deployment, kept by admins (/admin/offer-tags). A kind of help may name the
// volunteer role it fills, so "Wie kan helpen?" finds the right offers for a key-person flag.
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { offerTags, type Locale } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { ROLE_KEYS } from "../people/involvements";
import { audit } from "../audit";
import { updateVersioned } from "../versioned-update";
import { setArchived } from "../archive";

export type OfferTag = typeof offerTags.$inferSelect;

const tagFields = {
  name: f.requiredText("offers.tag.name", 40),
  nameEn: f.textOrEmpty("offers.tag.nameEn", 40),
  role: f.optionalChoice("offers.tag.role", ROLE_KEYS),
};

/** A kind of help: its fields, once, for the admin's form and the API. */
export const offerTagContract = defineContract({ name: "OfferTag", fields: tagFields });
export type OfferTagInput = Values<typeof tagFields>;
export type OfferTagFormValues = FormValues<typeof tagFields>;

/** The name in the reader's language (the Dutch one when there is no English name). */
export function tagLabel(tag: { name: string; nameEn: string }, locale: Locale): string {
  return locale === "en" && tag.nameEn ? tag.nameEn : tag.name;
}

/** Every kind of help, the ones in use first, each by name. */
export function listTags(db: Db) {
  return db
    .select()
    .from(offerTags)
    .orderBy(sql`${offerTags.archivedAt} IS NOT NULL`, asc(offerTags.name));
}

/** The kinds of help residents can tick now (not archived), by name. */
export async function activeTags(db: Db): Promise<OfferTag[]> {
  return (await listTags(db)).filter((t) => !t.archivedAt);
}

export async function getTag(db: Db, id: string): Promise<OfferTag | null> {
  return (await db.query.offerTags.findFirst({ where: eq(offerTags.id, id) })) ?? null;
}

/** A name is one kind of help: "Koken" and "koken " are the same. */
async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: offerTags.id })
    .from(offerTags)
    .where(sql`lower(trim(${offerTags.name})) = ${name.trim().toLowerCase()}`);
  return rows.some((r) => r.id !== exceptId);
}

/** Parses and checks the form or API values: the name must be new. */
export async function checkTag<T extends OfferTagInput>(db: Db, parsed: Parsed<T>, exceptId?: string): Promise<Parsed<T>> {
  if (!parsed.ok) return parsed;
  const errors: FieldErrors = (await nameTaken(db, parsed.data.name, exceptId)) ? { name: "offers.tag.error.taken" } : {};
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

export async function createTag(db: Db, input: OfferTagInput, actorId: string | null, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.batch([
    db.insert(offerTags).values({ id, ...input, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    audit(db, { actorId, entity: "offer_tag", entityId: id, action: "create", changes: input }, now),
  ]);
  return id;
}

/** Throws StaleVersionError when someone saved in between. */
export async function updateTag(db: Db, before: OfferTag, input: OfferTagInput & { version: number }, actorId: string | null, now: Date) {
  const { version, ...set } = input;
  await updateVersioned(db, offerTags, { before, version, set, actorId, entity: "offer_tag" }, now);
}

/** An archived kind of help is no longer offered on the form; offers that have it keep it. */
export async function setTagArchived(db: Db, before: OfferTag, archive: boolean, actorId: string | null, now: Date) {
  await setArchived(db, offerTags, { before, archive, actorId, entity: "offer_tag" }, now);
}
