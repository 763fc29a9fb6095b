// Maintenance tasks (onderhoudstaken): what must keep happening, attached to the initiative or to one
// of its activities, facilities or funding streams. The schedule maths lives in ./schedule (pure);
// this module validates input, checks that every link belongs to the initiative, writes (always with
// an audit row, in one batch) and loads tasks in sets for the initiative page and the coordinator home.
import { and, asc, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as z from "zod";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import {
  activities,
  facilities,
  fundingStreams,
  initiativeCoordinators,
  initiatives,
  involvements,
  people,
  taskAssignees,
  taskEvents,
  tasks,
  INTERVAL_UNITS,
  RELATIVE_ANCHORS,
  TASK_ROLES,
  TASK_SUBJECTS,
} from "../../db/schema";
import { expectVersion, batchWithVersion } from "../../db/versioned";
import { optionalText, requiredText, stringList, textString, type FieldErrors } from "../../lib/validation";
import { currentOccurrence, type Occurrence, type ScheduleSpec, type TaskEventLite } from "./schedule";
import { addDays, dateField, optionalDateField } from "../../lib/dates";
import { audit, diff } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { setArchived } from "../archive";

export type TaskRecord = typeof tasks.$inferSelect;
export type TaskEventRecord = typeof taskEvents.$inferSelect;
export type TaskRole = (typeof TASK_ROLES)[number];
export type SubjectType = (typeof TASK_SUBJECTS)[number];
export type RelativeAnchor = (typeof RELATIVE_ANCHORS)[number];
export type AnswerKind = "done" | "not_applicable" | "snoozed";
/** The initiative a task hangs under, as the access gate loaded it. */
export type InitiativeRef = { id: string; neighbourhoodId: string; name: string };

/** How long the one-tap "snooze" postpones. */
export const SNOOZE_DAYS = 14;

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

export function parseRoles(json: string): TaskRole[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? TASK_ROLES.filter((r) => value.includes(r)) : [];
  } catch {
    return [];
  }
}

type SpecFields = Pick<
  TaskRecord,
  | "scheduleKind"
  | "dueOn"
  | "intervalCount"
  | "intervalUnit"
  | "intervalFrom"
  | "windowStartMonth"
  | "windowEndMonth"
  | "relativeOffsetDays"
  | "leadDays"
  | "graceDays"
  | "endsOn"
>;

export function specOf(task: SpecFields): ScheduleSpec {
  return {
    scheduleKind: task.scheduleKind,
    dueOn: task.dueOn,
    intervalCount: task.intervalCount,
    intervalUnit: task.intervalUnit,
    intervalFrom: task.intervalFrom,
    windowStartMonth: task.windowStartMonth,
    windowEndMonth: task.windowEndMonth,
    relativeOffsetDays: task.relativeOffsetDays,
    leadDays: task.leadDays,
    graceDays: task.graceDays,
    endsOn: task.endsOn,
  };
}

/** The subject's dates a relative task can hang on. An archived subject has no dates to follow. */
export type AnchorSource = {
  endsOn?: string | null;
  reportDueOn?: string | null;
  agreementEndsOn?: string | null;
  archivedAt?: string | null;
};

/** Read live from the subject record, so when that date changes the task follows it. */
export function anchorDateFor(anchor: RelativeAnchor | null, subject: AnchorSource | null): string | null {
  if (anchor === null || subject === null || subject.archivedAt) return null;
  switch (anchor) {
    case "funding_ends":
      return subject.endsOn ?? null;
    case "funding_report_due":
      return subject.reportDueOn ?? null;
    case "facility_agreement_ends":
      return subject.agreementEndsOn ?? null;
  }
}

function toLite(e: Pick<TaskEventRecord, "kind" | "occurrenceDueOn" | "on" | "snoozedUntil">): TaskEventLite {
  return { kind: e.kind, occurrenceDueOn: e.occurrenceDueOn, on: e.on, snoozedUntil: e.snoozedUntil };
}

/**
 * The occurrence that needs attention now (state upcoming / due / overdue), or null when nothing is
 * planned (archived, finished one-off, relative task without its date). `events` in recorded order.
 */
export function taskStatus(
  task: SpecFields & { archivedAt: string | null },
  events: Pick<TaskEventRecord, "kind" | "occurrenceDueOn" | "on" | "snoozedUntil">[],
  anchorDate: string | null,
  today: string,
): Occurrence | null {
  if (task.archivedAt) return null;
  return currentOccurrence(specOf(task), events.map(toLite), today, task.scheduleKind === "relative" ? anchorDate : null);
}

/** Which subject type a relative anchor needs. */
export function anchorSubjectType(anchor: RelativeAnchor): SubjectType {
  return anchor === "facility_agreement_ends" ? "facility" : "funding";
}

