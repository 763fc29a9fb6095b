// The only code that knows Resend. Two ways out:
// - deliver(): one email right now (sign-in, invitation). Claimed in the outbox by its message key
//   first, so it is sent at most once; recorded only (for /dev/outbox) when RESEND_API_KEY is empty.
// - sendBatch(): up to 100 emails in one request to Resend's batch endpoint, for the daily run,
//   with an idempotency key so that a retried step never sends twice.
// The SDK never throws on API or network errors: every result's `error` is classified here.
import { eq } from "drizzle-orm";
import { Resend } from "resend";
import type { Db } from "../db/client";
import { outbox, type Locale } from "../db/schema";

export type Mail = {
  key: string; // stable: kind, subject, occurrence, recipient
  kind: string;
  personId: string | null;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

export type MailEnv = Pick<Env, "RESEND_API_KEY" | "MAIL_FROM">;
export type DeliverResult = { status: "recorded" | "sent" | "failed" | "duplicate"; error?: string };

/** How a request to Resend ended, in the terms the callers act on. */
export type SendOutcome =
  | { ok: true; ids: (string | null)[]; errors: { index: number; message: string }[] }
  | { ok: false; kind: "retry"; error: string; retryAfterMs: number | null } // 429 rate limit, 5xx, network, timeout
  | { ok: false; kind: "quota"; error: string } // daily or monthly quota: nothing more today
  | { ok: false; kind: "rejected"; error: string }; // the request itself is wrong: retrying will not help

export type SendOptions = {
  /** Abort a request after this long (it is then retried with the same idempotency key). */
  timeoutMs?: number;
  /** Tries within one call (429 honours retry-after, capped at maxWaitMs). */
  tries?: number;
  maxWaitMs?: number;
  /** Waiting between tries; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
};

const DEFAULTS = { timeoutMs: 15_000, tries: 3, maxWaitMs: 2_000 };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type SdkError = { name?: string; message?: string; statusCode?: number | null };

export function classify(error: SdkError, headers: Record<string, string> | null): Exclude<SendOutcome, { ok: true }> {
  const status = error.statusCode ?? null;
  const text = `${error.name ?? "error"}${status ? ` (${status})` : ""}: ${error.message ?? ""}`.slice(0, 500);
  if (error.name === "daily_quota_exceeded" || error.name === "monthly_quota_exceeded") return { ok: false, kind: "quota", error: text };
  const retryAfter = Number(headers?.["retry-after"]);
  if (status === 429 || error.name === "rate_limit_exceeded")
    return { ok: false, kind: "retry", error: text, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : null };
  if (
    status === null ||
    status >= 500 ||
    error.name === "concurrent_idempotent_requests" ||
    error.name === "application_error" ||
    error.name === "internal_server_error"
  )
    return { ok: false, kind: "retry", error: text, retryAfterMs: null };
  return { ok: false, kind: "rejected", error: text };
}

async function withTries<T extends { data: unknown; error: SdkError | null; headers?: Record<string, string> | null }>(
  call: (signal: AbortSignal) => Promise<T>,
  options: SendOptions,
): Promise<{ data: T["data"] } | Exclude<SendOutcome, { ok: true }>> {
  const o = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? realSleep;
  let last: Exclude<SendOutcome, { ok: true }> = { ok: false, kind: "retry", error: "not tried", retryAfterMs: null };
  for (let attempt = 1; attempt <= o.tries; attempt++) {
    const result = await call(AbortSignal.timeout(o.timeoutMs));
    if (!result.error && result.data) return { data: result.data };
    last = classify(result.error ?? { name: "application_error", message: "no response" }, result.headers ?? null);
    if (last.kind !== "retry" || attempt === o.tries) break;
    await sleep(Math.min(last.retryAfterMs ?? 500 * attempt, o.maxWaitMs));
  }
  return last;
}

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

/**
 * Sends up to 100 emails in one request. `idempotencyKey` must be derived from what is sent, so
 * that a retry of the same batch is recognised by Resend (kept 24 h) instead of sent again.
 * Permissive validation: one bad address does not stop the others (it is reported per index).
 */
export async function sendBatch(
  env: MailEnv,
  emails: OutgoingEmail[],
  idempotencyKey: string,
  options: SendOptions = {},
): Promise<SendOutcome> {
  if (emails.length === 0) return { ok: true, ids: [], errors: [] };
  if (emails.length > 100) throw new RangeError("Resend takes at most 100 emails per batch");
  const resend = new Resend(env.RESEND_API_KEY);
  const payload = emails.map((e) => ({
    from: env.MAIL_FROM,
    to: e.to,
    subject: e.subject,
    text: e.text,
    html: e.html,
    headers: e.headers,
  }));
  const result = await withTries(
    (signal) => resend.batch.send(payload, { idempotencyKey: idempotencyKey.slice(0, 256), batchValidation: "permissive", signal }),
    options,
  );
  if (!("data" in result)) return result;
  const data = result.data as { data?: { id: string }[]; errors?: { index: number; message: string }[] };
  const errors = data.errors ?? [];
  const failed = new Set(errors.map((e) => e.index));
  // Resend lists the created emails in order, without the failed ones.
  const created = [...(data.data ?? [])];
  const ids = emails.map((_, i) => (failed.has(i) ? null : (created.shift()?.id ?? null)));
  return { ok: true, ids, errors };
}

/** One email right now (sign-in, invitation): claimed by its key, then sent, then marked. */
export async function deliver(env: MailEnv, db: Db, mail: Mail, now: Date, options: SendOptions = {}): Promise<DeliverResult> {
  const sending = !!env.RESEND_API_KEY;
  const id = crypto.randomUUID();
  const claimed = await db
    .insert(outbox)
    .values({
      id,
      messageKey: mail.key,
      kind: mail.kind,
      personId: mail.personId,
      recipient: mail.to,
      locale: mail.locale,
      subject: mail.subject,
      // Bodies may hold sign-in links: keep them only where nothing is sent (development).
      bodyText: sending ? null : mail.text,
      bodyHtml: sending ? null : mail.html,
      status: sending ? "queued" : "recorded",
      attempts: sending ? 1 : 0,
      createdAt: now.toISOString(),
      sentAt: sending ? null : now.toISOString(),
    })
    .onConflictDoNothing({ target: outbox.messageKey })
    .returning({ id: outbox.id });
  if (claimed.length === 0) return { status: "duplicate" };
  if (!sending) return { status: "recorded" };

  const resend = new Resend(env.RESEND_API_KEY);
  const result = await withTries(
    (signal) =>
      resend.emails.send(
        { from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers },
        { idempotencyKey: mail.key.slice(0, 256), signal },
      ),
    { tries: 2, ...options },
  );
  if (!("data" in result)) {
    await db.update(outbox).set({ status: "failed", error: result.error }).where(eq(outbox.id, id));
    return { status: "failed", error: result.error };
  }
  await db
    .update(outbox)
    .set({ status: "sent", providerId: (result.data as { id: string }).id, sentAt: now.toISOString() })
    .where(eq(outbox.id, id));
  return { status: "sent" };
}
