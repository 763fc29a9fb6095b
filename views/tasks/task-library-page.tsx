import type { MessageKey, Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { describeSchedule } from "../../src/domain/tasks/schedule";
import { TASK_LIBRARY, alreadyAdded, librarySpec, type LibraryData, type LibraryEntry } from "../../src/domain/tasks/library";
import { Csrf } from "../components/form";

function AddButton(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  entry: LibraryEntry;
  label: string;
  fundingId?: string;
  describedBy: string;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="key" value={props.entry.key} />
      {props.fundingId && <input type="hidden" name="fundingId" value={props.fundingId} />}
      <button type="submit" aria-describedby={props.describedBy}>
        {props.label}
      </button>
    </form>
  );
}

/** The starter library: each entry with why, schedule in words and one "Toevoegen" button. */
export function TaskLibraryPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  data: LibraryData;
  today: string;
  error?: { key: string; message: MessageKey };
}) {
  const { t, locale, data } = props;
  const action = `/initiatives/${props.initiative.id}/tasks/library`;
  return (
    <>
      <p>
        <a href={`/initiatives/${props.initiative.id}#tasks`}>{t("tasks.backToInitiative")}</a>
      </p>
      <h1>{t("tasks.library.title")}</h1>
      <p>{props.initiative.name}</p>
      <p>{t("tasks.library.intro")}</p>
      {props.error && (
        <div role="alert" class="error-summary" tabindex={-1} id="error-summary">
          <p>
            <a href={`#library-${props.error.key}`}>{t(props.error.message)}</a>
          </p>
        </div>
      )}
      {TASK_LIBRARY.map((entry) => {
        const titleId = `library-${entry.key}-title`;
        const spec = librarySpec(entry, props.today);
        const anchor = entry.schedule.scheduleKind === "relative" ? ` (${t(`tasks.anchor.${entry.schedule.relativeAnchor}`)})` : "";
        return (
          <article id={`library-${entry.key}`} aria-labelledby={titleId}>
            <h2 id={titleId}>{t(`tasks.library.${entry.key}.title`)}</h2>
            <p>{t(`tasks.library.${entry.key}.why`)}</p>
            <p>
              <strong>{t("tasks.row.schedule")}:</strong> {describeSchedule(spec, locale)}
              {anchor}
              <br />
              <strong>{t("tasks.row.assignees")}:</strong> {entry.roles.map((r) => t(`tasks.role.${r}`)).join(", ")}
            </p>
            {entry.subject === "funding" ? (
              data.fundings.length === 0 ? (
                <p>
                  <em>{t("tasks.library.needsFunding")}</em>
                </p>
              ) : (
                <ul>
                  {data.fundings.map((f) => (
                    <li>
                      {f.name} ({formatDate(locale, f.reportDueOn)}){" "}
                      {alreadyAdded(data, entry.key, f.id) ? (
                        <strong>{t("tasks.library.added")}</strong>
                      ) : (
                        <AddButton
                          t={t}
                          csrfToken={props.csrfToken}
                          action={action}
                          entry={entry}
                          fundingId={f.id}
                          label={t("tasks.library.addFor", { name: f.name })}
                          describedBy={titleId}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )
            ) : alreadyAdded(data, entry.key) ? (
              <p>
                <strong>{t("tasks.library.added")}</strong>
              </p>
            ) : (
              <AddButton
                t={t}
                csrfToken={props.csrfToken}
                action={action}
                entry={entry}
                label={t("tasks.library.add")}
                describedBy={titleId}
              />
            )}
          </article>
        );
      })}
    </>
  );
}
