import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makeInitiative, makeNeighbourhood, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeCoordinatorOf } from "../helpers/workspace-factories";
import { activity, asset, coordinate, person } from "../helpers/overview-factories";
import { translator } from "../../src/i18n";
import { PublicationToggle } from "../../views/public/publication-toggle";

async function published(id: string) {
  return (await db.query.neighbourhoods.findFirst({ where: eq(s.neighbourhoods.id, id) }))!.published;
}

async function auditRows(id: string) {
  return db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, "neighbourhood"), eq(s.auditLog.entityId, id)));
}

/** Signs in and opens a page, so the browser holds a CSRF token for its next post. */
async function ready(personId: string) {
  const browser = await signedIn(personId);
  await browser.get("/");
  return browser;
}

describe("publishing a neighbourhood's page", () => {
  it("lets an admin publish and withdraw it, with an audit row each time", async () => {
    const { hood, admin } = await makeWorld();
    const visitor = new Browser();
    expect((await visitor.get(`/buurt/${hood.slug}`)).status).toBe(404);

    const browser = await ready(admin.id);
    const on = await browser.post(`/neighbourhoods/${hood.id}/publication`, { published: "1" });
    expect(on.status).toBe(303);
    expect(on.location).toBe(`/neighbourhoods/${hood.id}#public-page`);
    expect(await published(hood.id)).toBe(true);
    expect((await visitor.get(`/buurt/${hood.slug}`)).status).toBe(200);

    await browser.get("/");
    await browser.post(`/neighbourhoods/${hood.id}/publication`, { published: "0" });
    expect(await published(hood.id)).toBe(false);
    expect((await visitor.get(`/buurt/${hood.slug}`)).status).toBe(404);

    const rows = await auditRows(hood.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["publish", "unpublish"]);
    expect(JSON.parse(rows.find((r) => r.action === "publish")!.changes)).toEqual({ published: [false, true] });
    expect(rows.every((r) => r.actorId === admin.id && r.neighbourhoodId === hood.id)).toBe(true);
  });

  it("refuses everyone but admins: the neighbourhood's own coordinators, partners, coordinators elsewhere, visitors; nothing changes", async () => {
    const { hood, coordinator, partnerPerson, otherInitiative } = await makeWorld();
    const own = await ready(coordinator.id);
    // The coordinator sees no switch on the neighbourhood page, and a hand-made post is refused.
    expect((await own.get(`/neighbourhoods/${hood.id}`)).html).not.toContain(`/neighbourhoods/${hood.id}/publication`);
    for (const value of ["1", "0"])
      expect((await own.post(`/neighbourhoods/${hood.id}/publication`, { published: value })).status).toBe(403);
    const partner = await ready(partnerPerson.id);
    expect((await partner.post(`/neighbourhoods/${hood.id}/publication`, { published: "1" })).status).toBe(403);
    const elsewhere = await ready((await makeCoordinatorOf(otherInitiative.id)).id);
    expect((await elsewhere.post(`/neighbourhoods/${hood.id}/publication`, { published: "1" })).status).toBe(403);
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(`/neighbourhoods/${hood.id}/publication`, { published: "1" })).status).toBe(401);
    expect(await published(hood.id)).toBe(false);
    expect(await auditRows(hood.id)).toEqual([]);
  });

  it("shows the switch to admins on the neighbourhood page", async () => {
    const { hood, admin } = await makeWorld();
    const page = await (await ready(admin.id)).get(`/neighbourhoods/${hood.id}`);
    expect(page.html).toContain(`action="/neighbourhoods/${hood.id}/publication"`);
  });

  it("rejects a value other than 1 or 0 and changes nothing", async () => {
    const { hood, admin } = await makeWorld();
    const res = await (await ready(admin.id)).post(`/neighbourhoods/${hood.id}/publication`, { published: "yes" });
    expect(res.status).toBe(422);
    expect(await published(hood.id)).toBe(false);
    expect(await auditRows(hood.id)).toEqual([]);
  });
});

