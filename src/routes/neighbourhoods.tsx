// The neighbourhood page: what the neighbourhood has. The gate (scope.ts) lets admins,
// coordinators in this neighbourhood and linked partners read it.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { loadNeighbourhoodPage } from "../domain/neighbourhoods";
import { NeighbourhoodPage } from "../../views/neighbourhoods/neighbourhood-page";

export const neighbourhoodsRoutes = new Hono<AppEnv>();

neighbourhoodsRoutes.get("/neighbourhoods/:neighbourhoodId", async (c) => {
  const { t, db, neighbourhood: hood, canEdit } = c.var;
  const page = await loadNeighbourhoodPage(db, hood.id);
  return c.render(<NeighbourhoodPage t={t} hood={hood} canEdit={canEdit} {...page} />, { title: hood.name });
});
