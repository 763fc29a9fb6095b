// Every domain function that changes a risk input judges the activities it touches again, itself,
// right after its batch: not a route, not a middleware, not the caller. Each case below starts from
// a stored judgement that is wrong on purpose (computed long ago, level and flags made up) and
// calls one write function directly, with no HTTP around it; afterwards the judgement is today's.
import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { createDb } from "../../../src/db/client";
import { eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import type { Parsed } from "../../../src/lib/validation";
import { recomputeRisk } from "../../../src/domain/risk/store";
import { activityContract, createActivity, setActivityArchived, updateActivity } from "../../../src/domain/initiatives/activities";
import {
  initiativeContract,
  setInitiativeArchived,
  setInitiativeStatus,
  updateInitiative,
} from "../../../src/domain/initiatives/initiatives";
import { saveCheckin } from "../../../src/domain/initiatives/checkins";
import { createFunding, fundingContract, getFunding, setFundingArchived, updateFunding } from "../../../src/domain/money/fundings";
import {
  commitmentContract,
  createCommitment,
  getCommitment,
  setCommitmentArchived,
  updateCommitment,
} from "../../../src/domain/money/commitments";
import { facilityContract, getFacility, setFacilityArchived, updateFacility } from "../../../src/domain/neighbourhoods/facilities";
import { assetContract, changeAssetState, createAsset, getAsset, updateAsset } from "../../../src/domain/neighbourhoods/assets";
import {
  createInvolvement,
  newInvolvementContract,
  endInvolvement,
  getInvolvement,
  updateInvolvement,
  involvementContract,
} from "../../../src/domain/people/involvements";
import { saveSuccession } from "../../../src/domain/people/succession";
import { answerTask, createTask, getTask, parseTaskForm, setTaskArchived, updateTask } from "../../../src/domain/tasks/tasks";
import { importInitiatives, importVolunteers } from "../../../src/domain/data/imports";
import { getPartner, partnerContract, updatePartner } from "../../../src/domain/people/partners";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson } from "../../helpers/factories";
import { makeActivity, makeFunding } from "../../helpers/risk-factories";
import { makeFacility, makeTask } from "../../helpers/tasks-factories";
import { makeCommitment } from "../../helpers/money-factories";
import { makeInvolvement } from "../../helpers/people-factories";
import { makeAsset } from "../../helpers/workspace-factories";

const NOW = new Date("2027-03-16T10:00:00.000Z");
const TODAY = "2027-03-16";
const LONG_AGO = "2000-01-01";

/** A form's values as its contract parses them (the test's input must be valid). */
function valid<T>(parse: (body: Record<string, unknown>) => Parsed<T>, input: Record<string, unknown>): T {
  const parsed = parse(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

/** One initiative with one of everything an activity's risk depends on. */
async function world() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { name: "Buurtmoestuin" });
  const ref = { id: initiative.id, neighbourhoodId: hood.id, name: initiative.name };
  const facility = await makeFacility(hood.id, { name: "Tuinhuis", agreementEndsOn: "2028-12-31" });
  const activity = await makeActivity(initiative.id, "Tuindag");
  await db.update(s.activities).set({ facilityId: facility.id }).where(eq(s.activities.id, activity.id));
  const funding = await makeFunding(initiative.id, [activity.id], { endsOn: "2027-12-31" });
  const partner = await makePartner();
  const commitment = await makeCommitment(initiative.id, partner.id, { endsOn: "2027-12-31" });
  const person = await makePerson({ name: "Vera Vrijwilliger" });
  const involvement = await makeInvolvement(initiative.id, person.id, { role: "key_holder", critical: true });
  const task = await makeTask(initiative.id);
  const asset = await makeAsset(hood.id, { name: "Het pleintje" }, [initiative.id]);
  await recomputeRisk(db, { initiativeIds: [initiative.id] }, TODAY, NOW);
  return { hood, initiative, ref, facility, activity, funding, partner, commitment, person, involvement, task, asset };
}
type World = Awaited<ReturnType<typeof world>>;

