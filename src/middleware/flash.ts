import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import type { Translate } from "../i18n";
import { constantTimeEqual, hmac } from "../lib/crypto";

/**
 * "It worked" after a write, once, with or without JavaScript: the write redirects (303) with a
 * short-lived signed cookie; the next full page shows the message (the layout, `role="status"`)
 * and clears the cookie. The message sits where the change is: `at` names a section of the page
 * the redirect lands on (its id, also the URL's fragment), which shows it under its heading;
 * without `at` it stands at the top of the page. htmx answers carry the same words in their fragment.
 */
export type Flash = { text: string; at?: FlashPlace; kind?: "error" };

/** The sections that show a flash under their heading (each renders `<FlashMessage at=…>`). */
export const FLASH_PLACES = [
  "activities",
  "tasks",
  "volunteers",
  "funding",
  "commitments",
  "checkins",
  "notes",
  "facilities",
  "public-page",
  "assets",
  "offers",
  "documents",
] as const;
export type FlashPlace = (typeof FLASH_PLACES)[number];

const COOKIE = "flash"; // sent as __Host-flash
const MAX_AGE_SECONDS = 60;

/**
 * The cookie is `<message as JSON>.<HMAC of it>` (our own HMAC, as the CSRF token:
 * hono's signed cookies would add their own code to the Worker for the same thing).
 *
 * Sets the flash and redirects (303) to `url`. When the URL's fragment names a section that shows
 * flashes (`/initiatives/x#tasks`), the message stands there; otherwise at the top of the page.
 * `kind: "error"` is for the rare write that could not be done (someone else changed it first).
 */
export async function flashRedirect(c: Context<AppEnv>, url: string, text: string, kind?: "error") {
  const fragment = url.includes("#") ? url.slice(url.indexOf("#") + 1) : "";
  const at = (FLASH_PLACES as readonly string[]).includes(fragment) ? (fragment as FlashPlace) : undefined;
  const flash: Flash = { text, ...(at ? { at } : {}), ...(kind ? { kind } : {}) };
  const payload = JSON.stringify(flash);
  setCookie(c, COOKIE, `${payload}.${await hmac(c.env.SESSION_SECRET, `flash:${payload}`)}`, {
    prefix: "host",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: MAX_AGE_SECONDS,
  });
  return c.redirect(url, 303);
}

/** Reads a pending flash into c.var.flash (a tampered or unreadable cookie counts as none). */
export const flash = createMiddleware<AppEnv>(async (c, next) => {
  c.set("flash", null);
  const value = getCookie(c, COOKIE, "host");
  const dot = value?.lastIndexOf(".") ?? -1;
  if (value && dot > 0) {
    const payload = value.slice(0, dot);
    const signed = constantTimeEqual(value.slice(dot + 1), await hmac(c.env.SESSION_SECRET, `flash:${payload}`));
    c.set("flash", signed ? parse(payload) : null);
  }
  await next();
});

/** The layout calls this when it shows the flash: it is shown once. */
export function consumeFlash(c: Context<AppEnv>): Flash | null {
  const value = c.var.flash;
  if (value) deleteCookie(c, COOKIE, { prefix: "host", path: "/", secure: true });
  return value;
}

function parse(payload: string): Flash | null {
  try {
    const v = JSON.parse(payload) as Partial<Flash>;
    if (typeof v.text !== "string" || !v.text) return null;
    const at = (FLASH_PLACES as readonly string[]).includes(v.at ?? "") ? (v.at as FlashPlace) : undefined;
    return { text: v.text, ...(at ? { at } : {}), ...(v.kind === "error" ? { kind: "error" as const } : {}) };
  } catch {
    return null;
  }
}

type Thing =
  "initiative" | "activity" | "involvement" | "funding" | "commitment" | "task" | "neighbourhood" | "partner" | "asset" | "facility";
const HISTORY_WORDS = new Set<Thing>(["initiative", "activity", "involvement", "funding", "commitment", "task"]);

/** "Activiteit toegevoegd: Repaircafé." — what happened to which thing, by its name. */
export function savedText(t: Translate, action: "added" | "saved" | "archived" | "restored", thing: Thing, name: string): string {
  const what = HISTORY_WORDS.has(thing)
    ? t(`history.entity.${thing as "activity"}`)
    : t(`flash.entity.${thing as "neighbourhood" | "partner" | "asset" | "facility"}`);
  return t(`flash.${action}`, { what, name });
}
