// Who someone is and what they may do. One place decides; middleware and routes ask it.
import { and, eq, inArray, isNull, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import type { Locale } from "../../db/schema";
import {
  people,
  initiativeCoordinators,
  partnerMembers,
  partnerNeighbourhoods,
  partnerOrgs,
  initiatives,
  neighbourhoods,
  sessions,
} from "../../db/schema";
import { sha256 } from "../../lib/crypto";
import { usableSession } from "./sign-in";

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
    (user.isAdmin || user.coordinatorNeighbourhoods.includes(neighbourhoodId) || user.partnerNeighbourhoods.includes(neighbourhoodId))
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

/** The reads that make a CurrentUser; `personId` is an id or a subquery that yields one. */
function roleReads(db: Db, personId: string | SQLWrapper) {
  const of = (column: typeof initiativeCoordinators.personId | typeof partnerMembers.personId) =>
    typeof personId === "string" ? eq(column, personId) : inArray(column, personId);
  return {
    coordinated: db
      .select({ initiativeId: initiativeCoordinators.initiativeId, neighbourhoodId: initiatives.neighbourhoodId })
      .from(initiativeCoordinators)
      .innerJoin(initiatives, eq(initiatives.id, initiativeCoordinators.initiativeId))
      .where(of(initiativeCoordinators.personId)),
    memberships: db
      .select({ partnerId: partnerMembers.partnerId, neighbourhoodId: partnerNeighbourhoods.neighbourhoodId })
      .from(partnerMembers)
      .innerJoin(partnerOrgs, eq(partnerOrgs.id, partnerMembers.partnerId))
      .leftJoin(partnerNeighbourhoods, eq(partnerNeighbourhoods.partnerId, partnerMembers.partnerId))
      // An archived organisation no longer gives its members access.
      .where(and(of(partnerMembers.personId), isNull(partnerOrgs.archivedAt))),
  };
}

type RoleRows = {
  coordinated: { initiativeId: string; neighbourhoodId: string }[];
  memberships: { partnerId: string; neighbourhoodId: string | null }[];
};

function toUser(person: typeof people.$inferSelect | undefined, roles: RoleRows, sessionId: string | null): CurrentUser | null {
  if (!person || person.erasedAt) return null;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    locale: person.locale,
    isAdmin: person.isAdmin,
    coordinatorOf: unique(roles.coordinated.map((r) => r.initiativeId)),
    coordinatorNeighbourhoods: unique(roles.coordinated.map((r) => r.neighbourhoodId)),
    partnerOrgIds: unique(roles.memberships.map((r) => r.partnerId)),
    partnerNeighbourhoods: unique(roles.memberships.flatMap((r) => (r.neighbourhoodId ? [r.neighbourhoodId] : []))),
    sessionId,
  };
}

/** Loads a person with their roles in one statement. Erased people have no access. */
export async function loadUser(db: Db, personId: string, sessionId: string | null): Promise<CurrentUser | null> {
  const rows = await readTogether(db, { persons: db.select().from(people).where(eq(people.id, personId)), ...roleReads(db, personId) });
  return toUser(rows.persons[0], rows, sessionId);
}

/**
 * The signed-in person behind a session token, with their roles, in one statement: the session
 * must be unrevoked and unexpired, the person not erased. Null otherwise.
 */
export async function loadSessionUser(db: Db, sessionToken: string, now: Date): Promise<CurrentUser | null> {
  return (await loadSession(db, sessionToken, now, null)).user;
}

/** The initiative or neighbourhood a page's path names (its access gate needs that row). */
export type PathRecord = { kind: "initiative" | "neighbourhood"; id: string };
export type PathRow =
  | { kind: "initiative"; id: string; row: typeof initiatives.$inferSelect | null }
  | { kind: "neighbourhood"; id: string; row: typeof neighbourhoods.$inferSelect | null };

/**
 * loadSessionUser, and in the same statement the row of the record the path names (null when there
 * is none), so the access gate of a page under an initiative or a neighbourhood costs no round trip
 * of its own (middleware/scope.ts still decides who may see it).
 */
export async function loadSession(
  db: Db,
  sessionToken: string,
  now: Date,
  record: PathRecord | null,
): Promise<{ user: CurrentUser | null; pathRow: PathRow | null }> {
  const usable = usableSession(await sha256(sessionToken), now);
  const reads = {
    session: db
      .select({ id: sessions.id, person: people })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(usable),
    ...roleReads(db, db.select({ personId: sessions.personId }).from(sessions).where(usable)),
  };
  let pathRow: PathRow | null = null;
  let rows: Awaited<ReturnType<typeof readTogether<typeof reads>>>;
  if (record?.kind === "initiative") {
    const read = await readTogether(db, { ...reads, initiative: db.select().from(initiatives).where(eq(initiatives.id, record.id)) });
    pathRow = { kind: "initiative", id: record.id, row: read.initiative[0] ?? null };
    rows = read;
  } else if (record?.kind === "neighbourhood") {
    const read = await readTogether(db, {
      ...reads,
      neighbourhood: db.select().from(neighbourhoods).where(eq(neighbourhoods.id, record.id)),
    });
    pathRow = { kind: "neighbourhood", id: record.id, row: read.neighbourhood[0] ?? null };
    rows = read;
  } else rows = await readTogether(db, reads);
  const session = rows.session[0];
  return { user: session ? toUser(session.person, rows, session.id) : null, pathRow };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
