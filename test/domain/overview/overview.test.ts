import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createDb } from "../../../src/db/client";
import { loadOverview, loadOverviewTable, overviewScopeFor, quartersFrom, type Overview } from "../../../src/domain/overview/overview";
import { OVERVIEW_TABLES, overviewTable } from "../../../src/domain/overview/tables";
import { volunteerYears } from "../../../src/domain/overview/year-figures";
import type { CurrentUser } from "../../../src/domain/auth/access";
import { db, makeInitiative, makeNeighbourhood, makePartner } from "../../helpers/factories";
import {
  activity,
  asset,
  checkin,
  commitment,
  coordinate,
  countingD1,
  facility,
  involvement,
  person,
  risk,
  stream,
} from "../../helpers/overview-factories";

const TODAY = "2026-05-15";

/**
 * A small neighbourhood whose figures are worked out by hand in the comments below,
 * with an archived initiative (counted nowhere), an erased volunteer (still counted),
 * and a second neighbourhood whose rows must stay out.
 */
async function buildDataset() {
  const hood = await makeNeighbourhood({ name: "Klein Zuid" });
  const other = await makeNeighbourhood({ name: "Elders" });
  const own = await makePartner({ name: "Gemeente Teststad", kind: "municipality" });
  const otherPartner = await makePartner({ name: "Fonds Anders", kind: "fund" });

  // Initiatives. Active per year (2017–2026), by the documented rule:
  //   A 2018–, active now; check-in 2022 'paused' (still counts)       → 2018..2026
  //   B 2020, stopped since 2024-03-01, no check-ins                    → 2020..2023, stopped 2024
  //   C 2015, handed over since 2023-09-01; check-in 2019 'stopped'     → 2017, 2018, 2020..2022; stopped 2019, handed over 2023
  //   E 2026, active                                                    → 2026
  //   F 2024, paused now                                                → 2024..2026
  //   D archived                                                        → nowhere
  const A = await makeInitiative(hood.id, { name: "Moestuin", startedYear: 2018, status: "active" });
  const B = await makeInitiative(hood.id, { name: "Taalcafé", startedYear: 2020, status: "stopped", statusSince: "2024-03-01" });
  const C = await makeInitiative(hood.id, {
    name: "Repair café",
    startedYear: 2015,
    status: "handed_over",
    statusSince: "2023-09-01T10:00:00.000Z",
  });
  const D = await makeInitiative(hood.id, {
    name: "Speeltuin",
    startedYear: 2019,
    status: "active",
    archivedAt: "2025-01-01T00:00:00.000Z",
  });
  const E = await makeInitiative(hood.id, { name: "Buurtmaaltijd", startedYear: 2026, status: "active" });
  const F = await makeInitiative(hood.id, { name: "Kookclub", startedYear: 2024, status: "paused" });
  const O = await makeInitiative(other.id, { name: "Elders actief", startedYear: 2010, status: "active" });
  await checkin(A.id, 2022, "paused");
  await checkin(C.id, 2019, "stopped");
  await checkin(D.id, 2020, "active");

  const X = await facility(hood.id, "Buurthuis De Linde", {
    ownerPartnerId: own.id,
    agreement: "bruikleen",
    agreementEndsOn: "2026-09-30",
  });
  await facility(hood.id, "Moestuin aan de dijk");
  await facility(hood.id, "Oude loods", { archivedAt: "2025-01-01T00:00:00.000Z" });
  await facility(other.id, "Elders buurthuis");

  const a1 = await activity(A.id, "Tuindag", { facilityId: X.id });
  const a2 = await activity(A.id, "Oogstfeest", { facilityId: X.id, archivedAt: "2025-10-01T00:00:00.000Z" });
  const b1 = await activity(B.id, "Conversatie");
  const c1 = await activity(C.id, "Reparatie");
  const d1 = await activity(D.id, "Schommelen");
  const e1 = await activity(E.id, "Maaltijd");
  const f1 = await activity(F.id, "Koken");
  const o1 = await activity(O.id, "Elders");

  // Volunteers (distinct people per year; 2016 only feeds 2017's retention):
  //   p1 A 2018-03-01–        p2 A 2020–2022-06-30     p3 (erased) B 2021-05-01–2024-03-01
  //   p4 A 2025 and E 2026-01-10–                      p5 F 2024-02-01–2026-05-14 (ended yesterday)
  //   p7 C 2016–2018          p8 C broken interval (until before since): counts nowhere
  //   p6 only in archived D; p9 only in the other neighbourhood
  const p1 = await person("Anna");
  const p2 = await person("Bert");
  const p3 = await person("", { erasedAt: "2025-02-01T00:00:00.000Z" });
  const p4 = await person("Piet Geheim");
  const p5 = await person("Eva");
  const p6 = await person("Dirk");
  const p7 = await person("Gijs");
  const p8 = await person("Hans");
  const p9 = await person("Ida");
  await involvement(p1.id, A.id, "2018-03-01");
  await involvement(p2.id, A.id, "2020-01-01", "2022-06-30");
  await involvement(p3.id, B.id, "2021-05-01", "2024-03-01");
  await involvement(p4.id, A.id, "2025-01-01", "2025-12-31");
  await involvement(p4.id, E.id, "2026-01-10");
  await involvement(p5.id, F.id, "2024-02-01", "2026-05-14");
  await involvement(p6.id, D.id, "2019-01-01");
  await involvement(p7.id, C.id, "2016-01-01", "2018-12-31");
  await involvement(p8.id, C.id, "2020-05-01", "2019-01-01");
  await involvement(p9.id, O.id, "2015-01-01");

  // Money. Cliff window: 2026-04-01 up to (not including) 2028-04-01.
  await stream(
    A.id,
    {
      sourcePartnerId: own.id,
      sourceName: "Gemeente Teststad",
      kind: "wijkbudget",
      amountCentsPerYear: 300_000,
      startsOn: "2024-01-01",
      endsOn: "2026-06-30",
      renewalState: "none",
    },
    [a1.id, a2.id],
  ); // s1 2026-Q2 none, own
  await stream(
    E.id,
    {
      sourcePartnerId: otherPartner.id,
      kind: "fund",
      amountCentsPerYear: 500_000,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      renewalState: "applied",
    },
    [e1.id],
  ); // s2 2026-Q4 applied
  await stream(
    F.id,
    {
      sourceName: "Sponsor BV",
      kind: "sponsor",
      amountCentsPerYear: 100_000,
      startsOn: "2025-01-01",
      endsOn: "2027-03-31",
      renewalState: "granted",
    },
    [f1.id],
  ); // s3 2027-Q1 granted
  await stream(
    A.id,
    {
      sourcePartnerId: own.id,
      kind: "subsidy",
      amountCentsPerYear: 200_000,
      startsOn: "2022-01-01",
      endsOn: "2024-12-31",
      status: "ended",
    },
    [a1.id, a2.id],
  ); // s4 past
  await stream(
    B.id,
    { sourceName: "Gemeente", kind: "subsidy", amountCentsPerYear: 150_000, startsOn: "2020-01-01", endsOn: "2023-12-31" },
    [b1.id],
  ); // s5 past
  await stream(C.id, { kind: "fund", amountCentsPerYear: 80_000, startsOn: "2019-01-01", endsOn: "2021-06-30" }, [c1.id]); // s6 past
  await stream(F.id, { kind: "own_income", amountCentsPerYear: 50_000, startsOn: "2024-01-01", endsOn: "2025-12-31" }, [f1.id]); // s7 past
  await stream(E.id, { kind: "fund", amountCentsPerYear: 999_999, startsOn: "2026-01-01", endsOn: "2026-09-30", status: "applied" }, [
    e1.id,
  ]); // s8 not granted
  await stream(
    A.id,
    { kind: "fund", amountCentsPerYear: 777_777, startsOn: "2026-01-01", endsOn: "2026-08-31", archivedAt: "2026-02-01T00:00:00.000Z" },
    [a1.id],
  ); // s9 archived
  await stream(D.id, { kind: "fund", amountCentsPerYear: 888_888, startsOn: "2026-01-01", endsOn: "2026-07-31" }, [d1.id]); // s10 archived initiative
  await stream(
    A.id,
    { kind: "housing_corporation", amountCentsPerYear: 400_000, startsOn: "2026-04-01", endsOn: "2028-04-01", renewalState: "planned" },
    [a1.id],
  ); // s11 just past the window
  await stream(
    E.id,
    {
      sourcePartnerId: own.id,
      kind: "housing_corporation",
      amountCentsPerYear: 250_000,
      startsOn: "2026-01-01",
      endsOn: "2028-03-31",
      renewalState: "planned",
    },
    [e1.id, f1.id],
  ); // s12 2028-Q1 applied, own
  await stream(
    A.id,
    { kind: "sponsor", amountCentsPerYear: 60_000, startsOn: "2025-04-01", endsOn: "2026-04-02", renewalState: "granted" },
    [a1.id],
  ); // s13 2026-Q2 granted
  await stream(O.id, { sourcePartnerId: own.id, kind: "fund", amountCentsPerYear: 123_456, startsOn: "2026-01-01", endsOn: "2026-06-30" }, [
    o1.id,
  ]); // other neighbourhood

  await commitment(own.id, A.id, { description: "4 uur opbouwwerk", endsOn: "2026-12-31" }); // k1 2026-Q4, own, 1 activity (a2 archived)
  await commitment(otherPartner.id, E.id, { kind: "room", description: "Zaal", activityId: e1.id, endsOn: "2027-06-30" }); // k2 2027-Q2
  await commitment(own.id, D.id, { endsOn: "2026-10-01" }); // archived initiative

  await asset(hood.id, "gifts", "Fatma kookt");
  await asset(hood.id, "gifts", "Oud talent", { archivedAt: "2025-01-01T00:00:00.000Z" });
  await asset(hood.id, "places", "Pleintje");
  await asset(hood.id, "stories", "Het verhaal van de dijk");
  await asset(other.id, "places", "Elders plein");

  const cor = await person("Cor Coördinator");
  const gone = await person("", { erasedAt: "2025-01-01T00:00:00.000Z" });
  const els = await person("Els Eerlijk");
  await coordinate(A.id, cor.id);
  await coordinate(A.id, gone.id);
  await coordinate(E.id, els.id);

  const cliff = {
    rule: "funding_cliff",
    severity: "urgent",
    since: "2026-01-01",
    subjectId: "s1",
    params: {
      sourceName: "Gemeente Teststad",
      kind: "wijkbudget",
      endsOn: "2026-06-30",
      daysLeft: 46,
      monthsLeft: 1,
      renewalState: "none",
    },
  };
  const keyPerson = {
    rule: "key_person",
    severity: "at_risk",
    since: "2026-02-01",
    subjectId: "key_holder",
    params: { activityName: "Maaltijd", role: "key_holder", personId: p4.id, personName: "Piet Geheim" },
  };
  await risk(a1, hood.id, "urgent", { flags: [cliff], runwayMonths: 1, levelSince: "2026-01-01" });
  await risk(a2, hood.id, "urgent");
  await risk(b1, hood.id, "ok");
  await risk(c1, hood.id, "at_risk", { runwayMonths: 3, levelSince: "2026-03-01" });
  await risk(e1, hood.id, "at_risk", { flags: [keyPerson], levelSince: "2026-02-01" });
  await risk(f1, hood.id, "watch", { levelSince: "2025-06-01" });
  await risk(d1, hood.id, "urgent");
  await risk(o1, other.id, "urgent");

  const intervals = [
    { personId: p1.id, since: "2018-03-01", until: null },
    { personId: p2.id, since: "2020-01-01", until: "2022-06-30" },
    { personId: p3.id, since: "2021-05-01", until: "2024-03-01" },
    { personId: p4.id, since: "2025-01-01", until: "2025-12-31" },
    { personId: p4.id, since: "2026-01-10", until: null },
    { personId: p5.id, since: "2024-02-01", until: "2026-05-14" },
    { personId: p7.id, since: "2016-01-01", until: "2018-12-31" },
    { personId: p8.id, since: "2020-05-01", until: "2019-01-01" },
  ];
  return { hood, other, own, A, C, E, a1, c1, e1, f1, intervals };
}

