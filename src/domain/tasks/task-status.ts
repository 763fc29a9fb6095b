// A task's types and its status from what is stored: the schedule as a ScheduleSpec, the date a
// relative task hangs on, and the occurrence that needs attention today. Pure: no database, no clock.
import { taskEvents, tasks, RELATIVE_ANCHORS, TASK_ROLES, TASK_SUBJECTS } from "../../db/schema";
import { currentOccurrence, type Occurrence, type ScheduleSpec, type TaskEventLite } from "./schedule";

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

/** The roles stored as a JSON list, known ones only, in their fixed order. */
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
