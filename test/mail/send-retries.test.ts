// Mail retries count daily runs, not step retries: within one run the platform may retry a send
// step several times (each with a few requests), and all of that is ONE attempt. A message is
// tried on up to MAX_SEND_RUNS daily runs; then it is given up and listed for admins. Resend is
// faked at the fetch level; the days are simulated runs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as s from "../../src/db/schema";
import { MAX_SEND_RUNS, takeEnvelopes } from "../../src/domain/mail/outbox";
import { ITEMS_PER_EMAIL } from "../../src/mail/compose";
import { db, makePerson, signedIn } from "../helpers/factories";
import { fakeResend, isolate, makeMailTask, makeMailWorld, outboxOf, runCounted } from "../helpers/mail-factories";

let resend: ReturnType<typeof fakeResend> | null = null;
beforeEach(isolate);
afterEach(() => {
  resend?.restore();
  resend = null;
});

const down = () => fakeResend(() => ({ status: 503, name: "application_error", message: "Resend is down" }));
const up = () => fakeResend();
/** One day's run as the Workflow runs it: each send step tried 4 times (1 + 3 platform retries). */
const day = (d: number) =>
  runCounted({ today: `2027-03-${d}`, now: `2027-03-${d}T04:00:00Z`, sending: true, resend: resend!, sendAttempts: 4 });

describe("mail retries count daily runs", () => {
  it("a one-day outage loses nothing: the day's retries are one attempt, the next run sends", async () => {
    const w = await makeMailWorld({ name: "Storing" });
    await makeMailTask(w.initiative.id, { title: "AED controleren", dueOn: "2027-03-16" });
    resend = down();
    const first = await day(16);
    expect(first.summary.sendStopped).toBe("failed");
    expect(resend.calls).toHaveLength(12); // 4 tries of the step × 3 requests within it
    expect(new Set(resend.calls.map((c) => c.key)).size).toBe(1);
    expect((await outboxOf(w.keyHolder.id)).map((r) => [r.status, r.attempts, r.lastAttemptOn])).toEqual([["failed", 1, "2027-03-16"]]);
    const dayOneKey = resend.calls[0]!.key;
    resend.restore();

    resend = up();
    await day(17);
    expect(resend.delivered.map((d) => d.to)).toEqual([w.keyHolder.email]);
    expect(resend.calls[0]!.key).toBe(dayOneKey); // the same messages: the same idempotency key
    expect((await outboxOf(w.keyHolder.id)).map((r) => [r.status, r.attempts])).toEqual([["sent", 2]]);
  });

  it(`gives up after ${MAX_SEND_RUNS} days of outage, keeps the error and lists it for admins`, async () => {
    const w = await makeMailWorld({ name: "Lange storing" });
    await makeMailTask(w.initiative.id, { title: "Sleutels tellen", dueOn: "2027-03-16" });
    resend = down();
    for (let d = 16; d < 16 + MAX_SEND_RUNS - 1; d++) {
      await day(d);
      const [row] = await outboxOf(w.keyHolder.id);
      expect([row!.status, row!.attempts]).toEqual(["failed", d - 15]); // still waiting for the next run
    }
    const callsBefore = resend.calls.length;
    await day(16 + MAX_SEND_RUNS - 1);
    expect(resend.calls.length).toBeGreaterThan(callsBefore); // the fifth run did try
    const [row] = await outboxOf(w.keyHolder.id);
    expect(row).toMatchObject({ status: "given_up", attempts: MAX_SEND_RUNS, nextAttemptAt: null });
    expect(row!.error).toContain("application_error");
    resend.restore();

    resend = up();
    await day(16 + MAX_SEND_RUNS);
    expect(resend.calls).toHaveLength(0); // given up means not tried again

    const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
    const page = await (await signedIn(admin.id)).get("/admin/outbox?status=given_up");
    expect(page.status).toBe(200);
    expect(page.html).toContain(w.keyHolder.email);
    expect(page.html).toContain("Resend is down");
    expect(page.html).toContain(`Na ${MAX_SEND_RUNS} dagelijkse rondes geven we het op`);
  });

  it("uses the same batch key for the same messages and another key as soon as the set differs", async () => {
    const w = await makeMailWorld({ name: "Sleutel" });
    const tasks = [];
    for (let i = 0; i <= ITEMS_PER_EMAIL; i++) tasks.push(await makeMailTask(w.initiative.id, { title: `Taak ${i}`, dueOn: "2027-03-16" }));
    resend = down();
    await day(16);
    await day(17);
    const keys = [...new Set(resend.calls.map((c) => c.key))];
    expect(keys).toHaveLength(1); // two runs, the same set of messages: one key

    // One message is counted under "and 1 more" but not shown. It is answered meanwhile, and a new
    // one arrives: the email shows the same ten and the same total, but settles another set.
    const [envelope] = (await takeEnvelopes(db, new Date("2027-03-18T04:00:00Z"), { emails: 50, perEmail: ITEMS_PER_EMAIL })).filter(
      (e) => e.recipient === w.keyHolder.email,
    );
    expect(envelope!.total).toBe(ITEMS_PER_EMAIL + 1);
    const shown = new Set(envelope!.rows.map((r) => r.subjectId));
    const hidden = tasks.find((t) => !shown.has(t.id))!;
    await db.insert(s.taskEvents).values({
      id: crypto.randomUUID(),
      taskId: hidden.id,
      kind: "done",
      occurrenceDueOn: "2027-03-16",
      on: "2027-03-17",
      byPersonId: w.keyHolder.id,
      via: "web",
      createdAt: "2027-03-17T12:00:00Z",
    });
    await makeMailTask(w.initiative.id, { title: "Nieuwe taak", dueOn: "2027-03-18" });
    resend.restore();
    resend = up();
    await day(18);
    const mail = resend.delivered.filter((d) => d.to === w.keyHolder.email);
    expect(mail).toHaveLength(1);
    expect(resend.calls[0]!.key).not.toBe(keys[0]);
    const rows = await outboxOf(w.keyHolder.id);
    expect(rows.find((r) => r.subjectId === hidden.id)).toMatchObject({ status: "given_up", error: "answered meanwhile" });
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(ITEMS_PER_EMAIL + 1);
  });
});

describe("the batch key", () => {
  it("is made from the messages an email settles, not only the ones it shows", async () => {
    const { batchKey } = await import("../../src/mail/outbox-sender");
    const a = await batchKey([{ recipient: "a@example.org", messageKeys: ["k1", "k2", "k3"] }]);
    expect(await batchKey([{ recipient: "a@example.org", messageKeys: ["k1", "k2", "k3"] }])).toBe(a);
    expect(await batchKey([{ recipient: "a@example.org", messageKeys: ["k1", "k2", "k4"] }])).not.toBe(a);
    expect(await batchKey([{ recipient: "b@example.org", messageKeys: ["k1", "k2", "k3"] }])).not.toBe(a);
    // Splitting the same keys differently between two recipients is another batch.
    expect(
      await batchKey([
        { recipient: "a@example.org", messageKeys: ["k1"] },
        { recipient: "b@example.org", messageKeys: ["k2", "k3"] },
      ]),
    ).not.toBe(
      await batchKey([
        { recipient: "a@example.org", messageKeys: ["k1", "k2"] },
        { recipient: "b@example.org", messageKeys: ["k3"] },
      ]),
    );
    expect(a.length).toBeLessThanOrEqual(256);
  });
});
