// Activities of an initiative, with the screens' rules: the fields are the domain's contract
// (activityContract); a facility of the initiative's own neighbourhood only.
import { and } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { activities } from "../../db/schema";
import { activityContract, checkFacility, createActivity, setActivityArchived, updateActivity } from "../../domain/initiatives/activities";
import type { ApiContext } from "../context";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, underInitiatives } from "../scope";
import { accepted, archiveRoutes, assertNoErrors, checkVersion, str, versioned } from "./common";

const TAG = "Activities";
export const ActivityRecord = recordSchema("Activity", activities);

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, activities, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  return { row, initiative, scope: { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId } };
}

export function registerActivitiesApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/activities", { id: "listActivities", tag: TAG, summary: "List activities" }),
    request: { query: listQuery({ initiativeId: z.string().max(64).optional(), neighbourhoodId: z.string().max(64).optional() }) },
    responses: listed("Activity", ActivityRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(...(await underInitiatives(c, activities.initiativeId, q)), archivedWhere(activities.archivedAt, q.archived));
    return c.json(await keysetPage(c.var.db, activities, where, q), 200);
  });

  const get = createRoute({
    ...op("get", "/activities/{id}", { id: "getActivity", tag: TAG, summary: "Get an activity" }),
    request: { params: idParams },
    responses: found(ActivityRecord),
  });
  app.openapi(get, async (c) => c.json((await load(c, c.req.valid("param").id)).row, 200));

  const create = createRoute({
    ...op("post", "/activities", { id: "createActivity", tag: TAG, summary: "Create an activity (admin)" }),
    request: { body: jsonBody(activityContract.createBody({ initiativeId: str })) },
    responses: changed(ActivityRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { initiativeId, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(activityContract.fromJson(json));
    assertNoErrors(await checkFacility(db, initiative.neighbourhoodId, input.facilityId));
    const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
    const id = await createActivity(db, scope, input, principal.actorId, now);
    return c.json(await byId(db, activities, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/activities/{id}", { id: "updateActivity", tag: TAG, summary: "Change an activity (admin)" }),
    request: { params: idParams, body: jsonBody(activityContract.updateBody()) },
    responses: changed(ActivityRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const { row, initiative, scope } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(activityContract.fromJson(patch, activityContract.stored(row)));
    assertNoErrors(await checkFacility(db, initiative.neighbourhoodId, input.facilityId));
    await versioned(
      () => updateActivity(db, scope, row, { ...input, version }, principal.actorId, now),
      () => byId(db, activities, row.id),
    );
    return c.json(await byId(db, activities, row.id), 200);
  });

  archiveRoutes(app, {
    path: "/activities",
    tag: TAG,
    noun: "Activity",
    what: "an activity (admin)",
    record: ActivityRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const { row, initiative, scope } = await load(c, id);
      requireAdmin(c);
      checkVersion(version, row, row);
      await setActivityArchived(db, scope, row, archive, principal.actorId, now);
      return byId(db, activities, row.id);
    },
  });
}
