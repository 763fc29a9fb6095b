// Succession on the screens: a coordinator names a reserve and writes the handover note on a
// critical role; only the initiative's coordinators (and admins) see or change it; stopping the
// role hands it over and says so; the history tells it in words.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeInvolvement } from "../helpers/people-factories";
import { makeMailTask } from "../helpers/mail-factories";

const AT = "2026-11-20T10:00:00.000Z";
const NOTE = "Sleutel ligt bij Fatma op nummer 12. Alarmcode via de coördinator.";

async function world() {
  const w = await makeWorld();
  await makeActivity(w.initiative.id, { name: "Maaltijd" });
  const holder = await makePerson({ name: "Hanna Houder", neighbourhoodId: w.hood.id });
  const reserve = await makePerson({ name: "Rob Reserve", neighbourhoodId: w.hood.id });
  const critical = await makeInvolvement(w.initiative.id, holder.id, { role: "key_holder", critical: true, since: "2024-01-01" });
  const plain = await makeInvolvement(w.initiative.id, reserve.id, { role: "volunteer", since: "2024-01-01" });
  return { ...w, holder, reserve, critical, plain };
}

const edit = (w: Awaited<ReturnType<typeof world>>, id: string) => `/initiatives/${w.initiative.id}/involvements/${id}`;
const stored = async (id: string) => (await db.query.involvements.findFirst({ where: eq(s.involvements.id, id) }))!;

describe("a reserve and a handover note on a critical role", () => {
  it("are named and written by a coordinator; the key-person risk drops one step; the note stays on the involvement's own page", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    const page = await browser.get(`${edit(w, w.critical.id)}/edit`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="succession"');
    expect(page.html).toContain("Er is geen reserve. Als Hanna Houder stopt");
    const res = await browser.post(`${edit(w, w.critical.id)}/succession`, {
      version: "1",
      reservePersonId: w.reserve.id,
      handoverNote: NOTE,
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#volunteers`);
    expect(await stored(w.critical.id)).toMatchObject({ reservePersonId: w.reserve.id, handoverNote: NOTE, version: 2 });

    const initiativePage = await browser.get(`/initiatives/${w.initiative.id}`);
    expect(initiativePage.html).toContain("Opvolging opgeslagen voor Hanna Houder.");
    expect(initiativePage.html).toContain("reserve: Rob Reserve");
    expect(initiativePage.html).not.toContain(NOTE);
    const again = await browser.get(`${edit(w, w.critical.id)}/edit`);
    expect(again.html).toContain(NOTE);
    expect(again.html).toContain("gaan de taken op naam van Hanna Houder naar de reserve, Rob Reserve");
    const risk = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.initiativeId, w.initiative.id) });
    expect(JSON.parse(risk!.flags)).toEqual(expect.arrayContaining([expect.objectContaining({ rule: "key_person", severity: "watch" })]));
    // The initiative page explains it in words.
    expect(initiativePage.html).toContain("Er is een reserve die het kan overnemen.");

    const history = await browser.get(`/initiatives/${w.initiative.id}/history`);
    expect(history.html).toContain("opvolging gewijzigd");
    expect(history.html).toContain("Reserve: — → Rob Reserve");
    expect(history.html).toContain("Overdrachtsnotitie: aangepast (de inhoud staat niet in de geschiedenis)");
    expect(history.html).not.toContain("Alarmcode");
  });

  it("are refused with a message next to the field: the holder as their own reserve, a role that is not critical, a stale form", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`${edit(w, w.critical.id)}/edit`);
    const self = await browser.post(`${edit(w, w.critical.id)}/succession`, {
      version: "1",
      reservePersonId: w.holder.id,
      handoverNote: "",
    });
    expect(self.status).toBe(422);
    expect(self.html).toContain("Kies iemand anders: de reserve kan niet dezelfde persoon zijn.");
    expect(self.html).toContain('id="field-reservePersonId-error"');

    const plainPage = await browser.get(`${edit(w, w.plain.id)}/edit`);
    expect(plainPage.html).toContain("horen bij een onmisbare rol");
    const notCritical = await browser.post(`${edit(w, w.plain.id)}/succession`, {
      version: "1",
      reservePersonId: w.holder.id,
      handoverNote: "",
    });
    expect(notCritical.status).toBe(422);
    expect(notCritical.html).toContain("Dit kan alleen bij een onmisbare rol.");

    await browser.get(`${edit(w, w.critical.id)}/edit`);
    await browser.post(`${edit(w, w.critical.id)}/succession`, { version: "1", reservePersonId: w.reserve.id, handoverNote: "Eerste" });
    await browser.get(`${edit(w, w.critical.id)}/edit`);
    const stale = await browser.post(`${edit(w, w.critical.id)}/succession`, { version: "1", reservePersonId: "", handoverNote: "Tweede" });
    expect(stale.status).toBe(409);
    expect(await stored(w.critical.id)).toMatchObject({ reservePersonId: w.reserve.id, handoverNote: "Eerste" });
    expect(await stored(w.plain.id)).toMatchObject({ reservePersonId: null, handoverNote: "" });
  });

  it("are the initiative's coordinators' only: a partner and another coordinator are refused and see no note", async () => {
    const w = await world();
    await db.update(s.involvements).set({ reservePersonId: w.reserve.id, handoverNote: NOTE }).where(eq(s.involvements.id, w.critical.id));
    const partner = await signedIn(w.partnerPerson.id, AT);
    const seen = await partner.get(`/initiatives/${w.initiative.id}`);
    expect(seen.status).toBe(200);
    expect(seen.html).not.toContain(NOTE);
    expect(seen.html).not.toContain("reserve: Rob Reserve");
    expect((await partner.get(`/initiatives/${w.initiative.id}/involvements`)).html).not.toContain(NOTE);
    expect((await partner.get(`${edit(w, w.critical.id)}/edit`)).status).toBe(403);
    const refused = await partner.post(`${edit(w, w.critical.id)}/succession`, { version: "1", reservePersonId: "", handoverNote: "Weg" });
    expect(refused.status).toBe(403);

    const other = await makePerson({ name: "Olga Anders" });
    await db.insert(s.initiativeCoordinators).values({ initiativeId: w.otherInitiative.id, personId: other.id });
    const otherBrowser = await signedIn(other.id, AT);
    await otherBrowser.get(`/initiatives/${w.otherInitiative.id}`);
    expect(
      (await otherBrowser.post(`${edit(w, w.critical.id)}/succession`, { version: "1", reservePersonId: "", handoverNote: "" })).status,
    ).toBe(403);
    expect(await stored(w.critical.id)).toMatchObject({ reservePersonId: w.reserve.id, handoverNote: NOTE, version: 1 });
  });
});

