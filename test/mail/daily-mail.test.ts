// The daily run's mail, end to end through the real mail module with a fake Resend at the fetch
// level: who gets what, at most once and never lost, the failure modes, digests, alerts and the
// check-in invitation. Every step of every run stays within the free plan's limits.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import * as s from "../../src/db/schema";
import type { Severity } from "../../src/domain/risk/rules";
import { db, makePerson } from "../helpers/factories";
import { fakeResend, isolate, makeMailTask, makeMailWorld, outboxOf, runCounted, type StepRecord } from "../helpers/mail-factories";

let resend: ReturnType<typeof fakeResend> | null = null;
beforeEach(isolate);
afterEach(() => {
  resend?.restore();
  resend = null;
});

function expectBounded(steps: StepRecord[]) {
  for (const step of steps) {
    expect(step.statements, `${step.name}: D1 statements`).toBeLessThanOrEqual(50);
    expect(step.requests, `${step.name}: requests`).toBeLessThanOrEqual(50);
  }
}

const to = (...people: { email: string }[]) => people.map((p) => p.email).sort();

/** A world with three tasks on 16 March 2027 (a Tuesday): one due, one coming up, one overdue. */
async function threeTasks() {
  const w = await makeMailWorld();
  const due = await makeMailTask(w.initiative.id, { title: "AED controleren", dueOn: "2027-03-16" });
  const soon = await makeMailTask(w.initiative.id, { title: "Verzekering verlengen", dueOn: "2027-03-25", assigneeRoles: "[]" });
  await db.insert(s.taskAssignees).values({ taskId: soon.id, personId: w.volunteer.id });
  const late = await makeMailTask(w.initiative.id, { title: "Sleutels tellen", dueOn: "2027-03-01" });
  return { ...w, due, soon, late };
}

