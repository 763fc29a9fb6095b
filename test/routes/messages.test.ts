// A coordinator's message to the volunteers: who it goes to (and who is skipped, and why), the
// outbox (opt-outs, broken addresses, digests, one-click unsubscribe), the daily limit, the
// history, and who may send one.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { MESSAGES_PER_DAY } from "../../src/domain/messages/volunteer-messages";
import { loadHistory } from "../../src/domain/initiatives/initiative-page";
import { Browser } from "../helpers/browser";
import { appAt, db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeInvolvement } from "../helpers/people-factories";
import { fakeResend, isolate, runCounted } from "../helpers/mail-factories";

// A Wednesday; the next weekly digest goes out on Monday 23 November.
const AT = "2026-11-18T10:00:00.000Z";
const TODAY = "2026-11-18";
const app = appAt(AT);

async function world() {
  const w = await makeWorld();
  const meal = await makeActivity(w.initiative.id, { name: "Maaltijd" });
  const garden = await makeActivity(w.initiative.id, { name: "Tuin" });
  const people = {
    anna: await makePerson({ name: "Anna Actief" }),
    bert: await makePerson({ name: "Bert Zonder", email: undefined }),
    carla: await makePerson({ name: "Carla Kapot", emailStatus: "bounced" }),
    dirk: await makePerson({ name: "Dirk Nee", mailOptOuts: '["messages"]' }),
    eva: await makePerson({ name: "Eva Week", digest: "weekly" }),
    fred: await makePerson({ name: "Fred Gestopt" }),
    gijs: await makePerson({ name: "Gijs Tuin" }),
  };
  await db.update(s.people).set({ email: null }).where(eq(s.people.id, people.bert.id));
  await makeInvolvement(w.initiative.id, people.anna.id, { activityId: meal.id });
  await makeInvolvement(w.initiative.id, people.anna.id, { role: "cook" }); // twice involved: one mail
  await makeInvolvement(w.initiative.id, people.bert.id);
  await makeInvolvement(w.initiative.id, people.carla.id);
  await makeInvolvement(w.initiative.id, people.dirk.id);
  await makeInvolvement(w.initiative.id, people.eva.id);
  await makeInvolvement(w.initiative.id, people.fred.id, { until: "2026-06-30" });
  await makeInvolvement(w.initiative.id, people.gijs.id, { activityId: garden.id });
  return { ...w, meal, garden, people };
}

const outboxOf = (messageId: string) =>
  db
    .select()
    .from(s.outbox)
    .where(and(eq(s.outbox.subjectType, "message"), eq(s.outbox.subjectId, messageId)));

