// People and their roles, as managed by admins.
import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { people, initiatives, initiativeCoordinators, partnerMembers, partnerOrgs, LOCALES } from "../../db/schema";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { updateVersioned } from "../versioned-update";

/** A person as admins keep them: name, language and roles (the address is given once, at the invitation). */
const personFields = {
  name: f.requiredText("people.name", 120),
  locale: f.choice("people.locale", LOCALES),
  isAdmin: f.checkbox("people.isAdmin"),
  coordinatorOf: f.idList("people.coordinatorOf"),
  partnerOrgIds: f.idList("people.memberOf"),
};

/** Changing a person (the admin's edit form, PATCH). */
export const personContract = defineContract({ name: "Person", fields: personFields });

/** A new person (the invitation form, the API's create): with their email address. */
export const newPersonContract = defineContract({
  name: "Person",
  fields: { email: f.requiredEmail("people.email"), ...personFields },
});

export type InviteInput = Values<typeof newPersonContract.fields>;
export type PersonInput = Values<typeof personFields>;
export type PersonFormValues = FormValues<typeof newPersonContract.fields>;

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
export async function updatePersonRoles(
  db: Db,
  before: PersonWithRoles,
  input: PersonInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const roles = rolesSummary(input);
  const links = [
    db.delete(initiativeCoordinators).where(eq(initiativeCoordinators.personId, before.id)),
    db.delete(partnerMembers).where(eq(partnerMembers.personId, before.id)),
    ...roleRows(db, before.id, input),
  ];
  await updateVersioned(
    db,
    people,
    {
      before: { ...before, ...rolesSummary(before) },
      version: input.version,
      set: { name: input.name, locale: input.locale, isAdmin: input.isAdmin },
      actorId,
      entity: "person",
      action: "roles",
      with: links,
      audited: { coordinatorOf: roles.coordinatorOf, partnerOrgIds: roles.partnerOrgIds },
    },
    now,
  );
}
