import type { Locale } from "../../src/db/schema";
import type { Translate } from "../../src/i18n";
import type { FacilitiesSectionData } from "../../src/domain/neighbourhoods/facilities";
import { FacilitiesSection } from "./facilities-section";

/** GET /neighbourhoods/:id/facilities: the facilities on a page of their own. */
export function FacilitiesPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  neighbourhood: { id: string; name: string };
  canEdit: boolean;
  data: FacilitiesSectionData;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t("money.facility.pageTitle", { name: props.neighbourhood.name })}</h1>
      <p>
        <a href={`/neighbourhoods/${props.neighbourhood.id}`}>{t("money.facility.backToHood")}</a>
      </p>
      <FacilitiesSection
        t={t}
        locale={props.locale}
        csrfToken={props.csrfToken}
        neighbourhoodId={props.neighbourhood.id}
        canEdit={props.canEdit}
        data={props.data}
      />
    </>
  );
}
