// Erasure (AVG/GDPR art. 17): a person is anonymised everywhere, in one batch, and it is final.
//
// What happens, and why:
// - The person row stays (its id keeps the involvements' intervals, so the year-on-year figures do
//   not change) but loses name (→ "Verwijderde persoon"), email, phone, admin rights and mail
//   preferences, and is marked erased; erased people can never sign in.
// - Roles end: coordinator links, partner memberships and task assignments are removed.
// - Free text that names them (check-ins, notes, task titles and answers, assets, commitments,
//   initiatives, facilities, activity places) has their full name and email address replaced.
//   Their name is replaced only when it has at least 4 characters, so a short name does not
//   mangle ordinary words.
// - Assets where they are the contact (by email, or by exactly their name) lose the contact.
// - Notes and task answers they wrote keep their text (it is about the initiative, not about
//   them) but lose the author link, so nothing they wrote can be traced back to their intervals.
//   Other records they created or changed keep createdBy/updatedBy: those point at the
//   anonymised row and say nothing about who they were.
// - Sessions end, sign-in links are deleted, API tokens they made and their calendar addresses are revoked.
// - Where they were someone's reserve, that role has no reserve any more (and is judged again); a
//   handover note or a message to the volunteers that names them loses their name; messages they
//   sent lose the author link.
// - Emails in the outbox lose address, subject, body and person; delivery events lose the address.
// - The audit trail loses what it held about them (entries about the person, and any entry whose
//   changes contain their email or exactly their name); their name inside other recorded text is
//   replaced as in free text; and it records that an erasure happened.
// - Their offers go entirely (src/domain/offers/offer-data.ts): the asset, its kinds of help, the
//   asks made to them and what the audit trail kept of the offer.
// - Risk judgements quote names (an asset's, a task's title): the stored history loses them in the
//   batch, and the current judgements that mentioned them are made again right after it.
// - Documents about them (attached to their volunteering: a VOG, an agreement) are deleted: the
//   files from R2 first (deleting is safe to repeat, so a failed erasure can simply be run again),
//   then the rows in the batch, and the audit entries about those documents lose what they held.
//   Other documents' names and file names lose their name and email like all free text. Documents
//   they added stay (they are the initiative's), added by the anonymised person.
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import {
  activities,
  activityRisks,
  apiTokens,
  assets,
  auditLog,
  calendarFeeds,
  checkinNotes,
  checkins,
  commitments,
  documents,
  facilities,
  initiativeCoordinators,
  initiatives,
  involvements,
  loginTokens,
  mailEvents,
  outbox,
  partnerMembers,
  people,
  riskEvents,
  taskAssignees,
  taskEvents,
  tasks,
  volunteerMessages,
} from "../../db/schema";
import { nextVersion } from "../versioned-update";
import { audit } from "../audit";
import { endAllSessions } from "../auth/sign-in";
import { rejudgeAfterWrite } from "../risk/store";
import { offerErasure } from "../offers/offer-data";

export const ERASED_NAME = "Verwijderde persoon";
const ERASED_TEXT = "[verwijderd]";
/** Shorter names are not replaced inside free text (they would hit ordinary words). */
export const MIN_NAME_IN_TEXT = 4;

type Term = { find: string; replaceWith: string };

/** replace(replace(col, name, …), email, …) for every term. */
function scrubbed(column: SQLiteColumn, terms: Term[]): SQL {
  let expr: SQL = sql`${column}`;
  for (const t of terms) expr = sql`replace(${expr}, ${t.find}, ${t.replaceWith})`;
  return expr;
}

function mentions(columns: SQLiteColumn[], terms: Term[]): SQL {
  return or(...columns.flatMap((col) => terms.map((t) => sql`instr(${col}, ${t.find}) > 0`)))!;
}

/** R2 deletes at most 1,000 keys per call. */
const R2_DELETE_BATCH = 1000;

/**
 * Erases a person. Returns false (and writes nothing) when there is no such person or they were
 * erased already. Everything in D1 happens in one batch: either all of it or nothing. The files of
 * the documents about them are removed from `bucket` (R2) just before that batch.
 */
