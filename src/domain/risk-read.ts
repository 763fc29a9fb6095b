// Reading stored risk for pages: per initiative, per neighbourhood, and the history.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { activities, activityRisks, initiatives, riskEvents } from "../db/schema";
import { severityRank, worst, type Flag, type Severity } from "./risk";

export type StoredRisk = { activityId: string; level: Severity; flags: Flag[]; runwayMonths: number | null; levelSince: string };

const parse = (r: typeof activityRisks.$inferSelect): StoredRisk => ({
  activityId: r.activityId,
  level: r.level,
  flags: JSON.parse(r.flags) as Flag[],
  runwayMonths: r.runwayMonths,
  levelSince: r.levelSince,
});

export async function loadInitiativeRisk(db: Db, initiativeId: string) {
  const [rows, events] = await db.batch([
    db.select().from(activityRisks).where(eq(activityRisks.initiativeId, initiativeId)),
    db
      .select({ event: riskEvents, activityName: activities.name })
      .from(riskEvents)
      .innerJoin(activities, eq(activities.id, riskEvents.activityId))
      .where(eq(riskEvents.initiativeId, initiativeId))
      .orderBy(desc(riskEvents.on), desc(riskEvents.createdAt))
      .limit(50),
  ]);
  const byActivity = Object.fromEntries(rows.map((r) => [r.activityId, parse(r)]));
  return { byActivity, level: worst(rows.map((r) => r.level)), events };
}

/** An initiative's level is its worst activity's level. */
export async function loadInitiativeLevels(db: Db, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return {} as Record<string, Severity>;
  const rows = await db
    .select({ initiativeId: activityRisks.initiativeId, level: activityRisks.level })
    .from(activityRisks)
    .where(inArray(activityRisks.initiativeId, initiativeIds));
  const out: Record<string, Severity> = {};
  for (const r of rows) out[r.initiativeId] = worst([out[r.initiativeId] ?? "ok", r.level]);
  return out;
}

/** The at-risk list of a neighbourhood, most urgent first, and the counts per level. */
export async function loadNeighbourhoodRisks(db: Db, neighbourhoodId: string) {
  const [rows, counts] = await db.batch([
    db
      .select({
        risk: activityRisks,
        activityName: activities.name,
        initiativeId: sql<string>`${initiatives.id}`.as("i_id"),
        initiativeName: sql<string>`${initiatives.name}`.as("i_name"),
      })
      .from(activityRisks)
      .innerJoin(activities, eq(activities.id, activityRisks.activityId))
      .innerJoin(initiatives, eq(initiatives.id, activityRisks.initiativeId))
      .where(and(eq(activityRisks.neighbourhoodId, neighbourhoodId), sql`${activityRisks.level} <> 'ok'`, isNull(activities.archivedAt), isNull(initiatives.archivedAt))),
    db
      .select({ level: activityRisks.level, n: sql<number>`count(*)` })
      .from(activityRisks)
      .innerJoin(activities, eq(activities.id, activityRisks.activityId))
      .where(and(eq(activityRisks.neighbourhoodId, neighbourhoodId), isNull(activities.archivedAt)))
      .groupBy(activityRisks.level),
  ]);
  const list = rows
    .map((r) => ({ ...r, risk: parse(r.risk) }))
    .sort((a, b) => severityRank(b.risk.level) - severityRank(a.risk.level) || a.risk.levelSince.localeCompare(b.risk.levelSince));
  const perLevel: Record<Severity, number> = { ok: 0, watch: 0, at_risk: 0, urgent: 0 };
  for (const c of counts) perLevel[c.level] = c.n;
  return { list, perLevel };
}
