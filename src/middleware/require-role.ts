import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { hasAnyRole, type Role } from "../domain/auth/access";
import { renderError } from "../routes/errors";

/**
 * The one gate for pages: not signed in → to the sign-in page (HTML) or 401;
 * signed in without one of the roles → 403.
 */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) {
      if (c.req.method === "GET" && !c.req.header("hx-request")) {
        const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""));
        return c.redirect(`/sign-in?next=${next}`, 303);
      }
      return renderError(c, 401, "forbidden");
    }
    if (roles.length > 0 && !hasAnyRole(user, roles)) return renderError(c, 403, "forbidden");
    await next();
  });
}

/** Signed in at all, whatever the role. */
export const requireSignIn = requireRole();
