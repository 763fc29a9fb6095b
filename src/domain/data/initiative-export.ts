// One initiative's own record, for its coordinators: everything that hangs under the initiative
// (activities, volunteers, money, commitments, check-ins, tasks, risks, its own audit trail), the
// places and organisations it refers to, and the people IN it — its volunteers and coordinators,
// with their contact details. Nobody else's: no other initiative's people, no asset contacts
// (they consented to the neighbourhood, not to this initiative), no neighbourhood-wide audit.
// Other people an initiative's rows mention (who made a change, an admin who answered a task)
// stay ids. One batch.
import { asc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import * as s from "../../db/schema";
import { EXPORT_FORMAT } from "./exports";
import { batchNamed, initiativeRecordReads, type InitiativeScope } from "./initiative-records";
import { documentManifestRead } from "../documents/document-export";

export async function exportInitiative(db: Db, initiativeId: string, now: Date) {
  const byInitiative: InitiativeScope = (t) => eq(t.initiativeId, initiativeId);
  // The people in this initiative: its volunteers and its coordinators.
  const memberIds = db
    .select({ id: s.involvements.personId })
    .from(s.involvements)
    .where(byInitiative(s.involvements))
    .union(
      db.select({ id: s.initiativeCoordinators.personId }).from(s.initiativeCoordinators).where(byInitiative(s.initiativeCoordinators)),
    );
  const activityIds = db.select({ id: s.activities.id }).from(s.activities).where(byInitiative(s.activities));

  const { initiative, ...rest } = await batchNamed(db, {
    initiative: db.select().from(s.initiatives).where(eq(s.initiatives.id, initiativeId)),
    coordinators: db.select().from(s.initiativeCoordinators).where(byInitiative(s.initiativeCoordinators)),
    people: db
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
    ...initiativeRecordReads(db, byInitiative),
    facilities: db
      .select()
      .from(s.facilities)
      .where(inArray(s.facilities.id, db.select({ id: s.activities.facilityId }).from(s.activities).where(byInitiative(s.activities))))
      .orderBy(asc(s.facilities.name)),
    partners: db
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
    // The assets it leans on, without their contact (consent was given to the neighbourhood's register).
    assets: db
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
    assetInitiatives: db.select().from(s.assetInitiatives).where(byInitiative(s.assetInitiatives)),
    activityRisks: db.select().from(s.activityRisks).where(inArray(s.activityRisks.activityId, activityIds)),
    auditLog: db.select().from(s.auditLog).where(eq(s.auditLog.initiativeId, initiativeId)).orderBy(asc(s.auditLog.at)),
    // Whom its coordinators asked to help (src/domain/offers/asks.ts): those asked stay ids unless they joined.
    helpAsks: db.select().from(s.helpAsks).where(byInitiative(s.helpAsks)).orderBy(asc(s.helpAsks.askedAt)),
    documents: documentManifestRead(db, eq(s.documents.initiativeId, initiativeId)),
  });
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), initiative: initiative[0] ?? null, ...rest };
}

export type InitiativeExport = Awaited<ReturnType<typeof exportInitiative>>;
