// Maintenance reminders: for a slice of tasks, which reminder stage each task's current occurrence
// has reached today, and who gets it. At lead time, on the due date and once when overdue the
// task's people (by name and by role) get a reminder; when nobody answers, the initiative's
// coordinators (after the grace days) and then the linked partner contacts (PARTNER_ESCALATION_DAYS
// later). A snooze holds everything; when it ends, the current stage goes out once more.
// Work is per slice of tasks: two round trips, and a third for the people when a task of the slice
// has a stage due today.
import { and, asc, eq, gt, inArray, isNull, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { initiatives, outbox, people, taskEvents, tasks } from "../../db/schema";
import { readTogether } from "../../db/read-together";
import type { Draft } from "./outbox";
import {
  assigneesSql,
  digestMode,
  jsonList,
  mailable,
  releaseAt,
  roleLinksSql,
  type Assignee,
  type MailPerson,
  type RoleLink,
} from "./recipients";
import { batch, rows as rowsOf } from "../../db/raw-sql";
import type { Occurrence } from "../tasks/schedule";
import { addDays } from "../../lib/dates";
import { anchorDateFor, parseRoles, taskStatus } from "../tasks/task-status";
import { subjectOf, tasksWithSubjectsRead, type TaskWithSubjectRow } from "../tasks/task-subject-read";
import { isolated, type Skip } from "../runs/skips";

export type Stage = "lead" | "due" | "overdue" | "coordinators" | "partners";
/** After the coordinators were told, this many more days without an answer bring in the partner contact. */
export const PARTNER_ESCALATION_DAYS = 14;
/** Tasks per step of the daily run. */
export const REMINDER_SLICE = 100;

export type ReminderPayload = {
  taskId: string;
  initiativeId: string;
  initiativeName: string;
  title: string;
  why: string;
  subjectName: string | null;
  /** The activities that lean on the task's subject: why it matters. */
  leansOn: string[];
  dueOn: string;
  overdueAfter: string;
  stage: Stage;
};

/**
 * The stages due today for one occurrence. `lastSnoozeUntil` is the end of the latest snooze of
 * this occurrence (past or future); it starts a new round, so the key changes and the current
 * stage is sent again after the snooze.
 */
export function reminderStages(occ: Occurrence | null, lastSnoozeUntil: string | null, today: string): { round: string; stages: Stage[] } {
  const round = lastSnoozeUntil ?? "0";
  if (!occ || occ.snoozedUntil !== null || today < occ.remindFrom) return { round, stages: [] };
  if (occ.state === "upcoming") return { round, stages: ["lead"] };
  if (occ.state === "due") return { round, stages: ["due"] };
  const base = lastSnoozeUntil && lastSnoozeUntil > occ.overdueAfter ? lastSnoozeUntil : occ.overdueAfter;
  return {
    round,
    stages: today > addDays(base, PARTNER_ESCALATION_DAYS) ? ["overdue", "coordinators", "partners"] : ["overdue", "coordinators"],
  };
}

export type ReminderSlice = {
  drafts: Draft[];
  scanned: number;
  lastTaskId: string | null;
  overdueByNeighbourhood: Record<string, number>;
  /** Tasks that could not be planned (e.g. a stored date that is no date). */
  skipped: Skip[];
};

/**
 * Plans the reminders for the next `limit` live tasks after `afterTaskId` (tasks of archived,
 * stopped or handed-over initiatives rest). Returns drafts to claim, plus how many tasks are
 * overdue per neighbourhood (for the partners' digest).
 */
export async function planReminderSlice(
  db: Db,
  cursor: { afterTaskId: string | null; limit?: number },
  today: string,
  now: Date,
): Promise<ReminderSlice> {
  const limit = cursor.limit ?? REMINDER_SLICE;
  const rows = await tasksWithSubjectsRead(
    db,
    and(
      cursor.afterTaskId ? gt(tasks.id, cursor.afterTaskId) : undefined,
      isNull(tasks.archivedAt),
      isNull(initiatives.archivedAt),
      inArray(initiatives.status, ["active", "paused"]),
    ),
    { by: "id", limit },
  );
  const result: ReminderSlice = {
    drafts: [],
    scanned: rows.length,
    lastTaskId: rows.at(-1)?.task.id ?? null,
    overdueByNeighbourhood: {},
    skipped: [],
  };
  if (rows.length === 0) return result;

  const taskIds = rows.map((r) => r.task.id);
  const initiativeIds = [...new Set(rows.map((r) => r.task.initiativeId))];
  const fundingIds = rows.filter((r) => r.task.subjectType === "funding").map((r) => r.task.subjectId);
  const facilityIds = rows.filter((r) => r.task.subjectType === "facility").map((r) => r.task.subjectId);
  const [eventRows, leaningRows] = await batch(db, [
    sql`SELECT te.task_id AS "taskId", te.kind AS "kind", te.occurrence_due_on AS "occurrenceDueOn", te."on" AS "on", te.snoozed_until AS "snoozedUntil"
        FROM task_events te WHERE te.task_id IN ${jsonList(taskIds)} ORDER BY te.created_at, te.id`,
    sql`
      SELECT fa.funding_id AS "subjectId", a.initiative_id AS "initiativeId", a.name AS "name" FROM funding_activities fa
        JOIN activities a ON a.id = fa.activity_id AND a.archived_at IS NULL WHERE fa.funding_id IN ${jsonList(fundingIds)}
      UNION ALL
      SELECT a.facility_id, a.initiative_id, a.name FROM activities a
        WHERE a.facility_id IN ${jsonList(facilityIds)} AND a.archived_at IS NULL AND a.initiative_id IN ${jsonList(initiativeIds)}
      ORDER BY 3`,
  ]);
  const events = rowsOf<{
    taskId: string;
    kind: "done" | "not_applicable" | "snoozed";
    occurrenceDueOn: string;
    on: string;
    snoozedUntil: string | null;
  }>(eventRows);
  const leaning = rowsOf<{ subjectId: string; initiativeId: string; name: string }>(leaningRows);

  const group = <T, K>(xs: T[], key: (x: T) => K) => {
    const m = new Map<K, T[]>();
    for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return m;
  };
  const eventsByTask = group(events, (e) => e.taskId);
  const skipOf = (r: TaskWithSubjectRow): Omit<Skip, "error"> => ({
    step: "reminders",
    recordType: "task",
    recordId: r.task.id,
    initiativeId: r.task.initiativeId,
  });

  // Each task on its own: one whose dates cannot be read is reported, the others are planned.
  // First which stage each task has reached today; then, for the few tasks with a stage due, who
  // gets it. (Reading the people of every initiative in the slice first read ~2,400 rows per slice
  // for the handful of tasks that mail anyone.)
  const due: Due[] = [];
  for (const r of rows) {
    const staged = isolated(result.skipped, skipOf(r), () => stagesOf(r));
    if (!staged) continue; // no occurrence, or one that could not be read (reported)
    if (staged.overdue) result.overdueByNeighbourhood[r.neighbourhoodId] = (result.overdueByNeighbourhood[r.neighbourhoodId] ?? 0) + 1;
    if (staged.stages.length > 0) due.push(staged);
  }
  if (due.length === 0) return result;

  const [assignedRows, linkRows] = await batch(db, [
    assigneesSql(due.map((d) => d.r.task.id)),
    roleLinksSql([...new Set(due.map((d) => d.r.task.initiativeId))], today),
  ]);
  const assignedByTask = group(rowsOf<Assignee>(assignedRows), (a) => a.taskId);
  const linksByInitiative = group(rowsOf<RoleLink>(linkRows), (l) => l.initiativeId);
  for (const d of due) {
    const drafts = isolated(result.skipped, skipOf(d.r), () => draftsOf(d));
    if (drafts) result.drafts.push(...drafts);
  }
  return result;

  function stagesOf(r: TaskWithSubjectRow): Due | null {
    const task = r.task;
    const subject = subjectOf(r);
    const anchorDate = task.scheduleKind === "relative" ? anchorDateFor(task.relativeAnchor, subject.anchor) : null;
    const taskEventsList = eventsByTask.get(task.id) ?? [];
    const occ = taskStatus(task, taskEventsList, anchorDate, today);
    if (!occ) return null;
    const snoozes = taskEventsList.filter((e) => e.kind === "snoozed" && e.occurrenceDueOn === occ.dueOn && e.snoozedUntil);
    const { round, stages } = reminderStages(occ, snoozes.at(-1)?.snoozedUntil ?? null, today);
    return { r, occ, round, stages, overdue: occ.state === "overdue" };
  }

  function draftsOf({ r, occ, round, stages }: Due): Draft[] {
    const drafts: Draft[] = [];
    const task = r.task;
    const subject = subjectOf(r);
    const initiativeLinks = linksByInitiative.get(task.initiativeId) ?? [];
    const roles = parseRoles(task.assigneeRoles);
    const audience = new Map<string, MailPerson>();
    for (const p of assignedByTask.get(task.id) ?? []) audience.set(p.personId, p);
    for (const l of initiativeLinks) if (roles.includes(l.role)) audience.set(l.personId, l);
    const told = new Set(audience.keys());
    const byRole = (role: "coordinator" | "partner_contact") => {
      const out = new Map<string, MailPerson>();
      for (const l of initiativeLinks) if (l.role === role && !told.has(l.personId)) out.set(l.personId, l);
      for (const id of out.keys()) told.add(id);
      return out;
    };
    const leansOn =
      task.subjectType === "activity" && subject.name
        ? [subject.name]
        : leaning.filter((l) => l.subjectId === task.subjectId && l.initiativeId === task.initiativeId).map((l) => l.name);
    const base: Omit<ReminderPayload, "stage"> = {
      taskId: task.id,
      initiativeId: task.initiativeId,
      initiativeName: r.initiativeName,
      title: task.title,
      why: task.why,
      // The mail names the initiative already; a subject is named only when it is something within it.
      subjectName: task.subjectType === "initiative" ? null : subject.name,
      leansOn: [...new Set(leansOn)].slice(0, 5),
      dueOn: occ.dueOn,
      overdueAfter: occ.overdueAfter,
    };
    for (const stage of stages) {
      const people = stage === "coordinators" ? byRole("coordinator") : stage === "partners" ? byRole("partner_contact") : audience;
      for (const person of people.values()) {
        if (!mailable(person, "reminders")) continue;
        drafts.push({
          key: `reminder:${task.id}:${occ.dueOn}:${round}:${stage}:${person.personId}`,
          kind: stage === "coordinators" || stage === "partners" ? "escalation" : "reminder",
          personId: person.personId,
          to: person.email,
          locale: person.locale,
          subjectType: "task",
          subjectId: task.id,
          payload: { ...base, stage } satisfies ReminderPayload,
          releaseAt: releaseAt(digestMode(person), today, now),
        });
      }
    }
    return drafts;
  }
}

/** A task of the slice with the stages its current occurrence has reached today. */
type Due = { r: TaskWithSubjectRow; occ: Occurrence; round: string; stages: Stage[]; overdue: boolean };

// ---------------------------------------------------------------------------------------------
// For coordinators: per task, when the last reminder went out, to whom, and what was answered
// ---------------------------------------------------------------------------------------------

export type LastReminderInfo = {
  taskId: string;
  sentAt: string;
  stage: Stage | null;
  dueOn: string | null;
  recipients: string[];
  answer: {
    kind: "done" | "not_applicable" | "snoozed";
    on: string;
    byName: string | null;
    via: "web" | "email" | "api";
    snoozedUntil: string | null;
  } | null;
};

/**
 * The last reminder sent for each of these tasks, one row per recipient. `taskIds` is a subquery
 * (or a jsonList) that yields task ids.
 */
export function lastSentRemindersRead(db: Db, taskIds: SQLWrapper) {
  const sentStatuses = ["sent", "recorded"] as const;
  return db
    .select({
      taskId: sql<string>`${outbox.subjectId}`,
      sentAt: sql<string>`${outbox.sentAt}`,
      // (json_valid: an unreadable payload reads as nothing instead of failing the page)
      stage: sql<Stage | null>`CASE WHEN json_valid(${outbox.payload}) THEN json_extract(${outbox.payload}, '$.stage') END`,
      dueOn: sql<string | null>`CASE WHEN json_valid(${outbox.payload}) THEN json_extract(${outbox.payload}, '$.dueOn') END`,
      name: people.name,
    })
    .from(outbox)
    .leftJoin(people, eq(people.id, outbox.personId))
    .where(
      and(
        eq(outbox.subjectType, "task"),
        inArray(outbox.subjectId, taskIds),
        inArray(outbox.status, sentStatuses),
        // Written out: the outer row's task id must be the correlated one.
        eq(
          outbox.sentAt,
          sql`(SELECT max(o2.sent_at) FROM outbox o2 WHERE o2.subject_type = 'task' AND o2.subject_id = ${outbox.subjectId} AND o2.status IN ('sent', 'recorded'))`,
        ),
      ),
    )
    .orderBy(asc(people.name));
}

type SentRow = Awaited<ReturnType<typeof lastSentRemindersRead>>[number];
type AnswerRow = {
  event: Pick<typeof taskEvents.$inferSelect, "taskId" | "kind" | "on" | "occurrenceDueOn" | "via" | "snoozedUntil">;
  byName: string | null;
};

/** Per task: its last reminder, and the answer given to that occurrence. `answers` oldest first. */
export function lastRemindersFrom(sent: SentRow[], answers: AnswerRow[]): Map<string, LastReminderInfo> {
  const out = new Map<string, LastReminderInfo>();
  for (const s of sent) {
    const info = out.get(s.taskId) ?? { taskId: s.taskId, sentAt: s.sentAt, stage: s.stage, dueOn: s.dueOn, recipients: [], answer: null };
    if (s.name && !info.recipients.includes(s.name)) info.recipients.push(s.name);
    out.set(s.taskId, info);
  }
  for (const { event: a, byName } of answers) {
    const info = out.get(a.taskId);
    if (info && a.occurrenceDueOn === info.dueOn)
      info.answer = { kind: a.kind, on: a.on, byName, via: a.via, snoozedUntil: a.snoozedUntil };
  }
  return out;
}

/** One statement for any number of tasks. */
export async function lastRemindersForTasks(db: Db, taskIds: readonly string[]): Promise<Map<string, LastReminderInfo>> {
  if (taskIds.length === 0) return new Map();
  const ids = jsonList(taskIds);
  const rows = await readTogether(db, {
    sent: lastSentRemindersRead(db, ids),
    answers: db
      .select({ event: taskEvents, byName: people.name })
      .from(taskEvents)
      .leftJoin(people, eq(people.id, taskEvents.byPersonId))
      .where(inArray(taskEvents.taskId, ids))
      .orderBy(asc(taskEvents.createdAt), asc(taskEvents.id)),
  });
  return lastRemindersFrom(rows.sent, rows.answers);
}
