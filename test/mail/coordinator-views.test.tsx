// What coordinators see of the mail: per task the last reminder and its answer, and whose
// address does not work. Plus the properties the send path relies on: links are deterministic
// and refuse tampering.
import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { translator } from "../../src/i18n";
import { loadBrokenAddresses } from "../../src/domain/mail/addresses";
import { takeEnvelopes } from "../../src/domain/mail/outbox";
import { lastRemindersForTasks } from "../../src/domain/mail/reminders";
import { readLink, signLink } from "../../src/domain/mail/tokens";
import { answerTask } from "../../src/domain/tasks/tasks";
import { composeEnvelope } from "../../src/mail/compose";
import { BrokenAddresses } from "../../views/mail/broken-addresses";
import { LastReminder } from "../../views/mail/last-reminder";
import { db, makePerson } from "../helpers/factories";
import { isolate, makeMailTask, makeMailWorld, runCounted } from "../helpers/mail-factories";

beforeEach(isolate);

describe("for coordinators", () => {
  it("shows per task when the last reminder went out, to whom, and what was answered", async () => {
    const w = await makeMailWorld({ name: "Laatste" });
    const task = await makeMailTask(w.initiative.id, { dueOn: "2027-06-01", leadDays: 7 });
    const quiet = await makeMailTask(w.initiative.id, { dueOn: "2028-06-01" });
    await runCounted({ today: "2027-05-25", now: "2027-05-25T04:00:00Z", sending: false });
    await runCounted({ today: "2027-06-01", now: "2027-06-01T04:00:00Z", sending: false });

    let info = await lastRemindersForTasks(db, [task.id, quiet.id]);
    expect(info.has(quiet.id)).toBe(false);
    expect(info.get(task.id)).toMatchObject({
      sentAt: "2027-06-01T04:00:00.000Z",
      stage: "due",
      dueOn: "2027-06-01",
      recipients: ["Kees Sleutel"],
      answer: null,
    });
    const t = translator("nl");
    expect(String(<LastReminder t={t} locale="nl" info={info.get(task.id)} />)).toContain("Nog geen antwoord.");

    await answerTask(
      db,
      { id: w.initiative.id, neighbourhoodId: w.hood.id, name: w.initiative.name },
      task.id,
      { kind: "done", note: "", snoozedUntil: null },
      w.keyHolder.id,
      new Date("2027-06-02T09:00:00Z"),
      "2027-06-02",
      "email",
    );
    info = await lastRemindersForTasks(db, [task.id]);
    expect(info.get(task.id)!.answer).toMatchObject({ kind: "done", byName: "Kees Sleutel", via: "email", on: "2027-06-02" });
    const html = String(<LastReminder t={t} locale="nl" info={info.get(task.id)} />);
    expect(html).toContain("Laatste herinnering:");
    expect(html).toContain("Antwoord via de mail: gedaan, door Kees Sleutel op 2 juni 2027.");
    expect(String(<LastReminder t={t} locale="nl" info={undefined} />)).toBe("");
  });

  it("lists the people of their initiatives whose address does not work", async () => {
    const w = await makeMailWorld({ name: "Adressen" });
    const outsider = await makePerson({ name: "Olaf Buiten", emailStatus: "bounced" });
    await db
      .update(s.people)
      .set({ emailStatus: "bounced", emailStatusAt: "2027-04-01T08:00:00.000Z" })
      .where(eq(s.people.id, w.volunteer.id));
    await db
      .update(s.people)
      .set({ emailStatus: "complained", emailStatusAt: "2027-04-02T08:00:00.000Z" })
      .where(eq(s.people.id, w.keyHolder.id));
    const broken = await loadBrokenAddresses(db, [w.initiative.id], "2027-04-10");
    expect(broken.map((b) => [b.name, b.status])).toEqual([
      ["Kees Sleutel", "complained"],
      ["Vera Vrijwilliger", "bounced"],
    ]);
    expect(broken.some((b) => b.personId === outsider.id)).toBe(false);
    const html = String(<BrokenAddresses t={translator("nl")} locale="nl" data={broken} />);
    expect(html).toContain('<h2 id="broken-addresses-title">Adressen die niet werken</h2>');
    expect(html).toContain("Vera Vrijwilliger");
    expect(html).toContain("komt terug");
    expect(String(<BrokenAddresses t={translator("nl")} locale="nl" data={[]} />)).toBe("");
  });
});

describe("links and rendering", () => {
  it("renders the same envelope to the same email (a retried batch is the same request)", async () => {
    const w = await makeMailWorld({ name: "Zelfde" });
    await makeMailTask(w.initiative.id, { dueOn: "2027-07-01" });
    await runCounted({ today: "2027-07-01", now: "2027-07-01T04:00:00Z", sending: false, failAt: (n) => n.startsWith("send") }).catch(
      () => {},
    );
    const [envelope] = (await takeEnvelopes(db, new Date("2027-07-01T04:00:00Z"), { emails: 50, perEmail: 10 })).filter(
      (e) => e.recipient === w.keyHolder.email,
    );
    const links = { secret: env.SESSION_SECRET, appUrl: "https://wijk.example" };
    const a = await composeEnvelope(envelope!, links);
    const b = await composeEnvelope(envelope!, links);
    expect(b).toEqual(a);
    expect(a.unsendable).toEqual([]);
    expect(a.email!.text).toContain("https://wijk.example/mail/answers/");
  });

  it("signed links refuse another secret, another kind and a passed expiry", async () => {
    const token = await signLink("secret-one-that-is-long-enough-0123456789", { k: "m", p: "person-1", exp: "2027-01-01T00:00:00.000Z" });
    const at = new Date("2026-12-31T23:00:00Z");
    expect(await readLink("secret-one-that-is-long-enough-0123456789", token, "m", at)).toMatchObject({
      ok: true,
      claims: { p: "person-1" },
    });
    expect(await readLink("secret-two-that-is-long-enough-0123456789", token, "m", at)).toEqual({ ok: false, reason: "invalid" });
    expect(await readLink("secret-one-that-is-long-enough-0123456789", token, "u", at)).toEqual({ ok: false, reason: "invalid" });
    expect(await readLink("secret-one-that-is-long-enough-0123456789", token, "m", new Date("2027-01-01T00:00:00Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await readLink("secret-one-that-is-long-enough-0123456789", "v1.e30.", "m", at)).toEqual({ ok: false, reason: "invalid" });
  });
});
