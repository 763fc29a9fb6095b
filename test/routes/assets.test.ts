import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { assetRow, auditFor, makeAsset, makeCoordinatorOf, makePartnerPersonFor } from "../helpers/workspace-factories";
import { assetInitiatives, assets } from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { todayInAmsterdam } from "../../src/lib/dates";

const assetCount = async (neighbourhoodId: string) =>
  (await db.select().from(assets).where(eq(assets.neighbourhoodId, neighbourhoodId))).length;
const valid = (over: Record<string, string | string[]> = {}) => ({
  category: "gifts",
  name: "Henk repareert fietsen",
  description: "Elke zaterdag",
  ...over,
});

describe("the asset register of a neighbourhood", () => {
  it("lists assets per category and filters with a plain GET form", async () => {
    const { hood, coordinator } = await makeWorld();
    await makeAsset(hood.id, { category: "places", name: "Het speelveldje" });
    await makeAsset(hood.id, { category: "stories", name: "Verhaal van de brand" });
    await makeAsset(hood.id, { category: "stories", name: "Oude kroeg", archivedAt: "2026-01-01T00:00:00.000Z" });
    const browser = await signedIn(coordinator.id);
    const all = await browser.get(`/neighbourhoods/${hood.id}/assets`);
    expect(all.status).toBe(200);
    expect(all.html).toContain("Het speelveldje");
    expect(all.html).toContain("Verhaal van de brand");
    expect(all.html).toContain('<form method="get"');
    expect(all.html).toContain("Gearchiveerd (1)");
    const places = await browser.get(`/neighbourhoods/${hood.id}/assets?category=places`);
    expect(places.html).toContain("Het speelveldje");
    expect(places.html).not.toContain("Verhaal van de brand");
    expect(places.html).toContain('<option value="places" selected="">Plekken</option>');
  });

  it("lets a linked partner read it, without contacts and edit buttons; a partner elsewhere gets 403", async () => {
    const { hood, otherHood, partnerPerson } = await makeWorld();
    await makeAsset(hood.id, { name: "Buurtkok", contactName: "Fatma", contactInfo: "06-11112222", contactConsentOn: "2026-01-01" });
    const partner = await signedIn(partnerPerson.id);
    const res = await partner.get(`/neighbourhoods/${hood.id}/assets`);
    expect(res.status).toBe(200);
    expect(res.html).toContain("Buurtkok");
    expect(res.html).not.toContain("06-11112222");
    expect(res.html).not.toContain("Buurtkracht toevoegen");
    expect((await partner.get(`/neighbourhoods/${hood.id}/assets/new`)).status).toBe(403);
    expect((await partner.get(`/neighbourhoods/${otherHood.id}/assets`)).status).toBe(403);
    const elsewhere = await makePartnerPersonFor(otherHood.id);
    expect((await (await signedIn(elsewhere.person.id)).get(`/neighbourhoods/${hood.id}/assets`)).status).toBe(403);
  });
});

