// Facilities of a neighbourhood. The scope gate decided who may read (admins, coordinators and
// linked partners of the neighbourhood) and post (admins and its coordinators); forms are for editors.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import {
  checkFacilityLinks,
  createFacility,
  facilityContract,
  getFacility,
  loadFacilitiesSection,
  ownerOptions,
  setFacilityArchived,
  updateFacility,
  type FacilityFormValues,
  type FacilityRow,
} from "../domain/neighbourhoods/facilities";
import { renderError } from "./errors";
import { FacilityFormPage } from "../../views/facilities/facility-form";
import { FacilitiesPage } from "../../views/facilities/facilities-page";
import { flashRedirect, savedText } from "../middleware/flash";

export const facilitiesRoutes = new Hono<AppEnv>();

const PATH = "/neighbourhoods/:neighbourhoodId/facilities";
// The facilities page, where the changed facility and the flash saying so are.
const backToPage = (neighbourhoodId: string) => `/neighbourhoods/${neighbourhoodId}/facilities#facilities`;

async function page(
  c: Context<AppEnv>,
  props: { facility?: FacilityRow; values: FacilityFormValues; errors?: FieldErrors; stale?: boolean },
) {
  const { t, db, locale } = c.var;
  return c.render(
    <FacilityFormPage
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      neighbourhood={c.var.neighbourhood}
      facility={props.facility}
      values={props.values}
      owners={await ownerOptions(db, props.facility?.ownerPartnerId)}
      errors={props.errors ?? {}}
      stale={props.stale}
    />,
    { title: props.facility ? t("money.facility.edit") : t("money.facility.new") },
  );
}

facilitiesRoutes.get(PATH, async (c) => {
  const { t, db, locale, neighbourhood } = c.var;
  const data = await loadFacilitiesSection(db, neighbourhood.id, c.var.today);
  return c.render(
    <FacilitiesPage t={t} locale={locale} csrfToken={c.var.csrfToken} neighbourhood={neighbourhood} canEdit={c.var.canEdit} data={data} />,
    {
      title: t("money.facility.pageTitle", { name: neighbourhood.name }),
    },
  );
});

facilitiesRoutes.get(`${PATH}/new`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  return page(c, { values: {} });
});

facilitiesRoutes.post(PATH, async (c) => {
  const { db, now, user, neighbourhood } = c.var;
  const body = await c.req.parseBody({ all: true });
  const parsed = facilityContract.parseForm(body);
  const errors = parsed.ok ? await checkFacilityLinks(db, parsed.data) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, { values: facilityContract.formValuesFromBody(body), errors });
  }
  await createFacility(db, neighbourhood.id, parsed.data, user!.id, now);
  return flashRedirect(c, backToPage(neighbourhood.id), savedText(c.var.t, "added", "facility", parsed.data.name));
});

facilitiesRoutes.get(`${PATH}/:id/edit`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const facility = await getFacility(c.var.db, c.var.neighbourhood.id, c.req.param("id"));
  if (!facility) return renderError(c, 404, "notFound");
  return page(c, { facility, values: facilityContract.formValues(facilityContract.stored(facility), c.var.locale) });
});

facilitiesRoutes.post(`${PATH}/:id`, async (c) => {
  const { db, now, user, neighbourhood } = c.var;
  const facility = await getFacility(db, neighbourhood.id, c.req.param("id"));
  if (!facility) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = facilityContract.parseFormUpdate(body);
  const errors = parsed.ok ? await checkFacilityLinks(db, parsed.data) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, { facility, values: facilityContract.formValuesFromBody(body), errors });
  }
  try {
    await updateFacility(db, facility, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    c.status(409);
    return page(c, { facility, values: facilityContract.formValuesFromBody(body), stale: true });
  }
  return flashRedirect(c, backToPage(neighbourhood.id), savedText(c.var.t, "saved", "facility", parsed.data.name));
});

for (const [segment, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  facilitiesRoutes.post(`${PATH}/:id/${segment}`, async (c) => {
    const { db, now, user, neighbourhood } = c.var;
    const facility = await getFacility(db, neighbourhood.id, c.req.param("id"));
    if (!facility) return renderError(c, 404, "notFound");
    await setFacilityArchived(db, facility, archived, user!.id, now);
    return flashRedirect(
      c,
      backToPage(neighbourhood.id),
      savedText(c.var.t, archived ? "archived" : "restored", "facility", facility.name),
    );
  });
}
