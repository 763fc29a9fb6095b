// Maintenance tasks and their completion log. JSON carries the stored shape of a schedule
// (dueOn, interval…, window months, relative anchor and offset in days); it is turned into the
// task form the screens post, so taskFormSchema and checkTaskInput decide what is valid.
import { and, desc, eq, inArray } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import {
  INTERVAL_UNITS,
  RELATIVE_ANCHORS,
  SCHEDULE_KINDS,
  taskAssignees,
  taskEvents,
  tasks,
  TASK_ROLES,
  TASK_SUBJECTS,
} from "../../db/schema";
import {
  answerTask,
  checkTaskInput,
  completionSchema,
  createTask,
  getTask,
  loadTaskFormOptions,
  loadTaskView,
  parseRoles,
  setTaskArchived,
  snoozeSchema,
  taskFormSchema,
  updateTask,
  type InitiativeRef,
  type TaskWithAssignees,
} from "../../domain/tasks/tasks";
import type { ApiContext } from "../context";
import { dateField } from "../../lib/dates";
import { textString } from "../../lib/validation";
import { conflict, notFound } from "../errors";
import { assertNoErrors, createBody, domainParse, updateBody, withoutNulls, type Shape } from "../input";
import { getOp, idParams, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, requireAdmin, today, underInitiatives, type InitiativeRow } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Tasks";
const OccurrenceSchema = z
  .object({
    dueOn: z.string(),
    remindFrom: z.string(),
    overdueAfter: z.string(),
    state: z.enum(["upcoming", "due", "overdue"]),
    snoozedUntil: z.string().nullable(),
  })
  .openapi("Occurrence");
export const TaskRecord = recordSchema("Task", tasks, {
  extra: {
    assigneeRoles: z.array(z.enum(TASK_ROLES)),
    assigneeIds: z.array(z.string()),
    occurrence: OccurrenceSchema.nullable()
      .optional()
      .openapi({ description: "On GET of one task: the occurrence that needs attention now (null: nothing planned)." }),
  },
});
const CompletionRecord = recordSchema("TaskCompletion", taskEvents, {
  extra: { version: z.number().int(), updatedAt: z.string().openapi({ format: "date-time" }) },
});

// The stored shape, as JSON types; the ranges and the rules per schedule kind live in taskFormSchema.
const small = () => z.number().int().min(-100_000).max(100_000);
const fields: Shape = {
  title: textString().max(1000),
  why: textString().max(5000).nullable().optional(),
  subjectType: z.enum(TASK_SUBJECTS),
  subjectId: textString().max(64),
  scheduleKind: z.enum(SCHEDULE_KINDS),
  dueOn: dateField().nullable().optional(),
  intervalCount: small().nullable().optional(),
  intervalUnit: z.enum(INTERVAL_UNITS).nullable().optional(),
  intervalFrom: z.enum(["due", "completion"]).nullable().optional(),
  windowStartMonth: small().nullable().optional(),
  windowEndMonth: small().nullable().optional(),
  relativeAnchor: z.enum(RELATIVE_ANCHORS).nullable().optional(),
  relativeOffsetDays: small().nullable().optional().openapi({ description: "Days after (positive) or before (negative) the anchor date." }),
  leadDays: small().optional(),
  graceDays: small().optional(),
  endsOn: dateField().nullable().optional(),
  assigneeRoles: z.array(textString().max(40)).max(10).optional(),
  assigneeIds: z.array(textString().max(64)).max(50).optional(),
};
const Create = createBody("Task", { initiativeId: str, ...fields });
const Update = updateBody("Task", fields);
const CompletionBody = z
  .strictObject({
    kind: z.enum(["done", "not_applicable", "snoozed"]),
    note: textString().max(5000).nullable().optional(),
    occurrence: dateField()
      .nullable()
      .optional()
      .openapi({ description: "The due date you answer; when it is no longer the current one, 409." }),
    until: dateField().nullable().optional().openapi({ description: "For kind snoozed: postpone until this date." }),
  })
  .openapi("TaskCompletionCreate");

const RENAME = {
  subject: "subjectId",
  onceOn: "dueOn",
  intervalStartOn: "dueOn",
  offsetAmount: "relativeOffsetDays",
  offsetUnit: "relativeOffsetDays",
  offsetDirection: "relativeOffsetDays",
  windowPreset: "windowStartMonth",
};

