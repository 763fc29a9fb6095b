// Reading tasks: one shape (TaskView) for the initiative page, the coordinator home, a task's page
// and the htmx fragments, built from the read of tasks with their subjects (./task-subject-read),
// their answers and their assigned people.
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { people, taskAssignees, taskEvents, tasks } from "../../db/schema";
import { addDays } from "../../lib/dates";
import type { Occurrence, ScheduleSpec } from "./schedule";
import {
  anchorDateFor,
  parseRoles,
  specOf,
  taskStatus,
  SNOOZE_DAYS,
  type AnswerKind,
  type RelativeAnchor,
  type SubjectType,
  type TaskRole,
} from "./task-status";
import { subjectOf, tasksWithSubjectsRead } from "./task-subject-read";

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
  return { tasks: tasksWithSubjectsRead(db, where), taskEvents: eventRowsQuery(db, where), taskAssignees: assigneeRowsQuery(db, where) };
}
type TaskReads = ReturnType<typeof taskReads>;
export type TaskReadRows = { [K in keyof TaskReads]: Awaited<TaskReads[K]> };
type EventRows = TaskReadRows["taskEvents"];

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
    const { name: subjectName, anchor: anchorSource } = subjectOf(r);
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
