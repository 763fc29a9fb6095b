// The yearly check-in (jaarmoment): one per initiative per year. Editable during its year and
// until the grace date early in the next; after that it is frozen, and a correction is a dated
// note beside it — the history is the product, so it is never overwritten.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { checkinNotes, checkins, INITIATIVE_STATUSES, people } from "../../db/schema";
import { optionalText, requiredText } from "../../lib/validation";
import { dateOf, dayOf, yearOf } from "../../lib/dates";
import { batchWithVersion, expectVersion, StaleVersionError } from "../../db/versioned";
import { rollupStatements } from "../overview/rollup";
import { audit, diff } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { activeVolunteersInYear, involvementIntervals } from "../people/involvements";

type Initiative = { id: string; neighbourhoodId: string };

/** Month and day in the following year up to which a check-in can still be changed (inclusive). */
export const CHECKIN_GRACE = { month: 2, day: 1 };

/** The last day a check-in of this year can be changed: (year+1)-02-01. */
export function checkinGraceDate(year: number): string {
  return dateOf(year + 1, CHECKIN_GRACE.month, CHECKIN_GRACE.day);
}

/** Editable while today ≤ (year+1)-02-01; frozen from the day after. */
export function isCheckinEditable(year: number, today: string): boolean {
  return dayOf(today) <= checkinGraceDate(year);
}

/**
 * Whether a check-in for this year may be written today: "future" years are refused, "open" years
 * (this year, and last year within the grace period) may be created or changed, "closed" years are frozen.
 */
export function checkinWindow(year: number, today: string): "future" | "open" | "closed" {
  if (year > yearOf(today)) return "future";
  return isCheckinEditable(year, today) ? "open" : "closed";
}

// ---------- validation ----------

const count = () =>
  z.preprocess(
    // "1.200" is how Dutch people write twelve hundred; "1.5" stays wrong.
    (v) => (typeof v === "string" ? v.replace(/\s/g, "").replace(/\.(?=\d{3}(?!\d))/g, "") : v),
    z
      .string("form.required")
      .min(1, "form.required")
      .regex(/^\d{1,7}$/, "checkins.error.count")
      .transform(Number),
  );
const longText = () => optionalText(2000).transform((v) => v ?? "");
const optionalVersion = () => z.preprocess((v) => (v === "" || v === "0" ? undefined : v), z.coerce.number().int().min(1).optional());

export const checkinSchema = z.object({
  status: z.enum(INITIATIVE_STATUSES, "form.unknownOption"),
  volunteers: count(),
  peopleReached: count(),
  wentWell: longText(),
  residentsOffer: longText(),
  neededFromPartners: longText(),
  nextYear: longText(),
  story: longText(),
  /** Absent when the form was opened before the check-in existed. */
  version: optionalVersion(),
});
export type CheckinInput = z.output<typeof checkinSchema>;

export const checkinNoteSchema = z.object({ body: requiredText(2000) });

// ---------- reading ----------

export type Checkin = typeof checkins.$inferSelect;
export type CheckinNote = { id: string; body: string; createdAt: string; authorName: string | null };

/** A check-in with its notes (oldest first), or null when none exists for that year. */
export async function getCheckin(db: Db, initiativeId: string, year: number): Promise<{ checkin: Checkin; notes: CheckinNote[] } | null> {
  const [rows, notes] = await db.batch([
    db
      .select()
      .from(checkins)
      .where(and(eq(checkins.initiativeId, initiativeId), eq(checkins.year, year))),
    db
      .select({
        id: checkinNotes.id,
        body: checkinNotes.body,
        createdAt: checkinNotes.createdAt,
        authorName: people.name,
        authorErasedAt: people.erasedAt,
      })
      .from(checkinNotes)
      .innerJoin(checkins, eq(checkins.id, checkinNotes.checkinId))
      .leftJoin(people, eq(people.id, checkinNotes.createdBy))
      .where(and(eq(checkins.initiativeId, initiativeId), eq(checkins.year, year)))
      .orderBy(asc(checkinNotes.createdAt)),
  ]);
  const checkin = rows[0];
  if (!checkin) return null;
  return {
    checkin,
    notes: notes.map(({ authorErasedAt, ...n }) => ({ ...n, authorName: authorErasedAt ? null : n.authorName })),
  };
}

/** Distinct people whose involvement overlaps the year: the prefill for "number of volunteers". */
export async function volunteersPrefill(db: Db, initiativeId: string, year: number): Promise<number> {
  return activeVolunteersInYear(await involvementIntervals(db, initiativeId), year);
}

/** The values a new check-in form starts with. */
export function newCheckinValues(initiative: { status: (typeof INITIATIVE_STATUSES)[number] }, prefill: number) {
  return {
    status: initiative.status,
    volunteers: prefill,
    peopleReached: "",
    wentWell: "",
    residentsOffer: "",
    neededFromPartners: "",
    nextYear: "",
    story: "",
  };
}

export type TimelineItem = {
  year: number;
  status: Checkin["status"];
  volunteers: number;
  peopleReached: number;
  storyExcerpt: string;
  frozen: boolean;
  notes: number;
};

