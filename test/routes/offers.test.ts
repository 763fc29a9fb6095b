// The coordinators' side of residents' offers: the waiting list on the neighbourhood page, the
// offers page, accepting and declining; and who may see them (residents' names and addresses).
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { db, makeInitiative, makeWorld, signedIn } from "../helpers/factories";
import { makeOffer } from "../helpers/offer-factories";
import { makeCoordinatorOf, makePartnerPersonFor } from "../helpers/workspace-factories";

const offerRow = async (id: string) => (await db.select().from(s.offers).where(eq(s.offers.id, id)))[0]!;

describe("residents' offers for the neighbourhood's coordinators", () => {
  it("the neighbourhood page lists the waiting ones for a coordinator, not for a linked partner", async () => {
    const { hood, coordinator, partnerPerson } = await makeWorld();
    await makeOffer(hood.id, {
      status: "waiting",
      name: "Lieke de Wit",
      email: "lieke-w@example.org",
      description: "Ik kook voor twintig",
    });
    await makeOffer(hood.id, { status: "accepted", description: "Al aangenomen" });
    const page = await (await signedIn(coordinator.id)).get(`/neighbourhoods/${hood.id}`);
    expect(page.html).toContain("Aanbod van bewoners");
    expect(page.html).toContain("Wacht op een coördinator: 1");
    expect(page.html).toContain("Ik kook voor twintig");
    expect(page.html).toContain("lieke-w@example.org");
    expect(page.html).not.toContain("Al aangenomen");
    const partner = await (await signedIn(partnerPerson.id)).get(`/neighbourhoods/${hood.id}`);
    expect(partner.status).toBe(200);
    expect(partner.html).not.toContain("Ik kook voor twintig");
    expect(partner.html).not.toContain("lieke-w@example.org");
  });

  it("the offers page is for admins and the neighbourhood's coordinators; partners and coordinators elsewhere are refused", async () => {
    const { hood, otherHood, admin, coordinator, partnerPerson, nobody } = await makeWorld();
    await makeOffer(hood.id, { status: "waiting", description: "Vervoer naar de markt" });
    const url = `/neighbourhoods/${hood.id}/offers`;
    for (const id of [admin.id, coordinator.id]) {
      const res = await (await signedIn(id)).get(url);
      expect(res.status).toBe(200);
      expect(res.html).toContain("Vervoer naar de markt");
    }
    expect((await (await signedIn(partnerPerson.id)).get(url)).status).toBe(403);
    expect((await (await signedIn(nobody.id)).get(url)).status).toBe(403);
    const elsewhere = await makeCoordinatorOf((await makeInitiative(otherHood.id)).id);
    expect((await (await signedIn(elsewhere.id)).get(url)).status).toBe(403);
    const partnerElsewhere = await makePartnerPersonFor(otherHood.id);
    expect((await (await signedIn(partnerElsewhere.person.id)).get(url)).status).toBe(403);
    const visitor = await new Browser().get(url);
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
  });

  it("accepting from the neighbourhood page: the flash says so there, and the offer joins the asset register", async () => {
    const { hood, coordinator } = await makeWorld();
    const offer = await makeOffer(hood.id, { status: "waiting", description: "Ik repareer fietsen" });
    const browser = await signedIn(coordinator.id);
    const page = await browser.get(`/neighbourhoods/${hood.id}`);
    expect(page.html).toContain(`action="/neighbourhoods/${hood.id}/offers/${offer.id}/decision"`);
    const res = await browser.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, {
      decision: "accept",
      version: "1",
      back: `/neighbourhoods/${hood.id}#offers`,
    });
    expect(res).toMatchObject({ status: 303, location: `/neighbourhoods/${hood.id}#offers` });
    expect(await offerRow(offer.id)).toMatchObject({ status: "accepted", decidedBy: coordinator.id, version: 2 });
    const after = await browser.get(`/neighbourhoods/${hood.id}`);
    expect(after.html).toMatch(/role="status"[^>]*>Aanbod aangenomen: Ik repareer fietsen\./);
    expect(after.html).toContain("Wacht op een coördinator: 0");
    const register = await browser.get(`/neighbourhoods/${hood.id}/assets`);
    expect(register.html).toContain("Ik repareer fietsen");
  });

  it("declining keeps it out of the register; a decision on a stale version changes nothing and says why", async () => {
    const { hood, coordinator, admin } = await makeWorld();
    const offer = await makeOffer(hood.id, { status: "waiting", description: "Iets wat niet past" });
    const first = await signedIn(admin.id);
    await first.get(`/neighbourhoods/${hood.id}/offers`);
    expect((await first.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, { decision: "decline", version: "1" })).status).toBe(
      303,
    );
    expect(await offerRow(offer.id)).toMatchObject({ status: "declined", version: 2 });
    const late = await signedIn(coordinator.id);
    await late.get(`/neighbourhoods/${hood.id}/offers`);
    const res = await late.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, { decision: "accept", version: "1" });
    expect(res.status).toBe(303);
    expect((await late.get(res.location!)).html).toContain("Iemand anders heeft dit aanbod net beoordeeld.");
    expect(await offerRow(offer.id)).toMatchObject({ status: "declined", version: 2 });
    expect((await late.get(`/neighbourhoods/${hood.id}/assets`)).html).not.toContain("Iets wat niet past");
  });

  it("refuses a decision from a partner, from a coordinator elsewhere, on an offer of another neighbourhood, and a bad one", async () => {
    const { hood, otherHood, coordinator, partnerPerson } = await makeWorld();
    const offer = await makeOffer(hood.id, { status: "waiting" });
    const theirs = await makeOffer(otherHood.id, { status: "waiting" });
    const partner = await signedIn(partnerPerson.id);
    await partner.get("/");
    expect(
      (await partner.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, { decision: "accept", version: "1" })).status,
    ).toBe(403);
    const elsewhere = await signedIn((await makeCoordinatorOf((await makeInitiative(otherHood.id)).id)).id);
    await elsewhere.get("/");
    expect(
      (await elsewhere.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, { decision: "accept", version: "1" })).status,
    ).toBe(403);
    const mine = await signedIn(coordinator.id);
    await mine.get("/");
    expect((await mine.post(`/neighbourhoods/${hood.id}/offers/${theirs.id}/decision`, { decision: "accept", version: "1" })).status).toBe(
      404,
    );
    expect((await mine.post(`/neighbourhoods/${hood.id}/offers/${offer.id}/decision`, { decision: "maybe", version: "1" })).status).toBe(
      400,
    );
    expect((await offerRow(offer.id)).status).toBe("waiting");
    expect((await offerRow(theirs.id)).status).toBe("waiting");
  });
});
