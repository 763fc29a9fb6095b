// Maintenance tasks of one initiative. The access gate (middleware/scope) has already decided that
// the user may read (GET) or edit (POST) this initiative; forms are refused to readers here.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { formatDate } from "../i18n";
import type { FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import { versionField } from "../lib/contract/define";
import { renderError } from "./errors";
import {
  answerTask,
  checkTaskInput,
  createTask,
  defaultFormValues,
  getTask,
  loadTaskFormOptions,
  loadTaskView,
  parseTaskForm,
  parseTaskFormUpdate,
  setTaskArchived,
  taskAnswerContract,
  taskContract,
  taskFormContract,
  taskFormValuesOf,
  updateTask,
  type AnswerResult,
  type TaskFormValues,
  type TaskView,
} from "../domain/tasks/tasks";
import { addFromLibrary, loadLibrary } from "../domain/tasks/library";
import { ScheduleKindFields, TaskFormPage } from "../../views/tasks/task-form";
import { TaskLibraryPage } from "../../views/tasks/task-library-page";
import { TaskPage } from "../../views/tasks/task-page";
import { TaskRow, type TaskRowProps } from "../../views/tasks/task-row";
import { safeNext } from "../lib/safe-next";
import { isDueNow } from "../domain/initiatives/attention";
import { flashRedirect, savedText } from "../middleware/flash";

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
tasksRoutes.use(`${P}/schedule`, editorsOnly);

/** The form's first step without JavaScript: the kind of schedule changed, so the same form comes
 * back with that kind's questions (their defaults where nothing was typed); nothing is saved. */
const kindChosen = (body: Body) => body.step === "kind";
const withDefaults = (c: C, values: TaskFormValues): TaskFormValues => {
  const defaults = defaultFormValues(c.var.initiative.id);
  const filled = Object.entries(values).filter(([, v]) => v !== "");
  return { ...defaults, ...Object.fromEntries(filled), assigneeRoles: values.assigneeRoles, assigneeIds: values.assigneeIds };
};

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

/** htmx: the questions of the kind of schedule just chosen. */
tasksRoutes.get(`${P}/schedule`, (c) => {
  const values = { ...defaultFormValues(c.var.initiative.id), scheduleKind: c.req.query("scheduleKind") ?? "" };
  return c.html(<ScheduleKindFields t={c.var.t} locale={c.var.locale} values={values} errors={{}} />);
});

tasksRoutes.post(P, async (c) => {
  const { db, initiative, user, now } = c.var;
  const body = await c.req.parseBody({ all: true });
  if (kindChosen(body)) return renderForm(c, 200, withDefaults(c, taskFormContract.formValuesFromBody(body)), {});
  const parsed = parseTaskForm(body);
  const errors = parsed.ok ? checkTaskInput(parsed.data, await loadTaskFormOptions(db, initiative, today(c))) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(c, 422, taskFormContract.formValuesFromBody(body), errors);
  await createTask(db, initiative, parsed.data, user?.id ?? null, now);
  return flashRedirect(c, sectionUrl(c), savedText(c.var.t, "added", "task", parsed.data.title));
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
  const added = await getTask(db, initiative.id, result.id);
  return flashRedirect(c, sectionUrl(c), savedText(t, "added", "task", added?.title ?? ""));
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
  return renderForm(c, 200, formValuesOf(c, task), {}, stored);
});

tasksRoutes.post(`${P}/:taskId`, async (c) => {
  const { db, initiative, user, now } = c.var;
  const before = await getTask(db, initiative.id, c.req.param("taskId"));
  if (!before) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const stored = async () => (await loadTaskView(db, initiative.id, before.id, today(c)))!;
  if (kindChosen(body)) {
    const sent = Number(body.version);
    return renderForm(
      c,
      200,
      withDefaults(c, taskFormContract.formValuesFromBody(body)),
      {},
      await stored(),
      false,
      Number.isInteger(sent) && sent > 0 ? sent : before.version,
    );
  }
  const parsed = parseTaskFormUpdate(body);
  const errors = parsed.ok
    ? checkTaskInput(parsed.data, await loadTaskFormOptions(db, initiative, today(c), before.id), before)
    : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    const sent = Number(body.version);
    return renderForm(
      c,
      422,
      taskFormContract.formValuesFromBody(body),
      errors,
      await stored(),
      false,
      Number.isInteger(sent) && sent > 0 ? sent : before.version,
    );
  }
  try {
    const { version, ...input } = parsed.data;
    await updateTask(db, initiative, before, input, version, user?.id ?? null, now);
  } catch (err) {
    if (err instanceof StaleVersionError) return renderForm(c, 409, taskFormContract.formValuesFromBody(body), {}, await stored(), true);
    throw err;
  }
  return flashRedirect(c, sectionUrl(c), savedText(c.var.t, "saved", "task", parsed.data.title));
});

