// Development only: every email the app made (newest first) with the messages bundled in it, its
// links (relative, so they work on whatever port the app runs) and its HTML as the recipient sees
// it, in a sandboxed frame; then the messages that have not gone out.
import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { DevEmail, DevWaiting } from "../../src/domain/mail/dev-outbox";

const KINDS = ["reminder", "escalation", "alert", "checkin", "digest", "handover", "message", "sign_in", "invite"] as const;
const STATUSES = ["recorded", "queued", "sent", "failed", "given_up"] as const;

function words(t: Translate) {
  return {
    kind: (k: string) => ((KINDS as readonly string[]).includes(k) ? t(`mailpage.outbox.kind.${k as (typeof KINDS)[number]}`) : k),
    status: (s: string) =>
      (STATUSES as readonly string[]).includes(s) ? t(`mailpage.outbox.status.${s as (typeof STATUSES)[number]}`) : s,
  };
}

/** A link from an email, made relative: the page then opens on the app the developer is looking at. */
function local(href: string): string {
  try {
    const u = new URL(href);
    return u.pathname + u.search;
  } catch {
    return href;
  }
}

export function OutboxPage(props: { t: Translate; locale: Locale; emails: DevEmail[]; waiting: DevWaiting[] }) {
  const { t, locale } = props;
  const w = words(t);
  return (
    <>
      <h1>{t("dev.outbox.title")}</h1>
      <p>{t("dev.outbox.intro")}</p>
      {props.emails.length === 0 && <p>{t("dev.outbox.empty")}</p>}
      {props.emails.map((e) => (
        <article class="outbox-message" id={`email-${e.id}`}>
          <header>
            <strong>{e.subject}</strong>
            <br />
            <small>
              {t("dev.outbox.to")}: <span class="break-all">{e.recipient}</span> · {t("dev.outbox.status")}: {w.status(e.status)}
              {e.sentAt && <> · {formatDateTime(locale, e.sentAt)}</>}
            </small>
          </header>
          <h2 class="h-small">{t("dev.outbox.messages", { count: e.messages.length })}</h2>
          <ul>
            {e.messages.map((m) => (
              <li>
                {w.kind(m.kind)}: {m.subject} ({w.status(m.status)})
              </li>
            ))}
          </ul>
          <h2 class="h-small">{t("dev.outbox.links")}</h2>
          {e.links.length === 0 ? (
            <p>{t("dev.outbox.noLinks")}</p>
          ) : (
            <ul aria-label={t("dev.outbox.links")}>
              {e.links.map((href) => (
                <li>
                  <a href={local(href)} class="break-all" data-recipient={e.recipient}>
                    {local(href)}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {e.hasHtml && (
            <details>
              <summary>{t("dev.outbox.html")}</summary>
              <iframe
                class="mail-preview"
                src={`/dev/outbox/${e.id}/html`}
                sandbox=""
                loading="lazy"
                title={t("dev.outbox.htmlFrame", { to: e.recipient, subject: e.subject })}
              ></iframe>
            </details>
          )}
          <details>
            <summary>{t("dev.outbox.text")}</summary>
            <pre class="pre-wrap">{e.text}</pre>
          </details>
        </article>
      ))}
      {props.waiting.length > 0 && (
        <section aria-labelledby="outbox-waiting">
          <h2 id="outbox-waiting">{t("dev.outbox.waiting")}</h2>
          <p>{t("dev.outbox.waitingIntro")}</p>
          <ul>
            {props.waiting.map((m) => (
              <li>
                {w.kind(m.kind)}: {m.subject} — <span class="break-all">{m.recipient}</span> · {w.status(m.status)} ·{" "}
                {t("dev.outbox.attempts", { count: m.attempts })}
                {m.nextAttemptAt && <> · {t("mailpage.outbox.nextAttempt", { date: formatDateTime(locale, m.nextAttemptAt) })}</>}
                {m.error && (
                  <>
                    {" "}
                    · {t("mailpage.outbox.error")}: <code class="break-all">{m.error}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
