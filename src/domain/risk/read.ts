// Reading stored risk for pages: per initiative, per neighbourhood, and the history.
import { and, desc, eq, inArray, isNull, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import { activities, activityRisks, initiatives, riskEvents } from "../../db/schema";
import { severityRank, worst, type Flag, type Severity } from "./rules";
import { LIVING_STATUSES } from "../overview/sql";

export type StoredRisk = { activityId: string; level: Severity; flags: Flag[]; runwayMonths: number | null; levelSince: string };

const parse = (r: typeof activityRisks.$inferSelect): StoredRisk => ({
  activityId: r.activityId,
  level: r.level,
  flags: JSON.parse(r.flags) as Flag[],
  runwayMonths: r.runwayMonths,
  levelSince: r.levelSince,
});
/** A stored judgement row as the pages use it. */
export const parseStoredRisk = parse;

/** The stored risk of an initiative's activities and its last 50 risk events. */
export function initiativeRiskReads(db: Db, initiativeId: string) {
  return {
    risks: db.select().from(activityRisks).where(eq(activityRisks.initiativeId, initiativeId)),
    riskEvents: db
      .select({ event: riskEvents, activityName: activities.name })
      .from(riskEvents)
      .innerJoin(activities, eq(activities.id, riskEvents.activityId))
      .where(eq(riskEvents.initiativeId, initiativeId))
      .orderBy(desc(riskEvents.on), desc(riskEvents.createdAt))
      .limit(50),
  };
}
type RiskReads = ReturnType<typeof initiativeRiskReads>;

export function initiativeRiskFrom(rows: { [K in keyof RiskReads]: Awaited<RiskReads[K]> }) {
  const byActivity = Object.fromEntries(rows.risks.map((r) => [r.activityId, parse(r)]));
  return { byActivity, level: worst(rows.risks.map((r) => r.level)), events: rows.riskEvents };
}

/** The activity levels of the initiatives `initiativeIds` yields (a subquery or a jsonList). */
export function initiativeLevelsRead(db: Db, initiativeIds: SQLWrapper) {
  return db
    .select({ initiativeId: activityRisks.initiativeId, level: activityRisks.level })
    .from(activityRisks)
    .where(inArray(activityRisks.initiativeId, initiativeIds));
}

/** An initiative's level is its worst activity's level. */
export function initiativeLevelsFrom(rows: { initiativeId: string; level: Severity }[]) {
  const out: Record<string, Severity> = {};
  for (const r of rows) out[r.initiativeId] = worst([out[r.initiativeId] ?? "ok", r.level]);
  return out;
}

/** The reads behind `neighbourhoodRisksFrom`. */
export function neighbourhoodRiskReads(db: Db, neighbourhoodId: string) {
  return {
    atRisk: db
      .select({
        risk: activityRisks,
        activityName: activities.name,
        initiativeId: sql<string>`${initiatives.id}`.as("i_id"),
        initiativeName: sql<string>`${initiatives.name}`.as("i_name"),
      })
      .from(activityRisks)
      .innerJoin(activities, eq(activities.id, activityRisks.activityId))
      .innerJoin(initiatives, eq(initiatives.id, activityRisks.initiativeId))
      .where(
        and(
          eq(activityRisks.neighbourhoodId, neighbourhoodId),
          sql`${activityRisks.level} <> 'ok'`,
          isNull(activities.archivedAt),
          isNull(initiatives.archivedAt),
          inArray(initiatives.status, LIVING_STATUSES),
        ),
      ),
    // The activities the overview counts (src/domain/overview/sql.ts, LIVING_STATUSES), so both pages say the same.
    levelCounts: db
      .select({ level: activityRisks.level, n: sql<number>`count(*)` })
      .from(activityRisks)
      .innerJoin(activities, eq(activities.id, activityRisks.activityId))
      .innerJoin(initiatives, eq(initiatives.id, activityRisks.initiativeId))
      .where(
        and(
          eq(activityRisks.neighbourhoodId, neighbourhoodId),
          isNull(activities.archivedAt),
          isNull(initiatives.archivedAt),
          inArray(initiatives.status, LIVING_STATUSES),
        ),
      )
      .groupBy(activityRisks.level),
  };
}
type NeighbourhoodRiskReads = ReturnType<typeof neighbourhoodRiskReads>;

/** The at-risk list of a neighbourhood, most urgent first, and the counts per level. */
export function neighbourhoodRisksFrom(rows: { [K in keyof NeighbourhoodRiskReads]: Awaited<NeighbourhoodRiskReads[K]> }) {
  const list = rows.atRisk
    .map((r) => ({ ...r, risk: parse(r.risk) }))
    .sort((a, b) => severityRank(b.risk.level) - severityRank(a.risk.level) || a.risk.levelSince.localeCompare(b.risk.levelSince));
  return { list, perLevel: perLevelFrom(rows.levelCounts) };
}

/** How many activities stand at each level. */
export function perLevelFrom(levelCounts: { level: Severity; n: number }[]) {
  const perLevel: Record<Severity, number> = { ok: 0, watch: 0, at_risk: 0, urgent: 0 };
  for (const c of levelCounts) perLevel[c.level] = c.n;
  return perLevel;
}

/** `neighbourhoodRisksFrom` in one statement. */
export async function loadNeighbourhoodRisks(db: Db, neighbourhoodId: string) {
  return neighbourhoodRisksFrom(await readTogether(db, neighbourhoodRiskReads(db, neighbourhoodId)));
}
