// Maintenance tasks and their completion log. JSON carries the stored shape of a schedule
// (dueOn, interval…, window months, relative anchor and offset in days): the domain's taskContract,
// whose rules say which fields each kind of schedule needs. The screens' form asks for the same
// task in people's terms and maps onto the same contract; the links are checked by checkTaskInput.
import { and, desc, eq, inArray } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { taskAssignees, taskEvents, tasks, TASK_ROLES } from "../../db/schema";
import {
  answerTask,
  checkTaskInput,
  createTask,
  getTask,
  loadTaskFormOptions,
  loadTaskView,
  parseRoles,
  setTaskArchived,
  taskAnswerContract,
  taskContract,
  updateTask,
  type InitiativeRef,
  type TaskWithAssignees,
} from "../../domain/tasks/tasks";
import type { ApiContext } from "../context";
import { conflict, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, today, underInitiatives, type InitiativeRow } from "../scope";
import { accepted, archiveRoutes, assertNoErrors, checkVersion, str, versioned } from "./common";

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

export function registerTasksApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/tasks", { id: "listTasks", tag: TAG, summary: "List maintenance tasks" }),
    request: { query: listQuery({ initiativeId: z.string().max(64).optional(), neighbourhoodId: z.string().max(64).optional() }) },
    responses: listed("Task", TaskRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const db = c.var.db;
    const where = and(...(await underInitiatives(c, tasks.initiativeId, q)), archivedWhere(tasks.archivedAt, q.archived));
    const page = await keysetPage(db, tasks, where, q);
    const ids = page.data.map((t) => t.id);
    const assigned = ids.length ? await db.select().from(taskAssignees).where(inArray(taskAssignees.taskId, ids)) : [];
    const data = page.data.map((t) =>
      record({
        ...t,
        assigneeIds: assigned
          .filter((a) => a.taskId === t.id)
          .map((a) => a.personId)
          .sort(),
      }),
    );
    return c.json({ ...page, data }, 200);
  });

  const get = createRoute({
    ...op("get", "/tasks/{id}", { id: "getTask", tag: TAG, summary: "Get a task with its current occurrence" }),
    request: { params: idParams },
    responses: found(TaskRecord),
  });
  app.openapi(get, async (c) => {
    const { task, initiative } = await load(c, c.req.valid("param").id);
    const view = await loadTaskView(c.var.db, initiative.id, task.id, today(c));
    return c.json({ ...record(task), occurrence: view?.occurrence ?? null }, 200);
  });

  const create = createRoute({
    ...op("post", "/tasks", { id: "createTask", tag: TAG, summary: "Create a maintenance task (admin)" }),
    request: { body: jsonBody(taskContract.createBody({ initiativeId: str })) },
    responses: changed(TaskRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { initiativeId, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(taskContract.fromJson(json));
    assertNoErrors(checkTaskInput(input, await loadTaskFormOptions(db, ref(initiative), today(c)), undefined, "subjectId"));
    const id = await createTask(db, ref(initiative), input, principal.actorId, now);
    return c.json(await fresh(c, initiative.id, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/tasks/{id}", { id: "updateTask", tag: TAG, summary: "Change a task (admin)" }),
    request: { params: idParams, body: jsonBody(taskContract.updateBody()) },
    responses: changed(TaskRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const { task, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(taskContract.fromJson(patch, taskContract.stored(task)));
    assertNoErrors(checkTaskInput(input, await loadTaskFormOptions(db, ref(initiative), today(c), task.id), task, "subjectId"));
    await versioned(
      () => updateTask(db, ref(initiative), task, input, version, principal.actorId, now),
      () => fresh(c, initiative.id, task.id),
    );
    return c.json(await fresh(c, initiative.id, task.id), 200);
  });

  archiveRoutes(app, {
    path: "/tasks",
    tag: TAG,
    noun: "Task",
    what: "a task (admin)",
    record: TaskRecord,
    handle: async (c, id, archive, sent) => {
      const { db, now, principal } = c.var;
      const { task, initiative } = await load(c, id);
      requireAdmin(c);
      checkVersion(sent, task, record(task));
      await versioned(
        () => setTaskArchived(db, ref(initiative), task, archive, sent ?? task.version, principal.actorId, now),
        () => fresh(c, initiative.id, task.id),
      );
      return fresh(c, initiative.id, task.id);
    },
  });

  const completions = createRoute({
    ...op("get", "/tasks/{id}/completions", {
      id: "listTaskCompletions",
      tag: TAG,
      summary: "The completion log of a task (done, not applicable, snoozed)",
    }),
    request: { params: idParams, query: listQuery({}, false) },
    responses: listed("TaskCompletion", CompletionRecord, true),
  });
  app.openapi(completions, async (c) => {
    const { task } = await load(c, c.req.valid("param").id);
    const page = await keysetPage(c.var.db, taskEvents, eq(taskEvents.taskId, task.id), c.req.valid("query"));
    return c.json({ ...page, data: page.data.map((e) => ({ ...e, version: 1, updatedAt: e.createdAt })) }, 200);
  });

  const complete = createRoute({
    ...op("post", "/tasks/{id}/completions", {
      id: "completeTask",
      tag: TAG,
      summary: "Answer the current occurrence: done, not applicable, or snoozed (admin)",
      description:
        "`occurrence`: the due date you answer; when it is no longer the current one, 409. `until`: for kind snoozed, postpone until this date.",
    }),
    request: { params: idParams, body: jsonBody(taskAnswerContract.createBody({}, "TaskCompletionCreate")) },
    responses: changed(CompletionRecord, 201),
  });
  app.openapi(complete, async (c) => {
    const { db, now, principal } = c.var;
    const { task, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { kind, note, occurrence, until } = accepted(taskAnswerContract.fromJson(c.req.valid("json"), undefined, today(c)));
    const answer = { kind, note, snoozedUntil: until, occurrence };
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
    return c.json({ ...event!, version: 1, updatedAt: event!.createdAt }, 201);
  });
}
