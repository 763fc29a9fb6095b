// Yearly check-ins: one per initiative per year, editable during the year and until the grace date
// early in the next; after that frozen. A correction to a frozen one is a dated note (/notes).
// Check-ins are history: they are never archived or deleted.
import { and, asc, eq } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { checkinNotes, checkins } from "../../db/schema";
import {
  addCheckinNote,
  checkinNoteSchema,
  checkinSchema,
  checkinWindow,
  getCheckin,
  saveCheckin,
  type Checkin,
} from "../../domain/initiatives/checkins";
import type { ApiContext } from "../context";
import { MAX_YEAR, MIN_YEAR } from "../../lib/dates";
import { conflict, invalid, stale } from "../errors";
import { createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, requireAdmin, today, underInitiatives, type InitiativeRow } from "../scope";
import { str } from "./common";

const TAG = "Checkins";
export const CheckinRecord = recordSchema("Checkin", checkins, {
  extra: { frozen: z.boolean().openapi({ description: "Past the grace date: only notes can be added." }) },
});
const NoteRecord = recordSchema("CheckinNote", checkinNotes, {
  extra: { version: z.number().int(), updatedAt: z.string().openapi({ format: "date-time" }) },
});
/** Notes are append-only: always version 1, never updated. */
const note = (n: typeof checkinNotes.$inferSelect) => ({ ...n, version: 1, updatedAt: n.createdAt });
const count = z.number().int().min(0).max(9_999_999);
const fields = fieldsFrom(checkinSchema.shape, ["status", "wentWell", "residentsOffer", "neededFromPartners", "nextYear", "story"], {
  volunteers: count,
  peopleReached: count,
});
const Create = createBody("Checkin", { initiativeId: str, year: z.number().int().min(MIN_YEAR).max(MAX_YEAR), ...fields });
const Update = updateBody("Checkin", fields);
const NoteBody = z.strictObject({ body: checkinNoteSchema.shape.body }).openapi("CheckinNoteCreate");

const record = (c: ApiContext, row: Checkin) => ({ ...row, frozen: checkinWindow(row.year, today(c)) === "closed" });

/** The form posts counts as text; JSON numbers are turned into that text. */
function toForm(input: Record<string, unknown>) {
  const out = withoutNulls(input);
  for (const k of ["volunteers", "peopleReached"]) if (typeof out[k] === "number") out[k] = String(out[k]);
  return out;
}

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, checkins, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  return { row, initiative };
}

async function save(
  c: ApiContext,
  initiative: InitiativeRow,
  year: number,
  existing: Checkin | null,
  input: ReturnType<typeof checkinSchema.parse>,
) {
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

export function checkinRoutes(app: ApiApp) {
  const query = {
    initiativeId: z.string().max(64).optional(),
    neighbourhoodId: z.string().max(64).optional(),
    year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  };
  register(
    app,
    listOp({
      id: "listCheckins",
      path: "/checkins",
      tag: TAG,
      summary: "List yearly check-ins",
      item: CheckinRecord,
      name: "Checkin",
      query,
      archived: false,
    }),
    async (c) => {
      const q = valid<PageParams & { initiativeId?: string; neighbourhoodId?: string; year?: number }>(c, "query");
      const where = and(...(await underInitiatives(c, checkins.initiativeId, q)), q.year ? eq(checkins.year, q.year) : undefined);
      const page = await keysetPage(c.var.db, checkins, where, q);
      return json(c, { ...page, data: page.data.map((r) => record(c, r)) });
    },
  );

  register(app, getOp({ id: "getCheckin", path: "/checkins/{id}", tag: TAG, summary: "Get a check-in", item: CheckinRecord }), async (c) =>
    json(c, record(c, (await load(c, valid<{ id: string }>(c, "param").id)).row)),
  );

  const create = writeOp({
    id: "createCheckin",
    method: "post",
    path: "/checkins",
    tag: TAG,
    summary: "Record the check-in of a year (admin)",
    description:
      "One per initiative per year: when it exists, change it with PATCH. Future years are refused; a closed year is frozen (409).",
    body: Create,
    item: CheckinRecord,
    status: 201,
    params: false,
  });
  register(app, create, async (c) => {
    const body = valid<Record<string, unknown> & { initiativeId: string; year: number }>(c, "json");
    const initiative = await initiativeFromBody(c, body.initiativeId, true);
    const { initiativeId: _i, year, ...rest } = body;
    const input = domainParse(checkinSchema, toForm(rest));
    const existing = await getCheckin(c.var.db, initiative.id, year);
    if (existing) throw conflict("api.checkins.exists", { year });
    return json(c, await save(c, initiative, year, null, input), 201);
  });

  register(
    app,
    writeOp({
      id: "updateCheckin",
      method: "patch",
      path: "/checkins/{id}",
      tag: TAG,
      summary: "Change a check-in while its year is open (admin)",
      body: Update,
      item: CheckinRecord,
    }),
    async (c) => {
      const { row, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const {
        id: _id,
        initiativeId: _i,
        year: _y,
        version: _v,
        createdAt: _ca,
        createdBy: _cb,
        updatedAt: _ua,
        updatedBy: _ub,
        ...current
      } = row;
      const input = domainParse(checkinSchema, toForm({ ...current, ...valid<Record<string, unknown>>(c, "json") }));
      return json(c, await save(c, initiative, row.year, row, input));
    },
  );

  register(
    app,
    getOp({
      id: "listCheckinNotes",
      path: "/checkins/{id}/notes",
      tag: TAG,
      summary: "The dated notes beside a check-in",
      item: z.object({ data: z.array(NoteRecord) }).openapi("CheckinNoteList"),
    }),
    async (c) => {
      const { row } = await load(c, valid<{ id: string }>(c, "param").id);
      const notes = await c.var.db
        .select()
        .from(checkinNotes)
        .where(eq(checkinNotes.checkinId, row.id))
        .orderBy(asc(checkinNotes.createdAt), asc(checkinNotes.id));
      return json(c, { data: notes.map(note) });
    },
  );

  const addNote = writeOp({
    id: "addCheckinNote",
    method: "post",
    path: "/checkins/{id}/notes",
    tag: TAG,
    summary: "Add a dated note (the way to correct a frozen check-in; admin)",
    body: NoteBody,
    item: NoteRecord,
    status: 201,
  });
  register(app, addNote, async (c) => {
    const { row, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
    requireAdmin(c);
    const input = domainParse(checkinNoteSchema, valid(c, "json"));
    const id = await addCheckinNote(c.var.db, initiative, row, input.body, c.var.principal.actorId, c.var.now);
    return json(c, note(await byId(c.var.db, checkinNotes, id)), 201);
  });
}
