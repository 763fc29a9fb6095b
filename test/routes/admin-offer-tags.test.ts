// The kinds of help on the public offer form: kept by admins only.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { db, makeNeighbourhood, makeWorld, signedIn, uniq } from "../helpers/factories";
import { makeTag } from "../helpers/offer-factories";

const byName = async (name: string) => (await db.select().from(s.offerTags).where(eq(s.offerTags.name, name)))[0];

describe("kinds of help (admin)", () => {
  it("lists the starter list, adds one, refuses a name twice next to the field, and the public form shows the new one", async () => {
    const { admin } = await makeWorld();
    const browser = await signedIn(admin.id);
    const list = await browser.get("/admin/offer-tags");
    expect(list.status).toBe(200);
    for (const name of ["koken", "penningmeester", "sleutelbeheer", "taal", "klussen", "tuin", "vervoer"])
      expect(list.html).toContain(name);
    const name = uniq("boodschappen");
    const added = await browser.post("/admin/offer-tags", { name, nameEn: "shopping", role: "" });
    expect(added).toMatchObject({ status: 303, location: "/admin/offer-tags" });
    expect((await browser.get("/admin/offer-tags")).html).toContain(`Soort hulp toegevoegd: ${name}.`);
    expect(await byName(name)).toMatchObject({ nameEn: "shopping", role: null, archivedAt: null });

    const twice = await browser.post("/admin/offer-tags", { name: ` ${name.toUpperCase()} `, nameEn: "", role: "" });
    expect(twice.status).toBe(422);
    expect(twice.html).toContain("Deze soort hulp staat er al.");
    expect(twice.html).toMatch(/id="field-name"[^>]*aria-invalid="true"/);
    const badRole = await browser.post("/admin/offer-tags", { name: uniq("x"), role: "president" });
    expect(badRole.status).toBe(422);

    const hood = await makeNeighbourhood({ published: true });
    expect((await new Browser().get(`/buurt/${hood.slug}`)).html).toContain(name);
  });

  it("edits with the version it was loaded with (a stale one changes nothing), archives and restores", async () => {
    const { admin } = await makeWorld();
    const tag = await makeTag({ name: uniq("oppas") });
    const browser = await signedIn(admin.id);
    expect((await browser.get(`/admin/offer-tags/${tag.id}/edit`)).status).toBe(200);
    const saved = await browser.post(`/admin/offer-tags/${tag.id}`, { name: tag.name, nameEn: "babysitting", role: "host", version: "1" });
    expect(saved.status).toBe(303);
    expect(await byName(tag.name)).toMatchObject({ nameEn: "babysitting", role: "host", version: 2 });
    await browser.get(`/admin/offer-tags/${tag.id}/edit`);
    const stale = await browser.post(`/admin/offer-tags/${tag.id}`, { name: tag.name, nameEn: "other", role: "", version: "1" });
    expect(stale.status).toBe(409);
    expect((await byName(tag.name))!.nameEn).toBe("babysitting");

    await browser.get("/admin/offer-tags");
    expect((await browser.post(`/admin/offer-tags/${tag.id}/archival`, {})).status).toBe(303);
    expect((await byName(tag.name))!.archivedAt).not.toBeNull();
    const hood = await makeNeighbourhood({ published: true });
    expect((await new Browser().get(`/buurt/${hood.slug}`)).html).not.toContain(tag.name);
    await browser.get("/admin/offer-tags");
    expect((await browser.post(`/admin/offer-tags/${tag.id}/restoration`, {})).status).toBe(303);
    expect((await byName(tag.name))!.archivedAt).toBeNull();
  });

  it("refuses everyone but admins, and changes nothing", async () => {
    const { coordinator, partnerPerson } = await makeWorld();
    const tag = await makeTag({ name: uniq("fietsen") });
    for (const id of [coordinator.id, partnerPerson.id]) {
      const b = await signedIn(id);
      expect((await b.get("/admin/offer-tags")).status).toBe(403);
      await b.get("/");
      expect((await b.post("/admin/offer-tags", { name: uniq("gekaapt") })).status).toBe(403);
      expect((await b.post(`/admin/offer-tags/${tag.id}/archival`, {})).status).toBe(403);
    }
    const visitor = new Browser();
    expect((await visitor.get("/admin/offer-tags")).location).toBe("/sign-in?next=%2Fadmin%2Foffer-tags");
    expect((await byName(tag.name))!.archivedAt).toBeNull();
  });
});
