// Addresses that work and addresses that do not. Delivery events from the provider's webhook are
// kept (append-only, once per provider event); a hard bounce or a spam complaint marks the person's
// address, after which nothing is mailed there (see mailable) and coordinators see whose address
// needs fixing.
import { and, asc, eq, gte, inArray, isNotNull, isNull, ne, or, sql, type SQLWrapper } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { initiativeCoordinators, involvements, mailEvents, people, taskAssignees, tasks } from "../../db/schema";
import { jsonList } from "../../db/read-together";

/** The parts of a Resend webhook event we use (anything else in it is ignored). */
export const providerEventSchema = z.object({
  type: z.string().min(1).max(80),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.union([z.array(z.string()), z.string()]).optional(),
      bounce: z.object({ type: z.string().optional() }).passthrough().optional(),
    })
    .passthrough()
    .optional(),
});
export type ProviderEvent = z.output<typeof providerEventSchema>;

/** A bounce that will not go away by itself ("Permanent"; an unknown type counts as permanent). */
export function isHardBounce(event: ProviderEvent): boolean {
  const type = event.data?.bounce?.type?.toLowerCase();
  return event.type === "email.bounced" && type !== "transient" && type !== "undetermined";
}

/** Stores the event once (by its webhook id) and marks the addresses it condemns. Returns false for a repeat. */
export async function recordProviderEvent(db: Db, eventId: string, event: ProviderEvent, now: Date): Promise<boolean> {
  const to = event.data?.to;
  const recipients = (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.trim().toLowerCase()).filter(Boolean);
  const status = event.type === "email.complained" ? "complained" : isHardBounce(event) ? "bounced" : null;
  const at = now.toISOString();
  const inserted = await db
    .insert(mailEvents)
    .values({
      id: crypto.randomUUID(),
      providerEventId: eventId,
      providerMessageId: event.data?.email_id ?? null,
      type: event.type,
      recipient: recipients.join(", ").slice(0, 500) || null,
      at: event.created_at && !Number.isNaN(Date.parse(event.created_at)) ? new Date(event.created_at).toISOString() : at,
    })
    .onConflictDoNothing({ target: mailEvents.providerEventId })
    .returning({ id: mailEvents.id });
  if (inserted.length === 0) return false;
  if (status && recipients.length > 0) {
    // A complaint outranks a bounce; an address already marked keeps its first date.
    await db.run(sql`
      UPDATE people SET email_status = ${status}, email_status_at = ${at}
      WHERE email IN ${jsonList(recipients)} AND (email_status = 'ok' OR (${status} = 'complained' AND email_status = 'bounced'))`);
  }
  return true;
}

export type BrokenAddress = { personId: string; name: string; email: string; status: "bounced" | "complained"; since: string | null };

/**
 * For coordinators: the people of these initiatives (coordinators, active volunteers, people
 * assigned to unarchived tasks) whose address bounced or complained. `initiativeIds` is a
 * subquery (or a jsonList) that yields initiative ids.
 */
export function brokenAddressesRead(db: Db, initiativeIds: SQLWrapper, today: string) {
  return db
    .select({
      personId: people.id,
      name: people.name,
      email: sql<string>`${people.email}`,
      status: sql<BrokenAddress["status"]>`${people.emailStatus}`,
      since: people.emailStatusAt,
    })
    .from(people)
    .where(
      and(
        isNotNull(people.email),
        isNull(people.erasedAt),
        ne(people.emailStatus, "ok"),
        or(
          inArray(
            people.id,
            db
              .select({ id: initiativeCoordinators.personId })
              .from(initiativeCoordinators)
              .where(inArray(initiativeCoordinators.initiativeId, initiativeIds)),
          ),
          inArray(
            people.id,
            db
              .select({ id: involvements.personId })
              .from(involvements)
              .where(
                and(inArray(involvements.initiativeId, initiativeIds), or(isNull(involvements.until), gte(involvements.until, today))),
              ),
          ),
          inArray(
            people.id,
            db
              .select({ id: taskAssignees.personId })
              .from(taskAssignees)
              .innerJoin(tasks, eq(tasks.id, taskAssignees.taskId))
              .where(and(inArray(tasks.initiativeId, initiativeIds), isNull(tasks.archivedAt))),
          ),
        ),
      ),
    )
    .orderBy(asc(people.name), asc(people.id));
}

/** `brokenAddressesRead` of these initiatives, in one statement. */
export async function loadBrokenAddresses(db: Db, initiativeIds: readonly string[], today: string): Promise<BrokenAddress[]> {
  if (initiativeIds.length === 0) return [];
  return brokenAddressesRead(db, jsonList(initiativeIds), today);
}
