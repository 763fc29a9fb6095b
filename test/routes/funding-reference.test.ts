// A field added the way ARCHITECTURE.md says (column + migration, one contract line, one input,
// one label per catalogue): a funding stream's reference, the number on the funder's decision
// letter. Everything else follows from the contract: the form, the API and its OpenAPI document,
// PATCH, the history page and the export. (PATCH of the field alone is tried in test/api/patch.test.ts.)
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import { exports } from "cloudflare:workers";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { fundingStreams } from "../../src/db/schema";
import { openApiDocument } from "../../src/api";
import { changeLines } from "../../views/initiatives/history-changes";
import { translator } from "../../src/i18n";

const form = (over: Record<string, string> = {}) => ({
  sourceName: "Fonds Sociale Samenhang",
  kind: "fund",
  amountCentsPerYear: "2.500",
  startsOn: "2026-01-01",
  endsOn: "2027-06-30",
  status: "granted",
  ...over,
});

function raw(browser: Browser, path: string) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return exports.default.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));
}

describe("a funding stream's reference (the number on the decision letter)", () => {
  it("is typed in the form, shown again when editing, and a text that is too long is refused next to the field", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    const base = `/initiatives/${w.initiative.id}/fundings`;
    expect((await browser.get(`${base}/new`)).html).toContain('name="reference"');
    const created = await browser.post(base, form({ reference: " B-2026/0417 " }));
    expect(created.status).toBe(303);
    const [stream] = await db.select().from(fundingStreams).where(eq(fundingStreams.initiativeId, w.initiative.id));
    expect(stream!.reference).toBe("B-2026/0417");
    expect((await browser.get(`${base}/${stream!.id}/edit`)).html).toContain('value="B-2026/0417"');

    const tooLong = await browser.post(`${base}/${stream!.id}`, form({ reference: "x".repeat(101), version: "1" }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.html).toContain('id="field-reference-error"');
    expect(tooLong.html).toContain("x".repeat(101)); // what was typed stays in the form
    expect((await db.select().from(fundingStreams).where(eq(fundingStreams.id, stream!.id)))[0]).toMatchObject({ version: 1 });

    // Left empty, there is none.
    expect((await browser.post(`${base}/${stream!.id}`, form({ reference: "", version: "1" }))).status).toBe(303);
    expect((await db.select().from(fundingStreams).where(eq(fundingStreams.id, stream!.id)))[0]!.reference).toBeNull();
  });

  it("is in the API's bodies, records and OpenAPI document", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const bodies = await validBodies(w, 2026);
    const doc = openApiDocument() as unknown as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    for (const body of ["FundingCreate", "FundingUpdate"])
      expect(JSON.stringify(doc.components.schemas[body]!.properties.reference), body).toContain('"maxLength":100');
    expect(doc.components.schemas.Funding!.properties.reference).toBeDefined();

    const created = await api("/api/v1/fundings", { token, body: { ...bodies.fundings, reference: "FSS-17" } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.reference).toBe("FSS-17");
    const changed = await api(`/api/v1/fundings/${created.body.id}`, {
      token,
      method: "PATCH",
      body: { amountCentsPerYear: 1, version: 1 },
    });
    expect(changed.body).toMatchObject({ reference: "FSS-17", amountCentsPerYear: 1 });
    const tooLong = await api("/api/v1/fundings", { token, body: { ...bodies.fundings, reference: "x".repeat(101) } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["reference"]);
  });

  it("is named by its label on the history page, and is in the neighbourhood's export", async () => {
    expect(changeLines(translator("nl"), "nl", "funding", JSON.stringify({ reference: [null, "B-17"] }))).toEqual([
      { label: "Kenmerk van de beschikking", before: "—", after: "B-17" },
    ]);
    expect(changeLines(translator("en"), "en", "funding", JSON.stringify({ reference: "B-17" }))).toEqual([
      { label: "Reference of the decision letter", after: "B-17" },
    ]);

    const w = await makeWorld();
    const coordinator = await signedIn(w.coordinator.id);
    await coordinator.post(`/initiatives/${w.initiative.id}/fundings`, form({ reference: "B-2026/0417" }));
    expect((await coordinator.get(`/initiatives/${w.initiative.id}/history`)).html).toContain("Kenmerk van de beschikking");

    const admin = await signedIn(w.admin.id);
    const json = JSON.parse((await admin.get(`/neighbourhoods/${w.hood.id}/export.json`)).html);
    expect(json.fundingStreams.map((f: { reference: string }) => f.reference)).toEqual(["B-2026/0417"]);
    const zip = unzipSync(new Uint8Array(await (await raw(admin, `/neighbourhoods/${w.hood.id}/export.zip`)).arrayBuffer()));
    const csv = Object.entries(zip).find(([name]) => name.startsWith("funding"))!;
    expect(strFromU8(csv[1])).toContain("B-2026/0417");
  });
});
