// The overview's stored figures (src/domain/overview/rollup.ts): over random histories, the
// overview read from the stored rollup (every year, and who volunteers now) equals the overview
// counted entirely live — every figure, and so every CSV table — for all neighbourhoods, each one,
// and a pair; after the rollup is derived, on a later day before and after the daily run moves
// "now" to it, and after writes through the domain functions (which keep the rollup in their own
// batch). The daily run derives it when the year turns and repairs a difference it finds in a
// sample. (Each property builds dozens of worlds: minutes on a busy machine.)
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { loadOverview, type OverviewViewer } from "../../../src/domain/overview/overview";
import { OVERVIEW_TABLES, overviewTable } from "../../../src/domain/overview/tables";
import { deriveRollup, rollupState, rollupYear } from "../../../src/domain/overview/rollup";
import { maintainRollup } from "../../../src/domain/overview/rollup-daily";
import type { OverviewScope } from "../../../src/domain/overview/sql";
import { setInitiativeArchived, setInitiativeStatus } from "../../../src/domain/initiatives/initiatives";
import {
  createInvolvement,
  DuplicateInvolvementError,
  endInvolvement,
  getInvolvement,
  involvementContract,
  newInvolvementContract,
  updateInvolvement,
} from "../../../src/domain/people/involvements";
import { createFunding, fundingContract } from "../../../src/domain/money/fundings";
import { db, makeInitiative, makeNeighbourhood } from "../../helpers/factories";
import { checkin, involvement, person, stream } from "../../helpers/overview-factories";

const YEAR = 2026;
const TODAY = `${YEAR}-11-28`;
const NOW = new Date(`${TODAY}T10:00:00.000Z`);
/** A later day of the same year: "now" moves, the years stay. */
const LATER = `${YEAR}-12-19`;
const viewer: OverviewViewer = { partnerOrgIds: [], locale: "nl" };

