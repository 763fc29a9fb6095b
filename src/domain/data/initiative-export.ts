// One initiative's own record, for its coordinators: everything that hangs under the initiative
// (activities, volunteers, money, commitments, check-ins, tasks, risks, its own audit trail), the
// places and organisations it refers to, and the people IN it — its volunteers and coordinators,
// with their contact details. Nobody else's: no other initiative's people, no asset contacts
// (they consented to the neighbourhood, not to this initiative), no neighbourhood-wide audit.
// Other people an initiative's rows mention (who made a change, an admin who answered a task)
// stay ids. One batch.
import { asc, eq, inArray, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import * as s from "../../db/schema";
import { EXPORT_FORMAT } from "./exports";
import { documentManifestRead } from "../documents/document-export";

export async function exportInitiative(db: Db, initiativeId: string, now: Date) {
  const byInitiative = (t: { initiativeId: SQLiteColumn }) => eq(t.initiativeId, initiativeId);
  const activityIds = db.select({ id: s.activities.id }).from(s.activities).where(byInitiative(s.activities));
  const taskIds = db.select({ id: s.tasks.id }).from(s.tasks).where(byInitiative(s.tasks));
  const fundingIds = db.select({ id: s.fundingStreams.id }).from(s.fundingStreams).where(byInitiative(s.fundingStreams));
  const checkinIds = db.select({ id: s.checkins.id }).from(s.checkins).where(byInitiative(s.checkins));
  // The people in this initiative: its volunteers and its coordinators.
  const memberIds = db
    .select({ id: s.involvements.personId })
    .from(s.involvements)
    .where(byInitiative(s.involvements))
    .union(
      db.select({ id: s.initiativeCoordinators.personId }).from(s.initiativeCoordinators).where(byInitiative(s.initiativeCoordinators)),
    );

  const [
    initiative,
    coordinators,
    people,
    activities,
    involvements,
    facilities,
    partners,
    fundingStreams,
    fundingActivities,
    commitments,
    checkins,
    checkinNotes,
    assets,
    assetInitiatives,
    tasks,
    taskAssignees,
    taskEvents,
    activityRisks,
    riskEvents,
    auditLog,
    volunteerMessages,
    documents,
  ] = await db.batch([
    db.select().from(s.initiatives).where(eq(s.initiatives.id, initiativeId)),
    db.select().from(s.initiativeCoordinators).where(byInitiative(s.initiativeCoordinators)),
    db
      .select({
        id: s.people.id,
        name: s.people.name,
        email: s.people.email,
        phone: s.people.phone,
        locale: s.people.locale,
        erasedAt: s.people.erasedAt,
      })
      .from(s.people)
      .where(inArray(s.people.id, memberIds))
      .orderBy(asc(s.people.name)),
    db.select().from(s.activities).where(byInitiative(s.activities)).orderBy(asc(s.activities.createdAt)),
    db.select().from(s.involvements).where(byInitiative(s.involvements)).orderBy(asc(s.involvements.since)),
    db
      .select()
      .from(s.facilities)
      .where(inArray(s.facilities.id, db.select({ id: s.activities.facilityId }).from(s.activities).where(byInitiative(s.activities))))
      .orderBy(asc(s.facilities.name)),
    db
      .select({ id: s.partnerOrgs.id, name: s.partnerOrgs.name, kind: s.partnerOrgs.kind })
      .from(s.partnerOrgs)
      .where(
        or(
          inArray(s.partnerOrgs.id, db.select({ id: s.commitments.partnerId }).from(s.commitments).where(byInitiative(s.commitments))),
          inArray(
            s.partnerOrgs.id,
            db.select({ id: s.fundingStreams.sourcePartnerId }).from(s.fundingStreams).where(byInitiative(s.fundingStreams)),
          ),
        ),
      )
      .orderBy(asc(s.partnerOrgs.name)),
    db.select().from(s.fundingStreams).where(byInitiative(s.fundingStreams)).orderBy(asc(s.fundingStreams.startsOn)),
    db.select().from(s.fundingActivities).where(inArray(s.fundingActivities.fundingId, fundingIds)),
    db.select().from(s.commitments).where(byInitiative(s.commitments)).orderBy(asc(s.commitments.startsOn)),
    db.select().from(s.checkins).where(byInitiative(s.checkins)).orderBy(asc(s.checkins.year)),
    db.select().from(s.checkinNotes).where(inArray(s.checkinNotes.checkinId, checkinIds)).orderBy(asc(s.checkinNotes.createdAt)),
    // The assets it leans on, without their contact (consent was given to the neighbourhood's register).
    db
      .select({
        id: s.assets.id,
        category: s.assets.category,
        name: s.assets.name,
        description: s.assets.description,
        lastConfirmedOn: s.assets.lastConfirmedOn,
        archivedAt: s.assets.archivedAt,
      })
      .from(s.assets)
      .where(
        inArray(
          s.assets.id,
          db.select({ id: s.assetInitiatives.assetId }).from(s.assetInitiatives).where(byInitiative(s.assetInitiatives)),
        ),
      )
      .orderBy(asc(s.assets.name)),
    db.select().from(s.assetInitiatives).where(byInitiative(s.assetInitiatives)),
    db.select().from(s.tasks).where(byInitiative(s.tasks)).orderBy(asc(s.tasks.createdAt)),
    db.select().from(s.taskAssignees).where(inArray(s.taskAssignees.taskId, taskIds)),
    db.select().from(s.taskEvents).where(inArray(s.taskEvents.taskId, taskIds)).orderBy(asc(s.taskEvents.createdAt)),
    db.select().from(s.activityRisks).where(inArray(s.activityRisks.activityId, activityIds)),
    db
      .select()
      .from(s.riskEvents)
      .where(inArray(s.riskEvents.activityId, activityIds))
      .orderBy(asc(s.riskEvents.on), asc(s.riskEvents.createdAt)),
    db.select().from(s.auditLog).where(eq(s.auditLog.initiativeId, initiativeId)).orderBy(asc(s.auditLog.at)),
    db.select().from(s.volunteerMessages).where(byInitiative(s.volunteerMessages)).orderBy(asc(s.volunteerMessages.createdAt)),
    documentManifestRead(db, eq(s.documents.initiativeId, initiativeId)),
  ]);
  // Whom its coordinators asked to help (src/domain/offers/asks.ts): those asked stay ids unless they joined.
  const helpAsks = await db.select().from(s.helpAsks).where(byInitiative(s.helpAsks)).orderBy(asc(s.helpAsks.askedAt));
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    initiative: initiative[0] ?? null,
    coordinators,
    people,
    activities,
    involvements,
    facilities,
    partners,
    fundingStreams,
    fundingActivities,
    commitments,
    checkins,
    checkinNotes,
    assets,
    assetInitiatives,
    tasks,
    taskAssignees,
    taskEvents,
    activityRisks,
    riskEvents,
    auditLog,
    volunteerMessages,
    helpAsks,
    documents,
  };
}

export type InitiativeExport = Awaited<ReturnType<typeof exportInitiative>>;
