// The JSON API is built on its first request in an isolate, not at start-up: registering every
// OpenAPI route and its zod schemas (src/api/index.ts and resources/) was about a third of the
// Worker's start-up CPU, and most isolates only serve pages. `import("./index")` is bundled into
// the same file; esbuild wraps what only the API uses so it runs when first imported.
// The API runs as its own Hono app, handed the request with `/api` taken off the path and the
// per-request values the app's middleware already made (db, now, today), so a request has one db
// handle (and, in development, one statement count) whichever part of the app answers it.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { API_REQUEST_CONTEXT, type ApiRequestContext } from "./context";

export const API_PREFIX = "/api";

/** Answers every request under /api with the API app (evaluated on the first one). */
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
