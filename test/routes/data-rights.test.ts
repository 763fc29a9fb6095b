import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import * as s from "../../src/db/schema";
import { db, makeInitiative, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeInvolvement } from "../helpers/people-factories";
import { makeCoordinatorOf } from "../helpers/money-factories";
import { makeAsset } from "../helpers/api-factories";
import { audit } from "../../src/domain/audit";
import { ERASED_NAME } from "../../src/domain/data/erasure";
import { exports } from "cloudflare:workers";

/** A binary download with the browser's cookies (Browser reads bodies as text). */
function raw(browser: Browser, path: string) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return exports.default.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));
}

describe("a person's own data", () => {
  it("downloads everything about them as JSON", async () => {
    const w = await makeWorld();
    await makeInvolvement(w.initiative.id, w.coordinator.id);
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get("/me/data");
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/me/export"');
    const res = await browser.get("/me/export");
    expect(res.status).toBe(200);
    expect(res.res.headers.get("content-disposition")).toMatch(/attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"/);
    const data = JSON.parse(res.html);
    expect(data.person).toMatchObject({ id: w.coordinator.id, name: w.coordinator.name });
    expect(data.involvements).toHaveLength(1);
    expect((await new Browser().get("/me/export")).status).toBe(303);
  });

  it("erases themselves only after confirming that it is final, and are signed out", async () => {
    const w = await makeWorld();
    const person = await makePerson({ name: "Els Weg" });
    await makeInvolvement(w.initiative.id, person.id);
    const browser = await signedIn(person.id);
    const confirm = await browser.get("/me/erasure");
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("Dit is definitief");
    const unconfirmed = await browser.post("/me/erasure", {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.html).toContain("Vink aan dat je begrijpt");
    expect((await db.query.people.findFirst({ where: eq(s.people.id, person.id) }))?.erasedAt).toBeNull();
    const done = await browser.post("/me/erasure", { confirm: "yes" });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/me/erasure/done");
    expect((await browser.get("/me/erasure/done")).html).toContain("Je gegevens zijn verwijderd");
    const row = await db.query.people.findFirst({ where: eq(s.people.id, person.id) });
    expect(row).toMatchObject({ name: ERASED_NAME, email: null });
    expect((await db.select().from(s.involvements).where(eq(s.involvements.personId, person.id))).length).toBe(1);
    // The session is gone: the next page asks to sign in.
    expect((await browser.get("/me/data")).status).toBe(303);
  });

  it("refuses a post without the CSRF token", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.nobody.id);
    await browser.get("/me/erasure");
    expect((await browser.post("/me/erasure", { confirm: "yes" }, { csrf: null })).status).toBe(403);
    expect((await db.query.people.findFirst({ where: eq(s.people.id, w.nobody.id) }))?.erasedAt).toBeNull();
  });
});

