import { createMiddleware } from "hono/factory";
import { csrf as originCheck } from "hono/csrf";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { constantTimeEqual, hmac, randomToken } from "../lib/crypto";
import { isBearerRequest } from "./session";
import { renderError } from "../routes/errors";

export const CSRF_COOKIE = "__Host-csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Two locks on every state change: the browser's Origin / Sec-Fetch-Site must be ours (hono/csrf),
 * and the form field or htmx header must carry the token derived from this browser's CSRF cookie.
 * Requests authenticated by a bearer token carry no cookies and need neither.
 * `exempt` lists path prefixes that must accept cross-site POSTs (one-click unsubscribe, webhooks).
 */
export function csrf(options: { exempt?: string[] } = {}) {
  const checkOrigin = originCheck();
  return createMiddleware<AppEnv>(async (c, next) => {
    let cookie = getCookie(c, CSRF_COOKIE);
    if (!cookie) {
      cookie = randomToken(18);
      setCookie(c, CSRF_COOKIE, cookie, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
    }
    const expected = await hmac(c.env.SESSION_SECRET, `csrf:${cookie}`);
    c.set("csrfToken", expected);

    const exempt = options.exempt?.some((p) => c.req.path.startsWith(p));
    if (SAFE.has(c.req.method) || exempt || isBearerRequest(c.var.user)) return next();

    const refuse = () => renderError(c, 403, "csrf");
    let originOk = true;
    await checkOrigin(c, async () => {}).catch(() => (originOk = false));
    if (!originOk) return refuse();

    let sent = c.req.header(CSRF_HEADER);
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody({ all: true });
        const value = body[CSRF_FIELD];
        sent = typeof value === "string" ? value : undefined;
      }
    }
    if (!sent || !constantTimeEqual(sent, expected)) return refuse();
    return next();
  });
}
