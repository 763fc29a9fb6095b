import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";

type Entry = { at: string; actorName: string | null; entity: string; action: string; changes: string };

function describeChanges(changes: string): string {
  try {
    const parsed = JSON.parse(changes) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => (Array.isArray(v) && v.length === 2 ? `${k}: ${fmt(v[0])} → ${fmt(v[1])}` : `${k}: ${fmt(v)}`))
      .join("; ");
  } catch {
    return "";
  }
}
const fmt = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

export function HistoryPage(props: { t: Translate; locale: Locale; initiative: { id: string; name: string }; entries: Entry[] }) {
  const { t } = props;
  const known = ["create", "update", "archive", "restore"];
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
          {props.entries.map((e) => (
            <li>
              <strong>{e.actorName ?? t("initiatives.history.unknownActor")}</strong> · {e.entity}{" "}
              {known.includes(e.action) ? t(`initiatives.action.${e.action as "create"}`) : e.action}
              <br />
              <small>{formatDateTime(props.locale, e.at)}</small>
              {describeChanges(e.changes) && (
                <>
                  <br />
                  <small class="break-all">{describeChanges(e.changes)}</small>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
