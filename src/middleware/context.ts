import { createMiddleware } from "hono/factory";
import { countingD1, createDb, type D1Counter } from "../db/client";
import type { AppEnv } from "../env";

export type Clock = () => Date;

/**
 * One db handle and one "now" per request; domain functions take both as arguments.
 * The clock is injected when the app is built, so tests can run a request on any date.
 * In development only, D1 statements are counted and reported in a Server-Timing header
 * (`d1;desc="<n> queries"`), which the benchmark (bench/) reads. Never in production.
 */
export function requestContext(clock: Clock) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const counter: D1Counter | null = c.env.APP_ENV === "development" ? { queries: 0, calls: 0 } : null;
    c.set("db", createDb(counter ? countingD1(c.env.DB, counter) : c.env.DB));
    c.set("now", clock());
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
