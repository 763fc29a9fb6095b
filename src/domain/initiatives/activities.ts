// Activities: what actually happens, and the thing whose continuity we judge.
import { and, eq, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { activities, facilities } from "../../db/schema";
import { optionalText, requiredText, textString } from "../../lib/validation";
import { batchWithVersion, expectVersion } from "../../db/versioned";
import { audit, diff } from "../audit";
import { setArchived } from "../archive";
import { rejudgeAfterWrite } from "../risk/store";

export const activitySchema = z.object({
  name: requiredText(120),
  rhythm: optionalText(120).transform((v) => v ?? ""),
  place: optionalText(200).transform((v) => v ?? ""),
  facilityId: z.preprocess((v) => (v === "" ? null : v), textString().max(64, "form.tooLong").nullable().default(null)),
});
export type ActivityInput = z.output<typeof activitySchema>;
type Row = typeof activities.$inferSelect;
type Scope = { initiativeId: string; neighbourhoodId: string };

export async function getActivity(db: Db, initiativeId: string, id: string) {
  return (await db.query.activities.findFirst({ where: and(eq(activities.id, id), eq(activities.initiativeId, initiativeId)) })) ?? null;
}

/** A facility may only be one of the initiative's own neighbourhood. */
export async function checkFacility(db: Db, neighbourhoodId: string, facilityId: string | null) {
  if (!facilityId) return {};
  const row = await db.query.facilities.findFirst({
    where: and(eq(facilities.id, facilityId), eq(facilities.neighbourhoodId, neighbourhoodId)),
  });
  return row ? {} : { facilityId: "form.unknownOption" as const };
}

export async function createActivity(db: Db, scope: Scope, input: ActivityInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.batch([
    db
      .insert(activities)
      .values({ id, initiativeId: scope.initiativeId, ...input, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    audit(db, { actorId, entity: "activity", entityId: id, action: "create", ...scope, changes: { name: input.name } }, now),
  ]);
  await rejudgeAfterWrite(db, { activityIds: [id] }, now);
  return id;
}

export async function updateActivity(
  db: Db,
  scope: Scope,
  before: Row,
  input: ActivityInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...fields } = input;
  const at = now.toISOString();
  await batchWithVersion(db, [
    expectVersion(db, activities, before.id, version),
    db
      .update(activities)
      .set({ ...fields, version: sql`${activities.version} + 1`, updatedAt: at, updatedBy: actorId })
      .where(and(eq(activities.id, before.id), eq(activities.version, version))),
    audit(db, { actorId, entity: "activity", entityId: before.id, action: "update", ...scope, changes: diff(before, fields) }, now),
  ]);
  await rejudgeAfterWrite(db, { activityIds: [before.id] }, now);
}

export async function setActivityArchived(db: Db, scope: Scope, before: Row, archived: boolean, actorId: string | null, now: Date) {
  await setArchived(db, activities, { before, archive: archived, actorId, entity: "activity", ...scope }, now);
  await rejudgeAfterWrite(db, { activityIds: [before.id] }, now);
}
