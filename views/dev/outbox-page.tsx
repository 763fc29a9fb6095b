import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";

type Row = { id: string; recipient: string; kind: string; subject: string; status: string; createdAt: string; bodyText: string | null };

export function OutboxPage(props: { t: Translate; locale: Locale; rows: Row[] }) {
  const { t } = props;
  const linksOf = (text: string | null) => (text ? [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]) : []);
  return (
    <>
      <h1>{t("dev.outbox.title")}</h1>
      <p>{t("dev.outbox.intro")}</p>
      {props.rows.length === 0 && <p>{t("dev.outbox.empty")}</p>}
      {props.rows.map((r) => (
        <article class="outbox-message">
          <header>
            <strong>{r.subject}</strong>
            <br />
            <small>
              {t("dev.outbox.to")}: <span class="break-all">{r.recipient}</span> · {t("dev.outbox.kind")}: {r.kind} · {r.status} ·{" "}
              {formatDateTime(props.locale, r.createdAt)}
            </small>
          </header>
          <ul aria-label={t("dev.outbox.links")}>
            {linksOf(r.bodyText).map((href) => (
              <li>
                <a href={new URL(href).pathname + new URL(href).search} class="break-all" data-recipient={r.recipient}>
                  {new URL(href).pathname}
                </a>
              </li>
            ))}
          </ul>
          <details>
            <summary>{t("dev.outbox.subject")}</summary>
            <pre class="pre-wrap">{r.bodyText}</pre>
          </details>
        </article>
      ))}
    </>
  );
}
