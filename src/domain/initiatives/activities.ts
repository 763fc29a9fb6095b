// Activities: what actually happens, and the thing whose continuity we judge.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, facilities } from "../../db/schema";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { setArchived } from "../archive";

const activityFields = {
  name: f.requiredText("activities.name", 120),
  rhythm: f.textOrEmpty("activities.rhythm", 120),
  place: f.textOrEmpty("activities.place", 200),
  facilityId: f.optionalId("activities.facility"),
};

/** An activity: its fields, once, for the form, the API, PATCH and the import. */
export const activityContract = defineContract({ name: "Activity", fields: activityFields });
export type ActivityInput = Values<typeof activityFields>;
export type ActivityFormValues = FormValues<typeof activityFields>;
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

/** Throws StaleVersionError (writing nothing) when someone saved in between. */
export async function updateActivity(
  db: Db,
  scope: Scope,
  before: Row,
  input: ActivityInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  await updateVersioned(db, activities, { before, version, set, actorId, entity: "activity", ...scope }, now);
  await rejudgeAfterWrite(db, { activityIds: [before.id] }, now);
}

export async function setActivityArchived(db: Db, scope: Scope, before: Row, archived: boolean, actorId: string | null, now: Date) {
  await setArchived(db, activities, { before, archive: archived, actorId, entity: "activity", ...scope }, now);
  await rejudgeAfterWrite(db, { activityIds: [before.id] }, now);
}
