// Offers in the residents' data rights: what an export holds about them, and what an erasure
// removes. An offer is about the person who made it, so on erasure it goes entirely — its asset,
// kinds of help, the asks made to them, and what the audit trail kept of its text. (An involvement
// that a yes made stays, as every involvement does: an anonymous interval for the yearly figures.)
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { jsonList } from "../../db/read-together";
import * as s from "../../db/schema";
import { asksOfPerson } from "./asks";

const inList = (column: Parameters<typeof eq>[0], ids: string[]) => sql`${column} IN ${jsonList(ids)}`;

/** The statements that erase a person's offers (to run in the erasure's batch), and the initiatives to judge again after. */
export async function offerErasure(db: Db, personId: string): Promise<{ statements: BatchItem<"sqlite">[]; initiativeIds: string[] }> {
  const [mine, asks, leaning] = await db.batch([
    db.select({ id: s.offers.id }).from(s.offers).where(eq(s.offers.personId, personId)),
    db.select({ id: s.helpAsks.id }).from(s.helpAsks).where(eq(s.helpAsks.personId, personId)),
    db
      .selectDistinct({ id: s.assetInitiatives.initiativeId })
      .from(s.assetInitiatives)
      .innerJoin(s.offers, eq(s.offers.id, s.assetInitiatives.assetId))
      .where(eq(s.offers.personId, personId)),
  ]);
  const ids = mine.map((o) => o.id);
  const askIds = asks.map((a) => a.id);
  if (ids.length === 0 && askIds.length === 0) return { statements: [], initiativeIds: [] };
  return {
    statements: [
      db
        .update(s.auditLog)
        .set({ changes: JSON.stringify({ erased: true }) })
        .where(
          sql`(${s.auditLog.entity} IN ('asset', 'offer') AND ${inList(s.auditLog.entityId, ids)}) OR (${s.auditLog.entity} = 'help_ask' AND ${inList(s.auditLog.entityId, askIds)})`,
        ),
      db.delete(s.helpAsks).where(sql`${s.helpAsks.personId} = ${personId} OR ${inList(s.helpAsks.offerId, ids)}`),
      db.delete(s.offerTagLinks).where(inList(s.offerTagLinks.offerId, ids)),
      db.delete(s.assetInitiatives).where(inList(s.assetInitiatives.assetId, ids)),
      db.delete(s.offers).where(inList(s.offers.id, ids)),
      db.delete(s.assets).where(inList(s.assets.id, ids)),
    ],
    initiativeIds: leaning.map((r) => r.id),
  };
}

/** The person's offers with their text and kinds of help, and the asks they got: for their own export. */
export async function offersForPersonExport(db: Db, personId: string) {
  const [rows, tags, asks] = await db.batch([
    db
      .select({
        id: s.offers.id,
        neighbourhoodId: s.offers.neighbourhoodId,
        name: s.assets.name,
        description: s.assets.description,
        frequency: s.offers.frequency,
        status: s.offers.status,
        consentOn: s.offers.consentOn,
        confirmedAt: s.offers.confirmedAt,
        decidedAt: s.offers.decidedAt,
      })
      .from(s.offers)
      .innerJoin(s.assets, eq(s.assets.id, s.offers.id))
      .where(eq(s.offers.personId, personId))
      .orderBy(asc(s.offers.confirmedAt)),
    db
      .select({ offerId: s.offerTagLinks.offerId, name: s.offerTags.name })
      .from(s.offerTagLinks)
      .innerJoin(s.offerTags, eq(s.offerTags.id, s.offerTagLinks.tagId))
      .innerJoin(s.offers, eq(s.offers.id, s.offerTagLinks.offerId))
      .where(eq(s.offers.personId, personId)),
    asksOfPerson(db, personId),
  ]);
  return {
    offers: rows.map((r) => ({ ...r, kindsOfHelp: tags.filter((t) => t.offerId === r.id).map((t) => t.name) })),
    helpAsks: asks,
  };
}

/** A neighbourhood's offers, their kinds of help and the asks for its initiatives' activities: for its export (one batch). */
export async function offersForNeighbourhoodExport(db: Db, neighbourhoodId: string) {
  const [offers, offerTagLinks, offerTags, helpAsks] = await db.batch([
    db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, neighbourhoodId)).orderBy(asc(s.offers.confirmedAt)),
    db
      .select({ offerId: s.offerTagLinks.offerId, tagId: s.offerTagLinks.tagId })
      .from(s.offerTagLinks)
      .innerJoin(s.offers, eq(s.offers.id, s.offerTagLinks.offerId))
      .where(eq(s.offers.neighbourhoodId, neighbourhoodId)),
    db.select().from(s.offerTags).orderBy(asc(s.offerTags.name)),
    db
      .select()
      .from(s.helpAsks)
      .where(
        inArray(
          s.helpAsks.initiativeId,
          db.select({ id: s.initiatives.id }).from(s.initiatives).where(eq(s.initiatives.neighbourhoodId, neighbourhoodId)),
        ),
      )
      .orderBy(asc(s.helpAsks.askedAt)),
  ]);
  return { offers, offerTagLinks, offerTags, helpAsks };
}
