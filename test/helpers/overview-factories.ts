// Rows for the overview tests: everything an overview counts, with the fields that matter given.
import * as s from "../../src/db/schema";
import { deriveRollup } from "../../src/domain/overview/rollup";
import { db } from "./factories";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };
const id = () => crypto.randomUUID();

export async function activity(initiativeId: string, name: string, over: Partial<typeof s.activities.$inferInsert> = {}) {
  const row = { id: id(), initiativeId, name, ...stamp, ...over };
  await db.insert(s.activities).values(row);
  return row;
}

export async function stream(initiativeId: string, over: Partial<typeof s.fundingStreams.$inferInsert>, activityIds: string[] = []) {
  const row = {
    id: id(),
    initiativeId,
    sourceName: "Fonds",
    kind: "fund" as const,
    amountCentsPerYear: 100_000,
    startsOn: "2025-01-01",
    endsOn: null as string | null,
    status: "granted" as const,
    ...stamp,
    ...over,
  };
  await db.insert(s.fundingStreams).values(row);
  for (const activityId of activityIds) await db.insert(s.fundingActivities).values({ fundingId: row.id, activityId });
  return row;
}

export async function person(name: string, over: Partial<typeof s.people.$inferInsert> = {}) {
  const row = { id: id(), name, ...stamp, ...over };
  await db.insert(s.people).values(row);
  return row;
}

export async function involvement(personId: string, initiativeId: string, since: string, until: string | null = null, rowId = id()) {
  await db.insert(s.involvements).values({ id: rowId, personId, initiativeId, since, until, ...stamp });
}

export async function checkin(initiativeId: string, year: number, status: (typeof s.INITIATIVE_STATUSES)[number], rowId = id()) {
  await db.insert(s.checkins).values({ id: rowId, initiativeId, year, status, ...stamp });
}

export async function risk(
  act: { id: string; initiativeId: string },
  neighbourhoodId: string,
  level: (typeof s.RISK_LEVELS)[number],
  over: { flags?: unknown[]; runwayMonths?: number | null; levelSince?: string } = {},
) {
  await db.insert(s.activityRisks).values({
    activityId: act.id,
    initiativeId: act.initiativeId,
    neighbourhoodId,
    level,
    flags: JSON.stringify(over.flags ?? []),
    runwayMonths: over.runwayMonths ?? null,
    levelSince: over.levelSince ?? "2026-01-01",
    judgedOn: "2026-05-15",
  });
}

export async function commitment(partnerId: string, initiativeId: string, over: Partial<typeof s.commitments.$inferInsert> = {}) {
  const row = {
    id: id(),
    partnerId,
    initiativeId,
    kind: "hours" as const,
    description: "Uren opbouwwerk",
    startsOn: "2025-01-01",
    ...stamp,
    ...over,
  };
  await db.insert(s.commitments).values(row);
  return row;
}

export async function facility(neighbourhoodId: string, name: string, over: Partial<typeof s.facilities.$inferInsert> = {}) {
  const row = { id: id(), neighbourhoodId, name, ...stamp, ...over };
  await db.insert(s.facilities).values(row);
  return row;
}

export async function asset(
  neighbourhoodId: string,
  category: (typeof s.ASSET_CATEGORIES)[number],
  name: string,
  over: Partial<typeof s.assets.$inferInsert> = {},
) {
  const row = { id: id(), neighbourhoodId, category, name, lastConfirmedOn: "2026-01-01", ...stamp, ...over };
  await db.insert(s.assets).values(row);
  return row;
}

export async function coordinate(initiativeId: string, personId: string) {
  await db.insert(s.initiativeCoordinators).values({ initiativeId, personId });
}

export async function linkPartner(partnerId: string, neighbourhoodId: string) {
  await db.insert(s.partnerNeighbourhoods).values({ partnerId, neighbourhoodId });
}

/** A D1 binding that counts what the app sends to it: statements prepared and batches. */
export function countingD1(real: D1Database) {
  const counts = { prepared: 0, batches: 0, statementsInBatches: 0 };
  const binding = {
    prepare(query: string) {
      counts.prepared++;
      return real.prepare(query);
    },
    batch<T>(statements: D1PreparedStatement[]) {
      counts.batches++;
      counts.statementsInBatches += statements.length;
      return real.batch<T>(statements);
    },
    exec(query: string) {
      counts.prepared++;
      return real.exec(query);
    },
    dump() {
      return real.dump();
    },
    withSession(...args: Parameters<D1Database["withSession"]>) {
      return real.withSession(...args);
    },
  };
  return { binding: binding as unknown as D1Database, counts };
}

/**
 * Runs `fn` with the overview's rollup derived for `today`, as the daily run keeps it, and removes
 * it afterwards: a test file shares its storage, and the other tests in it count live.
 */
export async function withRollup<T>(today: string, fn: () => Promise<T>): Promise<T> {
  await deriveRollup(db, today, new Date(`${today}T04:00:00.000Z`));
  try {
    return await fn();
  } finally {
    await db.batch([
      db.delete(s.overviewRollupState),
      db.delete(s.overviewYears),
      db.delete(s.overviewYearMoney),
      db.delete(s.overviewVolunteerSpread),
    ]);
  }
}
