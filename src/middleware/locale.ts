import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { LOCALES, type Locale } from "../db/schema";
import { localeFromAcceptLanguage, translator } from "../i18n";

export const LOCALE_COOKIE = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The visible switch (cookie) wins, then the signed-in person's choice, then Accept-Language. */
export const locale = createMiddleware<AppEnv>(async (c, next) => {
  const chosen = getCookie(c, LOCALE_COOKIE);
  const user = c.get("user");
  const lang: Locale = isLocale(chosen) ? chosen : (user?.locale ?? localeFromAcceptLanguage(c.req.header("accept-language")));
  c.set("locale", lang);
  c.set("t", translator(lang));
  await next();
});
