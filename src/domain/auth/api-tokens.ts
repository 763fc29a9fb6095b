// API tokens: made in the UI by an admin (for any purpose) or by a partner (for their own
// organisation), shown once, stored only as a SHA-256 hash, named, revocable, with the time
// they were last used. A partner token reads only the neighbourhoods its organisation is linked to.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiTokens, partnerNeighbourhoods, partnerOrgs, people } from "../../db/schema";
import { randomToken, sha256 } from "../../lib/crypto";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type Rule } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { CurrentUser } from "./access";
import { audit } from "../audit";

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApiTokenItem = Omit<ApiTokenRow, "tokenHash"> & { partnerName: string | null; createdByName: string | null };

/** A recognisable prefix, so a leaked token is easy to find in logs and code. */
export const TOKEN_PREFIX = "wko_";

export const TOKEN_ROLES = ["admin", "partner"] as const;

const tokenFields = {
  name: f.requiredText("api.tokens.name", 80),
  role: f.choice("api.tokens.role", TOKEN_ROLES, { fallback: "partner" }),
  partnerId: f.optionalId("api.tokens.partner"),
};

const partnerNamed: Rule<typeof tokenFields> = (v) =>
  v.role === "partner" && !v.partnerId && "partnerId" in v ? { partnerId: "api.tokens.error.partner" } : {};

/** A new token: the form on /api-tokens and POST /api/v1/tokens. An admin token belongs to no organisation. */
export const apiTokenContract = defineContract({
  name: "ApiToken",
  fields: tokenFields,
  rules: [partnerNamed],
  normalise: (v) => (v.role === "admin" ? { ...v, partnerId: null } : v),
});
export type ApiTokenInput = { name: string; role: (typeof TOKEN_ROLES)[number]; partnerId?: string | null | undefined };

/** Which organisations' tokens this person manages: admins all (null), partners their own. */
export function manageableOrgs(user: CurrentUser): string[] | null {
  return user.isAdmin ? null : user.partnerOrgIds;
}

export function mayManageToken(user: CurrentUser, token: Pick<ApiTokenRow, "role" | "partnerId">): boolean {
  if (user.isAdmin) return true;
  return token.role === "partner" && !!token.partnerId && user.partnerOrgIds.includes(token.partnerId);
}

/**
 * Only admins make admin tokens, and only as a person: an admin token works while its maker is an
 * admin (see authenticateApiToken), so one made with the ADMIN_API_TOKEN secret (which is nobody)
 * could never work and is refused. A partner names one of their own organisations; the
 * organisation must exist.
 */
export async function checkApiTokenInput(db: Db, user: CurrentUser, input: ApiTokenInput): Promise<FieldErrors> {
  if (input.role === "admin") {
    if (!user.isAdmin) return { role: "form.unknownOption" };
    return user.id ? {} : { role: "api.tokens.error.adminNeedsPerson" };
  }
  const orgs = manageableOrgs(user);
  if (orgs && !orgs.includes(input.partnerId ?? "")) return { partnerId: "form.unknownOption" };
  const found = await db
    .select({ id: partnerOrgs.id, archivedAt: partnerOrgs.archivedAt })
    .from(partnerOrgs)
    .where(eq(partnerOrgs.id, input.partnerId ?? ""));
  if (!found[0]) return { partnerId: "form.unknownOption" };
  // A partner token works while its organisation is not archived (authenticateApiToken): this one never would.
  return found[0].archivedAt ? { partnerId: "api.tokens.error.partnerArchived" } : {};
}

/**
 * Makes a token after the checks both the page and the API need (checkApiTokenInput): the field
 * errors when it could not work or is not this person's to make, else the new token, shown once.
 */
export async function issueApiToken(
  db: Db,
  user: CurrentUser,
  input: ApiTokenInput,
  now: Date,
): Promise<{ ok: false; errors: FieldErrors } | { ok: true; id: string; token: string }> {
  const errors = await checkApiTokenInput(db, user, input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, ...(await createApiToken(db, input, user.id, now)) };
}

/** The tokens this person manages (admins: all; partners: their organisations'), with names. */
function manageableTokens(db: Db, user: CurrentUser, where?: SQL) {
  const orgs = manageableOrgs(user);
  return db
    .select({
      token: apiTokens,
      partnerName: sql<string | null>`${partnerOrgs.name}`.as("t_partner_name"),
      createdByName: sql<string | null>`${people.name}`.as("t_created_by_name"),
    })
    .from(apiTokens)
    .leftJoin(partnerOrgs, eq(partnerOrgs.id, apiTokens.partnerId))
    .leftJoin(people, eq(people.id, apiTokens.createdBy))
    .where(
      and(
        orgs ? (orgs.length ? and(eq(apiTokens.role, "partner"), inArray(apiTokens.partnerId, orgs.slice(0, 90))) : sql`0`) : undefined,
        where,
      ),
    );
}

type ItemRow = { token: ApiTokenRow; partnerName: string | null; createdByName: string | null };
const toItem = ({ token: { tokenHash: _h, ...t }, partnerName, createdByName }: ItemRow): ApiTokenItem => ({
  ...t,
  partnerName,
  createdByName,
});

/** For the page: active tokens first, newest first. */
export async function listApiTokens(db: Db, user: CurrentUser): Promise<ApiTokenItem[]> {
  const rows = await manageableTokens(db, user).orderBy(sql`${apiTokens.revokedAt} IS NOT NULL`, desc(apiTokens.createdAt));
  return rows.map(toItem);
}

