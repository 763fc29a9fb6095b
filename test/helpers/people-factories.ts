// Factories for volunteers and yearly check-ins. Every test makes its own rows.
import * as s from "../../src/db/schema";
import { todayInAmsterdam, yearOf } from "../../src/lib/dates";
import { db, makePartner, makePerson } from "./factories";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };

/** The calendar year the routes see as "this year" (Amsterdam time, like the app). */
export const thisYear = () => yearOf(todayInAmsterdam(new Date()));

export async function makeActivity(initiativeId: string, over: Partial<typeof s.activities.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), initiativeId, name: "Moestuindag", ...stamp, ...over };
  await db.insert(s.activities).values(row);
  return row;
}

export async function makeInvolvement(initiativeId: string, personId: string, over: Partial<typeof s.involvements.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    personId,
    role: "volunteer",
    critical: false,
    since: "2024-01-01",
    until: null,
    ...stamp,
    ...over,
  };
  await db.insert(s.involvements).values(row);
  return row;
}

export async function makeCheckin(initiativeId: string, year: number, over: Partial<typeof s.checkins.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    year,
    status: "active" as const,
    volunteers: 7,
    peopleReached: 120,
    wentWell: "De oogst was goed.",
    story: "Mevrouw Jansen kwam elke week.",
    ...stamp,
    ...over,
  };
  await db.insert(s.checkins).values(row);
  return row;
}

/** A coordinator of another initiative (in another neighbourhood). */
export async function makeCoordinatorOf(initiativeId: string) {
  const person = await makePerson({ name: "Olga Anderscoördinator" });
  await db.insert(s.initiativeCoordinators).values({ initiativeId, personId: person.id });
  return person;
}

/** A partner person linked to this neighbourhood only. */
export async function makePartnerPersonIn(neighbourhoodId: string) {
  const partner = await makePartner({ name: "Welzijn Elders" });
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId });
  const person = await makePerson({ name: "Paula Elders" });
  await db.insert(s.partnerMembers).values({ partnerId: partner.id, personId: person.id });
  return person;
}
