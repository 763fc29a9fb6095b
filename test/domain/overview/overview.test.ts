import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createDb } from "../../../src/db/client";
import {
  loadOverview,
  loadOverviewParts,
  overviewScopeFor,
  queryParams,
  quartersFrom,
  type Overview,
} from "../../../src/domain/overview/overview";
import { NO_LIMITS, PART_NAMES, PARTS, ROLLUP_PARTS, type Counting, type PartName } from "../../../src/domain/overview/sql";
import { plainStatement } from "../../../src/domain/overview/read-parts";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { OVERVIEW_TABLES, overviewTable, tableDef, type OverviewTable } from "../../../src/domain/overview/tables";
import { loadRiskInputs } from "../../../src/domain/risk/inputs";
import { DEFAULT_THRESHOLDS, judgeActivity } from "../../../src/domain/risk/rules";
import { buildOverviewWorld, EXPECTED, TODAY } from "../../helpers/overview-world";
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
  withRollup,
} from "../../helpers/overview-factories";

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

describe("the overview figures, against a hand-computed world", () => {
  let data: Overview;
  let world: Awaited<ReturnType<typeof buildOverviewWorld>>;
  const viewer = () => ({ partnerOrgIds: [world.own.id], locale: "nl" as const });

  it("loads for one neighbourhood", async () => {
    world = await buildOverviewWorld();
    data = await loadOverview(db, { ids: [world.hood.id] }, TODAY, viewer());
    expect(data.neighbourhoods.map((n) => n.name)).toEqual([world.hood.name]);
    expect(data.neighbourhoods[0]).toMatchObject(EXPECTED.hood);
  });

  it("counts now: living initiatives (active, paused), their activities, people volunteering in them today, facilities", () => {
    expect(data.now).toEqual(EXPECTED.now);
  });

  it("counts the same activities per risk level: the levels add up to the activities counted now", () => {
    expect(data.levels).toEqual(EXPECTED.levels);
    expect(Object.values(data.levels).reduce((a, b) => a + b, 0)).toBe(data.now.activities);
    expect(data.atRiskTotal).toBe(3);
  });

  it("lists what is at risk, most urgent first, in the one flag shape, with coordinators' names and without volunteers' names", () => {
    expect(data.atRisk.map((r) => r.activityName)).toEqual(EXPECTED.atRisk);
    const tuindag = data.atRisk[0]!;
    expect(tuindag).toMatchObject({ initiativeId: world.A.id, initiativeName: "Moestuin", level: "urgent", runwayMonths: 1 });
    expect(tuindag.coordinators).toEqual(["Cor Coördinator"]);
    expect(tuindag.flags).toEqual([
      {
        code: "funding_cliff",
        severity: "urgent",
        since: "2026-01-01",
        reason: `Het wijkbudget van ${world.own.name} stopt. € 2.000 per jaar valt weg op 30 juni 2026; € 1.000 per jaar is geregeld. Nog 1 maand.`,
        subject: { type: "funding", id: world.s1.id, name: world.own.name },
        endsOn: "2026-06-30",
        shortfallCentsPerYear: 200_000,
      },
    ]);
    expect(data.atRisk[1]!.coordinators).toEqual(["Els Eerlijk"]);
    expect(data.atRisk[1]!.flags[0]).toMatchObject({
      code: "key_person",
      subject: { type: "role", id: "key_holder", name: "sleutelbeheerder" },
    });
    const csv = JSON.stringify(overviewTable(data, "at-risk", "nl", true));
    expect(csv).toContain("valt weg op 30 juni 2026");
    expect(csv).not.toContain("Piet Geheim");
    expect(JSON.stringify(data)).not.toContain("Piet Geheim");
  });

  it("gives each flag's reason in the viewer's language", async () => {
    const en = await loadOverview(db, { ids: [world.hood.id] }, TODAY, { ...viewer(), locale: "en" });
    expect(en.atRisk[0]!.flags[0]!.reason).toBe(
      `The neighbourhood budget from ${world.own.name} ends. €2,000 a year falls away on 30 June 2026; €1,000 a year is arranged. 1 month left.`,
    );
  });

  it("shows the funding cliff per quarter: money ending, what is arranged by renewals and successors, the shortfall, the partner's own share", () => {
    expect(data.cliff.quarters.map(({ year: _y, quarter: _q, startsOn: _s, endsOn: _e, ...rest }) => rest)).toEqual(
      EXPECTED.cliff.quarters,
    );
    const { quarters: _q, own, ownTotal, ...totals } = data.cliff;
    const { quarters: _eq, own: expectedOwn, ...expectedTotals } = EXPECTED.cliff;
    expect(totals).toEqual(expectedTotals);
    expect(own.map((o) => [o.type, o.endsOn, o.cents, o.shortfallCents, o.activities])).toEqual(expectedOwn);
    expect(ownTotal).toBe(3);
  });

  it("says the same shortfall as the risk rules for the same stream", async () => {
    const [loaded] = await loadRiskInputs(db, { initiativeIds: [world.A.id] }, TODAY).then((all) =>
      all.filter((l) => l.input?.activity.id === world.a1.id),
    );
    const judged = judgeActivity(loaded!.input!, TODAY, DEFAULT_THRESHOLDS);
    const cliff = judged.flags.find((f) => f.rule === "funding_cliff" && f.subjectId === world.s1.id);
    expect(cliff?.params).toMatchObject({ amountCentsPerYear: 300_000, coveredCentsPerYear: 100_000, shortfallCentsPerYear: 200_000 });
    expect(data.cliff.own.find((o) => o.id === world.s1.id)?.shortfallCents).toBe(200_000);
    const [e] = (await loadRiskInputs(db, { initiativeIds: [world.E.id] }, TODAY)).filter((l) => l.input?.activity.id === world.e1.id);
    // s2 ends 31 December 2026: within the horizon from 1 September.
    const s2 = judgeActivity(e!.input!, "2026-09-01", DEFAULT_THRESHOLDS).flags.find((f) => f.subjectId === world.s2.id);
    expect(s2?.params).toMatchObject({ shortfallCentsPerYear: 300_000, renewalState: "applied" });
  });

  it("counts initiatives year on year by the documented rule", () => {
    for (const k of ["year", "activeInitiatives", "started", "stopped", "handedOver"] as const)
      expect([k, data.years.map((y) => y[k])]).toEqual([k, EXPECTED.years[k]]);
  });

  it("counts volunteers, newcomers, leavers and retention, the erased volunteer included", () => {
    for (const k of ["volunteers", "newcomers", "leavers", "retention"] as const)
      expect([k, data.years.map((y) => y[k])]).toEqual([k, EXPECTED.years[k]]);
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
    expect(data.years.map((y) => y.fundingTotal)).toEqual(EXPECTED.years.fundingTotal);
    expect(data.years.at(-1)!.funding).toEqual(EXPECTED.years.funding2026);
    expect(data.years.find((y) => y.year === 2024)!.funding).toMatchObject({ wijkbudget: 300_000, subsidy: 200_000, own_income: 50_000 });
  });

  it("shows continuity: ages of living initiatives and what became of activities whose money ended", () => {
    expect(data.continuity).toEqual(EXPECTED.continuity);
  });

  it("counts assets by category and lists facilities by agreement end, marking the partner's own", () => {
    expect(data.assets).toEqual(EXPECTED.assets);
    expect(data.assetsTotal).toBe(3);
    expect(data.facilities.map((f) => [f.name, f.endsOn, f.own, f.activities])).toEqual(EXPECTED.facilities);
    expect(data.facilities[0]!.ownerName).toBe(world.own.name);
  });

  it("tells the story first: money ending in the next four quarters and what is not arranged, urgency, the volunteers' trend", () => {
    const { money, urgentItems, ...rest } = data.headline;
    expect(money.map(({ key, cents, shortfall, pending }) => ({ key, cents, shortfall, pending }))).toEqual(EXPECTED.headline.money);
    const { money: _m, ...expected } = EXPECTED.headline;
    expect(rest).toEqual(expected);
    expect(urgentItems.map((u) => u.activityName)).toEqual(["Tuindag"]);
    expect(urgentItems[0]!.reason).toContain("valt weg op 30 juni 2026");
  });

  it("adds up across neighbourhoods, and marks nothing as own for a viewer without an organisation", async () => {
    const both = await loadOverview(db, { ids: [world.hood.id, world.other.id] }, TODAY, { partnerOrgIds: [], locale: "nl" });
    expect(both.neighbourhoods.map((n) => n.name)).toEqual([world.other.name, world.hood.name]);
    expect(both.neighbourhoods[0]).toMatchObject(EXPECTED.otherHood);
    expect(both.neighbourhoods[1]).toMatchObject(EXPECTED.hood);
    expect(both.now.activeInitiatives).toBe(3);
    expect(both.now.activities).toBe(4);
    expect(both.now.volunteers).toBe(3);
    expect(both.levels).toEqual({ ok: 0, watch: 1, at_risk: 1, urgent: 2 });
    expect(both.cliff.totalCents).toBe(EXPECTED.cliff.totalCents + 123_456);
    expect(both.cliff.shortfallCents).toBe(EXPECTED.cliff.shortfallCents + 123_456);
    expect(both.cliff.ownCents).toBe(0);
    expect(both.cliff.own).toEqual([]);
    expect(both.assetsTotal).toBe(4);
  });

  it("gives the same figures read as many neighbourhoods (whole indexes, one pass each) as read through each of them", async () => {
    // More than three neighbourhoods switch the statement to its wide reads (sql.ts isWide): two empty ones added to the world.
    const empty = [await makeNeighbourhood(), await makeNeighbourhood()].map((h) => h.id);
    const few = await loadOverview(db, { ids: [world.hood.id, world.other.id] }, TODAY, viewer());
    const many = await loadOverview(db, { ids: [world.hood.id, world.other.id, ...empty] }, TODAY, viewer());
    expect(many.neighbourhoods.filter((n) => empty.includes(n.id)).map((n) => n.activities + n.volunteers + n.facilities)).toEqual([0, 0]);
    expect({ ...many, neighbourhoods: many.neighbourhoods.filter((n) => !empty.includes(n.id)) }).toEqual(few);
    expect(few.continuity.afterFundingEnded.total).toBeGreaterThan(0);
  });

  it("writes every CSV from the same figures: the hand-computed numbers, euros with a decimal comma", async () => {
    const table = async (name: OverviewTable) => {
      const def = tableDef(name);
      const d = await loadOverviewParts(db, { ids: [world.hood.id] }, TODAY, viewer(), def.parts);
      return overviewTable(d, name, "nl", true);
    };
    expect((await table("now")).rows).toEqual([
      ["Actieve initiatieven", 2],
      ["Gepauzeerde initiatieven", 1],
      ["Activiteiten", 3],
      ["Actieve vrijwilligers (mensen)", 2],
      ["Voorzieningen", 2],
    ]);
    expect((await table("levels")).rows).toEqual([
      ["Dringend", 1],
      ["In gevaar", 1],
      ["Let op", 1],
      ["In orde", 0],
    ]);
    expect((await table("at-risk")).rows.map((r) => r[1])).toEqual(EXPECTED.atRisk);
    const cliff = await table("cliff");
    expect(cliff.header).toEqual([
      "Kwartaal",
      "Geld dat stopt, per jaar (euro)",
      "Geregeld (euro)",
      "Nog niet geregeld (euro)",
      "Waarvan aangevraagd of gepland (euro)",
      "Activiteiten die ervan afhangen",
      "Steunafspraken die stoppen",
      "Waarvan van jouw organisatie (euro)",
      "Van jouw organisatie: nog niet geregeld (euro)",
      "Waarvan afspraken van jouw organisatie",
    ]);
    expect(cliff.rows[0]).toEqual(["K2 2026", "3600,00", "1600,00", "2000,00", "0,00", 1, 0, "3000,00", "2000,00", 0]);
    expect(cliff.rows[2]).toEqual(["K4 2026", "5000,00", "2000,00", "3000,00", "3000,00", 1, 1, "0,00", "0,00", 1]);
    expect(cliff.rows[7]).toEqual(["K1 2028", "2500,00", "0,00", "2500,00", "2500,00", 2, 0, "2500,00", "2500,00", 0]);
    const hoods = await table("neighbourhoods");
    expect(hoods.rows).toEqual([[world.hood.name, "Teststad", 2, 1, 3, 2, 1, 1, 1, "14100,00", "9500,00", 2]]);
    expect((await table("years")).rows.at(-1)).toEqual([2026, 3, 1, 0, 0, 4, 1, 0, 100, "17800,00"]);
    expect((await table("own")).rows.map((r) => [r[0], r[4], r[6], r[7], r[8]])).toEqual([
      ["Financiering", "2026-06-30", "3000,00", "2000,00", 1],
      ["Steunafspraak", "2026-12-31", null, null, 1],
      ["Financiering", "2028-03-31", "2500,00", "2500,00", 2],
    ]);
    expect((await table("facilities")).rows[0]).toEqual([
      "Buurthuis De Linde",
      "",
      world.hood.name,
      `${world.own.name} (jouw organisatie)`,
      "bruikleen",
      "2026-09-30",
      "Geen",
      1,
    ]);
  });

  it("leaves a partner's own columns out for a viewer without an organisation, on the page and in the CSV alike", async () => {
    const d = await loadOverviewParts(db, { ids: [world.hood.id] }, TODAY, { partnerOrgIds: [], locale: "nl" }, tableDef("cliff").parts);
    const cliff = overviewTable(d, "cliff", "nl", false);
    expect(cliff.header).toHaveLength(7);
    expect(cliff.header.join(";")).not.toContain("jouw organisatie");
  });
});

