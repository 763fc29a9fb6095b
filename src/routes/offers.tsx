// A neighbourhood's residents' offers, for those who may decide on them: admins and the
// neighbourhood's coordinators (the gate in scope.ts lets linked partners read the neighbourhood,
// but offers carry residents' names and addresses, so partners are refused here).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { StaleVersionError } from "../db/versioned";
import { decideOffer, getOffer, listOffers, type Decision } from "../domain/offers/offers";
import { listTags } from "../domain/offers/tags";
import { safeBack } from "../domain/neighbourhoods/assets";
import { versionField } from "../lib/contract/define";
import { flashRedirect } from "../middleware/flash";
import { renderError } from "./errors";
import { OffersPage } from "../../views/offers/offers-page";

export const offersRoutes = new Hono<AppEnv>();

const P = "/neighbourhoods/:neighbourhoodId/offers";

offersRoutes.get(P, async (c) => {
  const { t, db, neighbourhood: hood } = c.var;
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const [offers, tags] = await Promise.all([listOffers(db, hood.id), listTags(db)]);
  return c.render(
    <OffersPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      hood={hood}
      offers={offers}
      tags={tags}
      isAdmin={!!c.var.user?.isAdmin}
    />,
    { title: t("offers.list.title", { name: hood.name }) },
  );
});

offersRoutes.post(`${P}/:offerId/decision`, async (c) => {
  const { t, db, neighbourhood: hood, now, user } = c.var;
  const offer = await getOffer(db, c.req.param("offerId"));
  if (!offer || offer.neighbourhoodId !== hood.id) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody();
  const decision: Decision | null = body.decision === "accept" || body.decision === "decline" ? body.decision : null;
  const version = versionField().safeParse(body.version);
  if (!decision || !version.success) return renderError(c, 400, "badRequest");
  const back = safeBack(body.back) ?? `/neighbourhoods/${hood.id}/offers#offers`;
  try {
    await decideOffer(db, offer, decision, version.data, user!.id, now, c.var.today);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    return flashRedirect(c, back, t("offers.flash.stale"), "error");
  }
  return flashRedirect(c, back, t(decision === "accept" ? "offers.flash.accepted" : "offers.flash.declined", { name: offer.name }));
});
