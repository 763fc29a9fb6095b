// Demo data for local development: a fictional neighbourhood, its people and partners.
// Dates are relative to `today`, so the demo always shows what is coming up.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import * as s from "../db/schema";

export const DEMO_PEOPLE = {
  admin: { email: "beheer@vlinderbuurt.example", name: "Anouk de Beheerder" },
  coordinator: { email: "samira@vlinderbuurt.example", name: "Samira Bouzid" },
  coordinator2: { email: "henk@vlinderbuurt.example", name: "Henk Jansen" },
  partner: { email: "pieter@woonstichting.example", name: "Pieter van Dam" },
} as const;

export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(s.neighbourhoods);
  return (row?.n ?? 0) === 0;
}

/** Inserts the demo when the database is empty; does nothing otherwise. Returns whether it seeded. */
export async function seedDemo(db: Db, today: Date): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const at = today.toISOString();
  const stamp = { createdAt: at, updatedAt: at };
  const id = () => crypto.randomUUID();
  const hood = { id: id(), name: "De Vlinderbuurt", municipality: "Lindenstad", slug: "vlinderbuurt", ...stamp };
  const corp = { id: id(), name: "Woonstichting Lindenhof", kind: "housing_corporation" as const, ...stamp };
  const gemeente = { id: id(), name: "Gemeente Lindenstad", kind: "municipality" as const, ...stamp };
  const person = (p: { email: string; name: string }, over: Partial<typeof s.people.$inferInsert> = {}) => ({
    id: id(),
    ...p,
    locale: "nl" as const,
    neighbourhoodId: hood.id,
    ...stamp,
    ...over,
  });
  const admin = person(DEMO_PEOPLE.admin, { isAdmin: true });
  const samira = person(DEMO_PEOPLE.coordinator);
  const henk = person(DEMO_PEOPLE.coordinator2);
  const pieter = person(DEMO_PEOPLE.partner);
  const year = today.getUTCFullYear();
  const garden = { id: id(), neighbourhoodId: hood.id, name: "Moestuin De Vlinder", purpose: "Samen groente kweken en oogsten op het braakliggende veld achter de school.", startedYear: year - 10, ...stamp };
  const meal = { id: id(), neighbourhoodId: hood.id, name: "Eettafel Op De Hoek", purpose: "Elke week samen eten voor een klein bedrag, gekookt door buren.", startedYear: year - 4, ...stamp };
  const language = { id: id(), neighbourhoodId: hood.id, name: "Taalcafé Vlinder", purpose: "Nederlands oefenen in gesprek, met koffie.", startedYear: year - 1, ...stamp };

  await db.batch([
    db.insert(s.neighbourhoods).values(hood),
    db.insert(s.partnerOrgs).values([corp, gemeente]),
    db.insert(s.partnerNeighbourhoods).values([
      { partnerId: corp.id, neighbourhoodId: hood.id },
      { partnerId: gemeente.id, neighbourhoodId: hood.id },
    ]),
    db.insert(s.people).values([admin, samira, henk, pieter]),
    db.insert(s.partnerMembers).values({ partnerId: corp.id, personId: pieter.id }),
    db.insert(s.initiatives).values([garden, meal, language]),
    db.insert(s.initiativeCoordinators).values([
      { initiativeId: garden.id, personId: samira.id },
      { initiativeId: meal.id, personId: samira.id },
      { initiativeId: language.id, personId: henk.id },
    ]),
  ]);
  return true;
}