/**
 * For the API: the same tokens in a stable order (made, then id), up to `limit + 1` after `after`;
 * `revoked` leaves revoked tokens out, keeps them or gives only them.
 */
export async function pageApiTokens(
  db: Db,
  user: CurrentUser,
  q: { limit: number; after?: { at: string; id: string } | undefined; revoked: "exclude" | "include" | "only" },
): Promise<ApiTokenItem[]> {
  const a = q.after;
  const rows = await manageableTokens(
    db,
    user,
    and(
      q.revoked === "include" ? undefined : q.revoked === "only" ? isNotNull(apiTokens.revokedAt) : isNull(apiTokens.revokedAt),
      a ? or(gt(apiTokens.createdAt, a.at), and(eq(apiTokens.createdAt, a.at), gt(apiTokens.id, a.id))) : undefined,
    ),
  )
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id))
    .limit(q.limit + 1);
  return rows.map(toItem);
}

/** One token this person manages, with names; null when it does not exist or is not theirs. */
export async function getApiTokenItem(db: Db, user: CurrentUser, id: string): Promise<ApiTokenItem | null> {
  const rows = await manageableTokens(db, user, eq(apiTokens.id, id));
  return rows[0] ? toItem(rows[0]) : null;
}

export async function getApiToken(db: Db, id: string): Promise<ApiTokenRow | null> {
  return (await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id) })) ?? null;
}

/** Makes a token; the raw value is returned once and never stored. Never an admin token without a maker (it could not work). */
export async function createApiToken(db: Db, input: ApiTokenInput, actorId: string | null, now: Date) {
  if (input.role === "admin" && !actorId) throw new Error("an admin API token needs a person as its maker");
  const id = crypto.randomUUID();
  const token = TOKEN_PREFIX + randomToken(32);
  const partnerId = input.role === "partner" ? (input.partnerId ?? null) : null;
  await db.batch([
    db.insert(apiTokens).values({
      id,
      name: input.name,
      tokenHash: await sha256(token),
      role: input.role,
      partnerId,
      createdBy: actorId,
      createdAt: now.toISOString(),
    }),
    audit(
      db,
      { actorId, entity: "api_token", entityId: id, action: "create", changes: { name: input.name, role: input.role, partnerId } },
      now,
    ),
  ]);
  return { id, token };
}

export async function revokeApiToken(db: Db, token: ApiTokenRow, actorId: string | null, now: Date) {
  if (token.revokedAt) return;
  await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(apiTokens.id, token.id), isNull(apiTokens.revokedAt))),
    audit(db, { actorId, entity: "api_token", entityId: token.id, action: "revoke" }, now),
  ]);
}

export type TokenCaller = {
  tokenId: string;
  role: "admin" | "partner";
  actorId: string | null;
  partnerId: string | null;
  neighbourhoodIds: string[];
};

/**
 * The caller behind a raw token, or null when it is unknown, revoked, or no longer backed:
 * an admin token works while its maker is still an admin (and not erased); a partner token
 * while its organisation is not archived. Marks the token as used.
 */
export async function authenticateApiToken(db: Db, raw: string, now: Date): Promise<TokenCaller | null> {
  const hash = await sha256(raw);
  const [rows, links] = await db.batch([
    db
      .select({
        token: apiTokens,
        creatorAdmin: people.isAdmin,
        creatorErasedAt: people.erasedAt,
        orgArchivedAt: partnerOrgs.archivedAt,
        orgId: sql<string | null>`${partnerOrgs.id}`.as("t_org_id"),
      })
      .from(apiTokens)
      .leftJoin(people, eq(people.id, apiTokens.createdBy))
      .leftJoin(partnerOrgs, eq(partnerOrgs.id, apiTokens.partnerId))
      .where(eq(apiTokens.tokenHash, hash)),
    db
      .select({ neighbourhoodId: partnerNeighbourhoods.neighbourhoodId })
      .from(partnerNeighbourhoods)
      .innerJoin(apiTokens, eq(apiTokens.partnerId, partnerNeighbourhoods.partnerId))
      .where(eq(apiTokens.tokenHash, hash)),
  ]);
  const row = rows[0];
  if (!row || row.token.revokedAt) return null;
  const { token } = row;
  if (token.role === "admin" && (token.createdBy === null || !row.creatorAdmin || row.creatorErasedAt)) return null;
  if (token.role === "partner" && (!row.orgId || row.orgArchivedAt)) return null;
  await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, token.id));
  return {
    tokenId: token.id,
    role: token.role,
    actorId: token.createdBy,
    partnerId: token.partnerId,
    neighbourhoodIds: token.role === "partner" ? [...new Set(links.map((l) => l.neighbourhoodId))] : [],
  };
}

/** The organisations this person may make a partner token for (admins: every active one). */
export async function tokenPartnerOptions(db: Db, user: CurrentUser): Promise<{ id: string; name: string }[]> {
  const orgs = manageableOrgs(user);
  if (orgs && orgs.length === 0) return [];
  return db
    .select({ id: partnerOrgs.id, name: partnerOrgs.name })
    .from(partnerOrgs)
    .where(and(isNull(partnerOrgs.archivedAt), orgs ? inArray(partnerOrgs.id, orgs.slice(0, 90)) : undefined))
    .orderBy(partnerOrgs.name);
}
