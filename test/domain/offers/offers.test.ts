import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { confirmOffer, decideOffer, getOffer, listOffers } from "../../../src/domain/offers/offers";
import { readOfferRequest, signOfferRequest, validateOfferRequest, type OfferRequest } from "../../../src/domain/offers/offer-requests";
import { listAssets, assetCountsQuery, countsByCategory } from "../../../src/domain/neighbourhoods/assets";
import { loadPublicPage } from "../../../src/domain/overview/public-page";
import { loadOverview } from "../../../src/domain/overview/overview";
import { erasePerson } from "../../../src/domain/data/erasure";
import { exportNeighbourhood, exportPerson } from "../../../src/domain/data/exports";
import { StaleVersionError } from "../../../src/db/versioned";
import { db, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeOffer } from "../../helpers/offer-factories";

const NOW = new Date("2026-06-15T10:00:00Z");
const TODAY = "2026-06-15";
const SECRET = env.SESSION_SECRET;

const request = (over: Partial<OfferRequest> = {}): OfferRequest => ({
  name: "Lieke de Wit",
  email: `lieke-${crypto.randomUUID().slice(0, 8)}@example.org`,
  description: "Ik repareer graag fietsen en lampen.",
  tagIds: ["tag-klussen", "tag-vervoer"],
  frequency: "monthly",
  consent: true,
  ...over,
});

async function pendingFor(hoodId: string, over: Partial<OfferRequest> = {}) {
  const { token, pending } = await signOfferRequest(SECRET, hoodId, request(over), "nl", TODAY, NOW);
  return { token, pending };
}

