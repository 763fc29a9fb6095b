import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { categoryKey, type InitiativeAssets } from "../../src/domain/neighbourhoods/assets";
import { ActionButton } from "./assets-views";
import { FlashMessage } from "../components/page-context";

/** On the initiative page: the neighbourhood's assets this initiative leans on. */
export function InitiativeAssetsSection(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiativeId: string;
  canEdit: boolean;
  data: InitiativeAssets;
}) {
  const { t, locale, data } = props;
  const base = `/neighbourhoods/${data.neighbourhoodId}/assets`;
  const back = `/initiatives/${props.initiativeId}#assets`;
  const backParam = `back=${encodeURIComponent(back)}`;
  return (
    <section id="assets" aria-labelledby="assets-title">
      <h2 id="assets-title">{t("assets.section.title")}</h2>
      <FlashMessage at="assets" />
      {data.assets.length === 0 ? (
        <p>{t("assets.section.none")}</p>
      ) : (
        <ul>
          {data.assets.map((a) => (
            <li id={`asset-${a.id}`}>
              <strong>{a.name}</strong> <small>({t(categoryKey(a.category))})</small>
              {a.description && (
                <>
                  <br />
                  {a.description}
                </>
              )}
              <br />
              <small>{t("assets.lastConfirmed", { date: formatDate(locale, a.lastConfirmedOn) })}</small>
              {a.stale && (
                <>
                  {" "}
                  <strong>{t("assets.staleMark")}</strong>
                </>
              )}
              {props.canEdit && (
                <div class="actions">
                  <a href={`${base}/${a.id}/edit?${backParam}`}>{t("ws.edit")}</a>{" "}
                  <ActionButton
                    action={`${base}/${a.id}/confirmations`}
                    csrfToken={props.csrfToken}
                    label={t("assets.confirm")}
                    back={back}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        {data.neighbourhoodId && <a href={base}>{t("assets.section.all")}</a>}
        {props.canEdit && data.neighbourhoodId && (
          <>
            {" · "}
            <a href={`${base}/new?initiative=${encodeURIComponent(props.initiativeId)}&${backParam}`}>{t("assets.new")}</a>
          </>
        )}
      </p>
    </section>
  );
}
