import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { detectFileType } from "../../src/domain/documents/file-types";
import { sql } from "drizzle-orm";
import { db } from "../helpers/factories";
import * as s from "../../src/db/schema";
import { seedDemo } from "../../src/demo/seed";
import type { Flag } from "../../src/domain/risk/rules";

const now = new Date("2027-03-15T09:00:00.000Z");

describe("demo data", () => {
  it("seeds once, and a second run changes nothing", async () => {
    expect(await seedDemo(db, now, env.DOCUMENTS)).toBe(true);
    const count = async () => (await db.select({ n: sql<number>`count(*)` }).from(s.people))[0]!.n;
    const before = await count();
    expect(await seedDemo(db, now, env.DOCUMENTS)).toBe(false);
    expect(await count()).toBe(before);
  });

  it("shows the product: every kind of risk flag, ten years of check-ins, tasks and assets in each category", async () => {
    const risks = await db.select().from(s.activityRisks);
    const rules = new Set(risks.flatMap((r) => (JSON.parse(r.flags) as Flag[]).map((f) => f.rule)));
    console.log([...rules].sort().join(", "));
    for (const rule of [
      "funding_cliff",
      "running_on_nothing",
      "concentration",
      "key_person",
      "shrinking",
      "facility_ending",
      "commitment_ending",
      "stale_checkin",
      "stale_asset",
      "neglected_upkeep",
      "planned_ending",
      "few_volunteers",
    ])
      expect(rules, rule).toContain(rule);
    const years = await db
      .select({ n: sql<number>`count(distinct year)` })
      .from(s.checkins)
      .where(sql`initiative_id IN (SELECT id FROM initiatives WHERE name = 'Moestuin De Vlinder')`);
    expect(years[0]!.n).toBe(10);
    const categories = await db.select({ n: sql<number>`count(distinct category)` }).from(s.assets);
    expect(categories[0]!.n).toBe(s.ASSET_CATEGORIES.length);
    const tasks = await db
      .select({ n: sql<number>`count(*)` })
      .from(s.tasks)
      .where(sql`template_key IS NOT NULL`);
    expect(tasks[0]!.n).toBeGreaterThanOrEqual(10);
  });

  it("has a key holder with a reserve: that key-person flag is one step lower than the cook's, who has none", async () => {
    const [keyHolder] = await db
      .select()
      .from(s.involvements)
      .where(sql`role = 'key_holder' AND critical = 1`);
    expect(keyHolder?.reservePersonId).toBeTruthy();
    expect(keyHolder?.handoverNote).toContain("sleutel");
    const keyFlags = (await db.select().from(s.activityRisks)).flatMap((r) =>
      (JSON.parse(r.flags) as Flag[]).filter((f) => f.rule === "key_person"),
    );
    expect(keyFlags.find((f) => f.subjectId === "key_holder")).toMatchObject({ severity: "watch", params: { reserve: 1 } });
    expect(keyFlags.find((f) => f.subjectId === "cook")).toMatchObject({ severity: "at_risk", params: { reserve: 0 } });
  });

  it("shows residents' offers: the public page is on, one offer accepted (a cook), one waiting for a coordinator", async () => {
    const [hood] = await db.select().from(s.neighbourhoods);
    expect(hood!.published).toBe(true);
    const offers = await db.select({ status: s.offers.status }).from(s.offers);
    expect(offers.map((o) => o.status).sort()).toEqual(["accepted", "waiting"]);
    const cooks = await db
      .select({ n: sql<number>`count(*)` })
      .from(s.offerTagLinks)
      .where(sql`tag_id = 'tag-koken' AND offer_id IN (SELECT id FROM offers WHERE status = 'accepted')`);
    expect(cooks[0]!.n).toBe(1);
  });

  it("keeps a grant decision letter in the garden's binder: a real PDF in R2, on the municipality's funding stream", async () => {
    const [doc] = await db.select().from(s.documents).where(eq(s.documents.kind, "grant_decision"));
    expect(doc).toMatchObject({ subjectType: "funding", contentType: "application/pdf", archivedAt: null, aboutPersonId: null });
    const [stream] = await db.select().from(s.fundingStreams).where(eq(s.fundingStreams.id, doc!.subjectId));
    expect(stream).toMatchObject({ sourceName: "Gemeente Lindenstad" });
    expect(doc!.fileName).toBe(`Beschikking ${stream!.reference}.pdf`);
    const object = await env.DOCUMENTS.get(doc!.storageKey);
    const bytes = new Uint8Array(await object!.arrayBuffer());
    expect(detectFileType(bytes)?.key).toBe("pdf");
    expect(bytes.byteLength).toBe(doc!.sizeBytes);
    expect(new TextDecoder("latin1").decode(bytes)).toMatch(/%%EOF\n$/);
    // The partner linked to the neighbourhood, and one whose fund is not linked to it.
    const members = await db.select().from(s.partnerMembers);
    expect(members).toHaveLength(2);
    const links = await db.select().from(s.partnerNeighbourhoods);
    const fund = await db.select().from(s.partnerOrgs).where(eq(s.partnerOrgs.name, "Fonds Samen Doen"));
    expect(links.some((l) => l.partnerId === fund[0]!.id)).toBe(false);
  });
});