// ---------------------------------------------------------------------------------------------
// The task form: every kind's fields are on the page; only the chosen kind's are validated
// ---------------------------------------------------------------------------------------------

export const WINDOW_PRESETS = [
  "custom",
  "q1",
  "q2",
  "q3",
  "q4",
  "m1",
  "m2",
  "m3",
  "m4",
  "m5",
  "m6",
  "m7",
  "m8",
  "m9",
  "m10",
  "m11",
  "m12",
] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

/** "q2" → April–June, "m3" → March; "custom" → the months typed in the form. */
export function presetMonths(preset: WindowPreset): { start: number; end: number } | null {
  if (preset === "custom") return null;
  if (preset.startsWith("q")) {
    const q = Number(preset.slice(1));
    return { start: 3 * q - 2, end: 3 * q };
  }
  const m = Number(preset.slice(1));
  return { start: m, end: m };
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const int = (min: number, max: number, message: "tasks.form.days" | "tasks.form.count" | "tasks.form.offset" | "tasks.form.month") =>
  z.coerce.number(message).int(message).min(min, message).max(max, message);
const requiredInt = (min: number, max: number, message: Parameters<typeof int>[2]) =>
  z.preprocess(blankToUndefined, int(min, max, message));
const intWithDefault = (min: number, max: number, message: Parameters<typeof int>[2], fallback: number) =>
  z.preprocess(blankToUndefined, int(min, max, message).optional()).transform((v) => v ?? fallback);
const optionalMonth = () => z.preprocess(blankToUndefined, int(1, 12, "tasks.form.month").optional());
const SUBJECT_RE = new RegExp(`^(${TASK_SUBJECTS.join("|")}):([A-Za-z0-9_-]{1,64})$`);

const common = {
  title: requiredText(120),
  why: optionalText(1000),
  // One select for the subject: "activity:<id>", "funding:<id>", ...
  subject: textString("form.required").trim().regex(SUBJECT_RE, "form.unknownOption"),
  leadDays: intWithDefault(0, 365, "tasks.form.days", 14),
  graceDays: intWithDefault(0, 365, "tasks.form.days", 7),
  endsOn: optionalDateField(),
  assigneeRoles: stringList().refine((xs) => xs.every((x) => (TASK_ROLES as readonly string[]).includes(x)), "form.unknownOption"),
  assigneeIds: stringList(),
  version: z.preprocess(blankToUndefined, z.coerce.number("form.invalid").int("form.invalid").min(1, "form.invalid").optional()),
};

const endsAfter = (first: string | undefined, endsOn: string | undefined, ctx: z.RefinementCtx) => {
  if (first && endsOn && endsOn < first) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "tasks.form.endsBeforeStart" });
};

export const taskFormSchema = z
  .discriminatedUnion(
    "scheduleKind",
    [
      z
        .object({ ...common, scheduleKind: z.literal("once"), onceOn: dateField() })
        .superRefine((v, ctx) => endsAfter(v.onceOn, v.endsOn, ctx)),
      z
        .object({
          ...common,
          scheduleKind: z.literal("interval"),
          intervalStartOn: dateField(),
          intervalCount: requiredInt(1, 99, "tasks.form.count"),
          intervalUnit: z.enum(INTERVAL_UNITS, "form.unknownOption"),
          intervalFrom: z.enum(["due", "completion"], "form.unknownOption"),
        })
        .superRefine((v, ctx) => endsAfter(v.intervalStartOn, v.endsOn, ctx)),
      z
        .object({
          ...common,
          scheduleKind: z.literal("window"),
          windowPreset: z.preprocess((v) => blankToUndefined(v) ?? "custom", z.enum(WINDOW_PRESETS, "form.unknownOption")),
          windowStartMonth: optionalMonth(),
          windowEndMonth: optionalMonth(),
        })
        .superRefine((v, ctx) => {
          if (v.windowPreset !== "custom") return;
          if (v.windowStartMonth === undefined) ctx.addIssue({ code: "custom", path: ["windowStartMonth"], message: "tasks.form.month" });
          if (v.windowEndMonth === undefined) ctx.addIssue({ code: "custom", path: ["windowEndMonth"], message: "tasks.form.month" });
        }),
      z.object({
        ...common,
        scheduleKind: z.literal("relative"),
        relativeAnchor: z.enum(RELATIVE_ANCHORS, "form.unknownOption"),
        offsetAmount: requiredInt(0, 520, "tasks.form.offset"),
        offsetUnit: z.enum(["day", "week"], "form.unknownOption"),
        offsetDirection: z.enum(["before", "after"], "form.unknownOption"),
      }),
    ],
    { error: "form.unknownOption" },
  )
  .transform((v): TaskInput => {
    const match = SUBJECT_RE.exec(v.subject);
    const base: TaskInput = {
      title: v.title,
      why: v.why ?? "",
      subjectType: (match?.[1] ?? "initiative") as SubjectType,
      subjectId: match?.[2] ?? "",
      scheduleKind: v.scheduleKind,
      dueOn: null,
      intervalCount: null,
      intervalUnit: null,
      intervalFrom: null,
      windowStartMonth: null,
      windowEndMonth: null,
      relativeAnchor: null,
      relativeOffsetDays: null,
      leadDays: v.leadDays,
      graceDays: v.graceDays,
      endsOn: v.endsOn ?? null,
      assigneeRoles: TASK_ROLES.filter((r) => v.assigneeRoles.includes(r)),
      assigneeIds: [...new Set(v.assigneeIds)],
      version: v.version,
    };
    switch (v.scheduleKind) {
      case "once":
        return { ...base, dueOn: v.onceOn };
      case "interval":
        return {
          ...base,
          dueOn: v.intervalStartOn,
          intervalCount: v.intervalCount,
          intervalUnit: v.intervalUnit,
          intervalFrom: v.intervalFrom,
        };
      case "window": {
        const preset = presetMonths(v.windowPreset);
        return {
          ...base,
          windowStartMonth: preset?.start ?? v.windowStartMonth ?? null,
          windowEndMonth: preset?.end ?? v.windowEndMonth ?? null,
        };
      }
      case "relative": {
        const days = v.offsetAmount * (v.offsetUnit === "week" ? 7 : 1);
        return { ...base, relativeAnchor: v.relativeAnchor, relativeOffsetDays: v.offsetDirection === "before" ? -days : days };
      }
    }
  });

