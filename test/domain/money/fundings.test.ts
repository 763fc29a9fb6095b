import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson } from "../../helpers/factories";
import { makeActivity, makeFunding } from "../../helpers/money-factories";
import { auditLog, fundingActivities, fundingStreams } from "../../../src/db/schema";
import { StaleVersionError } from "../../../src/db/versioned";
import {
  checkFundingLinks,
  createFunding,
  fundingContract,
  getFunding,
  loadFundingSection,
  setFundingArchived,
  updateFunding,
} from "../../../src/domain/money/fundings";

const NOW = new Date("2026-03-01T10:00:00Z");
const form = (over: Record<string, string | string[]> = {}) => ({
  sourceName: "Fonds Sociale Samenhang",
  kind: "fund",
  amountCentsPerYear: "1.234,50",
  startsOn: "2026-01-01",
  endsOn: "2027-06-30",
  status: "granted",
  renewalState: "none",
  reportDueOn: "",
  ...over,
});

async function setup() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id);
  const other = await makeInitiative(hood.id, { name: "Taalcafé" });
  const actor = await makePerson();
  return { hood, initiative, other, actor };
}

describe("the funding form schema", () => {
  it("turns the typed amount into whole cents and blanks into nothing", () => {
    const parsed = fundingContract.parseForm(form({ amountCentsPerYear: "€ 1.234,50", endsOn: "", activityIds: ["a", "b"] }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.amountCentsPerYear).toBe(123_450);
    expect(parsed.data.endsOn).toBeNull();
    expect(parsed.data.reportDueOn).toBeNull();
    expect(parsed.data.activityIds).toEqual(["a", "b"]);
    expect(fundingContract.parseForm(form({ amountCentsPerYear: "1234.50" }))).toMatchObject({
      ok: true,
      data: { amountCentsPerYear: 123_450 },
    });
  });

  it("refuses a bad amount, a negative amount and one above 100 million", () => {
    for (const amount of ["veel", "-10", "200.000.000", ""]) {
      const parsed = fundingContract.parseForm(form({ amountCentsPerYear: amount }));
      expect(parsed.ok, amount).toBe(false);
      if (!parsed.ok) expect(parsed.errors.amountCentsPerYear).toBe(amount === "" ? "form.required" : "money.amount.invalid");
    }
  });

  it("refuses an end before the start, and accepts an end on the start", () => {
    const parsed = fundingContract.parseForm(form({ startsOn: "2026-05-01", endsOn: "2026-04-30" }));
    expect(parsed).toEqual({ ok: false, errors: { endsOn: "money.date.endBeforeStart" } });
    expect(fundingContract.parseForm(form({ startsOn: "2026-05-01", endsOn: "2026-05-01" })).ok).toBe(true);
  });

  it("refuses dates that do not exist and unknown choices, and wants a source", () => {
    const parsed = fundingContract.parseForm(form({ startsOn: "2026-02-30", kind: "loterij", status: "maybe" }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toMatchObject({ startsOn: "form.date", kind: "form.unknownOption", status: "form.unknownOption" });
    expect(fundingContract.parseForm(form({ sourceName: "  " }))).toEqual({
      ok: false,
      errors: { sourceName: "money.funding.sourceRequired" },
    });
  });
});

describe("funding links", () => {
  it("refuses activity ids of another initiative and unknown partners", async () => {
    const { initiative, other } = await setup();
    const mine = await makeActivity(initiative.id);
    const theirs = await makeActivity(other.id, { name: "Taalles" });
    const ok = await checkFundingLinks(db, initiative.id, { sourceName: "X", activityIds: [mine.id] });
    expect(ok.errors).toEqual({});
    const bad = await checkFundingLinks(db, initiative.id, { sourceName: "X", activityIds: [mine.id, theirs.id] });
    expect(bad.errors).toEqual({ activityIds: "money.funding.activityUnknown" });
    const unknown = await checkFundingLinks(db, initiative.id, { sourcePartnerId: "bestaat-niet", activityIds: [] });
    expect(unknown.errors).toEqual({ sourcePartnerId: "form.unknownOption" });
  });

  it("names the source after the partner when a partner is chosen", async () => {
    const { initiative } = await setup();
    const partner = await makePartner({ name: "Gemeente Teststad", kind: "municipality" });
    const res = await checkFundingLinks(db, initiative.id, { sourcePartnerId: partner.id, sourceName: "iets anders", activityIds: [] });
    expect(res).toEqual({ errors: {}, sourceName: "Gemeente Teststad" });
  });
});

describe("saving funding streams", () => {
  it("creates a stream with its activities and an audit row, in one go", async () => {
    const { initiative, actor } = await setup();
    const a = await makeActivity(initiative.id);
    const b = await makeActivity(initiative.id, { name: "Moestuindag" });
    const parsed = fundingContract.parseForm(form({ activityIds: [a.id, b.id, a.id] }));
    if (!parsed.ok) throw new Error("invalid");
    const id = await createFunding(db, initiative, parsed.data, "Fonds Sociale Samenhang", actor.id, NOW);
    const stored = await getFunding(db, initiative.id, id);
    expect(stored).toMatchObject({ amountCentsPerYear: 123_450, endsOn: "2027-06-30", version: 1, createdBy: actor.id });
    expect(stored?.activityIds).toEqual([a.id, b.id].sort());
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: "create", initiativeId: initiative.id, entity: "funding" });
  });

  it("does not find a stream through another initiative", async () => {
    const { initiative, other } = await setup();
    const f = await makeFunding(initiative.id);
    expect(await getFunding(db, other.id, f.id)).toBeNull();
  });

  it("updates with the right version and refuses a stale one without writing anything", async () => {
    const { initiative, actor } = await setup();
    const a = await makeActivity(initiative.id);
    const f = await makeFunding(initiative.id, {}, [a.id]);
    const before = (await getFunding(db, initiative.id, f.id))!;
    const parsed = fundingContract.parseFormUpdate(form({ amountCentsPerYear: "5000", version: "1" }));
    if (!parsed.ok) throw new Error("invalid");
    await updateFunding(db, initiative, before, parsed.data, "Fonds Sociale Samenhang", actor.id, NOW);
    const after = (await getFunding(db, initiative.id, f.id))!;
    expect(after).toMatchObject({ amountCentsPerYear: 500_000, version: 2, activityIds: [] });

    const stale = fundingContract.parseFormUpdate(form({ amountCentsPerYear: "1", version: "1", activityIds: [a.id] }));
    if (!stale.ok) throw new Error("invalid");
    await expect(updateFunding(db, initiative, after, stale.data, "X", actor.id, NOW)).rejects.toBeInstanceOf(StaleVersionError);
    const still = (await getFunding(db, initiative.id, f.id))!;
    expect(still).toMatchObject({ amountCentsPerYear: 500_000, version: 2, activityIds: [] });
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, f.id));
    expect(trail.map((t) => t.action)).toEqual(["update"]);
    expect(JSON.parse(trail[0]!.changes)).toMatchObject({ amountCentsPerYear: [250_000, 500_000], activityIds: [[a.id], []] });
  });

  it("archives and restores, keeping the row", async () => {
    const { initiative, actor } = await setup();
    const f = await makeFunding(initiative.id);
    await setFundingArchived(db, initiative, (await getFunding(db, initiative.id, f.id))!, true, actor.id, NOW);
    const archived = await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) });
    expect(archived?.archivedAt).toBe(NOW.toISOString());
    expect(archived?.version).toBe(2);
    await setFundingArchived(db, initiative, archived!, false, actor.id, NOW);
    expect((await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) }))?.archivedAt).toBeNull();
  });
});

