// The starter library: common obligations of Dutch resident initiatives, each with a sensible
// schedule, so a new initiative is useful in minutes. One tap adds a task; everything can be edited
// afterwards. Titles and "why" come from the catalogue in the adder's language.
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { fundingStreams, tasks } from "../../db/schema";
import type { Translate } from "../../i18n";
import type { ScheduleSpec } from "./schedule";
import { addDays } from "../../lib/dates";
import { createTask, type InitiativeRef, type TaskInput, type TaskRole } from "./tasks";

export const LIBRARY_KEYS = ["insurance", "vog", "aed", "bhv", "thanks", "wijkbudget", "report", "corporation", "assets"] as const;
export type LibraryKey = (typeof LIBRARY_KEYS)[number];

type LibrarySchedule =
  | {
      scheduleKind: "interval";
      intervalCount: number;
      intervalUnit: "day" | "week" | "month" | "year";
      intervalFrom: "due" | "completion";
      firstDueInDays: number;
    }
  | { scheduleKind: "window"; windowStartMonth: number; windowEndMonth: number }
  | { scheduleKind: "relative"; relativeAnchor: "funding_report_due"; relativeOffsetDays: number };

export type LibraryEntry = {
  key: LibraryKey;
  /** "funding": attaches to a funding stream of the initiative (chosen when adding). */
  subject: "initiative" | "funding";
  schedule: LibrarySchedule;
  leadDays: number;
  graceDays: number;
  roles: TaskRole[];
};

export const TASK_LIBRARY: readonly LibraryEntry[] = [
  // The renewal date is unknown: due in a month, so the coordinator checks the policy and sets it.
  {
    key: "insurance",
    subject: "initiative",
    schedule: { scheduleKind: "interval", intervalCount: 1, intervalUnit: "year", intervalFrom: "due", firstDueInDays: 30 },
    leadDays: 30,
    graceDays: 14,
    roles: ["coordinator", "treasurer"],
  },
  {
    key: "vog",
    subject: "initiative",
    schedule: { scheduleKind: "interval", intervalCount: 3, intervalUnit: "year", intervalFrom: "completion", firstDueInDays: 30 },
    leadDays: 30,
    graceDays: 30,
    roles: ["coordinator"],
  },
  {
    key: "aed",
    subject: "initiative",
    schedule: { scheduleKind: "interval", intervalCount: 1, intervalUnit: "month", intervalFrom: "completion", firstDueInDays: 7 },
    leadDays: 3,
    graceDays: 7,
    roles: ["key_holder"],
  },
  {
    key: "bhv",
    subject: "initiative",
    schedule: { scheduleKind: "interval", intervalCount: 1, intervalUnit: "year", intervalFrom: "due", firstDueInDays: 60 },
    leadDays: 30,
    graceDays: 30,
    roles: ["coordinator"],
  },
  {
    key: "thanks",
    subject: "initiative",
    schedule: { scheduleKind: "window", windowStartMonth: 12, windowEndMonth: 12 },
    leadDays: 14,
    graceDays: 14,
    roles: ["coordinator"],
  },
  // Municipalities differ; September–October is common. The "why" asks to adjust the months.
  {
    key: "wijkbudget",
    subject: "initiative",
    schedule: { scheduleKind: "window", windowStartMonth: 9, windowEndMonth: 10 },
    leadDays: 14,
    graceDays: 0,
    roles: ["coordinator", "treasurer"],
  },
  // Four weeks before the report is due; the grace days run up to the deadline itself.
  {
    key: "report",
    subject: "funding",
    schedule: { scheduleKind: "relative", relativeAnchor: "funding_report_due", relativeOffsetDays: -28 },
    leadDays: 14,
    graceDays: 28,
    roles: ["treasurer", "coordinator"],
  },
  {
    key: "corporation",
    subject: "initiative",
    schedule: { scheduleKind: "window", windowStartMonth: 1, windowEndMonth: 3 },
    leadDays: 14,
    graceDays: 14,
    roles: ["coordinator", "partner_contact"],
  },
  {
    key: "assets",
    subject: "initiative",
    schedule: { scheduleKind: "window", windowStartMonth: 4, windowEndMonth: 6 },
    leadDays: 14,
    graceDays: 14,
    roles: ["coordinator"],
  },
];

export function libraryEntry(key: string): LibraryEntry | undefined {
  return TASK_LIBRARY.find((e) => e.key === key);
}