const fundingForm = (over: Record<string, unknown> = {}) => ({
  sourceName: "Fonds Samen",
  kind: "fund",
  amountCentsPerYear: "5.000",
  startsOn: "2026-01-01",
  endsOn: "2027-06-30",
  status: "granted",
  renewalState: "none",
  reportDueOn: "",
  ...over,
});
const commitmentForm = (partnerId: string, over: Record<string, unknown> = {}) => ({
  partnerId,
  activityId: "",
  kind: "hours",
  description: "4 uur per week",
  startsOn: "2026-01-01",
  endsOn: "2027-04-30",
  renewalState: "none",
  ...over,
});
const taskForm = (initiativeId: string, over: Record<string, unknown> = {}) => ({
  title: "Verzekering verlengen",
  subject: `initiative:${initiativeId}`,
  scheduleKind: "once",
  onceOn: "2027-01-15",
  leadDays: "14",
  graceDays: "7",
  ...over,
});

const row = {
  activity: async (id: string) => (await db.query.activities.findFirst({ where: eq(s.activities.id, id) }))!,
  initiative: async (id: string) => (await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, id) }))!,
  task: async (id: string) => (await db.query.tasks.findFirst({ where: eq(s.tasks.id, id) }))!,
  asset: async (id: string) => (await db.query.assets.findFirst({ where: eq(s.assets.id, id) }))!,
};

