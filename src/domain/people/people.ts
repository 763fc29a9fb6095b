// People and their roles, as managed by admins.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { people, initiatives, initiativeCoordinators, partnerMembers, partnerOrgs, LOCALES } from "../../db/schema";
import { checkbox, email, requiredText, stringList } from "../../lib/validation";
import { expectVersion, batchWithVersion } from "../../db/versioned";
import { audit, diff } from "../audit";

export const personRolesSchema = z.object({
  name: requiredText(120),
  locale: z.enum(LOCALES, "form.unknownOption"),
  isAdmin: checkbox(),
  coordinatorOf: stringList(),
  partnerOrgIds: stringList(),
});
export const inviteSchema = personRolesSchema.extend({ email: email() });
export const updateRolesSchema = personRolesSchema.extend({ version: z.coerce.number().int().min(1) });

export type InviteInput = z.output<typeof inviteSchema>;
export type UpdateRolesInput = z.output<typeof updateRolesSchema>;

export async function roleOptions(db: Db) {
  const [inits, orgs] = await db.batch([
    db
      .select({ id: initiatives.id, name: initiatives.name })
      .from(initiatives)
      .where(isNull(initiatives.archivedAt))
      .orderBy(asc(initiatives.name)),
    db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name })
      .from(partnerOrgs)
      .where(isNull(partnerOrgs.archivedAt))
      .orderBy(asc(partnerOrgs.name)),
  ]);
  return { initiatives: inits, partnerOrgs: orgs };
}

export type PersonWithRoles = typeof people.$inferSelect & { coordinatorOf: string[]; partnerOrgIds: string[] };

export async function listPeopleWithRoles(db: Db): Promise<PersonWithRoles[]> {
  const [rows, coords, members] = await db.batch([
    db.select().from(people).where(isNull(people.erasedAt)).orderBy(asc(people.name)),
    db.select().from(initiativeCoordinators),
    db.select().from(partnerMembers),
  ]);
  return rows.map((p) => ({
    ...p,
    coordinatorOf: coords.filter((c) => c.personId === p.id).map((c) => c.initiativeId),
    partnerOrgIds: members.filter((m) => m.personId === p.id).map((m) => m.partnerId),
  }));
}

export async function getPersonWithRoles(db: Db, id: string): Promise<PersonWithRoles | null> {
  const [rows, coords, members] = await db.batch([
    db.select().from(people).where(eq(people.id, id)),
    db.select().from(initiativeCoordinators).where(eq(initiativeCoordinators.personId, id)),
    db.select().from(partnerMembers).where(eq(partnerMembers.personId, id)),
  ]);
  const p = rows[0];
  if (!p || p.erasedAt) return null;
  return { ...p, coordinatorOf: coords.map((c) => c.initiativeId), partnerOrgIds: members.map((m) => m.partnerId) };
}

/** The person (not erased) this address belongs to, with their roles: inviting them again means giving them a role. */
export async function personByEmail(db: Db, address: string): Promise<PersonWithRoles | null> {
  const row = await db.query.people.findFirst({ where: eq(people.email, address.toLowerCase()) });
  return row ? getPersonWithRoles(db, row.id) : null;
}

export async function emailTaken(db: Db, address: string, exceptId?: string) {
  const row = await db.query.people.findFirst({ where: eq(people.email, address) });
  return !!row && row.id !== exceptId;
}

/** Only ids that exist may be linked; unknown ids are a validation error, not a foreign-key crash. */
export async function checkRoleLinks(db: Db, input: { coordinatorOf: string[]; partnerOrgIds: string[] }) {
  const opts = await roleOptions(db);
  const errors: Record<string, "form.unknownOption"> = {};
  if (input.coordinatorOf.some((id) => !opts.initiatives.some((i) => i.id === id))) errors.coordinatorOf = "form.unknownOption";
  if (input.partnerOrgIds.some((id) => !opts.partnerOrgs.some((o) => o.id === id))) errors.partnerOrgIds = "form.unknownOption";
  return errors;
}

function roleRows(db: Db, personId: string, input: { coordinatorOf: string[]; partnerOrgIds: string[] }) {
  const statements = [];
  for (const initiativeId of new Set(input.coordinatorOf))
    statements.push(db.insert(initiativeCoordinators).values({ initiativeId, personId }));
  for (const partnerId of new Set(input.partnerOrgIds)) statements.push(db.insert(partnerMembers).values({ partnerId, personId }));
  return statements;
}

export async function createPersonWithRoles(db: Db, input: InviteInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.batch([
    db.insert(people).values({
      id,
      name: input.name,
      email: input.email,
      locale: input.locale,
      isAdmin: input.isAdmin,
      createdAt: at,
      createdBy: actorId,
      updatedAt: at,
      updatedBy: actorId,
    }),
    ...roleRows(db, id, input),
    audit(db, { actorId, entity: "person", entityId: id, action: "create", changes: { roles: rolesSummary(input) } }, now),
  ]);
  return id;
}

function rolesSummary(input: { isAdmin: boolean; coordinatorOf: string[]; partnerOrgIds: string[] }) {
  return { isAdmin: input.isAdmin, coordinatorOf: [...input.coordinatorOf].sort(), partnerOrgIds: [...input.partnerOrgIds].sort() };
}

/** Replaces name, language and roles; throws StaleVersionError when someone saved in between. */
export async function updatePersonRoles(db: Db, before: PersonWithRoles, input: UpdateRolesInput, actorId: string | null, now: Date) {
  const at = now.toISOString();
  const changes = {
    ...diff(before, { name: input.name, locale: input.locale, isAdmin: input.isAdmin }),
    ...diff(rolesSummary(before), { coordinatorOf: rolesSummary(input).coordinatorOf, partnerOrgIds: rolesSummary(input).partnerOrgIds }),
  };
  await batchWithVersion(db, [
    expectVersion(db, people, before.id, input.version),
    db
      .update(people)
      .set({
        name: input.name,
        locale: input.locale,
        isAdmin: input.isAdmin,
        version: sql`${people.version} + 1`,
        updatedAt: at,
        updatedBy: actorId,
      })
      .where(and(eq(people.id, before.id), eq(people.version, input.version))),
    db.delete(initiativeCoordinators).where(eq(initiativeCoordinators.personId, before.id)),
    db.delete(partnerMembers).where(eq(partnerMembers.personId, before.id)),
    ...roleRows(db, before.id, input),
    audit(db, { actorId, entity: "person", entityId: before.id, action: "roles", changes }, now),
  ]);
}