/** A stored task as its form shows it. */
const formValuesOf = (c: C, task: Awaited<ReturnType<typeof getTask>> & object) =>
  taskFormValuesOf({ ...taskContract.stored(task), initiativeId: task.initiativeId }, c.var.locale);

for (const [path, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  tasksRoutes.post(`${P}/:taskId/${path}`, async (c) => {
    const { db, initiative, user, now } = c.var;
    const before = await getTask(db, initiative.id, c.req.param("taskId"));
    if (!before) return renderError(c, 404, "notFound");
    const version = versionField().safeParse((await c.req.parseBody()).version);
    if (!version.success) return renderError(c, 400, "badRequest");
    try {
      await setTaskArchived(db, initiative, before, archived, version.data, user?.id ?? null, now);
    } catch (err) {
      if (!(err instanceof StaleVersionError)) throw err;
      const fresh = (await getTask(db, initiative.id, before.id))!;
      return renderForm(c, 409, formValuesOf(c, fresh), {}, (await loadTaskView(db, initiative.id, before.id, today(c)))!, true);
    }
    return flashRedirect(c, sectionUrl(c), savedText(c.var.t, archived ? "archived" : "restored", "task", before.title));
  });
}

// --- answers: done / not applicable / snooze ---------------------------------------------------

type Confirm = { ok: false; reason: "confirm"; view: TaskView; kind: "done" | "not_applicable"; note: string };

/** htmx: just the updated row (200, or the row with its message on 4xx). Otherwise redirect (with a
 * flash naming the task) or a page. */
async function answerResponse(c: C, body: Body, outcome: AnswerResult | Confirm | { ok: false; reason: "invalid"; message: string }) {
  const { t, locale, db, initiative } = c.var;
  const next = safeNext(body.next);
  const rowProps = {
    showInitiative: body.showInitiative === "1",
    compact: body.compact === "1",
    headingLevel: (["2", "4"].includes(String(body.headingLevel)) ? Number(body.headingLevel) : 3) as 2 | 3 | 4,
  };
  if (!outcome.ok && outcome.reason === "notFound") return renderError(c, 404, "notFound");
  let view: TaskView;
  let status: 200 | 409 | 422;
  let message: TaskRowProps["message"];
  let confirm: TaskRowProps["confirm"];
  if (outcome.ok) {
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
    if (!c.req.header("hx-request")) return flashRedirect(c, next ?? sectionUrl(c), `${view.title}: ${saved}${nextDue}`);
    message = { kind: "success", text: saved + nextDue };
  } else if (outcome.reason === "confirm") {
    view = outcome.view;
    status = 200;
    confirm = { kind: outcome.kind, note: outcome.note };
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
  const common = { t, locale, csrfToken: c.var.csrfToken, canEdit: c.var.canEdit, task: view, next: next ?? undefined, message, confirm };
  if (c.req.header("hx-request")) return c.html(<TaskRow {...common} {...rowProps} />, status);
  c.status(status);
  return c.render(<TaskPage {...common} />, { title: view.title });
}

tasksRoutes.post(`${P}/:taskId/completions`, async (c) => {
  const { t, db, initiative, user, now } = c.var;
  const body = await c.req.parseBody();
  const parsed = taskAnswerContract.parseForm(body, today(c));
  if (!parsed.ok)
    return answerResponse(c, body, { ok: false, reason: "invalid", message: t(Object.values(parsed.errors)[0] ?? "form.invalid") });
  const { kind, note, occurrence, until } = parsed.data;
  // Answering long before the date (outside the reminder window) is asked once more: a slip of the thumb.
  if (body.confirmed !== "1" && kind !== "snoozed") {
    const view = await loadTaskView(db, initiative.id, c.req.param("taskId"), today(c));
    if (view?.occurrence && (occurrence === null || view.occurrence.dueOn === occurrence) && !isDueNow(view, today(c)))
      return answerResponse(c, body, { ok: false, reason: "confirm", view, kind, note });
  }
  const outcome = await answerTask(
    db,
    initiative,
    c.req.param("taskId"),
    { kind, note, snoozedUntil: until, occurrence },
    user?.id ?? null,
    now,
    today(c),
  );
  return answerResponse(c, body, outcome);
});

tasksRoutes.post(`${P}/:taskId/snoozes`, async (c) => {
  const { t, db, initiative, user, now } = c.var;
  const body = await c.req.parseBody();
  // The snooze form sends the date; what kind of answer it is follows from the address.
  const parsed = taskAnswerContract.parseForm({ ...body, kind: "snoozed" }, today(c));
  if (!parsed.ok)
    return answerResponse(c, body, { ok: false, reason: "invalid", message: t(Object.values(parsed.errors)[0] ?? "form.invalid") });
  const { until, note, occurrence } = parsed.data;
  const outcome = await answerTask(
    db,
    initiative,
    c.req.param("taskId"),
    { kind: "snoozed", note, snoozedUntil: until, occurrence },
    user?.id ?? null,
    now,
    today(c),
  );
  return answerResponse(c, body, outcome);
});
