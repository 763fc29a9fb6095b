import { describe, expect, it } from "vitest";
import { makeInitiative, makeWorld, signedIn } from "../helpers/factories";
import { makeAsset, makeCoordinatorOf, makePartnerPersonFor } from "../helpers/workspace-factories";
import { Browser } from "../helpers/browser";

describe("the neighbourhood page", () => {
  it("shows initiatives with status, year and coordinators, archived ones apart, facilities and the asset summary", async () => {
    const { hood, initiative, coordinator } = await makeWorld();
    await makeInitiative(hood.id, { name: "Repair café", status: "paused", startedYear: 2012 });
    await makeInitiative(hood.id, { name: "Oude speeltuingroep", archivedAt: "2024-06-01T00:00:00.000Z" });
    await makeAsset(hood.id, { category: "places", name: "Pleintje" });
    await makeAsset(hood.id, { category: "places", name: "Bankje" });
    const browser = await signedIn(coordinator.id);
    const res = await browser.get(`/neighbourhoods/${hood.id}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain(`<a href="/initiatives/${initiative.id}">Buurtmoestuin</a>`);
    expect(res.html).toContain("Cor Coördinator");
    expect(res.html).toContain("Gepauzeerd");
    expect(res.html).toContain("2012");
    expect(res.html).toMatch(/<details><summary>Gearchiveerde initiatieven \(1\)<\/summary>[\s\S]*Oude speeltuingroep/);
    expect(res.html).toContain(`href="/neighbourhoods/${hood.id}/facilities"`);
    expect(res.html).toMatch(new RegExp(`href="/neighbourhoods/${hood.id}/assets\\?category=places">Plekken</a></th><td>2</td>`));
    expect(res.html).toContain(`href="/neighbourhoods/${hood.id}/initiatives/new"`);
  });

  it("offers 'Nieuw initiatief' to admins and coordinators, not to partners", async () => {
    const { hood, admin, partnerPerson } = await makeWorld();
    expect((await (await signedIn(admin.id)).get(`/neighbourhoods/${hood.id}`)).html).toContain("Nieuw initiatief");
    const partnerPage = await (await signedIn(partnerPerson.id)).get(`/neighbourhoods/${hood.id}`);
    expect(partnerPage.status).toBe(200);
    expect(partnerPage.html).not.toContain("Nieuw initiatief");
  });

  it("is refused to partners and coordinators of another neighbourhood, to people without a role and to visitors", async () => {
    const { hood, otherHood, otherInitiative, partnerPerson, nobody } = await makeWorld();
    expect((await (await signedIn(partnerPerson.id)).get(`/neighbourhoods/${otherHood.id}`)).status).toBe(403);
    const otherPartner = await makePartnerPersonFor(otherHood.id);
    expect((await (await signedIn(otherPartner.person.id)).get(`/neighbourhoods/${hood.id}`)).status).toBe(403);
    const otherCoordinator = await makeCoordinatorOf(otherInitiative.id);
    expect((await (await signedIn(otherCoordinator.id)).get(`/neighbourhoods/${hood.id}`)).status).toBe(403);
    expect((await (await signedIn(nobody.id)).get(`/neighbourhoods/${hood.id}`)).status).toBe(403);
    const visitor = await new Browser().get(`/neighbourhoods/${hood.id}`);
    expect(visitor.status).toBe(303);
    expect(visitor.location).toContain("/sign-in");
  });

  it("answers 404 for a neighbourhood that does not exist", async () => {
    const { admin } = await makeWorld();
    expect((await (await signedIn(admin.id)).get("/neighbourhoods/bestaat-niet")).status).toBe(404);
  });
});