/** The stored shape → the task form the screens post. */
function toForm(input: Record<string, unknown>) {
  const v = withoutNulls(input);
  const form: Record<string, unknown> = {
    title: v.title,
    why: v.why,
    subject: `${String(v.subjectType ?? "")}:${String(v.subjectId ?? "")}`,
    scheduleKind: v.scheduleKind,
    leadDays: v.leadDays,
    graceDays: v.graceDays,
    endsOn: v.endsOn,
    assigneeRoles: v.assigneeRoles ?? [],
    assigneeIds: v.assigneeIds ?? [],
    version: v.version,
  };
  switch (v.scheduleKind) {
    case "once":
      return { ...form, onceOn: v.dueOn };
    case "interval":
      return {
        ...form,
        intervalStartOn: v.dueOn,
        intervalCount: v.intervalCount,
        intervalUnit: v.intervalUnit,
        intervalFrom: v.intervalFrom ?? "due",
      };
    case "window":
      return { ...form, windowPreset: "custom", windowStartMonth: v.windowStartMonth, windowEndMonth: v.windowEndMonth };
    case "relative": {
      const days = typeof v.relativeOffsetDays === "number" ? v.relativeOffsetDays : undefined;
      const weeks = days !== undefined && days !== 0 && days % 7 === 0;
      return {
        ...form,
        relativeAnchor: v.relativeAnchor,
        offsetAmount: days === undefined ? undefined : Math.abs(weeks ? days / 7 : days),
        offsetUnit: weeks ? "week" : "day",
        offsetDirection: days !== undefined && days < 0 ? "before" : "after",
      };
    }
    default:
      return form;
  }
}

function record(t: TaskWithAssignees) {
  return { ...t, assigneeRoles: parseRoles(t.assigneeRoles) };
}

const ref = (i: InitiativeRow): InitiativeRef => ({ id: i.id, neighbourhoodId: i.neighbourhoodId, name: i.name });

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, tasks, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const task = await getTask(c.var.db, initiative.id, id);
  if (!task) throw notFound();
  return { task, initiative };
}

const fresh = async (c: ApiContext, initiativeId: string, id: string) => record((await getTask(c.var.db, initiativeId, id))!);

function current(t: TaskWithAssignees) {
  const {
    id: _i,
    initiativeId: _n,
    templateKey: _t,
    archivedAt: _a,
    version: _v,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    ...rest
  } = record(t);
  return rest;
}