describe("adding an asset", () => {
  it("saves a valid asset with its initiatives, confirmed today, and goes back to the register", async () => {
    const { hood, initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    const form = await browser.get(`/neighbourhoods/${hood.id}/assets/new?initiative=${initiative.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Deze persoon geeft toestemming om deze contactgegevens te bewaren");
    const res = await browser.post(`/neighbourhoods/${hood.id}/assets`, {
      ...valid({ contactName: "Henk", contactInfo: "henk@example.org", contactConsent: "on", contactConsentOn: "2026-03-01" }),
      initiativeIds: initiative.id,
    });
    expect(res.status).toBe(303);
    const [row] = await db.select().from(assets).where(eq(assets.neighbourhoodId, hood.id));
    expect(row).toMatchObject({
      name: "Henk repareert fietsen",
      contactName: "Henk",
      contactConsentOn: "2026-03-01",
      lastConfirmedOn: todayInAmsterdam(new Date()),
    });
    expect(res.location).toBe(`/neighbourhoods/${hood.id}/assets`);
    expect((await browser.get(res.location!)).html).toMatch(/role="status"[^>]*>Buurtkracht toegevoegd: Henk repareert fietsen\./);
    expect((await db.select().from(assetInitiatives).where(eq(assetInitiatives.assetId, row!.id))).map((l) => l.initiativeId)).toEqual([
      initiative.id,
    ]);
    expect((await auditFor(row!.id)).map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses a contact without consent next to the field, and writes nothing", async () => {
    const { hood, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/neighbourhoods/${hood.id}/assets/new`);
    const res = await browser.post(`/neighbourhoods/${hood.id}/assets`, valid({ contactName: "Henk", contactInfo: "06-12345678" }));
    expect(res.status).toBe(422);
    expect(res.html).toContain('id="field-contactConsent-error"');
    expect(res.html).toContain("Zonder toestemming mogen we geen contactgegevens bewaren.");
    expect(res.html).toContain('value="06-12345678"');
    expect(await assetCount(hood.id)).toBe(0);
  });

  it("refuses bad input and initiatives of another neighbourhood, writing nothing", async () => {
    const { hood, otherInitiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/neighbourhoods/${hood.id}/assets/new`);
    const bad = await browser.post(`/neighbourhoods/${hood.id}/assets`, { category: "dromen", name: "" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Vul dit veld in.");
    expect(bad.html).toContain("Kies een van de mogelijkheden.");
    const foreign = await browser.post(`/neighbourhoods/${hood.id}/assets`, { ...valid(), initiativeIds: otherInitiative.id });
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain("Kies alleen initiatieven uit deze buurt.");
    expect(await assetCount(hood.id)).toBe(0);
  });

  it("refuses writes from a coordinator elsewhere, a partner and a visitor", async () => {
    const { hood, otherInitiative, partnerPerson } = await makeWorld();
    const elsewhere = await signedIn((await makeCoordinatorOf(otherInitiative.id)).id);
    expect((await elsewhere.get(`/neighbourhoods/${hood.id}/assets`)).status).toBe(403);
    await elsewhere.get("/");
    expect((await elsewhere.post(`/neighbourhoods/${hood.id}/assets`, valid())).status).toBe(403);
    const partner = await signedIn(partnerPerson.id);
    await partner.get(`/neighbourhoods/${hood.id}/assets`);
    expect((await partner.post(`/neighbourhoods/${hood.id}/assets`, valid())).status).toBe(403);
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(`/neighbourhoods/${hood.id}/assets`, valid())).status).toBe(401);
    expect(await assetCount(hood.id)).toBe(0);
  });
});

describe("editing an asset", () => {
  it("saves a valid edit, and a stale one shows what changed and keeps the input", async () => {
    const { hood, admin, coordinator } = await makeWorld();
    const asset = await makeAsset(hood.id, { name: "Naaiatelier" });
    const first = await signedIn(coordinator.id);
    const second = await signedIn(admin.id);
    expect((await first.get(`/neighbourhoods/${hood.id}/assets/${asset.id}/edit`)).html).toContain('value="Naaiatelier"');
    await second.get(`/neighbourhoods/${hood.id}/assets/${asset.id}/edit`);
    const saved = await first.post(
      `/neighbourhoods/${hood.id}/assets/${asset.id}`,
      valid({ name: "Naaiatelier Noord", category: "associations", version: "1" }),
    );
    expect(saved.status).toBe(303);
    const stale = await second.post(`/neighbourhoods/${hood.id}/assets/${asset.id}`, valid({ name: "Naaiclub", version: "1" }));
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd.");
    expect(stale.html).toContain('value="Naaiclub"');
    expect(stale.html).toContain("<strong>Naaiatelier Noord</strong>");
    expect(await assetRow(asset.id)).toMatchObject({ name: "Naaiatelier Noord", category: "associations", version: 2 });
  });

  it("refuses an invalid edit and writes nothing", async () => {
    const { hood, coordinator } = await makeWorld();
    const asset = await makeAsset(hood.id, { name: "Bakker" });
    const browser = await signedIn(coordinator.id);
    await browser.get(`/neighbourhoods/${hood.id}/assets/${asset.id}/edit`);
    const res = await browser.post(
      `/neighbourhoods/${hood.id}/assets/${asset.id}`,
      valid({ name: "Bakker Bas", contactInfo: "bas@example.org", version: "1" }),
    );
    expect(res.status).toBe(422);
    expect(res.html).toContain("Zonder toestemming");
    expect(await assetRow(asset.id)).toMatchObject({ name: "Bakker", version: 1 });
  });

  it("answers 404 for an asset of another neighbourhood, and 403 to a coordinator elsewhere", async () => {
    const { hood, otherHood, otherInitiative, coordinator } = await makeWorld();
    const theirs = await makeAsset(otherHood.id, { name: "Van de overkant" });
    const browser = await signedIn(coordinator.id);
    expect((await browser.get(`/neighbourhoods/${hood.id}/assets/${theirs.id}/edit`)).status).toBe(404);
    await browser.get(`/neighbourhoods/${hood.id}/assets`);
    expect((await browser.post(`/neighbourhoods/${hood.id}/assets/${theirs.id}`, valid({ version: "1" }))).status).toBe(404);
    expect((await browser.post(`/neighbourhoods/${hood.id}/assets/${theirs.id}/archival`)).status).toBe(404);
    const mine = await makeAsset(hood.id, { name: "Van hier" });
    const elsewhere = await signedIn((await makeCoordinatorOf(otherInitiative.id)).id);
    await elsewhere.get("/");
    expect((await elsewhere.post(`/neighbourhoods/${hood.id}/assets/${mine.id}`, valid({ version: "1" }))).status).toBe(403);
    expect((await elsewhere.post(`/neighbourhoods/${hood.id}/assets/${mine.id}/confirmations`)).status).toBe(403);
    expect((await assetRow(theirs.id))?.version).toBe(1);
    expect((await assetRow(mine.id))?.version).toBe(1);
  });
});

describe("confirming, archiving and restoring", () => {
  it("confirms today, archives into the details, restores, and can return to the initiative", async () => {
    const { hood, initiative, coordinator } = await makeWorld();
    const asset = await makeAsset(hood.id, { name: "Wijkkrant", lastConfirmedOn: "2022-01-01" }, [initiative.id]);
    const browser = await signedIn(coordinator.id);
    const list = await browser.get(`/neighbourhoods/${hood.id}/assets`);
    expect(list.html).toContain("Al meer dan 2 jaar niet bevestigd");
    const confirmed = await browser.post(`/neighbourhoods/${hood.id}/assets/${asset.id}/confirmations`, {
      back: `/initiatives/${initiative.id}#assets`,
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe(`/initiatives/${initiative.id}#assets`);
    // The initiative's assets section says it, under its heading.
    expect((await browser.get(`/initiatives/${initiative.id}`)).html).toMatch(
      /id="assets-title"[\s\S]*role="status"[^>]*>Buurtkracht nagekeken en klopt nog: /,
    );
    expect((await assetRow(asset.id))?.lastConfirmedOn).toBe(todayInAmsterdam(new Date()));
    const archived = await browser.post(`/neighbourhoods/${hood.id}/assets/${asset.id}/archival`, { back: "https://evil.example/" });
    expect(archived.location).toBe(`/neighbourhoods/${hood.id}/assets`);
    expect((await assetRow(asset.id))?.archivedAt).not.toBeNull();
    expect((await browser.get(`/neighbourhoods/${hood.id}/assets`)).html).toContain("Gearchiveerd (1)");
    await browser.post(`/neighbourhoods/${hood.id}/assets/${asset.id}/restoration`);
    expect((await assetRow(asset.id))?.archivedAt).toBeNull();
    expect((await auditFor(asset.id)).map((a) => a.action).sort()).toEqual(["archive", "confirm", "restore"]);
  });
});
