// Calendar subscriptions: a secret address per person (their own dates) and per person and
// initiative (a coordinator's feed of that initiative). The address carries a random token that is
// shown once and stored only as its SHA-256 hash (as API tokens and sign-in links are); making a new
// address revokes the old one, and a revoked address answers 404. Whose a feed is decides what it
// shows at every fetch: a coordinator who steps down keeps no initiative feed, an erased person none.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { calendarFeeds } from "../../db/schema";
import { randomToken, sha256 } from "../../lib/crypto";
import { audit } from "../audit";
import { canEditInitiative, loadUser, type CurrentUser } from "../auth/access";

/** A recognisable prefix, so a leaked address is easy to find in logs. */
export const FEED_TOKEN_PREFIX = "wkc_";

export type FeedRow = typeof calendarFeeds.$inferSelect;
export type FeedInfo = Pick<FeedRow, "id" | "initiativeId" | "createdAt" | "lastUsedOn">;

/** The person's active feed for this initiative (null: their own feed), if any. */
export async function activeFeed(db: Db, personId: string, initiativeId: string | null): Promise<FeedInfo | null> {
  const [row] = await db
    .select({
      id: calendarFeeds.id,
      initiativeId: calendarFeeds.initiativeId,
      createdAt: calendarFeeds.createdAt,
      lastUsedOn: calendarFeeds.lastUsedOn,
    })
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.personId, personId),
        initiativeId === null ? isNull(calendarFeeds.initiativeId) : eq(calendarFeeds.initiativeId, initiativeId),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(1);
  return row ?? null;
}

function revokeStatement(db: Db, personId: string, initiativeId: string | null, now: Date) {
  return db
    .update(calendarFeeds)
    .set({ revokedAt: now.toISOString() })
    .where(
      and(
        eq(calendarFeeds.personId, personId),
        initiativeId === null ? isNull(calendarFeeds.initiativeId) : eq(calendarFeeds.initiativeId, initiativeId),
        isNull(calendarFeeds.revokedAt),
      ),
    );
}

/**
 * Makes a new secret address (the old one, if any, stops working in the same batch). The raw token
 * is returned once and never stored.
 */
export async function createFeed(
  db: Db,
  person: { id: string },
  initiative: { id: string; neighbourhoodId: string } | null,
  now: Date,
): Promise<{ id: string; token: string }> {
  const id = crypto.randomUUID();
  const token = FEED_TOKEN_PREFIX + randomToken(32);
  await db.batch([
    revokeStatement(db, person.id, initiative?.id ?? null, now),
    db.insert(calendarFeeds).values({
      id,
      personId: person.id,
      initiativeId: initiative?.id ?? null,
      tokenHash: await sha256(token),
      createdAt: now.toISOString(),
    }),
    audit(
      db,
      {
        actorId: person.id,
        entity: "calendar_feed",
        entityId: id,
        action: "create",
        initiativeId: initiative?.id ?? null,
        neighbourhoodId: initiative?.neighbourhoodId ?? null,
      },
      now,
    ),
  ]);
  return { id, token };
}

/** Revokes the person's address for this initiative (null: their own); false when there was none. */
export async function revokeFeed(
  db: Db,
  person: { id: string },
  initiative: { id: string; neighbourhoodId: string } | null,
  now: Date,
): Promise<boolean> {
  const feed = await activeFeed(db, person.id, initiative?.id ?? null);
  if (!feed) return false;
  await db.batch([
    revokeStatement(db, person.id, initiative?.id ?? null, now),
    audit(
      db,
      {
        actorId: person.id,
        entity: "calendar_feed",
        entityId: feed.id,
        action: "revoke",
        initiativeId: initiative?.id ?? null,
        neighbourhoodId: initiative?.neighbourhoodId ?? null,
      },
      now,
    ),
  ]);
  return true;
}

export type ResolvedFeed = { feed: FeedRow; user: CurrentUser };

/**
 * The feed behind a raw token, with its owner as they are now; null when the token is unknown or
 * revoked, the person erased, or (an initiative's feed) no longer a coordinator of it or an admin.
 * Notes the day it was last used (at most one write a day).
 */
export async function resolveFeed(db: Db, raw: string, today: string): Promise<ResolvedFeed | null> {
  if (!raw.startsWith(FEED_TOKEN_PREFIX) || raw.length > 100) return null;
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, await sha256(raw)));
  if (!feed || feed.revokedAt) return null;
  const user = await loadUser(db, feed.personId, null);
  if (!user) return null;
  if (feed.initiativeId !== null && !canEditInitiative(user, feed.initiativeId)) return null;
  if (feed.lastUsedOn !== today) await db.update(calendarFeeds).set({ lastUsedOn: today }).where(eq(calendarFeeds.id, feed.id));
  return { feed, user };
}
