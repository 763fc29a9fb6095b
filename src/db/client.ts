import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof createDb>;

/**
 * Where a request's D1 session starts (D1 read replication, the Sessions API): at the primary
 * (every write path and the daily run), anywhere (a read by someone with no bookmark), or at least
 * as far as a bookmark the person's last request got back (so they read their own writes).
 */
export type SessionStart = "first-primary" | "first-unconstrained" | { bookmark: string };

/** A D1 session, usable wherever a D1Database is (drizzle, batch, prepare), and its latest bookmark. */
export type D1Session = { d1: D1Database; bookmark(): string | null };

/** Bookmarks as D1 writes them ("00000000-0000000a-00000000-0000…", hex groups); anything else from a client is ignored. */
export function isBookmark(value: string | null | undefined): value is string {
  return !!value && value.length <= 200 && /^[0-9a-f]+(?:-[0-9a-f]+){1,7}$/i.test(value);
}

/**
 * The one place that opens a D1 session. The local D1 of wrangler dev and of the vitest plugin
 * supports `withSession` and bookmarks (checked with wrangler 4.164); a binding without it (a
 * stand-in or an older runtime) is used as it is, so reads simply go to the primary.
 * A session is sequentially consistent, `batch` works on it, and writes always go to the primary.
 */
export function openSession(d1: D1Database, start: SessionStart): D1Session {
  if (typeof d1.withSession !== "function") return { d1, bookmark: () => null };
  const session = d1.withSession(typeof start === "string" ? start : start.bookmark);
  // drizzle and our raw SQL only use prepare() and batch(), which a session has.
  return { d1: session as unknown as D1Database, bookmark: () => session.getBookmark() };
}

/**
 * Statements sent to D1 (a batch counts each of its statements) and round trips (calls). With
 * `statements`, each one's SQL and bound values are kept too (the benchmark times them in SQLite
 * alone, see bench/sqlite-alone.ts).
 */
export type D1Counter = { queries: number; calls: number; statements?: CapturedStatement[] };
export type CapturedStatement = { sql: string; params: unknown[] };

/**
 * Development only (the benchmark reads it): the same binding, counting what goes through it.
 * Statements made by `prepare` are wrapped so that running them, alone or in a batch, is counted;
 * a batch is handed the original statements.
 */
export function countingD1(d1: D1Database, counter: D1Counter): D1Database {
  const originals = new WeakMap<object, D1PreparedStatement>();
  const texts = new WeakMap<object, CapturedStatement>();
  const tick = (ran: (CapturedStatement | undefined)[]) => {
    counter.queries += ran.length;
    counter.calls += 1;
    if (counter.statements) for (const st of ran) if (st) counter.statements.push(st);
  };
  const wrap = (stmt: D1PreparedStatement, text: CapturedStatement): D1PreparedStatement => {
    const wrapped: D1PreparedStatement = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), { sql: text.sql, params: values });
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          const method = target[prop] as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            tick([text]);
            return method.apply(target, args);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(wrapped, stmt);
    texts.set(wrapped, text);
    return wrapped;
  };
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => wrap(target.prepare(query), { sql: query, params: [] });
      if (prop === "batch")
        return (statements: D1PreparedStatement[]) => {
          tick(statements.map((s) => texts.get(s)));
          return target.batch(statements.map((s) => originals.get(s) ?? s));
        };
      if (prop === "exec")
        return async (query: string) => {
          const result = await target.exec(query);
          counter.queries += result.count;
          counter.calls += 1;
          return result;
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
