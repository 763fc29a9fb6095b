// The outbox as a queue. Every reminder, alert, invitation and digest is first CLAIMED: a row with
// its stable message key (kind, subject, occurrence, recipient), inserted only if the key is new
// (unique index), so a second run or a retried step claims nothing twice. The send phase then takes
// the ready rows of up to N recipients, makes ONE email per recipient out of them, and marks them
// sent (or recorded locally, or failed with a next attempt, or given up after MAX_SEND_RUNS runs).
// Every statement here is set-based: lists travel as one JSON parameter (json_each).
import { and, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { all, batch, changes } from "../../db/raw-sql";
import type { Db } from "../../db/client";
import { outbox, OUTBOX_STATUSES, type Locale } from "../../db/schema";
import type { MailCategory } from "./tokens";

/**
 * Kinds that the daily run bundles and sends; sign-in and invitation mails are sent on the spot.
 * A handover (a critical role ends: the reserve is told) and a coordinator's message to the
 * volunteers are claimed by the write that makes them and go out with the next run like the rest.
 */
export const BUNDLE_KINDS = ["digest", "alert", "escalation", "reminder", "checkin", "handover", "message"] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];
export const CATEGORY_OF: Record<BundleKind, MailCategory> = {
  digest: "digests",
  alert: "alerts",
  escalation: "reminders",
  reminder: "reminders",
  checkin: "checkins",
  // The tasks someone takes over: the reminders they will get from now on.
  handover: "reminders",
  message: "messages",
};
/**
 * A message is tried on at most this many daily runs (about a working week of provider outage);
 * then it is given up, and admins see it in the outbox. The platform's retries of a send step
 * within one run count as ONE attempt: `attempts` counts runs, not requests.
 */
export const MAX_SEND_RUNS = 5;

/** What a domain planner wants to send: everything but the subject line, which the mail layer words. */
export type Draft = {
  key: string;
  kind: BundleKind;
  personId: string;
  to: string;
  locale: Locale;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
  /** ISO instant from which it may go out (now, or the person's next digest day). */
  releaseAt: string;
};
export type Claim = Draft & { subject: string };

/**
 * One claim as a statement for a write's own batch (a handover, a message to the volunteers): the
 * mail is claimed together with the change it belongs to, or not at all. A key claimed before is left alone.
 */
export function claimRow(db: Db, c: Claim, now: Date) {
  return db
    .insert(outbox)
    .values({
      id: crypto.randomUUID(),
      messageKey: c.key,
      kind: c.kind,
      personId: c.personId,
      recipient: c.to,
      locale: c.locale,
      subject: c.subject,
      status: "queued",
      attempts: 0,
      createdAt: now.toISOString(),
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      payload: JSON.stringify(c.payload),
      nextAttemptAt: c.releaseAt,
    })
    .onConflictDoNothing({ target: outbox.messageKey });
}

const CLAIM_ROWS_PER_STATEMENT = 200;

/** Claims the messages whose keys are new; returns how many were new. One statement per 200 claims. */
export async function claimAll(db: Db, claims: Claim[], now: Date): Promise<number> {
  if (claims.length === 0) return 0;
  return changes(await batch(db, claimStatements(claims, now)));
}

/** The statements that claim these messages (one per 200), for a batch of one's own. */
export function claimStatements(claims: Claim[], now: Date): SQL[] {
  const at = now.toISOString();
  const statements: SQL[] = [];
  for (let i = 0; i < claims.length; i += CLAIM_ROWS_PER_STATEMENT) {
    const rows = claims.slice(i, i + CLAIM_ROWS_PER_STATEMENT).map((c) => ({
      id: crypto.randomUUID(),
      key: c.key,
      kind: c.kind,
      personId: c.personId,
      to: c.to,
      locale: c.locale,
      subject: c.subject,
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      payload: JSON.stringify(c.payload),
      releaseAt: c.releaseAt,
    }));
    statements.push(
      sql`
        INSERT INTO outbox (id, message_key, kind, person_id, recipient, locale, subject, status, attempts, created_at, subject_type, subject_id, payload, next_attempt_at)
        SELECT json_extract(value, '$.id'), json_extract(value, '$.key'), json_extract(value, '$.kind'), json_extract(value, '$.personId'),
               json_extract(value, '$.to'), json_extract(value, '$.locale'), json_extract(value, '$.subject'), 'queued', 0, ${at},
               json_extract(value, '$.subjectType'), json_extract(value, '$.subjectId'), json_extract(value, '$.payload'), json_extract(value, '$.releaseAt')
        FROM json_each(${JSON.stringify(rows)}) WHERE true
        ON CONFLICT (message_key) DO NOTHING`,
    );
  }
  return statements;
}

