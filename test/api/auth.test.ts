import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adminToken, api, apiWorld, NOW, partnerToken, tokenRow, validBodies } from "../helpers/api-factories";
import { db, makePartner, makePerson, signedIn } from "../helpers/factories";
import { people, partnerOrgs, rateLimits } from "../../src/db/schema";
import { revokeApiToken } from "../../src/domain/auth/api-tokens";
import { rateLimitKey, API_PER_TOKEN } from "../../src/api/auth";

describe("who may call the API", () => {
  it("refuses calls without a bearer token, with a wrong one, and with only a session cookie", async () => {
    const w = await apiWorld();
    for (const token of [null, "wko_not-a-real-token"]) {
      const res = await api(`/api/v1/initiatives/${w.initiative.id}`, { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String), fields: [] } });
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    // A signed-in admin's cookie opens the screens, never the API.
    const browser = await signedIn(w.admin.id);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const viaCookie = await api(`/api/v1/initiatives/${w.initiative.id}`, { token: null, headers: { cookie } });
    expect(viaCookie.status).toBe(401);
  });

  it("accepts the ADMIN_API_TOKEN secret and UI-made tokens, and records when a token was last used", async () => {
    const w = await apiWorld();
    expect((await api(`/api/v1/initiatives/${w.initiative.id}`)).status).toBe(200);
    const { token, id } = await adminToken();
    expect((await tokenRow(id))?.lastUsedAt).toBeNull();
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token })).status).toBe(200);
    expect((await tokenRow(id))?.lastUsedAt).toBe(NOW);
  });

  it("stops a revoked token, an admin token whose maker is no longer admin, and a partner token of an archived organisation", async () => {
    const w = await apiWorld();
    const revoked = await adminToken();
    await revokeApiToken(db, (await tokenRow(revoked.id))!, null, new Date(NOW));
    expect((await api("/api/v1/initiatives", { token: revoked.token })).status).toBe(401);

    const demoted = await adminToken();
    await db.update(people).set({ isAdmin: false }).where(eq(people.id, demoted.admin.id));
    expect((await api("/api/v1/initiatives", { token: demoted.token })).status).toBe(401);

    const org = await makePartner({ name: "Opgeheven Stichting" });
    const orgToken = await partnerToken(org.id);
    expect((await api("/api/v1/initiatives", { token: orgToken.token })).status).toBe(200);
    await db.update(partnerOrgs).set({ archivedAt: NOW }).where(eq(partnerOrgs.id, org.id));
    expect((await api("/api/v1/initiatives", { token: orgToken.token })).status).toBe(401);
    void w;
  });

  it("answers 429 when a token has used its budget", async () => {
    const { token, id } = await adminToken();
    const now = Math.floor(new Date(NOW).getTime() / 1000);
    const windowStart = now - (now % API_PER_TOKEN.windowSeconds);
    await db.insert(rateLimits).values({ key: rateLimitKey(id), windowStart, count: API_PER_TOKEN.max });
    const res = await api("/api/v1/initiatives", { token });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("rate_limited");
    expect(res.headers.get("retry-after")).toBe(String(API_PER_TOKEN.windowSeconds));
  });
});

