// The only code that knows Resend. Every email is recorded in the outbox first (claimed by its
// message key, so it is sent at most once); with RESEND_API_KEY set it is then sent, otherwise
// it stays "recorded" for /dev/outbox.
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

export type DeliverResult = { status: "recorded" | "sent" | "failed" | "duplicate"; error?: string };

export async function deliver(env: Pick<Env, "RESEND_API_KEY" | "MAIL_FROM">, db: Db, mail: Mail, now: Date): Promise<DeliverResult> {
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
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing({ target: outbox.messageKey })
    .returning({ id: outbox.id });
  if (claimed.length === 0) return { status: "duplicate" };
  if (!sending) return { status: "recorded" };

  const resend = new Resend(env.RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    { from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers },
    { idempotencyKey: mail.key.slice(0, 256) },
  );
  if (error || !data) {
    const message = error ? `${error.name}: ${error.message}` : "no response";
    await db.update(outbox).set({ status: "failed", error: message, attempts: 1 }).where(eq(outbox.id, id));
    return { status: "failed", error: message };
  }
  await db
    .update(outbox)
    .set({ status: "sent", providerId: data.id, attempts: 1, sentAt: new Date(now).toISOString() })
    .where(eq(outbox.id, id));
  return { status: "sent" };
}
