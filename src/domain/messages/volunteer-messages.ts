// A coordinator's short message to everyone active in an initiative (or in one of its activities).
// It goes through the outbox like every mail: one message per volunteer, claimed in the same batch
// as the message's own record, sent by the next daily run (or in the weekly digest of those who
// chose one), never to an address that bounced or complained or to someone who opted out of
// messages. The record keeps how many it went to and who was skipped and why (by person, so an
// erasure leaves no name behind), and the initiative's history lists it. A few per initiative per
// day: the limit is checked inside the batch, so two coordinators pressing "send" at once cannot
// pass it together.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { all, batch } from "../../db/raw-sql";
import { activities, staleGuard, volunteerMessages, type Locale } from "../../db/schema";
import { isStaleGuardError } from "../../db/versioned";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { FieldErrors } from "../../lib/validation";
import { translator, type Translate } from "../../i18n";
import { audit } from "../audit";
import { claimStatements, type Claim } from "../mail/outbox";
import { PERSON_COLUMNS, digestMode, mailable, releaseAt, type MailPerson } from "../mail/recipients";

export const MESSAGE_SUBJECT_MAX = 120;
export const MESSAGE_BODY_MAX = 2000;
/** Messages per initiative per day (Europe/Amsterdam): enough to correct a mistake, too few to flood anyone. */
export const MESSAGES_PER_DAY = 3;

const messageFields = {
  activityId: f.optionalId("messages.activity"),
  subject: f.requiredText("messages.subject", MESSAGE_SUBJECT_MAX),
  body: f.requiredText("messages.body", MESSAGE_BODY_MAX),
};

/** A message to the volunteers: the form, the API's body and the history's field names. */
export const volunteerMessageContract = defineContract({ name: "VolunteerMessage", fields: messageFields });
export type VolunteerMessageInput = Values<typeof messageFields>;
export type VolunteerMessageFormValues = FormValues<typeof messageFields>;

export type SkipReason = "no_address" | "address_broken" | "opted_out";
export type MessagePayload = {
  messageId: string;
  initiativeId: string;
  initiativeName: string;
  activityName: string | null;
  fromName: string | null;
  subject: string;
  body: string;
};

/** The subject line: the coordinator's own words, with the initiative's name so it is recognised. */
export function messageSubject(p: Pick<MessagePayload, "subject" | "initiativeName">, t: Translate): string {
  return t("mail.message.subject", { subject: p.subject, initiative: p.initiativeName });
}

/** Too many messages today: the limit, for the page and the API to say so. */
export class MessageLimitError extends Error {
  constructor() {
    super(`at most ${MESSAGES_PER_DAY} messages per initiative per day`);
  }
}

type Initiative = { id: string; neighbourhoodId: string; name: string };

/** The activities a message can be limited to: the initiative's own, not archived. */
export async function messageActivityOptions(db: Db, initiativeId: string) {
  return db
    .select({ id: activities.id, name: activities.name })
    .from(activities)
    .where(and(eq(activities.initiativeId, initiativeId), isNull(activities.archivedAt)))
    .orderBy(asc(activities.name));
}

export function checkMessageLinks(options: { id: string }[], input: { activityId: string | null }): FieldErrors {
  return input.activityId && !options.some((a) => a.id === input.activityId) ? { activityId: "form.unknownOption" } : {};
}

/**
 * Everyone active today in the initiative — for an activity: its own volunteers and those of the
 * whole initiative (as the risk rules count them) —, each once, by name. Erased people are not
 * anyone any more.
 */
export async function messageAudience(db: Db, initiativeId: string, activityId: string | null, today: string): Promise<MailPerson[]> {
  return all<MailPerson>(
    db,
    sql`SELECT ${PERSON_COLUMNS} FROM people p
      WHERE p.erased_at IS NULL AND p.id IN (
        SELECT v.person_id FROM involvements v
        WHERE v.initiative_id = ${initiativeId} AND v.since <= ${today} AND (v.until IS NULL OR v.until >= ${today})
          AND ${activityId === null ? sql`1` : sql`(v.activity_id IS NULL OR v.activity_id = ${activityId})`})
      ORDER BY p.name, p.id`,
  );
}

function skipReason(p: MailPerson): SkipReason | null {
  if (mailable(p, "messages")) return null;
  if (!p.email) return "no_address";
  return p.emailStatus !== "ok" ? "address_broken" : "opted_out";
}

/** Who a message would reach and who it would skip (the form shows it before sending). */
export function splitAudience(audience: MailPerson[]) {
  const to: (MailPerson & { email: string })[] = [];
  const skipped: { personId: string; name: string; reason: SkipReason }[] = [];
  for (const p of audience) {
    const reason = skipReason(p);
    if (reason === null) to.push(p as MailPerson & { email: string });
    else skipped.push({ personId: p.personId, name: p.name, reason });
  }
  return { to, skipped };
}

export async function messagesSentOn(db: Db, initiativeId: string, today: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(volunteerMessages)
    .where(and(eq(volunteerMessages.initiativeId, initiativeId), eq(volunteerMessages.sentOn, today)));
  return row?.n ?? 0;
}

export type SentMessage = { id: string; recipients: number; skipped: { personId: string; name: string; reason: SkipReason }[] };

/**
 * Sends the message: its record, one outbox message per person it reaches, and the history entry,
 * in one batch. Throws MessageLimitError (writing nothing) when the initiative sent
 * MESSAGES_PER_DAY messages today already.
 */