describe("quartersFrom", () => {
  it("starts at today's quarter and runs eight quarters across year ends", () => {
    const qs = quartersFrom("2026-05-15");
    expect(qs.map((q) => q.key)).toEqual(["2026-2", "2026-3", "2026-4", "2027-1", "2027-2", "2027-3", "2027-4", "2028-1"]);
    expect(qs[0]).toMatchObject({ startsOn: "2026-04-01", endsOn: "2026-06-30" });
    expect(qs[7]).toMatchObject({ startsOn: "2028-01-01", endsOn: "2028-03-31" });
    expect(quartersFrom("2026-12-31", 2).map((q) => q.key)).toEqual(["2026-4", "2027-1"]);
  });
});

describe("overviewScopeFor", () => {
  const base: CurrentUser = {
    id: "u",
    name: "U",
    email: null,
    locale: "nl",
    isAdmin: false,
    coordinatorOf: [],
    coordinatorNeighbourhoods: [],
    partnerOrgIds: [],
    partnerNeighbourhoods: [],
    sessionId: "s",
  };
  it("gives admins everything, others the union of their neighbourhoods, and nobody else anything", () => {
    expect(overviewScopeFor({ ...base, isAdmin: true })).toEqual({ all: true });
    expect(overviewScopeFor({ ...base, partnerNeighbourhoods: ["a", "b"], coordinatorNeighbourhoods: ["b", "c"] })).toEqual({
      ids: ["a", "b", "c"],
    });
    expect(overviewScopeFor(base)).toBeNull();
  });
});