describe("the public page", () => {
  it("shows assets by category without contacts unless consented, and active initiatives with how to join", async () => {
    const hood = await makeNeighbourhood({ name: "Oosterpark", municipality: "Groningen", published: true });
    await asset(hood.id, "places", "Het pleintje", { description: "Met bankjes onder de bomen" });
    await asset(hood.id, "gifts", "Fatma kookt", {
      contactName: "Fatma Yilmaz",
      contactInfo: "06-11111111",
      contactConsentOn: "2026-01-05",
    });
    await asset(hood.id, "gifts", "Henk repareert", { contactName: "Henk Geheim", contactInfo: "06-99999999" });
    await asset(hood.id, "stories", "Oud verhaal", { archivedAt: "2025-01-01T00:00:00.000Z" });
    const garden = await makeInitiative(hood.id, { name: "Buurtmoestuin Oost", purpose: "Samen groente kweken", startedYear: 2019 });
    await activity(garden.id, "Tuindag", { rhythm: "Elke zaterdag", place: "Achter de school" });
    await activity(garden.id, "Oude activiteit", { archivedAt: "2025-01-01T00:00:00.000Z" });
    const cor = await person("Cornelia van der Berg");
    const gone = await person("", { erasedAt: "2025-01-01T00:00:00.000Z" });
    await coordinate(garden.id, cor.id);
    await coordinate(garden.id, gone.id);
    await makeInitiative(hood.id, { name: "Gestopt clubje", status: "stopped" });
    await makeInitiative(hood.id, { name: "Gearchiveerd clubje", archivedAt: "2025-01-01T00:00:00.000Z" });

    const res = await new Browser().get(`/buurt/${hood.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain("<h1>Oosterpark: wat de buurt heeft</h1>");
    expect(res.html).toMatch(
      /<h3 id="category-gifts">Gaven en talenten van bewoners<\/h3>[\s\S]*Fatma kookt[\s\S]*Fatma Yilmaz, 06-11111111[\s\S]*Henk repareert/,
    );
    expect(res.html).toMatch(/<h3 id="category-places">Plekken<\/h3>[\s\S]*Het pleintje<\/strong> — Met bankjes onder de bomen/);
    expect(res.html).not.toContain("Henk Geheim");
    expect(res.html).not.toContain("06-99999999");
    expect(res.html).not.toContain("Oud verhaal");
    expect(res.html).toContain("Buurtmoestuin Oost");
    expect(res.html).toContain("Samen groente kweken");
    expect(res.html).toMatch(/<strong>Tuindag<\/strong> · Wanneer: Elke zaterdag · Waar: Achter de school/);
    expect(res.html).not.toContain("Oude activiteit");
    expect(res.html).toContain("Doe mee? Kom langs en vraag naar Cornelia.");
    expect(res.html).not.toContain("van der Berg");
    expect(res.html).not.toContain("Gestopt clubje");
    expect(res.html).not.toContain("Gearchiveerd clubje");
    expect(res.html).not.toMatch(/\sstyle=/);
  });

  it("does not exist for an unknown slug, an unpublished or an archived neighbourhood", async () => {
    const hidden = await makeNeighbourhood();
    const archived = await makeNeighbourhood({ published: true, archivedAt: "2025-01-01T00:00:00.000Z" });
    const visitor = new Browser();
    expect((await visitor.get("/buurt/bestaat-niet")).status).toBe(404);
    expect((await visitor.get(`/buurt/${hidden.slug}`)).status).toBe(404);
    expect((await visitor.get(`/buurt/${archived.slug}`)).status).toBe(404);
  });
});

describe("the publication toggle", () => {
  const t = translator("nl");
  const render = async (published: boolean) =>
    String(await PublicationToggle({ t, csrfToken: "tok", neighbourhood: { id: "n1", slug: "oosterpark", published } }).toString());

  it("offers to turn the page on when it is off", async () => {
    const html = await render(false);
    expect(html).toContain('<section id="public-page" aria-labelledby="public-page-title"><h2 id="public-page-title">Openbare pagina</h2>');
    expect(html).toContain('<form method="post" action="/neighbourhoods/n1/publication"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(html).toContain('<input type="hidden" name="published" value="1"/>');
    expect(html).toContain("Openbare pagina aanzetten");
    expect(html).not.toContain('href="/buurt/oosterpark"');
  });

  it("links to the page and offers to turn it off when it is on", async () => {
    const html = await render(true);
    expect(html).toContain('<a href="/buurt/oosterpark">/buurt/oosterpark</a>');
    expect(html).toContain('<input type="hidden" name="published" value="0"/>');
    expect(html).toContain("Openbare pagina uitzetten");
  });
});
