// Read-only views: stored risk per activity (with the reasons in plain language) and the partner
// overview's figures. (The outbox and the daily runs have their own files.)
import { and, asc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { activities, activityRisks, initiatives, RISK_LEVELS } from "../../db/schema";
import { FLAG_SUBJECT_TYPES, publicFlag, RISK_RULES } from "../../domain/risk/flag-view";
import type { Flag } from "../../domain/risk/rules";
import { loadOverview, type OverviewScope } from "../../domain/overview/overview";
import { isAdmin, type ApiContext } from "../context";
import { forbidden, notFound } from "../errors";
import { figures, listed, listQuery, op, type ApiApp } from "../ops";
import { decodeCursor, toPage } from "../pagination";
import { findNeighbourhood, inNeighbourhoods, requireRead, today } from "../scope";

const RiskFlag = z
  .object({
    code: z.enum(RISK_RULES).openapi({ description: "The rule that raised the flag." }),
    severity: z.enum(RISK_LEVELS),
    since: z.string().openapi({ format: "date", description: "The day this condition began; stable while it holds." }),
    reason: z.string().openapi({ description: "One plain sentence naming the cause and the date, in the caller's language." }),
    subject: z
      .object({
        type: z.enum(FLAG_SUBJECT_TYPES),
        id: z.string().openapi({ description: "The subject's id (for a source: the partner's id or its name; for a role: the role)." }),
        name: z.string(),
      })
      .openapi({ description: "What the flag is about: a funding stream, a facility, a role, the activity itself…" }),
    endsOn: z.string().optional().openapi({ format: "date", description: "When the money, place or commitment ends (or ended)." }),
    shortfallCentsPerYear: z.number().int().optional().openapi({
      description: "Money per year (cents) that falls away: the ending stream's amount minus the granted renewal or successors.",
    }),
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
    levelSince: z.string().openapi({ format: "date", description: "The day the current level began." }),
    runwayMonths: z.number().int().nullable(),
    judgedOn: z.string().openapi({ format: "date", description: "The day it was last judged (every change and every daily run)." }),
    flags: z.array(RiskFlag),
  })
  .openapi("ActivityRisk");
const OverviewResult = z.record(z.string(), z.unknown()).openapi("Overview", {
  description:
    "The partner overview's figures: headline, now, levels (they add up to now.activities: living initiatives' activities), at-risk list (flags as RiskFlag), funding cliff per quarter (cents, arranged, pending, none, shortfall per year, own), year-on-year figures, continuity, assets and facilities.",
});

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
      judgedOn: risk.judgedOn,
      // Partners never see a volunteer's name in a flag (as in the overview).
      flags: (JSON.parse(risk.flags) as Flag[]).map((f) =>
        publicFlag(f, { activityId: risk.activityId, activityName, initiativeId: risk.initiativeId, initiativeName }, c.var.locale, {
          personNames: isAdmin(c.var.principal),
        }),
      ),
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
    const data = await loadOverview(c.var.db, scope, today(c), { partnerOrgIds: p.partnerId ? [p.partnerId] : [], locale: c.var.locale });
    return c.json(data, 200);
  });
}
