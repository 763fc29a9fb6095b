// Funding streams of an initiative. The scope gate (src/middleware/scope.ts) has already decided
// who may read and who may post here; forms are for editors only.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { StaleVersionError } from "../db/versioned";
import {
  checkFundingLinks,
  createFunding,
  findRepeatedFunding,
  fundingContract,
  fundingFormOptions,
  getFunding,
  setFundingArchived,
  updateFunding,
  type FundingWithActivities,
} from "../domain/money/fundings";
import { renderError } from "./errors";
import { FundingFormPage, type FundingFormValues } from "../../views/money/funding-form";
import { flashRedirect, savedText } from "../middleware/flash";

export const fundingsRoutes = new Hono<AppEnv>();

const PATH = "/initiatives/:initiativeId/fundings";

const backToPage = (initiativeId: string) => `/initiatives/${initiativeId}#funding`;

async function page(
  c: Context<AppEnv>,
  props: {
    funding?: FundingWithActivities;
    values: FundingFormValues;
    errors?: Parameters<typeof FundingFormPage>[0]["errors"];
    stale?: boolean;
    /** A new stream repeats this one: ask before adding it. */
    duplicate?: FundingWithActivities;
  },
) {
  const { t, db, locale } = c.var;
  const initiative = c.var.initiative;
  const options = await fundingFormOptions(db, initiative.id, {
    id: props.funding?.id,
    activityIds: props.funding?.activityIds,
    replacesFundingId: props.funding?.replacesFundingId,
  });
  return c.render(
    <FundingFormPage
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      funding={props.funding}
      values={props.values}
      options={options}
      errors={props.errors ?? {}}
      stale={props.stale}
      duplicate={props.duplicate}
    />,
    { title: props.funding ? t("money.funding.edit") : t("money.funding.new") },
  );
}

fundingsRoutes.get(`${PATH}/new`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  return page(c, { values: {} });
});

fundingsRoutes.post(PATH, async (c) => {
  const { db, now, user, initiative } = c.var;
  const body = await c.req.parseBody({ all: true });
  const parsed = fundingContract.parseForm(body);
  const links = parsed.ok ? await checkFundingLinks(db, initiative.id, parsed.data) : null;
  const errors = parsed.ok ? links!.errors : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, { values: fundingContract.formValuesFromBody(body), errors });
  }
  // The same source, amount and dates as a stream it already has: show that one and ask first
  // (a question, not a failure: 200, nothing written; "Toch toevoegen" posts the form again with confirmDuplicate).
  if (body.confirmDuplicate !== "1") {
    const duplicate = await findRepeatedFunding(db, initiative.id, parsed.data, links!.sourceName);
    if (duplicate) return page(c, { values: fundingContract.formValuesFromBody(body), duplicate });
  }
  await createFunding(db, initiative, parsed.data, links!.sourceName, user!.id, now);
  return flashRedirect(c, backToPage(initiative.id), savedText(c.var.t, "added", "funding", links!.sourceName));
});

fundingsRoutes.get(`${PATH}/:id/edit`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const funding = await getFunding(c.var.db, c.var.initiative.id, c.req.param("id"));
  if (!funding) return renderError(c, 404, "notFound");
  return page(c, { funding, values: fundingContract.formValues(fundingContract.stored(funding), c.var.locale) });
});

fundingsRoutes.post(`${PATH}/:id`, async (c) => {
  const { db, now, user, initiative } = c.var;
  const funding = await getFunding(db, initiative.id, c.req.param("id"));
  if (!funding) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = fundingContract.parseFormUpdate(body);
  const links = parsed.ok ? await checkFundingLinks(db, initiative.id, parsed.data, funding.id) : null;
  const errors = parsed.ok ? links!.errors : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return page(c, { funding, values: fundingContract.formValuesFromBody(body), errors });
  }
  try {
    await updateFunding(db, initiative, funding, parsed.data, links!.sourceName, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    c.status(409);
    return page(c, { funding, values: fundingContract.formValuesFromBody(body), stale: true });
  }
  return flashRedirect(c, backToPage(initiative.id), savedText(c.var.t, "saved", "funding", links!.sourceName));
});

for (const [segment, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  fundingsRoutes.post(`${PATH}/:id/${segment}`, async (c) => {
    const { db, now, user, initiative } = c.var;
    const funding = await getFunding(db, initiative.id, c.req.param("id"));
    if (!funding) return renderError(c, 404, "notFound");
    await setFundingArchived(db, initiative, funding, archived, user!.id, now);
    return flashRedirect(
      c,
      backToPage(initiative.id),
      savedText(c.var.t, archived ? "archived" : "restored", "funding", funding.sourceName),
    );
  });
}