describe("the daily mail", () => {
  it("sends each person one email with everything for them, in their language, with answers and unsubscribe headers", async () => {
    const w = await threeTasks();
    resend = fakeResend();
    const { summary, steps } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    expectBounded(steps);
    expect(summary.claimed.reminders).toBe(4); // key holder: due + overdue; volunteer: lead; coordinator: escalation
    expect(resend.calls).toHaveLength(1);
    expect(to(...resend.delivered.map((d) => ({ email: d.to })))).toEqual(to(w.keyHolder, w.volunteer, w.coordinator));

    const keyHolderMail = resend.delivered.find((d) => d.to === w.keyHolder.email)!;
    expect(keyHolderMail.subject).toBe("Wijkonderhoud: 2 messages for you");
    expect(keyHolderMail.text).toContain("Hello Kees Sleutel,");
    expect(keyHolderMail.text).toContain("== Time to do: AED controleren ==");
    expect(keyHolderMail.text).toContain("== Overdue: Sleutels tellen ==");
    expect(keyHolderMail.text).toMatch(/- Done: http:\/\/localhost\/mail\/answers\/v1\.[^ \n]+\?answer=done/);
    expect(keyHolderMail.html).toContain("Snooze 2 weeks");
    expect(keyHolderMail.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost\/mail\/unsubscribe\/v1\.[^>]+>$/);
    expect(keyHolderMail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(keyHolderMail.text).toContain("No more reminders: http://localhost/mail/unsubscribe/");

    const volunteerMail = resend.delivered.find((d) => d.to === w.volunteer.email)!;
    expect(volunteerMail.subject).toBe("Herinnering: Verzekering verlengen");
    expect(volunteerMail.text).toContain("Klik op je antwoord");
    // The same words as the buttons in the app.
    expect(volunteerMail.text).toMatch(/- Gedaan: http[^\n]+answer=done/);
    expect(volunteerMail.text).toMatch(/- 2 weken uitstellen: http[^\n]+answer=snoozed/);
    expect(volunteerMail.text).toMatch(/- Niet nodig deze keer: http[^\n]+answer=not_applicable/);
    const coordinatorMail = resend.delivered.find((d) => d.to === w.coordinator.email)!;
    expect(coordinatorMail.subject).toBe("Niemand reageerde: Sleutels tellen");
    expect(coordinatorMail.text).toContain("Waarom het belangrijk is: De AED moet werken als het nodig is.");

    const rows = await outboxOf(w.keyHolder.id);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
    expect(rows[0]!.providerId).toMatch(/^re_\d+$/);
    expect(rows[1]!.providerId).toBe(rows[0]!.providerId);
    expect(rows.every((r) => r.bodyText === null)).toBe(true); // nothing with links is kept when sending
  });

  it("sends nothing twice when the run is repeated the same day or the next", async () => {
    const w = await threeTasks();
    resend = fakeResend();
    await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    const again = await runCounted({ today: "2027-03-16", now: "2027-03-16T05:00:00Z", sending: true, resend });
    expect(again.summary.claimed.reminders).toBe(0);
    const nextDay = await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: true, resend });
    expect(nextDay.summary.claimed.reminders).toBe(0);
    expect(resend.delivered).toHaveLength(3);
    expect((await outboxOf(w.keyHolder.id)).length).toBe(2);
  });

  it("records instead of sending when no API key is set: one email per person, kept for /dev/outbox", async () => {
    const w = await threeTasks();
    const { summary } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: false });
    expect(summary.emails).toBe(3);
    const rows = await outboxOf(w.keyHolder.id);
    expect(rows.map((r) => r.status)).toEqual(["recorded", "recorded"]);
    expect(rows.filter((r) => r.bodyText?.includes("Time to do: AED controleren"))).toHaveLength(1);
  });

  it("loses nothing when the run crashes between claiming and sending", async () => {
    const w = await threeTasks();
    resend = fakeResend();
    await expect(
      runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend, failAt: (n) => n === "give up stale mail" }),
    ).rejects.toThrow(/simulated crash/);
    expect((await outboxOf(w.keyHolder.id)).map((r) => r.status)).toEqual(["queued", "queued"]);
    expect(resend.calls).toHaveLength(0);
    // The Workflow resumes the run: the claims exist, so nothing is claimed twice, and it all goes out once.
    const resumed = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    expect(resumed.summary.claimed.reminders).toBe(0);
    expect(resend.delivered).toHaveLength(3);
    expect((await outboxOf(w.keyHolder.id)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("does not send twice when it crashes after sending but before marking: the retry carries the same idempotency key", async () => {
    const w = await threeTasks();
    resend = fakeResend();
    const { steps } = await runCounted({
      today: "2027-03-16",
      now: "2027-03-16T04:00:00Z",
      sending: true,
      resend,
      sendAttempts: 3,
      failStatementOnce: (q) => q.includes("status = 'sent'"),
    });
    expect(steps.map((s) => s.name)).toContain("send 0 (attempt 1 failed)");
    expect(resend.calls).toHaveLength(2);
    expect(resend.calls[1]!.key).toBe(resend.calls[0]!.key);
    expect(resend.calls[1]!.body).toEqual(resend.calls[0]!.body);
    expect(resend.delivered).toHaveLength(3);
    expect((await outboxOf(w.keyHolder.id)).map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  });

  it("waits out a 429 within the step and retries with the same key", async () => {
    await threeTasks();
    resend = fakeResend((n) => (n === 0 ? { status: 429, name: "rate_limit_exceeded", retryAfter: 1 } : "ok"));
    const { summary } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    expect(resend.calls).toHaveLength(2);
    expect(resend.calls[0]!.key).toBe(resend.calls[1]!.key);
    expect(resend.delivered).toHaveLength(3);
    expect(summary.sendStopped).toBeNull();
  });

  it("lets the platform retry the step after 5xx and timeouts", async () => {
    const w = await threeTasks();
    resend = fakeResend((n) => (n < 2 ? { status: 500, name: "internal_server_error" } : n === 2 ? "timeout" : "ok"));
    const { steps } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend, sendAttempts: 3 });
    expectBounded(steps);
    expect(steps.map((s) => s.name).filter((n) => n.startsWith("send 0"))).toEqual(["send 0 (attempt 1 failed)", "send 0"]);
    expect(new Set(resend.calls.map((c) => c.key)).size).toBe(1);
    expect(resend.delivered).toHaveLength(3);
    expect((await outboxOf(w.keyHolder.id))[0]!.attempts).toBe(1); // one run, however many retries
  });

  it("keeps messages as failed for tomorrow when Resend stays down, and finishes the run", async () => {
    const w = await threeTasks();
    resend = fakeResend(() => ({ status: 503, name: "application_error" }));
    const { summary } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend, sendAttempts: 2 });
    expect(summary.sendStopped).toBe("failed");
    const rows = await outboxOf(w.keyHolder.id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(rows[0]!.error).toContain("application_error");
    expect(rows[0]!.nextAttemptAt).toBe("2027-03-17T00:00:00.000Z");
    resend.restore();
    resend = fakeResend();
    await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: true, resend });
    expect((await outboxOf(w.keyHolder.id)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("stops sending for the day on a quota error without retrying, and sends the next day", async () => {
    const w = await threeTasks();
    resend = fakeResend((n) =>
      n === 0 ? { status: 429, name: "daily_quota_exceeded", message: "You have reached your daily email sending quota." } : "ok",
    );
    const { summary } = await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend, sendAttempts: 3 });
    expect(resend.calls).toHaveLength(1);
    expect(summary.sendStopped).toBe("quota");
    expect((await outboxOf(w.coordinator.id))[0]).toMatchObject({ status: "failed" });
    await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: true, resend });
    expect(resend.delivered.map((d) => d.to).sort()).toEqual(to(w.keyHolder, w.volunteer, w.coordinator));
  });

  it("marks only the rejected address failed when the others are accepted", async () => {
    const w = await threeTasks();
    resend = fakeResend(() => ({ rejectTo: [w.volunteer.email] }));
    await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    expect((await outboxOf(w.volunteer.id)).map((r) => r.status)).toEqual(["failed"]);
    expect((await outboxOf(w.coordinator.id)).map((r) => r.status)).toEqual(["sent"]);
  });

  it("escalates over successive days: role holder, then coordinators, then the partner contact in the weekly digest", async () => {
    const w = await makeMailWorld({ name: "Escalatie" });
    const task = await makeMailTask(w.initiative.id, { dueOn: "2027-05-03", graceDays: 7, leadDays: 0 });
    const stages = async (today: string) => {
      await runCounted({ today, now: `${today}T04:00:00Z`, sending: false });
      const rows = await db
        .select()
        .from(s.outbox)
        .where(and(eq(s.outbox.subjectId, task.id), eq(s.outbox.status, "recorded")));
      return rows
        .map(
          (r) =>
            `${JSON.parse(r.payload!).stage}→${r.personId === w.keyHolder.id ? "key" : r.personId === w.coordinator.id ? "coord" : r.personId === w.partnerPerson.id ? "partner" : "?"}`,
        )
        .sort();
    };
    expect(await stages("2027-05-03")).toEqual(["due→key"]);
    expect(await stages("2027-05-10")).toEqual(["due→key"]);
    expect(await stages("2027-05-11")).toEqual(["coordinators→coord", "due→key", "overdue→key"]);
    expect(await stages("2027-05-25")).toEqual(["coordinators→coord", "due→key", "overdue→key"]);
    await stages("2027-05-26"); // claimed for the partner, waiting for Monday
    expect((await outboxOf(w.partnerPerson.id)).map((r) => r.status)).toEqual(["queued"]);
    expect(await stages("2027-05-31")).toEqual(["coordinators→coord", "due→key", "overdue→key", "partners→partner"]);
  });

  it("respects an opt-out and an address that bounced", async () => {
    const w = await threeTasks();
    await db.update(s.people).set({ mailOptOuts: '["reminders"]' }).where(eq(s.people.id, w.keyHolder.id));
    await db.update(s.people).set({ emailStatus: "bounced" }).where(eq(s.people.id, w.volunteer.id));
    resend = fakeResend();
    await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: true, resend });
    expect(resend.delivered.map((d) => d.to)).toEqual([w.coordinator.email]);
  });

  it("drops a waiting reminder whose task was answered before the digest day", async () => {
    const w = await makeMailWorld({ name: "Beantwoord" });
    const task = await makeMailTask(w.initiative.id, { dueOn: "2027-03-17", assigneeRoles: '["partner_contact", "key_holder"]' });
    await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: false }); // Wednesday
    expect((await outboxOf(w.partnerPerson.id)).map((r) => r.status)).toEqual(["queued"]);
    await db.insert(s.taskEvents).values({
      id: crypto.randomUUID(),
      taskId: task.id,
      kind: "done",
      occurrenceDueOn: "2027-03-17",
      on: "2027-03-18",
      byPersonId: w.keyHolder.id,
      via: "email",
      createdAt: "2027-03-18T09:00:00Z",
    });
    await runCounted({ today: "2027-03-22", now: "2027-03-22T04:00:00Z", sending: false });
    expect((await outboxOf(w.partnerPerson.id)).map((r) => [r.status, r.error])).toEqual([["given_up", "answered meanwhile"]]);
  });

  it("gives up waiting messages of someone who opted out or bounced meanwhile", async () => {
    const w = await makeMailWorld({ name: "Wachtend" });
    await makeMailTask(w.initiative.id, { dueOn: "2027-03-17", assigneeRoles: '["partner_contact"]' });
    await runCounted({ today: "2027-03-17", now: "2027-03-17T04:00:00Z", sending: false }); // Wednesday: waits for Monday
    expect((await outboxOf(w.partnerPerson.id)).map((r) => r.status)).toEqual(["queued"]);
    await db.update(s.people).set({ emailStatus: "complained" }).where(eq(s.people.id, w.partnerPerson.id));
    await runCounted({ today: "2027-03-22", now: "2027-03-22T04:00:00Z", sending: false });
    expect((await outboxOf(w.partnerPerson.id)).map((r) => r.status)).toEqual(["given_up"]);
  });
});

