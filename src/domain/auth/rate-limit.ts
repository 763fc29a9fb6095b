// A fixed-window counter in D1: one statement per hit, so it holds across Worker instances.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";

export type Limit = { max: number; windowSeconds: number };

export const SIGN_IN_PER_ADDRESS: Limit = { max: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_CLIENT: Limit = { max: 20, windowSeconds: 15 * 60 };

/** Counts one hit for each key; true when every key is still within its limit. */
export async function hitRateLimits(db: Db, hits: { key: string; limit: Limit }[], now: Date): Promise<boolean> {
  const seconds = Math.floor(now.getTime() / 1000);
  const statements = hits.map(({ key, limit }) => {
    const windowStart = seconds - (seconds % limit.windowSeconds);
    return db
      .insert(rateLimits)
      .values({ key, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = ${windowStart} THEN ${rateLimits.count} + 1 ELSE 1 END`,
          windowStart: sql`${windowStart}`,
        },
      })
      .returning({ count: rateLimits.count });
  });
  if (statements.length === 0) return true;
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.every((rows, i) => (rows[0]?.count ?? 0) <= hits[i]!.limit.max);
}