// ---------------------------------------------------------------------------------------------
// The send phase
// ---------------------------------------------------------------------------------------------

const KINDS_SQL = sql.raw(BUNDLE_KINDS.map((k) => `'${k}'`).join(", "));
/** When a row may go out: its next attempt, else its creation. The index outbox_ready has this very expression. */
const READY_AT = sql.raw(`(CASE WHEN next_attempt_at IS NULL THEN created_at ELSE next_attempt_at END)`);
/**
 * Rows that may go out now: queued, or failed and due for another attempt. Through outbox_ready
 * (status, READY_AT) the send steps read the ready rows only: messages waiting for a digest day
 * stay untouched, so a send step does not grow with the size of the waiting queue.
 */
function ready(nowIso: string): SQL {
  return sql`status IN ('queued', 'failed') AND kind IN (${KINDS_SQL}) AND ${READY_AT} <= ${nowIso}`;
}
/** These recipients' rows; the statements that use it name the index `outbox_recipient`, so they read only those rows. */
const inRecipients = (recipients: readonly string[]) => sql`recipient IN (SELECT value FROM json_each(${JSON.stringify(recipients)}))`;

/**
 * `WITH m AS (…)`: these objects as a table with their keys as columns, for an UPDATE to look up
 * its values in. The JSON is read once per statement: a json_each in each row's subquery read it
 * again for every row updated (with the rendered bodies in it, 356 ms per send step on M).
 */
function jsonTable<const K extends string>(keys: readonly K[], rows: Record<K, string>[]): SQL {
  if (!keys.every((k) => /^[a-z]+$/.test(k))) throw new Error(`jsonTable: keys must be plain names: ${keys.join(", ")}`);
  const columns = keys.map((k) => `json_extract(value, '$.${k}') AS ${k}`).join(", ");
  return sql`WITH m AS MATERIALIZED (SELECT ${sql.raw(columns)} FROM json_each(${JSON.stringify(rows)}))`;
}

export type QueuedRow = {
  id: string;
  messageKey: string;
  kind: BundleKind;
  personId: string | null;
  recipient: string;
  locale: Locale;
  subject: string;
  createdAt: string;
  subjectType: string | null;
  subjectId: string | null;
  payload: string | null;
  personName: string | null;
  total: number;
  /** JSON array: the message keys of ALL the recipient's ready rows (the ones this email settles); on their first row only. */
  allKeys: string | null;
};
export type Envelope = {
  recipient: string;
  personId: string | null;
  personName: string | null;
  locale: Locale;
  total: number;
  rows: QueuedRow[];
  /** The message keys of every ready row of the recipient, sorted: what the email settles. */
  messageKeys: string[];
};

/** Rows read from the head of the queue per email of a send step (see takeEnvelopes): a step's
 * emails stay full unless its recipients have more than this many ready rows each on average. */
const HEAD_ROWS_PER_EMAIL = 100;

