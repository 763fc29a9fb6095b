// API tokens through the API (admins): make one (its secret is in the answer, once), list them,
// read one, revoke one. The same contract, checks and writes as the /api-tokens page
// (src/domain/auth/api-tokens.ts): a token that could never work — an admin token made with the
// ADMIN_API_TOKEN secret (which is nobody), a partner token of an archived organisation — is
// refused with a message on its field. Secrets are never stored or shown again: only a hash is kept.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import {
  apiTokenContract,
  getApiToken,
  getApiTokenItem,
  issueApiToken,
  pageApiTokens,
  revokeApiToken,
  TOKEN_ROLES,
} from "../../domain/auth/api-tokens";
import type { ApiContext } from "../context";
import { invalid, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, op, type ApiApp } from "../ops";
import { decodeCursor, pageQuery, toPage } from "../pagination";
import { requireAdmin } from "../scope";
import { accepted } from "./common";

const TAG = "API tokens";

const instant = (description: string) => z.string().openapi({ format: "date-time", description });

const TokenRecord = z
  .object({
    id: z.string().openapi({ description: "The token's id (not the secret)." }),
    name: z.string().openapi({ description: "What it is for." }),
    role: z.enum(TOKEN_ROLES).openapi({ description: "admin: may do everything; partner: reads its organisation's neighbourhoods." }),
    partnerId: z.string().nullable().openapi({ description: "A partner token's organisation; null for an admin token." }),
    partnerName: z.string().nullable().openapi({ description: "That organisation's name." }),
    createdBy: z.string().nullable().openapi({ description: "Who made it (an admin token works while this person is an admin)." }),
    createdByName: z.string().nullable().openapi({ description: "That person's name." }),
    createdAt: instant("When it was made."),
    lastUsedAt: instant("When it was last used; null if never.").nullable(),
    revokedAt: instant("When it was revoked; null while it works.").nullable(),
  })
  .openapi("ApiToken");

const CreatedToken = TokenRecord.extend({
  token: z.string().openapi({
    description: "The secret, to send as Authorization: Bearer <token>. Shown only in this answer: keep it now; only a hash is stored.",
    example: "wko_…",
  }),
}).openapi("ApiTokenCreated");

async function load(c: ApiContext, id: string) {
  requireAdmin(c);
  const item = await getApiTokenItem(c.var.db, c.var.principal.user, id);
  if (!item) throw notFound();
  return item;
}

export function registerTokensApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/tokens", {
      id: "listTokens",
      tag: TAG,
      summary: "List API tokens (admin)",
      description: "Oldest first. Revoked tokens are left out unless revoked=include or only.",
    }),
    request: {
      query: z.object({
        ...pageQuery,
        revoked: z
          .enum(["exclude", "include", "only"])
          .default("exclude")
          .openapi({ description: "Revoked tokens: left out (default), included, or only those." }),
      }),
    },
    responses: listed("ApiToken", TokenRecord),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const rows = await pageApiTokens(c.var.db, c.var.principal.user, { ...q, after: q.cursor ? decodeCursor(q.cursor) : undefined });
    return c.json(
      toPage(rows, q.limit, (t) => ({ at: t.createdAt, id: t.id })),
      200,
    );
  });

  const get = createRoute({
    ...op("get", "/tokens/{id}", { id: "getToken", tag: TAG, summary: "Get an API token (admin; never its secret)" }),
    request: { params: idParams },
    responses: found(TokenRecord),
  });
  app.openapi(get, async (c) => c.json(await load(c, c.req.valid("param").id), 200));

  const create = createRoute({
    ...op("post", "/tokens", {
      id: "createToken",
      tag: TAG,
      summary: "Make an API token (admin); the answer holds its secret, once",
      description:
        "role partner (the default) needs partnerId, an organisation that is not archived; role admin makes a token that belongs to the admin whose token makes it " +
        "(it works while that person is an admin), so it cannot be made with the ADMIN_API_TOKEN secret, which is nobody. Both are refused with 422 on the field.",
    }),
    request: { body: jsonBody(apiTokenContract.createBody()) },
    responses: changed(CreatedToken, 201),
  });
  app.openapi(create, async (c) => {
    requireAdmin(c);
    const { db, now, principal } = c.var;
    const input = accepted(apiTokenContract.fromJson(c.req.valid("json")));
    const made = await issueApiToken(db, principal.user, input, now);
    if (!made.ok) throw invalid(made.errors);
    const item = (await getApiTokenItem(db, principal.user, made.id))!;
    return c.json({ ...item, token: made.token }, 201);
  });

  const revoke = createRoute({
    ...op("post", "/tokens/{id}/revocation", {
      id: "revokeToken",
      tag: TAG,
      summary: "Revoke an API token (admin)",
      description: "It stops working at once. Revoking a revoked token changes nothing.",
    }),
    request: { params: idParams },
    responses: changed(TokenRecord),
  });
  app.openapi(revoke, async (c) => {
    const item = await load(c, c.req.valid("param").id);
    const { db, now, principal } = c.var;
    await revokeApiToken(db, (await getApiToken(db, item.id))!, principal.actorId, now);
    return c.json((await getApiTokenItem(db, principal.user, item.id))!, 200);
  });
}
