// What hangs under initiatives, read the same way for a neighbourhood's export (all its
// initiatives) and for one initiative's: a table added under initiatives is added here once and is
// in both. `batchNamed` runs named reads as one D1 batch and gives them back by name, so an export
// lists each table once (not once to read and again to return).
import { asc, inArray, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import * as s from "../../db/schema";

/** Which initiatives: a condition on a table's initiative_id column. */
export type InitiativeScope = (t: { initiativeId: SQLiteColumn }) => SQL | undefined;

/** The reads of the records under the initiatives in scope, by name. */
export function initiativeRecordReads(db: Db, inScope: InitiativeScope) {
  const activityIds = db.select({ id: s.activities.id }).from(s.activities).where(inScope(s.activities));
  const taskIds = db.select({ id: s.tasks.id }).from(s.tasks).where(inScope(s.tasks));
  const fundingIds = db.select({ id: s.fundingStreams.id }).from(s.fundingStreams).where(inScope(s.fundingStreams));
  const checkinIds = db.select({ id: s.checkins.id }).from(s.checkins).where(inScope(s.checkins));
  return {
    activities: db.select().from(s.activities).where(inScope(s.activities)).orderBy(asc(s.activities.createdAt)),
    involvements: db.select().from(s.involvements).where(inScope(s.involvements)).orderBy(asc(s.involvements.since)),
    fundingStreams: db.select().from(s.fundingStreams).where(inScope(s.fundingStreams)).orderBy(asc(s.fundingStreams.startsOn)),
    fundingActivities: db.select().from(s.fundingActivities).where(inArray(s.fundingActivities.fundingId, fundingIds)),
    commitments: db.select().from(s.commitments).where(inScope(s.commitments)).orderBy(asc(s.commitments.startsOn)),
    checkins: db.select().from(s.checkins).where(inScope(s.checkins)).orderBy(asc(s.checkins.year)),
    checkinNotes: db
      .select()
      .from(s.checkinNotes)
      .where(inArray(s.checkinNotes.checkinId, checkinIds))
      .orderBy(asc(s.checkinNotes.createdAt)),
    tasks: db.select().from(s.tasks).where(inScope(s.tasks)).orderBy(asc(s.tasks.createdAt)),
    taskAssignees: db.select().from(s.taskAssignees).where(inArray(s.taskAssignees.taskId, taskIds)),
    taskEvents: db.select().from(s.taskEvents).where(inArray(s.taskEvents.taskId, taskIds)).orderBy(asc(s.taskEvents.createdAt)),
    riskEvents: db
      .select()
      .from(s.riskEvents)
      .where(inArray(s.riskEvents.activityId, activityIds))
      .orderBy(asc(s.riskEvents.on), asc(s.riskEvents.createdAt)),
    volunteerMessages: db
      .select()
      .from(s.volunteerMessages)
      .where(inScope(s.volunteerMessages))
      .orderBy(asc(s.volunteerMessages.createdAt)),
  };
}

/** Runs named reads as one batch; the results come back under the same names, in the same order. */
export async function batchNamed<T extends Record<string, BatchItem<"sqlite">>>(
  db: Db,
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(reads);
  const results = await db.batch(Object.values(reads) as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as { [K in keyof T]: Awaited<T[K]> };
}
