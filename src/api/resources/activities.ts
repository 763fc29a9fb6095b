// Activities of an initiative, with the screens' rules (activitySchema; a facility of the
// initiative's own neighbourhood only).
import { and } from "drizzle-orm";
import * as z from "zod";
import { activities } from "../../db/schema";
import { activitySchema, checkFacility, createActivity, setActivityArchived, updateActivity } from "../../domain/initiatives/activities";
import { versionSchema } from "../../domain/initiatives/initiatives";
import type { ApiContext } from "../context";
import { assertNoErrors, createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, requireAdmin, underInitiatives } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Activities";
export const ActivityRecord = recordSchema("Activity", activities);
const fields = fieldsFrom(activitySchema.shape, ["name", "rhythm", "place", "facilityId"]);
const Create = createBody("Activity", { initiativeId: str, ...fields });
const Update = updateBody("Activity", fields);

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, activities, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  return { row, initiative, scope: { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId } };
}

export function activityRoutes(app: ApiApp) {
  const query = { initiativeId: z.string().max(64).optional(), neighbourhoodId: z.string().max(64).optional() };
  register(
    app,
    listOp({
      id: "listActivities",
      path: "/activities",
      tag: TAG,
      summary: "List activities",
      item: ActivityRecord,
      name: "Activity",
      query,
    }),
    async (c) => {
      const q = valid<PageParams & { archived: "exclude" | "include" | "only"; initiativeId?: string; neighbourhoodId?: string }>(
        c,
        "query",
      );
      const where = and(...(await underInitiatives(c, activities.initiativeId, q)), archivedWhere(activities.archivedAt, q.archived));
      return json(c, await keysetPage(c.var.db, activities, where, q));
    },
  );

  register(
    app,
    getOp({ id: "getActivity", path: "/activities/{id}", tag: TAG, summary: "Get an activity", item: ActivityRecord }),
    async (c) => json(c, (await load(c, valid<{ id: string }>(c, "param").id)).row),
  );

  register(
    app,
    writeOp({
      id: "createActivity",
      method: "post",
      path: "/activities",
      tag: TAG,
      summary: "Create an activity (admin)",
      body: Create,
      item: ActivityRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { initiativeId: string }>(c, "json");
      const initiative = await initiativeFromBody(c, body.initiativeId, true);
      const { initiativeId: _i, ...rest } = withoutNulls(body);
      const input = domainParse(activitySchema, rest);
      assertNoErrors(await checkFacility(db, initiative.neighbourhoodId, input.facilityId));
      const id = await createActivity(
        db,
        { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId },
        input,
        principal.actorId,
        now,
      );
      return json(c, await byId(db, activities, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateActivity",
      method: "patch",
      path: "/activities/{id}",
      tag: TAG,
      summary: "Change an activity (admin)",
      body: Update,
      item: ActivityRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const { row, initiative, scope } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const current = { name: row.name, rhythm: row.rhythm, place: row.place, facilityId: row.facilityId };
      const input = domainParse(
        activitySchema.and(versionSchema),
        withoutNulls({ ...current, ...valid<Record<string, unknown>>(c, "json") }),
      );
      assertNoErrors(await checkFacility(db, initiative.neighbourhoodId, input.facilityId));
      await versioned(
        () => updateActivity(db, scope, row, input, principal.actorId, now),
        () => byId(db, activities, row.id),
      );
      return json(c, await byId(db, activities, row.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveActivity" : "restoreActivity",
      method: "post",
      path: `/activities/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive an activity (admin)" : "Restore an activity (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: ActivityRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const { row, scope } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, row, row);
      await setActivityArchived(db, scope, row, archive, principal.actorId, now);
      return json(c, await byId(db, activities, row.id));
    });
  }
}
