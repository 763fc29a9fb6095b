// Partner organisations (gemeente, woningcorporatie, fonds …) and the neighbourhoods they are
// linked to: a link lets the partner's people read that neighbourhood.
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { PARTNER_KINDS, neighbourhoods, partnerMembers, partnerNeighbourhoods, partnerOrgs } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { MessageKey } from "../../i18n";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { setArchived } from "../archive";

export { PARTNER_KINDS };
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export type PartnerRow = typeof partnerOrgs.$inferSelect;
export type PartnerWithLinks = PartnerRow & { neighbourhoodIds: string[]; memberCount: number };

const MAX_LINKS = 50;

const partnerFields = {
  name: f.requiredText("partners.name", 120),
  kind: f.choice("partners.kind", PARTNER_KINDS),
  neighbourhoodIds: f.idList("partners.neighbourhoods", { max: MAX_LINKS }),
};

/** A partner organisation: its fields, once, for the admin form, the API and PATCH. */
export const partnerContract = defineContract({ name: "Partner", fields: partnerFields });
export type PartnerInput = Values<typeof partnerFields>;
export type PartnerFormValues = FormValues<typeof partnerFields>;

export const partnerKindKey = (k: PartnerKind) => `partners.kind.${k}` as MessageKey;

/** Only neighbourhoods that exist may be linked: an unknown id is a form error, not a crash. */
export async function checkPartnerNeighbourhoods(db: Db, ids: string[]): Promise<FieldErrors> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  if (wanted.length > MAX_LINKS) return { neighbourhoodIds: "ws.error.tooMany" };
  const found = await db.select({ id: neighbourhoods.id }).from(neighbourhoods).where(inArray(neighbourhoods.id, wanted));
  return found.length === wanted.length ? {} : { neighbourhoodIds: "partners.error.neighbourhood" };
}

/** The admin form: parsed by the contract, then checked against the database. */
export async function validatePartner(
  db: Db,
  body: Record<string, unknown>,
  update: true,
): Promise<Parsed<PartnerInput & { version: number }>>;
export async function validatePartner(db: Db, body: Record<string, unknown>, update: false): Promise<Parsed<PartnerInput>>;
export async function validatePartner(db: Db, body: Record<string, unknown>, update: boolean): Promise<Parsed<PartnerInput>> {
  return checkPartner(db, update ? partnerContract.parseFormUpdate(body) : partnerContract.parseForm(body));
}

/** Checks parsed values against the database (the neighbourhoods exist); the values, or the errors. */
export async function checkPartner<T extends PartnerInput>(db: Db, parsed: Parsed<T>): Promise<Parsed<T>> {
  if (!parsed.ok) return parsed;
  const errors = await checkPartnerNeighbourhoods(db, parsed.data.neighbourhoodIds);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

/** Neighbourhoods a partner can be linked to (archived ones marked, shown only when linked). */
export function neighbourhoodOptions(db: Db) {
  return db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name, archivedAt: neighbourhoods.archivedAt })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name));
}

export async function listPartners(db: Db): Promise<PartnerWithLinks[]> {
  const [rows, links, members] = await db.batch([
    db.select().from(partnerOrgs).orderBy(asc(partnerOrgs.name)),
    db.select().from(partnerNeighbourhoods),
    db
      .select({ partnerId: partnerMembers.partnerId, n: sql<number>`count(*)` })
      .from(partnerMembers)
      .groupBy(partnerMembers.partnerId),
  ]);
  return rows.map((p) => ({
    ...p,
    neighbourhoodIds: links.filter((l) => l.partnerId === p.id).map((l) => l.neighbourhoodId),
    memberCount: Number(members.find((m) => m.partnerId === p.id)?.n ?? 0),
  }));
}

export async function getPartner(db: Db, id: string): Promise<PartnerWithLinks | null> {
  const [rows, links, members] = await db.batch([
    db.select().from(partnerOrgs).where(eq(partnerOrgs.id, id)),
    db.select().from(partnerNeighbourhoods).where(eq(partnerNeighbourhoods.partnerId, id)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(partnerMembers)
      .where(eq(partnerMembers.partnerId, id)),
  ]);
  const p = rows[0];
  const neighbourhoodIds = links.map((l) => l.neighbourhoodId).sort();
  return p ? { ...p, neighbourhoodIds, memberCount: Number(members[0]?.n ?? 0) } : null;
}

function linkRows(db: Db, partnerId: string, ids: string[]) {
  return [...new Set(ids)].map((neighbourhoodId) => db.insert(partnerNeighbourhoods).values({ partnerId, neighbourhoodId }));
}

export async function createPartner(db: Db, input: PartnerInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.batch([
    db
      .insert(partnerOrgs)
      .values({ id, name: input.name, kind: input.kind, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    ...linkRows(db, id, input.neighbourhoodIds),
    audit(
      db,
      {
        actorId,
        entity: "partner",
        entityId: id,
        action: "create",
        changes: { name: input.name, kind: input.kind, neighbourhoodIds: [...new Set(input.neighbourhoodIds)].sort() },
      },
      now,
    ),
  ]);
  return id;
}

/** Replaces name, kind and linked neighbourhoods; throws StaleVersionError when someone saved in between. */
export async function updatePartner(
  db: Db,
  before: PartnerWithLinks,
  input: PartnerInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const neighbourhoodIds = [...new Set(input.neighbourhoodIds)].sort();
  const links = [
    db.delete(partnerNeighbourhoods).where(eq(partnerNeighbourhoods.partnerId, before.id)),
    ...linkRows(db, before.id, neighbourhoodIds),
  ];
  const set = { name: input.name, kind: input.kind };
  await updateVersioned(
    db,
    partnerOrgs,
    { before, version: input.version, set, actorId, entity: "partner", with: links, audited: { neighbourhoodIds } },
    now,
  );
  // A commitment's ending is explained with the partner's name: those judgements follow a new name.
  if (set.name !== before.name) await rejudgeAfterWrite(db, { partnerIds: [before.id] }, now);
}

export async function setPartnerArchived(db: Db, before: PartnerRow, archive: boolean, actorId: string | null, now: Date) {
  await setArchived(db, partnerOrgs, { before, archive, actorId, entity: "partner" }, now);
}
