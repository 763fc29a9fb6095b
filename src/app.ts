import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env";
import { checkConfig } from "./config";
import { requestContext } from "./middleware/context";
import { session } from "./middleware/session";
import { locale } from "./middleware/locale";
import { csrf } from "./middleware/csrf";
import { renderer } from "./render";
import { renderError } from "./routes/errors";
import { auth } from "./routes/auth";
import { home } from "./routes/home";
import { localeSwitch } from "./routes/locale";
import { adminPeople } from "./routes/admin-people";
import { devOutbox } from "./routes/dev-outbox";

/** Builds the app: middleware in order of need, then one sub-app per resource. */
export function buildApp() {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    checkConfig(c.env);
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
    }),
  );
  app.use(requestContext, session, locale, csrf(), renderer);

  app.route("/", home);
  app.route("/", auth);
  app.route("/", localeSwitch);
  app.route("/", adminPeople);
  // Development-only pages do not exist at all in production.
  app.use("/dev/*", async (c, next) => (c.env.APP_ENV === "development" ? next() : renderError(c, 404, "notFound")));
  app.route("/", devOutbox);

  app.notFound((c) => renderError(c, 404, "notFound"));
  app.onError((err, c) => {
    console.error(err);
    if (!c.var.t) return c.text("Internal error", 500);
    return renderError(c, 500, "server");
  });
  return app;
}
