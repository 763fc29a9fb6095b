// Stored risk as records for readers outside the pages (the API): the current judgement per
// activity and the history of every change, each flag in the one public shape (flag-view.ts).
// The caller says which neighbourhoods the reader may see (`within`; null: all) and whether
// volunteers' names may appear in the reasons (only for admins). Lists are keyset pages: the
// functions return up to `limit + 1` rows after `after`, in a stable order, so the caller can
// tell whether there is a next page.
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, activityRisks, initiatives, riskEvents } from "../../db/schema";
import { publicFlag, type FlagContext, type PublicFlag } from "./flag-view";
import type { Flag, RiskRule, Severity } from "./rules";
import type { ExplainLocale } from "./explain";

/** Who reads: the neighbourhoods in reach (null: every one), the language of the reasons, and whether names may show. */
export type RiskReader = { within: string[] | null; locale: ExplainLocale; personNames: boolean };

export type ActivityRiskRecord = FlagContext & {
  neighbourhoodId: string;
  level: Severity;
  levelSince: string;
  runwayMonths: number | null;
  judgedOn: string;
  flags: PublicFlag[];
};

export type RiskEventRecord = FlagContext & {
  id: string;
  neighbourhoodId: string;
  /** The day of the change. */
  on: string;
  fromLevel: Severity | null;
  toLevel: Severity;
  /** The flags after the change. */
  flags: PublicFlag[];
  /** Rules that appeared, and rules that went away, with this change. */
  added: RiskRule[];
  resolved: RiskRule[];
  /** The instant it was recorded. */
  recordedAt: string;
};

export type RiskFilter = {
  neighbourhoodId?: string | undefined;
  initiativeId?: string | undefined;
  activityId?: string | undefined;
};

/** Archived activities (or activities of archived initiatives): left out, included, or only those. */
export type ArchivedMode = "exclude" | "include" | "only";

const nothing = sql`0`;

function reach(column: typeof activityRisks.neighbourhoodId | typeof riskEvents.neighbourhoodId, within: string[] | null): SQL | undefined {
  if (within === null) return undefined;
  return within.length ? inArray(column, within) : nothing;
}

function archivedWhere(mode: ArchivedMode): SQL | undefined {
  if (mode === "include") return undefined;
  const archived = or(isNotNull(activities.archivedAt), isNotNull(initiatives.archivedAt));
  return mode === "only" ? archived : and(isNull(activities.archivedAt), isNull(initiatives.archivedAt));
}

const names = {
  activityName: sql<string>`${activities.name}`.as("rr_activity_name"),
  initiativeName: sql<string>`${initiatives.name}`.as("rr_initiative_name"),
};

function flagsOf(json: string, ctx: FlagContext, reader: RiskReader): PublicFlag[] {
  return (JSON.parse(json) as Flag[]).map((f) => publicFlag(f, ctx, reader.locale, { personNames: reader.personNames }));
}

function riskRecord(
  r: { risk: typeof activityRisks.$inferSelect; activityName: string; initiativeName: string },
  reader: RiskReader,
): ActivityRiskRecord {
  const ctx = {
    activityId: r.risk.activityId,
    activityName: r.activityName,
    initiativeId: r.risk.initiativeId,
    initiativeName: r.initiativeName,
  };
  return {
    ...ctx,
    neighbourhoodId: r.risk.neighbourhoodId,
    level: r.risk.level,
    levelSince: r.risk.levelSince,
    runwayMonths: r.risk.runwayMonths,
    judgedOn: r.risk.judgedOn,
    flags: flagsOf(r.risk.flags, ctx, reader),
  };
}

function riskSelect(db: Db) {
  return db
    .select({ risk: activityRisks, ...names })
    .from(activityRisks)
    .innerJoin(activities, eq(activities.id, activityRisks.activityId))
    .innerJoin(initiatives, eq(initiatives.id, activityRisks.initiativeId));
}

/**
 * The current judgement of the activities in reach that are not archived, in activity-id order
 * (ids never change): up to `limit + 1` after `afterActivityId`.
 */
