// Rows already in D1 that no form would accept today (30 February, month 13, a date written
// 01-02-2026, an unreadable payload) must never stop the daily run: each step handles every record on its own, notes what it
// could not handle, and goes on judging, reminding and alerting everyone else. The corrupt rows
// are written straight into D1 with raw SQL, bypassing all validation.
import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makePerson } from "../helpers/factories";
import { makeActivity, makeFunding, makeVolunteers } from "../helpers/risk-factories";
import { fakeResend, isolate, makeMailTask, makeMailWorld, outboxOf, runCounted } from "../helpers/mail-factories";

const TODAY = "2027-03-15"; // a Monday: the weekly digests run too
const NOW = `${TODAY}T04:00:00Z`;
const raw = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();

beforeEach(isolate);

/** Two initiatives: one sound, one full of rows that cannot be read — and a sound activity and task among them. */
async function cityWithCorruptRows() {
  const good = await makeMailWorld({ name: "Gezond" });
  const goodActivity = await makeActivity(good.initiative.id, "Soepmiddag");
  await makeVolunteers(good.initiative.id, 3);
  await makeFunding(good.initiative.id, [goodActivity.id], { sourceName: "Fonds Soep", endsOn: "2027-04-10" });
  const goodTask = await makeMailTask(good.initiative.id, { title: "AED controleren", dueOn: TODAY });

  const bad = await makeMailWorld({ name: "Kapot" });
  await makeVolunteers(bad.initiative.id, 3);
  // The year 0050 is no year a form accepts, but it is a day: it is read and judged, not skipped.
  const yearFifty = await makeActivity(bad.initiative.id, "Jaar 50");
  const fundFifty = await makeFunding(bad.initiative.id, [yearFifty.id]);
  await raw("UPDATE funding_streams SET starts_on = '0050-01-01' WHERE id = ?", fundFifty.id);
  const monthThirteen = await makeActivity(bad.initiative.id, "Maand dertien");
  const fundThirteen = await makeFunding(bad.initiative.id, [monthThirteen.id]);
  await raw("UPDATE funding_streams SET ends_on = '2027-13-45' WHERE id = ?", fundThirteen.id);
  const thirtiethFeb = await makeActivity(bad.initiative.id, "Dertig februari");
  const fundFeb = await makeFunding(bad.initiative.id, [thirtiethFeb.id]);
  await raw("UPDATE funding_streams SET starts_on = '2026-02-30' WHERE id = ?", fundFeb.id);
  const wrongShape = await makeActivity(bad.initiative.id, "Verkeerde vorm");
  const helper = await makePerson({ name: "Hanna Hulp" });
  await raw(
    `INSERT INTO involvements (id, person_id, initiative_id, activity_id, role, since, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'volunteer', '01-02-2026', '2026-01-01', '2026-01-01')`,
    crypto.randomUUID(),
    helper.id,
    bad.initiative.id,
    wrongShape.id,
  );
  // A sound activity in the broken initiative, with money ending soon: it is judged and alerted.
  const soundAmongBroken = await makeActivity(bad.initiative.id, "Taalcafé");
  await makeFunding(bad.initiative.id, [soundAmongBroken.id], { sourceName: "Wijkbudget", endsOn: "2027-04-20" });
  // A task due on a day that does not exist, about one activity (which cannot be judged without
  // it); and a sound task beside it.
  const upkept = await makeActivity(bad.initiative.id, "Onderhouden");
  const brokenTask = await makeMailTask(bad.initiative.id, {
    title: "Kapotte taak",
    subjectType: "activity",
    subjectId: upkept.id,
    dueOn: "2027-03-01",
  });
  await raw("UPDATE tasks SET due_on = '2027-02-30' WHERE id = ?", brokenTask.id);
  const soundTask = await makeMailTask(bad.initiative.id, { title: "Sleutels tellen", dueOn: TODAY });
  // Someone assigned to the sound task whose stored language the app does not know.
  const stranger = await makePerson({ name: "Xavier Onbekend" });
  await db.insert(s.taskAssignees).values({ taskId: soundTask.id, personId: stranger.id });
  await raw("UPDATE people SET locale = 'xx' WHERE id = ?", stranger.id);
  // A rise in risk whose stored flags are not JSON.
  const brokenEvent = crypto.randomUUID();
  await raw(
    `INSERT INTO risk_events (id, activity_id, initiative_id, neighbourhood_id, "on", from_level, to_level, flags, added, resolved, created_at)
     VALUES (?, ?, ?, ?, ?, 'ok', 'urgent', 'not json', '[]', '[]', ?)`,
    brokenEvent,
    soundAmongBroken.id,
    bad.initiative.id,
    bad.hood.id,
    TODAY,
    NOW,
  );
  // Two waiting messages whose payload cannot be read: one beside good mail, one alone.
  const lonely = await makePerson({ name: "Olga Alleen" });
  const brokenBeside = crypto.randomUUID();
  const brokenAlone = crypto.randomUUID();
  for (const [id, person] of [
    [brokenBeside, good.coordinator],
    [brokenAlone, lonely],
  ] as const) {
    await raw(
      `INSERT INTO outbox (id, message_key, kind, person_id, recipient, locale, subject, status, attempts, created_at, subject_type, subject_id, payload)
       VALUES (?, ?, 'reminder', ?, ?, 'nl', 'Kapot bericht', 'queued', 0, '2027-03-14T04:00:00.000Z', 'task', ?, '{not json')`,
      id,
      `broken:${id}`,
      person.id,
      person.email,
      brokenTask.id,
    );
  }
  return {
    good,
    bad,
    goodActivity,
    goodTask,
    soundAmongBroken,
    yearFifty,
    corruptActivities: [monthThirteen, thirtiethFeb, wrongShape, upkept],
    brokenTask,
    soundTask,
    stranger,
    brokenEvent,
    brokenMessages: [brokenBeside, brokenAlone],
    lonely,
  };
}

