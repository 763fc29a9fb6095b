// What every API handler has: the db and clock from the app, the caller (a bearer token) and the
// language of the messages (Accept-Language). Session cookies play no part here.
import type { Context } from "hono";
import type { Db } from "../db/client";
import type { Locale } from "../db/schema";
import type { Translate } from "../i18n";
import type { CurrentUser } from "../domain/auth/access";

export type Principal = {
  kind: "admin" | "partner";
  /** Who answers for changes made with this token (its creator); null for the ADMIN_API_TOKEN secret. */
  actorId: string | null;
  tokenId: string | null;
  /** For partner tokens: the organisation and the neighbourhoods it is linked to. */
  partnerId: string | null;
  neighbourhoodIds: string[];
  /** The same shape the screens use, for domain functions that ask "who is this?". */
  user: CurrentUser;
};

/** What the app's middleware made for this request (src/api/lazy.ts hands it over under this key of env). */
export type ApiRequestContext = { db: Db; now: Date; today: string };
export const API_REQUEST_CONTEXT = Symbol("the app's request context");

export type ApiVariables = { db: Db; now: Date; today: string; locale: Locale; t: Translate; principal: Principal };
export type ApiEnv = { Bindings: Env; Variables: ApiVariables };
export type ApiContext = Context<ApiEnv>;

export const isAdmin = (p: Principal) => p.kind === "admin";
export const mayReadNeighbourhood = (p: Principal, neighbourhoodId: string) =>
  p.kind === "admin" || p.neighbourhoodIds.includes(neighbourhoodId);
