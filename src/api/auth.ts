// Bearer tokens only: the ADMIN_API_TOKEN secret (compared in constant time) or a token made in the
// UI. Cookies are never read here, so the API has no CSRF surface. Each caller has a request budget.
import { createMiddleware } from "hono/factory";
import type { ApiEnv, Principal } from "./context";
import { ApiError } from "./errors";
import { apiAdmin, type CurrentUser } from "../domain/auth/access";
import { authenticateApiToken } from "../domain/auth/api-tokens";
import { hitRateLimits, type Limit } from "../domain/auth/rate-limit";
import { constantTimeEqual, sha256 } from "../lib/crypto";

/** Requests per minute per token; failed attempts per client address per 15 minutes. */
export const API_PER_TOKEN: Limit = { max: 600, windowSeconds: 60 };
export const API_FAILURES_PER_CLIENT: Limit = { max: 30, windowSeconds: 15 * 60 };

export function rateLimitKey(tokenId: string | null) {
  return `api:token:${tokenId ?? "admin-secret"}`;
}

function tooMany(limit: Limit) {
  return new ApiError(429, "rate_limited", { vars: { seconds: limit.windowSeconds } });
}

function partnerUser(actorId: string | null, partnerId: string, neighbourhoodIds: string[]): CurrentUser {
  return {
    id: actorId,
    name: "API",
    email: null,
    locale: "nl",
    isAdmin: false,
    coordinatorOf: [],
    coordinatorNeighbourhoods: [],
    partnerOrgIds: [partnerId],
    partnerNeighbourhoods: neighbourhoodIds,
    sessionId: null,
  };
}

export const bearerAuth = createMiddleware<ApiEnv>(async (c, next) => {
  const { db, now } = c.var;
  const raw = c.req.header("authorization")?.match(/^Bearer[ ]+(\S+)\s*$/i)?.[1];
  let principal: Principal | null = null;
  if (raw) {
    const secret = c.env.ADMIN_API_TOKEN;
    if (secret && constantTimeEqual(raw, secret)) {
      principal = { kind: "admin", actorId: null, tokenId: null, partnerId: null, neighbourhoodIds: [], user: apiAdmin };
    } else if (raw.length <= 200) {
      const caller = await authenticateApiToken(db, raw, now);
      if (caller?.role === "admin") {
        principal = {
          kind: "admin",
          actorId: caller.actorId,
          tokenId: caller.tokenId,
          partnerId: null,
          neighbourhoodIds: [],
          user: { ...apiAdmin, id: caller.actorId },
        };
      } else if (caller?.partnerId) {
        principal = {
          kind: "partner",
          actorId: caller.actorId,
          tokenId: caller.tokenId,
          partnerId: caller.partnerId,
          neighbourhoodIds: caller.neighbourhoodIds,
          user: partnerUser(caller.actorId, caller.partnerId, caller.neighbourhoodIds),
        };
      }
    }
  }
  if (!principal) {
    const client = await sha256(c.req.header("cf-connecting-ip") ?? "local");
    const allowed = await hitRateLimits(db, [{ key: `api:fail:${client}`, limit: API_FAILURES_PER_CLIENT }], now);
    c.header("WWW-Authenticate", 'Bearer realm="wijkonderhoud"');
    throw allowed ? new ApiError(401, "unauthorized") : tooMany(API_FAILURES_PER_CLIENT);
  }
  if (!(await hitRateLimits(db, [{ key: rateLimitKey(principal.tokenId), limit: API_PER_TOKEN }], now))) {
    c.header("Retry-After", String(API_PER_TOKEN.windowSeconds));
    throw tooMany(API_PER_TOKEN);
  }
  c.set("principal", principal);
  await next();
});