describe("partner tokens read only their organisation's neighbourhoods and write only their own commitments", () => {
  it("lists only records of linked neighbourhoods", async () => {
    const w = await apiWorld();
    for (const [resource, mine, theirs] of [
      ["initiatives", w.initiative.id, w.otherInitiative.id],
      ["activities", w.here.activity.id, w.there.activity.id],
      ["involvements", w.here.involvement.id, w.there.involvement.id],
      ["facilities", w.here.facility.id, w.there.facility.id],
      ["fundings", w.here.funding.id, w.there.funding.id],
      ["commitments", w.here.commitment.id, w.there.commitment.id],
      ["checkins", w.here.checkin.id, w.there.checkin.id],
      ["assets", w.here.asset.id, w.there.asset.id],
      ["tasks", w.here.task.id, w.there.task.id],
      ["neighbourhoods", w.hood.id, w.otherHood.id],
    ] as const) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await api(
          `/api/v1/${resource}?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
          { token: w.partnerTok },
        );
        expect(page.status, resource).toBe(200);
        ids.push(...page.body.data.map((r) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(ids, resource).toContain(mine);
      expect(ids, resource).not.toContain(theirs);
      expect((await api(`/api/v1/${resource}/${mine}`, { token: w.partnerTok })).status, resource).toBe(200);
      expect((await api(`/api/v1/${resource}/${theirs}`, { token: w.partnerTok })).status, resource).toBe(403);
    }
    expect((await api(`/api/v1/initiatives?neighbourhoodId=${w.otherHood.id}`, { token: w.partnerTok })).status).toBe(403);
  });

  it("never sees people, the outbox, or another organisation", async () => {
    const w = await apiWorld();
    expect((await api("/api/v1/people", { token: w.partnerTok })).status).toBe(403);
    expect((await api(`/api/v1/people/${w.here.volunteer.id}`, { token: w.partnerTok })).status).toBe(403);
    expect((await api("/api/v1/outbox", { token: w.partnerTok })).status).toBe(403);
    expect((await api(`/api/v1/partners/${w.partner.id}`, { token: w.partnerTok })).status).toBe(200);
    expect((await api(`/api/v1/partners/${w.otherPartner.id}`, { token: w.partnerTok })).status).toBe(403);
    const list = await api("/api/v1/partners", { token: w.partnerTok });
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([w.partner.id]);
  });

  it("reads risk without volunteers' names and the overview of linked neighbourhoods only", async () => {
    const w = await apiWorld();
    const risks = await api("/api/v1/risks", { token: w.partnerTok });
    expect(risks.status).toBe(200);
    expect(risks.text).not.toContain("Vera Vrijwilliger");
    expect(risks.body.data.every((r: { neighbourhoodId: string }) => r.neighbourhoodId === w.hood.id)).toBe(true);
    expect((await api("/api/v1/overview", { token: w.partnerTok })).status).toBe(200);
    expect((await api(`/api/v1/overview?neighbourhoodId=${w.otherHood.id}`, { token: w.partnerTok })).status).toBe(403);
  });

  it("refuses every write except its own organisation's commitments", async () => {
    const w = await apiWorld();
    const bodies = await validBodies(w, 2026);
    for (const resource of Object.keys(bodies).filter((r) => r !== "commitments")) {
      const res = await api(`/api/v1/${resource}`, { token: w.partnerTok, body: bodies[resource] });
      expect(res.status, resource).toBe(403);
    }
    expect(
      (await api(`/api/v1/activities/${w.here.activity.id}`, { token: w.partnerTok, method: "PATCH", body: { name: "X", version: 1 } }))
        .status,
    ).toBe(403);
    expect((await api(`/api/v1/activities/${w.here.activity.id}/archival`, { token: w.partnerTok, method: "POST" })).status).toBe(403);

    const own = await api("/api/v1/commitments", { token: w.partnerTok, body: bodies.commitments });
    expect(own.status, own.text).toBe(201);
    const foreign = await api("/api/v1/commitments", {
      token: w.partnerTok,
      body: { ...bodies.commitments, partnerId: w.otherPartner.id },
    });
    expect(foreign.status).toBe(403);
    const elsewhere = await api("/api/v1/commitments", {
      token: w.partnerTok,
      body: { ...bodies.commitments, initiativeId: w.otherInitiative.id },
    });
    expect(elsewhere.status).toBe(403);
    const change = await api(`/api/v1/commitments/${own.body.id}`, {
      token: w.partnerTok,
      method: "PATCH",
      body: { description: "Zaal op donderdag", version: 1 },
    });
    expect(change.status).toBe(200);
    const steal = await api(`/api/v1/commitments/${own.body.id}`, {
      token: w.partnerTok,
      method: "PATCH",
      body: { partnerId: w.otherPartner.id, version: 2 },
    });
    expect(steal.status).toBe(403);
    expect((await api(`/api/v1/commitments/${own.body.id}/archival`, { token: w.partnerTok, method: "POST" })).status).toBe(200);
  });

  it("makes a partner token's reach follow the organisation's links", async () => {
    const w = await apiWorld();
    const maker = await makePerson({ name: "Lid" });
    const { token } = await partnerToken(w.otherPartner.id, maker.id);
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}`, { token })).status).toBe(403);
  });
});