export async function listActivityRisks(
  db: Db,
  reader: RiskReader,
  filter: RiskFilter & { level?: Severity | undefined },
  page: { limit: number; afterActivityId?: string | undefined },
): Promise<ActivityRiskRecord[]> {
  const rows = await riskSelect(db)
    .where(
      and(
        reach(activityRisks.neighbourhoodId, reader.within),
        filter.neighbourhoodId ? eq(activityRisks.neighbourhoodId, filter.neighbourhoodId) : undefined,
        filter.initiativeId ? eq(activityRisks.initiativeId, filter.initiativeId) : undefined,
        filter.activityId ? eq(activityRisks.activityId, filter.activityId) : undefined,
        filter.level ? eq(activityRisks.level, filter.level) : undefined,
        archivedWhere("exclude"),
        page.afterActivityId ? gt(activityRisks.activityId, page.afterActivityId) : undefined,
      ),
    )
    .orderBy(asc(activityRisks.activityId))
    .limit(page.limit + 1);
  return rows.map((r) => riskRecord(r, reader));
}

/**
 * One activity's current judgement (archived ones too: asked by id), or why not: the activity
 * does not exist or has not been judged ("missing"), or it lies outside the reader's reach.
 */
export async function getActivityRisk(
  db: Db,
  reader: RiskReader,
  activityId: string,
): Promise<{ ok: true; risk: ActivityRiskRecord } | { ok: false; reason: "missing" | "out_of_reach" }> {
  const rows = await riskSelect(db).where(eq(activityRisks.activityId, activityId));
  const row = rows[0];
  if (!row) return { ok: false, reason: "missing" };
  if (reader.within !== null && !reader.within.includes(row.risk.neighbourhoodId)) return { ok: false, reason: "out_of_reach" };
  return { ok: true, risk: riskRecord(row, reader) };
}

/** Where a page of the history starts: after this change (its day, the instant it was recorded, its id). */
export type RiskEventKey = { on: string; recordedAt: string; id: string };

/**
 * Every change of level or flags of the activities in reach, oldest first — by its day, then the
 * instant it was recorded, then its id — from `since` (a day) on: up to `limit + 1` after `after`.
 */
export async function listRiskEvents(
  db: Db,
  reader: RiskReader,
  filter: RiskFilter & { since?: string | undefined; archived: ArchivedMode },
  page: { limit: number; after?: RiskEventKey | undefined },
): Promise<RiskEventRecord[]> {
  const a = page.after;
  const keyset = a
    ? or(
        gt(riskEvents.on, a.on),
        and(eq(riskEvents.on, a.on), gt(riskEvents.createdAt, a.recordedAt)),
        and(eq(riskEvents.on, a.on), eq(riskEvents.createdAt, a.recordedAt), gt(riskEvents.id, a.id)),
      )
    : undefined;
  const rows = await db
    .select({ event: riskEvents, ...names })
    .from(riskEvents)
    .innerJoin(activities, eq(activities.id, riskEvents.activityId))
    .innerJoin(initiatives, eq(initiatives.id, riskEvents.initiativeId))
    .where(
      and(
        reach(riskEvents.neighbourhoodId, reader.within),
        filter.neighbourhoodId ? eq(riskEvents.neighbourhoodId, filter.neighbourhoodId) : undefined,
        filter.initiativeId ? eq(riskEvents.initiativeId, filter.initiativeId) : undefined,
        filter.activityId ? eq(riskEvents.activityId, filter.activityId) : undefined,
        filter.since ? gte(riskEvents.on, filter.since) : undefined,
        archivedWhere(filter.archived),
        keyset,
      ),
    )
    .orderBy(asc(riskEvents.on), asc(riskEvents.createdAt), asc(riskEvents.id))
    .limit(page.limit + 1);
  return rows.map(({ event: e, activityName, initiativeName }) => {
    const ctx = { activityId: e.activityId, activityName, initiativeId: e.initiativeId, initiativeName };
    return {
      id: e.id,
      ...ctx,
      neighbourhoodId: e.neighbourhoodId,
      on: e.on,
      fromLevel: e.fromLevel,
      toLevel: e.toLevel,
      flags: flagsOf(e.flags, ctx, reader),
      added: JSON.parse(e.added) as RiskRule[],
      resolved: JSON.parse(e.resolved) as RiskRule[],
      recordedAt: e.createdAt,
    };
  });
}
