// The development outbox (/dev/outbox, only where no mail provider is configured): every email the
// app made, with the messages bundled in it, its links and its HTML; and below, the messages that
// have not gone out (waiting, failed, given up). Bodies are only ever stored in development.
import { desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";

/** Emails shown, newest first; and messages not (yet) sent. */
export const DEV_OUTBOX_EMAILS = 50;
export const DEV_OUTBOX_WAITING = 50;

export type DevMessage = Pick<typeof outbox.$inferSelect, "id" | "kind" | "subject" | "status" | "error" | "createdAt">;
export type DevEmail = {
  /** The row that carries the email's bodies. */
  id: string;
  recipient: string;
  /** The email's own subject line (a bundle has one of its own: "3 berichten voor jou"). */
  subject: string;
  status: string;
  sentAt: string | null;
  /** The links in the email, in order, as written in it. */
  links: string[];
  text: string;
  hasHtml: boolean;
  /** The messages this email carries (one for a sign-in mail, several for a bundle). */
  messages: DevMessage[];
};

const MESSAGE_COLUMNS = {
  id: outbox.id,
  kind: outbox.kind,
  subject: outbox.subject,
  status: outbox.status,
  error: outbox.error,
  createdAt: outbox.createdAt,
};

/** The subject line of a rendered email: its HTML <title> (the mail layout writes it there). */
export function subjectOfHtml(html: string | null): string | null {
  const m = html ? /<title>([^<]*)<\/title>/i.exec(html) : null;
  if (!m) return null;
  return m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export type DevWaiting = DevMessage & { recipient: string; nextAttemptAt: string | null; attempts: number };

export async function loadDevOutbox(db: Db): Promise<{ emails: DevEmail[]; waiting: DevWaiting[] }> {
  const carriers = await db
    .select({
      ...MESSAGE_COLUMNS,
      recipient: outbox.recipient,
      sentAt: outbox.sentAt,
      bodyText: outbox.bodyText,
      bodyHtml: outbox.bodyHtml,
    })
    .from(outbox)
    .where(isNotNull(outbox.bodyText))
    .orderBy(desc(sql`coalesce(${outbox.sentAt}, ${outbox.createdAt})`), desc(outbox.id))
    .limit(DEV_OUTBOX_EMAILS);
  const ids = carriers.map((c) => c.id);
  const [members, waiting] = await Promise.all([
    ids.length
      ? db
          .select({ ...MESSAGE_COLUMNS, bundleId: outbox.bundleId })
          .from(outbox)
          .where(inArray(outbox.bundleId, ids))
          .orderBy(outbox.createdAt, outbox.id)
      : Promise.resolve([]),
    db
      .select({ ...MESSAGE_COLUMNS, recipient: outbox.recipient, nextAttemptAt: outbox.nextAttemptAt, attempts: outbox.attempts })
      .from(outbox)
      .where(inArray(outbox.status, ["queued", "failed", "given_up"]))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(DEV_OUTBOX_WAITING),
  ]);
  const emails = carriers.map((c): DevEmail => {
    const bundled = members.filter((m) => m.bundleId === c.id).map(({ bundleId: _b, ...m }) => m);
    const messages = bundled.length
      ? bundled
      : [{ id: c.id, kind: c.kind, subject: c.subject, status: c.status, error: c.error, createdAt: c.createdAt }];
    return {
      id: c.id,
      recipient: c.recipient,
      subject: subjectOfHtml(c.bodyHtml) ?? c.subject,
      status: c.status,
      sentAt: c.sentAt,
      links: [...(c.bodyText ?? "").matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
      text: c.bodyText ?? "",
      hasHtml: !!c.bodyHtml,
      messages,
    };
  });
  return { emails, waiting };
}

/** The HTML of one recorded email, as the recipient would see it (null when there is none). */
export async function loadDevEmailHtml(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ html: outbox.bodyHtml }).from(outbox).where(eq(outbox.id, id));
  return row?.html ?? null;
}
