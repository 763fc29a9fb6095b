// A task's contract: its stored fields, once, for the API, PATCH and the history (taskContract), and
// the form people fill in (taskFormContract). The form asks for the same task in people's terms —
// one select for what it belongs to, "the first time on", a quarter instead of two months, "8 weeks
// before" instead of -56 days — so it is a small contract of its own: the stored fields it shares
// are the same field definitions, and one mapping each way (taskInputFromForm, taskFormValuesOf)
// turns one into the other. Which fields count depends on the kind of schedule: the rules below say
// which ones each kind needs, and `normalise` clears the others.
import { INTERVAL_UNITS, RELATIVE_ANCHORS, SCHEDULE_KINDS, TASK_ROLES, TASK_SUBJECTS, type Locale } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { addDays } from "../../lib/dates";
import { defineContract, type FormValues, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { MessageKey } from "../../i18n/catalogue";
import { parseRoles, type TaskRecord } from "./task-status";

type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
const INTERVAL_FROM = ["due", "completion"] as const;
const days = { min: 0, max: 365, message: "tasks.form.days" } as const;
const month = (label: MessageKey) => f.optionalInteger(label, { min: 1, max: 12, message: "tasks.form.month" });

// ---- the stored task: the API, PATCH, the history ----

const taskFields = {
  title: f.requiredText("history.field.title", 120),
  why: f.textOrEmpty("history.field.why", 1000),
  subjectType: f.choice("history.field.subjectType", TASK_SUBJECTS),
  subjectId: f.requiredId("tasks.form.subject"),
  scheduleKind: f.choice("history.field.scheduleKind", SCHEDULE_KINDS),
  /** once: the date; interval: the first time. */
  dueOn: f.optionalDate("history.field.dueOn"),
  intervalCount: f.optionalInteger("history.field.intervalCount", { min: 1, max: 99, message: "tasks.form.count" }),
  intervalUnit: f.optionalChoice("history.field.intervalUnit", INTERVAL_UNITS),
  intervalFrom: f.optionalChoice("tasks.form.intervalFrom", INTERVAL_FROM),
  windowStartMonth: month("tasks.form.windowStartMonth"),
  windowEndMonth: month("tasks.form.windowEndMonth"),
  relativeAnchor: f.optionalChoice("history.field.relativeAnchor", RELATIVE_ANCHORS),
  /** Days after (positive) or before (negative) the anchor date: at most 520 weeks either way. */
  relativeOffsetDays: f.optionalInteger("history.field.relativeOffsetDays", { min: -3640, max: 3640 }),
  leadDays: f.integer("history.field.leadDays", { ...days, fallback: 14 }),
  graceDays: f.integer("history.field.graceDays", { ...days, fallback: 7 }),
  endsOn: f.optionalDate("history.field.endsOn"),
  assigneeRoles: f.idList("history.field.assigneeRoles", { of: TASK_ROLES, max: 10 }),
  assigneeIds: f.idList("history.field.assigneeIds", { max: 50 }),
};
type TaskFields = typeof taskFields;
/** What a valid task becomes: exactly the stored columns (roles as a list), and its assigned people. */
export type TaskInput = Values<TaskFields>;

/** A rule that reads fields by name: it serves the stored task and its form alike. */
type NamedRule = (values: Record<string, unknown>, today: string | undefined) => FieldErrors;

/**
 * The fields a kind of schedule needs, and the message when one is missing. A field that failed to
 * parse is left to its own message.
 */
function needsForKind<F>(needs: Record<ScheduleKind, readonly (readonly [Extract<keyof F, string>, MessageKey])[]>): NamedRule {
  return (v) => {
    const errors: FieldErrors = {};
    const kind = v.scheduleKind as ScheduleKind | undefined;
    if (!kind) return errors;
    for (const [key, message] of needs[kind]) if (v[key] === null) errors[key] = message;
    return errors;
  };
}

const rolesOf = (roles: string | string[]) => (Array.isArray(roles) ? TASK_ROLES.filter((r) => roles.includes(r)) : parseRoles(roles));

/** The fields of one kind are meaningful; the others are cleared. */
function normaliseTask(v: TaskInput): TaskInput {
  const kind = v.scheduleKind;
  const roles = TASK_ROLES.filter((r) => v.assigneeRoles.includes(r));
  return {
    ...v,
    dueOn: kind === "once" || kind === "interval" ? v.dueOn : null,
    intervalCount: kind === "interval" ? v.intervalCount : null,
    intervalUnit: kind === "interval" ? v.intervalUnit : null,
    intervalFrom: kind === "interval" ? (v.intervalFrom ?? "due") : null,
    windowStartMonth: kind === "window" ? v.windowStartMonth : null,
    windowEndMonth: kind === "window" ? v.windowEndMonth : null,
    relativeAnchor: kind === "relative" ? v.relativeAnchor : null,
    relativeOffsetDays: kind === "relative" ? v.relativeOffsetDays : null,
    assigneeRoles: roles,
  };
}

/** An end date may not lie before the first time (of a one-off or a rhythm). */
const endsNotBeforeFirst =
  (first: "dueOn" | "onceOn" | "intervalStartOn", kind?: ScheduleKind): NamedRule =>
  (v) => {
    const start = v[first];
    const endsOn = v.endsOn;
    if (kind && v.scheduleKind !== kind) return {};
    if (v.scheduleKind !== "once" && v.scheduleKind !== "interval") return {};
    return typeof start === "string" && typeof endsOn === "string" && endsOn < start ? { endsOn: "tasks.form.endsBeforeStart" } : {};
  };

/** A maintenance task as stored: the API's create and PATCH, and the names the history gives its fields. */
export const taskContract = defineContract({
  name: "Task",
  fields: taskFields,
  rules: [
    needsForKind<TaskInput>({
      once: [["dueOn", "form.required"]],
      interval: [
        ["dueOn", "form.required"],
        ["intervalCount", "tasks.form.count"],
        ["intervalUnit", "form.required"],
      ],
      window: [
        ["windowStartMonth", "tasks.form.month"],
        ["windowEndMonth", "tasks.form.month"],
      ],
      relative: [
        ["relativeAnchor", "form.required"],
        ["relativeOffsetDays", "form.required"],
      ],
    }),
    endsNotBeforeFirst("dueOn"),
  ],
  // Stored as a JSON list; a task as the API shows it has the list itself.
  stored: { assigneeRoles: (row: Pick<TaskRecord, "assigneeRoles"> | { assigneeRoles: string[] }) => rolesOf(row.assigneeRoles) },
  normalise: normaliseTask,
});

// ---- the form people fill in ----

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

/** One select for the subject: "activity:<id>", "funding:<id>", ... */
const SUBJECT_RE = new RegExp(`^(${TASK_SUBJECTS.join("|")}):([A-Za-z0-9_-]{1,64})$`);

const taskFormFields = {
  title: taskFields.title,
  why: taskFields.why,
  subject: f.requiredText("tasks.form.subject", 140),
  scheduleKind: taskFields.scheduleKind,
  onceOn: f.optionalDate("tasks.form.onceOn"),
  intervalStartOn: f.optionalDate("tasks.form.intervalStartOn"),
  intervalCount: taskFields.intervalCount,
  intervalUnit: taskFields.intervalUnit,
  intervalFrom: taskFields.intervalFrom,
  windowPreset: f.choice("tasks.form.windowPreset", WINDOW_PRESETS, { fallback: "custom" }),
  windowStartMonth: taskFields.windowStartMonth,
  windowEndMonth: taskFields.windowEndMonth,
  relativeAnchor: taskFields.relativeAnchor,
  offsetAmount: f.optionalInteger("tasks.form.offsetAmount", { min: 0, max: 520, message: "tasks.form.offset" }),
  offsetUnit: f.choice("tasks.form.offsetUnit", ["day", "week"] as const, { fallback: "week" }),
  offsetDirection: f.choice("tasks.form.offsetDirection", ["before", "after"] as const, { fallback: "before" }),
  leadDays: taskFields.leadDays,
  graceDays: taskFields.graceDays,
  endsOn: taskFields.endsOn,
  assigneeRoles: taskFields.assigneeRoles,
  assigneeIds: taskFields.assigneeIds,
};
type TaskFormFields = typeof taskFormFields;
export type TaskFormValues = FormValues<TaskFormFields>;

/** The inputs of each kind of schedule: the page shows them all, only the chosen kind's are read. */
const KIND_INPUTS: Record<ScheduleKind, readonly (keyof TaskFormFields)[]> = {
  once: ["onceOn"],
  interval: ["intervalStartOn", "intervalCount", "intervalUnit", "intervalFrom"],
  window: ["windowPreset", "windowStartMonth", "windowEndMonth"],
  relative: ["relativeAnchor", "offsetAmount", "offsetUnit", "offsetDirection"],
};
const ALL_KIND_INPUTS = new Set(Object.values(KIND_INPUTS).flat());

const subjectWellFormed: Rule<TaskFormFields> = (v) =>
  v.subject !== undefined && !SUBJECT_RE.test(v.subject) ? { subject: "form.unknownOption" } : {};

const customMonthsGiven: Rule<TaskFormFields> = (v) => {
  if (v.scheduleKind !== "window" || (v.windowPreset ?? "custom") !== "custom") return {};
  const errors: FieldErrors = {};
  if (v.windowStartMonth === null) errors.windowStartMonth = "tasks.form.month";
  if (v.windowEndMonth === null) errors.windowEndMonth = "tasks.form.month";
  return errors;
};

export const taskFormContract = defineContract({
  name: "TaskForm",
  fields: taskFormFields,
  rules: [
    subjectWellFormed,
    needsForKind<Values<TaskFormFields>>({
      once: [["onceOn", "form.required"]],
      interval: [
        ["intervalStartOn", "form.required"],
        ["intervalCount", "tasks.form.count"],
        ["intervalUnit", "form.required"],
      ],
      window: [],
      relative: [
        ["relativeAnchor", "form.required"],
        ["offsetAmount", "tasks.form.offset"],
      ],
    }),
    customMonthsGiven,
    endsNotBeforeFirst("onceOn", "once"),
    endsNotBeforeFirst("intervalStartOn", "interval"),
  ],
});

/** The form's values → the stored task. */
export function taskInputFromForm(v: Values<TaskFormFields>): TaskInput {
  const match = SUBJECT_RE.exec(v.subject);
  const preset = presetMonths(v.windowPreset);
  const offset = v.offsetAmount === null ? null : v.offsetAmount * (v.offsetUnit === "week" ? 7 : 1);
  return normaliseTask({
    title: v.title,
    why: v.why,
    subjectType: (match?.[1] ?? "initiative") as TaskInput["subjectType"],
    subjectId: match?.[2] ?? "",
    scheduleKind: v.scheduleKind,
    dueOn: v.scheduleKind === "once" ? v.onceOn : v.intervalStartOn,
    intervalCount: v.intervalCount,
    intervalUnit: v.intervalUnit,
    intervalFrom: v.intervalFrom,
    windowStartMonth: preset?.start ?? v.windowStartMonth,
    windowEndMonth: preset?.end ?? v.windowEndMonth,
    relativeAnchor: v.relativeAnchor,
    relativeOffsetDays: offset === null ? null : v.offsetDirection === "before" ? -offset : offset,
    leadDays: v.leadDays,
    graceDays: v.graceDays,
    endsOn: v.endsOn,
    assigneeRoles: v.assigneeRoles as TaskInput["assigneeRoles"],
    assigneeIds: v.assigneeIds,
  });
}

/** Only the chosen kind's inputs: what another kind's (hidden or left) inputs hold is not read. */
function onlyChosenKind(body: Record<string, unknown>) {
  const kind = body.scheduleKind as ScheduleKind;
  const keep = new Set(KIND_INPUTS[kind] ?? []);
  return Object.fromEntries(Object.entries(body).filter(([k]) => !ALL_KIND_INPUTS.has(k as keyof TaskFormFields) || keep.has(k as never)));
}

/** A posted task form → the stored task, or a message per input (every message at once). */
export function parseTaskForm(body: Record<string, unknown>): Parsed<TaskInput> {
  const parsed = taskFormContract.parseForm(onlyChosenKind(body));
  return parsed.ok ? { ok: true, data: taskInputFromForm(parsed.data) } : parsed;
}

/** The same with the version the form was loaded with. */
export function parseTaskFormUpdate(body: Record<string, unknown>): Parsed<TaskInput & { version: number }> {
  const parsed = taskFormContract.parseFormUpdate(onlyChosenKind(body));
  return parsed.ok ? { ok: true, data: { ...taskInputFromForm(parsed.data), version: parsed.data.version } } : parsed;
}

/** A new task's form: once a year, from its due date, for the coordinators. */
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

/** A stored task as its form shows it (a whole number of weeks as weeks). */
export function taskFormValuesOf(task: TaskInput & { initiativeId: string }, locale: Locale): TaskFormValues {
  const defaults = defaultFormValues(task.initiativeId);
  const offset = task.relativeOffsetDays;
  const weeks = offset !== null && offset !== 0 && offset % 7 === 0;
  const shown = taskFormContract.formValues(
    {
      ...task,
      subject: `${task.subjectType}:${task.subjectId}`,
      onceOn: task.scheduleKind === "once" ? task.dueOn : null,
      intervalStartOn: task.scheduleKind === "interval" ? task.dueOn : null,
      windowPreset: "custom",
      offsetAmount: offset === null ? null : Math.abs(weeks ? offset / 7 : offset),
      offsetUnit: offset === null || weeks ? "week" : "day",
      offsetDirection: offset !== null && offset > 0 ? "after" : "before",
    },
    locale,
  );
  // What another kind leaves empty shows the defaults, so switching kind starts from something sensible.
  const filled = { ...shown } as Record<string, unknown>;
  for (const [k, v] of Object.entries(defaults)) if (filled[k] === "" && v !== "") filled[k] = v;
  return filled as TaskFormValues;
}

// ---- answering a task: done, not applicable this time, or snoozed until a date ----

const ANSWER_KINDS = ["done", "not_applicable", "snoozed"] as const;

/** A snooze needs its date: after today, within a year. */
const snoozeDate: Rule<typeof answerFields> = (v, today) => {
  if (v.kind !== "snoozed") return {};
  if (!today) throw new Error("taskAnswerContract checks the snooze date against today: pass it");
  if (v.until === null) return { until: "form.required" };
  if (v.until === undefined) return {};
  if (v.until <= today) return { until: "tasks.snooze.future" };
  return v.until > addDays(today, 366) ? { until: "tasks.snooze.tooFar" } : {};
};

const answerFields = {
  kind: f.choice("tasks.answer.kind", ANSWER_KINDS),
  note: f.textOrEmpty("tasks.answer.note", 1000),
  /** The due date the person saw; when it no longer is the current one, someone answered meanwhile. */
  occurrence: f.optionalDate("tasks.answer.occurrence"),
  /** For a snooze: until when. */
  until: f.optionalDate("tasks.snooze.until"),
};

export const taskAnswerContract = defineContract({
  name: "TaskCompletion",
  fields: answerFields,
  rules: [snoozeDate],
  normalise: (v) => ({ ...v, until: v.kind === "snoozed" ? v.until : null }),
});
export type TaskAnswerInput = Values<typeof answerFields>;
