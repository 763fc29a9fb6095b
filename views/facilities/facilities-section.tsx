import type { Locale } from "../../src/db/schema";
import { formatDate, type Translate } from "../../src/i18n";
import type { FacilitiesSectionData } from "../../src/domain/neighbourhoods/facilities";
import { ArchivedList, EndMarker, Facts } from "../money/parts";
import { FlashMessage } from "../components/page-context";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  neighbourhoodId: string;
  canEdit: boolean;
  data: FacilitiesSectionData;
};

/** The neighbourhood's places: who owns them, the agreement that lets residents use them, and until when. */
export function FacilitiesSection(props: Props) {
  const { t, locale, data, canEdit } = props;
  const base = `/neighbourhoods/${props.neighbourhoodId}/facilities`;
  const documents = `/neighbourhoods/${props.neighbourhoodId}/documents`;
  return (
    <section id="facilities" aria-labelledby="facilities-title">
      <h2 id="facilities-title">{t("money.facility.title")}</h2>
      <FlashMessage at="facilities" />
      {data.facilities.length === 0 && <p>{t("money.facility.empty")}</p>}
      {data.facilities.map((f) => (
        <article id={`facility-${f.id}`}>
          <h3>{f.name}</h3>
          <Facts
            rows={[
              !!f.kind && [t("money.facility.kind"), f.kind],
              [t("money.facility.owner"), f.ownerName ?? t("money.facility.owner.none")],
              [t("money.facility.agreement"), f.agreement || t("money.facility.noAgreement")],
              [
                t("money.facility.agreementEndsOn"),
                <>
                  {f.agreementEndsOn ? formatDate(locale, f.agreementEndsOn) : t("money.facility.noEnd")}
                  <EndMarker t={t} endingSoon={f.endingSoon} ended={f.ended} />
                </>,
              ],
              [t("money.renewal"), t(`money.renewal.${f.renewalState}`)],
              f.activities.length > 0 && [
                t("money.facility.activities"),
                <ul>
                  {f.activities.map((a) => (
                    <li>
                      {a.name} (<a href={`/initiatives/${a.initiativeId}`}>{a.initiativeName}</a>)
                    </li>
                  ))}
                </ul>,
              ],
            ]}
          />
          {canEdit && (
            <>
              <a href={`${base}/${f.id}/edit`} aria-label={t("money.editNamed", { name: f.name })}>
                {t("money.edit")}
              </a>
              {" · "}
              <a href={`${documents}/new?subject=facility:${f.id}`} aria-label={t("documents.addFor", { name: f.name })}>
                {t("documents.add")}
              </a>
            </>
          )}
        </article>
      ))}
      <p>
        <a href={documents}>{t("documents.binder.hoodLink")}</a>
      </p>
      {canEdit && (
        <p>
          <a href={`${base}/new`} role="button">
            {t("money.facility.add")}
          </a>
        </p>
      )}
      <ArchivedList
        t={t}
        csrfToken={props.csrfToken}
        items={data.archived.map((f) => ({ id: f.id, label: f.name, restoreAction: canEdit ? `${base}/${f.id}/restoration` : null }))}
      />
    </section>
  );
}
