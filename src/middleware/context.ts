import { createMiddleware } from "hono/factory";
import { countingD1, createDb, type D1Counter } from "../db/client";
import type { AppEnv } from "../env";
import { todayInAmsterdam } from "../lib/dates";

export type Clock = () => Date;

/**
 * One db handle, one "now" and one "today" per request; domain functions take them as arguments.
 * "today" is the calendar date in the Netherlands at `now`, worked out once here, so a page, a CSV
 * and the API never disagree about the date in the hours after midnight.
 * The clock is injected when the app is built, so tests can run a request on any date.
 * In development only, D1 statements are counted and reported in a Server-Timing header
 * (`d1;desc="<n> queries"`), which the benchmark (bench/) reads. Never in production.
 */
export function requestContext(clock: Clock) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const counter: D1Counter | null = c.env.APP_ENV === "development" ? { queries: 0, calls: 0 } : null;
    c.set("db", createDb(counter ? countingD1(c.env.DB, counter) : c.env.DB));
    const now = clock();
    c.set("now", now);
    c.set("today", todayInAmsterdam(now));
    await next();
    if (counter) {
      const timing = `d1;desc="${counter.queries} queries", d1-calls;desc="${counter.calls} round trips"`;
      try {
        c.res.headers.append("Server-Timing", timing);
      } catch {
        // a response with immutable headers: copy it once
        c.res = new Response(c.res.body, c.res);
        c.res.headers.append("Server-Timing", timing);
      }
    }
  });
}