describe("stopping a critical role", () => {
  it("hands its tasks to the reserve, queues the reserve's mail, says so after the save and in the history", async () => {
    const w = await world();
    await db.update(s.involvements).set({ reservePersonId: w.reserve.id, handoverNote: NOTE }).where(eq(s.involvements.id, w.critical.id));
    const task = await makeMailTask(w.initiative.id, { title: "Sleutels tellen", assigneeRoles: "[]", dueOn: "2027-01-10" });
    await db.insert(s.taskAssignees).values({ taskId: task.id, personId: w.holder.id });
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`${edit(w, w.critical.id)}/edit`);
    const res = await browser.post(`${edit(w, w.critical.id)}/ending`, { version: "1", lastDay: "2026-11-30" });
    expect(res.status).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.html).toContain("Hanna Houder is gestopt als vrijwilliger.");
    expect(page.html).toContain("Taken op naam die overgaan naar Rob Reserve: 1.");
    expect(page.html).toContain("Rob Reserve krijgt de overdrachtsnotitie en de open taken met de volgende mail.");
    expect((await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task.id))).map((a) => a.personId)).toEqual([
      w.reserve.id,
    ]);
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.personId, w.reserve.id));
    expect(mail).toMatchObject({ kind: "handover", status: "queued" });

    const history = await browser.get(`/initiatives/${w.initiative.id}/history`);
    expect(history.html).toContain("overgedragen");
    expect(history.html).toContain("Overgedragen aan: Rob Reserve");
    expect(history.html).toContain("Taken op naam verplaatst: Sleutels tellen");
    expect(history.html).toContain("Mail aan de reserve: gaat mee met de volgende mail");
  });
});
