// Factories for the maintenance-task tests: the records a task can hang on, and tasks themselves.
import * as s from "../../src/db/schema";
import type { InitiativeRef } from "../../src/domain/tasks/tasks";
import { db, makePerson } from "./factories";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };

export function ref(initiative: { id: string; neighbourhoodId: string; name: string }): InitiativeRef {
  return { id: initiative.id, neighbourhoodId: initiative.neighbourhoodId, name: initiative.name };
}

export async function makeActivity(initiativeId: string, over: Partial<typeof s.activities.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), initiativeId, name: "Koffieochtend", ...stamp, ...over };
  await db.insert(s.activities).values(row);
  return row;
}

export async function makeFunding(initiativeId: string, over: Partial<typeof s.fundingStreams.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    sourceName: "Wijkbudget",
    kind: "wijkbudget" as const,
    startsOn: "2026-01-01",
    endsOn: "2027-06-30" as string | null,
    reportDueOn: null as string | null,
    ...stamp,
    ...over,
  };
  await db.insert(s.fundingStreams).values(row);
  return row;
}

export async function makeFacility(neighbourhoodId: string, over: Partial<typeof s.facilities.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    neighbourhoodId,
    name: "Buurthuis De Linde",
    agreementEndsOn: null as string | null,
    ...stamp,
    ...over,
  };
  await db.insert(s.facilities).values(row);
  return row;
}

/** A person involved in the initiative (a volunteer), so they may be assigned tasks. */
export async function makeVolunteer(
  initiativeId: string,
  over: Partial<typeof s.involvements.$inferInsert> = {},
  name = "Vera Vrijwilliger",
) {
  const person = await makePerson({ name });
  await db
    .insert(s.involvements)
    .values({ id: crypto.randomUUID(), personId: person.id, initiativeId, since: "2025-01-01", ...stamp, ...over });
  return person;
}

export async function makeTask(initiativeId: string, over: Partial<typeof s.tasks.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    subjectType: "initiative" as const,
    subjectId: initiativeId,
    title: "AED controleren",
    scheduleKind: "interval" as const,
    dueOn: "2026-03-31" as string | null,
    intervalCount: 1 as number | null,
    intervalUnit: "month" as const,
    intervalFrom: "due" as const,
    assigneeRoles: '["key_holder"]',
    ...stamp,
    ...over,
  };
  await db.insert(s.tasks).values(row);
  return row;
}

/** A coordinator of some other initiative (must be refused here). */
export async function makeOtherCoordinator(otherInitiativeId: string) {
  const person = await makePerson({ name: "Olga Anderinitiatief" });
  await db.insert(s.initiativeCoordinators).values({ initiativeId: otherInitiativeId, personId: person.id });
  return person;
}
