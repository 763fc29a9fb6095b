import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { TaskView } from "../../src/domain/tasks/tasks";
import { TaskRow, type TaskRowProps } from "./task-row";

/** One task on its own page: the fallback for answers without htmx, and a link target. */
export function TaskPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  canEdit: boolean;
  task: TaskView;
  next?: string;
  message?: TaskRowProps["message"];
  confirm?: TaskRowProps["confirm"];
}) {
  const { t, task } = props;
  return (
    <>
      <p>
        <a href={`/initiatives/${task.initiativeId}#tasks`}>{t("tasks.backToInitiative")}</a>
      </p>
      <h1>
        {t("tasks.title")}: {task.initiativeName}
      </h1>
      <TaskRow
        t={t}
        locale={props.locale}
        csrfToken={props.csrfToken}
        canEdit={props.canEdit}
        task={task}
        next={props.next}
        message={props.message}
        confirm={props.confirm}
        headingLevel={2}
      />
    </>
  );
}
