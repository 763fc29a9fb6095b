// For admins: the outbox, filtered by kind, status and recipient; failed and given-up messages
// show their error (and when the next attempt is).
import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import { OUTBOX_STATUSES, type Locale } from "../../src/db/schema";
import type { OutboxFilter, OutboxListRow } from "../../src/domain/mail/outbox";
import { DataTable } from "../components/data-table";

const KINDS = ["reminder", "escalation", "alert", "checkin", "digest", "handover", "message", "sign_in", "invite"] as const;

export function OutboxAdminPage(props: { t: Translate; locale: Locale; filter: OutboxFilter; rows: OutboxListRow[]; maxAttempts: number }) {
  const { t, locale, filter } = props;
  const kindLabel = (k: string) =>
    (KINDS as readonly string[]).includes(k) ? t(`mailpage.outbox.kind.${k as (typeof KINDS)[number]}`) : k;
  const problems = props.rows.filter((r) => r.status === "failed" || r.status === "given_up");
  return (
    <>
      <h1>{t("mailpage.outbox.title")}</h1>
      <p>{t("mailpage.outbox.intro", { max: props.maxAttempts })}</p>
      <search>
        <form method="get" action="/admin/outbox">
          <fieldset class="grid">
            <label for="filter-kind">
              {t("mailpage.outbox.kind")}
              <select id="filter-kind" name="kind">
                <option value="">{t("mailpage.outbox.all")}</option>
                {KINDS.map((k) => (
                  <option value={k} selected={filter.kind === k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </label>
            <label for="filter-status">
              {t("mailpage.outbox.status")}
              <select id="filter-status" name="status">
                <option value="">{t("mailpage.outbox.all")}</option>
                {OUTBOX_STATUSES.map((s) => (
                  <option value={s} selected={filter.status === s}>
                    {t(`mailpage.outbox.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label for="filter-recipient">
              {t("mailpage.outbox.recipient")}
              <input id="filter-recipient" name="recipient" type="search" value={filter.recipient ?? ""} autocomplete="off" />
            </label>
          </fieldset>
          <button type="submit">{t("mailpage.outbox.filter")}</button>
        </form>
      </search>

      {props.rows.length === 0 ? (
        <p>{t("mailpage.outbox.empty")}</p>
      ) : (
        <DataTable
          caption={t("mailpage.outbox.title")}
          head={[
            t("mailpage.outbox.created"),
            t("mailpage.outbox.kind"),
            t("mailpage.outbox.recipient"),
            t("mailpage.outbox.subject"),
            t("mailpage.outbox.status"),
            t("mailpage.outbox.attempts"),
            t("mailpage.outbox.sent"),
          ]}
          rows={props.rows.map((r) => [
            formatDateTime(locale, r.createdAt),
            kindLabel(r.kind),
            <span class="break-all">{r.recipient}</span>,
            r.subject,
            t(`mailpage.outbox.status.${r.status}`),
            r.attempts,
            r.sentAt ? formatDateTime(locale, r.sentAt) : "—",
          ])}
        />
      )}

      {problems.length > 0 && (
        <section aria-labelledby="outbox-problems">
          <h2 id="outbox-problems">{t("mailpage.outbox.problems")}</h2>
          {problems.map((r) => (
            <article>
              <header>
                <strong>{r.subject}</strong>
                <br />
                <small>
                  <span class="break-all">{r.recipient}</span> · {kindLabel(r.kind)} · {t(`mailpage.outbox.status.${r.status}`)} ·{" "}
                  {t("mailpage.outbox.attempts")}: {r.attempts}
                </small>
              </header>
              <p>
                {t("mailpage.outbox.error")}: <code class="break-all">{r.error ?? "—"}</code>
              </p>
              {r.status === "failed" && r.nextAttemptAt && (
                <p>{t("mailpage.outbox.nextAttempt", { date: formatDateTime(locale, r.nextAttemptAt) })}</p>
              )}
            </article>
          ))}
        </section>
      )}
    </>
  );
}
