import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeNeighbourhood, makePartner, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { auditFor } from "../helpers/workspace-factories";
import { neighbourhoods, partnerMembers, partnerNeighbourhoods, partnerOrgs } from "../../src/db/schema";
import { Browser } from "../helpers/browser";

const hoodBySlug = (slug: string) => db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.slug, slug) });
const partnerByName = (name: string) => db.query.partnerOrgs.findFirst({ where: eq(partnerOrgs.name, name) });
const rnd = () => crypto.randomUUID().slice(0, 8);

describe("only admins manage neighbourhoods and partners", () => {
  it("refuses everyone else, on every page and every write", async () => {
    const w = await makeWorld();
    const pages = [
      "/admin/neighbourhoods",
      "/admin/neighbourhoods/new",
      `/admin/neighbourhoods/${w.hood.id}/edit`,
      "/admin/partners",
      "/admin/partners/new",
      `/admin/partners/${w.partner.id}/edit`,
    ];
    const writes = [
      "/admin/neighbourhoods",
      `/admin/neighbourhoods/${w.hood.id}`,
      `/admin/neighbourhoods/${w.hood.id}/archival`,
      "/admin/partners",
      `/admin/partners/${w.partner.id}`,
      `/admin/partners/${w.partner.id}/archival`,
    ];
    const admin = await signedIn(w.admin.id);
    for (const path of pages) expect((await admin.get(path)).status, path).toBe(200);
    for (const person of [w.coordinator, w.partnerPerson, w.nobody]) {
      const browser = await signedIn(person.id);
      for (const path of pages) expect((await browser.get(path)).status, `${person.name} ${path}`).toBe(403);
      await browser.get("/");
      for (const path of writes)
        expect(
          (await browser.post(path, { name: "Gekaapt", municipality: "X", kind: "other", version: "1" })).status,
          `${person.name} ${path}`,
        ).toBe(403);
    }
    const visitor = new Browser();
    expect((await visitor.get("/admin/partners")).status).toBe(303);
    await visitor.get("/sign-in");
    expect((await visitor.post("/admin/neighbourhoods", { name: "Gekaapt", municipality: "X" })).status).toBe(401);
    expect(await db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.name, "Gekaapt") })).toBeUndefined();
    expect(await partnerByName("Gekaapt")).toBeUndefined();
    expect((await db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.id, w.hood.id) }))?.archivedAt).toBeNull();
  });
});

