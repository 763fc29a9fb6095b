// Maintenance tasks of one initiative. The access gate (middleware/scope) has already decided that
// the user may read (GET) or edit (POST) this initiative; forms are refused to readers here.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import * as z from "zod";
import type { AppEnv } from "../env";
import { formatDate } from "../i18n";
import { parseWith, type FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import { renderError } from "./errors";
import {
  answerTask,
  checkTaskInput,
  completionSchema,
  createTask,
  defaultFormValues,
  formValuesFromBody,
  formValuesFromTask,
  getTask,
  loadTaskFormOptions,
  loadTaskView,
  setTaskArchived,
  snoozeSchema,
  taskFormSchema,
  updateTask,
  type AnswerResult,
  type TaskFormValues,
  type TaskView,
} from "../domain/tasks/tasks";
import { addFromLibrary, loadLibrary } from "../domain/tasks/library";
import { TaskFormPage } from "../../views/tasks/task-form";
import { TaskLibraryPage } from "../../views/tasks/task-library-page";
import { TaskPage } from "../../views/tasks/task-page";
import { TaskRow, type TaskRowProps } from "../../views/tasks/task-row";
import { safeNext } from "../lib/safe-next";

type C = Context<AppEnv>;
export const tasksRoutes = new Hono<AppEnv>();
const P = "/initiatives/:initiativeId/tasks";

const today = (c: C) => c.var.today;
const sectionUrl = (c: C) => `/initiatives/${c.var.initiative.id}#tasks`;
type Body = Record<string, string | File | (string | File)[]>;

// Forms are for editors; readers get 403 rather than a form they cannot send.
const editorsOnly = createMiddleware<AppEnv>(async (c, next) => (c.var.canEdit ? next() : renderError(c, 403, "forbidden")));
tasksRoutes.use(`${P}/new`, editorsOnly);
tasksRoutes.use(`${P}/library`, editorsOnly);
tasksRoutes.use(`${P}/:taskId/edit`, editorsOnly);

async function renderForm(
  c: C,
  status: 200 | 409 | 422,
  values: TaskFormValues,
  errors: FieldErrors,
  stored?: TaskView,
  stale = false,
  version?: number,
) {
  const { t, db, initiative } = c.var;
  const options = await loadTaskFormOptions(db, initiative, today(c), stored?.id);
  c.status(status);
  return c.render(
    <TaskFormPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      values={values}
      options={options}
      errors={errors}
      stored={stored}
      stale={stale}
      version={version}
    />,
    { title: stored ? t("tasks.edit.title") : t("tasks.new.title") },
  );
}

tasksRoutes.get(`${P}/new`, (c) => renderForm(c, 200, defaultFormValues(c.var.initiative.id), {}));

tasksRoutes.post(P, async (c) => {
  const { db, initiative, user, now } = c.var;
  const body = await c.req.parseBody({ all: true });
  const parsed = parseWith(taskFormSchema, body);
  const errors = parsed.ok ? checkTaskInput(parsed.data, await loadTaskFormOptions(db, initiative, today(c))) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(c, 422, formValuesFromBody(body), errors);
  await createTask(db, initiative, parsed.data, user?.id ?? null, now);
  return c.redirect(sectionUrl(c), 303);
});

// --- the starter library -----------------------------------------------------------------------

async function renderLibrary(
  c: C,
  status: 200 | 422,
  error?: { key: string; message: "tasks.library.unknown" | "tasks.library.needsFunding" | "tasks.library.duplicate" },
) {
  const { t, db, initiative } = c.var;
  c.status(status);
  return c.render(
    <TaskLibraryPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      data={await loadLibrary(db, initiative.id)}
      today={today(c)}
      error={error}
    />,
    { title: t("tasks.library.title") },
  );
}

tasksRoutes.get(`${P}/library`, (c) => renderLibrary(c, 200));

tasksRoutes.post(`${P}/library`, async (c) => {
  const { t, db, initiative, user, now } = c.var;
  const body = await c.req.parseBody();
  const key = typeof body.key === "string" ? body.key : "";
  const fundingId = typeof body.fundingId === "string" && body.fundingId ? body.fundingId : undefined;
  const result = await addFromLibrary(db, initiative, key, fundingId, t, user?.id ?? null, now, today(c));
  if (!result.ok) return renderLibrary(c, 422, { key, message: result.error });
  return c.redirect(sectionUrl(c), 303);
});

// --- one task ----------------------------------------------------------------------------------

tasksRoutes.get(`${P}/:taskId`, async (c) => {
  const { t, db, initiative } = c.var;
  const task = await loadTaskView(db, initiative.id, c.req.param("taskId"), today(c));
  if (!task) return renderError(c, 404, "notFound");
  return c.render(<TaskPage t={t} locale={c.var.locale} csrfToken={c.var.csrfToken} canEdit={c.var.canEdit} task={task} />, {
    title: task.title,
  });
});

tasksRoutes.get(`${P}/:taskId/edit`, async (c) => {
  const { db, initiative } = c.var;
  const [task, stored] = await Promise.all([
    getTask(db, initiative.id, c.req.param("taskId")),
    loadTaskView(db, initiative.id, c.req.param("taskId"), today(c)),
  ]);
  if (!task || !stored) return renderError(c, 404, "notFound");
  return renderForm(c, 200, formValuesFromTask(task, task.assigneeIds), {}, stored);
});

tasksRoutes.post(`${P}/:taskId`, async (c) => {
  const { db, initiative, user, now } = c.var;
  const before = await getTask(db, initiative.id, c.req.param("taskId"));
  if (!before) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = parseWith(taskFormSchema, body);
  const stored = async () => (await loadTaskView(db, initiative.id, before.id, today(c)))!;
  let errors = parsed.ok
    ? checkTaskInput(parsed.data, await loadTaskFormOptions(db, initiative, today(c), before.id), before)
    : parsed.errors;
  if (parsed.ok && parsed.data.version === undefined) errors = { ...errors, version: "form.invalid" };
  if (!parsed.ok || Object.keys(errors).length > 0) {
    const sent = Number(body.version);
    return renderForm(
      c,
      422,
      formValuesFromBody(body),
      errors,
      await stored(),
      false,
      Number.isInteger(sent) && sent > 0 ? sent : before.version,
    );
  }
  try {
    await updateTask(db, initiative, before, parsed.data, parsed.data.version!, user?.id ?? null, now);
  } catch (err) {
    if (err instanceof StaleVersionError) return renderForm(c, 409, formValuesFromBody(body), {}, await stored(), true);
    throw err;
  }
  return c.redirect(sectionUrl(c), 303);
});

const versionSchema = z.object({ version: z.coerce.number().int().min(1) });

for (const [path, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  tasksRoutes.post(`${P}/:taskId/${path}`, async (c) => {
    const { db, initiative, user, now } = c.var;
    const before = await getTask(db, initiative.id, c.req.param("taskId"));
    if (!before) return renderError(c, 404, "notFound");
    const parsed = parseWith(versionSchema, await c.req.parseBody());
    if (!parsed.ok) return renderError(c, 400, "badRequest");
    try {
      await setTaskArchived(db, initiative, before, archived, parsed.data.version, user?.id ?? null, now);
    } catch (err) {
      if (!(err instanceof StaleVersionError)) throw err;
      const fresh = (await getTask(db, initiative.id, before.id))!;
      return renderForm(
        c,
        409,
        formValuesFromTask(fresh, fresh.assigneeIds),
        {},
        (await loadTaskView(db, initiative.id, before.id, today(c)))!,
        true,
      );
    }
    return c.redirect(sectionUrl(c), 303);
  });
}

// --- answers: done / not applicable / snooze ---------------------------------------------------

/** htmx: just the updated row (200, or the row with its message on 4xx). Otherwise redirect or a page. */
async function answerResponse(c: C, body: Body, outcome: AnswerResult | { ok: false; reason: "invalid"; message: string }) {
  const { t, locale, db, initiative } = c.var;
  const next = safeNext(body.next);
  const rowProps = {
    showInitiative: body.showInitiative === "1",
    headingLevel: (["2", "4"].includes(String(body.headingLevel)) ? Number(body.headingLevel) : 3) as 2 | 3 | 4,
  };
  if (!outcome.ok && outcome.reason === "notFound") return renderError(c, 404, "notFound");
  let view: TaskView;
  let status: 200 | 409 | 422;
  let message: TaskRowProps["message"];
  if (outcome.ok) {
    if (!c.req.header("hx-request")) return c.redirect(next ?? sectionUrl(c), 303);
    view = outcome.view;
    status = 200;
    const saved =
      outcome.kind === "snoozed"
        ? t("tasks.answer.saved.snoozed", { date: formatDate(locale, view.occurrence?.snoozedUntil ?? view.snoozeUntil) })
        : t(`tasks.answer.saved.${outcome.kind}`);
    const nextDue =
      outcome.kind !== "snoozed" && view.occurrence
        ? ` ${t("tasks.answer.next", { date: formatDate(locale, view.occurrence.dueOn) })}`
        : "";
    message = { kind: "success", text: saved + nextDue };
  } else if (outcome.reason === "invalid") {
    const fresh = await loadTaskView(db, initiative.id, c.req.param("taskId") ?? "", today(c));
    if (!fresh) return renderError(c, 404, "notFound");
    view = fresh;
    status = 422;
    message = { kind: "error", text: outcome.message };
  } else {
    view = outcome.view;
    status = 409;
    message = { kind: "error", text: t(outcome.reason === "nothingDue" ? "tasks.answer.nothingDue" : "tasks.answer.meanwhile") };
  }
  const common = { t, locale, csrfToken: c.var.csrfToken, canEdit: c.var.canEdit, task: view, next: next ?? undefined, message };
  if (c.req.header("hx-request")) return c.html(<TaskRow {...common} {...rowProps} />, status);
  c.status(status);
  return c.render(<TaskPage {...common} />, { title: view.title });
}

tasksRoutes.post(`${P}/:taskId/completions`, async (c) => {
  const { t, db, initiative, user, now } = c.var;
  const body = await c.req.parseBody();
  const parsed = parseWith(completionSchema, body);
  if (!parsed.ok)
    return answerResponse(c, body, { ok: false, reason: "invalid", message: t(Object.values(parsed.errors)[0] ?? "form.invalid") });
  const { kind, note, occurrence } = parsed.data;
  const outcome = await answerTask(
    db,
    initiative,
    c.req.param("taskId"),
    { kind, note: note ?? "", snoozedUntil: null, occurrence },
    user?.id ?? null,
    now,
    today(c),
  );
  return answerResponse(c, body, outcome);
});

tasksRoutes.post(`${P}/:taskId/snoozes`, async (c) => {
  const { t, db, initiative, user, now } = c.var;
  const body = await c.req.parseBody();
  const parsed = parseWith(snoozeSchema(today(c)), body);
  if (!parsed.ok)
    return answerResponse(c, body, { ok: false, reason: "invalid", message: t(Object.values(parsed.errors)[0] ?? "form.invalid") });
  const { until, note, occurrence } = parsed.data;
  const outcome = await answerTask(
    db,
    initiative,
    c.req.param("taskId"),
    { kind: "snoozed", note: note ?? "", snoozedUntil: until, occurrence },
    user?.id ?? null,
    now,
    today(c),
  );
  return answerResponse(c, body, outcome);
});