/** The stored schedule columns for an entry added today. */
export function librarySchedule(
  entry: LibraryEntry,
  today: string,
): Omit<TaskInput, "title" | "why" | "subjectType" | "subjectId" | "assigneeRoles" | "assigneeIds"> {
  const empty = {
    dueOn: null,
    intervalCount: null,
    intervalUnit: null,
    intervalFrom: null,
    windowStartMonth: null,
    windowEndMonth: null,
    relativeAnchor: null,
    relativeOffsetDays: null,
    leadDays: entry.leadDays,
    graceDays: entry.graceDays,
    endsOn: null,
  };
  const s = entry.schedule;
  switch (s.scheduleKind) {
    case "interval":
      return {
        ...empty,
        scheduleKind: "interval",
        dueOn: addDays(today, s.firstDueInDays),
        intervalCount: s.intervalCount,
        intervalUnit: s.intervalUnit,
        intervalFrom: s.intervalFrom,
      };
    case "window":
      return { ...empty, scheduleKind: "window", windowStartMonth: s.windowStartMonth, windowEndMonth: s.windowEndMonth };
    case "relative":
      return { ...empty, scheduleKind: "relative", relativeAnchor: s.relativeAnchor, relativeOffsetDays: s.relativeOffsetDays };
  }
}

/** For describing an entry on the library page (describeSchedule). */
export function librarySpec(entry: LibraryEntry, today: string): ScheduleSpec {
  const { relativeAnchor: _anchor, ...spec } = librarySchedule(entry, today);
  void _anchor;
  return spec;
}

export function libraryTaskInput(
  entry: LibraryEntry,
  t: Translate,
  today: string,
  subject: { type: "initiative" | "funding"; id: string },
): TaskInput {
  return {
    title: t(`tasks.library.${entry.key}.title`),
    why: t(`tasks.library.${entry.key}.why`),
    subjectType: subject.type,
    subjectId: subject.id,
    ...librarySchedule(entry, today),
    assigneeRoles: entry.roles,
    assigneeIds: [],
  };
}

export type LibraryData = {
  /** Funding streams of the initiative with a report-due date: where "verantwoording" can attach. */
  fundings: { id: string; name: string; reportDueOn: string }[];
  /** Library tasks already on the initiative (not archived), to show "already added". */
  existing: { templateKey: string; subjectId: string }[];
};

export async function loadLibrary(db: Db, initiativeId: string): Promise<LibraryData> {
  const [funds, existing] = await db.batch([
    db
      .select({ id: fundingStreams.id, name: fundingStreams.sourceName, reportDueOn: fundingStreams.reportDueOn })
      .from(fundingStreams)
      .where(and(eq(fundingStreams.initiativeId, initiativeId), isNull(fundingStreams.archivedAt), isNotNull(fundingStreams.reportDueOn)))
      .orderBy(asc(fundingStreams.reportDueOn)),
    db
      .select({ templateKey: tasks.templateKey, subjectId: tasks.subjectId })
      .from(tasks)
      .where(and(eq(tasks.initiativeId, initiativeId), isNull(tasks.archivedAt), isNotNull(tasks.templateKey))),
  ]);
  return {
    fundings: funds.flatMap((f) => (f.reportDueOn ? [{ id: f.id, name: f.name, reportDueOn: f.reportDueOn }] : [])),
    existing: existing.flatMap((e) => (e.templateKey ? [{ templateKey: e.templateKey, subjectId: e.subjectId }] : [])),
  };
}

export function alreadyAdded(data: LibraryData, key: LibraryKey, subjectId?: string): boolean {
  return data.existing.some((e) => e.templateKey === key && (subjectId === undefined || e.subjectId === subjectId));
}

export type AddFromLibraryResult =
  { ok: true; id: string } | { ok: false; error: "tasks.library.unknown" | "tasks.library.needsFunding" | "tasks.library.duplicate" };

/** One tap: the entry becomes a task of this initiative (for "report": of the chosen funding stream). */
export async function addFromLibrary(
  db: Db,
  initiative: InitiativeRef,
  key: string,
  fundingId: string | undefined,
  t: Translate,
  actorId: string | null,
  now: Date,
  today: string,
): Promise<AddFromLibraryResult> {
  const entry = libraryEntry(key);
  if (!entry) return { ok: false, error: "tasks.library.unknown" };
  const data = await loadLibrary(db, initiative.id);
  let subject: { type: "initiative" | "funding"; id: string } = { type: "initiative", id: initiative.id };
  if (entry.subject === "funding") {
    const funding = data.fundings.find((f) => f.id === fundingId);
    if (!funding) return { ok: false, error: "tasks.library.needsFunding" };
    subject = { type: "funding", id: funding.id };
  }
  if (alreadyAdded(data, entry.key, subject.id)) return { ok: false, error: "tasks.library.duplicate" };
  const id = await createTask(db, initiative, libraryTaskInput(entry, t, today, subject), actorId, now, entry.key);
  return { ok: true, id };
}
