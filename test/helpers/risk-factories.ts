// Rows for risk tests: an activity that depends on one funding stream.
import { db } from "./factories";
import * as s from "../../src/db/schema";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };

export async function makeActivity(initiativeId: string, name = "Wekelijkse maaltijd") {
  const row = { id: crypto.randomUUID(), initiativeId, name, ...stamp };
  await db.insert(s.activities).values(row);
  return row;
}

export async function makeFunding(initiativeId: string, activityIds: string[], over: Partial<typeof s.fundingStreams.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    sourceName: "Fonds Samen",
    kind: "fund" as const,
    amountCentsPerYear: 500_000,
    startsOn: "2025-01-01",
    endsOn: "2027-06-30",
    ...stamp,
    ...over,
  };
  await db.batch([
    db.insert(s.fundingStreams).values(row),
    ...activityIds.map((activityId) => db.insert(s.fundingActivities).values({ fundingId: row.id, activityId })),
  ]);
  return row;
}

export async function makeVolunteers(initiativeId: string, n: number, since = "2024-01-01") {
  for (let i = 0; i < n; i++) {
    const person = { id: crypto.randomUUID(), name: `Vrijwilliger ${i}`, ...stamp };
    await db.batch([
      db.insert(s.people).values(person),
      db.insert(s.involvements).values({ id: crypto.randomUUID(), personId: person.id, initiativeId, since, ...stamp }),
    ]);
  }
}