/** What a valid task form (or a library entry) becomes: exactly the stored columns. */
export type TaskInput = {
  title: string;
  why: string;
  subjectType: SubjectType;
  subjectId: string;
  scheduleKind: TaskRecord["scheduleKind"];
  dueOn: string | null;
  intervalCount: number | null;
  intervalUnit: TaskRecord["intervalUnit"];
  intervalFrom: TaskRecord["intervalFrom"];
  windowStartMonth: number | null;
  windowEndMonth: number | null;
  relativeAnchor: RelativeAnchor | null;
  relativeOffsetDays: number | null;
  leadDays: number;
  graceDays: number;
  endsOn: string | null;
  assigneeRoles: TaskRole[];
  assigneeIds: string[];
  version?: number | undefined;
};

/** The form as typed (strings), for re-rendering after a failed save. */
export type TaskFormValues = {
  title: string;
  why: string;
  subject: string;
  scheduleKind: string;
  onceOn: string;
  intervalStartOn: string;
  intervalCount: string;
  intervalUnit: string;
  intervalFrom: string;
  windowPreset: string;
  windowStartMonth: string;
  windowEndMonth: string;
  relativeAnchor: string;
  offsetAmount: string;
  offsetUnit: string;
  offsetDirection: string;
  leadDays: string;
  graceDays: string;
  endsOn: string;
  assigneeRoles: string[];
  assigneeIds: string[];
};

const FORM_TEXT_FIELDS = [
  "title",
  "why",
  "subject",
  "scheduleKind",
  "onceOn",
  "intervalStartOn",
  "intervalCount",
  "intervalUnit",
  "intervalFrom",
  "windowPreset",
  "windowStartMonth",
  "windowEndMonth",
  "relativeAnchor",
  "offsetAmount",
  "offsetUnit",
  "offsetDirection",
  "leadDays",
  "graceDays",
  "endsOn",
] as const satisfies readonly (keyof TaskFormValues)[];

export function defaultFormValues(initiativeId: string): TaskFormValues {
  return {
    title: "",
    why: "",
    subject: `initiative:${initiativeId}`,
    scheduleKind: "interval",
    onceOn: "",
    intervalStartOn: "",
    intervalCount: "1",
    intervalUnit: "year",
    intervalFrom: "due",
    windowPreset: "custom",
    windowStartMonth: "",
    windowEndMonth: "",
    relativeAnchor: "funding_ends",
    offsetAmount: "8",
    offsetUnit: "week",
    offsetDirection: "before",
    leadDays: "14",
    graceDays: "7",
    endsOn: "",
    assigneeRoles: ["coordinator"],
    assigneeIds: [],
  };
}

export function formValuesFromBody(body: Record<string, unknown>): TaskFormValues {
  const text = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : [];
  const values = { assigneeRoles: list(body.assigneeRoles), assigneeIds: list(body.assigneeIds) } as TaskFormValues;
  for (const name of FORM_TEXT_FIELDS) values[name] = text(body[name]);
  return values;
}

