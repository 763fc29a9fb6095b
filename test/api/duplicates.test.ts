// Duplicates through the API: the same person twice in the same role is 422 on the field; a funding
// stream identical to one the initiative has is 409 `duplicate` with that stream, unless confirmed.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { fundingStreams, involvements } from "../../src/db/schema";
import { adminToken, api } from "../helpers/api-factories";
import { db, makePerson, makeWorld } from "../helpers/factories";

describe("POST and PATCH /api/v1/involvements", () => {
  it("refuses the same person in the same role in the same days, naming the field, and writes nothing", async () => {
    const w = await makeWorld();
    const { token } = await adminToken();
    const p = await makePerson({ name: "Sem Dubbel", email: "sem.dubbel@example.org", neighbourhoodId: w.hood.id });
    const body = { initiativeId: w.initiative.id, personId: p.id, role: "penningmeester", since: "2025-01-01" };
    const first = await api("/api/v1/involvements", { token, body });
    expect(first.status).toBe(201);
    const count = async () => (await db.select().from(involvements).where(eq(involvements.personId, p.id))).length;

    const again = await api("/api/v1/involvements", { token, body: { ...body, role: "Treasurer", since: "2026-03-01" } });
    expect(again.status).toBe(422);
    expect(again.body.error).toEqual({
      code: "validation_failed",
      message: expect.any(String),
      fields: [{ path: "personId", message: expect.stringContaining("heeft deze rol al") }],
    });
    const byEmail = await api("/api/v1/involvements", {
      token,
      body: { initiativeId: w.initiative.id, name: "Sem", email: "sem.dubbel@example.org", role: "treasurer", since: "2025-06-01" },
      headers: { "accept-language": "en" },
    });
    expect(byEmail.status).toBe(422);
    expect(byEmail.body.error.fields).toEqual([{ path: "email", message: expect.stringContaining("already has this role") }]);
    expect(await count()).toBe(1);

    // Another role is fine; changing it into the first one is not.
    const cook = await api("/api/v1/involvements", { token, body: { ...body, role: "kok" } });
    expect(cook.status).toBe(201);
    const patch = await api(`/api/v1/involvements/${cook.body.id}`, {
      token,
      method: "PATCH",
      body: { role: "penningmeester", version: 1 },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields).toEqual([{ path: "role", message: expect.any(String) }]);
    expect((await db.query.involvements.findFirst({ where: eq(involvements.id, cook.body.id) }))?.role).toBe("cook");
    // Ended first, then back: no duplicate.
    const ended = await api(`/api/v1/involvements/${first.body.id}/ending`, { token, body: { lastDay: "2025-12-31", version: 1 } });
    expect(ended.status).toBe(200);
    expect((await api("/api/v1/involvements", { token, body: { ...body, since: "2026-02-01" } })).status).toBe(201);
  });
});

describe("POST /api/v1/fundings", () => {
  it("answers 409 duplicate with the stream it repeats, adds nothing, and adds it with confirmDuplicate: true", async () => {
    const w = await makeWorld();
    const { token } = await adminToken();
    const body = {
      initiativeId: w.initiative.id,
      sourcePartnerId: w.partner.id,
      kind: "housing_corporation",
      amountCentsPerYear: 250_000,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      status: "granted",
    };
    const first = await api("/api/v1/fundings", { token, body });
    expect(first.status).toBe(201);
    const count = async () => (await db.select().from(fundingStreams).where(eq(fundingStreams.initiativeId, w.initiative.id))).length;

    // The same partner, amount and dates (other kind and status do not make it another stream).
    const again = await api("/api/v1/fundings", { token, body: { ...body, kind: "subsidy", status: "applied" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "duplicate", message: expect.stringContaining("confirmDuplicate"), fields: [] });
    expect(again.body.error.existing).toEqual(first.body);
    expect(await count()).toBe(1);
    // The partner's name typed by hand is the same source.
    const byName = await api("/api/v1/fundings", {
      token,
      body: { ...body, sourcePartnerId: undefined, sourceName: w.partner.name.toUpperCase() },
    });
    expect(byName.status).toBe(409);
    expect(await count()).toBe(1);

    const confirmed = await api("/api/v1/fundings", { token, body: { ...body, confirmDuplicate: true } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.id).not.toBe(first.body.id);
    expect(await count()).toBe(2);
    // false is as good as not sending it; anything else is the wrong type.
    expect((await api("/api/v1/fundings", { token, body: { ...body, confirmDuplicate: false } })).status).toBe(409);
    const wrong = await api("/api/v1/fundings", { token, body: { ...body, confirmDuplicate: "yes" } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["confirmDuplicate"]);
    // Another amount is another stream.
    expect((await api("/api/v1/fundings", { token, body: { ...body, amountCentsPerYear: 250_001 } })).status).toBe(201);
  });

  it("documents confirmDuplicate and the 409 duplicate in the OpenAPI document", async () => {
    const doc = (await api("/api/openapi.json", { token: null })).body;
    expect(doc.components.schemas.FundingCreate.properties.confirmDuplicate).toMatchObject({
      type: "boolean",
      description: expect.any(String),
    });
    const create = doc.paths["/v1/fundings"].post;
    expect(create.description).toContain("confirmDuplicate");
    expect(create.responses["409"].description).toContain("duplicate");
    expect(doc.components.schemas.Error.properties.error.properties.existing.description).toContain("duplicate");
    expect(doc.components.schemas.Error.properties.error.required).toContain("fields");
  });
});
