import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { apiAdmin, loadSession } from "../domain/auth/access";
import { recordNamedBy } from "./scope";
import { constantTimeEqual } from "../lib/crypto";

export const SESSION_COOKIE = "__Host-session";

/**
 * Sets c.var.user: from the session cookie, or (for automation) from `Authorization: Bearer`
 * with ADMIN_API_TOKEN, compared in constant time. An absent secret disables the bearer.
 */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  c.set("user", null);
  c.set("pathRow", null);
  const bearer = c.req.header("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer) {
    if (c.env.ADMIN_API_TOKEN && constantTimeEqual(bearer, c.env.ADMIN_API_TOKEN)) c.set("user", apiAdmin);
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const { user, pathRow } = await loadSession(c.var.db, token, c.var.now, recordNamedBy(c.req.path));
      c.set("user", user);
      c.set("pathRow", pathRow);
    }
  }
  await next();
});

export function isBearerRequest(user: { id: string | null; sessionId: string | null } | null): boolean {
  return !!user && user.sessionId === null && user.id === null;
}
