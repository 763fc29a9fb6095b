// Read-only views: stored risk per activity (with the reasons in plain language) and the partner
// overview's figures. (The outbox and the daily runs have their own files.)
import { and, asc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { activities, activityRisks, initiatives, RISK_LEVELS } from "../../db/schema";
import { explainFlag } from "../../domain/risk/explain";
import type { Flag } from "../../domain/risk/rules";
import { loadOverview, type OverviewScope } from "../../domain/overview/overview";
import { isAdmin, type ApiContext } from "../context";
import { forbidden, notFound } from "../errors";
import { figures, listed, listQuery, op, type ApiApp } from "../ops";
import { decodeCursor, toPage } from "../pagination";
import { findNeighbourhood, inNeighbourhoods, requireRead, today } from "../scope";

const RiskFlag = z
  .object({
    rule: z.string(),
    severity: z.enum(RISK_LEVELS),
    since: z.string().openapi({ format: "date", description: "The date the condition began." }),
    reason: z.string().openapi({ description: "One plain sentence naming the cause and the date, in the caller's language." }),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .openapi("RiskFlag");
const RiskRecord = z
  .object({
    activityId: z.string(),
    activityName: z.string(),
    initiativeId: z.string(),
    initiativeName: z.string(),
    neighbourhoodId: z.string(),
    level: z.enum(RISK_LEVELS),
    levelSince: z.string().openapi({ format: "date" }),
    runwayMonths: z.number().int().nullable(),
    computedOn: z.string().openapi({ format: "date" }),
    flags: z.array(RiskFlag),
  })
  .openapi("ActivityRisk");
const OverviewResult = z.record(z.string(), z.unknown()).openapi("Overview", {
  description:
    "The partner overview's figures: now, levels, at-risk list, funding cliff per quarter, year-on-year figures, continuity, assets and facilities.",
});

/** Partners never see a volunteer's name in a flag (as in the overview). */
function forCaller(c: ApiContext, flag: Flag) {
  const params = { ...flag.params };
  if (!isAdmin(c.var.principal)) {
    delete params.personName;
    delete params.personId;
  }
  const shown = { ...flag, params };
  return { rule: flag.rule, severity: flag.severity, since: flag.since, reason: explainFlag(shown, c.var.locale), params };
}

export function registerReadOnlyApi(app: ApiApp) {
  const risks = createRoute({
    ...op("get", "/risks", { id: "listRisks", tag: "Risks", summary: "Stored risk per activity, with the reasons" }),
    request: {
      query: listQuery(
        {
          neighbourhoodId: z.string().max(64).optional(),
          initiativeId: z.string().max(64).optional(),
          level: z.enum(RISK_LEVELS).optional(),
        },
        false,
      ),
    },
    responses: listed("ActivityRisk", RiskRecord),
  });
  app.openapi(risks, async (c) => {
    const q = c.req.valid("query");
    const db = c.var.db;
    const where: (SQL | undefined)[] = [
      ...inNeighbourhoods(c, activityRisks.neighbourhoodId, q.neighbourhoodId),
      q.initiativeId ? eq(activityRisks.initiativeId, q.initiativeId) : undefined,
      q.level ? eq(activityRisks.level, q.level) : undefined,
      isNull(activities.archivedAt),
      isNull(initiatives.archivedAt),
    ];
    // Activity ids never change: they are the stable order here.
    if (q.cursor) where.push(gt(activityRisks.activityId, decodeCursor(q.cursor).id));
    const rows = await db
      .select({
        risk: activityRisks,
        activityName: sql<string>`${activities.name}`.as("r_activity_name"),
        initiativeName: sql<string>`${initiatives.name}`.as("r_initiative_name"),
      })
      .from(activityRisks)
      .innerJoin(activities, eq(activities.id, activityRisks.activityId))
      .innerJoin(initiatives, eq(initiatives.id, activityRisks.initiativeId))
      .where(and(...where))
      .orderBy(asc(activityRisks.activityId))
      .limit(q.limit + 1);
    const page = toPage(rows, q.limit, (r) => ({ at: "", id: r.risk.activityId }));
    const data = page.data.map(({ risk, activityName, initiativeName }) => ({
      activityId: risk.activityId,
      activityName,
      initiativeId: risk.initiativeId,
      initiativeName,
      neighbourhoodId: risk.neighbourhoodId,
      level: risk.level,
      levelSince: risk.levelSince,
      runwayMonths: risk.runwayMonths,
      computedOn: risk.computedOn,
      flags: (JSON.parse(risk.flags) as Flag[]).map((f) => forCaller(c, f)),
    }));
    return c.json({ data, nextCursor: page.nextCursor }, 200);
  });

  const overview = createRoute({
    ...op("get", "/overview", {
      id: "getOverview",
      tag: "Overview",
      summary: "The partner overview's figures as JSON",
      description:
        "Admins: all neighbourhoods; partner tokens: the neighbourhoods their organisation is linked to. ?neighbourhoodId narrows to one.",
    }),
    request: { query: z.object({ neighbourhoodId: z.string().max(64).optional() }) },
    responses: figures(OverviewResult),
  });
  app.openapi(overview, async (c) => {
    const p = c.var.principal;
    const { neighbourhoodId } = c.req.valid("query");
    let scope: OverviewScope;
    if (neighbourhoodId) {
      requireRead(c, neighbourhoodId);
      if (!(await findNeighbourhood(c.var.db, neighbourhoodId))) throw notFound();
      scope = { ids: [neighbourhoodId], includeArchived: true };
    } else if (isAdmin(p)) scope = { all: true };
    else if (p.neighbourhoodIds.length) scope = { ids: p.neighbourhoodIds };
    else throw forbidden();
    const data = await loadOverview(c.var.db, scope, today(c), { partnerOrgIds: p.partnerId ? [p.partnerId] : [] });
    return c.json(data, 200);
  });
}
