// What an initiative's page needs first: each activity and what it leans on to continue.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, auditLog, facilities, initiativeCoordinators, initiatives, neighbourhoods, people, tasks } from "../../db/schema";
import { jsonList, readTogether } from "../../db/read-together";
import type { CurrentUser } from "../auth/access";
import { initiativeRiskFrom, initiativeRiskReads } from "../risk/read";
import { initiativeAssetsFrom, initiativeAssetsRead } from "../neighbourhoods/assets";
import { yearRingsFrom } from "./year-rings";
import { yearOf } from "../../lib/dates";
import { fundingReads, fundingSectionFrom, type FundingReadRows } from "../money/fundings";
import {
  commitmentAccessFrom,
  commitmentRowsRead,
  commitmentsSectionFrom,
  linkedOrgsRead,
  type CommitmentReadRow,
} from "../money/commitments";
import { taskReads, tasksSectionFrom } from "../tasks/tasks";
import { involvementRowsRead, isActiveOn, volunteersSectionFrom, type InvolvementReadRow } from "../people/involvements";
import { checkinRowsRead, checkinsSectionFrom } from "./checkins";
import { lastRemindersFrom, lastSentRemindersRead, type LastReminderInfo } from "../mail/reminders";
import { brokenAddressesRead } from "../mail/addresses";
import { attentionFrom } from "./attention";
import { binderFrom, binderRead } from "../documents/documents";

export type Dependencies = {
  activity: typeof activities.$inferSelect;
  money: { id: string; sourceName: string; kind: string; endsOn: string | null; status: string; renewalState: string }[];
  facility: { id: string; name: string; agreementEndsOn: string | null; renewalState: string } | null;
  people: { personId: string; name: string; role: string; critical: boolean; since: string }[];
  support: { id: string; partnerName: string; description: string; endsOn: string | null; renewalState: string }[];
};

/**
 * Everything the initiative page shows, in one statement: one read per entity (activities,
 * streams, involvements, commitments, tasks, check-ins, risk…), each section built from those rows.
 */
export async function loadInitiativePage(
  db: Db,
  initiative: typeof initiatives.$inferSelect,
  viewer: { user: CurrentUser | null; canEdit: boolean },
  today: string,
) {
  const id = initiative.id;
  const rows = await readTogether(db, {
    neighbourhood: db
      .select({ id: neighbourhoods.id, name: neighbourhoods.name })
      .from(neighbourhoods)
      .where(eq(neighbourhoods.id, initiative.neighbourhoodId)),
    coordinators: db
      .select({ id: people.id, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(eq(initiativeCoordinators.initiativeId, id))
      .orderBy(asc(people.name)),
    activities: db.select().from(activities).where(eq(activities.initiativeId, id)).orderBy(asc(activities.name)),
    facilities: db
      .select({
        id: facilities.id,
        name: facilities.name,
        agreementEndsOn: facilities.agreementEndsOn,
        renewalState: facilities.renewalState,
      })
      .from(facilities)
      .where(inArray(facilities.id, db.select({ id: activities.facilityId }).from(activities).where(eq(activities.initiativeId, id)))),
    ...fundingReads(db, id),
    involvements: involvementRowsRead(db, id),
    commitments: commitmentRowsRead(db, id),
    linkedOrgs: linkedOrgsRead(db, viewer.canEdit ? [] : (viewer.user?.partnerOrgIds ?? []), initiative.neighbourhoodId),
    ...taskReads(db, eq(tasks.initiativeId, id)),
    checkins: checkinRowsRead(db, id),
    assets: initiativeAssetsRead(db, id),
    ...initiativeRiskReads(db, id),
    documents: binderRead(db, { initiativeId: id }),
    ...(viewer.canEdit ? coordinatorReads(db, id, today) : {}),
  });

  const tasksSection = tasksSectionFrom(rows, today);
  const overview = overviewFrom(rows, initiative, today);
  const risk = initiativeRiskFrom(rows);
  const funding = fundingSectionFrom(rows, today);
  const currentRisks = overview.current.map((d) => risk.byActivity[d.activity.id]).filter((r) => r !== undefined);
  // The first money to stop: of the streams running now, the one with the earliest end date.
  const ending = funding.streams.filter((f) => f.running && f.endsOn !== null).sort((a, b) => a.endsOn!.localeCompare(b.endsOn!))[0];
  return {
    overview,
    risk,
    attention: attentionFrom(currentRisks, tasksSection.tasks, today),
    moneyEnding: ending ? { sourceName: ending.sourceName, endsOn: ending.endsOn! } : null,
    assets: initiativeAssetsFrom(initiative.neighbourhoodId, rows.assets, today),
    rings: yearRingsFrom(initiative, yearOf(today), {
      checkins: rows.checkins,
      intervals: rows.involvements.map((r) => ({ personId: r.personId, since: r.since, until: r.until })),
      fundings: rows.fundings,
    }),
    funding,
    commitments: commitmentsSectionFrom(rows.commitments, today),
    commitmentRights: commitmentAccessFrom(viewer.user, viewer.canEdit, rows.linkedOrgs),
    tasks: tasksSection,
    volunteers: volunteersSectionFrom(rows.involvements, today),
    checkins: checkinsSectionFrom(rows.checkins, today),
    reminders: rows.sentReminders ? lastRemindersFrom(rows.sentReminders, rows.taskEvents) : new Map<string, LastReminderInfo>(),
    brokenAddresses: rows.brokenAddresses ?? [],
    documents: binderFrom(rows.documents, { isAdmin: !!viewer.user?.isAdmin, canEdit: viewer.canEdit }).current,
  };
}

/** Only for those who may change the initiative: the last reminders of its open tasks and the addresses that bounce. */
function coordinatorReads(db: Db, initiativeId: string, today: string) {
  return {
    sentReminders: lastSentRemindersRead(
      db,
      db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.initiativeId, initiativeId), isNull(tasks.archivedAt))),
    ),
    brokenAddresses: brokenAddressesRead(db, jsonList([initiativeId]), today),
  };
}

