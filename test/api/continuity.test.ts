// The API of issue 18: a critical role's succession (admins only; never part of the involvement
// record), messages to the volunteers (admins; the daily limit as 429), an initiative's calendar.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import * as s from "../../src/db/schema";
import { MESSAGES_PER_DAY } from "../../src/domain/messages/volunteer-messages";
import { adminToken, api, apiWorld } from "../helpers/api-factories";
import { db, makePerson } from "../helpers/factories";
import { makeMailTask } from "../helpers/mail-factories";

describe("a critical role's succession", () => {
  it("is read and set by admins with the involvement's version; the note never appears in the involvement record", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const reserve = await makePerson({ name: "Rob Reserve", neighbourhoodId: w.hood.id });
    const id = w.here.involvement.id;
    const empty = await api(`/api/v1/involvements/${id}/succession`, { token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ involvementId: id, reservePersonId: null, reserveName: null, handoverNote: "", version: 1 });

    const set = await api(`/api/v1/involvements/${id}/succession`, {
      token,
      body: { reservePersonId: reserve.id, handoverNote: "Sleutel bij de buren.", version: 1 },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({
      reservePersonId: reserve.id,
      reserveName: "Rob Reserve",
      handoverNote: "Sleutel bij de buren.",
      version: 2,
    });
    // PATCH semantics: what is not sent stays.
    const noteOnly = await api(`/api/v1/involvements/${id}/succession`, { token, body: { handoverNote: "Nieuw.", version: 2 } });
    expect(noteOnly.body).toMatchObject({ reservePersonId: reserve.id, handoverNote: "Nieuw.", version: 3 });
    const stale = await api(`/api/v1/involvements/${id}/succession`, { token, body: { handoverNote: "Oud.", version: 2 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ handoverNote: "Nieuw." });

    const record = await api(`/api/v1/involvements/${id}`, { token });
    expect(record.body.reservePersonId).toBe(reserve.id);
    expect(record.body).not.toHaveProperty("handoverNote");
    const listed = await api(`/api/v1/involvements?initiativeId=${w.initiative.id}`, { token: w.partnerTok });
    expect(JSON.stringify(listed.body)).not.toContain("Nieuw.");
    expect((await api(`/api/v1/involvements/${id}/succession`, { token: w.partnerTok })).status).toBe(403);
  });

  it("answers bad input with 422 naming the field, and writes nothing", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const id = w.here.involvement.id;
    const self = await api(`/api/v1/involvements/${id}/succession`, { token, body: { reservePersonId: w.here.volunteer.id, version: 1 } });
    expect(self.status).toBe(422);
    expect(self.body.error.fields).toEqual([
      { path: "reservePersonId", message: "Kies iemand anders: de reserve kan niet dezelfde persoon zijn." },
    ]);
    const long = await api(`/api/v1/involvements/${id}/succession`, { token, body: { handoverNote: "x".repeat(2001), version: 1 } });
    expect(long.status).toBe(422);
    expect(long.body.error.fields[0].path).toBe("handoverNote");
    const unknown = await api(`/api/v1/involvements/${id}/succession`, { token, body: { reserve: "x", version: 1 } });
    expect(unknown.status).toBe(422);
    expect((await db.query.involvements.findFirst({ where: eq(s.involvements.id, id) }))?.version).toBe(1);
  });

  it("ending the role through the API hands it over too", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const reserve = await makePerson({ name: "Rob Reserve", neighbourhoodId: w.hood.id });
    const id = w.here.involvement.id;
    await api(`/api/v1/involvements/${id}/succession`, {
      token,
      body: { reservePersonId: reserve.id, handoverNote: "Recepten in de la.", version: 1 },
    });
    const task = await makeMailTask(w.initiative.id, { title: "Boodschappen", assigneeRoles: "[]", dueOn: "2026-07-01" });
    await db.insert(s.taskAssignees).values({ taskId: task.id, personId: w.here.volunteer.id });
    const ended = await api(`/api/v1/involvements/${id}/ending`, { token, body: { lastDay: "2026-06-30", version: 2 } });
    expect(ended.status, ended.text).toBe(200);
    expect((await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task.id))).map((a) => a.personId)).toEqual([
      reserve.id,
    ]);
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.personId, reserve.id));
    expect(JSON.parse(mail!.payload!)).toMatchObject({
      note: "Recepten in de la.",
      tasks: [{ title: "Boodschappen", dueOn: "2026-07-01" }],
    });
  });
});

describe("messages to the volunteers", () => {
  it("are sent by admins, answer who was skipped, and stop at the daily limit with 429", async () => {
    const w = await apiWorld();
    const { token, admin } = await adminToken();
    const sent = await api("/api/v1/messages", { token, body: { initiativeId: w.initiative.id, subject: "Hallo", body: "Tot zaterdag." } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({ initiativeId: w.initiative.id, subject: "Hallo", recipients: 1, createdBy: admin.id, skipped: [] });
    expect((await api(`/api/v1/messages/${sent.body.id}`, { token })).body.subject).toBe("Hallo");
    const list = await api(`/api/v1/messages?initiativeId=${w.initiative.id}`, { token });
    expect(list.body.data.map((m: { subject: string }) => m.subject)).toContain("Hallo");
    for (let i = 1; i < MESSAGES_PER_DAY; i++)
      expect(
        (await api("/api/v1/messages", { token, body: { initiativeId: w.initiative.id, subject: `Nog ${i}`, body: "x" } })).status,
      ).toBe(201);
    const refused = await api("/api/v1/messages", { token, body: { initiativeId: w.initiative.id, subject: "Te veel", body: "x" } });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: "rate_limited",
      message: "Vandaag zijn er al 3 berichten gestuurd. Morgen kan het weer.",
    });
    const bad = await api("/api/v1/messages", { token, body: { initiativeId: w.otherInitiative.id, subject: "", body: "x" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["subject"]);
    expect(
      (await api("/api/v1/messages", { token: w.partnerTok, body: { initiativeId: w.initiative.id, subject: "Hoi", body: "x" } })).status,
    ).toBe(403);
  });
});

describe("an initiative's calendar", () => {
  it("is iCalendar for whoever may read the initiative", async () => {
    const w = await apiWorld();
    const res = await api(`/api/v1/initiatives/${w.initiative.id}/calendar`, { token: w.partnerTok });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
    expect((await api(`/api/v1/initiatives/${w.otherInitiative.id}/calendar`, { token: w.partnerTok })).status).toBe(403);
  });
});
