// Gathers what the risk rules need for a set of activities, in one batch of set queries
// (the number of queries does not grow with the number of activities).
import { and, asc, eq, gt, inArray, isNotNull, isNull, max, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import * as s from "../../db/schema";
import type { ActivityInput } from "./rules";
import { currentOccurrence, type ScheduleSpec } from "../tasks/schedule";

/** Which activities to judge: all, or those matching every filter given. */
export type RiskScope = {
  initiativeIds?: string[];
  activityIds?: string[];
  /** Activities that take place at one of these facilities. */
  facilityIds?: string[];
  /** Activities of the initiatives that lean on one of these assets. */
  assetIds?: string[];
  /** Activities of the initiatives with a commitment from one of these partners (judgements quote their names). */
  partnerIds?: string[];
  neighbourhoodId?: string;
  afterActivityId?: string;
  limit?: number;
};

/** A scope that names ids and names none selects nothing (never "everything"). */
export function isEmptyScope(scope: RiskScope): boolean {
  return [scope.initiativeIds, scope.activityIds, scope.facilityIds, scope.assetIds, scope.partnerIds].some(
    (ids) => ids !== undefined && ids.length === 0,
  );
}

function activityFilter(scope: RiskScope): SQL | undefined {
  const parts: SQL[] = [];
  // Id lists travel as one JSON parameter, however long (D1 allows 100 bound parameters per query).
  const ids = (xs: string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(xs)}))`;
  if (scope.initiativeIds) parts.push(inArray(s.activities.initiativeId, ids(scope.initiativeIds)));
  if (scope.activityIds) parts.push(inArray(s.activities.id, ids(scope.activityIds)));
  if (scope.facilityIds) parts.push(inArray(s.activities.facilityId, ids(scope.facilityIds)));
  if (scope.assetIds)
    parts.push(
      inArray(s.activities.initiativeId, sql`(SELECT initiative_id FROM asset_initiatives WHERE asset_id IN ${ids(scope.assetIds)})`),
    );
  if (scope.partnerIds)
    parts.push(
      inArray(s.activities.initiativeId, sql`(SELECT initiative_id FROM commitments WHERE partner_id IN ${ids(scope.partnerIds)})`),
    );
  if (scope.neighbourhoodId)
    parts.push(inArray(s.activities.initiativeId, sql`(SELECT id FROM initiatives WHERE neighbourhood_id = ${scope.neighbourhoodId})`));
  if (scope.afterActivityId) parts.push(gt(s.activities.id, scope.afterActivityId));
  return parts.length ? and(...parts) : undefined;
}

/**
 * One activity's inputs, or why they could not be gathered (a stored date that is not a date, in
 * one of its tasks for instance): the caller judges the others and reports this one.
 */
export type LoadedActivity = {
  activityId: string;
  initiativeId: string;
  neighbourhoodId: string;
  stored: typeof s.activityRisks.$inferSelect | null;
} & ({ input: ActivityInput; failure?: undefined } | { input?: undefined; failure: unknown });

/** Tasks' anchor dates come from their subject: a funding stream's end or report date, a facility's agreement end. */
export function anchorOf(
  task: { scheduleKind: string; relativeAnchor: string | null },
  subject: { fundingEndsOn?: string | null; fundingReportDueOn?: string | null; facilityEndsOn?: string | null },
) {
  if (task.scheduleKind !== "relative") return null;
  if (task.relativeAnchor === "funding_ends") return subject.fundingEndsOn ?? null;
  if (task.relativeAnchor === "funding_report_due") return subject.fundingReportDueOn ?? null;
  if (task.relativeAnchor === "facility_agreement_ends") return subject.facilityEndsOn ?? null;
  return null;
}

type Stream = typeof s.fundingStreams.$inferSelect;

/** The streams an activity depends on, and every stream that (in turn) renews or succeeds one of them. */
export function withSuccessors(direct: Stream[], successors: Stream[]): Stream[] {
  const out = new Map(direct.map((f) => [f.id, f]));
  for (let grew = true; grew;) {
    grew = false;
    for (const g of successors)
      if (!out.has(g.id) && g.replacesFundingId !== null && out.has(g.replacesFundingId)) {
        out.set(g.id, g);
        grew = true;
      }
  }
  return [...out.values()];
}

export async function loadRiskInputs(db: Db, scope: RiskScope, today: string): Promise<LoadedActivity[]> {
  const acts = db
    .select({ id: s.activities.id })
    .from(s.activities)
    .where(activityFilter(scope))
    .orderBy(asc(s.activities.id))
    .limit(scope.limit ?? 10_000);
  const inits = db.select({ id: s.activities.initiativeId }).from(s.activities).where(inArray(s.activities.id, acts));

  const [activityRows, streamRows, places, support, people, checkins, assets, tasks, events, stored] = await db.batch([
    // D1 returns columns by name: two columns called "id" or "name" in one select overwrite each
    // other, so the initiative's columns get their own names.
    db
      .select({
        activity: s.activities,
        initiative: {
          id: sql<string>`${s.initiatives.id}`.as("i_id"),
          neighbourhoodId: s.initiatives.neighbourhoodId,
          status: sql<typeof s.initiatives.$inferSelect.status>`${s.initiatives.status}`.as("i_status"),
          continuationPlan: s.initiatives.continuationPlan,
          plannedEndOn: s.initiatives.plannedEndOn,
          archivedAt: sql<string | null>`${s.initiatives.archivedAt}`.as("i_archived_at"),
        },
      })
      .from(s.activities)
      .innerJoin(s.initiatives, eq(s.initiatives.id, s.activities.initiativeId))
      .where(inArray(s.activities.id, acts))
      .orderBy(asc(s.activities.id)),
    // The streams the activities depend on, and (activity null) the streams that renew or succeed
    // another stream of the same initiatives: they carry on paying for what the stream they replace
    // paid for, whether or not their own activities were ticked. One statement: a slice of the daily
    // run stays within its statement budget.
    db
      .select({ activityId: sql<string | null>`${s.fundingActivities.activityId}`, stream: s.fundingStreams })
      .from(s.fundingActivities)
      .innerJoin(s.fundingStreams, eq(s.fundingStreams.id, s.fundingActivities.fundingId))
      .where(and(inArray(s.fundingActivities.activityId, acts), isNull(s.fundingStreams.archivedAt)))
      .unionAll(
        db
          .select({ activityId: sql<string | null>`NULL`, stream: s.fundingStreams })
          .from(s.fundingStreams)
          .where(
            and(
              inArray(s.fundingStreams.initiativeId, inits),
              isNotNull(s.fundingStreams.replacesFundingId),
              isNull(s.fundingStreams.archivedAt),
            ),
          ),
      ),
    db
      .select()
      .from(s.facilities)
      .where(inArray(s.facilities.id, db.select({ id: s.activities.facilityId }).from(s.activities).where(inArray(s.activities.id, acts)))),
    db
      .select({ commitment: s.commitments, partnerName: s.partnerOrgs.name })
      .from(s.commitments)
      .innerJoin(s.partnerOrgs, eq(s.partnerOrgs.id, s.commitments.partnerId))
      .where(and(inArray(s.commitments.initiativeId, inits), isNull(s.commitments.archivedAt))),
    db.select().from(s.involvements).where(inArray(s.involvements.initiativeId, inits)),
    db
      .select({ initiativeId: s.checkins.initiativeId, year: max(s.checkins.year), at: max(s.checkins.updatedAt) })
      .from(s.checkins)
      .where(inArray(s.checkins.initiativeId, inits))
      .groupBy(s.checkins.initiativeId),
    db
      .select({
        initiativeId: s.assetInitiatives.initiativeId,
        id: s.assets.id,
        name: s.assets.name,
        lastConfirmedOn: s.assets.lastConfirmedOn,
      })
      .from(s.assetInitiatives)
      .innerJoin(s.assets, eq(s.assets.id, s.assetInitiatives.assetId))
      .where(and(inArray(s.assetInitiatives.initiativeId, inits), isNull(s.assets.archivedAt))),
    db
      .select({
        task: s.tasks,
        fundingEndsOn: sql<string | null>`${s.fundingStreams.endsOn}`.as("f_ends_on"),
        fundingReportDueOn: s.fundingStreams.reportDueOn,
        facilityEndsOn: s.facilities.agreementEndsOn,
      })
      .from(s.tasks)
      .leftJoin(s.fundingStreams, and(eq(s.tasks.subjectType, "funding"), eq(s.fundingStreams.id, s.tasks.subjectId)))
      .leftJoin(s.facilities, and(eq(s.tasks.subjectType, "facility"), eq(s.facilities.id, s.tasks.subjectId)))
      .where(and(inArray(s.tasks.initiativeId, inits), isNull(s.tasks.archivedAt))),
    db
      .select()
      .from(s.taskEvents)
      .where(
        inArray(
          s.taskEvents.taskId,
          db
            .select({ id: s.tasks.id })
            .from(s.tasks)
            .where(and(inArray(s.tasks.initiativeId, inits), isNull(s.tasks.archivedAt))),
        ),
      ),
    db.select().from(s.activityRisks).where(inArray(s.activityRisks.activityId, acts)),
  ]);

  const streams = streamRows.filter((r): r is { activityId: string; stream: Stream } => r.activityId !== null);
  const successors = streamRows.filter((r) => r.activityId === null).map((r) => r.stream);

  // Overdue tasks, each with the activities it concerns. A task whose schedule cannot be read
  // (a corrupt stored date) is kept aside: the activities it concerns cannot be judged today.
  const unreadable: { task: typeof s.tasks.$inferSelect; failure: unknown }[] = [];
  const overdue = tasks.flatMap(({ task, ...subject }) => {
    const spec: ScheduleSpec = task;
    let occ: ReturnType<typeof currentOccurrence>;
    try {
      occ = currentOccurrence(
        spec,
        events.filter((e) => e.taskId === task.id),
        today,
        anchorOf(task, subject),
      );
    } catch (failure) {
      unreadable.push({ task, failure });
      return [];
    }
    if (!occ || occ.state !== "overdue" || (occ.snoozedUntil && occ.snoozedUntil > today)) return [];
    return [{ task, occ }];
  });
  const concerns = (t: typeof s.tasks.$inferSelect, activity: typeof s.activities.$inferSelect) =>
    t.initiativeId === activity.initiativeId &&
    (t.subjectType === "initiative" ||
      (t.subjectType === "activity" && t.subjectId === activity.id) ||
      (t.subjectType === "facility" && t.subjectId === activity.facilityId) ||
      (t.subjectType === "funding" && streams.some((f) => f.activityId === activity.id && f.stream.id === t.subjectId)));

  return activityRows.map(({ activity, initiative }): LoadedActivity => {
    const where = {
      activityId: activity.id,
      initiativeId: initiative.id,
      neighbourhoodId: initiative.neighbourhoodId,
      stored: stored.find((r) => r.activityId === activity.id) ?? null,
    };
    const broken = unreadable.find(({ task }) => concerns(task, activity));
    if (broken) {
      const why = broken.failure instanceof Error ? broken.failure.message : String(broken.failure);
      return { ...where, failure: new Error(`task ${broken.task.id} (${broken.task.title}): ${why}`) };
    }
    try {
      return { ...where, input: inputOf(activity, initiative) };
    } catch (failure) {
      return { ...where, failure };
    }
  });

  function inputOf(activity: (typeof activityRows)[number]["activity"], initiative: (typeof activityRows)[number]["initiative"]) {
    const facility = places.find((f) => f.id === activity.facilityId);
    const last = checkins.find((c) => c.initiativeId === initiative.id);
    const input: ActivityInput = {
      activity: {
        id: activity.id,
        name: activity.name,
        archived: !!activity.archivedAt || !!initiative.archivedAt,
        createdOn: activity.createdAt.slice(0, 10),
      },
      initiative: {
        id: initiative.id,
        status: initiative.status,
        continuationPlan: initiative.continuationPlan,
        plannedEndOn: initiative.plannedEndOn,
      },
      fundings: withSuccessors(
        streams.filter((f) => f.activityId === activity.id).map((f) => f.stream),
        successors,
      ).map((f) => ({
        id: f.id,
        sourceName: f.sourceName,
        sourceKey: f.sourcePartnerId ?? f.sourceName.trim().toLowerCase(),
        kind: f.kind,
        amountCentsPerYear: f.amountCentsPerYear,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        status: f.status,
        renewalState: f.renewalState,
        replacesId: f.replacesFundingId,
      })),
      facility:
        facility && !facility.archivedAt
          ? { id: facility.id, name: facility.name, agreementEndsOn: facility.agreementEndsOn, renewalState: facility.renewalState }
          : null,
      commitments: support
        .filter(({ commitment: c }) => c.initiativeId === initiative.id && (c.activityId === null || c.activityId === activity.id))
        .map(({ commitment: c, partnerName }) => ({
          id: c.id,
          partnerName,
          description: c.description,
          endsOn: c.endsOn,
          renewalState: c.renewalState,
        })),
      involvements: people
        .filter((p) => p.initiativeId === initiative.id && (p.activityId === null || p.activityId === activity.id))
        .map((p) => ({
          personId: p.personId,
          role: p.role,
          critical: p.critical,
          since: p.since,
          until: p.until,
          activityId: p.activityId,
          reservePersonId: p.reservePersonId,
        })),
      lastCheckinYear: last?.year ?? null,
      lastCheckinAt: last?.at ?? null,
      assets: assets
        .filter((a) => a.initiativeId === initiative.id)
        .map((a) => ({ id: a.id, name: a.name, lastConfirmedOn: a.lastConfirmedOn })),
      overdueTasks: overdue
        .filter(({ task }) => concerns(task, activity))
        .map(({ task, occ }) => ({ id: task.id, title: task.title, dueOn: occ.dueOn, overdueSince: occ.overdueAfter })),
    };
    return input;
  }
}
