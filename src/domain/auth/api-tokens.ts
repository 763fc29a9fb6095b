// API tokens: made in the UI by an admin (for any purpose) or by a partner (for their own
// organisation), shown once, stored only as a SHA-256 hash, named, revocable, with the time
// they were last used. A partner token reads only the neighbourhoods its organisation is linked to.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { apiTokens, partnerNeighbourhoods, partnerOrgs, people } from "../../db/schema";
import { randomToken, sha256 } from "../../lib/crypto";
import { optionalText, requiredText, type FieldErrors } from "../../lib/validation";
import type { CurrentUser } from "./access";
import { audit } from "../audit";

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApiTokenItem = Omit<ApiTokenRow, "tokenHash"> & { partnerName: string | null; createdByName: string | null };

/** A recognisable prefix, so a leaked token is easy to find in logs and code. */
export const TOKEN_PREFIX = "wko_";

export const apiTokenSchema = z
  .object({
    name: requiredText(80),
    role: z.enum(["admin", "partner"], "form.unknownOption").default("partner"),
    partnerId: optionalText(64),
  })
  .superRefine((v, ctx) => {
    if (v.role === "partner" && !v.partnerId) ctx.addIssue({ code: "custom", path: ["partnerId"], message: "api.tokens.error.partner" });
  });
export type ApiTokenInput = z.output<typeof apiTokenSchema>;

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
    .select({ id: partnerOrgs.id })
    .from(partnerOrgs)
    .where(and(eq(partnerOrgs.id, input.partnerId ?? ""), isNull(partnerOrgs.archivedAt)));
  return found[0] ? {} : { partnerId: "form.unknownOption" };
}

export async function listApiTokens(db: Db, user: CurrentUser): Promise<ApiTokenItem[]> {
  const orgs = manageableOrgs(user);
  if (orgs && orgs.length === 0) return [];
  const rows = await db
    .select({
      token: apiTokens,
      partnerName: sql<string | null>`${partnerOrgs.name}`.as("t_partner_name"),
      createdByName: sql<string | null>`${people.name}`.as("t_created_by_name"),
    })
    .from(apiTokens)
    .leftJoin(partnerOrgs, eq(partnerOrgs.id, apiTokens.partnerId))
    .leftJoin(people, eq(people.id, apiTokens.createdBy))
    .where(orgs ? and(eq(apiTokens.role, "partner"), inArray(apiTokens.partnerId, orgs.slice(0, 90))) : undefined)
    .orderBy(sql`${apiTokens.revokedAt} IS NOT NULL`, desc(apiTokens.createdAt));
  return rows.map(({ token: { tokenHash: _h, ...t }, partnerName, createdByName }) => ({ ...t, partnerName, createdByName }));
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