describe("admins erase and export anyone", () => {
  it("shows a final-warning page, erases on confirmation, and says so afterwards", async () => {
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    const page = await admin.get(`/admin/people/${w.nobody.id}/erasure`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Gegevens van ${w.nobody.name} verwijderen`);
    expect(page.html).toContain("Dit is definitief");
    expect((await admin.post(`/admin/people/${w.nobody.id}/erasure`, {})).status).toBe(422);
    const res = await admin.post(`/admin/people/${w.nobody.id}/erasure`, { confirm: "yes" });
    expect(res.status).toBe(303);
    const after = await admin.get(`/admin/people/${w.nobody.id}/erasure`);
    expect(after.html).toContain("zijn verwijderd op");
    const trail = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, w.nobody.id));
    expect(trail.find((a) => a.action === "erase")).toMatchObject({ actorId: w.admin.id, changes: "{}" });
    expect((await admin.post(`/admin/people/${w.nobody.id}/erasure`, { confirm: "yes" })).status).toBe(404);
  });

  it("downloads a person's data; others may not erase or download", async () => {
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    const res = await admin.get(`/admin/people/${w.nobody.id}/export`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.html).person.name).toBe(w.nobody.name);
    expect((await admin.get(`/admin/people/${w.nobody.id}/data`)).html).toContain(`/admin/people/${w.nobody.id}/erasure`);
    for (const who of [w.coordinator, w.partnerPerson]) {
      const b = await signedIn(who.id);
      expect((await b.get(`/admin/people/${w.nobody.id}/export`)).status).toBe(403);
      expect((await b.get(`/admin/people/${w.nobody.id}/erasure`)).status).toBe(403);
      await b.get("/me/data");
      expect((await b.post(`/admin/people/${w.nobody.id}/erasure`, { confirm: "yes" })).status).toBe(403);
    }
    expect((await db.query.people.findFirst({ where: eq(s.people.id, w.nobody.id) }))?.erasedAt).toBeNull();
  });
});

describe("a neighbourhood's full record", () => {
  it("is for admins, as JSON and as a zip of CSVs", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.admin.id);
    expect((await b.get(`/neighbourhoods/${w.hood.id}`)).html).toContain(`/neighbourhoods/${w.hood.id}/export"`);
    expect((await b.get(`/neighbourhoods/${w.hood.id}/export`)).html).toContain(`/neighbourhoods/${w.hood.id}/export.zip`);
    const json = await b.get(`/neighbourhoods/${w.hood.id}/export.json`);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.html).initiatives[0].id).toBe(w.initiative.id);
    const zipRes = await raw(b, `/neighbourhoods/${w.hood.id}/export.zip`);
    expect(zipRes.headers.get("content-type")).toBe("application/zip");
    expect(Object.keys(unzipSync(new Uint8Array(await zipRes.arrayBuffer())))).toContain("initiatives.csv");
  });

  it("is refused to the neighbourhood's own coordinators, linked partners, coordinators elsewhere and visitors", async () => {
    const w = await makeWorld();
    const elsewhere = await makeCoordinatorOf(w.otherInitiative.id);
    for (const who of [w.coordinator, w.partnerPerson, elsewhere]) {
      const b = await signedIn(who.id);
      expect((await b.get(`/neighbourhoods/${w.hood.id}`)).html).not.toContain(`/neighbourhoods/${w.hood.id}/export"`);
      for (const path of ["export", "export.json", "export.zip"])
        expect([who.name, path, (await b.get(`/neighbourhoods/${w.hood.id}/${path}`)).status]).toEqual([who.name, path, 403]);
    }
    for (const path of ["export", "export.json", "export.zip"])
      expect((await new Browser().get(`/neighbourhoods/${w.hood.id}/${path}`)).status).toBe(303);
  });
});