describe("admin: neighbourhoods", () => {
  it("adds a neighbourhood with a slug made from its name", async () => {
    const { admin } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/neighbourhoods/new");
    const name = `Lombok ${rnd()}`;
    const res = await browser.post("/admin/neighbourhoods", { name, municipality: "Utrecht", slug: "" });
    expect(res.status).toBe(303);
    const row = await hoodBySlug(name.toLowerCase().replace(" ", "-"));
    expect(row).toMatchObject({ name, municipality: "Utrecht", createdBy: admin.id });
    expect((await auditFor(row!.id)).map((a) => a.action)).toEqual(["create"]);
    expect((await browser.get(res.location!)).html).toContain(name);
  });

  it("refuses a bad or taken slug and empty fields next to the fields, writing nothing", async () => {
    const { admin, hood } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/neighbourhoods/new");
    const before = (await db.select().from(neighbourhoods)).length;
    const bad = await browser.post("/admin/neighbourhoods", { name: "Nieuwe buurt", municipality: "", slug: "Nieuwe Buurt!" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Vul dit veld in.");
    const badSlug = await browser.post("/admin/neighbourhoods", { name: "Nieuwe buurt", municipality: "Utrecht", slug: "Nieuwe Buurt!" });
    expect(badSlug.status).toBe(422);
    expect(badSlug.html).toContain("Gebruik alleen kleine letters a tot z");
    expect(badSlug.html).toContain('value="Nieuwe Buurt!"');
    const taken = await browser.post("/admin/neighbourhoods", { name: "Nieuwe buurt", municipality: "Utrecht", slug: hood.slug });
    expect(taken.status).toBe(422);
    expect(taken.html).toContain("Deze korte naam is al in gebruik.");
    expect((await db.select().from(neighbourhoods)).length).toBe(before);
  });

  it("edits with a version, refuses a stale form keeping the input, and archives and restores", async () => {
    const { admin, hood } = await makeWorld();
    const first = await signedIn(admin.id);
    const second = await signedIn(admin.id);
    await first.get(`/admin/neighbourhoods/${hood.id}/edit`);
    await second.get(`/admin/neighbourhoods/${hood.id}/edit`);
    const slug = `zuilen-${rnd()}`;
    expect(
      (await first.post(`/admin/neighbourhoods/${hood.id}`, { name: "Zuilen", municipality: "Utrecht", slug, version: "1" })).status,
    ).toBe(303);
    const invalid = await second.post(`/admin/neighbourhoods/${hood.id}`, { name: "", municipality: "Utrecht", slug, version: "2" });
    expect(invalid.status).toBe(422);
    const stale = await second.post(`/admin/neighbourhoods/${hood.id}`, {
      name: "Ondiep",
      municipality: "Utrecht",
      slug: "",
      version: "1",
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd.");
    expect(stale.html).toContain('value="Ondiep"');
    expect(stale.html).toContain("<strong>Zuilen</strong>");
    expect(await hoodBySlug(slug)).toMatchObject({ id: hood.id, name: "Zuilen", version: 2 });
    expect((await first.post(`/admin/neighbourhoods/${hood.id}/archival`)).status).toBe(303);
    expect((await first.get("/admin/neighbourhoods")).html).toMatch(/<details><summary>Gearchiveerd \(\d+\)<\/summary>[\s\S]*Zuilen/);
    await first.post(`/admin/neighbourhoods/${hood.id}/restoration`);
    expect((await hoodBySlug(slug))?.archivedAt).toBeNull();
    expect((await auditFor(hood.id)).map((a) => a.action).sort()).toEqual(["archive", "restore", "update"]);
  });
});

describe("admin: partner organisations", () => {
  it("adds a partner with a kind and linked neighbourhoods, which lets its people read them", async () => {
    const { admin, hood, otherHood } = await makeWorld();
    const browser = await signedIn(admin.id);
    const form = await browser.get("/admin/partners/new");
    expect(form.html).toContain("Woningcorporatie");
    const name = `Gemeente ${rnd()}`;
    const res = await browser.post("/admin/partners", { name, kind: "municipality", neighbourhoodIds: [otherHood.id] });
    expect(res.status).toBe(303);
    const row = await partnerByName(name);
    expect(row?.kind).toBe("municipality");
    const member = await makePerson({ name: "Gerda Gemeente" });
    await db.insert(partnerMembers).values({ partnerId: row!.id, personId: member.id });
    const gerda = await signedIn(member.id);
    expect((await gerda.get(`/neighbourhoods/${otherHood.id}`)).status).toBe(200);
    expect((await gerda.get(`/neighbourhoods/${hood.id}`)).status).toBe(403);
    expect((await browser.get("/admin/partners")).html).toContain(name);
  });

  it("refuses bad input writing nothing", async () => {
    const { admin } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/partners/new");
    const before = (await db.select().from(partnerOrgs)).length;
    const res = await browser.post("/admin/partners", { name: "", kind: "bank", neighbourhoodIds: "bestaat-niet" });
    expect(res.status).toBe(422);
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Kies een van de mogelijkheden.");
    const unknownHood = await browser.post("/admin/partners", { name: "Fonds X", kind: "fund", neighbourhoodIds: "bestaat-niet" });
    expect(unknownHood.status).toBe(422);
    expect(unknownHood.html).toContain("Kies alleen bestaande buurten.");
    expect((await db.select().from(partnerOrgs)).length).toBe(before);
  });

  it("relinks neighbourhoods with a version and refuses a stale form", async () => {
    const { admin } = await makeWorld();
    const a = await makeNeighbourhood({ name: "Buurt A" });
    const b = await makeNeighbourhood({ name: "Buurt B" });
    const partner = await makePartner({ name: `Zorg ${rnd()}`, kind: "care" });
    await db.insert(partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId: a.id });
    const first = await signedIn(admin.id);
    const second = await signedIn(admin.id);
    expect((await first.get(`/admin/partners/${partner.id}/edit`)).html).toMatch(new RegExp(`value="${a.id}" checked=""`));
    await second.get(`/admin/partners/${partner.id}/edit`);
    expect(
      (await first.post(`/admin/partners/${partner.id}`, { name: partner.name, kind: "care", neighbourhoodIds: [b.id], version: "1" }))
        .status,
    ).toBe(303);
    const invalid = await second.post(`/admin/partners/${partner.id}`, { name: partner.name, kind: "zorg", version: "2" });
    expect(invalid.status).toBe(422);
    const stale = await second.post(`/admin/partners/${partner.id}`, {
      name: "Zorg Oud",
      kind: "care",
      neighbourhoodIds: [a.id, b.id],
      version: "1",
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('value="Zorg Oud"');
    expect(stale.html).toContain("<strong>Buurt B</strong>");
    const links = await db.select().from(partnerNeighbourhoods).where(eq(partnerNeighbourhoods.partnerId, partner.id));
    expect(links.map((l) => l.neighbourhoodId)).toEqual([b.id]);
    expect((await first.post(`/admin/partners/${partner.id}/archival`)).status).toBe(303);
    expect((await partnerByName(partner.name))?.archivedAt).not.toBeNull();
    await first.post(`/admin/partners/${partner.id}/restoration`);
    expect((await partnerByName(partner.name))?.archivedAt).toBeNull();
  });
});