export function taskRoutes(app: ApiApp) {
  const query = { initiativeId: z.string().max(64).optional(), neighbourhoodId: z.string().max(64).optional() };
  register(
    app,
    listOp({ id: "listTasks", path: "/tasks", tag: TAG, summary: "List maintenance tasks", item: TaskRecord, name: "Task", query }),
    async (c) => {
      const q = valid<PageParams & { archived: "exclude" | "include" | "only"; initiativeId?: string; neighbourhoodId?: string }>(
        c,
        "query",
      );
      const db = c.var.db;
      const where = and(...(await underInitiatives(c, tasks.initiativeId, q)), archivedWhere(tasks.archivedAt, q.archived));
      const page = await keysetPage(db, tasks, where, q);
      const ids = page.data.map((t) => t.id);
      const assigned = ids.length ? await db.select().from(taskAssignees).where(inArray(taskAssignees.taskId, ids)) : [];
      return json(c, {
        ...page,
        data: page.data.map((t) =>
          record({
            ...t,
            assigneeIds: assigned
              .filter((a) => a.taskId === t.id)
              .map((a) => a.personId)
              .sort(),
          }),
        ),
      });
    },
  );

  register(
    app,
    getOp({ id: "getTask", path: "/tasks/{id}", tag: TAG, summary: "Get a task with its current occurrence", item: TaskRecord }),
    async (c) => {
      const { task, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      const view = await loadTaskView(c.var.db, initiative.id, task.id, today(c));
      return json(c, { ...record(task), occurrence: view?.occurrence ?? null });
    },
  );

  register(
    app,
    writeOp({
      id: "createTask",
      method: "post",
      path: "/tasks",
      tag: TAG,
      summary: "Create a maintenance task (admin)",
      body: Create,
      item: TaskRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { initiativeId: string }>(c, "json");
      const initiative = await initiativeFromBody(c, body.initiativeId, true);
      const input = domainParse(taskFormSchema, toForm(body), RENAME);
      assertNoErrors(checkTaskInput(input, await loadTaskFormOptions(db, ref(initiative), today(c))), RENAME);
      const id = await createTask(db, ref(initiative), input, principal.actorId, now);
      return json(c, await fresh(c, initiative.id, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateTask",
      method: "patch",
      path: "/tasks/{id}",
      tag: TAG,
      summary: "Change a task (admin)",
      body: Update,
      item: TaskRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const { task, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const body = valid<Record<string, unknown> & { version: number }>(c, "json");
      const input = domainParse(taskFormSchema, toForm({ ...current(task), ...body }), RENAME);
      assertNoErrors(checkTaskInput(input, await loadTaskFormOptions(db, ref(initiative), today(c), task.id), task), RENAME);
      await versioned(
        () => updateTask(db, ref(initiative), task, input, body.version, principal.actorId, now),
        () => fresh(c, initiative.id, task.id),
      );
      return json(c, await fresh(c, initiative.id, task.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveTask" : "restoreTask",
      method: "post",
      path: `/tasks/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a task (admin)" : "Restore a task (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: TaskRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const { task, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const sent = valid<{ version?: number }>(c, "json").version;
      checkVersion(sent, task, record(task));
      await versioned(
        () => setTaskArchived(db, ref(initiative), task, archive, sent ?? task.version, principal.actorId, now),
        () => fresh(c, initiative.id, task.id),
      );
      return json(c, await fresh(c, initiative.id, task.id));
    });
  }

  register(
    app,
    listOp({
      id: "listTaskCompletions",
      path: "/tasks/{id}/completions",
      tag: TAG,
      summary: "The completion log of a task (done, not applicable, snoozed)",
      item: CompletionRecord,
      name: "TaskCompletion",
      archived: false,
      params: idParams,
    }),
    async (c) => {
      const { task } = await load(c, valid<{ id: string }>(c, "param").id);
      const q = valid<PageParams>(c, "query");
      const page = await keysetPage(c.var.db, taskEvents, eq(taskEvents.taskId, task.id), q);
      return json(c, { ...page, data: page.data.map((e) => ({ ...e, version: 1, updatedAt: e.createdAt })) });
    },
  );

  const complete = writeOp({
    id: "completeTask",
    method: "post",
    path: "/tasks/{id}/completions",
    tag: TAG,
    summary: "Answer the current occurrence: done, not applicable, or snoozed (admin)",
    body: CompletionBody,
    item: CompletionRecord,
    status: 201,
  });
  register(app, complete, async (c) => {
    const { db, now, principal } = c.var;
    const { task, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
    requireAdmin(c);
    const body = withoutNulls(valid<Record<string, unknown>>(c, "json"));
    const answer =
      body.kind === "snoozed"
        ? (({ until, note, occurrence }) => ({ kind: "snoozed" as const, note: note ?? "", snoozedUntil: until, occurrence }))(
            domainParse(snoozeSchema(today(c)), { until: body.until, note: body.note, occurrence: body.occurrence }),
          )
        : (({ kind, note, occurrence }) => ({ kind, note: note ?? "", snoozedUntil: null, occurrence }))(
            domainParse(completionSchema, { kind: body.kind, note: body.note, occurrence: body.occurrence }),
          );
    const outcome = await answerTask(db, ref(initiative), task.id, answer, principal.actorId, now, today(c), "api");
    if (!outcome.ok) {
      if (outcome.reason === "notFound") throw notFound();
      throw conflict(outcome.reason === "nothingDue" ? "tasks.answer.nothingDue" : "tasks.answer.meanwhile");
    }
    const [event] = await db
      .select()
      .from(taskEvents)
      .where(eq(taskEvents.taskId, task.id))
      .orderBy(desc(taskEvents.createdAt), desc(taskEvents.id))
      .limit(1);
    return json(c, { ...event!, version: 1, updatedAt: event!.createdAt }, 201);
  });
}
