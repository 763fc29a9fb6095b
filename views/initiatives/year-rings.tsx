import type { Translate, MessageKey } from "../../src/i18n";
import { formatMoney } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Change, Ring } from "../../src/domain/initiatives/year-rings";
import type { CheckinsSectionData } from "../../src/domain/initiatives/checkins";
import { FlashMessage } from "../components/page-context";

function describe(t: Translate, c: Change): string {
  if (c.kind === "volunteers") return t(c.delta > 0 ? "rings.change.more" : "rings.change.fewer", { count: Math.abs(c.delta) });
  if (c.kind === "sources") return t("rings.change.sources", { from: c.from, to: c.to });
  return t("rings.change.status", {
    from: t(`initiatives.status.${c.from}` as MessageKey),
    to: t(`initiatives.status.${c.to}` as MessageKey),
  });
}

/**
 * Each year side by side, newest first, with what changed since the year before. The yearly
 * check-ins live here too: the way in to this year's, and each year's frozen record.
 */
export function YearRings(props: {
  t: Translate;
  locale: Locale;
  rings: Ring[];
  initiativeId: string;
  canEdit: boolean;
  checkins: CheckinsSectionData;
}) {
  const { t, locale, checkins } = props;
  const href = (year: number) => `/initiatives/${props.initiativeId}/checkins/${year}`;
  return (
    <section id="checkins" aria-labelledby="year-rings-title">
      <h2 id="year-rings-title">{t("rings.title")}</h2>
      <FlashMessage at="checkins" />
      <p class="muted">{t("rings.intro")}</p>
      {props.canEdit &&
        checkins.open.map((o) => (
          <p>
            <a href={href(o.year)} role="button" class={o.exists ? "secondary" : undefined}>
              {o.exists ? t("checkins.update", { year: o.year }) : t("checkins.fill", { year: o.year })}
            </a>
          </p>
        ))}
      <ol class="rings">
        {props.rings.map((r) => {
          const checkin = checkins.items.find((c) => c.year === r.year);
          return (
            <li>
              <article class="ring">
                <h3>
                  {checkin ? <a href={href(r.year)}>{r.year}</a> : r.year}
                  {checkin?.frozen && (
                    <>
                      {" "}
                      <span class="badge">{t("checkins.frozen")}</span>
                    </>
                  )}
                </h3>
                {r.changes.length > 0 && (
                  <p class="ring-change">
                    <strong>
                      {t("rings.change", { from: r.year - 1, to: r.year, what: r.changes.map((c) => describe(t, c)).join("; ") })}
                    </strong>
                  </p>
                )}
                <ul>
                  <li>{r.status ? t(`initiatives.status.${r.status}` as MessageKey) : t("rings.noCheckin")}</li>
                  <li>
                    {t("rings.volunteers", { count: r.volunteers })}
                    {r.newcomers > 0 && ` (${t("rings.newcomers", { count: r.newcomers })})`}
                  </li>
                  {r.peopleReached !== null && <li>{t("rings.reached", { count: r.peopleReached })}</li>}
                  <li>
                    {r.funding.length === 0
                      ? t("rings.noMoney")
                      : r.funding.map((f) => `${t(`rings.kind.${f.kind}` as MessageKey)} ${formatMoney(locale, f.cents)}`).join(" · ")}
                  </li>
                </ul>
                {r.story && <blockquote>{r.story}</blockquote>}
                {checkin && checkin.notes > 0 && <small>{t("checkins.notesCount", { count: checkin.notes })}</small>}
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