describe("the funding section", () => {
  it("adds up only the granted money running today, and lists the activities per stream", async () => {
    const { initiative } = await setup();
    const meal = await makeActivity(initiative.id, { name: "Buurtmaaltijd" });
    const garden = await makeActivity(initiative.id, { name: "Moestuindag" });
    await makeFunding(
      initiative.id,
      { sourceName: "Wijkbudget", kind: "wijkbudget", amountCentsPerYear: 100_000, startsOn: "2026-01-01", endsOn: "2026-06-30" },
      [meal.id, garden.id],
    );
    await makeFunding(initiative.id, { sourceName: "Open einde", amountCentsPerYear: 20_000, startsOn: "2025-01-01", endsOn: null }, [
      meal.id,
    ]);
    await makeFunding(initiative.id, { sourceName: "Aangevraagd", status: "applied", amountCentsPerYear: 999_900 });
    await makeFunding(initiative.id, { sourceName: "Voorbij", amountCentsPerYear: 50_000, startsOn: "2024-01-01", endsOn: "2025-12-31" });
    await makeFunding(initiative.id, { sourceName: "Nog niet begonnen", amountCentsPerYear: 70_000, startsOn: "2026-09-01", endsOn: null });
    await makeFunding(initiative.id, { sourceName: "Gearchiveerd", amountCentsPerYear: 80_000, archivedAt: NOW.toISOString() });

    const data = await loadFundingSection(db, initiative.id, "2026-03-01");
    expect(data.runningPerYearCents).toBe(120_000);
    expect(data.archived.map((s) => s.sourceName)).toEqual(["Gearchiveerd"]);
    expect(data.streams.map((s) => s.sourceName)).toEqual(["Voorbij", "Wijkbudget", "Aangevraagd", "Nog niet begonnen", "Open einde"]);
    const wijk = data.streams.find((s) => s.sourceName === "Wijkbudget")!;
    expect(wijk.activities.map((a) => a.name)).toEqual(["Buurtmaaltijd", "Moestuindag"]);
    expect(wijk.endingSoon).toBe(true);
    expect(data.streams.find((s) => s.sourceName === "Voorbij")).toMatchObject({ ended: true, endingSoon: false, running: false });
    expect(data.streams.find((s) => s.sourceName === "Open einde")?.endingSoon).toBe(false);
  });
});