describe("the overview figures", () => {
  let data: Overview;
  let world: Awaited<ReturnType<typeof buildDataset>>;

  it("loads for one neighbourhood", async () => {
    world = await buildDataset();
    data = await loadOverview(db, { ids: [world.hood.id] }, TODAY, { partnerOrgIds: [world.own.id] });
    expect(data.neighbourhoods.map((n) => n.name)).toEqual(["Klein Zuid"]);
  });

  it("counts now: active and paused initiatives, activities, people active today, facilities", () => {
    expect(data.now).toEqual({ activeInitiatives: 2, pausedInitiatives: 1, activities: 3, volunteers: 2, facilities: 2 });
  });

  it("counts activities per risk level, leaving out archived activities and initiatives", () => {
    expect(data.levels).toEqual({ ok: 1, watch: 1, at_risk: 2, urgent: 1 });
  });

  it("lists what is at risk, most urgent first, with coordinators' names and without volunteers' names", () => {
    expect(data.atRisk.map((r) => r.activityName)).toEqual(["Tuindag", "Reparatie", "Maaltijd", "Koken"]);
    const tuindag = data.atRisk[0]!;
    expect(tuindag).toMatchObject({ initiativeId: world.A.id, initiativeName: "Moestuin", level: "urgent", runwayMonths: 1 });
    expect(tuindag.coordinators).toEqual(["Cor Coördinator"]);
    expect(data.atRisk[2]!.coordinators).toEqual(["Els Eerlijk"]);
    const csv = JSON.stringify(overviewTable(data, "at-risk", "nl"));
    expect(csv).toContain("stopt op 30 juni 2026");
    expect(csv).not.toContain("Piet Geheim");
    expect(JSON.stringify(overviewTable(data, "at-risk", "en"))).toContain("ends on 30 June 2026");
  });

  it("shows the funding cliff per quarter by renewal state, with dependent activities and the partner's own share", () => {
    const q = Object.fromEntries(data.cliff.quarters.map((x) => [x.key, x]));
    expect(q["2026-2"]).toMatchObject({
      cents: { granted: 60_000, applied: 0, none: 300_000 },
      totalCents: 360_000,
      streams: 2,
      ownCents: 300_000,
      ownStreams: 1,
      totalActivities: 1,
      activities: { granted: 1, applied: 0, none: 1 },
    });
    expect(q["2026-3"]).toMatchObject({ totalCents: 0, totalActivities: 0, commitments: 0 });
    expect(q["2026-4"]).toMatchObject({
      cents: { granted: 0, applied: 500_000, none: 0 },
      totalActivities: 1,
      ownCents: 0,
      commitments: 1,
      ownCommitments: 1,
    });
    expect(q["2027-1"]).toMatchObject({ cents: { granted: 100_000, applied: 0, none: 0 }, totalActivities: 1 });
    expect(q["2027-2"]).toMatchObject({ totalCents: 0, commitments: 1, ownCommitments: 0 });
    expect(q["2028-1"]).toMatchObject({ cents: { granted: 0, applied: 250_000, none: 0 }, ownCents: 250_000, totalActivities: 2 });
    expect(data.cliff.totalCents).toBe(1_210_000);
    expect(data.cliff.ownCents).toBe(550_000);
    expect(data.cliff.totalActivities).toBe(3);
    expect(data.cliff.own.map((o) => [o.type, o.endsOn, o.activities])).toEqual([
      ["funding", "2026-06-30", 1],
      ["commitment", "2026-12-31", 1],
      ["funding", "2028-03-31", 2],
    ]);
  });

  it("counts initiatives year on year by the documented rule", () => {
    const by = Object.fromEntries(data.years.map((y) => [y.year, y]));
    expect(data.years.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(data.years.map((y) => y.activeInitiatives)).toEqual([1, 2, 1, 3, 3, 3, 2, 2, 2, 3]);
    expect(data.years.map((y) => y.started)).toEqual([0, 1, 0, 1, 0, 0, 0, 1, 0, 1]);
    expect(by[2019]!.stopped).toBe(1);
    expect(by[2024]!.stopped).toBe(1);
    expect(by[2023]!.handedOver).toBe(1);
    expect(data.years.reduce((s, y) => s + y.stopped + y.handedOver, 0)).toBe(3);
  });

  it("counts volunteers, newcomers, leavers and retention, the erased volunteer included", () => {
    expect(data.years.map((y) => y.volunteers)).toEqual([1, 2, 1, 2, 3, 3, 2, 3, 3, 3]);
    expect(data.years.map((y) => y.newcomers)).toEqual([0, 1, 0, 1, 1, 0, 0, 1, 1, 0]);
    expect(data.years.map((y) => y.leavers)).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
    expect(data.years.map((y) => y.retention)).toEqual([1, 1, 0.5, 1, 1, 1, 2 / 3, 1, 2 / 3, 1]);
    // The same numbers as the pure function over the same intervals.
    const pure = volunteerYears(
      world.intervals,
      data.years.map((y) => y.year),
    );
    expect(data.years.map((y) => [y.volunteers, y.newcomers, y.leavers, y.returning, y.retention])).toEqual(
      pure.map((y) => [y.active, y.newcomers, y.leavers, y.returning, y.retention]),
    );
  });

  it("sums money by kind per year from granted and ended streams", () => {
    const total = Object.fromEntries(data.years.map((y) => [y.year, y.fundingTotal]));
    expect(total).toEqual({
      2017: 0,
      2018: 0,
      2019: 80_000,
      2020: 230_000,
      2021: 230_000,
      2022: 350_000,
      2023: 350_000,
      2024: 550_000,
      2025: 510_000,
      2026: 1_610_000,
    });
    const y2026 = data.years.find((y) => y.year === 2026)!.funding;
    expect(y2026).toEqual({
      wijkbudget: 300_000,
      subsidy: 0,
      fund: 500_000,
      housing_corporation: 650_000,
      sponsor: 160_000,
      own_income: 0,
      in_kind: 0,
    });
    expect(data.years.find((y) => y.year === 2024)!.funding).toMatchObject({ wijkbudget: 300_000, subsidy: 200_000, own_income: 50_000 });
  });

  it("shows continuity: ages of running initiatives and what became of activities whose money ended", () => {
    expect(data.continuity).toEqual({
      living: 3,
      olderThan: { 1: 2, 3: 1, 5: 1 },
      afterFundingEnded: { continued: 1, paused: 1, handedOver: 1, stopped: 2, total: 5 },
    });
  });

  it("counts assets by category and lists facilities by agreement end, marking the partner's own", () => {
    expect(data.assets).toEqual({ gifts: 1, associations: 0, institutions: 0, places: 1, economy: 0, stories: 1, connections: 0 });
    expect(data.assetsTotal).toBe(3);
    expect(data.facilities.map((f) => [f.name, f.agreementEndsOn, f.own, f.activities, f.ownerName])).toEqual([
      ["Buurthuis De Linde", "2026-09-30", true, 1, "Gemeente Teststad"],
      ["Moestuin aan de dijk", null, false, 0, null],
    ]);
  });

  it("adds up across neighbourhoods, and marks nothing as own for a viewer without an organisation", async () => {
    const both = await loadOverview(db, { ids: [world.hood.id, world.other.id] }, TODAY, { partnerOrgIds: [] });
    expect(both.neighbourhoods.map((n) => n.name)).toEqual(["Elders", "Klein Zuid"]);
    expect(both.now.activeInitiatives).toBe(3);
    expect(both.now.volunteers).toBe(3);
    expect(both.levels.urgent).toBe(2);
    expect(both.cliff.ownCents).toBe(0);
    expect(both.cliff.own).toEqual([]);
    expect(both.assetsTotal).toBe(4);
  });
});

describe("the number of queries", () => {
  /** `id` makes each row's id (random by default; fixed where the order of ids matters). */
  async function grow(hoodId: string, n: number, id: () => string = () => crypto.randomUUID()) {
    for (let i = 0; i < n; i++) {
      const init = await makeInitiative(hoodId, { id: id(), name: `Initiatief ${i}`, startedYear: 2015 + (i % 10) });
      const act = await activity(init.id, `Activiteit ${i}`, { id: id() });
      const p = await person(`Vrijwilliger ${i}`, { id: id() });
      await involvement(p.id, init.id, "2020-01-01", null, id());
      await stream(init.id, { id: id(), endsOn: "2026-12-31" }, [act.id]);
      await checkin(init.id, 2024, "active", id());
      await risk(act, hoodId, i % 2 === 0 ? "at_risk" : "watch");
    }
  }

  it("is one statement, whatever the size of the data", async () => {
    const hood = await makeNeighbourhood();
    const measure = async () => {
      const { binding, counts } = countingD1(env.DB);
      const result = await loadOverview(
        createDb(binding),
        { ids: [hood.id] },
        TODAY,
        { partnerOrgIds: [] },
        { atRisk: 20, own: 20, facilities: 20 },
      );
      const complete = countingD1(env.DB);
      await loadOverview(createDb(complete.binding), { ids: [hood.id] }, TODAY, { partnerOrgIds: ["p"] });
      return { counts, complete: complete.counts, result };
    };
    await grow(hood.id, 5);
    const small = await measure();
    await grow(hood.id, 10);
    const large = await measure();
    expect(small.result.now.activeInitiatives).toBe(5);
    expect(large.result.now.activeInitiatives).toBe(15);
    expect(large.counts).toEqual(small.counts);
    expect(large.counts).toEqual({ prepared: 1, batches: 0, statementsInBatches: 0 });
    // Complete lists (the JSON API): one batch, the figures folded plus one statement per list.
    expect(large.complete).toEqual(small.complete);
    expect(large.complete).toMatchObject({ batches: 1, statementsInBatches: 4 });
  });

  it("reads only the neighbourhood's own rows, however much the rest of the city holds", async () => {
    // D1 counts the one index entry a range reads past its end, when there is one. With random ids
    // that entry sometimes belonged to the rest of the city and sometimes did not exist (467 vs 468
    // rows, 1 run in 3). So every row here has a fixed id, in a fixed order: all after the random
    // ids of the other tests in this file ("~" sorts after hex digits), this neighbourhood's ("~a")
    // before the rest of the city's ("~b"), and the rest of the city holds a row of every kind from
    // the start. Each of our ranges is then followed by the same kind of entry in both measurements.
    const fixed = (prefix: string) => {
      let n = 0;
      return () => `~${prefix}-${String(++n).padStart(5, "0")}`;
    };
    const ours = fixed("a");
    const theirs = fixed("b");
    const hood = await makeNeighbourhood({ id: ours() });
    const elsewhere = await makeNeighbourhood({ id: theirs() });
    await grow(hood.id, 3, ours);
    await commitment((await makePartner({ id: ours() })).id, (await makeInitiative(hood.id, { id: ours() })).id, {
      id: ours(),
      endsOn: "2026-12-31",
    });
    // What D1 reports as rows read by the page's one statement (and the partner's view of it).
    const rowsRead = async () => {
      let total = 0;
      const binding = {
        prepare: (query: string) => {
          const stmt = env.DB.prepare(query);
          const withMeta = (bound: D1PreparedStatement): D1PreparedStatement =>
            Object.assign(Object.create(bound) as D1PreparedStatement, {
              bind: (...v: unknown[]) => withMeta(bound.bind(...v)),
              all: async () => {
                const r = await bound.all();
                total += r.meta.rows_read;
                return r;
              },
            });
          return withMeta(stmt);
        },
      } as unknown as D1Database;
      const result = await loadOverview(
        createDb(binding),
        { ids: [hood.id], includeArchived: true },
        TODAY,
        { partnerOrgIds: ["p"] },
        { atRisk: 50, own: 50, facilities: 50 },
      );
      return { total, result };
    };
    const theirCommitment = async () =>
      commitment((await makePartner({ id: theirs() })).id, (await makeInitiative(elsewhere.id, { id: theirs() })).id, {
        id: theirs(),
        endsOn: "2026-12-31",
      });
    // Elsewhere has something of every kind from the start: an index range then reads one entry
    // past its end (D1 counts it), whether or not there is more behind it.
    await grow(elsewhere.id, 1, theirs);
    await theirCommitment();
    const before = await rowsRead();
    // The rest of the city grows: initiatives, activities, volunteers, money ending in the cliff
    // window, commitments, risks. (workerd's SQLite once read all of them behind a Bloom filter.)
    await grow(elsewhere.id, 12, theirs);
    for (let i = 0; i < 6; i++) await theirCommitment();
    const after = await rowsRead();
    expect(before.total).toBeGreaterThan(0);
    expect(after.result).toEqual(before.result);
    expect(after.total).toBe(before.total);
  });

  it("is one statement across many neighbourhoods too, and for every CSV table", async () => {
    const hoods = [
      await makeNeighbourhood(),
      await makeNeighbourhood(),
      await makeNeighbourhood(),
      await makeNeighbourhood(),
      await makeNeighbourhood(),
    ];
    for (const h of hoods) await grow(h.id, 2);
    const ids = hoods.map((h) => h.id);
    const { binding, counts } = countingD1(env.DB);
    const wide = await loadOverview(
      createDb(binding),
      { ids },
      TODAY,
      { partnerOrgIds: ["some-partner"] },
      { atRisk: 20, own: 20, facilities: 20 },
    );
    expect(counts.prepared).toBe(1);
    expect(wide.neighbourhoods).toHaveLength(5);
    expect(wide.neighbourhoods.every((n) => n.activeInitiatives === 2 && n.volunteers === 2)).toBe(true);
    expect(wide.now.volunteers).toBe(10);
    for (const table of OVERVIEW_TABLES) {
      const one = countingD1(env.DB);
      await loadOverviewTable(createDb(one.binding), { ids }, TODAY, { partnerOrgIds: ["some-partner"] }, table);
      expect([table, one.counts.prepared + one.counts.statementsInBatches]).toEqual([table, 1]);
    }
  });
});

describe("long lists", () => {
  it("caps the lists on request, says how long they are, and gives the CSV all rows", async () => {
    const hood = await makeNeighbourhood();
    const init = await makeInitiative(hood.id, { name: "Groot initiatief", startedYear: 2020 });
    for (let i = 0; i < 6; i++) {
      const act = await activity(init.id, `Activiteit ${i}`);
      await risk(act, hood.id, i < 2 ? "urgent" : "watch", { runwayMonths: i });
      await facility(hood.id, `Voorziening ${i}`, { agreementEndsOn: `2027-0${i + 1}-01` });
    }
    const scope = { ids: [hood.id] };
    const capped = await loadOverview(db, scope, TODAY, { partnerOrgIds: [] }, { atRisk: 3, own: 3, facilities: 2 });
    expect(capped.atRisk.map((r) => r.activityName)).toEqual(["Activiteit 0", "Activiteit 1", "Activiteit 2"]);
    expect(capped.atRiskTotal).toBe(6);
    expect(capped.facilities.map((f) => f.name)).toEqual(["Voorziening 0", "Voorziening 1"]);
    expect(capped.facilitiesTotal).toBe(6);
    const all = await loadOverviewTable(db, scope, TODAY, { partnerOrgIds: [] }, "at-risk");
    expect(overviewTable(all, "at-risk", "nl").rows).toHaveLength(6);
    const facilities = await loadOverviewTable(db, scope, TODAY, { partnerOrgIds: [] }, "facilities");
    expect(overviewTable(facilities, "facilities", "nl").rows).toHaveLength(6);
  });
});
