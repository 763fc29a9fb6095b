import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";

export type Clock = () => Date;

/**
 * One db handle and one "now" per request; domain functions take both as arguments.
 * The clock is injected when the app is built, so tests can run a request on any date.
 */
export function requestContext(clock: Clock) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("db", createDb(c.env.DB));
    c.set("now", clock());
    await next();
  });
}