describe("continuity alerts", () => {
  async function riseOn(
    w: Awaited<ReturnType<typeof makeMailWorld>>,
    activityId: string,
    on: string,
    from: Severity | null,
    toLevel: Severity,
  ) {
    await db.insert(s.riskEvents).values({
      id: crypto.randomUUID(),
      activityId,
      initiativeId: w.initiative.id,
      neighbourhoodId: w.hood.id,
      on,
      fromLevel: from,
      toLevel,
      flags: JSON.stringify([
        {
          rule: "funding_cliff",
          severity: toLevel,
          since: on,
          subjectId: "f1",
          params: { kind: "fund", sourceName: "Fonds Samen", endsOn: "2027-06-30", daysLeft: 40, renewalState: "none" },
        },
      ]),
      added: JSON.stringify(["funding_cliff"]),
      resolved: "[]",
      createdAt: `${on}T04:00:00Z`,
    });
  }

  it("are sent once per rise, with the reasons, to coordinators (now) and the partner (in the digest)", async () => {
    const w = await makeMailWorld({ name: "Alarm" });
    const activity = {
      id: crypto.randomUUID(),
      initiativeId: w.initiative.id,
      name: "Wekelijkse maaltijd",
      createdAt: "2026-01-01",
      updatedAt: "2026-01-01",
    };
    await db.insert(s.activities).values(activity);
    await riseOn(w, activity.id, "2027-04-14", "watch", "urgent");
    await runCounted({ today: "2027-04-14", now: "2027-04-14T04:00:00Z", sending: false });
    await runCounted({ today: "2027-04-15", now: "2027-04-15T04:00:00Z", sending: false });
    const alerts = (await outboxOf(w.coordinator.id)).filter((r) => r.kind === "alert" && r.payload?.includes("funding_cliff"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toBe("Let op: Wekelijkse maaltijd is nu 'dringend'");
    // the email (kept on the first row of its envelope, as no provider is configured) names the reason
    const email = (await outboxOf(w.coordinator.id)).find((r) => r.bodyText?.includes("Wekelijkse maaltijd is nu 'dringend'"))!;
    expect(email.bodyText).toContain("De bijdrage van Fonds Samen stopt op 30 juni 2027; er is geen verlenging toegekend.");
    const partner = (await outboxOf(w.partnerPerson.id)).filter((r) => r.kind === "alert" && r.payload?.includes("funding_cliff"));
    expect(partner.map((r) => r.status)).toEqual(["queued"]);

    // A fall and a new rise is a new change: a new alert. A fall alone says nothing.
    await riseOn(w, activity.id, "2027-04-16", "urgent", "watch");
    await runCounted({ today: "2027-04-16", now: "2027-04-16T04:00:00Z", sending: false });
    await riseOn(w, activity.id, "2027-04-17", "watch", "at_risk");
    await runCounted({ today: "2027-04-17", now: "2027-04-17T04:00:00Z", sending: false });
    expect((await outboxOf(w.coordinator.id)).filter((r) => r.kind === "alert" && r.payload?.includes("funding_cliff"))).toHaveLength(2);
  });
});

describe("the weekly digest", () => {
  it("collects a week for a partner into one email on Monday", async () => {
    const w = await makeMailWorld({ name: "Digest" });
    const activity = {
      id: crypto.randomUUID(),
      initiativeId: w.initiative.id,
      name: "Taalcafé",
      createdAt: "2026-01-01",
      updatedAt: "2026-01-01",
    };
    await db.insert(s.activities).values(activity);
    await db.insert(s.fundingStreams).values({
      id: crypto.randomUUID(),
      initiativeId: w.initiative.id,
      sourceName: "Wijkbudget",
      kind: "wijkbudget",
      amountCentsPerYear: 250_000,
      startsOn: "2026-01-01",
      endsOn: "2027-07-31",
      createdAt: "x",
      updatedAt: "x",
    });
    await makeMailTask(w.initiative.id, { title: "Huur betalen", dueOn: "2027-04-01", assigneeRoles: '["partner_contact"]' });
    resend = fakeResend();
    // Wednesday to Sunday: things happen, the partner hears nothing yet.
    for (const day of ["2027-04-14", "2027-04-15", "2027-04-16", "2027-04-17", "2027-04-18"]) {
      if (day === "2027-04-15") {
        await db.insert(s.riskEvents).values({
          id: crypto.randomUUID(),
          activityId: activity.id,
          initiativeId: w.initiative.id,
          neighbourhoodId: w.hood.id,
          on: day,
          fromLevel: "ok",
          toLevel: "at_risk",
          flags: JSON.stringify([
            {
              rule: "few_volunteers",
              severity: "at_risk",
              since: day,
              subjectId: activity.id,
              params: { activityName: "Taalcafé", count: 1 },
            },
          ]),
          added: '["few_volunteers"]',
          resolved: "[]",
          createdAt: `${day}T04:00:00Z`,
        });
      }
      if (day === "2027-04-16")
        await db.insert(s.checkins).values({
          id: crypto.randomUUID(),
          initiativeId: w.initiative.id,
          year: 2026,
          status: "active",
          createdAt: `${day}T10:00:00Z`,
          updatedAt: `${day}T10:00:00Z`,
        });
      await runCounted({ today: day, now: `${day}T04:00:00Z`, sending: true, resend });
    }
    expect(resend.delivered.filter((d) => d.to === w.partnerPerson.email)).toHaveLength(0);

    const monday = await runCounted({ today: "2027-04-19", now: "2027-04-19T04:00:00Z", sending: true, resend });
    expectBounded(monday.steps);
    const mails = resend.delivered.filter((d) => d.to === w.partnerPerson.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("Weekoverzicht Wijkonderhoud");
    expect(mail.text).toContain("Wat er speelt in Buurt Digest, van 12 april 2027 tot en met 19 april 2027.");
    // (the daily risk judgement itself also saw the overdue task and the missing check-in on the 14th)
    expect(mail.text).toContain("Nieuwe risico's (2)");
    expect(mail.text).toContain("- Taalcafé (Digest, Buurt Digest): nu 'in gevaar' sinds 15 april 2027");
    expect(mail.text).toMatch(/- Wijkbudget voor Digest \(Buurt Digest\): €\s2\.500,00 per jaar, stopt op 31 juli 2027/);
    expect(mail.text).toContain("- Digest (Buurt Digest): jaarmoment 2026");
    expect(mail.text).toContain("Taken die te laat zijn: 1");
    // and the week's messages for the partner ride along: the alert and the overdue task
    expect(mail.text).toContain("== Let op: Taalcafé is nu 'in gevaar' ==");
    expect(mail.text).toContain("Te laat: Huur betalen");
    expect(mail.text).toContain("Geen overzichten meer: http://localhost/mail/unsubscribe/");

    // a monthly reader gets nothing on a Monday that is not the 1st
    await db.update(s.people).set({ digest: "monthly" }).where(eq(s.people.id, w.partnerPerson.id));
    const next = await runCounted({ today: "2027-04-26", now: "2027-04-26T04:00:00Z", sending: true, resend });
    expect(next.summary.claimed.digests).toBe(0);
  });

  it("skips a partner who opted out of digests, and sends nothing when there is no news", async () => {
    const w = await makeMailWorld({ name: "Stil" });
    const quiet = await makePerson({ name: "Quinten Stil" });
    await db.insert(s.partnerMembers).values({ partnerId: w.partner.id, personId: quiet.id });
    await db.update(s.people).set({ mailOptOuts: '["digests"]' }).where(eq(s.people.id, w.partnerPerson.id));
    const { summary } = await runCounted({ today: "2027-04-19", now: "2027-04-19T04:00:00Z", sending: false });
    expect(summary.claimed.digests).toBe(0);
    const rows = await db
      .select()
      .from(s.outbox)
      .where(inArray(s.outbox.personId, [w.partnerPerson.id, quiet.id]));
    expect(rows).toEqual([]);
  });
});

describe("the yearly check-in invitation", () => {
  it("goes to coordinators in December for initiatives without this year's check-in, once", async () => {
    const w = await makeMailWorld({ name: "Jaarmoment" });
    const other = await makeMailWorld({ name: "Al ingevuld" });
    await db.insert(s.checkins).values({
      id: crypto.randomUUID(),
      initiativeId: other.initiative.id,
      year: 2027,
      status: "active",
      createdAt: "2027-11-01T10:00:00Z",
      updatedAt: "2027-11-01T10:00:00Z",
    });
    const nov = await runCounted({ today: "2027-11-30", now: "2027-11-30T04:00:00Z", sending: false });
    expect(nov.summary.claimed.checkins).toBe(0);
    await runCounted({ today: "2027-12-01", now: "2027-12-01T04:00:00Z", sending: false });
    await runCounted({ today: "2027-12-02", now: "2027-12-02T04:00:00Z", sending: false });
    const rows = (await outboxOf(w.coordinator.id)).filter((r) => r.kind === "checkin");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toBe("Jaarmoment 2027 van Jaarmoment");
    expect(rows[0]!.bodyText).toContain(`Jaarmoment invullen: http://localhost/initiatives/${w.initiative.id}/checkins/2027`);
    expect(rows[0]!.bodyText).toContain("tot en met 1 februari 2028");
    expect((await outboxOf(other.coordinator.id)).filter((r) => r.kind === "checkin")).toEqual([]);
  });
});
