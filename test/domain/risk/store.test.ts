import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood } from "../../helpers/factories";
import { makeActivity, makeFunding, makeVolunteers } from "../../helpers/risk-factories";
import * as s from "../../../src/db/schema";
import { recomputeRisk } from "../../../src/domain/risk/store";
import { DEFAULT_THRESHOLDS } from "../../../src/domain/risk/rules";

const now = new Date("2027-05-01T04:00:00Z");

async function setup() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { startedYear: 2020 });
  const activity = await makeActivity(initiative.id);
  await makeVolunteers(initiative.id, 4);
  await db.insert(s.checkins).values({
    id: crypto.randomUUID(),
    initiativeId: initiative.id,
    year: 2027,
    status: "active",
    createdAt: "2027-03-01T00:00:00Z",
    updatedAt: "2027-03-01T00:00:00Z",
  });
  const funding = await makeFunding(initiative.id, [activity.id], { endsOn: "2027-06-30" });
  return { hood, initiative, activity, funding };
}

const events = (activityId: string) => db.select().from(s.riskEvents).where(eq(s.riskEvents.activityId, activityId));
const stored = async (activityId: string) => db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) });

describe("stored risk and its history", () => {
  it("stores the judgement and one event when it changes, nothing when recomputed unchanged", async () => {
    const { initiative, activity } = await setup();
    const first = await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-01", now, DEFAULT_THRESHOLDS);
    expect(first).toMatchObject({ judged: 1, changed: 1 });
    const risk = await stored(activity.id);
    expect(risk?.level).toBe("urgent");
    expect(JSON.parse(risk!.flags).map((f: { rule: string }) => f.rule)).toContain("funding_cliff");
    expect(risk?.levelSince).toBe("2027-05-01");
    expect(await events(activity.id)).toHaveLength(1);

    const again = await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-01", now, DEFAULT_THRESHOLDS);
    expect(again.changed).toBe(0);
    const nextDay = await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-02", now, DEFAULT_THRESHOLDS);
    expect(nextDay.changed).toBe(0);
    expect(await events(activity.id)).toHaveLength(1);
    expect((await stored(activity.id))?.judgedOn).toBe("2027-05-02");
  });

  it("moves judgedOn with every run while levelSince and each flag's since stay", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id, { startedYear: 2020 });
    const activity = await makeActivity(initiative.id);
    // Nothing moves from day to day here: one volunteer (few volunteers), no money.
    await makeVolunteers(initiative.id, 1);
    await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-01", now, DEFAULT_THRESHOLDS);
    const first = await stored(activity.id);
    expect(first).toMatchObject({ level: "at_risk", levelSince: "2027-05-01", judgedOn: "2027-05-01" });
    const again = await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-09", now, DEFAULT_THRESHOLDS);
    expect(again.changed).toBe(0);
    const later = await stored(activity.id);
    expect(later).toMatchObject({ level: "at_risk", levelSince: "2027-05-01", judgedOn: "2027-05-09", flags: first!.flags });
    expect(await events(activity.id)).toHaveLength(1);
  });

  it("follows a successor the activity is not linked to: the renewal carries on paying for it", async () => {
    const { initiative, activity, funding } = await setup();
    // € 5.000 a year ends 30 June 2027; a renewal of € 1.000 a year is not ticked for the activity.
    await makeFunding(initiative.id, [], {
      amountCentsPerYear: 100_000,
      startsOn: "2027-07-01",
      endsOn: null,
      replacesFundingId: funding.id,
    });
    await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-01", now, DEFAULT_THRESHOLDS);
    const flags = JSON.parse((await stored(activity.id))!.flags) as { rule: string; params: Record<string, unknown> }[];
    expect(flags.find((f) => f.rule === "funding_cliff")?.params).toMatchObject({
      amountCentsPerYear: 500_000,
      coveredCentsPerYear: 100_000,
      shortfallCentsPerYear: 400_000,
    });
  });

  it("records when and how a risk was resolved", async () => {
    const { initiative, activity, funding } = await setup();
    await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-01", now, DEFAULT_THRESHOLDS);
    await db.update(s.fundingStreams).set({ renewalState: "granted" }).where(eq(s.fundingStreams.id, funding.id));
    const after = await recomputeRisk(db, { initiativeIds: [initiative.id] }, "2027-05-03", now, DEFAULT_THRESHOLDS);
    expect(after.changed).toBe(1);
    const history = (await events(activity.id)).sort((a, b) => a.on.localeCompare(b.on));
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ on: "2027-05-03", fromLevel: "urgent" });
    expect(JSON.parse(history[1]!.resolved)).toContain("funding_cliff");
    expect((await stored(activity.id))?.levelSince).toBe("2027-05-03");
  });

  it("judges slices in id order so a run can resume where it stopped", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    for (let i = 0; i < 5; i++) await makeActivity(initiative.id, `A${i}`);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const slice = await recomputeRisk(
        db,
        { neighbourhoodId: hood.id, afterActivityId: after, limit: 2 },
        "2027-05-01",
        now,
        DEFAULT_THRESHOLDS,
      );
      if (slice.lastActivityId) seen.push(slice.lastActivityId);
      if (slice.judged < 2 || !slice.lastActivityId) break;
      after = slice.lastActivityId;
    }
    const all = await db.select().from(s.activityRisks).where(eq(s.activityRisks.neighbourhoodId, hood.id));
    expect(all).toHaveLength(5);
    expect(seen).toHaveLength(3);
  });
});
