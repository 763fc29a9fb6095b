// What every request meets first, in the app and in the API Worker alike (src/app.ts,
// src/api/worker.ts): security and cache headers, the configuration check, the message catalogues
// (a static asset, read once per isolate: src/i18n/index.ts), and the request's db session, "now"
// and "today" (src/middleware/context.ts).
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env";
import { checkConfig } from "./config";
import { loadCatalogues } from "./i18n";
import { requestContext, type Clock } from "./middleware/context";
import { responseHeaders } from "./middleware/response-headers";

export function baseApp(clock: Clock = () => new Date()) {
  const app = new Hono<AppEnv>();
  app.use(responseHeaders);
  app.use(async (c, next) => {
    checkConfig(c.env);
    await loadCatalogues(c.env.ASSETS);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
      // A route may set a stricter policy of its own (the development outbox's email preview does).
      overwrite: false,
    }),
  );
  app.use(requestContext(clock));
  return app;
}
