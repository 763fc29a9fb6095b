import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { TasksSectionData } from "../../src/domain/tasks/tasks";
import { Csrf } from "../components/form";
import { PlannedTaskLine, TaskRow, subjectLabel } from "./task-row";
import { FlashMessage } from "../components/page-context";
import { isDueNow } from "../../src/domain/initiatives/attention";
import type { LastReminderInfo } from "../../src/domain/mail/reminders";
import { LastReminder } from "../mail/last-reminder";

export { TaskRow, StateBadge, PlannedTaskLine } from "./task-row";
export type { TaskRowProps } from "./task-row";

/** The tasks section of the initiative page (data from loadTasksSection): what is due now as short
 * cards with one-tap answers, everything later one line each. */
export function TasksSection(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiativeId: string;
  canEdit: boolean;
  data: TasksSectionData;
  reminders?: Map<string, LastReminderInfo>;
}) {
  const { t, data, initiativeId, canEdit } = props;
  const base = `/initiatives/${initiativeId}/tasks`;
  const due = data.tasks.filter((task) => isDueNow(task, data.today));
  const later = data.tasks.filter((task) => !isDueNow(task, data.today));
  return (
    <section id="tasks" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t("tasks.title")}</h2>
      <FlashMessage at="tasks" />
      <p>{t("tasks.intro")}</p>
      {canEdit && (
        <p class="section-actions">
          <a href={`${base}/new`} role="button">
            {t("tasks.add")}
          </a>{" "}
          <a href={`${base}/library`} role="button" class="secondary">
            {t("tasks.fromLibrary")}
          </a>
        </p>
      )}
      {data.tasks.length === 0 ? (
        <p>{t("tasks.empty")}</p>
      ) : (
        <>
          {due.length === 0 && <p>{t("tasks.dueNow.none")}</p>}
          {due.map((task) => (
            <TaskRow
              t={t}
              locale={props.locale}
              csrfToken={props.csrfToken}
              canEdit={canEdit}
              task={task}
              compact
              next={`/initiatives/${initiativeId}#tasks`}
              reminder={canEdit && <LastReminder t={t} locale={props.locale} info={props.reminders?.get(task.id)} />}
            />
          ))}
          {later.length > 0 && (
            <>
              <h3>{t("tasks.later")}</h3>
              <p class="muted">{t("tasks.later.intro")}</p>
              <ul class="task-lines">
                {later.map((task) => (
                  <PlannedTaskLine t={t} locale={props.locale} task={task} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {data.archived.length > 0 && (
        <details>
          <summary>{t("tasks.archived", { count: data.archived.length })}</summary>
          <ul>
            {data.archived.map((task) => (
              <li id={`task-${task.id}`}>
                <span id={`task-${task.id}-title`}>{task.title}</span> · {subjectLabel(t, task)}
                {canEdit && (
                  <>
                    {" "}
                    <form method="post" action={`${base}/${task.id}/restoration`} class="inline-form">
                      <Csrf token={props.csrfToken} />
                      <input type="hidden" name="version" value={String(task.version)} />
                      <button type="submit" class="secondary" aria-describedby={`task-${task.id}-title`}>
                        {t("tasks.restore")}
                      </button>
                    </form>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
