import type { Child } from "hono/jsx";
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { TaskView } from "../../src/domain/tasks/tasks";
import { describeSchedule } from "../../src/domain/tasks/schedule";
import { Csrf } from "../components/form";
import { SavedMessage } from "../components/page-context";

/** Where a task stands by time: only a task inside its reminder window is "binnenkort"; a later
 * one is "gepland" (with its date beside it). */
export type TaskState = "overdue" | "due" | "soon" | "planned";

export function taskState(task: Pick<TaskView, "occurrence" | "inReminder">): TaskState | null {
  const o = task.occurrence;
  if (!o) return null;
  if (o.state !== "upcoming") return o.state;
  return task.inReminder ? "soon" : "planned";
}

/** The state in words with a class for colour: colour is never the only signal. */
export function StateBadge(props: { t: Translate; state: TaskState }) {
  return <span class={`badge badge-${props.state}`}>{props.t(`tasks.state.${props.state}`)}</span>;
}

export function subjectLabel(t: Translate, task: Pick<TaskView, "subjectType" | "subjectName">): string {
  return t(`tasks.subject.${task.subjectType}`, { name: task.subjectName ?? t("tasks.row.subjectGone") });
}

/** The schedule in plain words; a relative schedule also names its date and where it stands. */
export function scheduleWords(t: Translate, locale: Locale, task: Pick<TaskView, "spec" | "relativeAnchor" | "anchorDate">): string {
  const words = describeSchedule(task.spec, locale);
  if (task.spec.scheduleKind !== "relative" || task.relativeAnchor === null) return words;
  const anchor = t(`tasks.anchor.${task.relativeAnchor}`);
  const where = task.anchorDate
    ? t("tasks.row.anchor", { anchor, date: formatDate(locale, task.anchorDate) })
    : t("tasks.row.noAnchor", { anchor });
  return `${words}. ${where}`;
}

export function assigneeWords(t: Translate, task: Pick<TaskView, "assigneeRoles" | "assignees">): string {
  const names = [...task.assigneeRoles.map((r) => t(`tasks.role.${r}`)), ...task.assignees.map((p) => p.name)];
  return names.length > 0 ? names.join(", ") : t("tasks.row.nobody");
}

function lastAnswerWords(t: Translate, locale: Locale, last: NonNullable<TaskView["lastEvent"]>): string {
  const what =
    last.kind === "snoozed" && last.snoozedUntil
      ? t("tasks.event.snoozed", { date: formatDate(locale, last.snoozedUntil) })
      : t(`tasks.event.${last.kind}`);
  const date = formatDate(locale, last.on);
  return last.byName ? t("tasks.row.lastBy", { what, name: last.byName, date }) : t("tasks.row.lastAt", { what, date });
}

export type TaskRowProps = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  canEdit: boolean;
  task: TaskView;
  /** Where a plain (non-htmx) answer returns to: a same-site path. */
  next?: string;
  message?: { kind: "success" | "error"; text: string };
  /** Answering far ahead of the date: ask before saving (the answer and note the person gave). */
  confirm?: { kind: "done" | "not_applicable"; note: string };
  /** On the coordinator home, name the initiative too. */
  showInitiative?: boolean;
  /** When the last reminder went out and what was answered (coordinators only). */
  reminder?: Child;
  headingLevel?: 2 | 3 | 4;
  /** A short card (lists of tasks): what, when, who and the answers; the rest is on the task's page. */
  compact?: boolean;
};

/**
 * One task: what, for what, when, who, the last answer, and one-tap answers. It is also the htmx
 * fragment: each answer form swaps this whole article (data-hx-target on its id, outerHTML), and
 * sends back how it was shown (compact, heading level) so the answer comes back the same.
 */