export function formValuesFromTask(task: TaskRecord, assigneeIds: string[]): TaskFormValues {
  const values = defaultFormValues(task.initiativeId);
  const str = (v: number | string | null) => (v === null ? "" : String(v));
  const offset = task.relativeOffsetDays ?? 0;
  const weeks = offset !== 0 && offset % 7 === 0;
  return {
    ...values,
    title: task.title,
    why: task.why,
    subject: `${task.subjectType}:${task.subjectId}`,
    scheduleKind: task.scheduleKind,
    onceOn: task.scheduleKind === "once" ? str(task.dueOn) : "",
    intervalStartOn: task.scheduleKind === "interval" ? str(task.dueOn) : "",
    intervalCount: task.intervalCount === null ? values.intervalCount : str(task.intervalCount),
    intervalUnit: task.intervalUnit ?? values.intervalUnit,
    intervalFrom: task.intervalFrom ?? values.intervalFrom,
    windowStartMonth: str(task.windowStartMonth),
    windowEndMonth: str(task.windowEndMonth),
    relativeAnchor: task.relativeAnchor ?? values.relativeAnchor,
    offsetAmount: task.relativeOffsetDays === null ? values.offsetAmount : String(Math.abs(weeks ? offset / 7 : offset)),
    offsetUnit: task.relativeOffsetDays === null ? values.offsetUnit : weeks ? "week" : "day",
    offsetDirection: offset < 0 ? "before" : task.relativeOffsetDays === null ? values.offsetDirection : "after",
    leadDays: String(task.leadDays),
    graceDays: String(task.graceDays),
    endsOn: str(task.endsOn),
    assigneeRoles: parseRoles(task.assigneeRoles),
    assigneeIds,
  };
}

// ---------------------------------------------------------------------------------------------
// What a task may link to: subjects of this initiative, people involved in it
// ---------------------------------------------------------------------------------------------

export type SubjectOption = { type: SubjectType; id: string; name: string; archived: boolean } & AnchorSource;
export type TaskFormOptions = { subjects: SubjectOption[]; people: { id: string; name: string }[] };

/** Everything a task of this initiative may point at, in one round trip. */
export async function loadTaskFormOptions(db: Db, initiative: InitiativeRef, today: string, taskId?: string): Promise<TaskFormOptions> {
  const [acts, facs, funds, coords, involved, assigned] = await db.batch([
    db
      .select({ id: activities.id, name: activities.name, archivedAt: activities.archivedAt })
      .from(activities)
      .where(eq(activities.initiativeId, initiative.id))
      .orderBy(asc(activities.name)),
    db
      .select({ id: facilities.id, name: facilities.name, archivedAt: facilities.archivedAt, agreementEndsOn: facilities.agreementEndsOn })
      .from(facilities)
      .where(eq(facilities.neighbourhoodId, initiative.neighbourhoodId))
      .orderBy(asc(facilities.name)),
    db
      .select({
        id: fundingStreams.id,
        name: fundingStreams.sourceName,
        archivedAt: fundingStreams.archivedAt,
        endsOn: fundingStreams.endsOn,
        reportDueOn: fundingStreams.reportDueOn,
      })
      .from(fundingStreams)
      .where(eq(fundingStreams.initiativeId, initiative.id))
      .orderBy(asc(fundingStreams.sourceName)),
    db
      .select({ id: people.id, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(and(eq(initiativeCoordinators.initiativeId, initiative.id), isNull(people.erasedAt))),
    db
      .select({ id: people.id, name: people.name })
      .from(involvements)
      .innerJoin(people, eq(people.id, involvements.personId))
      .where(
        and(
          eq(involvements.initiativeId, initiative.id),
          isNull(people.erasedAt),
          or(isNull(involvements.until), gte(involvements.until, today)),
        ),
      ),
    // People already assigned stay choosable even after they stepped back.
    db
      .select({ id: people.id, name: people.name })
      .from(taskAssignees)
      .innerJoin(people, eq(people.id, taskAssignees.personId))
      .where(eq(taskAssignees.taskId, taskId ?? "")),
  ]);
  const byId = new Map<string, { id: string; name: string }>();
  for (const p of [...coords, ...involved, ...assigned]) byId.set(p.id, p);
  return {
    subjects: [
      { type: "initiative", id: initiative.id, name: initiative.name, archived: false },
      ...acts.map((a) => ({ type: "activity" as const, id: a.id, name: a.name, archived: !!a.archivedAt })),
      ...facs.map((f) => ({
        type: "facility" as const,
        id: f.id,
        name: f.name,
        archived: !!f.archivedAt,
        agreementEndsOn: f.agreementEndsOn,
      })),
      ...funds.map((f) => ({
        type: "funding" as const,
        id: f.id,
        name: f.name,
        archived: !!f.archivedAt,
        endsOn: f.endsOn,
        reportDueOn: f.reportDueOn,
      })),
    ],
    people: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "nl")),
  };
}

