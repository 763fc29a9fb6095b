// The neighbourhood page: what the neighbourhood has. The gate (scope.ts) lets admins,
// coordinators in this neighbourhood and linked partners read it.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { loadNeighbourhoodPage } from "../domain/neighbourhoods/neighbourhoods";
import { NeighbourhoodPage } from "../../views/neighbourhoods/neighbourhood-page";
import { PublicationToggle } from "../../views/public/publication-toggle";
import { HoodOffersSection } from "../../views/offers/offers-page";

export const neighbourhoodsRoutes = new Hono<AppEnv>();

neighbourhoodsRoutes.get("/neighbourhoods/:neighbourhoodId", async (c) => {
  const { t, db, neighbourhood: hood, canEdit } = c.var;
  // The whole neighbourhood's export and its public page are for admins only.
  const isAdmin = !!c.var.user?.isAdmin;
  const page = await loadNeighbourhoodPage(db, hood.id);
  return c.render(
    <NeighbourhoodPage t={t} hood={hood} canEdit={canEdit} {...page}>
      <p>
        <a href={`/neighbourhoods/${hood.id}/overview`}>{t("overview.link")}</a>
      </p>
      {canEdit && (
        <p>
          <a href={`/neighbourhoods/${hood.id}/imports`}>{t("imports.initiatives.title")}</a>
          {isAdmin && (
            <>
              {" · "}
              <a href={`/neighbourhoods/${hood.id}/export`}>{t("rights.export.title", { name: hood.name })}</a>
            </>
          )}
        </p>
      )}
      {isAdmin && <PublicationToggle t={t} csrfToken={c.var.csrfToken} neighbourhood={hood} />}
      {/* Residents' offers carry names and addresses: for those who decide on them only. */}
      {canEdit && (
        <HoodOffersSection
          t={t}
          locale={c.var.locale}
          csrfToken={c.var.csrfToken}
          hood={hood}
          waiting={page.offers.waiting}
          count={page.offers.waitingCount}
          tags={page.offers.tags}
        />
      )}
    </NeighbourhoodPage>,
    { title: hood.name },
  );
});
