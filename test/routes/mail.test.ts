import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { signLink, type LinkClaims } from "../../src/domain/mail/tokens";
import { Browser, ORIGIN } from "../helpers/browser";
import { appAt, db, makePerson, signedIn } from "../helpers/factories";
import { makeMailTask, makeMailWorld, signWebhook } from "../helpers/mail-factories";

const NOW = "2027-03-16T10:00:00.000Z"; // a Tuesday; tasks below are due on 15 March
const browserAt = (at = NOW) => new Browser(appAt(at));
const sign = (claims: LinkClaims) => signLink(env.SESSION_SECRET, claims);

async function answerSetup() {
  const w = await makeMailWorld({ name: "Antwoorden" });
  const task = await makeMailTask(w.initiative.id, { dueOn: "2027-03-15" });
  const token = await sign({
    k: "a",
    p: w.keyHolder.id,
    t: task.id,
    o: "2027-03-15",
    iat: "2027-03-15T04:00:00.000Z",
    exp: "2027-05-14T04:00:00.000Z",
  });
  const events = () => db.select().from(s.taskEvents).where(eq(s.taskEvents.taskId, task.id));
  return { ...w, task, token, events };
}

describe("one-click answers", () => {
  it("GET only shows a confirmation with one button; the POST records the answer once, by email", async () => {
    const a = await answerSetup();
    const browser = browserAt();
    for (const answer of ["done", "snoozed", "not_applicable"]) {
      const page = await browser.get(`/mail/answers/${a.token}?answer=${answer}`);
      expect(page.status).toBe(200);
      expect(page.html.match(/<button/g)?.length).toBe(1);
    }
    expect(await a.events()).toEqual([]); // GET never changes state

    await browser.get(`/mail/answers/${a.token}?answer=done`);
    const csrf = browser.csrfToken();
    const posted = await browser.post(`/mail/answers/${a.token}`, { answer: "done" });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/mail/answers/${a.token}?answer=done&saved=1`);
    const [event] = await a.events();
    expect(event).toMatchObject({
      kind: "done",
      occurrenceDueOn: "2027-03-15",
      byPersonId: a.keyHolder.id,
      via: "email",
      on: "2027-03-16",
    });
    const audit = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, a.task.id), eq(s.auditLog.action, "complete")));
    expect(audit).toHaveLength(1);

    const thanks = await browser.get(posted.location!);
    expect(thanks.html).toContain("Dank je wel! Je antwoord is genoteerd.");

    // Reused: explains itself, writes nothing.
    const again = await browser.post(`/mail/answers/${a.token}`, { answer: "done" }, { csrf });
    expect(again.status).toBe(200);
    expect(again.html).toContain("Deze link is al gebruikt.");
    expect(again.html).toContain("/sign-in?next=");
    // Another answer from the same mail after it was done: answered, not recorded again.
    const snooze = await browser.post(`/mail/answers/${a.token}`, { answer: "snoozed" }, { csrf });
    expect(snooze.status).toBe(409);
    expect(snooze.html).toContain("Dit is al beantwoord.");
    expect(await a.events()).toHaveLength(1);
  });

  it("snoozes two weeks, once", async () => {
    const a = await answerSetup();
    const browser = browserAt();
    await browser.get(`/mail/answers/${a.token}?answer=snoozed`);
    expect(browser.lastHtml).toContain("Ja, herinner me op 30 maart 2027");
    const csrf = browser.csrfToken();
    expect((await browser.post(`/mail/answers/${a.token}`, { answer: "snoozed" })).status).toBe(303);
    const used = await browser.post(`/mail/answers/${a.token}`, { answer: "snoozed" }, { csrf });
    expect(used.html).toContain("Je krijgt op 30 maart 2027 opnieuw een herinnering.");
    const events = await a.events();
    expect(events.map((e) => [e.kind, e.snoozedUntil])).toEqual([["snoozed", "2027-03-30"]]);
  });

  it("refuses tampered, expired, unknown and someone else's links", async () => {
    const a = await answerSetup();
    const browser = browserAt();
    const [v, body, sig] = a.token.split(".") as [string, string, string];
    const flipped = `${v}.${body}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    const tampered = await browser.get(`/mail/answers/${flipped}?answer=done`);
    expect(tampered.status).toBe(410);
    expect(tampered.html).toContain("Deze link klopt niet.");

    // another person's id in the claims, with the original signature
    const forged = JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, string>;
    forged.p = a.coordinator.id;
    const forgedBody = btoa(JSON.stringify(forged)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect((await browser.get(`/mail/answers/${v}.${forgedBody}.${sig}?answer=done`)).status).toBe(410);

    const expired = await browserAt("2027-05-15T00:00:00.000Z").get(`/mail/answers/${a.token}?answer=done`);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("Deze link is verlopen.");

    const unknownTask = await sign({
      k: "a",
      p: a.keyHolder.id,
      t: crypto.randomUUID(),
      o: "2027-03-15",
      iat: NOW,
      exp: "2027-05-14T04:00:00.000Z",
    });
    expect((await browser.get(`/mail/answers/${unknownTask}?answer=done`)).status).toBe(404);

    // a preferences link is not an answer link
    const prefs = await sign({ k: "m", p: a.keyHolder.id, exp: "2028-01-01T00:00:00.000Z" });
    expect((await browser.get(`/mail/answers/${prefs}?answer=done`)).status).toBe(410);

    // signed in as someone else: the answer would be in the wrong name
    const other = await signedIn(a.coordinator.id, NOW);
    const wrong = await other.get(`/mail/answers/${a.token}?answer=done`);
    expect(wrong.status).toBe(403);
    expect(wrong.html).toContain("Deze link is voor iemand anders gemaakt.");

    expect((await browser.get(`/mail/answers/${a.token}?answer=later`)).status).toBe(400);
    expect(await a.events()).toEqual([]);
  });

  it("refuses a person who no longer holds the task's role, and a POST without the form's token", async () => {
    const a = await answerSetup();
    const browser = browserAt();
    await browser.get(`/mail/answers/${a.token}?answer=done`);
    const csrf = browser.csrfToken();
    const noCsrf = await browser.post(`/mail/answers/${a.token}`, { answer: "done" }, { csrf: null });
    expect(noCsrf.status).toBe(403);

    await db.update(s.involvements).set({ until: "2027-03-01" }).where(eq(s.involvements.personId, a.keyHolder.id));
    const page = await browser.get(`/mail/answers/${a.token}?answer=done`);
    expect(page.status).toBe(403);
    expect(page.html).toContain("Je staat niet meer bij deze taak.");
    expect((await browser.post(`/mail/answers/${a.token}`, { answer: "done" }, { csrf })).status).toBe(403);
    expect(await a.events()).toEqual([]);
  });
});

describe("mail preferences", () => {
  it("a person without an account changes them through the link; waiting mail follows", async () => {
    const w = await makeMailWorld({ name: "Voorkeuren" });
    const queued = {
      kind: "alert",
      personId: w.volunteer.id,
      recipient: w.volunteer.email,
      locale: "nl" as const,
      subject: "x",
      status: "queued" as const,
      createdAt: NOW,
    };
    await db.insert(s.outbox).values({ id: crypto.randomUUID(), messageKey: `test-alert-${w.volunteer.id}`, ...queued });
    const token = await sign({ k: "m", p: w.volunteer.id, exp: "2028-01-01T00:00:00.000Z" });
    const browser = browserAt();
    const page = await browser.get(`/mail/preferences/${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(w.volunteer.email);

    const invalid = await browser.post(`/mail/preferences/${token}`, { digest: "hourly", wanted: ["reminders"], version: "1" });
    expect(invalid.status).toBe(422);
    const unchanged = await db.query.people.findFirst({ where: eq(s.people.id, w.volunteer.id) });
    expect(unchanged).toMatchObject({ digest: null, mailOptOuts: "[]", version: 1 });

    const saved = await browser.post(`/mail/preferences/${token}`, { digest: "weekly", wanted: ["reminders", "checkins"], version: "1" });
    expect(saved.status).toBe(303);
    const person = await db.query.people.findFirst({ where: eq(s.people.id, w.volunteer.id) });
    expect(person).toMatchObject({ digest: "weekly", version: 2 });
    expect(JSON.parse(person!.mailOptOuts)).toEqual(["alerts", "digests", "messages", "asks"]);
    const [alert] = await db
      .select()
      .from(s.outbox)
      .where(eq(s.outbox.messageKey, `test-alert-${w.volunteer.id}`));
    expect(alert).toMatchObject({ status: "given_up", error: "opted out" });
    expect(
      await db
        .select()
        .from(s.auditLog)
        .where(and(eq(s.auditLog.entityId, w.volunteer.id), eq(s.auditLog.action, "mail_preferences"))),
    ).toHaveLength(1);

    // a form loaded before that save is stale: 409, nothing written, the stored choice shown
    const stale = await browser.post(`/mail/preferences/${token}`, { digest: "monthly", wanted: [], version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Je voorkeuren zijn net ergens anders veranderd.");
    expect((await db.query.people.findFirst({ where: eq(s.people.id, w.volunteer.id) }))!.version).toBe(2);

    const expired = await browserAt("2028-02-01T00:00:00.000Z").get(`/mail/preferences/${token}`);
    expect(expired.status).toBe(410);
  });

  it("signed in at /preferences; visitors are sent to sign in", async () => {
    const person = await makePerson({ name: "Sanne Aangemeld" });
    const browser = await signedIn(person.id, NOW);
    expect((await browser.get("/preferences")).status).toBe(200);
    const saved = await browser.post("/preferences", {
      digest: "monthly",
      wanted: ["reminders", "alerts", "digests", "checkins"],
      version: "1",
    });
    expect(saved).toMatchObject({ status: 303, location: "/preferences?saved=1" });
    expect((await browser.get("/preferences?saved=1")).html).toContain("Je voorkeuren zijn opgeslagen.");
    expect((await db.query.people.findFirst({ where: eq(s.people.id, person.id) }))!.digest).toBe("monthly");

    const visitor = browserAt();
    expect((await visitor.get("/preferences")).location).toBe("/sign-in?next=%2Fpreferences");
    await visitor.get("/sign-in");
    expect((await visitor.post("/preferences", { digest: "weekly", version: "1" })).status).toBe(401);
  });
});

describe("unsubscribe", () => {
  it("the page asks; the one-click POST (RFC 8058, from a mail client) unsubscribes, idempotently", async () => {
    const person = await makePerson({ name: "Uma Afmelden" });
    const token = await sign({ k: "u", p: person.id, c: ["reminders", "alerts"], exp: "2028-01-01T00:00:00.000Z" });
    const page = await browserAt().get(`/mail/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Wil je geen herinneringen en waarschuwingen meer krijgen");
    expect((await db.query.people.findFirst({ where: eq(s.people.id, person.id) }))!.mailOptOuts).toBe("[]");

    const oneClick = () =>
      appAt(NOW)(
        new Request(`${ORIGIN}/mail/unsubscribe/${token}`, {
          method: "POST",
          body: "List-Unsubscribe=One-Click",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.com" },
        }),
      );
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Je bent afgemeld.");
    expect((await oneClick()).status).toBe(200);
    const after = await db.query.people.findFirst({ where: eq(s.people.id, person.id) });
    expect(JSON.parse(after!.mailOptOuts)).toEqual(["reminders", "alerts"]);
    expect(
      await db
        .select()
        .from(s.auditLog)
        .where(and(eq(s.auditLog.entityId, person.id), eq(s.auditLog.action, "mail_unsubscribe"))),
    ).toHaveLength(1);

    const bad = await appAt(NOW)(
      new Request(`${ORIGIN}/mail/unsubscribe/${token}x`, {
        method: "POST",
        body: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(bad.status).toBe(410);
  });
});

describe("the Resend webhook", () => {
  const post = (body: string, headers: Record<string, string>, at = NOW) =>
    appAt(at)(
      new Request(`${ORIGIN}/webhooks/resend`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }),
    );
  const event = (type: string, to: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type, created_at: NOW, data: { email_id: "re_123", to: [to], subject: "x", from: "x", created_at: NOW, ...extra } });

  it("refuses unsigned, wrongly signed and stale requests", async () => {
    const person = await makePerson({ name: "Wim Webhook" });
    const body = event("email.bounced", person.email, { bounce: { type: "Permanent", subType: "General", message: "x" } });
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, signWebhook("whsec_" + btoa("some-other-secret-0123456789"), "msg_1", new Date(NOW), body))).status).toBe(401);
    const stale = signWebhook(env.RESEND_WEBHOOK_SECRET, "msg_2", new Date(Date.parse(NOW) - 10 * 60_000), body);
    expect((await post(body, stale)).status).toBe(401);
    const tamperedBody = body.replace("Permanent", "Transient");
    expect((await post(tamperedBody, signWebhook(env.RESEND_WEBHOOK_SECRET, "msg_3", new Date(NOW), body))).status).toBe(401);
    expect((await db.query.people.findFirst({ where: eq(s.people.id, person.id) }))!.emailStatus).toBe("ok");
    expect(await db.select().from(s.mailEvents).where(eq(s.mailEvents.recipient, person.email))).toEqual([]);
  });

  it("records events once; a hard bounce or a complaint stops mail to the address", async () => {
    const bouncer = await makePerson({ name: "Bas Bounce" });
    const soft = await makePerson({ name: "Sofie Soft" });
    const complainer = await makePerson({ name: "Klaas Klacht" });
    const send = (id: string, body: string) => post(body, signWebhook(env.RESEND_WEBHOOK_SECRET, id, new Date(NOW), body));

    const hard = event("email.bounced", bouncer.email.toUpperCase(), {
      bounce: { type: "Permanent", subType: "General", message: "no such user" },
    });
    const first = await send(`msg_hard_${bouncer.id}`, hard);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    expect(await (await send(`msg_hard_${bouncer.id}`, hard)).json()).toEqual({ ok: true, duplicate: true });
    expect(
      await db
        .select()
        .from(s.mailEvents)
        .where(eq(s.mailEvents.providerEventId, `msg_hard_${bouncer.id}`)),
    ).toHaveLength(1);
    expect(await db.query.people.findFirst({ where: eq(s.people.id, bouncer.id) })).toMatchObject({
      emailStatus: "bounced",
      emailStatusAt: NOW,
    });

    await send(
      `msg_soft_${soft.id}`,
      event("email.bounced", soft.email, { bounce: { type: "Transient", subType: "MailboxFull", message: "full" } }),
    );
    expect((await db.query.people.findFirst({ where: eq(s.people.id, soft.id) }))!.emailStatus).toBe("ok");

    await send(`msg_spam_${complainer.id}`, event("email.complained", complainer.email));
    expect((await db.query.people.findFirst({ where: eq(s.people.id, complainer.id) }))!.emailStatus).toBe("complained");

    await send(`msg_ok_${complainer.id}`, event("email.delivered", complainer.email));
    expect(
      await db
        .select()
        .from(s.mailEvents)
        .where(eq(s.mailEvents.providerEventId, `msg_ok_${complainer.id}`)),
    ).toHaveLength(1);
  });

  it("answers 503 while no secret is configured", async () => {
    const bindings = env as unknown as { RESEND_WEBHOOK_SECRET: string };
    const secret = bindings.RESEND_WEBHOOK_SECRET;
    bindings.RESEND_WEBHOOK_SECRET = "";
    try {
      const body = event("email.delivered", "x@example.org");
      expect((await post(body, signWebhook(secret, "msg_unconfigured", new Date(NOW), body))).status).toBe(503);
    } finally {
      bindings.RESEND_WEBHOOK_SECRET = secret;
    }
  });
});