/**
 * The next recipients with mail ready (who has waited longest first: the earliest moment one of
 * their rows could go, READY_AT), each with their first `perEmail` rows (digest first, then
 * alerts, escalations, reminders, invitations) and the count of all their ready rows. One
 * statement. Deterministic: a retried step takes the same envelopes.
 *
 * Who comes next is read from the head of the queue only: the first `window` ready rows in the
 * order (READY_AT, recipient), which the index outbox_ready holds per status. A recipient's first
 * row in that order decides their place, so the recipients in the head are the next ones, in the
 * same order as when the whole queue is grouped; a head of fewer than `emails` recipients gives
 * fewer envelopes, never other ones. Their rows are then read through the recipient index. So a
 * send step reads what it sends, not the whole queue (which grows with the city: every step used
 * to group every ready row, 17 ms per step on L).
 */
export async function takeEnvelopes(db: Db, now: Date, limits: { emails: number; perEmail: number; window?: number }): Promise<Envelope[]> {
  const nowIso = now.toISOString();
  const window = limits.window ?? limits.emails * HEAD_ROWS_PER_EMAIL;
  const headOf = (status: string) =>
    sql`SELECT recipient, ready_at FROM (SELECT recipient, ${READY_AT} AS ready_at FROM outbox INDEXED BY outbox_ready
          WHERE status = ${status} AND ${READY_AT} <= ${nowIso} AND kind IN (${KINDS_SQL})
          ORDER BY ${READY_AT}, recipient LIMIT ${window})`;
  const rows = await all<QueuedRow & { rn: number }>(
    db,
    sql`
    WITH head AS (${headOf("queued")} UNION ALL ${headOf("failed")} ORDER BY ready_at, recipient LIMIT ${window}),
    who AS (SELECT recipient, min(ready_at) AS first_at FROM head GROUP BY recipient ORDER BY first_at, recipient LIMIT ${limits.emails}),
    r AS (SELECT o.*, who.first_at AS first_at FROM who CROSS JOIN outbox o INDEXED BY outbox_recipient
          ON o.recipient = who.recipient WHERE ${ready(nowIso)}),
    per AS (SELECT recipient, count(*) AS n, json_group_array(message_key) AS all_keys FROM r GROUP BY recipient),
    ranked AS (
      SELECT r.*, per.n AS n, per.all_keys AS all_keys, ROW_NUMBER() OVER (
        PARTITION BY r.recipient
        ORDER BY CASE r.kind WHEN 'digest' THEN 0 WHEN 'alert' THEN 1 WHEN 'escalation' THEN 2 WHEN 'reminder' THEN 3 ELSE 4 END, r.created_at, r.message_key
      ) AS rn
      FROM r JOIN per ON per.recipient = r.recipient
    )
    SELECT id AS "id", message_key AS "messageKey", kind AS "kind", person_id AS "personId", recipient AS "recipient", locale AS "locale",
           subject AS "subject", created_at AS "createdAt", subject_type AS "subjectType", subject_id AS "subjectId", payload AS "payload",
           (SELECT p.name FROM people p WHERE p.id = ranked.person_id) AS "personName", n AS "total",
           CASE WHEN rn = 1 THEN all_keys END AS "allKeys", rn AS "rn"
    FROM ranked WHERE rn <= ${limits.perEmail}
    ORDER BY first_at, recipient, rn`,
  );
  const envelopes: Envelope[] = [];
  for (const row of rows) {
    let env = envelopes.at(-1);
    if (!env || env.recipient !== row.recipient) {
      env = {
        recipient: row.recipient,
        personId: row.personId,
        personName: row.personName,
        locale: row.locale,
        total: row.total,
        rows: [],
        messageKeys: (JSON.parse(row.allKeys ?? "[]") as string[]).sort(),
      };
      envelopes.push(env);
    }
    env.rows.push(row);
  }
  return envelopes;
}

/**
 * Counts one more attempt for every ready row of these recipients, before anything is sent — once
 * per daily run (`runOn`, the run's date): a step the platform retries, or a run that is resumed,
 * does not count again.
 */
export function markAttempt(recipients: readonly string[], now: Date, runOn: string): SQL {
  return sql`UPDATE outbox INDEXED BY outbox_recipient SET attempts = attempts + 1, last_attempt_on = ${runOn}
    WHERE ${ready(now.toISOString())} AND ${inRecipients(recipients)} AND (last_attempt_on IS NULL OR last_attempt_on <> ${runOn})`;
}