/**
 * The rules zod cannot know: the subject belongs to this initiative (a facility to its
 * neighbourhood), a relative date sits on that subject, assignees are involved. An archived subject
 * is only accepted when the task already points at it.
 */
export function checkTaskInput(
  input: TaskInput,
  options: TaskFormOptions,
  current?: { subjectType: string; subjectId: string },
): FieldErrors {
  const errors: FieldErrors = {};
  const subject = options.subjects.find((s) => s.type === input.subjectType && s.id === input.subjectId);
  const isCurrent = current?.subjectType === input.subjectType && current.subjectId === input.subjectId;
  if (!subject || (subject.archived && !isCurrent)) errors.subject = "form.unknownOption";
  if (input.relativeAnchor !== null && anchorSubjectType(input.relativeAnchor) !== input.subjectType)
    errors.relativeAnchor = "tasks.form.anchorSubject";
  if (input.assigneeIds.some((id) => !options.people.some((p) => p.id === id))) errors.assigneeIds = "form.unknownOption";
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

function columnsOf(input: TaskInput) {
  return {
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    title: input.title,
    why: input.why,
    scheduleKind: input.scheduleKind,
    dueOn: input.dueOn,
    intervalCount: input.intervalCount,
    intervalUnit: input.intervalUnit,
    intervalFrom: input.intervalFrom,
    windowStartMonth: input.windowStartMonth,
    windowEndMonth: input.windowEndMonth,
    relativeAnchor: input.relativeAnchor,
    relativeOffsetDays: input.relativeOffsetDays,
    leadDays: input.leadDays,
    graceDays: input.graceDays,
    endsOn: input.endsOn,
    assigneeRoles: JSON.stringify(input.assigneeRoles),
  };
}

function assigneeRows(db: Db, taskId: string, personIds: string[]) {
  return personIds.map((personId) => db.insert(taskAssignees).values({ taskId, personId }));
}

export async function createTask(
  db: Db,
  initiative: InitiativeRef,
  input: TaskInput,
  actorId: string | null,
  now: Date,
  templateKey: string | null = null,
): Promise<string> {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const columns = columnsOf(input);
  await db.batch([
    db.insert(tasks).values({
      id,
      initiativeId: initiative.id,
      templateKey,
      ...columns,
      createdAt: at,
      createdBy: actorId,
      updatedAt: at,
      updatedBy: actorId,
    }),
    ...assigneeRows(db, id, input.assigneeIds),
    audit(
      db,
      {
        actorId,
        entity: "task",
        entityId: id,
        action: "create",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: { ...columns, templateKey, assigneeIds: input.assigneeIds },
      },
      now,
    ),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
  return id;
}

export type TaskWithAssignees = TaskRecord & { assigneeIds: string[] };

/** A task of this initiative (never another's), with its assigned people. */
export async function getTask(db: Db, initiativeId: string, taskId: string): Promise<TaskWithAssignees | null> {
  const [rows, assigned] = await db.batch([
    db
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.initiativeId, initiativeId))),
    db.select({ personId: taskAssignees.personId }).from(taskAssignees).where(eq(taskAssignees.taskId, taskId)),
  ]);
  const task = rows[0];
  return task ? { ...task, assigneeIds: assigned.map((a) => a.personId).sort() } : null;
}

