// The asset register (buurtkracht) of one neighbourhood. The neighbourhood gate (scope.ts) has
// already decided: GET for readers, POST for admins and coordinators in this neighbourhood.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import {
  assetContract,
  changeAssetState,
  createAsset,
  getAsset,
  initiativeOptions,
  isCategory,
  listAssets,
  safeBack,
  updateAsset,
  validateAsset,
  type AssetFormValues,
  type AssetWithLinks,
} from "../domain/neighbourhoods/assets";
import { StaleVersionError } from "../db/versioned";
import { renderError } from "./errors";
import { AssetFormPage, AssetsListPage } from "../../views/assets/assets-views";
import { flashRedirect, savedText } from "../middleware/flash";
import { countWaiting } from "../domain/offers/offers";

export const assetsRoutes = new Hono<AppEnv>();

const P = "/neighbourhoods/:neighbourhoodId/assets";
/** After a change: back where the person came from, or the list (the flash names the asset, at the top). */
const listUrl = (hoodId: string) => `/neighbourhoods/${hoodId}/assets`;

assetsRoutes.get(P, async (c) => {
  const { t, db, neighbourhood: hood, canEdit } = c.var;
  const q = c.req.query("category");
  const category = isCategory(q) ? q : null;
  const [{ active, archived }, offersWaiting] = await Promise.all([
    listAssets(db, hood.id, category ?? undefined),
    canEdit ? countWaiting(db, hood.id) : Promise.resolve(null),
  ]);
  return c.render(
    <AssetsListPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      hood={hood}
      category={category}
      active={active}
      archived={archived}
      canEdit={canEdit}
      today={c.var.today}
      offersWaiting={offersWaiting}
    />,
    { title: t("assets.titleIn", { name: hood.name }) },
  );
});

async function renderForm(
  c: Context<AppEnv>,
  values: AssetFormValues,
  errors: FieldErrors,
  opts: { asset?: AssetWithLinks; back?: string | null; stale?: boolean } = {},
) {
  const { t, db, neighbourhood: hood } = c.var;
  return c.render(
    <AssetFormPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      hood={hood}
      values={values}
      errors={errors}
      initiatives={await initiativeOptions(db, hood.id)}
      {...opts}
    />,
    { title: opts.asset ? t("assets.edit") : t("assets.new") },
  );
}

assetsRoutes.get(`${P}/new`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const today = c.var.today;
  const category = c.req.query("category");
  const initiative = c.req.query("initiative");
  return renderForm(
    c,
    {
      category: isCategory(category) ? category : "gifts",
      name: "",
      description: "",
      contactName: "",
      contactInfo: "",
      contactConsent: false,
      contactConsentOn: today,
      lastConfirmedOn: today,
      initiativeIds: initiative ? [initiative] : [],
    },
    {},
    { back: safeBack(c.req.query("back")) },
  );
});

assetsRoutes.post(P, async (c) => {
  const { db, neighbourhood: hood, now, user } = c.var;
  const body = await c.req.parseBody({ all: true });
  const back = safeBack(body.back);
  const today = c.var.today;
  const parsed = await validateAsset(db, hood.id, body, today, false);
  if (!parsed.ok) {
    c.status(422);
    return renderForm(c, assetContract.formValuesFromBody(body), parsed.errors, { back });
  }
  await createAsset(db, hood.id, parsed.data, today, user!.id, now);
  return flashRedirect(c, back ?? listUrl(hood.id), savedText(c.var.t, "added", "asset", parsed.data.name));
});

assetsRoutes.get(`${P}/:id/edit`, async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const asset = await getAsset(c.var.db, c.var.neighbourhood.id, c.req.param("id"));
  if (!asset) return renderError(c, 404, "notFound");
  return renderForm(
    c,
    assetContract.formValues(assetContract.stored(asset), c.var.locale),
    {},
    {
      asset,
      back: safeBack(c.req.query("back")),
    },
  );
});

assetsRoutes.post(`${P}/:id`, async (c) => {
  const { db, neighbourhood: hood, now, user } = c.var;
  const asset = await getAsset(db, hood.id, c.req.param("id"));
  if (!asset) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const back = safeBack(body.back);
  const parsed = await validateAsset(db, hood.id, body, c.var.today, true);
  if (!parsed.ok) {
    c.status(422);
    return renderForm(c, assetContract.formValuesFromBody(body), parsed.errors, { asset, back });
  }
  try {
    await updateAsset(db, asset, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    const current = (await getAsset(db, hood.id, asset.id)) ?? asset;
    c.status(409);
    return renderForm(c, assetContract.formValuesFromBody(body), {}, { asset: current, back, stale: true });
  }
  return flashRedirect(c, back ?? listUrl(hood.id), savedText(c.var.t, "saved", "asset", parsed.data.name));
});

// Sub-resources for one-tap actions: archive, restore, and "still right" (confirm today).
for (const [path, action] of [
  ["archival", "archive"],
  ["restoration", "restore"],
  ["confirmations", "confirm"],
] as const) {
  assetsRoutes.post(`${P}/:id/${path}`, async (c) => {
    const { db, neighbourhood: hood, now, user } = c.var;
    const asset = await getAsset(db, hood.id, c.req.param("id"));
    if (!asset) return renderError(c, 404, "notFound");
    const body = await c.req.parseBody();
    await changeAssetState(db, asset, action, c.var.today, user!.id, now);
    const words = action === "confirm" ? "flash.confirmed" : action === "archive" ? "flash.archived" : "flash.restored";
    return flashRedirect(
      c,
      safeBack(body.back) ?? listUrl(hood.id),
      c.var.t(words, { what: c.var.t("flash.entity.asset"), name: asset.name }),
    );
  });
}