export function TaskRow(props: TaskRowProps) {
  const { t, locale, task } = props;
  const rowId = `task-${task.id}`;
  const titleId = `${rowId}-title`;
  const occ = task.occurrence;
  const state = taskState(task);
  const base = `/initiatives/${task.initiativeId}/tasks/${task.id}`;
  const Heading = props.headingLevel === 2 ? "h2" : props.headingLevel === 4 ? "h4" : "h3";
  const htmx = (action: string) => ({ "data-hx-post": action, "data-hx-target": `#${rowId}`, "data-hx-swap": "outerHTML" });
  const hidden = (
    <>
      <Csrf token={props.csrfToken} />
      {occ && <input type="hidden" name="occurrence" value={occ.dueOn} />}
      {props.next && <input type="hidden" name="next" value={props.next} />}
      {props.showInitiative && <input type="hidden" name="showInitiative" value="1" />}
      {props.compact && <input type="hidden" name="compact" value="1" />}
      {props.headingLevel && props.headingLevel !== 3 && <input type="hidden" name="headingLevel" value={String(props.headingLevel)} />}
    </>
  );
  const answer = (kind: "done" | "not_applicable", label: string, confirmed?: { note: string }, withNote = false) => (
    <form method="post" action={`${base}/completions`} {...htmx(`${base}/completions`)}>
      {hidden}
      <input type="hidden" name="kind" value={kind} />
      {confirmed && <input type="hidden" name="confirmed" value="1" />}
      {confirmed?.note && <input type="hidden" name="note" value={confirmed.note} />}
      {withNote && (
        <>
          <label for={`${rowId}-note`}>{t("tasks.answer.note")}</label>
          <input id={`${rowId}-note`} name="note" type="text" maxlength={1000} autocomplete="off" />
        </>
      )}
      <button type="submit" class={kind === "done" ? undefined : "secondary"} aria-describedby={titleId}>
        {label}
      </button>
    </form>
  );
  const when = occ ? (
    <>
      <time datetime={occ.dueOn}>{formatDate(locale, occ.dueOn)}</time>
      {occ.snoozedUntil && <> · {t("tasks.row.snoozed", { date: formatDate(locale, occ.snoozedUntil) })}</>}
    </>
  ) : task.spec.scheduleKind === "relative" && !task.anchorDate ? (
    "—"
  ) : (
    t("tasks.row.finished")
  );
  const canAnswer = props.canEdit && occ && !task.archivedAt;
  return (
    <article id={rowId} class={props.compact ? "task-row task-compact" : "task-row"} aria-labelledby={titleId}>
      <header>
        <Heading id={titleId}>{props.compact ? <a href={base}>{task.title}</a> : task.title}</Heading>
        {state && <StateBadge t={t} state={state} />}
      </header>
      {props.message &&
        (props.message.kind === "error" ? (
          <p role="alert" class="error-summary" tabindex={-1}>
            {props.message.text}
          </p>
        ) : (
          <SavedMessage text={props.message.text} />
        ))}
      {props.compact ? (
        <p class="task-line">
          {when} ·{" "}
          {props.showInitiative ? <a href={`/initiatives/${task.initiativeId}#tasks`}>{task.initiativeName}</a> : subjectLabel(t, task)} ·{" "}
          {assigneeWords(t, task)}
        </p>
      ) : (
        <dl class="task-facts">
          {props.showInitiative && (
            <>
              <dt>{t("tasks.row.initiative")}</dt>
              <dd>
                <a href={`/initiatives/${task.initiativeId}#tasks`}>{task.initiativeName}</a>
              </dd>
            </>
          )}
          <dt>{t("tasks.row.subject")}</dt>
          <dd>{subjectLabel(t, task)}</dd>
          <dt>{t("tasks.row.schedule")}</dt>
          <dd>{scheduleWords(t, locale, task)}</dd>
          <dt>{t("tasks.row.next")}</dt>
          <dd>{when}</dd>
          <dt>{t("tasks.row.assignees")}</dt>
          <dd>{assigneeWords(t, task)}</dd>
          <dt>{t("tasks.row.last")}</dt>
          <dd>
            {task.lastEvent ? (
              <>
                {lastAnswerWords(t, locale, task.lastEvent)}
                {task.lastEvent.note && (
                  <>
                    {" "}
                    <q>{task.lastEvent.note}</q>
                  </>
                )}
              </>
            ) : (
              t("tasks.row.lastNone")
            )}
          </dd>
        </dl>
      )}
      {props.reminder}
      {!props.compact && task.why && <p class="task-why">{task.why}</p>}
      {canAnswer && props.confirm && occ && (
        <div class="task-confirm" role="alert" tabindex={-1}>
          <p>{t(`tasks.confirm.ask.${props.confirm.kind}`, { date: formatDate(locale, occ.dueOn) })}</p>
          <div class="task-answers">
            {answer(props.confirm.kind, t(`tasks.confirm.yes.${props.confirm.kind}`), { note: props.confirm.note })}
            <a href={base} class="secondary">
              {t("tasks.confirm.no")}
            </a>
          </div>
        </div>
      )}
      {canAnswer && !props.confirm && (!props.compact || state !== "planned") && (
        <div class="task-answers">
          {answer("done", t("tasks.answer.done"), undefined, !props.compact)}
          {answer("not_applicable", t("tasks.answer.notApplicable"))}
          {task.inReminder && (
            <form method="post" action={`${base}/snoozes`} {...htmx(`${base}/snoozes`)}>
              {hidden}
              <input type="hidden" name="until" value={task.snoozeUntil} />
              <button type="submit" class="secondary outline" aria-describedby={titleId}>
                {t("tasks.answer.snooze")}
              </button>
            </form>
          )}
        </div>
      )}
      {props.canEdit && !props.compact && (
        <footer>
          <a href={`${base}/edit`} aria-describedby={titleId}>
            {t("tasks.edit")}
          </a>
        </footer>
      )}
    </article>
  );
}

/** A task that is not due yet, in one line: what, and when it is planned. */
export function PlannedTaskLine(props: { t: Translate; locale: Locale; task: TaskView }) {
  const { t, task } = props;
  const occ = task.occurrence;
  const state = taskState(task);
  return (
    <li id={`task-${task.id}`}>
      <a href={`/initiatives/${task.initiativeId}/tasks/${task.id}`}>{task.title}</a> {state && <StateBadge t={t} state={state} />}{" "}
      {occ ? <time datetime={occ.dueOn}>{formatDate(props.locale, occ.dueOn)}</time> : <span class="muted">{t("tasks.row.finished")}</span>}
    </li>
  );
}
