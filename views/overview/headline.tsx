// The story first: what a partner needs to know before any table, in a few plain sentences.
// Shown at the top of the overview and, per partner, on the home page.
import type { Locale } from "../../src/db/schema";
import { formatWholeMoney, type Translate } from "../../src/i18n";
import type { Headline } from "../../src/domain/overview/headline";

/** "€ 9.000 stopt in K1 2027, nog niets geregeld." and its kin. */
export function moneyLine(t: Translate, locale: Locale, q: Headline["money"][number]): string {
  const vars = {
    amount: formatWholeMoney(locale, q.cents),
    shortfall: formatWholeMoney(locale, q.shortfall),
    pending: formatWholeMoney(locale, q.pending),
    quarter: t("overview.quarter", { quarter: q.quarter, year: q.year }),
  };
  const line =
    q.shortfall === 0
      ? t("overview.headline.moneyArranged", vars)
      : q.shortfall >= q.cents
        ? t("overview.headline.moneyNothing", vars)
        : t("overview.headline.moneyPartly", vars);
  return q.pending > 0 ? `${line} ${t("overview.headline.moneyPending", vars)}` : line;
}

export function HeadlineBlock(props: {
  t: Translate;
  locale: Locale;
  headline: Headline;
  /** Where the details are: "" on the overview itself (anchors), or an overview's address. */
  detailsUrl: string;
  /** The heading's level and id (several blocks can share a page). */
  level?: 2 | 3;
  id?: string;
  title?: string;
}) {
  const { t, locale, headline: h } = props;
  const id = props.id ?? "headline";
  const Heading = props.level === 3 ? "h3" : "h2";
  const v = h.volunteers;
  const diff = v ? v.count - v.lastCount : 0;
  return (
    <section class="headline" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{props.title ?? t("overview.headline.title")}</Heading>
      <ul>
        {h.money.length === 0 ? (
          <li>{t("overview.headline.noMoneyEnding")}</li>
        ) : (
          h.money.map((q) => (
            <li>
              <strong>{moneyLine(t, locale, q)}</strong>
            </li>
          ))
        )}
        <li>
          {h.urgent === 0
            ? t("overview.headline.noUrgent", { atRisk: h.atRisk })
            : t(h.urgent === 1 ? "overview.headline.urgentOne" : "overview.headline.urgent", { count: h.urgent, atRisk: h.atRisk })}
          {h.urgentItems.length > 0 && (
            <ul>
              {h.urgentItems.map((u) => (
                <li>
                  <a href={`/initiatives/${u.initiativeId}#activity-${u.activityId}`}>
                    {u.activityName} · {u.initiativeName}
                  </a>
                  {u.reason && <>: {u.reason}</>}
                </li>
              ))}
            </ul>
          )}
        </li>
        {v && (
          <li>
            {t("overview.headline.volunteers", { count: v.count, year: v.year, lastCount: v.lastCount, lastYear: v.lastYear })}{" "}
            {diff === 0
              ? t("overview.headline.volunteersSame")
              : t(diff > 0 ? "overview.headline.volunteersMore" : "overview.headline.volunteersFewer", { diff: Math.abs(diff) })}
          </li>
        )}
      </ul>
      <p class="no-print">
        <a href={`${props.detailsUrl}#cliff`}>{t("overview.headline.toMoney")}</a> ·{" "}
        <a href={`${props.detailsUrl}#at-risk-section`}>{t("overview.headline.toRisks")}</a> ·{" "}
        <a href={`${props.detailsUrl}#years`}>{t("overview.headline.toYears")}</a>
      </p>
    </section>
  );
}