/** Each write, called as its callers call it; returns the activity whose judgement must be today's (default: the world's). */
const WRITES: [string, (w: World) => Promise<string | void>][] = [
  [
    "createActivity",
    (w) =>
      createActivity(
        db,
        { initiativeId: w.initiative.id, neighbourhoodId: w.hood.id },
        valid(activityContract.parseForm, { name: "Oogstfeest" }),
        null,
        NOW,
      ),
  ],
  [
    "updateActivity",
    async (w) =>
      updateActivity(
        db,
        { initiativeId: w.initiative.id, neighbourhoodId: w.hood.id },
        await row.activity(w.activity.id),
        { ...valid(activityContract.parseForm, { name: "Tuindag", facilityId: "" }), version: 1 },
        null,
        NOW,
      ),
  ],
  [
    "setActivityArchived",
    async (w) =>
      setActivityArchived(
        db,
        { initiativeId: w.initiative.id, neighbourhoodId: w.hood.id },
        await row.activity(w.activity.id),
        true,
        null,
        NOW,
      ),
  ],
  [
    "updateInitiative",
    async (w) =>
      updateInitiative(
        db,
        await row.initiative(w.initiative.id),
        {
          ...valid((b) => initiativeContract.parseForm(b, TODAY), {
            name: "Buurtmoestuin",
            startedYear: "2020",
            status: "active",
            continuationPlan: "planned_ending",
            plannedEndOn: "2027-06-30",
          }),
          version: 1,
        },
        null,
        NOW,
      ),
  ],
  ["setInitiativeStatus", async (w) => setInitiativeStatus(db, await row.initiative(w.initiative.id), "paused", 1, null, NOW)],
  ["setInitiativeArchived", async (w) => setInitiativeArchived(db, await row.initiative(w.initiative.id), true, null, NOW)],
  [
    "createFunding",
    async (w) =>
      void (await createFunding(
        db,
        w.initiative,
        valid(fundingContract.parseForm, fundingForm({ activityIds: [w.activity.id] })),
        "Fonds Samen",
        null,
        NOW,
      )),
  ],
  [
    "updateFunding",
    async (w) =>
      updateFunding(
        db,
        w.initiative,
        (await getFunding(db, w.initiative.id, w.funding.id))!,
        valid(fundingContract.parseFormUpdate, fundingForm({ version: "1", activityIds: [w.activity.id] })),
        "Fonds Samen",
        null,
        NOW,
      ),
  ],
  [
    "setFundingArchived",
    async (w) => setFundingArchived(db, w.initiative, (await getFunding(db, w.initiative.id, w.funding.id))!, true, null, NOW),
  ],
  [
    "createCommitment",
    async (w) =>
      void (await createCommitment(db, w.initiative, valid(commitmentContract.parseForm, commitmentForm(w.partner.id)), null, NOW)),
  ],
  [
    "updateCommitment",
    async (w) =>
      updateCommitment(
        db,
        w.initiative,
        (await getCommitment(db, w.initiative.id, w.commitment.id))!,
        valid(commitmentContract.parseFormUpdate, commitmentForm(w.partner.id, { version: "1" })),
        null,
        NOW,
      ),
  ],
  [
    "setCommitmentArchived",
    async (w) => setCommitmentArchived(db, w.initiative, (await getCommitment(db, w.initiative.id, w.commitment.id))!, true, null, NOW),
  ],
  [
    "updateFacility",
    async (w) =>
      updateFacility(
        db,
        (await getFacility(db, w.hood.id, w.facility.id))!,
        valid(facilityContract.parseFormUpdate, { name: "Tuinhuis", agreementEndsOn: "2027-04-30", renewalState: "none", version: "1" }),
        null,
        NOW,
      ),
  ],
  ["setFacilityArchived", async (w) => setFacilityArchived(db, (await getFacility(db, w.hood.id, w.facility.id))!, true, null, NOW)],
  [
    "createInvolvement",
    async (w) =>
      void (await createInvolvement(
        db,
        w.initiative,
        valid(newInvolvementContract.parseForm, { name: "Nieuw", role: "kok", since: "2027-01-01" }),
        null,
        NOW,
      )),
  ],
  [
    "updateInvolvement",
    async (w) =>
      void (await updateInvolvement(
        db,
        w.initiative,
        (await getInvolvement(db, w.initiative.id, w.involvement.id))!,
        valid(involvementContract.parseFormUpdate, { role: "key_holder", since: "2024-01-01", version: "1" }),
        null,
        NOW,
      )),
  ],
  [
    "endInvolvement",
    async (w) =>
      void (await endInvolvement(
        db,
        w.initiative,
        (await getInvolvement(db, w.initiative.id, w.involvement.id))!,
        { lastDay: "2027-03-01", version: 1 },
        null,
        NOW,
      )),
  ],
  [
    "saveSuccession (a reserve for the critical role)",
    async (w) => {
      const reserve = await makePerson({ name: "Rita Reserve", neighbourhoodId: w.hood.id });
      const before = (await getInvolvement(db, w.initiative.id, w.involvement.id))!;
      await saveSuccession(
        db,
        w.initiative,
        before,
        { reservePersonId: reserve.id, handoverNote: "Sleutel bij de buren.", version: before.version, reserveName: reserve.name },
        null,
        NOW,
      );
    },
  ],
  [
    "saveCheckin",
    async (w) => {
      const input = {
        status: "active" as const,
        volunteers: 4,
        peopleReached: 40,
        wentWell: "",
        residentsOffer: "",
        neededFromPartners: "",
        nextYear: "",
        story: "",
      };
      expect(
        await saveCheckin(db, { initiative: w.initiative, year: 2027, existing: null, input, actorId: null, now: NOW, today: TODAY }),
      ).toBe("saved");
    },
  ],
  ["createTask", async (w) => void (await createTask(db, w.ref, valid(parseTaskForm, taskForm(w.initiative.id)), null, NOW))],
  [
    "updateTask",
    async (w) =>
      updateTask(
        db,
        w.ref,
        (await getTask(db, w.initiative.id, w.task.id))!,
        valid(parseTaskForm, taskForm(w.initiative.id)),
        1,
        null,
        NOW,
      ),
  ],
  ["setTaskArchived", async (w) => setTaskArchived(db, w.ref, await row.task(w.task.id), true, 1, null, NOW)],
  [
    "answerTask",
    async (w) => {
      const answered = await answerTask(db, w.ref, w.task.id, { kind: "done", note: "", snoozedUntil: null }, null, NOW, TODAY, "email");
      expect(answered.ok).toBe(true);
    },
  ],
  [
    "createAsset",
    async (w) =>
      void (await createAsset(
        db,
        w.hood.id,
        valid((b) => assetContract.parseForm(b, TODAY), { category: "places", name: "Bankje", initiativeIds: [w.initiative.id] }),
        TODAY,
        null,
        NOW,
      )),
  ],
  [
    "updateAsset (unlinking it)",
    async (w) =>
      updateAsset(
        db,
        (await getAsset(db, w.hood.id, w.asset.id))!,
        valid((b) => assetContract.parseFormUpdate(b, TODAY), {
          category: "places",
          name: "Het pleintje",
          lastConfirmedOn: "2027-01-01",
          version: "1",
        }),
        null,
        NOW,
      ),
  ],
  ["changeAssetState (confirm)", async (w) => changeAssetState(db, await row.asset(w.asset.id), "confirm", TODAY, null, NOW)],
  [
    "updatePartner (renamed: its commitments are explained with its name)",
    async (w) =>
      updatePartner(
        db,
        (await getPartner(db, w.partner.id))!,
        valid(partnerContract.parseFormUpdate, { name: "Welzijn Nieuw", kind: w.partner.kind, version: "1" }),
        null,
        NOW,
      ),
  ],
  [
    "importVolunteers",
    async (w) => {
      const result = await importVolunteers(db, w.initiative, "Naam;Rol;Sinds\r\nAnna Appel;kok;2026-01-01\r\n", false, null, NOW);
      expect(result.ok).toBe(true);
    },
  ],
  [
    "importInitiatives (an activity added to an existing initiative)",
    async (w) => {
      const result = await importInitiatives(db, w.hood.id, "Initiatief;Activiteit\r\nBuurtmoestuin;Zaaidag\r\n", false, null, NOW);
      expect(result.ok).toBe(true);
      return (await db.query.activities.findFirst({ where: eq(s.activities.name, "Zaaidag") }))!.id;
    },
  ],
];

