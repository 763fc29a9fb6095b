// Volunteer involvements: a person in an initiative with a role and an interval. They are never
// deleted (the intervals are the year-on-year history): "archiving" one is ending it (/ending).
// Records carry the person's id only; names and contact details are under /people (admins). The
// fields are the domain's contracts: a new involvement names who (newInvolvementContract), a change
// keeps the person (involvementContract), an ending has its last day (involvementEndingContract).
import { and, eq, isNull, gte, lte, or } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { involvements } from "../../db/schema";
import {
  checkEnding,
  checkInvolvementLinks,
  createInvolvement,
  DuplicateInvolvementError,
  EmailOfErasedPersonError,
  endInvolvement,
  getInvolvement,
  involvementContract,
  involvementEndingContract,
  involvementOptions,
  newInvolvementContract,
  updateInvolvement,
} from "../../domain/people/involvements";
import type { ApiContext } from "../context";
import { dateField } from "../../lib/dates";
import { invalid, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, underInitiatives } from "../scope";
import { accepted, assertNoErrors, str, version, versioned } from "./common";

const TAG = "Involvements";
export const InvolvementRecord = recordSchema("Involvement", involvements);

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, involvements, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const full = await getInvolvement(c.var.db, initiative.id, id);
  if (!full) throw notFound();
  return { row, full, initiative };
}

export function registerInvolvementsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/involvements", { id: "listInvolvements", tag: TAG, summary: "List volunteer involvements" }),
    request: {
      query: listQuery(
        {
          initiativeId: z.string().max(64).optional(),
          neighbourhoodId: z.string().max(64).optional(),
          personId: z.string().max(64).optional(),
          activeOn: dateField().optional().openapi({ description: "Only involvements running on this date (YYYY-MM-DD)." }),
        },
        false,
      ),
    },
    responses: listed("Involvement", InvolvementRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(
      ...(await underInitiatives(c, involvements.initiativeId, q)),
      q.personId ? eq(involvements.personId, q.personId) : undefined,
      q.activeOn
        ? and(lte(involvements.since, q.activeOn), or(isNull(involvements.until), gte(involvements.until, q.activeOn)))
        : undefined,
    );
    return c.json(await keysetPage(c.var.db, involvements, where, q), 200);
  });

  const get = createRoute({
    ...op("get", "/involvements/{id}", { id: "getInvolvement", tag: TAG, summary: "Get an involvement" }),
    request: { params: idParams },
    responses: found(InvolvementRecord),
  });
  app.openapi(get, async (c) => c.json((await load(c, c.req.valid("param").id)).row, 200));

  const create = createRoute({
    ...op("post", "/involvements", {
      id: "createInvolvement",
      tag: TAG,
      summary: "Add a volunteer to an initiative (admin)",
      description:
        "Either `personId` (someone of the neighbourhood or already involved) or a new person's `name` (with optional email and phone). A known email links that person. " +
        "The same person in the same role (for the same activity, or for the whole initiative) during some of the same days is refused: 422 on personId (or email).",
    }),
    request: { body: jsonBody(newInvolvementContract.createBody({ initiativeId: str })) },
    responses: changed(InvolvementRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { initiativeId, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(newInvolvementContract.fromJson(json));
    assertNoErrors(checkInvolvementLinks(await involvementOptions(db, initiative), input));
    let created;
    try {
      created = await createInvolvement(db, initiative, input, principal.actorId, now);
    } catch (err) {
      if (err instanceof EmailOfErasedPersonError) throw invalid({ email: "form.emailTaken" });
      if (err instanceof DuplicateInvolvementError) throw invalid(err.errors);
      throw err;
    }
    return c.json(await byId(db, involvements, created.involvementId), 201);
  });

  const update = createRoute({
    ...op("patch", "/involvements/{id}", { id: "updateInvolvement", tag: TAG, summary: "Change an involvement (admin)" }),
    request: { params: idParams, body: jsonBody(involvementContract.updateBody()) },
    responses: changed(InvolvementRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const { row, full, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(involvementContract.fromJson(patch, involvementContract.stored(row)));
    assertNoErrors(checkInvolvementLinks(await involvementOptions(db, initiative, row.activityId), input));
    try {
      await versioned(
        () => updateInvolvement(db, initiative, full, { ...input, version }, principal.actorId, now),
        () => byId(db, involvements, row.id),
      );
    } catch (err) {
      if (err instanceof DuplicateInvolvementError) throw invalid(err.errors);
      throw err;
    }
    return c.json(await byId(db, involvements, row.id), 200);
  });

  const ending = createRoute({
    ...op("post", "/involvements/{id}/ending", {
      id: "endInvolvement",
      tag: TAG,
      summary: "End an involvement on its last day (admin)",
      description: "Involvements are never deleted: ending one keeps the interval in the history.",
    }),
    request: { params: idParams, body: jsonBody(involvementEndingContract.createBody({ version: version() }, "InvolvementEnding")) },
    responses: changed(InvolvementRecord),
  });
  app.openapi(ending, async (c) => {
    const { db, now, principal } = c.var;
    const { row, full, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...json } = c.req.valid("json");
    const input = { ...accepted(involvementEndingContract.fromJson(json)), version };
    assertNoErrors(checkEnding(row, input));
    await versioned(
      () => endInvolvement(db, initiative, full, input, principal.actorId, now),
      () => byId(db, involvements, row.id),
    );
    return c.json(await byId(db, involvements, row.id), 200);
  });
}
