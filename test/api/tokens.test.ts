// API tokens through the API: admins make (the secret shown once), list, read and revoke them, with
// the page's rules — a token that could never work is refused with a clear message on its field.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { ADMIN_SECRET, adminToken, api, partnerToken } from "../helpers/api-factories";
import { db, makePartner, makeWorld, signedIn } from "../helpers/factories";

const tokenCount = async () => (await db.select({ id: s.apiTokens.id }).from(s.apiTokens)).length;

describe("POST /api/v1/tokens", () => {
  it("makes a partner token whose secret is in the answer once, works within the organisation's neighbourhoods, and is never shown again", async () => {
    const w = await makeWorld();
    const { token: admin, admin: maker } = await adminToken();
    const res = await api("/api/v1/tokens", { token: admin, body: { name: "Dashboard gemeente", partnerId: w.partner.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Dashboard gemeente",
      role: "partner",
      partnerId: w.partner.id,
      partnerName: w.partner.name,
      createdBy: maker.id,
      createdByName: maker.name,
      lastUsedAt: null,
      revokedAt: null,
      token: expect.stringMatching(/^wko_/),
    });
    const secret: string = res.body.token;
    const row = (await db.select().from(s.apiTokens).where(eq(s.apiTokens.id, res.body.id)))[0]!;
    expect(row.tokenHash).not.toContain(secret);
    expect((await api(`/api/v1/initiatives/${w.initiative.id}`, { token: secret })).status).toBe(200);
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token: secret })).status).toBe(403);
    const again = await api(`/api/v1/tokens/${res.body.id}`, { token: admin });
    expect(again.status).toBe(200);
    expect(again.body.token).toBeUndefined();
    expect(again.text).not.toContain(secret);
    expect(again.text).not.toContain(row.tokenHash);
    expect(again.body.lastUsedAt).not.toBeNull();
  });

  it("makes an admin token that belongs to the admin whose token made it", async () => {
    const w = await makeWorld();
    const { token: admin, admin: maker } = await adminToken();
    const res = await api("/api/v1/tokens", { token: admin, body: { name: "Automatisering", role: "admin", partnerId: w.partner.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: "admin", partnerId: null, createdBy: maker.id });
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token: res.body.token })).status).toBe(200);
    // It works while its maker is an admin.
    await db.update(s.people).set({ isAdmin: false }).where(eq(s.people.id, maker.id));
    expect((await api("/api/v1/initiatives", { token: res.body.token })).status).toBe(401);
  });

  it("refuses a token that could never work, or names no organisation, with a message on the field, and writes nothing", async () => {
    const w = await makeWorld();
    const archived = await makePartner({ name: "Opgeheven Fonds", archivedAt: "2026-01-01T00:00:00.000Z" });
    const { token: admin } = await adminToken();
    const before = await tokenCount();
    const cases: [string | undefined, Record<string, unknown>, string, RegExp][] = [
      // The ADMIN_API_TOKEN secret is nobody: an admin token made with it would never work.
      [ADMIN_SECRET, { name: "Van niemand", role: "admin" }, "role", /hoort bij een persoon/],
      [admin, { name: "Oud", partnerId: archived.id }, "partnerId", /gearchiveerd/],
      [admin, { name: "Onbekend", partnerId: "no-such-partner" }, "partnerId", /.+/],
      [admin, { name: "Zonder organisatie" }, "partnerId", /Kies de partnerorganisatie/],
      [admin, { name: "  ", partnerId: w.partner.id }, "name", /.+/],
      [admin, { name: "Rol", role: "owner", partnerId: w.partner.id }, "role", /.+/],
    ];
    for (const [token, body, path, message] of cases) {
      const res = await api("/api/v1/tokens", { token, body });
      const what = `${JSON.stringify(body)} → ${res.text}`;
      expect(res.status, what).toBe(422);
      expect(res.body.error.fields, what).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    const en = await api("/api/v1/tokens", {
      token: ADMIN_SECRET,
      body: { name: "x", role: "admin" },
      headers: { "accept-language": "en" },
    });
    expect(en.body.error.fields[0].message).toMatch(/belongs to a person/);
    expect(await tokenCount()).toBe(before);
    // The secret still makes partner tokens.
    const partner = await api("/api/v1/tokens", { token: ADMIN_SECRET, body: { name: "Voor de partner", partnerId: w.partner.id } });
    expect(partner.status).toBe(201);
    expect(partner.body.createdBy).toBeNull();
  });

  it("refuses partner tokens on every token route (403) and calls without a token (401)", async () => {
    const w = await makeWorld();
    const { token: partner } = await partnerToken(w.partner.id);
    const other = await partnerToken(w.partner.id);
    const before = await tokenCount();
    const attempts: [string, string, unknown][] = [
      ["GET", "/api/v1/tokens", undefined],
      ["GET", `/api/v1/tokens/${other.id}`, undefined],
      ["POST", "/api/v1/tokens", { name: "Meer", partnerId: w.partner.id }],
      ["POST", `/api/v1/tokens/${other.id}/revocation`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api(path, { token: partner, method, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error, `${method} ${path}`).toMatchObject({ code: "forbidden", fields: [] });
      expect((await api(path, { token: null, method, body })).status, `${method} ${path}`).toBe(401);
    }
    expect(await tokenCount()).toBe(before);
    expect((await api("/api/v1/initiatives", { token: other.token })).status).toBe(200);
  });
});

describe("listing and revoking tokens through the API", () => {
  it("lists tokens in a stable order with pages, leaves revoked ones out unless asked, and revokes at once", async () => {
    const w = await makeWorld();
    const { token: admin } = await adminToken();
    const made: string[] = [];
    for (const name of ["Eén", "Twee", "Drie"]) {
      const res = await api("/api/v1/tokens", { token: admin, body: { name, partnerId: w.partner.id } });
      made.push(res.body.id);
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/api/v1/tokens?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: admin });
      expect(res.status).toBe(200);
      for (const t of res.body.data) {
        expect(t.token).toBeUndefined();
        expect(t.tokenHash).toBeUndefined();
      }
      ids.push(...res.body.data.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining(made));
    expect(new Set(ids).size).toBe(ids.length);

    const [first] = made;
    const secret = (await api("/api/v1/tokens", { token: admin, body: { name: "Kort", partnerId: w.partner.id } })).body;
    expect((await api("/api/v1/initiatives", { token: secret.token })).status).toBe(200);
    const revoked = await api(`/api/v1/tokens/${secret.id}/revocation`, { token: admin, method: "POST" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await api("/api/v1/initiatives", { token: secret.token })).status).toBe(401);
    // Revoking again changes nothing.
    const twice = await api(`/api/v1/tokens/${secret.id}/revocation`, { token: admin, method: "POST" });
    expect(twice.body.revokedAt).toBe(revoked.body.revokedAt);
    const active = await api("/api/v1/tokens?limit=100", { token: admin });
    expect(active.body.data.map((t: { id: string }) => t.id)).not.toContain(secret.id);
    expect(active.body.data.map((t: { id: string }) => t.id)).toContain(first);
    const only = await api("/api/v1/tokens?limit=100&revoked=only", { token: admin });
    expect(only.body.data.map((t: { id: string }) => t.id)).toContain(secret.id);
    expect(only.body.data.every((t: { revokedAt: string | null }) => t.revokedAt !== null)).toBe(true);
    expect((await api("/api/v1/tokens/no-such-token", { token: admin })).status).toBe(404);
    expect((await api("/api/v1/tokens/no-such-token/revocation", { token: admin, method: "POST" })).status).toBe(404);
  });

  it("applies the same rules on the page: an archived organisation's token is refused there too", async () => {
    const archived = await makePartner({ name: "Gesloten Stichting", archivedAt: "2026-01-01T00:00:00.000Z" });
    const w = await makeWorld();
    const browser = await signedIn(w.admin.id);
    await browser.get("/api-tokens");
    const before = await tokenCount();
    const res = await browser.post("/api-tokens", { name: "Oud", role: "partner", partnerId: archived.id });
    expect(res.status).toBe(422);
    expect(res.html).toContain("Deze organisatie is gearchiveerd.");
    expect(await tokenCount()).toBe(before);
  });
});