describe("each part's fields, declared once", () => {
  it("are exactly the columns its SELECT gives, in order (the folding and the row type follow from them)", async () => {
    const params = queryParams({ ids: [crypto.randomUUID()] }, TODAY, { partnerOrgIds: ["p"] });
    for (const name of PART_NAMES) {
      const q = new SQLiteAsyncDialect().sqlToQuery(plainStatement(params, name));
      const [columns] = await env.DB.prepare(q.sql)
        .bind(...q.params)
        .raw({ columnNames: true });
      expect([name, columns]).toEqual([name, Object.keys(PARTS[name].fields)]);
    }
  });

  it("come from the stored rollup exactly when ROLLUP_PARTS says so (what readOverview reads again on a day it cannot serve)", () => {
    const dialect = new SQLiteAsyncDialect();
    // What the rollup, or the live count in its place, answers: its tables and state, and vols_now.
    const rollupBound = /\b(overview_years|overview_year_money|overview_volunteer_spread|rollup_ok|now_ok|vols_now)\b/;
    const scopes = [{ ids: [crypto.randomUUID()] }, { ids: [crypto.randomUUID(), crypto.randomUUID()] }, { all: true as const }];
    for (const scope of scopes) {
      const params = queryParams(scope, TODAY, { partnerOrgIds: ["p"] });
      const text = (name: PartName, counting: Counting) => dialect.sqlToQuery(PARTS[name].query({ ...params, counting }, NO_LIMITS)).sql;
      const bound = PART_NAMES.filter(
        (n) => n !== "rollupState" && (["stored", "live", "stored-or-live"] as const).some((c) => rollupBound.test(text(n, c))),
      );
      expect(bound).toEqual(ROLLUP_PARTS);
    }
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
        { partnerOrgIds: [], locale: "nl" as const },
        { atRisk: 20, own: 20, facilities: 20 },
      );
      const complete = countingD1(env.DB);
      await loadOverview(createDb(complete.binding), { ids: [hood.id] }, TODAY, { partnerOrgIds: ["p"], locale: "nl" as const });
      return { counts, complete: complete.counts, result };
    };
    await grow(hood.id, 5);
    const small = await withRollup(TODAY, measure);
    await grow(hood.id, 10);
    const large = await withRollup(TODAY, measure);
    expect(small.result.now.activeInitiatives).toBe(5);
    expect(large.result.now.activeInitiatives).toBe(15);
    expect(large.result.now.volunteers).toBe(15);
    expect(large.counts).toEqual(small.counts);
    expect(large.counts).toEqual({ prepared: 1, batches: 0, statementsInBatches: 0 });
    // Complete lists (the JSON API): one batch, the figures folded plus one statement per list.
    expect(large.complete).toEqual(small.complete);
    expect(large.complete).toMatchObject({ batches: 1, statementsInBatches: 4 });
    // On a day the rollup cannot serve (here: there is none), the parts that come from it are read
    // again, counted live: one statement more, and the same figures.
    const unserved = await measure();
    expect(unserved.counts).toEqual({ prepared: 2, batches: 0, statementsInBatches: 0 });
    expect(unserved.complete).toEqual({ ...large.complete, prepared: large.complete.prepared + 1 });
    expect(unserved.result).toEqual(large.result);
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
        { partnerOrgIds: ["p"], locale: "nl" as const },
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
    await withRollup(TODAY, async () => {
      const ids = hoods.map((h) => h.id);
      const { binding, counts } = countingD1(env.DB);
      const wide = await loadOverview(
        createDb(binding),
        { ids },
        TODAY,
        { partnerOrgIds: ["some-partner"], locale: "nl" as const },
        { atRisk: 20, own: 20, facilities: 20 },
      );
      expect(counts.prepared).toBe(1);
      expect(wide.neighbourhoods).toHaveLength(5);
      expect(wide.neighbourhoods.every((n) => n.activeInitiatives === 2 && n.volunteers === 2)).toBe(true);
      expect(wide.now.volunteers).toBe(10);
      for (const table of OVERVIEW_TABLES) {
        const one = countingD1(env.DB);
        await loadOverviewParts(
          createDb(one.binding),
          { ids },
          TODAY,
          { partnerOrgIds: ["some-partner"], locale: "nl" as const },
          tableDef(table).parts,
        );
        expect([table, one.counts.prepared + one.counts.statementsInBatches]).toEqual([table, 1]);
      }
    });
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
    const capped = await loadOverview(db, scope, TODAY, { partnerOrgIds: [], locale: "nl" as const }, { atRisk: 3, own: 3, facilities: 2 });
    expect(capped.atRisk.map((r) => r.activityName)).toEqual(["Activiteit 0", "Activiteit 1", "Activiteit 2"]);
    expect(capped.atRiskTotal).toBe(6);
    expect(capped.facilities.map((f) => f.name)).toEqual(["Voorziening 0", "Voorziening 1"]);
    expect(capped.facilitiesTotal).toBe(6);
    const all = await loadOverviewParts(db, scope, TODAY, { partnerOrgIds: [], locale: "nl" as const }, tableDef("at-risk").parts);
    expect(overviewTable(all, "at-risk", "nl", false).rows).toHaveLength(6);
    const facilities = await loadOverviewParts(
      db,
      scope,
      TODAY,
      { partnerOrgIds: [], locale: "nl" as const },
      tableDef("facilities").parts,
    );
    expect(overviewTable(facilities, "facilities", "nl", false).rows).toHaveLength(6);
  });
});
