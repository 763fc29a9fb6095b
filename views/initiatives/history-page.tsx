import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { changeLines, entityLabel } from "./history-changes";

type Entry = {
  at: string;
  actorName: string | null;
  entity: string;
  action: string;
  subject: string | null;
  changes: string;
  /** Records the changes refer to by id, by id (JSON), so they can be named. */
  refs?: string | null;
};

const ACTIONS: Record<string, Parameters<Translate>[0]> = {
  create: "initiatives.action.create",
  update: "initiatives.action.update",
  archive: "initiatives.action.archive",
  restore: "initiatives.action.restore",
  end: "history.action.end",
  note: "history.action.note",
  complete: "history.action.complete",
  snooze: "history.action.snooze",
  not_applicable: "history.action.not_applicable",
  handover: "history.action.handover",
  succession: "history.action.succession",
  send: "history.action.send",
  revoke: "history.action.revoke",
};

/** What happened, in words; an action without words of its own reads as "changed", never as code. */
export function actionWords(t: Translate, action: string): string {
  const key = ACTIONS[action];
  return key ? t(key) : t("history.changed");
}

export function HistoryPage(props: { t: Translate; locale: Locale; initiative: { id: string; name: string }; entries: Entry[] }) {
  const { t, locale } = props;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/initiatives/${props.initiative.id}`}>{props.initiative.name}</a>
      </p>
      <h1>{t("initiatives.history")}</h1>
      {props.entries.length === 0 ? (
        <p>{t("initiatives.history.empty")}</p>
      ) : (
        <ol class="history">
          {props.entries.map((e) => {
            const lines = changeLines(t, locale, e.entity, e.changes, e.refs);
            return (
              <li>
                <strong>{entityLabel(t, e.entity)}</strong> {actionWords(t, e.action)}
                {e.subject && <>: {e.subject}</>}
                <br />
                <small>
                  {e.actorName ?? t("initiatives.history.unknownActor")} · {formatDateTime(locale, e.at)}
                </small>
                {lines.length > 0 && (
                  <ul class="history-changes">
                    {lines.map((l) => (
                      <li>
                        {l.label}: {l.before !== undefined && <>{l.before} → </>}
                        {l.after}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
