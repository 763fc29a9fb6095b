// Calendar subscriptions: a secret address per person (at /preferences) and per coordinator and
// initiative; the feed parsed with a real iCalendar parser (ical.js); revoking or replacing an
// address makes the old one 404; whose the feed is decides what it shows, at every fetch.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import * as s from "../../src/db/schema";
import { erasePerson } from "../../src/domain/data/erasure";
import { Browser } from "../helpers/browser";
import { appAt, db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeCommitment, makeFacility, makeFunding } from "../helpers/money-factories";
import { makeInvolvement } from "../helpers/people-factories";
import { makeMailTask } from "../helpers/mail-factories";

const AT = "2026-11-20T10:00:00.000Z";
const app = appAt(AT);

async function feed(url: string) {
  const res = await app(new Request(url));
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, type: res.headers.get("content-type"), text, events: [] };
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    text,
    events: events.map((e) => ({
      uid: e.uid,
      summary: e.summary,
      date: e.startDate.toString(),
      allDay: e.startDate.isDate,
      description: e.description,
    })),
  };
}

/** An initiative with one of every dated thing, and a second one where a volunteer has a task by name. */
async function world() {
  const w = await makeWorld();
  await db.update(s.initiatives).set({ name: "Moestuin, De Vlinder; oost" }).where(eq(s.initiatives.id, w.initiative.id));
  const facility = await makeFacility(w.hood.id, { name: "Buurthuis De Linde", agreementEndsOn: "2027-08-31" });
  const activity = await makeActivity(w.initiative.id, { facilityId: facility.id });
  await makeFunding(w.initiative.id, { sourceName: "Wijkbudget", endsOn: "2027-06-30", reportDueOn: "2027-09-15" }, [activity.id]);
  await makeCommitment(w.initiative.id, w.partner.id, { description: "Zaal op dinsdag", endsOn: "2027-03-31" });
  await makeMailTask(w.initiative.id, { title: "AED controleren", dueOn: "2027-01-15", assigneeRoles: '["treasurer"]' });
  await makeMailTask(w.initiative.id, { title: "Oude taak", dueOn: "2024-01-15", archivedAt: "2025-01-01T00:00:00.000Z" });
  // Elsewhere: a volunteer who is asked one task by name.
  const volunteer = await makePerson({ name: "Vera Vrijwilliger" });
  await makeInvolvement(w.otherInitiative.id, volunteer.id, { role: "volunteer" });
  const theirs = await makeMailTask(w.otherInitiative.id, { title: "Planten water geven", dueOn: "2026-12-01", assigneeRoles: "[]" });
  await makeMailTask(w.otherInitiative.id, { title: "Niet van Vera", dueOn: "2026-12-02", assigneeRoles: "[]" });
  await db.insert(s.taskAssignees).values({ taskId: theirs.id, personId: volunteer.id });
  await makeFunding(w.otherInitiative.id, { sourceName: "Fonds Elders", endsOn: "2027-02-28" });
  return { ...w, volunteer };
}

const urlIn = (html: string) => html.match(/value="(http:\/\/localhost\/calendar\/wkc_[A-Za-z0-9_-]+\.ics)"/)?.[1];

