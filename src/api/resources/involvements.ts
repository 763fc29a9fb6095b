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
import { checkSuccession, saveSuccession, successionContract, successionOf } from "../../domain/people/succession";
import { dateField } from "../../lib/dates";
import { invalid, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, underInitiatives } from "../scope";
import { accepted, assertNoErrors, str, version, versioned } from "./common";

const TAG = "Involvements";
// The handover note is for the initiative's coordinators only: never part of the record; admins read
// it at /involvements/{id}/succession.
export const InvolvementRecord = recordSchema("Involvement", involvements, { omit: ["handoverNote"] });
const SuccessionRecord = z
  .object({
    involvementId: z.string(),
    reservePersonId: z.string().nullable().openapi({ description: "Who could take over this critical role." }),
    reserveName: z.string().nullable(),
    handoverNote: z.string().openapi({ description: "What the reserve needs to know (keys, accounts, contacts, habits)." }),
    version: z.number().int().openapi({ description: "The involvement's version: send it back to change the succession." }),
  })
  .openapi("Succession");

type Row = typeof involvements.$inferSelect;
const record = ({ handoverNote: _note, ...rest }: Row) => rest;

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, involvements, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const full = await getInvolvement(c.var.db, initiative.id, id);
  if (!full) throw notFound();
  return { row, full, initiative };
}

const current = async (c: ApiContext, id: string) => record(await byId(c.var.db, involvements, id));

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
    const page = await keysetPage(c.var.db, involvements, where, q);
    return c.json({ ...page, data: page.data.map(record) }, 200);
  });

  const get = createRoute({
    ...op("get", "/involvements/{id}", { id: "getInvolvement", tag: TAG, summary: "Get an involvement" }),
    request: { params: idParams },
    responses: found(InvolvementRecord),
  });
  app.openapi(get, async (c) => c.json(record((await load(c, c.req.valid("param").id)).row), 200));

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
    return c.json(await current(c, created.involvementId), 201);
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
        () => updateInvolvement(db, initiative, full, { ...input, version }, principal.actorId, now, c.var.today),
        () => current(c, row.id),
      );
    } catch (err) {
      if (err instanceof DuplicateInvolvementError) throw invalid(err.errors);
      throw err;
    }
    return c.json(await current(c, row.id), 200);
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
      () => endInvolvement(db, initiative, full, input, principal.actorId, now, c.var.today),
      () => current(c, row.id),
    );
    return c.json(await current(c, row.id), 200);
  });

  const getSuccession = createRoute({
    ...op("get", "/involvements/{id}/succession", {
      id: "getSuccession",
      tag: TAG,
      summary: "The reserve and handover note of a critical role (admin)",
      description: "The note is for the initiative's coordinators (and admins) only: partner tokens are refused.",
    }),
    request: { params: idParams },
    responses: found(SuccessionRecord),
  });
  app.openapi(getSuccession, async (c) => {
    const { full } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    return c.json(successionOf(full), 200);
  });

  const setSuccession = createRoute({
    ...op("post", "/involvements/{id}/succession", {
      id: "setSuccession",
      tag: TAG,
      summary: "Name a reserve and write the handover note of a critical role (admin)",
      description:
        "Send the involvement's `version`; fields you do not send keep their value, `null` clears them. Only a critical involvement gets a new reserve or note. A reserve lowers the key-person risk one step. When the role ends, its tasks assigned by name move to the reserve, who is mailed the note and the open tasks.",
    }),
    request: { params: idParams, body: jsonBody(successionContract.updateBody()) },
    responses: changed(SuccessionRecord),
  });
  app.openapi(setSuccession, async (c) => {
    const { db, now, principal } = c.var;
    const { full, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...json } = c.req.valid("json");
    const input = accepted(successionContract.fromJson(json, successionContract.stored(full)));
    const options = await involvementOptions(db, initiative, full.activityId);
    assertNoErrors(checkSuccession(options, full, input));
    const reserveName =
      options.people.find((p) => p.id === input.reservePersonId)?.name ?? (input.reservePersonId ? full.reserveName : null);
    const reread = async () => successionOf((await getInvolvement(db, initiative.id, full.id))!);
    await versioned(() => saveSuccession(db, initiative, full, { ...input, version, reserveName }, principal.actorId, now), reread);
    return c.json(await reread(), 200);
  });
}
