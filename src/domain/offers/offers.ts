// Offers: confirmed from their email link (double opt-in), they become resident-gift assets waiting
// for a coordinator, who accepts them (into the asset register, and askable from "Wie kan helpen?")
// or declines them (archived). An offer and its asset share their id. The person behind an offer is
// found by the address they confirmed, or made (no account, no sign-in needed).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { assets, neighbourhoods, offerTagLinks, offerTags, offers, outbox, people, OFFER_STATUSES } from "../../db/schema";
import { audit } from "../audit";
import { updateVersioned } from "../versioned-update";
import { rejudgeAfterWrite } from "../risk/store";
import { confirmMailKey, type OfferFrequency, type PendingOffer } from "./offer-requests";

export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type OfferRow = typeof offers.$inferSelect;

/** An offer as the pages and the API show it. */
export type OfferView = {
  id: string;
  neighbourhoodId: string;
  status: OfferStatus;
  frequency: OfferFrequency;
  consentOn: string;
  confirmedAt: string;
  decidedAt: string | null;
  version: number;
  /** The asset's name and text: what they offer. */
  name: string;
  description: string;
  /** The asset was archived from the register (an accepted offer that is no longer there). */
  archived: boolean;
  person: { id: string; name: string; email: string | null; erased: boolean; emailStatus: string; optOuts: string; locale: "nl" | "en" };
  tagIds: string[];
};