describe("a message to the volunteers", () => {
  it("shows who it will reach and who not (by name and reason, no addresses), sends one mail per active volunteer, and lists it in the history", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    const page = await browser.get(`/initiatives/${w.initiative.id}/messages`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Aantal mensen dat dit bericht krijgt: 3.");
    expect(page.html).toContain("Bert Zonder: geen e-mailadres");
    expect(page.html).toContain("Carla Kapot: e-mailadres werkt niet");
    expect(page.html).toContain("Dirk Nee: wil geen berichten");
    expect(page.html).not.toContain("Fred Gestopt");
    expect(page.html).not.toContain(w.people.carla.email);
    expect(page.html).toContain(`hoogstens ${MESSAGES_PER_DAY} berichten per dag`);

    const res = await browser.post(`/initiatives/${w.initiative.id}/messages`, {
      activityId: "",
      subject: "Schoonmaakdag zaterdag",
      body: "Beste allemaal,\nZaterdag om 10 uur ruimen we de schuur op.\nTot dan!",
    });
    expect(res.status).toBe(303);
    const [message] = await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.initiativeId, w.initiative.id));
    expect(message).toMatchObject({ subject: "Schoonmaakdag zaterdag", recipients: 3, sentOn: TODAY, createdBy: w.coordinator.id });
    expect(JSON.parse(message!.skipped)).toEqual(
      expect.arrayContaining([
        { personId: w.people.bert.id, reason: "no_address" },
        { personId: w.people.carla.id, reason: "address_broken" },
        { personId: w.people.dirk.id, reason: "opted_out" },
      ]),
    );
    const rows = await outboxOf(message!.id);
    expect(rows.map((r) => r.personId).sort()).toEqual([w.people.anna.id, w.people.eva.id, w.people.gijs.id].sort());
    expect(rows.every((r) => r.kind === "message" && r.status === "queued" && r.subject === "Buurtmoestuin: Schoonmaakdag zaterdag")).toBe(
      true,
    );
    // Eva chose a weekly digest: her copy waits for Monday's digest.
    expect(rows.find((r) => r.personId === w.people.eva.id)?.nextAttemptAt).toBe("2026-11-22T21:00:00.000Z");
    expect(rows.find((r) => r.personId === w.people.anna.id)?.nextAttemptAt).toBe(AT);

    const after = await browser.get(res.location!);
    expect(after.html).toContain("Aantal ontvangers: 3. Niet verstuurd aan 3 mensen");
    expect(after.html).toContain("Schoonmaakdag zaterdag");
    expect(after.html).toContain("Niet verstuurd aan: 3");
    expect(after.html).toContain("door Cor Coördinator");
    expect(after.html).toContain("Verstuurd: 0. Wacht nog op de mail van morgenochtend of een weekoverzicht: 3.");

    const entry = (await loadHistory(db, w.initiative.id)).find((e) => e.entity === "message")!;
    expect(entry).toMatchObject({ action: "send", subject: "Schoonmaakdag zaterdag" });
    expect(JSON.parse(entry.changes)).toEqual({ subject: "Schoonmaakdag zaterdag", recipients: 3, skippedCount: 3 });
    const history = await browser.get(`/initiatives/${w.initiative.id}/history`);
    expect(history.html).toContain("Bericht aan de vrijwilligers");
    expect(history.html).toContain("Aantal ontvangers: 3");
  });

  it("for one activity reaches its own volunteers and those of the whole initiative", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`/initiatives/${w.initiative.id}/messages`);
    const sent = await browser.post(`/initiatives/${w.initiative.id}/messages`, {
      activityId: w.garden.id,
      subject: "Tuin",
      body: "Zaaien!",
    });
    expect((await browser.get(sent.location!)).html).toContain("bij Tuin");
    const [message] = await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.activityId, w.garden.id));
    const rows = await outboxOf(message!.id);
    // Gijs (the garden) and Anna and Eva (the whole initiative); not Anna's meal-only involvement twice.
    expect(rows.map((r) => r.personId).sort()).toEqual([w.people.anna.id, w.people.eva.id, w.people.gijs.id].sort());
    expect(JSON.parse(rows[0]!.payload!)).toMatchObject({
      activityName: "Tuin",
      initiativeName: "Buurtmoestuin",
      fromName: "Cor Coördinator",
    });
  });

  it("goes out with the daily run with the one-click unsubscribe headers, in the recipient's words", async () => {
    await isolate();
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`/initiatives/${w.initiative.id}/messages`);
    await browser.post(`/initiatives/${w.initiative.id}/messages`, {
      subject: "Nieuwe sleutel",
      body: "De sleutel hangt nu in het kastje.",
    });
    const resend = fakeResend();
    try {
      await runCounted({ today: TODAY, now: AT, sending: true, resend });
    } finally {
      resend.restore();
    }
    const [anna] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.people.anna.id), eq(s.outbox.kind, "message")));
    expect(anna?.status).toBe("sent");
    const mail = resend.delivered.find((d) => d.to === w.people.anna.email)!;
    expect(mail.subject).toBe("Buurtmoestuin: Nieuwe sleutel");
    expect(mail.text).toContain("Een bericht van Cor Coördinator voor de vrijwilligers van Buurtmoestuin:");
    expect(mail.text).toContain("De sleutel hangt nu in het kastje.");
    expect(mail.text).toContain("Geen berichten van coördinatoren meer");
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers["List-Unsubscribe"]).toMatch(/^<http.*\/mail\/unsubscribe\/.+>$/);
    // Nobody skipped got it.
    expect(resend.delivered.map((d) => d.to)).not.toContain(w.people.carla.email);
    expect(resend.delivered.map((d) => d.to)).not.toContain(w.people.dirk.email);
    // Eva's waits for her digest day.
    const [eva] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.people.eva.id), eq(s.outbox.kind, "message")));
    expect(eva?.status).toBe("queued");
  });

  it("is refused with a message next to the fields when the subject is empty or the text too long, and writes nothing", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`/initiatives/${w.initiative.id}/messages`);
    const res = await browser.post(`/initiatives/${w.initiative.id}/messages`, { subject: "", body: "x".repeat(2001), activityId: "nope" });
    expect(res.status).toBe(422);
    expect(res.html).toContain('id="field-subject-error"');
    expect(res.html).toContain('id="field-body-error"');
    expect(res.html).toContain("Vul dit veld in.");
    expect(await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.initiativeId, w.initiative.id))).toEqual([]);
    const foreign = await browser.post(`/initiatives/${w.initiative.id}/messages`, { subject: "Hoi", body: "Hoi", activityId: "nope" });
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain('id="field-activityId-error"');
  });

  it(`allows ${MESSAGES_PER_DAY} per initiative per day and says so; the next one is refused and writes nothing`, async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    for (let i = 1; i <= MESSAGES_PER_DAY; i++) {
      await browser.get(`/initiatives/${w.initiative.id}/messages`);
      expect((await browser.post(`/initiatives/${w.initiative.id}/messages`, { subject: `Bericht ${i}`, body: "Tekst" })).status).toBe(303);
    }
    const page = await browser.get(`/initiatives/${w.initiative.id}/messages`);
    expect(page.html).toContain("Vandaag zijn er al 3 berichten gestuurd. Morgen kan het weer.");
    expect(page.html).not.toContain('id="message-form"');
    const outboxBefore = (await db.select().from(s.outbox)).length;
    const refused = await browser.post(`/initiatives/${w.initiative.id}/messages`, { subject: "Nog een", body: "Tekst" });
    expect(refused.status).toBe(429);
    expect(await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.initiativeId, w.initiative.id))).toHaveLength(
      MESSAGES_PER_DAY,
    );
    expect((await db.select().from(s.outbox)).length).toBe(outboxBefore);
    // The next day it can again.
    const tomorrow = await signedIn(w.coordinator.id, "2026-11-19T10:00:00.000Z");
    await tomorrow.get(`/initiatives/${w.initiative.id}/messages`);
    expect((await tomorrow.post(`/initiatives/${w.initiative.id}/messages`, { subject: "Morgen", body: "Tekst" })).status).toBe(303);
  });

  it("is for the initiative's coordinators and admins: partners, other coordinators and visitors are refused", async () => {
    const w = await world();
    const path = `/initiatives/${w.initiative.id}/messages`;
    const partner = await signedIn(w.partnerPerson.id, AT);
    expect((await partner.get(path)).status).toBe(403);
    await partner.get(`/initiatives/${w.initiative.id}`);
    expect((await partner.post(path, { subject: "Hoi", body: "Hoi" })).status).toBe(403);
    const other = await makePerson({ name: "Olga Anders" });
    await db.insert(s.initiativeCoordinators).values({ initiativeId: w.otherInitiative.id, personId: other.id });
    const otherBrowser = await signedIn(other.id, AT);
    expect((await otherBrowser.get(path)).status).toBe(403);
    expect((await new Browser(app).get(path)).status).toBe(303);
    const admin = await signedIn(w.admin.id, AT);
    expect((await admin.get(path)).status).toBe(200);
    expect(await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.initiativeId, w.initiative.id))).toEqual([]);
  });
});