/** Sent: each recipient's ready rows get that email's provider id and the row that carries the email. */
export function markSent(sent: { recipient: string; providerId: string; firstRowId: string }[], now: Date): SQL {
  const nowIso = now.toISOString();
  const m = jsonTable(
    ["r", "p", "b"],
    sent.map((s) => ({ r: s.recipient, p: s.providerId, b: s.firstRowId })),
  );
  return sql`${m}
    UPDATE outbox INDEXED BY outbox_recipient SET status = 'sent', error = NULL, sent_at = ${nowIso}, next_attempt_at = NULL,
      provider_id = (SELECT p FROM m WHERE m.r = outbox.recipient),
      bundle_id = (SELECT b FROM m WHERE m.r = outbox.recipient)
    WHERE ${ready(nowIso)} AND ${inRecipients(sent.map((s) => s.recipient))}`;
}

/**
 * Recorded (no provider configured): the rendered email is kept on the first row of each
 * envelope, so /dev/outbox can show it; every row of the envelope points to that row (bundle_id).
 */
export function markRecorded(bodies: { recipient: string; firstRowId: string; text: string; html: string }[], now: Date): SQL {
  const nowIso = now.toISOString();
  const m = jsonTable(
    ["id", "r", "t", "h"],
    bodies.map((b) => ({ id: b.firstRowId, r: b.recipient, t: b.text, h: b.html })),
  );
  return sql`${m}
    UPDATE outbox INDEXED BY outbox_recipient SET status = 'recorded', sent_at = ${nowIso}, next_attempt_at = NULL, error = NULL,
      body_text = (SELECT t FROM m WHERE m.id = outbox.id),
      body_html = (SELECT h FROM m WHERE m.id = outbox.id),
      bundle_id = (SELECT id FROM m WHERE m.r = outbox.recipient)
    WHERE ${ready(nowIso)} AND ${inRecipients(bodies.map((b) => b.recipient))}`;
}

/**
 * Failed: kept with the error and tried again from `nextAttemptAt` (the next daily run) — unless
 * this was its last run (MAX_SEND_RUNS attempts): then it is given up, with the error kept.
 */
export function markFailed(recipients: readonly string[], error: string, now: Date, nextAttemptAt: string): SQL {
  return sql`
    UPDATE outbox INDEXED BY outbox_recipient SET error = ${error.slice(0, 500)},
      status = CASE WHEN attempts >= ${MAX_SEND_RUNS} THEN 'given_up' ELSE 'failed' END,
      next_attempt_at = CASE WHEN attempts >= ${MAX_SEND_RUNS} THEN NULL ELSE ${nextAttemptAt} END
    WHERE ${ready(now.toISOString())} AND ${inRecipients(recipients)}`;
}

/**
 * Given up at once: messages that cannot be composed (an unreadable payload). Trying again
 * tomorrow would fail the same way; the admin outbox and the run's skipped records show them.
 */
export function markUnsendable(rows: { id: string; error: string }[]): SQL {
  const m = jsonTable(
    ["id", "e"],
    rows.map((r) => ({ id: r.id, e: r.error.slice(0, 500) })),
  );
  return sql`${m}
    UPDATE outbox SET status = 'given_up', next_attempt_at = NULL,
      error = (SELECT 'could not be composed: ' || e FROM m WHERE m.id = outbox.id)
    WHERE status IN ('queued', 'failed') AND id IN (SELECT id FROM m)`;
}

/**
 * Before sending: give up what cannot or must not go out any more — too many attempts, an address
 * that bounced or complained, an erased person, an opted-out category, a reminder whose task was
 * answered meanwhile; and mails sent on the spot (sign-in, invitation, offer confirmation, ask to help) whose
 * send was interrupted (their link is never stored, so they cannot be re-sent; the person asks again).
 */
