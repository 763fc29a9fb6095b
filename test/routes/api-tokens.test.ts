import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { ADMIN_SECRET, api } from "../helpers/api-factories";
import { makePartnerMemberIn } from "../helpers/money-factories";

const tokenOnPage = (html: string) => html.match(/value="(wko_[A-Za-z0-9_-]+)"/)?.[1];

describe("API tokens in the UI", () => {
  it("an admin makes a token that is shown once, works, is stored hashed, and can be revoked", async () => {
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    const list = await admin.get("/api-tokens");
    expect(list.status).toBe(200);
    expect(list.html).toContain("API-sleutels");
    const created = await admin.post("/api-tokens", { name: "Automatisering", role: "admin", partnerId: "" });
    expect(created.status).toBe(200);
    expect(created.res.headers.get("cache-control")).toContain("no-store");
    const token = tokenOnPage(created.html)!;
    expect(token).toBeTruthy();
    const row = (await db.select().from(s.apiTokens).where(eq(s.apiTokens.name, "Automatisering")))[0]!;
    expect(row).toMatchObject({ role: "admin", createdBy: w.admin.id, partnerId: null });
    expect(row.tokenHash).not.toContain(token);
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token })).status).toBe(200);
    const again = await admin.get("/api-tokens");
    expect(again.html).toContain("Automatisering");
    expect(again.html).not.toContain(token);
    const revoked = await admin.post(`/api-tokens/${row.id}/revocation`);
    expect(revoked.status).toBe(303);
    expect((await api("/api/v1/initiatives", { token })).status).toBe(401);
  });

  it("a partner makes tokens for their own organisation only; its reach is the organisation's neighbourhoods", async () => {
    const w = await makeWorld();
    const partner = await signedIn(w.partnerPerson.id);
    await partner.get("/api-tokens");
    const created = await partner.post("/api-tokens", { name: "Dashboard", role: "admin", partnerId: w.partner.id });
    expect(created.status).toBe(200);
    const token = tokenOnPage(created.html)!;
    const row = (await db.select().from(s.apiTokens).where(eq(s.apiTokens.name, "Dashboard")))[0]!;
    expect(row).toMatchObject({ role: "partner", partnerId: w.partner.id });
    expect((await api(`/api/v1/initiatives/${w.initiative.id}`, { token })).status).toBe(200);
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token })).status).toBe(403);

    const other = await makePartnerMemberIn(w.otherHood.id);
    await partner.get("/api-tokens");
    const foreign = await partner.post("/api-tokens", { name: "Niet van mij", partnerId: other.org.id });
    expect(foreign.status).toBe(422);
    expect((await db.select().from(s.apiTokens).where(eq(s.apiTokens.name, "Niet van mij"))).length).toBe(0);

    // Another organisation's member cannot see or revoke it.
    const stranger = await signedIn(other.person.id);
    expect((await stranger.get("/api-tokens")).html).not.toContain("Dashboard");
    expect((await stranger.post(`/api-tokens/${row.id}/revocation`)).status).toBe(403);
    expect((await db.query.apiTokens.findFirst({ where: eq(s.apiTokens.id, row.id) }))?.revokedAt).toBeNull();
  });

  it("refuses a nameless token, coordinators without a partner role, and visitors", async () => {
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    await admin.get("/api-tokens");
    const bad = await admin.post("/api-tokens", { name: " ", role: "partner", partnerId: "" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Vul dit veld in.");
    expect(bad.html).toContain("Kies de partnerorganisatie.");
    const coordinator = await signedIn(w.coordinator.id);
    expect((await coordinator.get("/api-tokens")).status).toBe(403);
    await coordinator.get("/");
    expect((await coordinator.post("/api-tokens", { name: "x" })).status).toBe(403);
    expect((await new Browser().get("/api-tokens")).status).toBe(303);
  });

  it("refuses an admin token made with the ADMIN_API_TOKEN secret (it could never work), with a clear message", async () => {
    const w = await makeWorld();
    const bearer = new Browser();
    const asSecret = { csrf: null, headers: { authorization: `Bearer ${ADMIN_SECRET}` } };
    const refused = await bearer.post("/api-tokens", { name: "Van niemand", role: "admin", partnerId: "" }, asSecret);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Een beheersleutel hoort bij een persoon");
    expect(refused.html).not.toMatch(/wko_/);
    expect(await db.select().from(s.apiTokens).where(eq(s.apiTokens.name, "Van niemand"))).toHaveLength(0);
    // A partner token needs no person behind it: made with the secret, it works.
    const made = await bearer.post("/api-tokens", { name: "Partner via geheim", role: "partner", partnerId: w.partner.id }, asSecret);
    expect(made.status).toBe(200);
    const token = tokenOnPage(made.html)!;
    expect((await api(`/api/v1/initiatives/${w.initiative.id}`, { token })).status).toBe(200);
  });

  it("every token the page makes works on the API", async () => {
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    const partner = await signedIn(w.partnerPerson.id);
    const bearer = new Browser();
    const asSecret = { csrf: null, headers: { authorization: `Bearer ${ADMIN_SECRET}` } };
    const makers: [string, Browser, Record<string, string>, typeof asSecret | undefined][] = [
      ["admin, admin token", admin, { role: "admin", partnerId: "" }, undefined],
      ["admin, partner token", admin, { role: "partner", partnerId: w.partner.id }, undefined],
      ["partner, own organisation", partner, { role: "partner", partnerId: w.partner.id }, undefined],
      ["secret, partner token", bearer, { role: "partner", partnerId: w.partner.id }, asSecret],
      ["secret, admin token", bearer, { role: "admin", partnerId: "" }, asSecret],
    ];
    let made = 0;
    for (const [label, browser, fields, opts] of makers) {
      if (!opts) await browser.get("/api-tokens");
      const res = await browser.post("/api-tokens", { name: label, ...fields }, opts);
      const token = tokenOnPage(res.html);
      if (res.status !== 200) {
        // Refused with a message, never shown as created.
        expect([label, res.status, token]).toEqual([label, 422, undefined]);
        continue;
      }
      made++;
      expect([label, token]).toEqual([label, expect.stringMatching(/^wko_/)]);
      expect([label, (await api(`/api/v1/initiatives/${w.initiative.id}`, { token: token! })).status]).toEqual([label, 200]);
    }
    expect(made).toBe(4);
  });
});