const dayIn = (min: number, max: number) =>
  fc
    .record({ y: fc.integer({ min, max }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
/** Any day of the years shown and around them; often one near today, so "now" (and who moves in and out of it) is tested too. */
const day = fc.oneof(dayIn(YEAR - 13, YEAR + 1), dayIn(YEAR - 1, YEAR));
const status = fc.constantFrom(...s.INITIATIVE_STATUSES);

const history = fc.record({
  initiatives: fc.array(
    fc.record({
      hood: fc.integer({ min: 0, max: 2 }),
      startedYear: fc.integer({ min: YEAR - 13, max: YEAR }),
      status,
      statusSince: fc.option(day, { nil: null }),
      archived: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  people: fc.integer({ min: 1, max: 4 }),
  // Intervals, a few of them broken (ending before they start) or still running.
  involvements: fc.array(
    fc.record({ who: fc.nat({ max: 9 }), where: fc.nat({ max: 11 }), since: day, until: fc.option(day, { nil: null }) }),
    { minLength: 2, maxLength: 14 },
  ),
  streams: fc.array(
    fc.record({
      where: fc.nat(),
      kind: fc.constantFrom(...s.FUNDING_KINDS),
      cents: fc.integer({ min: 1, max: 5_000_000 }),
      startsOn: day,
      endsOn: fc.option(day, { nil: null }),
      status: fc.constantFrom(...s.FUNDING_STATUSES),
      archived: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  checkins: fc.array(fc.record({ where: fc.nat(), year: fc.integer({ min: YEAR - 11, max: YEAR }), status }), { maxLength: 6 }),
  // The third neighbourhood archived: the overview of all leaves it out, its stored rows stay.
  thirdArchived: fc.boolean(),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

async function build(h: History) {
  const hoods = [await makeNeighbourhood(), await makeNeighbourhood(), await makeNeighbourhood()];
  const inits = [];
  for (const i of h.initiatives) {
    const row = {
      id: crypto.randomUUID(),
      neighbourhoodId: hoods[i.hood]!.id,
      name: "Initiatief",
      startedYear: i.startedYear,
      status: i.status,
      statusSince: i.statusSince,
      archivedAt: i.archived ? "2026-01-01T00:00:00.000Z" : null,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    await db.insert(s.initiatives).values(row);
    inits.push(row);
  }
  const people: { id: string }[] = [];
  for (let k = 0; k < h.people; k++) people.push(await person(`Vrijwilliger ${k}`));
  const involvements = [];
  for (const v of h.involvements) {
    const id = crypto.randomUUID();
    await involvement(people[v.who % people.length]!.id, inits[v.where % inits.length]!.id, v.since, v.until, id);
    involvements.push(id);
  }
  for (const f of h.streams)
    await stream(inits[f.where % inits.length]!.id, {
      kind: f.kind,
      amountCentsPerYear: f.cents,
      startsOn: f.startsOn,
      endsOn: f.endsOn,
      status: f.status,
      archivedAt: f.archived ? "2026-01-01T00:00:00.000Z" : null,
    });
  const seen = new Set<string>();
  for (const c of h.checkins) {
    const initiativeId = inits[c.where % inits.length]!.id;
    if (seen.has(`${initiativeId} ${c.year}`)) continue; // one check-in per initiative and year
    seen.add(`${initiativeId} ${c.year}`);
    await checkin(initiativeId, c.year, c.status);
  }
  if (h.thirdArchived)
    await db.update(s.neighbourhoods).set({ archivedAt: "2026-01-01T00:00:00.000Z" }).where(eq(s.neighbourhoods.id, hoods[2]!.id));
  return { hoods, inits, involvements, people };
}

/** Every figure (the whole overview) and every CSV table, from the rollup and counted live: equal. */
async function expectSameAsLive(scopes: OverviewScope[], today = TODAY) {
  for (const scope of scopes) {
    const stored = await loadOverview(db, scope, today, viewer);
    const live = await loadOverview(db, scope, today, viewer, undefined, undefined, true);
    expect(stored).toEqual(live);
    for (const table of OVERVIEW_TABLES) expect(overviewTable(stored, table, "nl", false)).toEqual(overviewTable(live, table, "nl", false));
  }
}

const scopesOf = (hoods: { id: string }[]): OverviewScope[] => [
  { all: true },
  ...hoods.map((h) => ({ ids: [h.id] })),
  { ids: [hoods[0]!.id, hoods[1]!.id] },
];

/** The rollup really serves the figures (not the live fallback): its rows are there for this year, and "now" for `today`. */
async function expectRollupInUse(today = TODAY) {
  expect(await rollupState(db)).toEqual({ currentYear: YEAR, nowDay: today });
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM overview_years WHERE year = ${YEAR}`);
  expect(row!.n).toBeGreaterThan(0);
}

describe("the overview's frozen past", () => {
  it("property: the rollup = counted live, for every figure and CSV, over random histories, today and on a later day", async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const { hoods } = await build(h);
        await deriveRollup(db, TODAY, NOW);
        await expectRollupInUse();
        await expectSameAsLive(scopesOf(hoods));
        // A later day before the daily run: "now" is counted live for it, the years still come from the rollup.
        await expectSameAsLive(scopesOf(hoods), LATER);
        // The daily run moves "now" to that day.
        expect((await maintainRollup(db, LATER, NOW, 0)).derived).toBe(false);
        await expectRollupInUse(LATER);
        await expectSameAsLive(scopesOf(hoods), LATER);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("property: writes through the domain (back-dated or not) keep the rollup right in their own batch", async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("dates" as const), which: fc.nat(), since: day, until: fc.option(day, { nil: null }) }),
            fc.record({ kind: fc.constant("end" as const), which: fc.nat(), lastDay: day }),
            fc.record({ kind: fc.constant("status" as const), which: fc.nat(), status }),
            fc.record({ kind: fc.constant("archive" as const), which: fc.nat(), archived: fc.boolean() }),
            fc.record({ kind: fc.constant("funding" as const), which: fc.nat(), startsOn: day, endsOn: fc.option(day, { nil: null }) }),
            fc.record({
              kind: fc.constant("add" as const),
              which: fc.nat(),
              who: fc.nat(),
              since: day,
              until: fc.option(day, { nil: null }),
            }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (h, writes) => {
          const { hoods, inits, involvements, people } = await build(h);
          await deriveRollup(db, TODAY, NOW);
          for (const w of writes) {
            if ((w.kind === "dates" || w.kind === "end") && involvements.length > 0) {
              const id = involvements[w.which % involvements.length]!;
              const row = (await db.query.involvements.findFirst({ where: eq(s.involvements.id, id) }))!;
              const initiative = (await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, row.initiativeId) }))!;
              const before = (await getInvolvement(db, initiative.id, id))!;
              if (w.kind === "dates") {
                const parsed = involvementContract.parseFormUpdate({
                  role: "volunteer",
                  since: w.since,
                  until: w.until ?? "",
                  version: String(before.version),
                });
                expect(parsed.ok || w.until !== null).toBe(true); // only an end before the start is refused
                // Dates that repeat a role the person holds in some of the same days are refused (and change nothing).
                if (parsed.ok)
                  await updateInvolvement(db, initiative, before, parsed.data, null, NOW).catch((err: unknown) => {
                    if (!(err instanceof DuplicateInvolvementError)) throw err;
                  });
              } else if (w.lastDay >= before.since.slice(0, 10)) {
                await endInvolvement(db, initiative, before, { lastDay: w.lastDay, version: before.version }, null, NOW);
              }
            }
            const target = inits[w.which % inits.length]!;
            const before = (await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, target.id) }))!;
            if (w.kind === "status") await setInitiativeStatus(db, before, w.status, before.version, null, NOW);
            if (w.kind === "archive") await setInitiativeArchived(db, before, w.archived, null, NOW);
            if (w.kind === "funding") {
              const parsed = fundingContract.parseForm({
                sourceName: "Wijkbudget",
                kind: "wijkbudget",
                amountCentsPerYear: "1.500",
                startsOn: w.startsOn,
                endsOn: w.endsOn ?? "",
                status: "granted",
              });
              expect(parsed.ok || (w.endsOn !== null && w.endsOn < w.startsOn)).toBe(true);
              if (parsed.ok) await createFunding(db, before, parsed.data, "Wijkbudget", null, NOW);
            }
            if (w.kind === "add") {
              const parsed = newInvolvementContract.parseForm({
                personId: people[w.who % people.length]!.id,
                role: "volunteer",
                since: w.since,
                until: w.until ?? "",
              });
              expect(parsed.ok || (w.until !== null && w.until < w.since)).toBe(true);
              if (parsed.ok)
                await createInvolvement(db, before, parsed.data, null, NOW).catch((err: unknown) => {
                  if (!(err instanceof DuplicateInvolvementError)) throw err;
                });
            }
          }
          await expectRollupInUse();
          await expectSameAsLive(scopesOf(hoods));
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it("counts a person in two neighbourhoods once, and as returning when they moved from one to the other", async () => {
    const [h1, h2, h3] = [await makeNeighbourhood(), await makeNeighbourhood(), await makeNeighbourhood()];
    const [i1, i2] = [await makeInitiative(h1.id, { startedYear: 2015 }), await makeInitiative(h2.id, { startedYear: 2015 })];
    await makeInitiative(h3.id, { startedYear: 2015 });
    const both = await person("In twee buurten");
    await involvement(both.id, i1.id, "2019-01-01", null);
    await involvement(both.id, i2.id, "2018-01-01", null);
    const moved = await person("Verhuisd");
    await involvement(moved.id, i1.id, "2020-03-01", "2021-12-31");
    await involvement(moved.id, i2.id, "2022-01-01", null);
    await deriveRollup(db, TODAY, NOW);
    const figures = async (scope: OverviewScope) =>
      Object.fromEntries((await loadOverview(db, scope, TODAY, viewer)).years.map((y) => [y.year, [y.volunteers, y.returning]]));
    const pair = await figures({ ids: [h1.id, h2.id] });
    expect(pair).toMatchObject({ 2018: [1, 0], 2019: [1, 1], 2020: [2, 1], 2022: [2, 2], 2025: [2, 2], 2026: [2, 2] });
    // Within one neighbourhood the move is a leaver there and a newcomer in the other.
    expect(await figures({ ids: [h2.id] })).toMatchObject({ 2021: [1, 1], 2022: [2, 1] });
    await expectSameAsLive([{ ids: [h1.id, h2.id] }, { ids: [h1.id] }, { ids: [h2.id] }, { ids: [h1.id, h3.id] }]);

    // Today both volunteer in both neighbourhoods: counted once over the pair.
    const nowOf = async (scope: OverviewScope) => (await loadOverview(db, scope, TODAY, viewer)).now.volunteers;
    expect([await nowOf({ ids: [h1.id, h2.id] }), await nowOf({ ids: [h1.id] }), await nowOf({ ids: [h2.id] })]).toEqual([2, 1, 2]);
    // The second neighbourhood's initiative stops: nobody volunteers there now; the pair keeps "In twee buurten" once.
    const before = (await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, i2.id) }))!;
    await setInitiativeStatus(db, before, "stopped", before.version, null, NOW);
    expect([await nowOf({ ids: [h1.id, h2.id] }), await nowOf({ ids: [h1.id] }), await nowOf({ ids: [h2.id] })]).toEqual([1, 1, 0]);
    await expectSameAsLive([{ ids: [h1.id, h2.id] }, { ids: [h2.id] }, { all: true }]);
  });

  it("moving 'now' to a later day follows each person in several neighbourhoods into and out of each of them", async () => {
    const hoods = [await makeNeighbourhood(), await makeNeighbourhood(), await makeNeighbourhood()];
    const [a, b, c] = [
      await makeInitiative(hoods[0]!.id, { startedYear: 2015 }),
      await makeInitiative(hoods[1]!.id, { startedYear: 2015 }),
      await makeInitiative(hoods[2]!.id, { startedYear: 2015 }),
    ];
    // On TODAY: in the first two. On LATER: left the first, started in the third.
    const mover = await person("Schuift door");
    await involvement(mover.id, a.id, "2020-01-01", `${YEAR}-12-01`);
    await involvement(mover.id, b.id, "2021-01-01", null);
    await involvement(mover.id, c.id, `${YEAR}-12-10`, null);
    // Not on TODAY anywhere; on LATER in the first and the third.
    const newcomer = await person("Begint in december");
    await involvement(newcomer.id, a.id, "2019-01-01", "2019-12-31");
    await involvement(newcomer.id, a.id, `${YEAR}-12-05`, null);
    await involvement(newcomer.id, c.id, `${YEAR}-12-15`, null);
    await deriveRollup(db, TODAY, NOW);
    const [h1, h2, h3] = hoods.map((h) => h.id) as [string, string, string];
    const scopes: OverviewScope[] = [
      { ids: [h1, h2, h3] },
      { ids: [h1, h2] },
      { ids: [h1, h3] },
      { ids: [h2, h3] },
      { ids: [h1] },
      { ids: [h3] },
    ];
    const nowOf = async (day: string) => {
      const out = [];
      for (const scope of scopes) out.push((await loadOverview(db, scope, day, viewer)).now.volunteers);
      return out;
    };
    expect(await nowOf(TODAY)).toEqual([1, 1, 1, 1, 1, 0]);
    expect((await maintainRollup(db, LATER, NOW, 0)).derived).toBe(false);
    await expectRollupInUse(LATER);
    expect(await nowOf(LATER)).toEqual([2, 2, 2, 2, 1, 2]);
    await expectSameAsLive(scopes, LATER);
  });

  it("the daily run derives it when the year turns, and repairs and reports a stored row that differs from a recount", async () => {
    const hood = await makeNeighbourhood();
    const initiativeId = crypto.randomUUID();
    await db.insert(s.initiatives).values({
      id: initiativeId,
      neighbourhoodId: hood.id,
      name: "Moestuin",
      startedYear: YEAR - 5,
      status: "active",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    const p = await person("Fatma");
    await involvement(p.id, initiativeId, `${YEAR - 4}-03-01`, null);

    // A new year: derived for it, nothing checked yet.
    const turned = await maintainRollup(db, `${YEAR + 1}-01-01`, NOW);
    expect(turned).toEqual({ derived: true, checked: 0, skipped: [] });
    expect(await rollupYear(db)).toBe(YEAR + 1);
    await maintainRollup(db, TODAY, NOW); // back to this year for the rest of the file
    expect(await rollupYear(db)).toBe(YEAR);

    // A row that no longer matches the sources (written around the domain): found, repaired, reported.
    await db.run(sql`UPDATE overview_years SET volunteers_active = 99 WHERE neighbourhood_id = ${hood.id} AND year = ${YEAR - 2}`);
    let found = false;
    for (let tries = 0; tries < 20 && !found; tries++) {
      const r = await maintainRollup(db, TODAY, NOW, 1000);
      found = r.skipped.some((k) => k.recordId === hood.id && k.recordType === "neighbourhood" && /volunteers|va: stored 99/.test(k.error));
    }
    expect(found).toBe(true);
    const [row] = await db.all<{ va: number }>(
      sql`SELECT volunteers_active AS va FROM overview_years WHERE neighbourhood_id = ${hood.id} AND year = ${YEAR - 2}`,
    );
    expect(row!.va).toBe(1);
  });

  it("a neighbourhood whose recount fails is recorded, and the others are still checked", async () => {
    const [bad, good] = [await makeNeighbourhood(), await makeNeighbourhood()];
    await deriveRollup(db, TODAY, NOW);
    const seen: string[] = [];
    const r = await maintainRollup(db, TODAY, NOW, 1000, async (_db, id) => {
      seen.push(id);
      if (id === bad.id) throw new Error("recount failed");
      return [];
    });
    expect(seen).toContain(good.id);
    expect(r.checked).toBe(seen.length);
    expect(r.skipped).toEqual([
      { step: "rollup", recordType: "neighbourhood", recordId: bad.id, initiativeId: null, error: "Error: recount failed" },
    ]);
  });
});
