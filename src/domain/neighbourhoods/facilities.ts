// Facilities (voorzieningen) of a neighbourhood: the places activities happen, who owns them and
// the agreement that lets residents use them, with the date that agreement ends.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, facilities, initiatives, partnerOrgs, RENEWAL_STATES } from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { endsWithin, type Option } from "../money/fundings";
import { setArchived } from "../archive";

export type FacilityRow = typeof facilities.$inferSelect;

/** Suggestions for the kind field; people may type anything else. */
export const FACILITY_KIND_SUGGESTIONS = [
  "buurthuis",
  "moestuin",
  "speeltuin",
  "ruilkast",
  "buurtkamer",
  "sportveld",
  "werkplaats",
  "AED-kast",
] as const;

const facilityFields = {
  name: f.requiredText("money.facility.name", 120),
  kind: f.textOrEmpty("money.facility.kind", 60),
  ownerPartnerId: f.optionalId("money.facility.owner"),
  agreement: f.textOrEmpty("money.facility.agreement", 500),
  agreementEndsOn: f.optionalDate("money.facility.agreementEndsOn"),
  renewalState: f.choice("money.renewal", RENEWAL_STATES, { fallback: "none" }),
};

/** A facility: its fields, once, for the form, the API and PATCH. */
export const facilityContract = defineContract({ name: "Facility", fields: facilityFields });
export type FacilityInput = Values<typeof facilityFields>;
export type FacilityFormValues = FormValues<typeof facilityFields>;

/** {id, name} of the neighbourhood's facilities in use, for selects (e.g. the activity form). */
export async function listFacilityOptions(db: Db, neighbourhoodId: string): Promise<Option[]> {
  return db
    .select({ id: facilities.id, name: facilities.name })
    .from(facilities)
    .where(and(eq(facilities.neighbourhoodId, neighbourhoodId), isNull(facilities.archivedAt)))
    .orderBy(asc(facilities.name));
}

/** Partner organisations to choose as owner; the current owner stays choosable even when archived. */
export async function ownerOptions(db: Db, currentOwnerId?: string | null): Promise<Option[]> {
  const rows = await db
    .select({ id: partnerOrgs.id, name: partnerOrgs.name, archivedAt: partnerOrgs.archivedAt })
    .from(partnerOrgs)
    .orderBy(asc(partnerOrgs.name));
  return rows.filter((r) => !r.archivedAt || r.id === currentOwnerId).map((r) => ({ id: r.id, name: r.name }));
}

export async function checkFacilityLinks(db: Db, input: { ownerPartnerId: string | null }): Promise<FieldErrors> {
  if (!input.ownerPartnerId) return {};
  const owner = await db.select({ id: partnerOrgs.id }).from(partnerOrgs).where(eq(partnerOrgs.id, input.ownerPartnerId));
  return owner[0] ? {} : { ownerPartnerId: "form.unknownOption" };
}

/** A facility of this neighbourhood, or null (also when it belongs to another neighbourhood). */
export async function getFacility(db: Db, neighbourhoodId: string, id: string): Promise<FacilityRow | null> {
  const row = await db.query.facilities.findFirst({ where: and(eq(facilities.id, id), eq(facilities.neighbourhoodId, neighbourhoodId)) });
  return row ?? null;
}

export async function createFacility(db: Db, neighbourhoodId: string, input: FacilityInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const fields = { ...input };
  await db.batch([
    db.insert(facilities).values({ id, neighbourhoodId, ...fields, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    audit(db, { actorId, entity: "facility", entityId: id, action: "create", neighbourhoodId, changes: fields }, now),
  ]);
  return id;
}

/** Throws StaleVersionError (writing nothing) when someone saved in between. */
export async function updateFacility(
  db: Db,
  before: FacilityRow,
  input: FacilityInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  await updateVersioned(
    db,
    facilities,
    { before, version, set, actorId, entity: "facility", neighbourhoodId: before.neighbourhoodId },
    now,
  );
  await rejudgeAfterWrite(db, { facilityIds: [before.id] }, now);
}

export async function setFacilityArchived(db: Db, before: FacilityRow, archived: boolean, actorId: string | null, now: Date) {
  const where = { within: eq(facilities.neighbourhoodId, before.neighbourhoodId), neighbourhoodId: before.neighbourhoodId };
  await setArchived(db, facilities, { before, archive: archived, actorId, entity: "facility", ...where }, now);
  await rejudgeAfterWrite(db, { facilityIds: [before.id] }, now);
}

// ---- the section on the neighbourhood page ----

export type FacilityItem = FacilityRow & {
  ownerName: string | null;
  /** The agreement ends between today and 180 days from now. */
  endingSoon: boolean;
  /** The agreement's end date has passed. */
  ended: boolean;
  activities: { id: string; name: string; initiativeId: string; initiativeName: string }[];
};
export type FacilitiesSectionData = { facilities: FacilityItem[]; archived: FacilityItem[] };

/** The neighbourhood's facilities with owner and the activities held there; two queries in one round trip. */
export async function loadFacilitiesSection(db: Db, neighbourhoodId: string, today: string): Promise<FacilitiesSectionData> {
  // Inside db.batch D1 returns rows as objects keyed by column name, so joined columns that share
  // a name ("id", "name") would overwrite each other: every such column gets its own alias.
  const [rows, used] = await db.batch([
    db
      .select({ f: facilities, ownerName: sql<string | null>`${partnerOrgs.name}`.as("owner_name") })
      .from(facilities)
      .leftJoin(partnerOrgs, eq(partnerOrgs.id, facilities.ownerPartnerId))
      .where(eq(facilities.neighbourhoodId, neighbourhoodId))
      .orderBy(asc(facilities.name)),
    db
      .select({
        facilityId: activities.facilityId,
        id: activities.id,
        name: activities.name,
        initiativeId: activities.initiativeId,
        initiativeName: sql<string>`${initiatives.name}`.as("initiative_name"),
      })
      .from(activities)
      .innerJoin(facilities, eq(facilities.id, activities.facilityId))
      .innerJoin(initiatives, eq(initiatives.id, activities.initiativeId))
      .where(and(eq(facilities.neighbourhoodId, neighbourhoodId), isNull(activities.archivedAt), isNull(initiatives.archivedAt)))
      .orderBy(asc(activities.name)),
  ]);
  const items: FacilityItem[] = rows.map((r) => ({
    ...r.f,
    ownerName: r.ownerName,
    endingSoon: !r.f.archivedAt && endsWithin(r.f.agreementEndsOn, today),
    ended: r.f.agreementEndsOn !== null && r.f.agreementEndsOn < today,
    activities: used.filter((u) => u.facilityId === r.f.id).map(({ facilityId: _, ...a }) => a),
  }));
  return { facilities: items.filter((i) => !i.archivedAt), archived: items.filter((i) => !!i.archivedAt) };
}
