import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { createExecutionContext, createScheduledController, introspectWorkflowInstance, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood } from "../helpers/factories";
import { makeActivity, makeFunding, makeVolunteers } from "../helpers/risk-factories";
import * as s from "../../src/db/schema";
import { startDailyRun } from "../../src/jobs/daily-run";
import { todayInAmsterdam as dutchDate } from "../../src/lib/dates";
import { fakeResend, isolate, makeMailTask, makeMailWorld, withResendKey } from "../helpers/mail-factories";

describe("the daily run", () => {
  it("takes its date from the trigger, in Dutch time", () => {
    expect(dutchDate(new Date("2027-05-01T04:00:00Z"))).toBe("2027-05-01");
    expect(dutchDate(new Date("2027-12-31T23:30:00Z"))).toBe("2028-01-01");
  });

  it("is started by the cron trigger and judges every activity as of that date", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const activity = await makeActivity(initiative.id);
    await makeVolunteers(initiative.id, 3);
    await makeFunding(initiative.id, [activity.id], { endsOn: "2027-06-30" });

    const scheduledTime = Date.parse("2027-05-01T04:00:00Z");
    await using instance = await introspectWorkflowInstance(env.DAILY_RUN, "daily-2027-05-01");
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "0 4 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toMatchObject({ today: "2027-05-01" });

    const risk = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activity.id) });
    expect(risk?.level).toBe("urgent");
    expect(risk?.judgedOn).toBe("2027-05-01");
  });

  it("starts nothing when triggered twice on the same day", async () => {
    const at = Date.parse("2027-06-01T04:00:00Z");
    await using instance = await introspectWorkflowInstance(env.DAILY_RUN, "daily-2027-06-01");
    expect(await startDailyRun(env, at)).toEqual({ started: true, today: "2027-06-01" });
    expect(await startDailyRun(env, at + 60_000)).toEqual({ started: false, today: "2027-06-01" });
    await instance.waitForStatus("complete");
  });
});

describe("the daily run's mail steps in the Workflow", () => {
  it("runs every step to completion for its date and records the day's mail", async () => {
    await isolate();
    const w = await makeMailWorld({ name: "Workflow" });
    await makeMailTask(w.initiative.id, { dueOn: "2027-09-14" });
    await using instance = await introspectWorkflowInstance(env.DAILY_RUN, "daily-2027-09-14");
    expect(await startDailyRun(env, Date.parse("2027-09-14T04:00:00Z"))).toEqual({ started: true, today: "2027-09-14" });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toMatchObject({ today: "2027-09-14", claimed: { reminders: 1 }, emails: 1, sendStopped: null });
    const rows = await db.select().from(s.outbox).where(eq(s.outbox.personId, w.keyHolder.id));
    expect(rows.map((r) => [r.kind, r.status])).toEqual([["reminder", "recorded"]]);
  });

  it("retries a failing send step and sends once", async () => {
    await isolate();
    const w = await makeMailWorld({ name: "Herhaling" });
    await makeMailTask(w.initiative.id, { dueOn: "2027-09-21" });
    const resend = fakeResend((n) => (n < 3 ? { status: 500, name: "internal_server_error" } : "ok"));
    try {
      await withResendKey(async () => {
        await using instance = await introspectWorkflowInstance(env.DAILY_RUN, "daily-2027-09-21");
        await instance.modify(async (m) => {
          await m.disableRetryDelays();
        });
        await startDailyRun(env, Date.parse("2027-09-21T04:00:00Z"));
        await instance.waitForStatus("complete");
        expect(await instance.getOutput()).toMatchObject({ emails: 1, sendStopped: null });
      });
    } finally {
      resend.restore();
    }
    expect(resend.calls.length).toBe(4); // three tries within the first attempt of the step, one in its retry
    expect(new Set(resend.calls.map((c) => c.key)).size).toBe(1);
    expect(resend.delivered.map((d) => d.to)).toEqual([w.keyHolder.email]);
    const rows = await db.select().from(s.outbox).where(eq(s.outbox.personId, w.keyHolder.id));
    // The step's retries are one attempt: attempts count daily runs, not requests.
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 1]]);
  }, 20_000);
});

describe("the daily run over a corrupt row, in the Workflow", () => {
  it("completes, judges every other activity and records the one it skipped", async () => {
    await isolate();
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const sound = await makeActivity(initiative.id, "Gezond");
    await makeVolunteers(initiative.id, 3);
    await makeFunding(initiative.id, [sound.id], { endsOn: "2027-11-30" });
    const broken = await makeActivity(initiative.id, "Dertig februari");
    const funding = await makeFunding(initiative.id, [broken.id]);
    await env.DB.prepare("UPDATE funding_streams SET starts_on = '2026-02-30' WHERE id = ?").bind(funding.id).run();

    await using instance = await introspectWorkflowInstance(env.DAILY_RUN, "daily-2027-10-01");
    expect(await startDailyRun(env, Date.parse("2027-10-01T04:00:00Z"))).toEqual({ started: true, today: "2027-10-01" });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toMatchObject({ today: "2027-10-01", skipped: 1, steps: { risk: { skipped: 1 } } });
    expect(await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, sound.id) })).toMatchObject({
      level: "urgent",
      judgedOn: "2027-10-01",
    });
    expect(await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, "2027-10-01") })).toMatchObject({
      status: "skipped_some",
      skipped: 1,
    });
    const skips = await db.select().from(s.dailyRunSkips).where(eq(s.dailyRunSkips.runOn, "2027-10-01"));
    expect(skips.map((k) => [k.step, k.recordType, k.recordId])).toEqual([["risk", "activity", broken.id]]);
  });
});
