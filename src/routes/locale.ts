import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isLocale, LOCALE_COOKIE } from "../middleware/locale";
import { safeNext } from "../lib/safe-next";

export const localeRoutes = new Hono<AppEnv>();

/** The visible language switch: a plain link that remembers the choice in a cookie. */
localeRoutes.get("/locale/:lang", (c) => {
  const lang = c.req.param("lang");
  if (!isLocale(lang)) return c.notFound();
  setCookie(c, LOCALE_COOKIE, lang, { path: "/", maxAge: 365 * 86_400, sameSite: "Lax", secure: true });
  return c.redirect(safeNext(c.req.query("next")) ?? "/", 303);
});
