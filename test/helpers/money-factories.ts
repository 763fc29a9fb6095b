// Factories for money and places: activities to link, streams, commitments, facilities.
import * as s from "../../src/db/schema";
import { db, makePartner, makePerson } from "./factories";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };

export async function makeActivity(initiativeId: string, over: Partial<typeof s.activities.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), initiativeId, name: "Buurtmaaltijd", ...stamp, ...over };
  await db.insert(s.activities).values(row);
  return row;
}

export async function makeFunding(
  initiativeId: string,
  over: Partial<typeof s.fundingStreams.$inferInsert> = {},
  activityIds: string[] = [],
) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    sourceName: "Fonds Sociale Samenhang",
    kind: "fund" as const,
    amountCentsPerYear: 250_000,
    startsOn: "2026-01-01",
    endsOn: "2027-06-30",
    status: "granted" as const,
    ...stamp,
    ...over,
  };
  await db.insert(s.fundingStreams).values(row);
  for (const activityId of activityIds) await db.insert(s.fundingActivities).values({ fundingId: row.id, activityId });
  return row;
}

export async function makeCommitment(initiativeId: string, partnerId: string, over: Partial<typeof s.commitments.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    partnerId,
    kind: "hours" as const,
    description: "4 uur per week opbouwwerker",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    ...stamp,
    ...over,
  };
  await db.insert(s.commitments).values(row);
  return row;
}

export async function makeFacility(neighbourhoodId: string, over: Partial<typeof s.facilities.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    neighbourhoodId,
    name: "Buurthuis De Linde",
    kind: "buurthuis",
    agreement: "bruikleenovereenkomst",
    agreementEndsOn: "2026-09-30",
    ...stamp,
    ...over,
  };
  await db.insert(s.facilities).values(row);
  return row;
}

/** Someone who coordinates this initiative (and nothing else). */
export async function makeCoordinatorOf(initiativeId: string, name = "Coco Andere") {
  const person = await makePerson({ name });
  await db.insert(s.initiativeCoordinators).values({ initiativeId, personId: person.id });
  return person;
}

/** A member of a new partner organisation linked to this neighbourhood. */
export async function makePartnerMemberIn(neighbourhoodId: string, orgName = "Welzijn Elders") {
  const org = await makePartner({ name: orgName, kind: "welfare" });
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: org.id, neighbourhoodId });
  const person = await makePerson({ name: `Lid van ${orgName}` });
  await db.insert(s.partnerMembers).values({ partnerId: org.id, personId: person.id });
  return { org, person };
}
