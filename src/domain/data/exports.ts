// The residents' data out: a neighbourhood's full record (all objects, history included; admins
// only) as JSON and as a zip of CSV files, and everything stored about one person as JSON. One
// batch each. One initiative's own record is in initiative-export.ts.
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import * as s from "../../db/schema";
import { toCsv, type CsvCell } from "../../lib/csv";
import { offersForNeighbourhoodExport, offersForPersonExport } from "../offers/offer-data";
import { documentManifestRead } from "../documents/document-export";
import { batchNamed, initiativeRecordReads, type InitiativeScope } from "./initiative-records";

export const EXPORT_FORMAT = "wijkonderhoud-export/1";

function initiativeIdsOf(db: Db, neighbourhoodId: string) {
  return db.select({ id: s.initiatives.id }).from(s.initiatives).where(eq(s.initiatives.neighbourhoodId, neighbourhoodId));
}

/** Everything that hangs under a neighbourhood, plus the people and partners it refers to. */
export async function exportNeighbourhood(db: Db, neighbourhoodId: string, now: Date) {
  const ids = initiativeIdsOf(db, neighbourhoodId);
  const inHood: InitiativeScope = (t) => inArray(t.initiativeId, ids);
  const taskIds = db.select({ id: s.tasks.id }).from(s.tasks).where(inHood(s.tasks));
  const assetIds = db.select({ id: s.assets.id }).from(s.assets).where(eq(s.assets.neighbourhoodId, neighbourhoodId));
  const personIds = db
    .select({ id: s.involvements.personId })
    .from(s.involvements)
    .where(inHood(s.involvements))
    .union(
      db
        .select({ id: s.initiativeCoordinators.personId })
        .from(s.initiativeCoordinators)
        .where(inArray(s.initiativeCoordinators.initiativeId, ids)),
    )
    .union(db.select({ id: s.taskAssignees.personId }).from(s.taskAssignees).where(inArray(s.taskAssignees.taskId, taskIds)))
    .union(db.select({ id: s.people.id }).from(s.people).where(eq(s.people.neighbourhoodId, neighbourhoodId)));
  const partnerIds = db
    .select({ id: s.partnerNeighbourhoods.partnerId })
    .from(s.partnerNeighbourhoods)
    .where(eq(s.partnerNeighbourhoods.neighbourhoodId, neighbourhoodId))
    .union(db.select({ id: s.commitments.partnerId }).from(s.commitments).where(inArray(s.commitments.initiativeId, ids)));

  const { neighbourhood, ...rest } = await batchNamed(db, {
    neighbourhood: db.select().from(s.neighbourhoods).where(eq(s.neighbourhoods.id, neighbourhoodId)),
    partners: db
      .select()
      .from(s.partnerOrgs)
      .where(
        or(
          inArray(s.partnerOrgs.id, partnerIds),
          inArray(
            s.partnerOrgs.id,
            db.select({ id: s.facilities.ownerPartnerId }).from(s.facilities).where(eq(s.facilities.neighbourhoodId, neighbourhoodId)),
          ),
        ),
      )
      .orderBy(asc(s.partnerOrgs.name)),
    partnerLinks: db.select().from(s.partnerNeighbourhoods).where(eq(s.partnerNeighbourhoods.neighbourhoodId, neighbourhoodId)),
    initiatives: db
      .select()
      .from(s.initiatives)
      .where(eq(s.initiatives.neighbourhoodId, neighbourhoodId))
      .orderBy(asc(s.initiatives.createdAt)),
    coordinators: db.select().from(s.initiativeCoordinators).where(inHood(s.initiativeCoordinators)),
    people: db
      .select({
        id: s.people.id,
        name: s.people.name,
        email: s.people.email,
        phone: s.people.phone,
        neighbourhoodId: s.people.neighbourhoodId,
        erasedAt: s.people.erasedAt,
      })
      .from(s.people)
      .where(inArray(s.people.id, personIds))
      .orderBy(asc(s.people.name)),
    ...initiativeRecordReads(db, inHood),
    facilities: db
      .select()
      .from(s.facilities)
      .where(eq(s.facilities.neighbourhoodId, neighbourhoodId))
      .orderBy(asc(s.facilities.createdAt)),
    assets: db.select().from(s.assets).where(eq(s.assets.neighbourhoodId, neighbourhoodId)).orderBy(asc(s.assets.createdAt)),
    assetInitiatives: db.select().from(s.assetInitiatives).where(inArray(s.assetInitiatives.assetId, assetIds)),
    activityRisks: db.select().from(s.activityRisks).where(eq(s.activityRisks.neighbourhoodId, neighbourhoodId)),
    auditLog: db
      .select()
      .from(s.auditLog)
      .where(or(eq(s.auditLog.neighbourhoodId, neighbourhoodId), inArray(s.auditLog.initiativeId, ids)))
      .orderBy(asc(s.auditLog.at)),
    documents: documentManifestRead(db, eq(s.documents.neighbourhoodId, neighbourhoodId)),
  });
  const offers = await offersForNeighbourhoodExport(db, neighbourhoodId);
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), neighbourhood: neighbourhood[0] ?? null, ...rest, ...offers };
}