/** Replaces the task's fields and assignees; throws StaleVersionError when someone saved in between. */
export async function updateTask(
  db: Db,
  initiative: InitiativeRef,
  before: TaskWithAssignees,
  input: TaskInput,
  version: number,
  actorId: string | null,
  now: Date,
) {
  const columns = columnsOf(input);
  const assigneeIds = [...input.assigneeIds].sort();
  const changes = { ...diff(before as Record<string, unknown>, columns), ...diff({ assigneeIds: before.assigneeIds }, { assigneeIds }) };
  await batchWithVersion(db, [
    expectVersion(db, tasks, before.id, version),
    db
      .update(tasks)
      .set({ ...columns, version: sql`${tasks.version} + 1`, updatedAt: now.toISOString(), updatedBy: actorId })
      .where(and(eq(tasks.id, before.id), eq(tasks.version, version))),
    db.delete(taskAssignees).where(eq(taskAssignees.taskId, before.id)),
    ...assigneeRows(db, before.id, assigneeIds),
    audit(
      db,
      {
        actorId,
        entity: "task",
        entityId: before.id,
        action: "update",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes,
      },
      now,
    ),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

/** Archive (archived = true) or restore; versioned like any edit. */
export async function setTaskArchived(
  db: Db,
  initiative: InitiativeRef,
  before: TaskRecord,
  archived: boolean,
  version: number,
  actorId: string | null,
  now: Date,
) {
  const where = { within: eq(tasks.initiativeId, initiative.id), initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  await setArchived(db, tasks, { before, archive: archived, actorId, entity: "task", version, ...where }, now);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

// ---------------------------------------------------------------------------------------------
// Answers: done, not applicable this time, snooze until (append-only task_events)
// ---------------------------------------------------------------------------------------------

const occurrenceField = () => optionalDateField();

export const completionSchema = z.object({
  kind: z.enum(["done", "not_applicable"], "form.unknownOption"),
  note: optionalText(1000),
  // The due date the person saw; when it no longer is the current one, someone answered meanwhile.
  occurrence: occurrenceField(),
});

export function snoozeSchema(today: string) {
  return z.object({
    until: dateField()
      .refine((d) => d > today, "tasks.snooze.future")
      .refine((d) => d <= addDays(today, 366), "tasks.snooze.tooFar"),
    note: optionalText(1000),
    occurrence: occurrenceField(),
  });
}

export type Answer = { kind: AnswerKind; note: string; snoozedUntil: string | null; occurrence?: string | undefined };
export type AnswerResult =
  | { ok: true; view: TaskView; kind: AnswerKind; answeredDueOn: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "nothingDue" | "answeredMeanwhile"; view: TaskView };

/** Records an answer for the current occurrence; the next due date then follows from the schedule. */
export async function answerTask(
  db: Db,
  initiative: InitiativeRef,
  taskId: string,
  answer: Answer,
  actorId: string | null,
  now: Date,
  today: string,
  via: "web" | "email" | "api" = "web",
): Promise<AnswerResult> {
  const before = await loadTaskView(db, initiative.id, taskId, today);
  if (!before) return { ok: false, reason: "notFound" };
  const occurrence = before.occurrence;
  if (!occurrence) return { ok: false, reason: "nothingDue", view: before };
  if (answer.occurrence !== undefined && answer.occurrence !== occurrence.dueOn)
    return { ok: false, reason: "answeredMeanwhile", view: before };
  const id = crypto.randomUUID();
  const snoozedUntil = answer.kind === "snoozed" ? answer.snoozedUntil : null;
  await db.batch([
    db.insert(taskEvents).values({
      id,
      taskId,
      kind: answer.kind,
      occurrenceDueOn: occurrence.dueOn,
      on: today,
      snoozedUntil,
      note: answer.note,
      byPersonId: actorId,
      via,
      createdAt: now.toISOString(),
    }),
    audit(
      db,
      {
        actorId,
        entity: "task",
        entityId: taskId,
        action: answer.kind === "done" ? "complete" : answer.kind === "snoozed" ? "snooze" : "not_applicable",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: { eventId: id, occurrenceDueOn: occurrence.dueOn, snoozedUntil, note: answer.note },
      },
      now,
    ),
  ]);
  // Done, not needed or snoozed: an overdue task no longer counts as neglected upkeep.
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now, today);
  const view = await loadTaskView(db, initiative.id, taskId, today);
  return { ok: true, view: view ?? before, kind: answer.kind, answeredDueOn: occurrence.dueOn };
}

// ---------------------------------------------------------------------------------------------
// Reading: one shape (TaskView) for the initiative page, the coordinator home and htmx fragments
// ---------------------------------------------------------------------------------------------

export type TaskView = {
  id: string;
  initiativeId: string;
  initiativeName: string;
  title: string;
  why: string;
  templateKey: string | null;
  subjectType: SubjectType;
  subjectId: string;
  /** null when the subject no longer exists */
  subjectName: string | null;
  spec: ScheduleSpec;
  relativeAnchor: RelativeAnchor | null;
  anchorDate: string | null;
  assigneeRoles: TaskRole[];
  assignees: { id: string; name: string }[];
  occurrence: Occurrence | null;
  lastEvent: {
    kind: AnswerKind;
    on: string;
    note: string;
    byName: string | null;
    snoozedUntil: string | null;
    occurrenceDueOn: string;
  } | null;
  /** The date the one-tap snooze moves the task to. */
  snoozeUntil: string;
  /** Reminders have started (today is on or after the occurrence's remindFrom): snoozing makes sense. */
  inReminder: boolean;
  version: number;
  archivedAt: string | null;
};

// D1 returns rows keyed by column name, so joined columns that share a name ("name", "archived_at",
// "ends_on") would overwrite each other: every joined column gets its own alias.
const joined = <T>(column: SQLiteColumn, alias: string) => sql<T>`${column}`.as(alias);

function taskRowsQuery(db: Db, where: SQL | undefined) {
  return db
    .select({
      task: tasks,
      initiativeName: joined<string>(initiatives.name, "t_initiative_name"),
      activityName: joined<string | null>(activities.name, "t_activity_name"),
      fundingName: joined<string | null>(fundingStreams.sourceName, "t_funding_name"),
      fundingEndsOn: joined<string | null>(fundingStreams.endsOn, "t_funding_ends_on"),
      fundingReportDueOn: joined<string | null>(fundingStreams.reportDueOn, "t_funding_report_due_on"),
      fundingArchivedAt: joined<string | null>(fundingStreams.archivedAt, "t_funding_archived_at"),
      facilityName: joined<string | null>(facilities.name, "t_facility_name"),
      facilityAgreementEndsOn: joined<string | null>(facilities.agreementEndsOn, "t_facility_agreement_ends_on"),
      facilityArchivedAt: joined<string | null>(facilities.archivedAt, "t_facility_archived_at"),
    })
    .from(tasks)
    .innerJoin(initiatives, eq(initiatives.id, tasks.initiativeId))
    .leftJoin(activities, and(eq(tasks.subjectType, "activity"), eq(activities.id, tasks.subjectId)))
    .leftJoin(fundingStreams, and(eq(tasks.subjectType, "funding"), eq(fundingStreams.id, tasks.subjectId)))
    .leftJoin(facilities, and(eq(tasks.subjectType, "facility"), eq(facilities.id, tasks.subjectId)))
    .where(where)
    .orderBy(asc(tasks.title), asc(tasks.id));
}

function eventRowsQuery(db: Db, where: SQL | undefined) {
  return db
    .select({ event: taskEvents, byName: people.name })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .leftJoin(people, eq(people.id, taskEvents.byPersonId))
    .where(where)
    .orderBy(asc(taskEvents.createdAt), asc(taskEvents.id));
}

function assigneeRowsQuery(db: Db, where: SQL | undefined) {
  return db
    .select({ taskId: taskAssignees.taskId, id: people.id, name: people.name })
    .from(taskAssignees)
    .innerJoin(tasks, eq(tasks.id, taskAssignees.taskId))
    .innerJoin(people, eq(people.id, taskAssignees.personId))
    .where(where)
    .orderBy(asc(people.name));
}

/** The three reads behind TaskViews (tasks with their subjects, answers, assignees), for tasks matching `where`. */
export function taskReads(db: Db, where: SQL | undefined) {
  return { tasks: taskRowsQuery(db, where), taskEvents: eventRowsQuery(db, where), taskAssignees: assigneeRowsQuery(db, where) };
}
type TaskReads = ReturnType<typeof taskReads>;
export type TaskReadRows = { [K in keyof TaskReads]: Awaited<TaskReads[K]> };
type TaskRows = TaskReadRows["tasks"];
type EventRows = TaskReadRows["taskEvents"];
type AssigneeRows = TaskReadRows["taskAssignees"];

/** The task events as read with the tasks, for the page's "last reminder" lines. */
export type TaskEventRows = EventRows;

function buildViews({ tasks: rows, taskEvents: eventRows, taskAssignees: assigneeRows }: TaskReadRows, today: string): TaskView[] {
  const eventsByTask = new Map<string, EventRows>();
  for (const e of eventRows) eventsByTask.set(e.event.taskId, [...(eventsByTask.get(e.event.taskId) ?? []), e]);
  const assigneesByTask = new Map<string, { id: string; name: string }[]>();
  for (const a of assigneeRows) assigneesByTask.set(a.taskId, [...(assigneesByTask.get(a.taskId) ?? []), { id: a.id, name: a.name }]);

  return rows.map((r) => {
    const task = r.task;
    const events = eventsByTask.get(task.id) ?? [];
    let subjectName: string | null = null;
    let anchorSource: AnchorSource | null = null;
    switch (task.subjectType) {
      case "initiative":
        subjectName = task.subjectId === task.initiativeId ? r.initiativeName : null;
        break;
      case "activity":
        subjectName = r.activityName;
        break;
      case "funding":
        subjectName = r.fundingName;
        if (r.fundingName !== null)
          anchorSource = { endsOn: r.fundingEndsOn, reportDueOn: r.fundingReportDueOn, archivedAt: r.fundingArchivedAt };
        break;
      case "facility":
        subjectName = r.facilityName;
        if (r.facilityName !== null) anchorSource = { agreementEndsOn: r.facilityAgreementEndsOn, archivedAt: r.facilityArchivedAt };
        break;
    }
    const anchorDate = task.scheduleKind === "relative" ? anchorDateFor(task.relativeAnchor, anchorSource) : null;
    const last = events.at(-1);
    // A task whose stored dates cannot be read (written around validation) shows as having
    // nothing planned instead of failing the page; the daily run lists it as skipped.
    let occurrence: Occurrence | null;
    try {
      occurrence = taskStatus(
        task,
        events.map((e) => e.event),
        anchorDate,
        today,
      );
    } catch {
      occurrence = null;
    }
    return {
      id: task.id,
      initiativeId: task.initiativeId,
      initiativeName: r.initiativeName,
      title: task.title,
      why: task.why,
      templateKey: task.templateKey,
      subjectType: task.subjectType,
      subjectId: task.subjectId,
      subjectName,
      spec: specOf(task),
      relativeAnchor: task.relativeAnchor,
      anchorDate,
      assigneeRoles: parseRoles(task.assigneeRoles),
      assignees: assigneesByTask.get(task.id) ?? [],
      occurrence,
      lastEvent: last
        ? {
            kind: last.event.kind,
            on: last.event.on,
            note: last.event.note,
            byName: last.byName,
            snoozedUntil: last.event.snoozedUntil,
            occurrenceDueOn: last.event.occurrenceDueOn,
          }
        : null,
      snoozeUntil: addDays(today, SNOOZE_DAYS),
      inReminder: occurrence !== null && occurrence.remindFrom <= today,
      version: task.version,
      archivedAt: task.archivedAt,
    };
  });
}

const STATE_RANK = { overdue: 0, due: 1, upcoming: 2 } as const;

/** Most urgent first: overdue, due, upcoming (by date), then tasks with nothing planned. */
export function byUrgency(a: TaskView, b: TaskView): number {
  const ra = a.occurrence ? STATE_RANK[a.occurrence.state] : 3;
  const rb = b.occurrence ? STATE_RANK[b.occurrence.state] : 3;
  if (ra !== rb) return ra - rb;
  const da = a.occurrence?.dueOn ?? "";
  const db = b.occurrence?.dueOn ?? "";
  if (da !== db) return da < db ? -1 : 1;
  return a.title.localeCompare(b.title, "nl");
}

async function loadViews(db: Db, where: SQL | undefined, today: string): Promise<TaskView[]> {
  return buildViews(await readTogether(db, taskReads(db, where)), today);
}

/** One task of this initiative, as a row (for the htmx fragment and the answer pages). */
export async function loadTaskView(db: Db, initiativeId: string, taskId: string, today: string): Promise<TaskView | null> {
  const [view] = await loadViews(db, and(eq(tasks.id, taskId), eq(tasks.initiativeId, initiativeId)), today);
  return view ?? null;
}

export type TasksSectionData = { tasks: TaskView[]; archived: TaskView[]; today: string };

/** The tasks section of the initiative page, from the rows of `taskReads` for the initiative. */
export function tasksSectionFrom(rows: TaskReadRows, today: string): TasksSectionData {
  const views = buildViews(rows, today);
  return {
    tasks: views.filter((v) => !v.archivedAt).sort(byUrgency),
    archived: views.filter((v) => v.archivedAt),
    today,
  };
}

/** The tasks section of the initiative page: one statement. */
export async function loadTasksSection(db: Db, initiativeId: string, today: string): Promise<TasksSectionData> {
  return tasksSectionFrom(await readTogether(db, taskReads(db, eq(tasks.initiativeId, initiativeId))), today);
}

/** The reads for `openTasksFrom`: the unarchived tasks of these initiatives (the list is one parameter, however long). */
export function openTaskReads(db: Db, initiativeIds: readonly string[]) {
  return taskReads(db, and(inArray(tasks.initiativeId, jsonList(initiativeIds)), isNull(tasks.archivedAt)));
}

/**
 * For the coordinator home: the tasks whose current occurrence is overdue, due, or due within
 * `withinDays` (snoozed ones wait until their snooze ends), most urgent first.
 */
export function openTasksFrom(rows: TaskReadRows, today: string, withinDays: number): TaskView[] {
  const horizon = addDays(today, withinDays);
  return buildViews(rows, today)
    .filter((v) => {
      const o = v.occurrence;
      if (!o || (o.snoozedUntil !== null && o.snoozedUntil > today)) return false;
      return o.state !== "upcoming" || o.dueOn <= horizon;
    })
    .sort(byUrgency);
}

/** `openTasksFrom` of these initiatives, in one statement. */
export async function loadOpenTasks(db: Db, initiativeIds: string[], today: string, withinDays: number): Promise<TaskView[]> {
  if (initiativeIds.length === 0) return [];
  return openTasksFrom(await readTogether(db, openTaskReads(db, initiativeIds)), today, withinDays);
}