export type CheckinsSectionData = {
  /** Newest first. */
  items: TimelineItem[];
  /** Years a coordinator can fill in or add to now (last year within grace, then this year), with whether one exists. */
  open: { year: number; exists: boolean }[];
  today: string;
};

export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** The initiative's check-ins, newest first, with their number of notes. */
export function checkinRowsRead(db: Db, initiativeId: string) {
  return db
    .select({
      year: checkins.year,
      status: checkins.status,
      volunteers: checkins.volunteers,
      peopleReached: checkins.peopleReached,
      story: checkins.story,
      // Written out: inside a single-table select drizzle leaves columns unqualified, which would bind to the subquery.
      notes: sql<number>`(SELECT COUNT(*) FROM "checkin_notes" AS n WHERE n."checkin_id" = "checkins"."id")`.mapWith(Number),
    })
    .from(checkins)
    .where(eq(checkins.initiativeId, initiativeId))
    .orderBy(desc(checkins.year));
}
export type CheckinReadRow = Awaited<ReturnType<typeof checkinRowsRead>>[number];

export function checkinsSectionFrom(rows: CheckinReadRow[], today: string): CheckinsSectionData {
  const items = rows.map(({ story, ...r }) => ({ ...r, storyExcerpt: excerpt(story), frozen: !isCheckinEditable(r.year, today) }));
  const thisYear = yearOf(today);
  const open = [thisYear - 1, thisYear]
    .filter((y) => checkinWindow(y, today) === "open")
    .map((year) => ({ year, exists: items.some((i) => i.year === year) }));
  return { items, open, today };
}

/** Check-ins across the years for the initiative page: one query. */
export async function loadCheckinsSection(db: Db, initiativeId: string, today: string): Promise<CheckinsSectionData> {
  return checkinsSectionFrom(await checkinRowsRead(db, initiativeId), today);
}

// ---------- writing ----------

export type SaveResult = "saved" | "future" | "frozen" | "stale";

function isUniqueCheckinError(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: checkins\./i.test(e.message)) return true;
  }
  return false;
}

/**
 * Creates or updates the check-in of a year. Refuses future years, writes nothing for a frozen
 * (closed) year, and reports "stale" when someone else saved first (or created it meanwhile).
 */
export async function saveCheckin(
  db: Db,
  args: {
    initiative: Initiative;
    year: number;
    existing: Checkin | null;
    input: CheckinInput;
    actorId: string | null;
    now: Date;
    today: string;
  },
): Promise<SaveResult> {
  const { initiative, year, existing, input, actorId, now, today } = args;
  const window = checkinWindow(year, today);
  if (window === "future") return "future";
  if (window === "closed") return "frozen";
  const at = now.toISOString();
  const values = {
    status: input.status,
    volunteers: input.volunteers,
    peopleReached: input.peopleReached,
    wentWell: input.wentWell,
    residentsOffer: input.residentsOffer,
    neededFromPartners: input.neededFromPartners,
    nextYear: input.nextYear,
    story: input.story,
  };
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  if (!existing) {
    // The form was opened for a new check-in but sent with a version: it must have existed once; never overwrite blindly.
    if (input.version !== undefined) return "stale";
    const id = crypto.randomUUID();
    try {
      await db.batch([
        db.insert(checkins).values({
          id,
          initiativeId: initiative.id,
          year,
          ...values,
          createdAt: at,
          createdBy: actorId,
          updatedAt: at,
          updatedBy: actorId,
        }),
        audit(db, { actorId, entity: "checkin", entityId: id, action: "create", ...scope, changes: { year, ...values } }, now),
        // A check-in's status decides its year's initiative figures.
        ...rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] }),
      ]);
    } catch (err) {
      if (isUniqueCheckinError(err)) return "stale"; // someone else created this year's check-in a moment ago
      throw err;
    }
    await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now, today);
    return "saved";
  }
  if (input.version === undefined) return "stale"; // created by someone else after this form was opened
  try {
    await batchWithVersion(db, [
      expectVersion(db, checkins, existing.id, input.version),
      db
        .update(checkins)
        .set({ ...values, version: sql`${checkins.version} + 1`, updatedAt: at, updatedBy: actorId })
        .where(and(eq(checkins.id, existing.id), eq(checkins.version, input.version))),
      audit(db, { actorId, entity: "checkin", entityId: existing.id, action: "update", ...scope, changes: diff(existing, values) }, now),
      ...rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] }),
    ]);
  } catch (err) {
    if (err instanceof StaleVersionError) return "stale";
    throw err;
  }
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now, today);
  return "saved";
}

/** A dated note beside a check-in (the way to correct a frozen one). Append-only. */
export async function addCheckinNote(db: Db, initiative: Initiative, checkin: Checkin, body: string, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(checkinNotes).values({ id, checkinId: checkin.id, body, createdAt: now.toISOString(), createdBy: actorId }),
    audit(
      db,
      {
        actorId,
        entity: "checkin",
        entityId: checkin.id,
        action: "note",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: { noteId: id, year: checkin.year },
      },
      now,
    ),
  ]);
  return id;
}
