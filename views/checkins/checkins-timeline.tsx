import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { CheckinsSectionData } from "../../src/domain/initiatives/checkins";
import { FlashMessage } from "../components/page-context";

type Props = { t: Translate; locale: Locale; csrfToken: string; initiativeId: string; canEdit: boolean; data: CheckinsSectionData };

/** The yearly check-ins as a timeline, newest first; a clear way in to this year's (and, in January, last year's). */
export function CheckinsTimeline(props: Props) {
  const { t, data, initiativeId, canEdit } = props;
  const href = (year: number) => `/initiatives/${initiativeId}/checkins/${year}`;
  return (
    <section id="checkins" aria-labelledby="checkins-title">
      <h2 id="checkins-title">{t("checkins.title")}</h2>
      <FlashMessage at="checkins" />
      {canEdit &&
        data.open.map((o) => (
          <p>
            <a href={href(o.year)} role="button" class={o.exists ? "secondary" : undefined}>
              {o.exists ? t("checkins.update", { year: o.year }) : t("checkins.fill", { year: o.year })}
            </a>
          </p>
        ))}
      {data.items.length === 0 ? (
        <p>{t("checkins.none")}</p>
      ) : (
        <ol class="checkin-timeline">
          {data.items.map((item) => (
            <li>
              <article>
                <h3>
                  <a href={href(item.year)}>{t("checkins.year", { year: item.year })}</a>
                  {item.frozen && (
                    <>
                      {" "}
                      <mark class="badge">{t("checkins.frozen")}</mark>
                    </>
                  )}
                </h3>
                <p>
                  <strong>{t(`checkins.status.${item.status}`)}</strong> · {t("checkins.summary.volunteers", { count: item.volunteers })} ·{" "}
                  {t("checkins.summary.reached", { count: item.peopleReached })}
                </p>
                {item.storyExcerpt && <p>{item.storyExcerpt}</p>}
                {item.notes > 0 && (
                  <p>
                    <small>{t("checkins.notesCount", { count: item.notes })}</small>
                  </p>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
