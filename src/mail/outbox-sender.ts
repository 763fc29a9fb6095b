// The send phase of the daily run, one bounded step at a time: take the ready messages of the
// next EMAILS_PER_STEP recipients, count the attempt, make one email per recipient, send them in
// ONE batch request (or record them when no provider is configured), and mark the outcome.
// 4 D1 statements and 1 request (a few on 429) per step, whatever the outbox holds.
import type { Db } from "../db/client";
import { markAttempt, markFailed, markRecorded, markSent, takeEnvelopes, type Envelope } from "../domain/mail/outbox";
import { batch, run } from "../db/raw-sql";
import type { SQL } from "drizzle-orm";
import { sha256 } from "../lib/crypto";
import { ITEMS_PER_EMAIL, appUrlOf, composeEnvelope } from "./compose";
import { sendBatch, type MailEnv, type SendOptions } from "./deliver";

/** Emails per step (one batch request; Resend takes up to 100, the free plan's CPU asks for fewer). */
export const EMAILS_PER_STEP = 25;
/** A failed message is tried again by the next daily run. */
export const RETRY_AFTER_HOURS = 20;

export type SenderEnv = MailEnv & Pick<Env, "SESSION_SECRET" | "APP_URL" | "APP_ENV">;
export type SendStepResult = {
  status: "idle" | "recorded" | "sent" | "quota" | "rejected";
  emails: number;
  failed: number;
};

/** Thrown for 429 / 5xx / timeouts after the tries within the step: the platform retries the step. */
export class RetryableSendError extends Error {}

const nextAttempt = (now: Date) => new Date(now.getTime() + RETRY_AFTER_HOURS * 3_600_000).toISOString();

/** The same envelopes give the same key: Resend then recognises a retried batch (kept 24 hours). */
export async function batchKey(envelopes: Envelope[]): Promise<string> {
  return `wijkonderhoud-batch-${await sha256(envelopes.map((e) => `${e.recipient}:${e.total}:${e.rows.map((r) => r.id).join(",")}`).join("|"))}`;
}

export async function sendNextBatch(
  env: SenderEnv,
  db: Db,
  now: Date,
  options: SendOptions & { emails?: number } = {},
): Promise<SendStepResult> {
  const envelopes = await takeEnvelopes(db, now, { emails: options.emails ?? EMAILS_PER_STEP, perEmail: ITEMS_PER_EMAIL });
  if (envelopes.length === 0) return { status: "idle", emails: 0, failed: 0 };
  const recipients = envelopes.map((e) => e.recipient);
  await run(db, markAttempt(recipients, now));
  const links = { secret: env.SESSION_SECRET, appUrl: appUrlOf(env) };
  const emails = await Promise.all(envelopes.map((e) => composeEnvelope(e, links)));

  if (!env.RESEND_API_KEY) {
    await run(
      db,
      markRecorded(
        envelopes.map((e, i) => ({ recipient: e.recipient, firstRowId: e.rows[0]!.id, text: emails[i]!.text, html: emails[i]!.html })),
        now,
      ),
    );
    return { status: "recorded", emails: emails.length, failed: 0 };
  }

  const outcome = await sendBatch(env, emails, await batchKey(envelopes), options);
  if (outcome.ok) {
    const sent = envelopes.flatMap((e, i) => (outcome.ids[i] ? [{ recipient: e.recipient, providerId: outcome.ids[i]! }] : []));
    const statements: SQL[] = [];
    if (sent.length) statements.push(markSent(sent, now));
    envelopes.forEach((e, i) => {
      if (outcome.ids[i]) return;
      const message = outcome.errors.find((err) => err.index === i)?.message ?? "no id returned";
      statements.push(markFailed([e.recipient], `rejected: ${message}`, now, nextAttempt(now)));
    });
    await batch(db, statements);
    return { status: "sent", emails: sent.length, failed: envelopes.length - sent.length };
  }
  if (outcome.kind === "retry") throw new RetryableSendError(outcome.error);
  await run(db, markFailed(recipients, outcome.error, now, nextAttempt(now)));
  return { status: outcome.kind, emails: 0, failed: envelopes.length };
}

/** After the platform gave up retrying a send step: the same envelopes are marked failed, for the next run. */
export async function recordSendFailure(db: Db, now: Date, error: string, options: { emails?: number } = {}): Promise<number> {
  const envelopes = await takeEnvelopes(db, now, { emails: options.emails ?? EMAILS_PER_STEP, perEmail: ITEMS_PER_EMAIL });
  if (envelopes.length === 0) return 0;
  await run(
    db,
    markFailed(
      envelopes.map((e) => e.recipient),
      error,
      now,
      nextAttempt(now),
    ),
  );
  return envelopes.length;
}