describe("replacing the activities of a stream", () => {
  it("keeps funding_activities consistent when activities are replaced", async () => {
    const { initiative, actor } = await setup();
    const a = await makeActivity(initiative.id);
    const b = await makeActivity(initiative.id, { name: "B" });
    const f = await makeFunding(initiative.id, {}, [a.id]);
    const before = (await getFunding(db, initiative.id, f.id))!;
    const parsed = fundingContract.parseFormUpdate(form({ version: "1", activityIds: [b.id] }));
    if (!parsed.ok) throw new Error("invalid");
    await updateFunding(db, initiative, before, parsed.data, "X", actor.id, NOW);
    const links = await db.select().from(fundingActivities).where(eq(fundingActivities.fundingId, f.id));
    expect(links.map((l) => l.activityId)).toEqual([b.id]);
  });
});

describe("the funding section on a phone", () => {
  it("shows amounts and dates in Dutch, the running total, and edit links only for editors", async () => {
    const { FundingSection } = await import("../../../views/money/funding-section");
    const { translator } = await import("../../../src/i18n");
    const { initiative } = await setup();
    const meal = await makeActivity(initiative.id, { name: "Buurtmaaltijd" });
    await makeFunding(
      initiative.id,
      {
        sourceName: "Fonds Sociale Samenhang",
        amountCentsPerYear: 123_450,
        startsOn: "2026-01-01",
        endsOn: "2027-06-30",
        reportDueOn: "2027-09-01",
      },
      [meal.id],
    );
    await makeFunding(initiative.id, { sourceName: "Oude subsidie", archivedAt: NOW.toISOString() });
    const data = await loadFundingSection(db, initiative.id, "2027-03-01");
    const props = { t: translator("nl"), locale: "nl" as const, csrfToken: "tok", initiativeId: initiative.id, data };
    const html = String(await FundingSection({ ...props, canEdit: true }).toString());
    expect(html).toContain('<section id="funding"');
    expect(html).toMatch(/1 januari 2026 tot 30 juni 2027/);
    expect(html).toContain("Loopt af binnen 180 dagen");
    expect(html).toMatch(/Lopend toegekend geld per jaar: <strong>€\s1\.234,50<\/strong>/);
    expect(html).toContain("1 september 2027");
    expect(html).toContain("Buurtmaaltijd");
    expect(html).toContain(`/initiatives/${initiative.id}/fundings/new`);
    expect(html).toContain("Gearchiveerd (1)");
    expect(html).not.toContain("<table");
    const readOnly = String(await FundingSection({ ...props, canEdit: false }).toString());
    expect(readOnly).not.toContain("/edit");
    expect(readOnly).not.toContain("/restoration");
  });
});
