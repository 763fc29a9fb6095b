// Passwordless sign-in: single-use links that expire, stored only as hashes.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginTokens, people, sessions } from "../../db/schema";
import { randomToken, sha256 } from "../../lib/crypto";
import { addDaysToInstant, addMinutes } from "../../lib/time";

export const SIGN_IN_MINUTES = 15;
export const INVITE_DAYS = 7;
export const SESSION_DAYS = 30;

export type LoginPurpose = "sign_in" | "invite";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A person who may sign in: has an address, is not erased. Roles are checked per page. */
export async function findPersonByEmail(db: Db, email: string) {
  const row = await db.query.people.findFirst({ where: eq(people.email, normaliseEmail(email)) });
  return row && !row.erasedAt ? row : null;
}

export async function createLoginToken(db: Db, personId: string, purpose: LoginPurpose, now: Date) {
  const token = randomToken();
  const id = crypto.randomUUID();
  const expiresAt = purpose === "invite" ? addDaysToInstant(now, INVITE_DAYS) : addMinutes(now, SIGN_IN_MINUTES);
  await db.insert(loginTokens).values({
    id,
    tokenHash: await sha256(token),
    personId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { id, token };
}

/** The token's row if it can still be used; nothing is changed (a GET may call this). */
export async function peekLoginToken(db: Db, token: string, now: Date) {
  const row = await db.query.loginTokens.findFirst({ where: eq(loginTokens.tokenHash, await sha256(token)) });
  if (!row || row.usedAt || row.expiresAt <= now.toISOString()) return null;
  return row;
}

/**
 * Uses a login token and opens a session, atomically: the session row is inserted from the
 * token row only while it is unused and unexpired, and the same batch marks it used.
 * Returns the raw session token (for the cookie), or null when the link is no good.
 */
export async function consumeLoginToken(db: Db, token: string, now: Date) {
  const tokenHash = await sha256(token);
  const sessionToken = randomToken();
  const sessionId = crypto.randomUUID();
  const nowIso = now.toISOString();
  const usable = and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, nowIso));
  const [inserted] = await db.batch([
    db
      .insert(sessions)
      .select(
        db
          .select({
            id: sql`${sessionId}`.as("id"),
            tokenHash: sql`${await sha256(sessionToken)}`.as("token_hash"),
            personId: loginTokens.personId,
            createdAt: sql`${nowIso}`.as("created_at"),
            expiresAt: sql`${addDaysToInstant(now, SESSION_DAYS).toISOString()}`.as("expires_at"),
            revokedAt: sql`NULL`.as("revoked_at"),
          })
          .from(loginTokens)
          .where(usable),
      )
      .returning({ personId: sessions.personId }),
    db.update(loginTokens).set({ usedAt: nowIso }).where(usable),
  ]);
  const personId = inserted[0]?.personId;
  return personId ? { personId, sessionId, sessionToken } : null;
}

/** A session that still opens the door: not revoked, not expired. */
export function usableSession(tokenHash: string, now: Date) {
  return and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString()));
}

export async function endSession(db: Db, sessionId: string, now: Date) {
  await db.update(sessions).set({ revokedAt: now.toISOString() }).where(eq(sessions.id, sessionId));
}

/** A statement, so callers can batch it with the audit entry. */
export function endAllSessions(db: Db, personId: string, now: Date) {
  return db
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)));
}

export async function countActiveSessions(db: Db, personId: string, now: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())));
  return row?.n ?? 0;
}
