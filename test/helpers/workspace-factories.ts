// Factories for the neighbourhood's assets and for people with a role in another neighbourhood.
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makePerson } from "./factories";

const at = "2026-01-01T00:00:00.000Z";

export async function makeAsset(neighbourhoodId: string, over: Partial<typeof s.assets.$inferInsert> = {}, initiativeIds: string[] = []) {
  const row = {
    id: crypto.randomUUID(),
    neighbourhoodId,
    category: "gifts" as const,
    name: "Fatma kookt voor veertig",
    lastConfirmedOn: "2026-01-01",
    createdAt: at,
    updatedAt: at,
    ...over,
  };
  await db.insert(s.assets).values(row);
  for (const initiativeId of initiativeIds) await db.insert(s.assetInitiatives).values({ assetId: row.id, initiativeId });
  return row;
}

/** A coordinator of the given initiative (used for "coordinator of another neighbourhood"). */
export async function makeCoordinatorOf(initiativeId: string, name = "Olga Overkant") {
  const person = await makePerson({ name });
  await db.insert(s.initiativeCoordinators).values({ initiativeId, personId: person.id });
  return person;
}

/** A partner organisation linked to the given neighbourhood, with one member. */
export async function makePartnerPersonFor(neighbourhoodId: string, name = "Pieter Elders") {
  const partner = { id: crypto.randomUUID(), name: "Fonds Elders", kind: "fund" as const, createdAt: at, updatedAt: at };
  await db.insert(s.partnerOrgs).values(partner);
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId });
  const person = await makePerson({ name });
  await db.insert(s.partnerMembers).values({ partnerId: partner.id, personId: person.id });
  return { partner, person };
}

export async function assetRow(id: string) {
  return db.query.assets.findFirst({ where: eq(s.assets.id, id) });
}

export async function auditFor(entityId: string) {
  return db.select().from(s.auditLog).where(eq(s.auditLog.entityId, entityId));
}
