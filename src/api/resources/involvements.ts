// Volunteer involvements: a person in an initiative with a role and an interval. They are never
// deleted (the intervals are the year-on-year history): "archiving" one is ending it (/ending).
// Records carry the person's id only; names and contact details are under /people (admins).
import { and, eq, isNull, gte, lte, or } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { involvements } from "../../db/schema";
import {
  checkEnding,
  checkInvolvementLinks,
  createInvolvement,
  createInvolvementSchema,
  EmailOfErasedPersonError,
  endInvolvement,
  endInvolvementSchema,
  getInvolvement,
  involvementOptions,
  updateInvolvement,
  updateInvolvementSchema,
} from "../../domain/people/involvements";
import type { ApiContext } from "../context";
import { dateField } from "../../lib/dates";
import { invalid, notFound } from "../errors";
import { assertNoErrors, createBody, domainParse, fieldsFrom, updateBody, version, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, requireAdmin, underInitiatives } from "../scope";
import { str, versioned } from "./common";

const TAG = "Involvements";
export const InvolvementRecord = recordSchema("Involvement", involvements);
const critical = z.boolean().optional().openapi({ description: "A critical role (treasurer, key holder, cook…)." });
const createFields = fieldsFrom(
  createInvolvementSchema.shape,
  ["personId", "name", "email", "phone", "role", "activityId", "since", "until"],
  { critical },
);
const updateFields = fieldsFrom(updateInvolvementSchema.shape, ["role", "activityId", "since", "until"], { critical });
const Create = createBody("Involvement", { initiativeId: str, ...createFields }).openapi({
  description:
    "Either `personId` (someone of the neighbourhood or already involved) or a new person's `name` (with optional email and phone). A known email links that person.",
});
const Update = updateBody("Involvement", updateFields);
const Ending = z.strictObject({ lastDay: endInvolvementSchema.shape.lastDay, version: version() }).openapi("InvolvementEnding");

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, involvements, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const full = await getInvolvement(c.var.db, initiative.id, id);
  if (!full) throw notFound();
  return { row, full, initiative };
}

export function involvementRoutes(app: ApiApp) {
  const query = {
    initiativeId: z.string().max(64).optional(),
    neighbourhoodId: z.string().max(64).optional(),
    personId: z.string().max(64).optional(),
    activeOn: dateField().optional().openapi({ description: "Only involvements running on this date (YYYY-MM-DD)." }),
  };
  register(
    app,
    listOp({
      id: "listInvolvements",
      path: "/involvements",
      tag: TAG,
      summary: "List volunteer involvements",
      item: InvolvementRecord,
      name: "Involvement",
      query,
      archived: false,
    }),
    async (c) => {
      const q = valid<PageParams & { initiativeId?: string; neighbourhoodId?: string; personId?: string; activeOn?: string }>(c, "query");
      const where = and(
        ...(await underInitiatives(c, involvements.initiativeId, q)),
        q.personId ? eq(involvements.personId, q.personId) : undefined,
        q.activeOn
          ? and(lte(involvements.since, q.activeOn), or(isNull(involvements.until), gte(involvements.until, q.activeOn)))
          : undefined,
      );
      return json(c, await keysetPage(c.var.db, involvements, where, q));
    },
  );

  register(
    app,
    getOp({ id: "getInvolvement", path: "/involvements/{id}", tag: TAG, summary: "Get an involvement", item: InvolvementRecord }),
    async (c) => json(c, (await load(c, valid<{ id: string }>(c, "param").id)).row),
  );

  register(
    app,
    writeOp({
      id: "createInvolvement",
      method: "post",
      path: "/involvements",
      tag: TAG,
      summary: "Add a volunteer to an initiative (admin)",
      body: Create,
      item: InvolvementRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { initiativeId: string }>(c, "json");
      const initiative = await initiativeFromBody(c, body.initiativeId, true);
      const { initiativeId: _i, ...rest } = withoutNulls(body);
      const input = domainParse(createInvolvementSchema, rest);
      assertNoErrors(checkInvolvementLinks(await involvementOptions(db, initiative), input));
      let created;
      try {
        created = await createInvolvement(db, initiative, input, principal.actorId, now);
      } catch (err) {
        if (err instanceof EmailOfErasedPersonError) throw invalid({ email: "form.emailTaken" });
        throw err;
      }
      return json(c, await byId(db, involvements, created.involvementId), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateInvolvement",
      method: "patch",
      path: "/involvements/{id}",
      tag: TAG,
      summary: "Change an involvement (admin)",
      body: Update,
      item: InvolvementRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const { row, full, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const current = { role: row.role, critical: row.critical, activityId: row.activityId, since: row.since, until: row.until };
      const input = domainParse(updateInvolvementSchema, withoutNulls({ ...current, ...valid<Record<string, unknown>>(c, "json") }));
      assertNoErrors(checkInvolvementLinks(await involvementOptions(db, initiative, row.activityId), input));
      await versioned(
        () => updateInvolvement(db, initiative, full, input, principal.actorId, now),
        () => byId(db, involvements, row.id),
      );
      return json(c, await byId(db, involvements, row.id));
    },
  );

  const ending = writeOp({
    id: "endInvolvement",
    method: "post",
    path: "/involvements/{id}/ending",
    tag: TAG,
    summary: "End an involvement on its last day (admin)",
    description: "Involvements are never deleted: ending one keeps the interval in the history.",
    body: Ending,
    item: InvolvementRecord,
  });
  register(app, ending, async (c) => {
    const { db, now, principal } = c.var;
    const { row, full, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
    requireAdmin(c);
    const input = domainParse(endInvolvementSchema, valid(c, "json"));
    assertNoErrors(checkEnding(row, input));
    await versioned(
      () => endInvolvement(db, initiative, full, input, principal.actorId, now),
      () => byId(db, involvements, row.id),
    );
    return json(c, await byId(db, involvements, row.id));
  });
}