export async function erasePerson(db: Db, personId: string, actorId: string | null, now: Date, bucket: R2Bucket): Promise<boolean> {
  const person = await db.query.people.findFirst({ where: eq(people.id, personId) });
  if (!person || person.erasedAt) return false;
  const theirDocuments = await db
    .select({ id: documents.id, storageKey: documents.storageKey })
    .from(documents)
    .where(eq(documents.aboutPersonId, person.id));
  for (let i = 0; i < theirDocuments.length; i += R2_DELETE_BATCH)
    await bucket.delete(theirDocuments.slice(i, i + R2_DELETE_BATCH).map((d) => d.storageKey));
  const at = now.toISOString();
  const name = person.name.trim();
  const email = person.email?.trim().toLowerCase() ?? "";
  const terms: Term[] = [];
  if (name.length >= MIN_NAME_IN_TEXT) terms.push({ find: name, replaceWith: ERASED_NAME });
  if (email) terms.push({ find: email, replaceWith: ERASED_TEXT });

  const textStatements = [];
  if (terms.length > 0) {
    const bump = (table: { version: SQLiteColumn }) => ({ version: nextVersion(table), updatedAt: at });
    const ci = [checkins.wentWell, checkins.residentsOffer, checkins.neededFromPartners, checkins.nextYear, checkins.story];
    textStatements.push(
      db
        .update(checkins)
        .set({
          wentWell: scrubbed(checkins.wentWell, terms),
          residentsOffer: scrubbed(checkins.residentsOffer, terms),
          neededFromPartners: scrubbed(checkins.neededFromPartners, terms),
          nextYear: scrubbed(checkins.nextYear, terms),
          story: scrubbed(checkins.story, terms),
          ...bump(checkins),
        })
        .where(mentions(ci, terms)),
      db
        .update(checkinNotes)
        .set({ body: scrubbed(checkinNotes.body, terms) })
        .where(mentions([checkinNotes.body], terms)),
      db
        .update(taskEvents)
        .set({ note: scrubbed(taskEvents.note, terms) })
        .where(mentions([taskEvents.note], terms)),
      db
        .update(tasks)
        .set({ title: scrubbed(tasks.title, terms), why: scrubbed(tasks.why, terms), ...bump(tasks) })
        .where(mentions([tasks.title, tasks.why], terms)),
      db
        .update(assets)
        .set({ name: scrubbed(assets.name, terms), description: scrubbed(assets.description, terms), ...bump(assets) })
        .where(mentions([assets.name, assets.description], terms)),
      db
        .update(commitments)
        .set({ description: scrubbed(commitments.description, terms), ...bump(commitments) })
        .where(mentions([commitments.description], terms)),
      db
        .update(initiatives)
        .set({
          purpose: scrubbed(initiatives.purpose, terms),
          continuationNote: scrubbed(initiatives.continuationNote, terms),
          ...bump(initiatives),
        })
        .where(mentions([initiatives.purpose, initiatives.continuationNote], terms)),
      db
        .update(facilities)
        .set({ agreement: scrubbed(facilities.agreement, terms), ...bump(facilities) })
        .where(mentions([facilities.agreement], terms)),
      db
        .update(activities)
        .set({ place: scrubbed(activities.place, terms), ...bump(activities) })
        .where(mentions([activities.place], terms)),
      db
        .update(riskEvents)
        .set({ flags: scrubbed(riskEvents.flags, terms) })
        .where(mentions([riskEvents.flags], terms)),
      db
        .update(involvements)
        .set({ handoverNote: scrubbed(involvements.handoverNote, terms), ...bump(involvements) })
        .where(mentions([involvements.handoverNote], terms)),
      db
        .update(volunteerMessages)
        .set({ subject: scrubbed(volunteerMessages.subject, terms), body: scrubbed(volunteerMessages.body, terms) })
        .where(mentions([volunteerMessages.subject, volunteerMessages.body], terms)),
      // Mail to others that names them (a message they sent, a role they handed over) keeps its words, not their name.
      db
        .update(outbox)
        .set({ subject: scrubbed(outbox.subject, terms), payload: scrubbed(outbox.payload, terms) })
        .where(mentions([outbox.subject, outbox.payload], terms)),
      db
        .update(documents)
        .set({ title: scrubbed(documents.title, terms), fileName: scrubbed(documents.fileName, terms), ...bump(documents) })
        .where(mentions([documents.title, documents.fileName], terms)),
    );
  }
  // The initiatives where they are someone's reserve: without them the key-person flag changes.
  const reserveIn = await db
    .selectDistinct({ id: involvements.initiativeId })
    .from(involvements)
    .where(eq(involvements.reservePersonId, person.id));
  // The initiatives whose current judgement quotes them: judged again once the names are gone.
  const judgedAboutThem =
    terms.length > 0
      ? await db
          .selectDistinct({ id: activityRisks.initiativeId })
          .from(activityRisks)
          .where(mentions([activityRisks.flags], terms))
      : [];

  // Assets where they are the contact: by email in the contact info, or by exactly their name.
  const contactIsThem = or(
    email ? sql`instr(lower(${assets.contactInfo}), ${email}) > 0` : undefined,
    name ? sql`lower(trim(${assets.contactName})) = ${name.toLowerCase()}` : undefined,
  );
  // Audit entries about them, or whose recorded changes contain their email or exactly their name.
  const documentIds = db.select({ id: documents.id }).from(documents).where(eq(documents.aboutPersonId, person.id));
  const auditAboutThem = or(
    and(eq(auditLog.entity, "person"), eq(auditLog.entityId, person.id)),
    and(eq(auditLog.entity, "document"), inArray(auditLog.entityId, documentIds)),
    email ? sql`instr(lower(${auditLog.changes}), ${email}) > 0` : undefined,
    name.length >= 2 ? sql`instr(${auditLog.changes}, ${JSON.stringify(name)}) > 0` : undefined,
  );

  const offerStatements = await offerErasure(db, person.id);

  await db.batch([
    db
      .update(people)
      .set({
        name: ERASED_NAME,
        email: null,
        phone: null,
        isAdmin: false,
        digest: null,
        mailOptOuts: "[]",
        emailStatus: "ok",
        emailStatusAt: null,
        erasedAt: at,
        version: nextVersion(people),
        updatedAt: at,
        updatedBy: actorId,
      })
      .where(and(eq(people.id, person.id), isNull(people.erasedAt))),
    ...offerStatements.statements,
    db.delete(initiativeCoordinators).where(eq(initiativeCoordinators.personId, person.id)),
    db.delete(partnerMembers).where(eq(partnerMembers.personId, person.id)),
    db.delete(taskAssignees).where(eq(taskAssignees.personId, person.id)),
    db
      .update(involvements)
      .set({ reservePersonId: null, version: nextVersion(involvements), updatedAt: at })
      .where(eq(involvements.reservePersonId, person.id)),
    db
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeeds.personId, person.id), isNull(calendarFeeds.revokedAt))),
    db.update(volunteerMessages).set({ createdBy: null }).where(eq(volunteerMessages.createdBy, person.id)),
    db.update(checkinNotes).set({ createdBy: null }).where(eq(checkinNotes.createdBy, person.id)),
    db.update(taskEvents).set({ byPersonId: null }).where(eq(taskEvents.byPersonId, person.id)),
    ...textStatements,
    db
      .update(assets)
      .set({ contactName: null, contactInfo: null, contactConsentOn: null, version: nextVersion(assets), updatedAt: at })
      .where(contactIsThem ?? sql`0`),
    endAllSessions(db, person.id, now),
    db.delete(loginTokens).where(eq(loginTokens.personId, person.id)),
    db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.createdBy, person.id), isNull(apiTokens.revokedAt))),
    db
      .update(outbox)
      .set({ recipient: ERASED_TEXT, subject: ERASED_TEXT, bodyText: null, bodyHtml: null, payload: null, personId: null })
      .where(or(eq(outbox.personId, person.id), email ? eq(outbox.recipient, email) : undefined)),
    ...(email
      ? [
          db
            .update(mailEvents)
            .set({ recipient: null })
            .where(eq(sql`lower(${mailEvents.recipient})`, email)),
        ]
      : []),
    db
      .update(auditLog)
      .set({ changes: JSON.stringify({ erased: true }) })
      .where(auditAboutThem),
    // After the audit update above, which finds those documents' entries through these rows.
    db.delete(documents).where(eq(documents.aboutPersonId, person.id)),
    // What is left of the trail loses their name inside longer text too (a document's title, say).
    ...(terms.length > 0
      ? [
          db
            .update(auditLog)
            .set({ changes: scrubbed(auditLog.changes, terms) })
            .where(mentions([auditLog.changes], terms)),
        ]
      : []),
    audit(db, { actorId, entity: "person", entityId: person.id, action: "erase" }, now),
  ]);
  await rejudgeAfterWrite(
    db,
    { initiativeIds: [...new Set([...judgedAboutThem.map((r) => r.id), ...reserveIn.map((r) => r.id), ...offerStatements.initiativeIds])] },
    now,
  );
  return true;
}
