// Who someone is and what they may do. One place decides; middleware and routes ask it.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Locale } from "../db/schema";
import { people, initiativeCoordinators, partnerMembers, partnerNeighbourhoods, partnerOrgs, initiatives } from "../db/schema";

export type Role = "admin" | "coordinator" | "partner";

export type CurrentUser = {
  id: string | null; // null for the ADMIN_API_TOKEN bearer, which is nobody in particular
  name: string;
  email: string | null;
  locale: Locale;
  isAdmin: boolean;
  coordinatorOf: string[]; // initiative ids
  coordinatorNeighbourhoods: string[];
  partnerOrgIds: string[];
  partnerNeighbourhoods: string[];
  sessionId: string | null;
};

export function rolesOf(user: CurrentUser): Role[] {
  const roles: Role[] = [];
  if (user.isAdmin) roles.push("admin");
  if (user.coordinatorOf.length > 0) roles.push("coordinator");
  if (user.partnerOrgIds.length > 0) roles.push("partner");
  return roles;
}

export function hasAnyRole(user: CurrentUser | null, roles: readonly Role[]): boolean {
  if (!user) return false;
  const held = rolesOf(user);
  return roles.some((r) => held.includes(r));
}

export function canEditInitiative(user: CurrentUser | null, initiativeId: string): boolean {
  return !!user && (user.isAdmin || user.coordinatorOf.includes(initiativeId));
}

export function canReadNeighbourhood(user: CurrentUser | null, neighbourhoodId: string): boolean {
  return (
    !!user &&
    (user.isAdmin ||
      user.coordinatorNeighbourhoods.includes(neighbourhoodId) ||
      user.partnerNeighbourhoods.includes(neighbourhoodId))
  );
}

export const apiAdmin: CurrentUser = {
  id: null,
  name: "API",
  email: null,
  locale: "nl",
  isAdmin: true,
  coordinatorOf: [],
  coordinatorNeighbourhoods: [],
  partnerOrgIds: [],
  partnerNeighbourhoods: [],
  sessionId: null,
};

/** Loads a person with their roles in one round trip. Erased people have no access. */
export async function loadUser(db: Db, personId: string, sessionId: string | null): Promise<CurrentUser | null> {
  const [persons, coordinated, memberships] = await db.batch([
    db.select().from(people).where(eq(people.id, personId)),
    db
      .select({ initiativeId: initiativeCoordinators.initiativeId, neighbourhoodId: initiatives.neighbourhoodId })
      .from(initiativeCoordinators)
      .innerJoin(initiatives, eq(initiatives.id, initiativeCoordinators.initiativeId))
      .where(eq(initiativeCoordinators.personId, personId)),
    db
      .select({ partnerId: partnerMembers.partnerId, neighbourhoodId: partnerNeighbourhoods.neighbourhoodId })
      .from(partnerMembers)
      .innerJoin(partnerOrgs, eq(partnerOrgs.id, partnerMembers.partnerId))
      .leftJoin(partnerNeighbourhoods, eq(partnerNeighbourhoods.partnerId, partnerMembers.partnerId))
      // An archived organisation no longer gives its members access.
      .where(and(eq(partnerMembers.personId, personId), isNull(partnerOrgs.archivedAt))),
  ]);
  const person = persons[0];
  if (!person || person.erasedAt) return null;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    locale: person.locale,
    isAdmin: person.isAdmin,
    coordinatorOf: unique(coordinated.map((r) => r.initiativeId)),
    coordinatorNeighbourhoods: unique(coordinated.map((r) => r.neighbourhoodId)),
    partnerOrgIds: unique(memberships.map((r) => r.partnerId)),
    partnerNeighbourhoods: unique(memberships.flatMap((r) => (r.neighbourhoodId ? [r.neighbourhoodId] : []))),
    sessionId,
  };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