describe("the admins' outbox", () => {
  it("lists and filters messages, with the error of failed and given-up ones; only for admins", async () => {
    const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
    const w = await makeMailWorld({ name: "Outbox" });
    const base = {
      kind: "reminder",
      personId: w.keyHolder.id,
      recipient: w.keyHolder.email,
      locale: "nl" as const,
      createdAt: NOW,
      attempts: 3,
    };
    await db.insert(s.outbox).values([
      { id: crypto.randomUUID(), messageKey: `o1-${w.keyHolder.id}`, subject: "Herinnering: gelukt", status: "sent", ...base },
      {
        id: crypto.randomUUID(),
        messageKey: `o2-${w.keyHolder.id}`,
        subject: "Herinnering: mislukt",
        status: "failed",
        error: "internal_server_error (500)",
        nextAttemptAt: "2027-03-17T00:00:00.000Z",
        ...base,
      },
      {
        id: crypto.randomUUID(),
        messageKey: `o3-${w.keyHolder.id}`,
        subject: "Herinnering: opgegeven",
        status: "given_up",
        error: "too many attempts",
        ...base,
      },
    ]);
    const browser = await signedIn(admin.id, NOW);
    const all = await browser.get(`/admin/outbox?recipient=${encodeURIComponent(w.keyHolder.email)}`);
    expect(all.status).toBe(200);
    expect(all.html).toContain("Herinnering: gelukt");
    expect(all.html).toContain("internal_server_error (500)");
    expect(all.html).toContain("too many attempts");
    const failed = await browser.get(`/admin/outbox?status=failed&kind=reminder&recipient=${encodeURIComponent(w.keyHolder.email)}`);
    expect(failed.html).toContain("Herinnering: mislukt");
    expect(failed.html).not.toContain("Herinnering: gelukt");

    const coordinator = await signedIn(w.coordinator.id, NOW);
    expect((await coordinator.get("/admin/outbox")).status).toBe(403);
    expect((await browserAt().get("/admin/outbox")).status).toBe(303);
  });
});
