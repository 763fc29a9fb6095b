import { Hono } from "hono";
import type { AppEnv } from "../env";
import { loadNeighbourhoodRisks } from "../domain/risk/read";
import { NeighbourhoodRiskPage } from "../../views/risk/risk-pages";
import { renderError } from "./errors";

export const risksRoutes = new Hono<AppEnv>();

/** The at-risk list of a neighbourhood: for its coordinators and admins (partners get the overview). */
risksRoutes.get("/neighbourhoods/:neighbourhoodId/risks", async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const hood = c.var.neighbourhood;
  const { list, perLevel } = await loadNeighbourhoodRisks(c.var.db, hood.id);
  return c.render(<NeighbourhoodRiskPage t={c.var.t} locale={c.var.locale} neighbourhood={hood} list={list} perLevel={perLevel} />, {
    title: c.var.t("risk.list.title", { name: hood.name }),
  });
});