const riskOf = (activityId: string) => db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) });
const skipsOf = (runOn: string) =>
  db.select().from(s.dailyRunSkips).where(eq(s.dailyRunSkips.runOn, runOn)).orderBy(s.dailyRunSkips.step, s.dailyRunSkips.recordId);

describe("a daily run over corrupt rows", () => {
  it("still judges, reminds and alerts everyone else, and lists each record it skipped", async () => {
    const w = await cityWithCorruptRows();
    const resend = fakeResend();
    try {
      const { summary } = await runCounted({ today: TODAY, now: NOW, sending: true, resend });

      // Judged: the sound activities, in both initiatives. The corrupt ones keep no judgement.
      expect(await riskOf(w.goodActivity.id)).toMatchObject({ level: "urgent", judgedOn: TODAY });
      expect(await riskOf(w.soundAmongBroken.id)).toMatchObject({ level: "urgent", judgedOn: TODAY });
      for (const a of w.corruptActivities) expect(await riskOf(a.id)).toBeUndefined();
      expect(await riskOf(w.yearFifty.id)).toMatchObject({ judgedOn: TODAY }); // an odd but real day is judged

      // Reminded: the sound tasks, also the one beside the broken task and the stranger.
      const mailTo = (email: string) => resend.delivered.filter((d) => d.to === email);
      expect(
        mailTo(w.good.keyHolder.email)
          .map((d) => d.text)
          .join(),
      ).toContain("Time to do: AED controleren");
      expect(
        mailTo(w.bad.keyHolder.email)
          .map((d) => d.text)
          .join(),
      ).toContain("Time to do: Sleutels tellen");
      // Alerted: the coordinators of both initiatives, about today's rises (their broken message left out).
      const goodCoordinatorMail = mailTo(w.good.coordinator.email);
      expect(goodCoordinatorMail).toHaveLength(1);
      expect(goodCoordinatorMail[0]!.text).toContain("Let op: Soepmiddag is nu 'dringend'");
      expect(goodCoordinatorMail[0]!.text).not.toContain("Kapot bericht");
      expect(
        mailTo(w.bad.coordinator.email)
          .map((d) => d.text)
          .join(),
      ).toContain("Let op: Taalcafé is nu 'dringend'");
      // Digests went out on this Monday too.
      expect(mailTo(w.good.partnerPerson.email).map((d) => d.subject)).toEqual(["Weekoverzicht Wijkonderhoud"]);
      // Nothing for the person whose only message could not be composed.
      expect(mailTo(w.lonely.email)).toEqual([]);

      // The summary counts what each step skipped.
      expect(summary.steps.risk).toMatchObject({ skipped: 4 });
      expect(summary.steps.reminders).toMatchObject({ skipped: 2 });
      expect(summary.steps.alerts).toMatchObject({ skipped: 1 });
      expect(summary.steps.send).toMatchObject({ skipped: 2 });
      expect(summary.steps.digests).toMatchObject({ skipped: 0 });
      expect(summary.skipped).toBe(9);

      // And the run's record lists them, with what they belong to.
      const run = await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, TODAY) });
      expect(run).toMatchObject({ status: "skipped_some", skipped: 9 });
      expect(JSON.parse(run!.counts)).toMatchObject({ risk: { skipped: 4 }, send: { skipped: 2 } });
      const skips = await skipsOf(TODAY);
      const listed = skips.map((k) => [k.step, k.recordType, k.recordId, k.initiativeId]);
      expect(listed).toEqual(
        expect.arrayContaining([
          ...w.corruptActivities.map((a) => ["risk", "activity", a.id, w.bad.initiative.id]),
          ["reminders", "task", w.brokenTask.id, w.bad.initiative.id],
          ["reminders", "person", w.stranger.id, w.bad.initiative.id],
          ["alerts", "risk_event", w.brokenEvent, w.bad.initiative.id],
          ...w.brokenMessages.map((id) => ["send", "message", id, null]),
        ]),
      );
      expect(skips).toHaveLength(9);
      expect(skips.find((k) => k.recordId === w.corruptActivities[0]!.id)!.error).toContain("2027-13-45");
      expect(skips.find((k) => k.recordId === w.corruptActivities[1]!.id)!.error).toContain("2026-02-30");
      expect(skips.find((k) => k.recordId === w.corruptActivities[2]!.id)!.error).toContain("01-02-2026");
      expect(skips.find((k) => k.recordId === w.brokenTask.id)!.error).toContain("2027-02-30");
      expect(skips.find((k) => k.recordId === w.corruptActivities[3]!.id)!.error).toContain("Kapotte taak");

      // The messages that could not be composed are given up, visibly, not retried forever.
      const broken = await db.select().from(s.outbox).where(eq(s.outbox.id, w.brokenMessages[1]!));
      expect(broken[0]).toMatchObject({ status: "given_up" });
      expect(broken[0]!.error).toMatch(/^could not be composed: /);
    } finally {
      resend.restore();
    }
  });

  it("records nothing twice when the same day runs again", async () => {
    const w = await cityWithCorruptRows();
    await runCounted({ today: TODAY, now: NOW, sending: false });
    const first = await skipsOf(TODAY);
    const again = await runCounted({ today: TODAY, now: `${TODAY}T05:00:00Z`, sending: false });
    expect(again.summary.steps.risk).toMatchObject({ skipped: 4 }); // still unreadable, still reported
    const second = await skipsOf(TODAY);
    expect(second.map((k) => k.id).sort()).toEqual(first.map((k) => k.id).sort());
    const run = await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, TODAY) });
    expect(run).toMatchObject({ status: "skipped_some", skipped: first.length });
    // The sound work of the day was not repeated either.
    const soundMail = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.bad.keyHolder.id), eq(s.outbox.subjectId, w.soundTask.id)));
    expect(soundMail).toHaveLength(1);
  });

  it("a run without corrupt rows is complete and notes nothing", async () => {
    const w = await makeMailWorld({ name: "Heel" });
    await makeMailTask(w.initiative.id, { dueOn: "2027-03-16" });
    const { summary } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: false });
    expect(summary.skipped).toBe(0);
    expect(summary.steps.reminders).toMatchObject({ skipped: 0, mails: 1 });
    const run = await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, "2027-03-16") });
    expect(run).toMatchObject({ status: "complete", skipped: 0 });
    expect(run!.finishedAt).toBe("2027-03-16T04:00:00.000Z");
    expect(await skipsOf("2027-03-16")).toEqual([]);
  });

  it("a run that stops halfway says so, and the resumed run finishes it", async () => {
    await makeMailWorld({ name: "Halverwege" });
    await expect(
      runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: false, failAt: (n) => n === "alerts 0" }),
    ).rejects.toThrow(/simulated crash/);
    const failed = await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, "2027-03-17") });
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed!.error).toContain("simulated crash before alerts 0");
    expect(JSON.parse(failed!.counts)).toHaveProperty("reminders");
    await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: false });
    expect(await db.query.dailyRuns.findFirst({ where: eq(s.dailyRuns.runOn, "2027-03-17") })).toMatchObject({
      status: "complete",
      error: null,
    });
  });

  it("an unreadable thresholds setting does not stop the run: it judges by the defaults", async () => {
    const w = await makeMailWorld({ name: "Drempels" });
    const activity = await makeActivity(w.initiative.id, "Buurtkast");
    await makeVolunteers(w.initiative.id, 3);
    await makeFunding(w.initiative.id, [activity.id], { endsOn: "2027-05-01" }); // 44 days: urgent by the default 60
    await raw(
      "INSERT INTO settings (key, value, updated_at) VALUES ('risk.thresholds', '{not json', '2027-01-01') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    try {
      await runCounted({ today: "2027-03-18", now: "2027-03-18T04:00:00Z", sending: false });
      expect(await riskOf(activity.id)).toMatchObject({ level: "urgent", judgedOn: "2027-03-18" });
    } finally {
      await raw("DELETE FROM settings WHERE key = 'risk.thresholds'");
    }
  });
});
