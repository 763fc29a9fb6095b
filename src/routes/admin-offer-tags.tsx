// The kinds of help on the public offer form, kept by admins.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import { requireRole } from "../middleware/require-role";
import { flashRedirect } from "../middleware/flash";
import {
  checkTag,
  createTag,
  getTag,
  listTags,
  offerTagContract,
  setTagArchived,
  updateTag,
  type OfferTag,
  type OfferTagFormValues,
} from "../domain/offers/tags";
import { renderError } from "./errors";
import { TagEditPage, TagsPage } from "../../views/offers/tags-page";

type C = Context<AppEnv>;
export const adminOfferTagsRoutes = new Hono<AppEnv>();
adminOfferTagsRoutes.use("/admin/offer-tags", requireRole("admin"));
adminOfferTagsRoutes.use("/admin/offer-tags/*", requireRole("admin"));

const LIST = "/admin/offer-tags";
const EMPTY: OfferTagFormValues = { name: "", nameEn: "", role: "" };

async function listPage(c: C, values: OfferTagFormValues, errors: FieldErrors) {
  const { t, db } = c.var;
  return c.render(<TagsPage t={t} csrfToken={c.var.csrfToken} tags={await listTags(db)} values={values} errors={errors} />, {
    title: t("offers.tags.title"),
  });
}

function editPage(c: C, tag: OfferTag, values: OfferTagFormValues, errors: FieldErrors, stale = false) {
  const t = c.var.t;
  return c.render(<TagEditPage t={t} csrfToken={c.var.csrfToken} tag={tag} values={values} errors={errors} stale={stale} />, {
    title: t("offers.tags.edit"),
  });
}

adminOfferTagsRoutes.get(LIST, (c) => listPage(c, EMPTY, {}));

adminOfferTagsRoutes.post(LIST, async (c) => {
  const { t, db, now, user } = c.var;
  const body = await c.req.parseBody();
  const parsed = await checkTag(db, offerTagContract.parseForm(body));
  if (!parsed.ok) {
    c.status(422);
    return listPage(c, offerTagContract.formValuesFromBody(body), parsed.errors);
  }
  await createTag(db, parsed.data, user?.id ?? null, now);
  return flashRedirect(c, LIST, t("offers.flash.tagAdded", { name: parsed.data.name }));
});

adminOfferTagsRoutes.get(`${LIST}/:id/edit`, async (c) => {
  const tag = await getTag(c.var.db, c.req.param("id"));
  if (!tag) return renderError(c, 404, "notFound");
  return editPage(c, tag, offerTagContract.formValues(offerTagContract.stored(tag), c.var.locale), {});
});

adminOfferTagsRoutes.post(`${LIST}/:id`, async (c) => {
  const { t, db, now, user } = c.var;
  const tag = await getTag(db, c.req.param("id"));
  if (!tag) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody();
  const parsed = await checkTag(db, offerTagContract.parseFormUpdate(body), tag.id);
  if (!parsed.ok) {
    c.status(422);
    return editPage(c, tag, offerTagContract.formValuesFromBody(body), parsed.errors);
  }
  try {
    await updateTag(db, tag, parsed.data, user?.id ?? null, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    c.status(409);
    return editPage(c, (await getTag(db, tag.id)) ?? tag, offerTagContract.formValuesFromBody(body), {}, true);
  }
  return flashRedirect(c, LIST, t("offers.flash.tagSaved", { name: parsed.data.name }));
});

for (const [path, archive] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  adminOfferTagsRoutes.post(`${LIST}/:id/${path}`, async (c) => {
    const { t, db, now, user } = c.var;
    const tag = await getTag(db, c.req.param("id"));
    if (!tag) return renderError(c, 404, "notFound");
    await setTagArchived(db, tag, archive, user?.id ?? null, now);
    return flashRedirect(c, LIST, t(archive ? "offers.flash.tagArchived" : "offers.flash.tagRestored", { name: tag.name }));
  });
}