export type NeighbourhoodExport = Awaited<ReturnType<typeof exportNeighbourhood>>;

function cell(v: unknown): CsvCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  return JSON.stringify(v);
}

/** Rows of objects → one CSV (Dutch Excel: BOM, ';'); the header is every key that occurs. */
export function rowsToCsv(rows: Record<string, unknown>[]): string {
  const header: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  return toCsv(
    header,
    rows.map((r) => header.map((k) => cell(r[k]))),
  );
}

/**
 * An export (a neighbourhood's or an initiative's) as a zip with one CSV per kind of object, and the
 * documents' files (`documentFiles`, by path: see src/domain/documents/document-export.ts), stored
 * without recompression.
 */
export async function exportZip(
  data: { format: string; exportedAt: string } & Record<string, unknown>,
  documentFiles: Record<string, Uint8Array> = {},
): Promise<Uint8Array> {
  const files: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) files[`${key}.csv`] = rowsToCsv(value as Record<string, unknown>[]);
    else if (value === null || typeof value === "object") files[`${key}.csv`] = rowsToCsv(value ? [value as Record<string, unknown>] : []);
  }
  files["README.txt"] =
    `Wijkonderhoud export (${data.format}), ${data.exportedAt}\r\n` +
    "One CSV file per kind of object; ids link them (e.g. involvements.initiativeId = initiatives.id).\r\n" +
    "Dates are YYYY-MM-DD, times ISO 8601 (UTC), money in whole cents. The CSV files use ';' and UTF-8 (Excel).\r\n" +
    "documents.csv lists every document; its column fileInZip says where the file is in this zip (folder documents/),\r\n" +
    "or is empty when the file was left out (the files in one export add up to at most 20 MB): download those from the binder.\r\n";
  const { zipFiles } = await import("../../lib/zip");
  return zipFiles(files, documentFiles);
}

