// What an initiative's page needs first: each activity and what it leans on to continue.
import { and, asc, desc, eq, gte, isNull, lte, or, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  activities,
  auditLog,
  commitments,
  facilities,
  fundingActivities,
  fundingStreams,
  initiativeCoordinators,
  initiatives,
  involvements,
  neighbourhoods,
  partnerOrgs,
  people,
} from "../db/schema";
import type { CurrentUser } from "./access";
import { loadInitiativeRisk } from "./risk-read";
import { loadAssetsForInitiative } from "./assets";
import { loadYearRings } from "./year-rings";
import { loadFundingSection } from "./fundings";
import { commitmentAccess, loadCommitmentsSection } from "./commitments";
import { loadTasksSection } from "./tasks";
import { loadVolunteersSection } from "./involvements";
import { loadCheckinsSection } from "./checkins";
import { lastRemindersForTasks } from "./reminders";
import { loadBrokenAddresses } from "./mail-addresses";

export type Dependencies = {
  activity: typeof activities.$inferSelect;
  money: { id: string; sourceName: string; kind: string; endsOn: string | null; status: string; renewalState: string }[];
  facility: { id: string; name: string; agreementEndsOn: string | null; renewalState: string } | null;
  people: { personId: string; name: string; role: string; critical: boolean; since: string }[];
  support: { id: string; partnerName: string; description: string; endsOn: string | null; renewalState: string }[];
};

/** One round trip: activities, streams, facilities, active people and commitments of the initiative. */
export async function loadInitiativeOverview(db: Db, initiative: { id: string; neighbourhoodId: string }, today: string) {
  const [acts, streams, places, active, support, coordinators, hood] = await db.batch([
    db.select().from(activities).where(eq(activities.initiativeId, initiative.id)).orderBy(asc(activities.name)),
    db
      .select({
        activityId: fundingActivities.activityId,
        id: fundingStreams.id,
        sourceName: fundingStreams.sourceName,
        kind: fundingStreams.kind,
        endsOn: fundingStreams.endsOn,
        status: fundingStreams.status,
        renewalState: fundingStreams.renewalState,
      })
      .from(fundingStreams)
      .innerJoin(fundingActivities, eq(fundingActivities.fundingId, fundingStreams.id))
      .where(and(eq(fundingStreams.initiativeId, initiative.id), isNull(fundingStreams.archivedAt)))
      .orderBy(asc(fundingStreams.endsOn)),
    db
      .select({ id: facilities.id, name: facilities.name, agreementEndsOn: facilities.agreementEndsOn, renewalState: facilities.renewalState })
      .from(facilities)
      .where(inArray(facilities.id, db.select({ id: activities.facilityId }).from(activities).where(eq(activities.initiativeId, initiative.id)))),
    db
      .select({
        personId: involvements.personId,
        activityId: involvements.activityId,
        name: people.name,
        role: involvements.role,
        critical: involvements.critical,
        since: involvements.since,
      })
      .from(involvements)
      .innerJoin(people, eq(people.id, involvements.personId))
      .where(
        and(
          eq(involvements.initiativeId, initiative.id),
          lte(involvements.since, today),
          or(isNull(involvements.until), gte(involvements.until, today)),
        ),
      )
      .orderBy(desc(involvements.critical), asc(people.name)),
    db
      .select({
        id: commitments.id,
        activityId: commitments.activityId,
        partnerName: partnerOrgs.name,
        description: commitments.description,
        endsOn: commitments.endsOn,
        renewalState: commitments.renewalState,
      })
      .from(commitments)
      .innerJoin(partnerOrgs, eq(partnerOrgs.id, commitments.partnerId))
      .where(and(eq(commitments.initiativeId, initiative.id), isNull(commitments.archivedAt), or(isNull(commitments.endsOn), gte(commitments.endsOn, today)))),
    db
      .select({ id: people.id, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(eq(initiativeCoordinators.initiativeId, initiative.id))
      .orderBy(asc(people.name)),
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, initiative.neighbourhoodId)),
  ]);

  // People and support without an activity belong to the whole initiative, so to each activity.
  const dependencies: Dependencies[] = acts.map((activity) => ({
    activity,
    money: streams.filter((s) => s.activityId === activity.id),
    facility: places.find((f) => f.id === activity.facilityId) ?? null,
    people: active.filter((p) => p.activityId === activity.id || p.activityId === null),
    support: support.filter((s) => s.activityId === activity.id || s.activityId === null),
  }));
  return {
    current: dependencies.filter((d) => !d.activity.archivedAt),
    archived: dependencies.filter((d) => !!d.activity.archivedAt),
    coordinators,
    neighbourhood: hood[0] ?? { id: initiative.neighbourhoodId, name: "" },
  };
}

/** Everything the initiative page shows, each area loading its own section. */
export async function loadInitiativePage(
  db: Db,
  initiative: typeof initiatives.$inferSelect,
  viewer: { user: CurrentUser | null; canEdit: boolean },
  today: string,
) {
  const [overview, risk, assets, rings, funding, commitments, commitmentRights, tasks, volunteers, checkins] = await Promise.all([
    loadInitiativeOverview(db, initiative, today),
    loadInitiativeRisk(db, initiative.id),
    loadAssetsForInitiative(db, initiative.id, today),
    loadYearRings(db, initiative, Number(today.slice(0, 4))),
    loadFundingSection(db, initiative.id, today),
    loadCommitmentsSection(db, initiative.id, today),
    commitmentAccess(db, viewer.user, initiative, viewer.canEdit),
    loadTasksSection(db, initiative.id, today),
    loadVolunteersSection(db, initiative.id, today),
    loadCheckinsSection(db, initiative.id, today),
  ]);
  // Second round, for coordinators: reminders of these tasks and addresses that bounce.
  const [reminders, brokenAddresses] = viewer.canEdit
    ? await Promise.all([lastRemindersForTasks(db, tasks.tasks.map((task) => task.id)), loadBrokenAddresses(db, [initiative.id], today)])
    : [new Map(), []];
  return { overview, risk, assets, rings, funding, commitments, commitmentRights, tasks, volunteers, checkins, reminders, brokenAddresses };
}

/** The audit trail of one initiative, newest first, with the actor's name. */
export async function loadHistory(db: Db, initiativeId: string, limit = 200) {
  return db
    .select({ at: auditLog.at, actorName: people.name, entity: auditLog.entity, action: auditLog.action, changes: auditLog.changes })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(eq(auditLog.initiativeId, initiativeId))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