/** An offer's name in the register: the start of what they wrote, cut at a word. */
export function offerTitle(text: string, max = 80): string {
  const line = text.trim().split(/\n/)[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function offerSelect(db: Db) {
  return db
    .select({
      id: offers.id,
      neighbourhoodId: offers.neighbourhoodId,
      status: offers.status,
      frequency: offers.frequency,
      consentOn: offers.consentOn,
      confirmedAt: offers.confirmedAt,
      decidedAt: offers.decidedAt,
      version: offers.version,
      name: assets.name,
      description: assets.description,
      archivedAt: assets.archivedAt,
      // (aliases: the asset's and the person's id and name share column names)
      personId: sql<string>`${people.id}`.as("o_person_id"),
      personName: sql<string>`${people.name}`.as("o_person_name"),
      personEmail: people.email,
      personErasedAt: people.erasedAt,
      personEmailStatus: people.emailStatus,
      personOptOuts: people.mailOptOuts,
      personLocale: people.locale,
    })
    .from(offers)
    .innerJoin(assets, eq(assets.id, offers.id))
    .innerJoin(people, eq(people.id, offers.personId));
}
type SelectRow = Awaited<ReturnType<typeof offerSelect>>[number];

function toView(r: SelectRow, links: { offerId: string; tagId: string }[]): OfferView {
  return {
    id: r.id,
    neighbourhoodId: r.neighbourhoodId,
    status: r.status,
    frequency: r.frequency,
    consentOn: r.consentOn,
    confirmedAt: r.confirmedAt,
    decidedAt: r.decidedAt,
    version: r.version,
    name: r.name,
    description: r.description,
    archived: r.archivedAt !== null,
    person: {
      id: r.personId,
      name: r.personName,
      email: r.personEmail,
      erased: r.personErasedAt !== null,
      emailStatus: r.personEmailStatus,
      optOuts: r.personOptOuts,
      locale: r.personLocale,
    },
    tagIds: links.filter((l) => l.offerId === r.id).map((l) => l.tagId),
  };
}

/** At most this many offers per list (a neighbourhood's offers; the waiting ones first). */
export const OFFERS_PER_LIST = 200;

const STATUS_ORDER = sql`CASE ${offers.status} WHEN 'waiting' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END`;

/** A neighbourhood's offers: waiting (oldest first), then accepted and declined (newest first). One statement. */
export async function listOffers(db: Db, neighbourhoodId: string, status?: OfferStatus): Promise<OfferView[]> {
  const where = and(eq(offers.neighbourhoodId, neighbourhoodId), status ? eq(offers.status, status) : undefined);
  const rows = await readTogether(db, {
    offers: offerSelect(db)
      .where(where)
      .orderBy(STATUS_ORDER, sql`CASE WHEN ${offers.status} = 'waiting' THEN ${offers.confirmedAt} END`, desc(offers.confirmedAt))
      .limit(OFFERS_PER_LIST),
    links: db
      .select({ offerId: offerTagLinks.offerId, tagId: offerTagLinks.tagId })
      .from(offerTagLinks)
      .innerJoin(offers, eq(offers.id, offerTagLinks.offerId))
      .where(where),
  });
  return rows.offers.map((r) => toView(r, rows.links));
}

/** These offers, in the order of `ids` (unknown ids are left out). */
export async function offersByIds(db: Db, ids: string[]): Promise<OfferView[]> {
  if (ids.length === 0) return [];
  const rows = await readTogether(db, {
    offers: offerSelect(db).where(sql`${offers.id} IN ${jsonList(ids)}`),
    links: db
      .select({ offerId: offerTagLinks.offerId, tagId: offerTagLinks.tagId })
      .from(offerTagLinks)
      .where(sql`${offerTagLinks.offerId} IN ${jsonList(ids)}`),
  });
  const views = new Map(rows.offers.map((r) => [r.id, toView(r, rows.links)]));
  return ids.flatMap((id) => views.get(id) ?? []);
}

/** One offer, or null. */
export async function getOffer(db: Db, id: string): Promise<OfferView | null> {
  const rows = await readTogether(db, {
    offers: offerSelect(db).where(eq(offers.id, id)),
    links: db
      .select({ offerId: offerTagLinks.offerId, tagId: offerTagLinks.tagId })
      .from(offerTagLinks)
      .where(eq(offerTagLinks.offerId, id)),
  });
  return rows.offers[0] ? toView(rows.offers[0], rows.links) : null;
}

/** At most this many waiting offers on the neighbourhood page (the rest are on its offers page). */
export const WAITING_ON_HOOD_PAGE = 10;

/** The reads for the neighbourhood page's waiting offers (to join the page's one statement), and the kinds of help. */
export function waitingOffersReads(db: Db, neighbourhoodId: string) {
  const waiting = and(eq(offers.neighbourhoodId, neighbourhoodId), eq(offers.status, "waiting"));
  return {
    waitingOffers: offerSelect(db).where(waiting).orderBy(asc(offers.confirmedAt), asc(offers.id)).limit(WAITING_ON_HOOD_PAGE),
    waitingLinks: db
      .select({ offerId: offerTagLinks.offerId, tagId: offerTagLinks.tagId })
      .from(offerTagLinks)
      .innerJoin(offers, eq(offers.id, offerTagLinks.offerId))
      .where(waiting),
    waitingCount: db
      .select({ n: sql<number>`count(*)` })
      .from(offers)
      .where(waiting),
    offerTags: db.select().from(offerTags).orderBy(asc(offerTags.name)),
  };
}
type WaitingReads = ReturnType<typeof waitingOffersReads>;

export function waitingOffersFrom(rows: { [K in keyof WaitingReads]: Awaited<WaitingReads[K]> }) {
  return {
    waiting: rows.waitingOffers.map((r) => toView(r, rows.waitingLinks)),
    waitingCount: Number(rows.waitingCount[0]?.n ?? 0),
    tags: rows.offerTags,
  };
}

/** How many offers were accepted in this neighbourhood (the public page says so). */
export async function countAccepted(db: Db, neighbourhoodId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(offers)
    .where(and(eq(offers.neighbourhoodId, neighbourhoodId), eq(offers.status, "accepted")));
  return Number(row?.n ?? 0);
}

/** How many offers wait for a coordinator in this neighbourhood. */
export async function countWaiting(db: Db, neighbourhoodId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(offers)
    .where(and(eq(offers.neighbourhoodId, neighbourhoodId), eq(offers.status, "waiting")));
  return Number(row?.n ?? 0);
}

/** The neighbourhood an offer is for (its name and public page), or null. */
export async function offerNeighbourhood(db: Db, id: string): Promise<{ id: string; name: string; slug: string } | null> {
  const [row] = await db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name, slug: neighbourhoods.slug })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.id, id));
  return row ?? null;
}

export type ConfirmResult = { state: "created" | "exists"; offerId: string } | { state: "notFound" };

function isUniqueError(err: unknown, what: RegExp): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed/i.test(e.message) && what.test(e.message)) return true;
  }
  return false;
}

/**
 * Makes the confirmed offer: the person (found by address, else new: name, address, language,
 * neighbourhood), the resident-gift asset with their text, the offer waiting for a coordinator, its
 * kinds of help (those still on the list), and the confirmation mail's outbox row now names the
 * person — one batch. Using the link again changes nothing ("exists").
 */
