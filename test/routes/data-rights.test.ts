import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import * as s from "../../src/db/schema";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeInvolvement } from "../helpers/people-factories";
import { makeCoordinatorOf } from "../helpers/money-factories";
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
  it("is for its coordinators and admins, as JSON and as a zip of CSVs", async () => {
    const w = await makeWorld();
    for (const who of [w.coordinator, w.admin]) {
      const b = await signedIn(who.id);
      expect((await b.get(`/neighbourhoods/${w.hood.id}/export`)).html).toContain(`/neighbourhoods/${w.hood.id}/export.zip`);
      const json = await b.get(`/neighbourhoods/${w.hood.id}/export.json`);
      expect(json.status).toBe(200);
      expect(JSON.parse(json.html).initiatives[0].id).toBe(w.initiative.id);
      const zipRes = await raw(b, `/neighbourhoods/${w.hood.id}/export.zip`);
      expect(zipRes.headers.get("content-type")).toBe("application/zip");
      expect(Object.keys(unzipSync(new Uint8Array(await zipRes.arrayBuffer())))).toContain("initiatives.csv");
    }
  });

  it("is refused to linked partners, coordinators of another neighbourhood and visitors", async () => {
    const w = await makeWorld();
    const elsewhere = await makeCoordinatorOf(w.otherInitiative.id);
    for (const who of [w.partnerPerson, elsewhere]) {
      const b = await signedIn(who.id);
      expect((await b.get(`/neighbourhoods/${w.hood.id}/export.json`)).status).toBe(403);
      expect((await b.get(`/neighbourhoods/${w.hood.id}/export.zip`)).status).toBe(403);
    }
    expect((await new Browser().get(`/neighbourhoods/${w.hood.id}/export.json`)).status).toBe(303);
  });
});
