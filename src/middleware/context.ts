import { createMiddleware } from "hono/factory";
import { getCookie, setCookie } from "hono/cookie";
import { countingD1, createDb, isBookmark, openSession, type D1Counter, type SessionStart } from "../db/client";
import type { AppEnv } from "../env";
import { todayInAmsterdam } from "../lib/dates";

export type Clock = () => Date;

/** The person's latest D1 bookmark, for pages (the API uses the header instead). */
export const BOOKMARK_COOKIE = "__Host-d1-bookmark";
/** The same for API clients: send back the value of the last answer's header. */
export const BOOKMARK_HEADER = "x-d1-bookmark";
/** Development only: answer with the D1 statements the request ran (bench/sqlite-alone.ts). */
export const CAPTURE_HEADER = "x-bench-statements";
const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const isApi = (path: string) => /^\/api(\/|$)/.test(path);

/**
 * Where this request's D1 session starts. Every write path (any method but GET/HEAD/OPTIONS)
 * starts at the primary. A read may go to the nearest replica, but never to one older than the
 * bookmark the person's last request got back, so they always read their own writes.
 */
export function sessionStart(method: string, bookmark: string | undefined): SessionStart {
  if (!READS.has(method)) return "first-primary";
  return isBookmark(bookmark) ? { bookmark } : "first-unconstrained";
}

/**
 * One db handle (a D1 session, see above), one "now" and one "today" per request; domain
 * functions take them as arguments. "today" is the calendar date in the Netherlands at `now`,
 * worked out once here, so a page, a CSV and the API never disagree about the date in the hours
 * after midnight. The clock is injected when the app is built, so tests can run a request on any date.
 * The session's bookmark goes back in the `x-d1-bookmark` header to API clients, and in a cookie
 * to people using the pages — after a write, or when they already had one (a visitor who only
 * reads gets no cookie).
 * In development only, D1 statements are counted and reported in a Server-Timing header
 * (`d1;desc="<n> queries"`), which the benchmark (bench/) reads; and a request with the header
 * `x-bench-statements: 1` is answered with the statements it ran (SQL and bound values, as JSON)
 * instead of its page, so the benchmark can time them in SQLite alone. Never in production.
 */
export function requestContext(clock: Clock) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const api = isApi(c.req.path);
    const given = api ? c.req.header(BOOKMARK_HEADER) : getCookie(c, BOOKMARK_COOKIE);
    const session = openSession(c.env.DB, sessionStart(c.req.method, given));
    const counter: D1Counter | null = c.env.APP_ENV === "development" ? { queries: 0, calls: 0 } : null;
    if (counter && c.req.header(CAPTURE_HEADER) === "1") counter.statements = [];
    c.set("db", createDb(counter ? countingD1(session.d1, counter) : session.d1));
    const now = clock();
    c.set("now", now);
    c.set("today", todayInAmsterdam(now));
    await next();

    // c.header() after the handler copies the response once (its headers may be immutable).
    const bookmark = session.bookmark();
    if (bookmark && api) c.header(BOOKMARK_HEADER, bookmark);
    else if (bookmark && bookmark !== given && (!READS.has(c.req.method) || isBookmark(given)))
      setCookie(c, BOOKMARK_COOKIE, bookmark, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
    if (counter)
      c.header("Server-Timing", `d1;desc="${counter.queries} queries", d1-calls;desc="${counter.calls} round trips"`, { append: true });
    if (counter?.statements) c.res = Response.json({ status: c.res.status, statements: counter.statements });
  });
}
