import type { Child } from "hono/jsx";
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { TaskView } from "../../src/domain/tasks/tasks";
import { describeSchedule, type Occurrence } from "../../src/domain/tasks/schedule";
import { Csrf } from "../components/form";

/** The state in words with a class for colour: colour is never the only signal. */
export function StateBadge(props: { t: Translate; state: Occurrence["state"] }) {
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
  /** On the coordinator home, name the initiative too. */
  showInitiative?: boolean;
  /** When the last reminder went out and what was answered (coordinators only). */
  reminder?: Child;
  headingLevel?: 2 | 3 | 4;
};

/**
 * One task: what, for what, when, who, the last answer, and one-tap answers. It is also the htmx
 * fragment: each answer form swaps this whole article (hx-target on its id, outerHTML).
 */
export function TaskRow(props: TaskRowProps) {
  const { t, locale, task } = props;
  const rowId = `task-${task.id}`;
  const titleId = `${rowId}-title`;
  const occ = task.occurrence;
  const base = `/initiatives/${task.initiativeId}/tasks/${task.id}`;
  const Heading = props.headingLevel === 2 ? "h2" : props.headingLevel === 4 ? "h4" : "h3";
  const htmx = (action: string) => ({ "hx-post": action, "hx-target": `#${rowId}`, "hx-swap": "outerHTML" });
  const hidden = (
    <>
      <Csrf token={props.csrfToken} />
      {occ && <input type="hidden" name="occurrence" value={occ.dueOn} />}
      {props.next && <input type="hidden" name="next" value={props.next} />}
      {/* so the htmx answer returns the row in the same shape */}
      {props.showInitiative && <input type="hidden" name="showInitiative" value="1" />}
      {props.headingLevel && props.headingLevel !== 3 && <input type="hidden" name="headingLevel" value={String(props.headingLevel)} />}
    </>
  );
  return (
    <article id={rowId} class="task-row" aria-labelledby={titleId}>
      <header>
        <Heading id={titleId}>{task.title}</Heading>
        {occ && <StateBadge t={t} state={occ.state} />}
      </header>
      {props.message && (
        <p
          role={props.message.kind === "error" ? "alert" : "status"}
          class={props.message.kind === "error" ? "error-summary" : "notice notice-success"}
        >
          {props.message.text}
        </p>
      )}
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
        <dd>
          {occ ? (
            <>
              <time datetime={occ.dueOn}>{formatDate(locale, occ.dueOn)}</time>
              {occ.snoozedUntil && <> · {t("tasks.row.snoozed", { date: formatDate(locale, occ.snoozedUntil) })}</>}
            </>
          ) : task.spec.scheduleKind === "relative" && !task.anchorDate ? (
            "—"
          ) : (
            t("tasks.row.finished")
          )}
        </dd>
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
      {props.reminder}
      {task.why && <p class="task-why">{task.why}</p>}
      {props.canEdit && occ && !task.archivedAt && (
        <div class="task-answers">
          <form method="post" action={`${base}/completions`} {...htmx(`${base}/completions`)}>
            {hidden}
            <input type="hidden" name="kind" value="done" />
            <label for={`${rowId}-note`}>{t("tasks.answer.note")}</label>
            <input id={`${rowId}-note`} name="note" type="text" maxlength={1000} autocomplete="off" />
            <button type="submit" aria-describedby={titleId}>
              {t("tasks.answer.done")}
            </button>
          </form>
          <form method="post" action={`${base}/completions`} class="inline-form" {...htmx(`${base}/completions`)}>
            {hidden}
            <input type="hidden" name="kind" value="not_applicable" />
            <button type="submit" class="secondary" aria-describedby={titleId}>
              {t("tasks.answer.notApplicable")}
            </button>
          </form>
          {task.inReminder && (
            <>
              {" "}
              <form method="post" action={`${base}/snoozes`} class="inline-form" {...htmx(`${base}/snoozes`)}>
                {hidden}
                <input type="hidden" name="until" value={task.snoozeUntil} />
                <button type="submit" class="secondary outline" aria-describedby={titleId}>
                  {t("tasks.answer.snooze")}
                </button>
              </form>
            </>
          )}
        </div>
      )}
      {props.canEdit && (
        <footer>
          <a href={`${base}/edit`} aria-describedby={titleId}>
            {t("tasks.edit")}
          </a>
        </footer>
      )}
    </article>
  );
}