export async function confirmOffer(db: Db, pending: PendingOffer, now: Date, today: string, retried = false): Promise<ConfirmResult> {
  const [hoods, existing, known, tags] = await db.batch([
    db.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, pending.neighbourhoodId)),
    db.select({ id: offers.id }).from(offers).where(eq(offers.id, pending.id)),
    db.select({ id: people.id }).from(people).where(eq(people.email, pending.email)),
    db
      .select({ id: offerTags.id })
      .from(offerTags)
      .where(inArray(offerTags.id, pending.tagIds.length ? pending.tagIds : ["-"])),
  ]);
  if (!hoods[0]) return { state: "notFound" };
  if (existing[0]) return { state: "exists", offerId: pending.id };
  const at = now.toISOString();
  const personId = known[0]?.id ?? crypto.randomUUID();
  const actor = personId;
  const neighbourhoodId = pending.neighbourhoodId;
  const asset = {
    id: pending.id,
    neighbourhoodId,
    category: "gifts" as const,
    name: offerTitle(pending.description),
    description: pending.description,
    lastConfirmedOn: today,
  };
  const tagIds = tags.map((t) => t.id).sort();
  try {
    await db.batch([
      db.insert(assets).values({ ...asset, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor }),
      ...(known[0]
        ? []
        : [
            db.insert(people).values({
              id: personId,
              name: pending.name,
              email: pending.email,
              locale: pending.locale,
              neighbourhoodId,
              createdAt: at,
              createdBy: actor,
              updatedAt: at,
              updatedBy: actor,
            }),
            audit(
              db,
              { actorId: actor, entity: "person", entityId: personId, action: "create", neighbourhoodId, changes: { via: "offer" } },
              now,
            ),
          ]),
      db.insert(offers).values({
        id: pending.id,
        neighbourhoodId,
        personId,
        frequency: pending.frequency,
        status: "waiting",
        consentOn: pending.consentOn,
        confirmedAt: at,
        createdAt: at,
        createdBy: actor,
        updatedAt: at,
        updatedBy: actor,
      }),
      ...tagIds.map((tagId) => db.insert(offerTagLinks).values({ offerId: pending.id, tagId })),
      db
        .update(outbox)
        .set({ personId })
        .where(eq(outbox.messageKey, confirmMailKey(pending.id))),
      audit(
        db,
        {
          actorId: actor,
          entity: "asset",
          entityId: pending.id,
          action: "create",
          neighbourhoodId,
          changes: { category: asset.category, name: asset.name, description: asset.description, via: "offer" },
        },
        now,
      ),
    ]);
  } catch (err) {
    // The same link used twice at once: the first made it.
    if (isUniqueError(err, /assets\.id|offers\.id/)) return { state: "exists", offerId: pending.id };
    // Someone with this address appeared meanwhile: their offer is theirs.
    if (!retried && isUniqueError(err, /people\.email/)) return confirmOffer(db, pending, now, today, true);
    throw err;
  }
  return { state: "created", offerId: pending.id };
}

export type Decision = "accept" | "decline";

/**
 * A coordinator's decision, from the version they saw (StaleVersionError when someone decided in
 * between). Accepted: into the register, confirmed today. Declined: the asset is archived. A
 * decision may be changed later the same way.
 */
export async function decideOffer(
  db: Db,
  before: OfferView,
  decision: Decision,
  version: number | undefined,
  actorId: string | null,
  now: Date,
  today: string,
) {
  const at = now.toISOString();
  const accept = decision === "accept";
  const assetSet = accept ? { archivedAt: null, lastConfirmedOn: today } : { archivedAt: sql`coalesce(${assets.archivedAt}, ${at})` };
  await updateVersioned(
    db,
    offers,
    {
      before: { ...before },
      version,
      set: { status: accept ? "accepted" : "declined", decidedAt: at, decidedBy: actorId },
      actorId,
      entity: "offer",
      action: decision,
      neighbourhoodId: before.neighbourhoodId,
      with: [
        db
          .update(assets)
          .set({ ...assetSet, version: sql`${assets.version} + 1`, updatedAt: at, updatedBy: actorId })
          .where(eq(assets.id, before.id)),
      ],
      changes: { status: [before.status, accept ? "accepted" : "declined"] },
    },
    now,
  );
  // An offer's asset may be one an initiative leans on (a coordinator can link it): judged again.
  await rejudgeAfterWrite(db, { assetIds: [before.id] }, now, today);
}

/** The accepted offers of a neighbourhood that can be asked (in the register, by someone who can be mailed), newest first. */
export async function askableOffers(db: Db, neighbourhoodId: string): Promise<OfferView[]> {
  const rows = await readTogether(db, {
    offers: offerSelect(db)
      .where(and(eq(offers.neighbourhoodId, neighbourhoodId), eq(offers.status, "accepted"), sql`${assets.archivedAt} IS NULL`))
      .orderBy(desc(offers.confirmedAt), asc(offers.id))
      .limit(OFFERS_PER_LIST),
    links: db
      .select({ offerId: offerTagLinks.offerId, tagId: offerTagLinks.tagId })
      .from(offerTagLinks)
      .innerJoin(offers, eq(offers.id, offerTagLinks.offerId))
      .where(and(eq(offers.neighbourhoodId, neighbourhoodId), eq(offers.status, "accepted"))),
  });
  return rows.offers.filter((r) => r.personErasedAt === null).map((r) => toView(r, rows.links));
}