export async function sendVolunteerMessage(
  db: Db,
  initiative: Initiative,
  input: VolunteerMessageInput,
  sender: { id: string | null; name: string | null },
  today: string,
  now: Date,
): Promise<SentMessage> {
  if ((await messagesSentOn(db, initiative.id, today)) >= MESSAGES_PER_DAY) throw new MessageLimitError();
  const [activityRow] = input.activityId
    ? await db.select({ name: activities.name }).from(activities).where(eq(activities.id, input.activityId))
    : [];
  const { to, skipped } = splitAudience(await messageAudience(db, initiative.id, input.activityId, today));
  const id = crypto.randomUUID();
  const payload: MessagePayload = {
    messageId: id,
    initiativeId: initiative.id,
    initiativeName: initiative.name,
    activityName: activityRow?.name ?? null,
    fromName: sender.name,
    subject: input.subject,
    body: input.body,
  };
  const claims: Claim[] = to.map((p) => ({
    key: `message:${id}:${p.personId}`,
    kind: "message",
    personId: p.personId,
    to: p.email,
    locale: p.locale,
    subject: messageSubject(payload, translator(p.locale as Locale)),
    subjectType: "message",
    subjectId: id,
    payload,
    releaseAt: releaseAt(digestMode(p), today, now),
  }));
  const statements: SQL[] = [
    // The limit, inside the batch: a row in stale_guard fails its CHECK and D1 rolls everything back.
    db
      .insert(staleGuard)
      .select(
        db
          .select({ stale: sql<number>`1`.as("stale") })
          .from(sql`(SELECT 1)`)
          .where(
            sql`(SELECT count(*) FROM volunteer_messages WHERE initiative_id = ${initiative.id} AND sent_on = ${today}) >= ${MESSAGES_PER_DAY}`,
          ),
      )
      .getSQL(),
    db
      .insert(volunteerMessages)
      .values({
        id,
        initiativeId: initiative.id,
        activityId: input.activityId,
        subject: input.subject,
        body: input.body,
        sentOn: today,
        createdAt: now.toISOString(),
        createdBy: sender.id,
        recipients: to.length,
        skipped: JSON.stringify(skipped.map(({ personId, reason }) => ({ personId, reason }))),
      })
      .getSQL(),
    ...claimStatements(claims, now),
    audit(
      db,
      {
        actorId: sender.id,
        entity: "message",
        entityId: id,
        action: "send",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: {
          subject: input.subject,
          ...(activityRow ? { activity: activityRow.name } : {}),
          recipients: to.length,
          skippedCount: skipped.length,
        },
      },
      now,
    ).getSQL(),
  ];
  try {
    await batch(db, statements);
  } catch (err) {
    if (isStaleGuardError(err)) throw new MessageLimitError();
    throw err;
  }
  return { id, recipients: to.length, skipped };
}

export type MessageListItem = {
  id: string;
  subject: string;
  body: string;
  activityName: string | null;
  sentOn: string;
  createdAt: string;
  senderName: string | null;
  recipients: number;
  skipped: { personId: string; name: string; erased: boolean; reason: SkipReason }[];
  /** Of the mail it made: how many went out, and how many still wait (for the next run or a digest). */
  sent: number;
  waiting: number;
};

function parseSkipped(json: string): { personId: string; reason: SkipReason }[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as { personId: string; reason: SkipReason }[]).filter((x) => typeof x?.personId === "string") : [];
  } catch {
    return [];
  }
}

/** The initiative's messages, newest first, with who they skipped (by their names now) and how far their mail got. */
export async function listVolunteerMessages(db: Db, initiativeId: string, limit = 20): Promise<MessageListItem[]> {
  // The subqueries name the outer table outright: in a select without joins drizzle writes a column
  // without its table, which inside a subquery would mean the subquery's own table.
  const rows = await db
    .select({
      m: volunteerMessages,
      activityName: sql<string | null>`(SELECT a.name FROM activities a WHERE a.id = volunteer_messages.activity_id)`.as("m_activity"),
      senderName: sql<string | null>`(SELECT p.name FROM people p WHERE p.id = volunteer_messages.created_by)`.as("m_sender"),
      sent: sql<number>`(SELECT count(*) FROM outbox o WHERE o.subject_type = 'message' AND o.subject_id = volunteer_messages.id AND o.status IN ('sent', 'recorded'))`.as(
        "m_sent",
      ),
      waiting:
        sql<number>`(SELECT count(*) FROM outbox o WHERE o.subject_type = 'message' AND o.subject_id = volunteer_messages.id AND o.status IN ('queued', 'failed'))`.as(
          "m_waiting",
        ),
    })
    .from(volunteerMessages)
    .where(eq(volunteerMessages.initiativeId, initiativeId))
    .orderBy(desc(volunteerMessages.createdAt), desc(volunteerMessages.id))
    .limit(limit);
  const ids = [...new Set(rows.flatMap((r) => parseSkipped(r.m.skipped).map((s) => s.personId)))];
  const names = ids.length
    ? await all<{ id: string; name: string; erased: number }>(
        db,
        sql`SELECT id AS "id", name AS "name", erased_at IS NOT NULL AS "erased" FROM people WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      )
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return rows.map(({ m, activityName, senderName, sent, waiting }) => ({
    id: m.id,
    subject: m.subject,
    body: m.body,
    activityName,
    sentOn: m.sentOn,
    createdAt: m.createdAt,
    senderName,
    recipients: m.recipients,
    skipped: parseSkipped(m.skipped).map((s) => ({
      personId: s.personId,
      name: byId.get(s.personId)?.name ?? "",
      erased: !!byId.get(s.personId)?.erased,
      reason: s.reason,
    })),
    sent,
    waiting,
  }));
}