/** Each activity with what it leans on: money, a place, people and support. */
function overviewFrom(
  rows: {
    activities: (typeof activities.$inferSelect)[];
    facilities: Dependencies["facility"][];
    involvements: InvolvementReadRow[];
    commitments: CommitmentReadRow[];
    coordinators: { id: string; name: string }[];
    neighbourhood: { id: string; name: string }[];
  } & FundingReadRows,
  initiative: { neighbourhoodId: string },
  today: string,
) {
  // Unarchived streams, the ones without an end date first (as SQLite orders NULL), then by end date.
  const streams = rows.fundings
    .filter((f) => !f.archivedAt)
    .sort((a, b) => (a.endsOn === b.endsOn ? 0 : a.endsOn === null ? -1 : b.endsOn === null ? 1 : a.endsOn < b.endsOn ? -1 : 1));
  const active = rows.involvements
    .filter((iv) => isActiveOn(iv, today))
    .sort((a, b) => Number(b.critical) - Number(a.critical) || (a.personName < b.personName ? -1 : a.personName > b.personName ? 1 : 0));
  const support = rows.commitments.filter((r) => !r.c.archivedAt && (r.c.endsOn === null || r.c.endsOn >= today));

  // People and support without an activity belong to the whole initiative, so to each activity.
  const dependencies: Dependencies[] = rows.activities.map((activity) => ({
    activity,
    money: streams
      .filter((s) => rows.fundingLinks.some((l) => l.fundingId === s.id && l.id === activity.id))
      .map((s) => ({ id: s.id, sourceName: s.sourceName, kind: s.kind, endsOn: s.endsOn, status: s.status, renewalState: s.renewalState })),
    facility: rows.facilities.find((f) => f?.id === activity.facilityId) ?? null,
    people: active
      .filter((p) => p.activityId === activity.id || p.activityId === null)
      .map((p) => ({ personId: p.personId, name: p.personName, role: p.role, critical: p.critical, since: p.since })),
    support: support
      .filter((r) => r.c.activityId === activity.id || r.c.activityId === null)
      .map((r) => ({
        id: r.c.id,
        partnerName: r.partnerName,
        description: r.c.description,
        endsOn: r.c.endsOn,
        renewalState: r.c.renewalState,
      })),
  }));
  return {
    current: dependencies.filter((d) => !d.activity.archivedAt),
    archived: dependencies.filter((d) => !!d.activity.archivedAt),
    coordinators: rows.coordinators,
    neighbourhood: rows.neighbourhood[0] ?? { id: initiative.neighbourhoodId, name: "" },
  };
}

/** What an entry is about, by name: the volunteer, the activity, the task, the source of money… (the
 * name as it is now; the change itself says what it was). */
const subjectOf = sql<string | null>`CASE ${auditLog.entity}
  WHEN 'involvement' THEN (SELECT p.name FROM involvements v JOIN people p ON p.id = v.person_id WHERE v.id = ${auditLog.entityId})
  WHEN 'person' THEN (SELECT p.name FROM people p WHERE p.id = ${auditLog.entityId})
  WHEN 'activity' THEN (SELECT a.name FROM activities a WHERE a.id = ${auditLog.entityId})
  WHEN 'task' THEN (SELECT t.title FROM tasks t WHERE t.id = ${auditLog.entityId})
  WHEN 'funding' THEN (SELECT coalesce(o.name, f.source_name) FROM funding_streams f LEFT JOIN partner_orgs o ON o.id = f.source_partner_id WHERE f.id = ${auditLog.entityId})
  WHEN 'commitment' THEN (SELECT c.description FROM commitments c WHERE c.id = ${auditLog.entityId})
  WHEN 'checkin' THEN (SELECT CAST(c.year AS TEXT) FROM checkins c WHERE c.id = ${auditLog.entityId})
  WHEN 'message' THEN (SELECT m.subject FROM volunteer_messages m WHERE m.id = ${auditLog.entityId})
  WHEN 'document' THEN (SELECT d.title FROM documents d WHERE d.id = ${auditLog.entityId})
  END`;

/** For a funding entry that names the stream it renews or succeeds: those streams by id (JSON), so the history can name them. */
const refsOf = sql<string | null>`CASE WHEN ${auditLog.entity} = 'funding' AND instr(${auditLog.changes}, '"replacesFundingId"') > 0 THEN
  (SELECT json_group_object(f.id, json_object('sourceName', f.source_name, 'amountCentsPerYear', f.amount_cents_per_year, 'endsOn', f.ends_on))
   FROM funding_streams f
   WHERE f.id IN (json_extract(${auditLog.changes}, '$.replacesFundingId'), json_extract(${auditLog.changes}, '$.replacesFundingId[0]'),
                  json_extract(${auditLog.changes}, '$.replacesFundingId[1]')))
  END`;

/** The audit trail of one initiative, newest first, with the actor's name and what each entry is about. */
export async function loadHistory(db: Db, initiativeId: string, limit = 200) {
  return db
    .select({
      at: auditLog.at,
      actorName: people.name,
      entity: auditLog.entity,
      action: auditLog.action,
      subject: subjectOf,
      changes: auditLog.changes,
      refs: refsOf,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(eq(auditLog.initiativeId, initiativeId))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