/** Everything stored about one person (for that person, or an admin): one batch. */
export async function exportPerson(db: Db, personId: string, now: Date) {
  const [
    person,
    coordinatorOf,
    memberOf,
    involvements,
    assigned,
    answers,
    notes,
    sessions,
    loginLinks,
    tokens,
    emails,
    actions,
    aboutThem,
    reserveFor,
    calendarFeeds,
    messagesSent,
    documentsAboutThem,
    documentsAdded,
  ] = await db.batch([
    db.select().from(s.people).where(eq(s.people.id, personId)),
    db
      .select({ initiativeId: s.initiatives.id, initiativeName: s.initiatives.name })
      .from(s.initiativeCoordinators)
      .innerJoin(s.initiatives, eq(s.initiatives.id, s.initiativeCoordinators.initiativeId))
      .where(eq(s.initiativeCoordinators.personId, personId)),
    db
      .select({ partnerId: s.partnerOrgs.id, partnerName: s.partnerOrgs.name })
      .from(s.partnerMembers)
      .innerJoin(s.partnerOrgs, eq(s.partnerOrgs.id, s.partnerMembers.partnerId))
      .where(eq(s.partnerMembers.personId, personId)),
    db
      .select({
        involvement: s.involvements,
        initiativeName: sql<string>`${s.initiatives.name}`.as("x_initiative_name"),
        activityName: sql<string | null>`${s.activities.name}`.as("x_activity_name"),
      })
      .from(s.involvements)
      .innerJoin(s.initiatives, eq(s.initiatives.id, s.involvements.initiativeId))
      .leftJoin(s.activities, eq(s.activities.id, s.involvements.activityId))
      .where(eq(s.involvements.personId, personId))
      .orderBy(asc(s.involvements.since)),
    db
      .select({ taskId: s.tasks.id, title: s.tasks.title, initiativeId: s.tasks.initiativeId })
      .from(s.taskAssignees)
      .innerJoin(s.tasks, eq(s.tasks.id, s.taskAssignees.taskId))
      .where(eq(s.taskAssignees.personId, personId)),
    db.select().from(s.taskEvents).where(eq(s.taskEvents.byPersonId, personId)).orderBy(asc(s.taskEvents.createdAt)),
    db.select().from(s.checkinNotes).where(eq(s.checkinNotes.createdBy, personId)).orderBy(asc(s.checkinNotes.createdAt)),
    db
      .select({ createdAt: s.sessions.createdAt, expiresAt: s.sessions.expiresAt, revokedAt: s.sessions.revokedAt })
      .from(s.sessions)
      .where(eq(s.sessions.personId, personId))
      .orderBy(asc(s.sessions.createdAt)),
    db
      .select({
        purpose: s.loginTokens.purpose,
        createdAt: s.loginTokens.createdAt,
        expiresAt: s.loginTokens.expiresAt,
        usedAt: s.loginTokens.usedAt,
      })
      .from(s.loginTokens)
      .where(eq(s.loginTokens.personId, personId))
      .orderBy(asc(s.loginTokens.createdAt)),
    db
      .select({
        name: s.apiTokens.name,
        role: s.apiTokens.role,
        partnerId: s.apiTokens.partnerId,
        createdAt: s.apiTokens.createdAt,
        lastUsedAt: s.apiTokens.lastUsedAt,
        revokedAt: s.apiTokens.revokedAt,
      })
      .from(s.apiTokens)
      .where(eq(s.apiTokens.createdBy, personId)),
    db
      .select({
        kind: s.outbox.kind,
        recipient: s.outbox.recipient,
        subject: s.outbox.subject,
        status: s.outbox.status,
        createdAt: s.outbox.createdAt,
        sentAt: s.outbox.sentAt,
      })
      .from(s.outbox)
      .where(eq(s.outbox.personId, personId))
      .orderBy(asc(s.outbox.createdAt)),
    db.select().from(s.auditLog).where(eq(s.auditLog.actorId, personId)).orderBy(asc(s.auditLog.at)),
    db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, "person"), eq(s.auditLog.entityId, personId)))
      .orderBy(asc(s.auditLog.at)),
    // Roles they are named as the reserve for (the handover note is the initiative's, not theirs).
    db
      .select({
        involvementId: s.involvements.id,
        initiativeId: s.involvements.initiativeId,
        initiativeName: s.initiatives.name,
        role: s.involvements.role,
      })
      .from(s.involvements)
      .innerJoin(s.initiatives, eq(s.initiatives.id, s.involvements.initiativeId))
      .where(eq(s.involvements.reservePersonId, personId)),
    // Their calendar addresses: when made, last fetched and revoked (the secret itself is never stored).
    db
      .select({
        initiativeId: s.calendarFeeds.initiativeId,
        createdAt: s.calendarFeeds.createdAt,
        lastUsedOn: s.calendarFeeds.lastUsedOn,
        revokedAt: s.calendarFeeds.revokedAt,
      })
      .from(s.calendarFeeds)
      .where(eq(s.calendarFeeds.personId, personId))
      .orderBy(asc(s.calendarFeeds.createdAt)),
    db
      .select({
        initiativeId: s.volunteerMessages.initiativeId,
        subject: s.volunteerMessages.subject,
        body: s.volunteerMessages.body,
        createdAt: s.volunteerMessages.createdAt,
        recipients: s.volunteerMessages.recipients,
      })
      .from(s.volunteerMessages)
      .where(eq(s.volunteerMessages.createdBy, personId))
      .orderBy(asc(s.volunteerMessages.createdAt)),
    documentManifestRead(db, eq(s.documents.aboutPersonId, personId)),
    documentManifestRead(db, eq(s.documents.createdBy, personId)),
  ]);
  const row = person[0] ?? null;
  const email = row?.email ?? null;
  const assetContacts = email
    ? await db
        .select({
          id: s.assets.id,
          neighbourhoodId: s.assets.neighbourhoodId,
          name: s.assets.name,
          contactName: s.assets.contactName,
          contactInfo: s.assets.contactInfo,
          contactConsentOn: s.assets.contactConsentOn,
        })
        .from(s.assets)
        .where(sql`instr(lower(${s.assets.contactInfo}), ${email}) > 0`)
    : [];
  const offers = await offersForPersonExport(db, personId);
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    person: row ? { ...row, mailOptOuts: safeJson(row.mailOptOuts) } : null,
    coordinatorOf,
    partnerMemberships: memberOf,
    involvements: involvements.map((r) => ({ ...r.involvement, initiativeName: r.initiativeName, activityName: r.activityName })),
    taskAssignments: assigned,
    taskAnswers: answers,
    checkinNotes: notes,
    assetContacts,
    ...offers,
    sessions,
    signInLinks: loginLinks,
    apiTokens: tokens,
    emails,
    changesMade: actions.map((a) => ({ ...a, changes: safeJson(a.changes) })),
    recordAboutThem: aboutThem.map((a) => ({ ...a, changes: safeJson(a.changes) })),
    reserveFor,
    calendarFeeds,
    messagesSent,
    // The documents about them (a volunteer's papers) and those they added: what each is, not the file.
    documentsAboutThem,
    documentsAdded,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