describe("a write judges the activities it touches again, itself", () => {
  it.each(WRITES)("%s", async (_name, write) => {
    const w = await world();
    // Wrong on purpose: only a fresh judgement puts today's date (and the real level) back.
    await db
      .update(s.activityRisks)
      .set({ level: "urgent", flags: "[]", runwayMonths: null, judgedOn: LONG_AGO })
      .where(eq(s.activityRisks.initiativeId, w.initiative.id));
    const activityId = (await write(w)) ?? w.activity.id;
    const judged = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) });
    expect(judged?.judgedOn).toBe(TODAY);
    // And it is the judgement a recompute now would store: nothing left to change.
    expect((await recomputeRisk(db, { activityIds: [activityId] }, TODAY, NOW)).changed).toBe(0);
  });

  it("judges only what the write touches: another initiative's stored judgement is left alone", async () => {
    const w = await world();
    const other = await world();
    await db.update(s.activityRisks).set({ judgedOn: LONG_AGO }).where(eq(s.activityRisks.initiativeId, other.initiative.id));
    await setInitiativeStatus(db, await row.initiative(w.initiative.id), "paused", 1, null, NOW);
    expect((await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, other.activity.id) }))?.judgedOn).toBe(LONG_AGO);
  });

  it("never reports a saved change as failed when the judgement cannot be made (it is logged; the daily run judges again)", async () => {
    const w = await world();
    // A database on which the judgement's first read (the thresholds) fails, and everything else works.
    const failing = new Proxy(env.DB, {
      get(target, key) {
        if (key === "prepare")
          return (query: string) => {
            if (/from "settings"/i.test(query)) throw new Error("settings unreadable");
            return target.prepare(query);
          };
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const before = await row.activity(w.activity.id);
      await expect(
        updateActivity(
          createDb(failing),
          { initiativeId: w.initiative.id, neighbourhoodId: w.hood.id },
          before,
          { name: "Zaaidag", rhythm: "", place: "", facilityId: null, version: 1 },
          null,
          NOW,
        ),
      ).resolves.toBeUndefined();
      expect((await row.activity(w.activity.id)).name).toBe("Zaaidag");
      expect(logged).toHaveBeenCalledWith("risk recompute after a write failed", expect.stringContaining(w.activity.id), expect.any(Error));
    } finally {
      logged.mockRestore();
    }
  });
});
