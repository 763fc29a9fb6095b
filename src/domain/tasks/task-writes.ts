// Writing tasks: create, change, archive (each with its audit row, in one batch), and answering
// the current occurrence (done, not applicable, snoozed), which appends to the task's events.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { taskAssignees, taskEvents, tasks } from "../../db/schema";
import { audit } from "../audit";
import { setArchived } from "../archive";
import { updateVersioned } from "../versioned-update";
import { rejudgeAfterWrite } from "../risk/store";
import type { TaskInput } from "./task-contract";
import type { AnswerKind, InitiativeRef, TaskRecord } from "./task-status";
import { loadTaskView, type TaskView } from "./task-views";

/** The task's columns: its contract's values, the roles as a JSON list, the people apart. */
function columnsOf(input: TaskInput) {
  const { assigneeIds: _people, assigneeRoles, ...columns } = input;
  return { ...columns, assigneeRoles: JSON.stringify(assigneeRoles) };
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
  const assigneeIds = [...new Set(input.assigneeIds)].sort();
  const people = [db.delete(taskAssignees).where(eq(taskAssignees.taskId, before.id)), ...assigneeRows(db, before.id, assigneeIds)];
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  await updateVersioned(
    db,
    tasks,
    { before, version, set: columnsOf(input), actorId, entity: "task", ...scope, with: people, audited: { assigneeIds } },
    now,
  );
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

// ---- answers: done, not applicable this time, snooze until (append-only task_events) ----

/** `occurrence`: the due date the person answered (null or left out: whatever is due now). */
export type Answer = { kind: AnswerKind; note: string; snoozedUntil: string | null; occurrence?: string | null };
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
  if (answer.occurrence != null && answer.occurrence !== occurrence.dueOn) return { ok: false, reason: "answeredMeanwhile", view: before };
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