// Each statement looks at the waiting rows only (outbox_status) and, per row, at its own person
// (by primary key) or its task's events (task_events_task): linear in the queue. (An earlier
// `person_id IN (SELECT p.id FROM people p WHERE … p.email != outbox.recipient …)` was a
// correlated subquery over ALL people for every waiting row: minutes on a large first-run queue.)
export async function giveUpStale(db: Db, now: Date) {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const optedOut = BUNDLE_KINDS.map(
    // (json_valid: one person's unreadable opt-out list must not stop this statement for everyone)
    (k) =>
      `(outbox.kind = '${k}' AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(p.mail_opt_outs) THEN p.mail_opt_outs ELSE '[]' END) WHERE value = '${CATEGORY_OF[k]}'))`,
  ).join(" OR ");
  const results = await batch(db, [
    sql`UPDATE outbox SET status = 'given_up', error = coalesce(error, 'too many attempts'), next_attempt_at = NULL
      WHERE status IN ('queued', 'failed') AND kind IN (${KINDS_SQL}) AND attempts >= ${MAX_SEND_RUNS}`,
    sql`UPDATE outbox SET status = 'given_up', error = 'address does not work, person erased or opted out', next_attempt_at = NULL
      WHERE status IN ('queued', 'failed') AND kind IN (${KINDS_SQL})
        AND EXISTS (SELECT 1 FROM people p WHERE p.id = outbox.person_id
          AND (p.email_status != 'ok' OR p.erased_at IS NOT NULL OR p.email IS NULL OR p.email != outbox.recipient OR ${sql.raw(optedOut)}))`,
    // A reminder waiting (for a digest, or a retry) whose occurrence was answered meanwhile has nothing left to ask.
    sql`UPDATE outbox SET status = 'given_up', error = 'answered meanwhile', next_attempt_at = NULL
      WHERE status IN ('queued', 'failed') AND kind IN ('reminder', 'escalation') AND EXISTS (
        SELECT 1 FROM task_events te WHERE te.task_id = outbox.subject_id AND te.kind IN ('done', 'not_applicable')
          AND json_valid(outbox.payload) AND te.occurrence_due_on = json_extract(outbox.payload, '$.dueOn'))`,
    sql`UPDATE outbox SET status = 'given_up', error = 'sending was interrupted; sign-in links are not kept' , next_attempt_at = NULL
      WHERE status IN ('queued', 'failed') AND kind IN ('sign_in', 'invite', 'offer_confirm', 'help_ask') AND created_at <= ${hourAgo}`,
  ]);
  return changes(results);
}

// ---------------------------------------------------------------------------------------------
// The admin screen
// ---------------------------------------------------------------------------------------------

export type OutboxFilter = { kind?: string | undefined; status?: string | undefined; recipient?: string | undefined };
export type OutboxListRow = Pick<
  typeof outbox.$inferSelect,
  "id" | "kind" | "recipient" | "subject" | "status" | "attempts" | "createdAt" | "sentAt" | "error" | "nextAttemptAt" | "providerId"
>;

export function parseOutboxFilter(query: Record<string, string | undefined>): OutboxFilter {
  const clean = (v: string | undefined, max = 120) => (v && v.trim() ? v.trim().slice(0, max) : undefined);
  const status = clean(query.status);
  return {
    kind: clean(query.kind, 40),
    status: status && (OUTBOX_STATUSES as readonly string[]).includes(status) ? status : undefined,
    recipient: clean(query.recipient)?.toLowerCase(),
  };
}

/** The latest 100 messages matching the filter, newest first. */
export async function listOutbox(db: Db, filter: OutboxFilter): Promise<OutboxListRow[]> {
  const where = [];
  if (filter.kind) where.push(eq(outbox.kind, filter.kind));
  if (filter.status) where.push(eq(outbox.status, filter.status as (typeof OUTBOX_STATUSES)[number]));
  if (filter.recipient) where.push(like(outbox.recipient, `%${filter.recipient.replace(/[%_]/g, "")}%`));
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      recipient: outbox.recipient,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
      nextAttemptAt: outbox.nextAttemptAt,
      providerId: outbox.providerId,
    })
    .from(outbox)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(100);
}
