// The send phase of the daily run, one bounded step at a time: take the ready messages of the
// next EMAILS_PER_STEP recipients, count the attempt (once per run), make one email per recipient,
// send them in ONE batch request (or record them when no provider is configured), and mark the
// outcome. 4 D1 statements and 1 request (a few on 429) per step, whatever the outbox holds.
// A message that cannot be composed is given up on its own; the others go out.
import type { Db } from "../db/client";
import { markAttempt, markFailed, markRecorded, markSent, markUnsendable, takeEnvelopes, type Envelope } from "../domain/mail/outbox";
import { batch, run } from "../db/raw-sql";
import type { SQL } from "drizzle-orm";
import { sha256 } from "../lib/crypto";
import type { Skip } from "../domain/runs/skips";
import { errorText } from "../domain/runs/skips";
import { ITEMS_PER_EMAIL, appUrlOf, composeEnvelope, type Unsendable } from "./compose";
import { sendBatch, type MailEnv, type OutgoingEmail, type SendOptions } from "./deliver";

/** Emails per step (one batch request; Resend takes up to 100, the free plan's CPU asks for fewer). */
export const EMAILS_PER_STEP = 25;
/** A failed message is tried again by the next daily run. */
export const RETRY_AFTER_HOURS = 20;

export type SenderEnv = MailEnv & Pick<Env, "SESSION_SECRET" | "APP_URL" | "APP_ENV">;
export type SendStepResult = {
  status: "idle" | "recorded" | "sent" | "quota" | "rejected";
  emails: number;
  failed: number;
  /** Messages given up because they could not be composed (one Skip each). */
  skipped: Skip[];
};

/** Thrown for 429 / 5xx / timeouts after the tries within the step: the platform retries the step. */
export class RetryableSendError extends Error {}

/** The run a send step belongs to: its date (attempts count runs) and its instant. */
export type SendRun = { runOn: string; now: Date };

const nextAttempt = (now: Date) => new Date(now.getTime() + RETRY_AFTER_HOURS * 3_600_000).toISOString();

/**
 * The batch's idempotency key: a hash of the messages it settles — per email, the recipient and
 * the sorted keys of ALL their ready messages (the shown ones and the ones counted under "and N
 * more"). The same set of messages gives the same key, so Resend (which keeps keys 24 hours)
 * recognises a retried batch instead of sending it again; a different set — one message more,
 * fewer, or another — gives another key, so a key is never reused for different mail.
 */
export async function batchKey(envelopes: Pick<Envelope, "recipient" | "messageKeys">[]): Promise<string> {
  const parts = envelopes.map((e) => `${e.recipient}\u0000${e.messageKeys.join("\u0001")}`);
  return `wijkonderhoud-batch-${await sha256(parts.join("\u0002"))}`;
}

const skipOfMessage = (u: Unsendable): Skip => ({
  step: "send",
  recordType: "message",
  recordId: u.id,
  initiativeId: null,
  error: errorText(u.error),
});

export async function sendNextBatch(
  env: SenderEnv,
  db: Db,
  { runOn, now }: SendRun,
  options: SendOptions & { emails?: number } = {},
): Promise<SendStepResult> {
  const envelopes = await takeEnvelopes(db, now, { emails: options.emails ?? EMAILS_PER_STEP, perEmail: ITEMS_PER_EMAIL });
  if (envelopes.length === 0) return { status: "idle", emails: 0, failed: 0, skipped: [] };
  const recipients = envelopes.map((e) => e.recipient);
  await run(db, markAttempt(recipients, now, runOn));
  const links = { secret: env.SESSION_SECRET, appUrl: appUrlOf(env) };
  const composed = await Promise.all(envelopes.map((e) => composeEnvelope(e, links)));
  const unsendable = composed.flatMap((c) => c.unsendable);
  const skipped = unsendable.map(skipOfMessage);
  // Given up first, in the same batch as the outcome: the marks below then leave them alone.
  const giveUp: SQL[] = unsendable.length ? [markUnsendable(unsendable)] : [];
  const out = envelopes.flatMap((e, i) => (composed[i]!.email ? [{ envelope: e, email: composed[i]!.email! }] : []));

  if (out.length === 0) {
    await batch(db, giveUp);
    return { status: env.RESEND_API_KEY ? "sent" : "recorded", emails: 0, failed: 0, skipped };
  }

  if (!env.RESEND_API_KEY) {
    await batch(db, [
      ...giveUp,
      markRecorded(
        out.map(({ envelope, email }) => ({
          recipient: envelope.recipient,
          firstRowId: firstShown(envelope, unsendable),
          text: email.text,
          html: email.html,
        })),
        now,
      ),
    ]);
    return { status: "recorded", emails: out.length, failed: 0, skipped };
  }

  const emails: OutgoingEmail[] = out.map((o) => o.email);
  const outcome = await sendBatch(env, emails, await batchKey(out.map((o) => o.envelope)), options);
  if (outcome.ok) {
    const sent = out.flatMap(({ envelope }, i) =>
      outcome.ids[i] ? [{ recipient: envelope.recipient, providerId: outcome.ids[i]!, firstRowId: firstShown(envelope, unsendable) }] : [],
    );
    const statements: SQL[] = [...giveUp];
    if (sent.length) statements.push(markSent(sent, now));
    out.forEach(({ envelope }, i) => {
      if (outcome.ids[i]) return;
      const message = outcome.errors.find((err) => err.index === i)?.message ?? "no id returned";
      statements.push(markFailed([envelope.recipient], `rejected: ${message}`, now, nextAttempt(now)));
    });
    await batch(db, statements);
    return { status: "sent", emails: sent.length, failed: out.length - sent.length, skipped };
  }
  // The request did not go through: nothing is marked (a retried step takes the same envelopes and
  // sends the same batch with the same key), unsendable messages included.
  if (outcome.kind === "retry") throw new RetryableSendError(outcome.error);
  await batch(db, [...giveUp, markFailed(recipients, outcome.error, now, nextAttempt(now))]);
  return { status: outcome.kind, emails: 0, failed: out.length, skipped };
}

/** The row that carries the email: the envelope's first message that could be composed. */
function firstShown(envelope: Envelope, unsendable: Unsendable[]): string {
  const bad = new Set(unsendable.map((u) => u.id));
  return (envelope.rows.find((r) => !bad.has(r.id)) ?? envelope.rows[0]!).id;
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
