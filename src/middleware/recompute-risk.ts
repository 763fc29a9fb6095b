// Risk follows its inputs: after a successful change under an initiative or a neighbourhood
// (funding, people, check-ins, tasks, facilities, commitments…), the affected activities are
// judged again before the answer goes out, so the next page shows the new state.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { recomputeRisk } from "../domain/risk/store";

export const recomputeRiskAfterWrite = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // Publishing a page or confirming nothing risk-related needs no judgement.
  if (c.req.method !== "POST" || c.res.status >= 400 || c.req.path.endsWith("/publication")) return;
  const today = c.var.today;
  const initiative = c.get("initiative");
  const neighbourhood = c.get("neighbourhood");
  if (initiative) await recomputeRisk(c.var.db, { initiativeIds: [initiative.id] }, today, c.var.now);
  else if (neighbourhood) await recomputeRisk(c.var.db, { neighbourhoodId: neighbourhood.id }, today, c.var.now);
});