describe("an initiative's own record", () => {
  /** Two initiatives in one neighbourhood, each with a volunteer with contact details, and an asset contact. */
  async function twoInitiatives() {
    const w = await makeWorld();
    const volunteer = await makePerson({ name: "Vera Vrijwilliger", phone: "0611111111" });
    await makeInvolvement(w.initiative.id, volunteer.id, { role: "penningmeester", critical: true });
    const neighbour = await makeInitiative(w.hood.id, { name: "Buurtkoor" });
    const theirCoordinator = await makeCoordinatorOf(neighbour.id, "Karel Koor");
    const theirVolunteer = await makePerson({ name: "Otto Anders", phone: "0622222222" });
    await makeInvolvement(neighbour.id, theirVolunteer.id);
    const asset = await makeAsset(w.hood.id, {
      contactName: "Lies Contact",
      contactInfo: "lies@contact.example",
      contactConsentOn: "2026-01-01",
    });
    await db.insert(s.assetInitiatives).values({ assetId: asset.id, initiativeId: w.initiative.id });
    const at = new Date("2026-02-01T00:00:00Z");
    await audit(
      db,
      {
        actorId: null,
        entity: "initiative",
        entityId: w.initiative.id,
        action: "update",
        initiativeId: w.initiative.id,
        neighbourhoodId: w.hood.id,
        changes: { name: ["Oud", "Nieuw"] },
      },
      at,
    );
    await audit(
      db,
      {
        actorId: null,
        entity: "neighbourhood",
        entityId: w.hood.id,
        action: "update",
        neighbourhoodId: w.hood.id,
        changes: { name: ["Buurt-oud", "Buurt-nieuw"] },
      },
      at,
    );
    await audit(
      db,
      {
        actorId: null,
        entity: "initiative",
        entityId: neighbour.id,
        action: "update",
        initiativeId: neighbour.id,
        neighbourhoodId: w.hood.id,
        changes: { name: ["Koor-oud", "Buurtkoor"] },
      },
      at,
    );
    return { ...w, volunteer, neighbour, theirCoordinator, theirVolunteer, asset };
  }

  it("gives its coordinator its records, its own volunteers with roles and contact details, and nobody else's", async () => {
    const w = await twoInitiatives();
    const b = await signedIn(w.coordinator.id);
    const page = await b.get(`/initiatives/${w.initiative.id}`);
    expect(page.html).toContain(`href="/initiatives/${w.initiative.id}/export"`);
    expect((await b.get(`/initiatives/${w.initiative.id}/export`)).html).toContain(`/initiatives/${w.initiative.id}/export.zip`);
    const res = await b.get(`/initiatives/${w.initiative.id}/export.json`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get("content-disposition")).toMatch(/attachment; filename="initiatief-[\w-]+-\d{4}-\d{2}-\d{2}\.json"/);
    const data = JSON.parse(res.html);
    expect(data.initiative.id).toBe(w.initiative.id);
    expect(data.people.map((p: { name: string }) => p.name).sort()).toEqual([w.coordinator.name, "Vera Vrijwilliger"].sort());
    expect(data.people.find((p: { name: string }) => p.name === "Vera Vrijwilliger")).toMatchObject({
      email: w.volunteer.email,
      phone: "0611111111",
    });
    expect(data.involvements).toEqual([expect.objectContaining({ personId: w.volunteer.id, role: "penningmeester", critical: true })]);
    expect(data.assets).toEqual([expect.objectContaining({ id: w.asset.id, name: w.asset.name })]);
    expect(data.auditLog.map((a: { entityId: string }) => a.entityId)).toEqual([w.initiative.id]);
    const text = JSON.stringify(data);
    for (const foreign of [
      w.neighbour.id,
      "Buurtkoor",
      w.theirVolunteer.name,
      w.theirVolunteer.email,
      "0622222222",
      w.theirCoordinator.name,
      w.theirCoordinator.email,
      "Lies Contact",
      "lies@contact.example",
      "Buurt-nieuw",
      w.otherInitiative.id,
    ])
      expect(text).not.toContain(foreign);
    const zipRes = await raw(b, `/initiatives/${w.initiative.id}/export.zip`);
    expect(zipRes.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zipRes.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["initiative.csv", "people.csv", "involvements.csv", "auditLog.csv"]));
    expect(new TextDecoder().decode(files["people.csv"])).toContain("Vera Vrijwilliger");
    expect(new TextDecoder().decode(files["people.csv"])).not.toContain(w.theirVolunteer.name);
  });

  it("is for its coordinators and admins only, per role, for the page, the JSON and the zip", async () => {
    const w = await twoInitiatives();
    const elsewhere = await makeCoordinatorOf(w.otherInitiative.id);
    const paths = ["export", "export.json", "export.zip"];
    for (const [who, expected] of [
      [w.admin, 200],
      [w.coordinator, 200],
      [w.theirCoordinator, 403],
      [elsewhere, 403],
      [w.partnerPerson, 403],
    ] as const) {
      const b = await signedIn(who.id);
      for (const path of paths) {
        const res = path.endsWith(".zip")
          ? await raw(b, `/initiatives/${w.initiative.id}/${path}`)
          : (await b.get(`/initiatives/${w.initiative.id}/${path}`)).res;
        expect([who.name, path, res.status]).toEqual([who.name, path, expected]);
      }
      if (expected === 403)
        expect((await b.get(`/initiatives/${w.initiative.id}`)).html).not.toContain(`/initiatives/${w.initiative.id}/export"`);
    }
    for (const path of paths) expect((await new Browser().get(`/initiatives/${w.initiative.id}/${path}`)).status).toBe(303);
  });
});
