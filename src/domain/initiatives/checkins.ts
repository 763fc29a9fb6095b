// The yearly check-in (jaarmoment): one per initiative per year. Editable during its year and
// until the grace date early in the next; after that it is frozen, and a correction is a dated
// note beside it — the history is the product, so it is never overwritten.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { checkinNotes, checkins, INITIATIVE_STATUSES, people } from "../../db/schema";
import type { Parsed } from "../../lib/validation";
import { dateOf, dayOf, yearOf } from "../../lib/dates";
import { defineContract, versionField, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { StaleVersionError } from "../../db/versioned";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { rollupStatements } from "../overview/rollup";
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

// ---------- the contract ----------

const count = (label: "history.field.volunteers" | "history.field.peopleReached") =>
  f.integer(label, { min: 0, max: 9_999_999, message: "checkins.error.count", grouped: true });

const checkinFields = {
  status: f.choice("initiatives.status", INITIATIVE_STATUSES),
  volunteers: count("history.field.volunteers"),
  peopleReached: count("history.field.peopleReached"),
  wentWell: f.textOrEmpty("history.field.wentWell", 2000),
  residentsOffer: f.textOrEmpty("history.field.residentsOffer", 2000),
  neededFromPartners: f.textOrEmpty("history.field.neededFromPartners", 2000),
  nextYear: f.textOrEmpty("history.field.nextYear", 2000),
  story: f.textOrEmpty("history.field.story", 2000),
};

/** A year's check-in: its fields, once, for the form, the API and PATCH. */
export const checkinContract = defineContract({ name: "Checkin", fields: checkinFields });
/** `version` is absent when the form was opened before the check-in existed. */
export type CheckinInput = Values<typeof checkinFields> & { version?: number };
export type CheckinFormValues = FormValues<typeof checkinFields>;

/** The check-in form: its fields, and the version it was loaded with when the check-in existed then. */
export function parseCheckinForm(body: Record<string, unknown>): Parsed<CheckinInput> {
  const parsed = checkinContract.parseForm(body);
  const sent = body.version;
  if (sent === undefined || sent === "" || sent === "0") return parsed;
  const version = versionField().safeParse(sent);
  if (!version.success) return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), version: "form.invalid" } };
  return parsed.ok ? { ok: true, data: { ...parsed.data, version: version.data } } : parsed;
}

/** A dated note beside a check-in. */
export const checkinNoteContract = defineContract({
  name: "CheckinNote",
  fields: { body: f.requiredText("checkins.notes.body", 2000) },
});

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
export function newCheckinValues(initiative: { status: (typeof INITIATIVE_STATUSES)[number] }, prefill: number): CheckinFormValues {
  return {
    status: initiative.status,
    volunteers: String(prefill),
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
  const { version, ...values } = input;
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  if (!existing) {
    // The form was opened for a new check-in but sent with a version: it must have existed once; never overwrite blindly.
    if (version !== undefined) return "stale";
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
  if (version === undefined) return "stale"; // created by someone else after this form was opened
  try {
    const rollup = rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] });
    await updateVersioned(
      db,
      checkins,
      { before: existing, version, set: values, actorId, entity: "checkin", ...scope, with: rollup },
      now,
    );
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
