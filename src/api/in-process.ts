// The API served in the same Worker as whatever took the request (the API Worker, or the app in
// development and the tests; see ./lazy.ts). The API app is built on its first request in an
// isolate, not at start-up: registering every OpenAPI route and its zod schemas was about a third
// of start-up CPU. It runs as its own Hono app, handed the request with `/api` taken off the path
// and the per-request values the first middleware made (db, now, today), so a request has one db
// handle (and, in development, one statement count).
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { API_REQUEST_CONTEXT, type ApiRequestContext } from "./context";
import { API_PREFIX } from "./lazy";

/** Answers a request under /api with the API app (evaluated on the first one). */
export const lazyApi = createMiddleware<AppEnv>(async (c) => {
  const { apiApp } = await import("./index");
  const url = new URL(c.req.url);
  url.pathname = url.pathname.slice(API_PREFIX.length) || "/";
  const context: ApiRequestContext = { db: c.var.db, now: c.var.now, today: c.var.today };
  const env = Object.create(c.env, { [API_REQUEST_CONTEXT]: { value: context } }) as Env;
  let executionCtx: Parameters<typeof apiApp.fetch>[2];
  try {
    executionCtx = c.executionCtx;
  } catch {
    // app.request() in tests has none
  }
  return apiApp.fetch(new Request(url, c.req.raw), env, executionCtx);
});