describe("the public form's rules", () => {
  it("needs a name, a working address, the text, a frequency, and the consent ticked; only kinds of help on the list", async () => {
    const empty = await validateOfferRequest(db, {});
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(empty.errors).toEqual({
        name: "form.required",
        email: "form.required",
        description: "form.required",
        frequency: "form.required",
        consent: "offers.error.consent",
      });
    const bad = await validateOfferRequest(db, {
      name: "A",
      email: "geen-adres",
      description: "x".repeat(501),
      frequency: "hourly",
      consent: "on",
      tagIds: ["tag-koken", "bestaat-niet"],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toMatchObject({ email: "form.email", description: "form.tooLong", frequency: "form.unknownOption" });
    const unknownTag = await validateOfferRequest(db, { ...request(), consent: "on", tagIds: ["tag-koken", "bestaat-niet"] });
    expect(unknownTag).toEqual({ ok: false, errors: { tagIds: "form.unknownOption" } });
    const ok = await validateOfferRequest(db, { ...request(), consent: "on", email: " Lieke@Example.ORG " });
    expect(ok.ok && ok.data.email).toBe("lieke@example.org");
  });
});

describe("the confirmation link", () => {
  it("carries the offer, signed; a changed or expired link is refused", async () => {
    const hood = await makeNeighbourhood();
    const { token, pending } = await pendingFor(hood.id);
    expect(await readOfferRequest(SECRET, token, NOW)).toEqual({ ok: true, pending });
    expect(pending.expiresAt).toBe("2026-06-17T10:00:00.000Z");
    expect(await readOfferRequest(SECRET, token, new Date("2026-06-17T10:00:01Z"))).toEqual({ ok: false, reason: "expired" });
    const [v, body, sig] = token.split(".");
    expect(await readOfferRequest(SECRET, `${v}.${body}x.${sig}`, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await readOfferRequest("another-secret-of-32-characters!!", token, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("nothing is stored before it is used", async () => {
    const hood = await makeNeighbourhood();
    await pendingFor(hood.id);
    expect(await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id))).toEqual([]);
    expect(await db.select().from(s.assets).where(eq(s.assets.neighbourhoodId, hood.id))).toEqual([]);
  });
});

describe("confirming an offer", () => {
  it("makes the person, the resident-gift asset waiting for a coordinator, and its kinds of help — once", async () => {
    const hood = await makeNeighbourhood();
    const { pending } = await pendingFor(hood.id, { tagIds: ["tag-klussen", "tag-vervoer"] });
    expect(await confirmOffer(db, pending, NOW, TODAY)).toEqual({ state: "created", offerId: pending.id });
    const person = await db.query.people.findFirst({ where: eq(s.people.email, pending.email) });
    expect(person).toMatchObject({ name: "Lieke de Wit", locale: "nl", neighbourhoodId: hood.id });
    const offer = await getOffer(db, pending.id);
    expect(offer).toMatchObject({
      status: "waiting",
      frequency: "monthly",
      consentOn: TODAY,
      name: "Ik repareer graag fietsen en lampen.",
      description: "Ik repareer graag fietsen en lampen.",
      person: { id: person!.id },
    });
    expect(offer!.tagIds.sort()).toEqual(["tag-klussen", "tag-vervoer"]);
    const [asset] = await db.select().from(s.assets).where(eq(s.assets.id, pending.id));
    expect(asset).toMatchObject({ category: "gifts", neighbourhoodId: hood.id, archivedAt: null, contactInfo: null });

    // The same link again, or at the same time: nothing twice.
    expect(await confirmOffer(db, pending, NOW, TODAY)).toEqual({ state: "exists", offerId: pending.id });
    expect(await db.select().from(s.offers).where(eq(s.offers.personId, person!.id))).toHaveLength(1);
    expect(await db.select().from(s.people).where(eq(s.people.email, pending.email))).toHaveLength(1);
  });

  it("links an address that is known to that person (their name stays), and keeps only kinds of help that exist", async () => {
    const hood = await makeNeighbourhood();
    const known = await makePerson({ name: "Bekende Buur" });
    const { pending } = await pendingFor(hood.id, { email: known.email, tagIds: ["tag-koken"] });
    const result = await confirmOffer(db, { ...pending, tagIds: ["tag-koken", "gone"] }, NOW, TODAY);
    expect(result.state).toBe("created");
    const offer = await getOffer(db, pending.id);
    expect(offer!.person).toMatchObject({ id: known.id, name: "Bekende Buur" });
    expect(offer!.tagIds).toEqual(["tag-koken"]);
  });

  it("refuses a neighbourhood that does not exist", async () => {
    const { pending } = await pendingFor("no-such-neighbourhood");
    expect(await confirmOffer(db, pending, NOW, TODAY)).toEqual({ state: "notFound" });
  });
});

describe("the register and the coordinator's decision", () => {
  it("keeps waiting and declined offers out of the register, its counts, the overview and the public page", async () => {
    const hood = await makeNeighbourhood({ published: true });
    const waiting = await makeOffer(hood.id, { status: "waiting", description: "Wacht nog" });
    const declined = await makeOffer(hood.id, { status: "declined", description: "Afgewezen aanbod", archived: true });
    const accepted = await makeOffer(hood.id, { status: "accepted", description: "Aangenomen aanbod" });
    const register = await listAssets(db, hood.id);
    expect(register.active.map((a) => a.id)).toEqual([accepted.id]);
    expect(register.archived.map((a) => a.id)).toEqual([]);
    expect(countsByCategory(await assetCountsQuery(db, hood.id)).gifts).toBe(1);
    const overview = await loadOverview(db, { ids: [hood.id] }, TODAY, { partnerOrgIds: [], locale: "nl" }, undefined, ["assets"]);
    expect(overview.assets.gifts).toBe(1);
    // Read across many neighbourhoods (a register read whole, the offers not in it taken off): the same.
    const others = [await makeNeighbourhood(), await makeNeighbourhood(), await makeNeighbourhood()].map((h) => h.id);
    const wide = await loadOverview(db, { ids: [hood.id, ...others] }, TODAY, { partnerOrgIds: [], locale: "nl" }, undefined, ["assets"]);
    expect(wide.assets.gifts).toBe(1);
    // The public page never shows a resident's own text.
    const page = await loadPublicPage(db, hood.slug);
    expect(JSON.stringify(page)).not.toMatch(/Wacht nog|Afgewezen aanbod|Aangenomen aanbod/);
    expect([waiting.id, declined.id]).toHaveLength(2);
  });

  it("accepting puts the offer in the register; declining archives it; a stale version changes nothing", async () => {
    const hood = await makeNeighbourhood();
    const coordinator = await makePerson({ name: "Cor" });
    const made = await makeOffer(hood.id, { status: "waiting" });
    const before = (await getOffer(db, made.id))!;
    await decideOffer(db, before, "accept", before.version, coordinator.id, NOW, TODAY);
    const accepted = (await getOffer(db, made.id))!;
    expect(accepted).toMatchObject({ status: "accepted", decidedAt: NOW.toISOString(), version: 2, archived: false });
    const [asset] = await db.select().from(s.assets).where(eq(s.assets.id, made.id));
    expect(asset!.lastConfirmedOn).toBe(TODAY);
    expect((await listAssets(db, hood.id)).active.map((a) => a.id)).toEqual([made.id]);

    // Someone decided in between: the form's version is stale.
    await expect(decideOffer(db, before, "decline", before.version, coordinator.id, NOW, TODAY)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await getOffer(db, made.id))!.status).toBe("accepted");

    await decideOffer(db, accepted, "decline", accepted.version, coordinator.id, NOW, TODAY);
    expect((await getOffer(db, made.id))!).toMatchObject({ status: "declined", archived: true });
    expect((await listAssets(db, hood.id)).active).toEqual([]);
    const trail = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, "offer"), eq(s.auditLog.entityId, made.id)));
    expect(trail.map((e) => e.action)).toEqual(["accept", "decline"]);
    expect(trail.every((e) => e.actorId === coordinator.id && e.neighbourhoodId === hood.id)).toBe(true);
  });

  it("lists a neighbourhood's offers, the waiting ones first", async () => {
    const hood = await makeNeighbourhood();
    const a = await makeOffer(hood.id, { status: "accepted" });
    const w = await makeOffer(hood.id, { status: "waiting" });
    expect((await listOffers(db, hood.id)).map((o) => o.id)).toEqual([w.id, a.id]);
    expect((await listOffers(db, hood.id, "accepted")).map((o) => o.id)).toEqual([a.id]);
  });
});

describe("offers and the resident's data rights", () => {
  it("are in their own export and the neighbourhood's, and go entirely when they are erased", async () => {
    const hood = await makeNeighbourhood();
    const { pending } = await pendingFor(hood.id, { description: "Lieke de Wit kookt graag Indisch" });
    await confirmOffer(db, pending, NOW, TODAY);
    const person = (await db.query.people.findFirst({ where: eq(s.people.email, pending.email) }))!;

    const mine = await exportPerson(db, person.id, NOW);
    expect(mine.offers).toEqual([
      expect.objectContaining({ id: pending.id, description: "Lieke de Wit kookt graag Indisch", status: "waiting", consentOn: TODAY }),
    ]);
    expect(mine.offers[0]!.kindsOfHelp.sort()).toEqual(["klussen", "vervoer"]);
    const hoodExport = await exportNeighbourhood(db, hood.id, NOW);
    expect(hoodExport.offers.map((o) => o.id)).toEqual([pending.id]);
    expect(hoodExport.offerTagLinks).toHaveLength(2);

    expect(await erasePerson(db, person.id, null, NOW, env.DOCUMENTS)).toBe(true);
    expect(await db.select().from(s.offers).where(eq(s.offers.id, pending.id))).toEqual([]);
    expect(await db.select().from(s.assets).where(eq(s.assets.id, pending.id))).toEqual([]);
    expect(await db.select().from(s.offerTagLinks).where(eq(s.offerTagLinks.offerId, pending.id))).toEqual([]);
    const trail = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, pending.id));
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.map((e) => e.changes).join(" ")).not.toContain("Indisch");
    expect((await exportPerson(db, person.id, NOW)).offers).toEqual([]);
  });
});
