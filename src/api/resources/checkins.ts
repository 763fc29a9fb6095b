// Yearly check-ins: one per initiative per year, editable during the year and until the grace date
// early in the next; after that frozen. A correction to a frozen one is a dated note (/notes).
// Check-ins are history: they are never archived or deleted. The fields are the domain's contracts
// (checkinContract, checkinNoteContract).
import { and, asc, eq } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { AT_MOST } from "../../lib/contract/fields";
import { checkinNotes, checkins } from "../../db/schema";
import {
  addCheckinNote,
  checkinContract,
  checkinNoteContract,
  checkinWindow,
  getCheckin,
  saveCheckin,
  type Checkin,
  type CheckinInput,
} from "../../domain/initiatives/checkins";
import type { ApiContext } from "../context";
import { MAX_YEAR, MIN_YEAR } from "../../lib/dates";
import { conflict, invalid, stale } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, today, underInitiatives, type InitiativeRow } from "../scope";
import { accepted, str } from "./common";

const TAG = "Checkins";
export const CheckinRecord = recordSchema("Checkin", checkins, {
  extra: { frozen: z.boolean().openapi({ description: "Past the grace date: only notes can be added." }) },
});
const NoteRecord = recordSchema("CheckinNote", checkinNotes, {
  extra: { version: z.number().int(), updatedAt: z.string().openapi({ format: "date-time" }) },
});
/** Notes are append-only: always version 1, never updated. */
const note = (n: typeof checkinNotes.$inferSelect) => ({ ...n, version: 1, updatedAt: n.createdAt });

const record = (c: ApiContext, row: Checkin) => ({ ...row, frozen: checkinWindow(row.year, today(c)) === "closed" });

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, checkins, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  return { row, initiative };
}

async function save(c: ApiContext, initiative: InitiativeRow, year: number, existing: Checkin | null, input: CheckinInput) {
  const result = await saveCheckin(c.var.db, {
    initiative,
    year,
    existing,
    input,
    actorId: c.var.principal.actorId,
    now: c.var.now,
    today: today(c),
  });
  if (result === "future") throw invalid({ year: "api.checkins.future" });
  if (result === "frozen") throw conflict("api.checkins.frozen", { year });
  if (result === "stale") {
    const now = await getCheckin(c.var.db, initiative.id, year);
    throw stale(now ? record(c, now.checkin) : null);
  }
  const saved = await getCheckin(c.var.db, initiative.id, year);
  return record(c, saved!.checkin);
}

export function registerCheckinsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/checkins", { id: "listCheckins", tag: TAG, summary: "List yearly check-ins" }),
    request: {
      query: listQuery(
        {
          initiativeId: z.string().max(64).optional(),
          neighbourhoodId: z.string().max(64).optional(),
          year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
        },
        false,
      ),
    },
    responses: listed("Checkin", CheckinRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(...(await underInitiatives(c, checkins.initiativeId, q)), q.year ? eq(checkins.year, q.year) : undefined);
    const page = await keysetPage(c.var.db, checkins, where, q);
    return c.json({ ...page, data: page.data.map((r) => record(c, r)) }, 200);
  });

  const get = createRoute({
    ...op("get", "/checkins/{id}", { id: "getCheckin", tag: TAG, summary: "Get a check-in" }),
    request: { params: idParams },
    responses: found(CheckinRecord),
  });
  app.openapi(get, async (c) => c.json(record(c, (await load(c, c.req.valid("param").id)).row), 200));

  const create = createRoute({
    ...op("post", "/checkins", {
      id: "createCheckin",
      tag: TAG,
      summary: "Record the check-in of a year (admin)",
      description:
        "One per initiative per year: when it exists, change it with PATCH. Future years are refused; a closed year is frozen (409).",
    }),
    request: {
      body: jsonBody(
        checkinContract.createBody({
          initiativeId: str,
          year: z
            .number()
            .int()
            .min(MIN_YEAR)
            .max(MAX_YEAR)
            .openapi({ [AT_MOST]: "this year" }),
        }),
      ),
    },
    responses: changed(CheckinRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { initiativeId, year, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(checkinContract.fromJson(json));
    const existing = await getCheckin(c.var.db, initiative.id, year);
    if (existing) throw conflict("api.checkins.exists", { year });
    return c.json(await save(c, initiative, year, null, input), 201);
  });

  const update = createRoute({
    ...op("patch", "/checkins/{id}", { id: "updateCheckin", tag: TAG, summary: "Change a check-in while its year is open (admin)" }),
    request: { params: idParams, body: jsonBody(checkinContract.updateBody()) },
    responses: changed(CheckinRecord),
  });
  app.openapi(update, async (c) => {
    const { row, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(checkinContract.fromJson(patch, checkinContract.stored(row)));
    return c.json(await save(c, initiative, row.year, row, { ...input, version }), 200);
  });

  const notes = createRoute({
    ...op("get", "/checkins/{id}/notes", { id: "listCheckinNotes", tag: TAG, summary: "The dated notes beside a check-in" }),
    request: { params: idParams },
    responses: found(z.object({ data: z.array(NoteRecord) }).openapi("CheckinNoteList")),
  });
  app.openapi(notes, async (c) => {
    const { row } = await load(c, c.req.valid("param").id);
    const rows = await c.var.db
      .select()
      .from(checkinNotes)
      .where(eq(checkinNotes.checkinId, row.id))
      .orderBy(asc(checkinNotes.createdAt), asc(checkinNotes.id));
    return c.json({ data: rows.map(note) }, 200);
  });

  const addNote = createRoute({
    ...op("post", "/checkins/{id}/notes", {
      id: "addCheckinNote",
      tag: TAG,
      summary: "Add a dated note (the way to correct a frozen check-in; admin)",
    }),
    request: { params: idParams, body: jsonBody(checkinNoteContract.createBody()) },
    responses: changed(NoteRecord, 201),
  });
  app.openapi(addNote, async (c) => {
    const { row, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const input = accepted(checkinNoteContract.fromJson(c.req.valid("json")));
    const id = await addCheckinNote(c.var.db, initiative, row, input.body, c.var.principal.actorId, c.var.now);
    return c.json(note(await byId(c.var.db, checkinNotes, id)), 201);
  });
}
