// Factories for residents' offers and asks. Every test makes its own rows.
import * as s from "../../src/db/schema";
import { db, makePerson, uniq } from "./factories";

const at = "2026-01-01T00:00:00.000Z";
const stamp = { createdAt: at, updatedAt: at };

/** An offer (its resident-gift asset and its person) in this neighbourhood; accepted unless told. */
export async function makeOffer(
  neighbourhoodId: string,
  over: {
    status?: (typeof s.OFFER_STATUSES)[number];
    person?: { id: string };
    name?: string;
    email?: string | null;
    description?: string;
    tagIds?: string[];
    frequency?: (typeof s.OFFER_FREQUENCIES)[number];
    archived?: boolean;
  } = {},
) {
  const person =
    over.person ??
    (await makePerson({
      name: over.name ?? "Lieke de Wit",
      neighbourhoodId,
      ...(over.email !== undefined ? { email: over.email ?? undefined } : {}),
    }));
  const id = crypto.randomUUID();
  const description = over.description ?? "Ik repareer graag fietsen en kleine apparaten.";
  await db.batch([
    db.insert(s.assets).values({
      id,
      neighbourhoodId,
      category: "gifts",
      name: description.slice(0, 80),
      description,
      lastConfirmedOn: "2026-01-01",
      archivedAt: over.archived ? at : null,
      ...stamp,
    }),
    db.insert(s.offers).values({
      id,
      neighbourhoodId,
      personId: person.id,
      frequency: over.frequency ?? "monthly",
      status: over.status ?? "accepted",
      consentOn: "2026-01-01",
      confirmedAt: at,
      ...stamp,
    }),
  ]);
  for (const tagId of over.tagIds ?? []) await db.insert(s.offerTagLinks).values({ offerId: id, tagId });
  return { id, person, description };
}

/** A kind of help of its own (the starter list is in the migration: tag-koken, tag-klussen, …). */
export async function makeTag(over: Partial<typeof s.offerTags.$inferInsert> = {}) {
  const row = { id: crypto.randomUUID(), name: uniq("hulp"), nameEn: "", ...stamp, ...over };
  await db.insert(s.offerTags).values(row);
  return row;
}
