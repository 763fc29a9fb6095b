import { Hono } from "hono";
import type { AppEnv } from "../env";
import { loadDevEmailHtml, loadDevOutbox } from "../domain/mail/dev-outbox";
import { renderError } from "./errors";
import { OutboxPage } from "../../views/dev/outbox-page";

/** Development only (mounted when APP_ENV=development): the mail the app would have sent. */
export const devOutboxRoutes = new Hono<AppEnv>();

devOutboxRoutes.get("/dev/outbox", async (c) => {
  const { t, db, locale } = c.var;
  const { emails, waiting } = await loadDevOutbox(db);
  return c.render(<OutboxPage t={t} locale={locale} emails={emails} waiting={waiting} />, { title: t("dev.outbox.title") });
});

/**
 * One email's HTML as the recipient sees it, for the sandboxed frame on /dev/outbox. Its own strict
 * policy: no scripts, nothing loaded from anywhere, no forms; only its inline styles (as in a mail
 * client), shown only inside this app's own pages. (secureHeaders leaves headers a route set.)
 */
devOutboxRoutes.get("/dev/outbox/:id/html", async (c) => {
  const html = await loadDevEmailHtml(c.var.db, c.req.param("id"));
  if (html === null) return renderError(c, 404, "notFound");
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox",
  );
  c.header("X-Frame-Options", "SAMEORIGIN");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
  return c.body(html, 200, { "Content-Type": "text/html; charset=utf-8" });
});
