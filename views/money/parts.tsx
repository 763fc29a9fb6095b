// Small pieces shared by the money and places views: periods, renewal choices, archive buttons.
import type { Child } from "hono/jsx";
import type { Locale } from "../../src/db/schema";
import { RENEWAL_STATES } from "../../src/db/schema";
import { formatDate, formatMoney, type Translate } from "../../src/i18n";
import type { StreamOption } from "../../src/domain/money/fundings";
import { Csrf } from "../components/form";

/** "1 januari 2026 tot 30 juni 2027" or "vanaf 1 januari 2026, geen einddatum". */
export function periodText(t: Translate, locale: Locale, from: string, until: string | null) {
  const start = formatDate(locale, from);
  return until ? t("money.period.fromUntil", { from: start, until: formatDate(locale, until) }) : t("money.period.from", { from: start });
}

/** "Gemeente Lindenstad, € 3.000 per jaar, tot 31 december 2026": another stream to choose. */
export function streamLabel(t: Translate, locale: Locale, f: StreamOption | undefined): string {
  if (!f) return "—";
  const amount = formatMoney(locale, f.amountCentsPerYear);
  return f.endsOn
    ? t("money.funding.replaces.option", { source: f.sourceName, amount, date: formatDate(locale, f.endsOn) })
    : t("money.funding.replaces.optionOpen", { source: f.sourceName, amount });
}

export function renewalOptions(t: Translate) {
  return RENEWAL_STATES.map((r) => ({ value: r, label: t(`money.renewal.${r}`) }));
}

export const optional = (t: Translate, label: string) => `${label} ${t("money.optional")}`;

/** The marker beside a date that matters: ends soon, or has ended. Text, not only colour. */
export function EndMarker(props: { t: Translate; endingSoon: boolean; ended: boolean }) {
  if (props.endingSoon) return <strong> · {props.t("money.endingSoon")}</strong>;
  if (props.ended) return <strong> · {props.t("money.ended")}</strong>;
  return null;
}

/** Label/value rows that stay readable at 360 px: a description list, not a wide table. */
export function Facts(props: { rows: ([string, Child] | null | false)[] }) {
  return (
    <dl>
      {props.rows
        .filter((r): r is [string, Child] => !!r)
        .map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
    </dl>
  );
}

/** Archived records under a closed details element, each with a restore button when allowed. */
export function ArchivedList(props: {
  t: Translate;
  csrfToken: string;
  items: { id: string; label: string; restoreAction: string | null }[];
}) {
  const { t } = props;
  if (props.items.length === 0) return null;
  return (
    <details>
      <summary>{t("money.archived", { count: props.items.length })}</summary>
      <ul>
        {props.items.map((i) => (
          <li>
            {i.label}{" "}
            {i.restoreAction && (
              <form method="post" action={i.restoreAction} class="inline-form">
                <Csrf token={props.csrfToken} />
                <button type="submit" class="secondary" aria-label={t("money.restoreNamed", { name: i.label })}>
                  {t("money.restore")}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Below an edit form: archive (or restore, when archived already). */
export function ArchiveBox(props: { t: Translate; csrfToken: string; baseAction: string; archived: boolean }) {
  const { t } = props;
  return (
    <section aria-labelledby="archive-title">
      <h2 id="archive-title">{props.archived ? t("money.restore") : t("money.archive")}</h2>
      <p>{props.archived ? t("money.archive.isArchived") : t("money.archive.hint")}</p>
      <form method="post" action={`${props.baseAction}/${props.archived ? "restoration" : "archival"}`}>
        <Csrf token={props.csrfToken} />
        <button type="submit" class="secondary">
          {props.archived ? t("money.restore") : t("money.archive")}
        </button>
      </form>
    </section>
  );
}

/** The box a 409 shows: what is saved now, beside the user's kept input. */
export function StaleBox(props: { t: Translate; rows: [string, Child][] }) {
  return (
    <div role="alert" class="error-summary">
      <p>{props.t("money.stale")}</p>
      <p>
        <strong>{props.t("money.stale.current")}</strong>
      </p>
      <Facts rows={props.rows} />
    </div>
  );
}