describe("a person's own calendar at /preferences", () => {
  it("makes a secret address shown once, whose feed a calendar app reads; a new address or revoking makes the old one 404", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    const page = await browser.get("/preferences");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Agenda-adres maken");
    const made = await browser.post("/preferences/calendar");
    expect(made.status).toBe(200);
    const url = urlIn(made.html)!;
    expect(url).toBeTruthy();
    expect(made.html).toContain(`href="${url.replace("http:", "webcal:")}"`);
    // Only its hash is stored.
    const rows = await db.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.personId, w.coordinator.id));
    const token = url.slice(url.lastIndexOf("/") + 1, -4);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    // Reloading the page does not show it again.
    expect(urlIn((await browser.get("/preferences")).html)).toBeUndefined();

    const first = await feed(url);
    expect(first.status).toBe(200);
    expect(first.type).toBe("text/calendar; charset=utf-8");
    const name = "Moestuin, De Vlinder; oost";
    const byDate = Object.fromEntries(first.events.map((e) => [e.summary, e.date]));
    expect(byDate).toEqual({
      [`AED controleren (${name})`]: "2027-01-15",
      [`Geld stopt: Wijkbudget (${name})`]: "2027-06-30",
      [`Verantwoording: Wijkbudget (${name})`]: "2027-09-15",
      [`Steunafspraak stopt: Woonstichting Test (${name})`]: "2027-03-31",
      "Afspraak over Buurthuis De Linde loopt af": "2027-08-31",
      [`Laatste dag jaarmoment 2026: ${name}`]: "2027-02-01",
    });
    expect(first.events.every((e) => e.allDay)).toBe(true);
    expect(first.text).toContain("X-WR-CALNAME:Wijkonderhoud: Cor Coördinator");
    // Stable UIDs: the next fetch has the same ones.
    expect((await feed(url)).events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));
    expect(new Set(first.events.map((e) => e.uid)).size).toBe(first.events.length);
    expect((await db.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.personId, w.coordinator.id)))[0]?.lastUsedOn).toBe(
      "2026-11-20",
    );

    // A new address replaces the old one.
    await browser.get("/preferences");
    const renewed = urlIn((await browser.post("/preferences/calendar")).html)!;
    expect(renewed).not.toBe(url);
    expect((await feed(url)).status).toBe(404);
    expect((await feed(renewed)).status).toBe(200);
    // Revoked: gone.
    await browser.get("/preferences");
    const revoked = await browser.post("/preferences/calendar/revocation");
    expect(revoked.status).toBe(303);
    expect((await feed(renewed)).status).toBe(404);
    expect((await browser.get("/preferences")).html).toContain("Je hebt nog geen agenda-adres.");
  });

  it("shows a volunteer their own tasks elsewhere and a partner their organisation's commitments, nothing more", async () => {
    const w = await world();
    const volunteer = await signedIn(w.volunteer.id, AT);
    await volunteer.get("/preferences");
    const mine = await feed(urlIn((await volunteer.post("/preferences/calendar")).html)!);
    expect(mine.events.map((e) => e.summary)).toEqual(["Planten water geven (Taalcafé)"]);

    const partner = await signedIn(w.partnerPerson.id, AT);
    await partner.get("/preferences");
    const theirs = await feed(urlIn((await partner.post("/preferences/calendar")).html)!);
    expect(theirs.events.map((e) => e.summary)).toEqual(["Steunafspraak stopt: Woonstichting Test (Moestuin, De Vlinder; oost)"]);
  });

  it("answers 404 for an unknown address, one without .ics, and an erased person's", async () => {
    const w = await world();
    expect((await feed("http://localhost/calendar/wkc_nothing.ics")).status).toBe(404);
    const browser = await signedIn(w.volunteer.id, AT);
    await browser.get("/preferences");
    const url = urlIn((await browser.post("/preferences/calendar")).html)!;
    expect((await feed(url.slice(0, -4))).status).toBe(404);
    await erasePerson(db, w.volunteer.id, null, new Date(AT), env.DOCUMENTS);
    expect((await feed(url)).status).toBe(404);
  });

  it("needs a signed-in person and the form's CSRF token", async () => {
    const visitor = new Browser(app);
    const res = await visitor.post("/preferences/calendar", {}, { csrf: null });
    expect([303, 401, 403]).toContain(res.status);
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get("/preferences");
    expect((await browser.post("/preferences/calendar", {}, { csrf: "forged" })).status).toBe(403);
    expect(await db.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.personId, w.coordinator.id))).toEqual([]);
  });
});

describe("an initiative's calendar, for its coordinators", () => {
  it("lets a coordinator subscribe to the initiative's dates; the address stops working when they stop coordinating", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id, AT);
    const page = await browser.get(`/initiatives/${w.initiative.id}/calendar`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("De eerstvolgende data in de agenda");
    expect(page.html).toContain("AED controleren");
    const made = await browser.post(`/initiatives/${w.initiative.id}/calendar`);
    const url = urlIn(made.html)!;
    const fed = await feed(url);
    expect(fed.events.map((e) => e.summary)).toContain("Geld stopt: Wijkbudget (Moestuin, De Vlinder; oost)");
    expect(fed.events.some((e) => e.summary.includes("Taalcafé"))).toBe(false);
    expect(fed.text).toContain("X-WR-CALNAME:Wijkonderhoud: Moestuin\\, De Vlinder\\; oost");
    // The initiative page links to it.
    expect((await browser.get(`/initiatives/${w.initiative.id}`)).html).toContain(`/initiatives/${w.initiative.id}/calendar`);

    await db.delete(s.initiativeCoordinators).where(eq(s.initiativeCoordinators.personId, w.coordinator.id));
    expect((await feed(url)).status).toBe(404);
  });

  it("refuses partners, other coordinators and visitors", async () => {
    const w = await world();
    const path = `/initiatives/${w.initiative.id}/calendar`;
    const partner = await signedIn(w.partnerPerson.id, AT);
    expect((await partner.get(path)).status).toBe(403);
    const other = await makePerson({ name: "Olga Anders" });
    await db.insert(s.initiativeCoordinators).values({ initiativeId: w.otherInitiative.id, personId: other.id });
    const otherBrowser = await signedIn(other.id, AT);
    expect((await otherBrowser.get(path)).status).toBe(403);
    await otherBrowser.get(`/initiatives/${w.otherInitiative.id}`);
    expect((await otherBrowser.post(path)).status).toBe(403);
    expect((await otherBrowser.post(`${path}/revocation`)).status).toBe(403);
    const visitor = new Browser(app);
    expect((await visitor.get(path)).status).toBe(303);
    expect(await db.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.initiativeId, w.initiative.id))).toEqual([]);
  });
});
