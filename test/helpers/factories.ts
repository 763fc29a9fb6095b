// Small factories: every test makes its own rows (storage is shared within a file).
import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import * as s from "../../src/db/schema";
import { createLoginToken } from "../../src/domain/auth/sign-in";
import { Browser } from "./browser";
import { createExecutionContext } from "cloudflare:test";
import { buildApp } from "../../src/app";

export const db = createDb(env.DB);
const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };
let n = 0;
export const uniq = (prefix = "x") => `${prefix}-${++n}-${crypto.randomUUID().slice(0, 8)}`;

export async function makeNeighbourhood(over: Partial<typeof s.neighbourhoods.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), name: "Testbuurt", municipality: "Teststad", slug: uniq("buurt"), ...stamp, ...over };
  await db.insert(s.neighbourhoods).values(row);
  return row;
}

export async function makePerson(over: Partial<Omit<typeof s.people.$inferInsert, "email">> & { email?: string } = {}) {
  const row = {
    id: crypto.randomUUID(),
    name: "Test Persoon",
    email: `${uniq("p")}@example.org`,
    locale: "nl" as const,
    ...stamp,
    ...over,
  };
  await db.insert(s.people).values(row);
  return row;
}

export async function makeInitiative(neighbourhoodId: string, over: Partial<typeof s.initiatives.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), neighbourhoodId, name: "Buurtmoestuin", startedYear: 2020, ...stamp, ...over };
  await db.insert(s.initiatives).values(row);
  return row;
}

export async function makePartner(over: Partial<typeof s.partnerOrgs.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), name: "Woonstichting Test", kind: "housing_corporation" as const, ...stamp, ...over };
  await db.insert(s.partnerOrgs).values(row);
  return row;
}

/** A world with one of each role, for access tests. */
export async function makeWorld() {
  const hood = await makeNeighbourhood();
  const otherHood = await makeNeighbourhood({ name: "Andere buurt" });
  const initiative = await makeInitiative(hood.id);
  const otherInitiative = await makeInitiative(otherHood.id, { name: "Taalcafé" });
  const partner = await makePartner();
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId: hood.id });
  const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
  const coordinator = await makePerson({ name: "Cor Coördinator" });
  await db.insert(s.initiativeCoordinators).values({ initiativeId: initiative.id, personId: coordinator.id });
  const partnerPerson = await makePerson({ name: "Pim Partner" });
  await db.insert(s.partnerMembers).values({ partnerId: partner.id, personId: partnerPerson.id });
  const nobody = await makePerson({ name: "Nina Zonderrol" });
  return { hood, otherHood, initiative, otherInitiative, partner, admin, coordinator, partnerPerson, nobody };
}

/** A fetcher for the real app whose clock stands still at `instant`: route tests on a fixed date. */
export function appAt(instant: string) {
  const app = buildApp({ clock: () => new Date(instant) });
  return (req: Request) => Promise.resolve(app.fetch(req, env, createExecutionContext()));
}

/**
 * Signs a browser in as this person through the real confirmation POST. With `at`, the browser
 * talks to an app whose clock is fixed at that instant.
 */
export async function signedIn(personId: string, at?: string) {
  const now = at ? new Date(at) : new Date();
  const browser = at ? new Browser(appAt(at)) : new Browser();
  const { token } = await createLoginToken(db, personId, "sign_in", now);
  await browser.get(`/sign-in/verify?token=${token}`);
  const res = await browser.post("/sessions", { token });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return browser;
}
