import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, checkinNotes, checkins } from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeCheckin, makeCoordinatorOf, makeInvolvement, makePartnerPersonIn, thisYear } from "../helpers/people-factories";

const fields = (over: Record<string, string> = {}) => ({
  status: "active",
  volunteers: "6",
  peopleReached: "140",
  wentWell: "Het oogstfeest",
  residentsOffer: "Gereedschap en zaden",
  neededFromPartners: "Een nieuw hek",
  nextYear: "Doorgaan met eigen inkomsten",
  story: "Ahmed leerde de kinderen tomaten kweken.",
  ...over,
});

const rowsFor = (initiativeId: string) => db.select().from(checkins).where(eq(checkins.initiativeId, initiativeId));

describe("this year's check-in", () => {
  it("shows the form with the number of volunteers prefilled from the involvements, and saves it", async () => {
    const { initiative, coordinator } = await makeWorld();
    const year = thisYear();
    const [a, b] = [await makePerson(), await makePerson()];
    await makeInvolvement(initiative.id, a.id, { since: `${year - 3}-01-01` });
    await makeInvolvement(initiative.id, a.id, { since: `${year}-02-01`, role: "cook" });
    await makeInvolvement(initiative.id, b.id, { since: `${year - 2}-01-01`, until: `${year}-01-01` });
    await makeInvolvement(initiative.id, (await makePerson()).id, { since: `${year - 2}-01-01`, until: `${year - 1}-12-31` });
    const browser = await signedIn(coordinator.id);
    const form = await browser.get(`/initiatives/${initiative.id}/checkins/${year}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="volunteers" type="number" value="2"');
    expect(form.html).not.toContain('name="version"');

    const res = await browser.post(`/initiatives/${initiative.id}/checkins/${year}`, fields({ peopleReached: "1.250" }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${initiative.id}#checkins`);
    const [row] = await rowsFor(initiative.id);
    expect(row).toMatchObject({
      year,
      volunteers: 6,
      peopleReached: 1250,
      story: "Ahmed leerde de kinderen tomaten kweken.",
      createdBy: coordinator.id,
      version: 1,
    });
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, row!.id));
    expect(trail.map((t) => t.action)).toEqual(["create"]);

    const again = await browser.get(`/initiatives/${initiative.id}/checkins/${year}`);
    expect(again.html).toContain('name="version" value="1"');
    const list = await browser.get(`/initiatives/${initiative.id}/checkins`);
    expect(list.html).toContain(`Jaarmoment ${year} aanvullen`);
    expect(list.html).toContain("1250 mensen bereikt");
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/checkins/${thisYear()}`);
    const res = await browser.post(
      `/initiatives/${initiative.id}/checkins/${thisYear()}`,
      fields({ status: "verdwenen", volunteers: "veel", peopleReached: "" }),
    );
    expect(res.status).toBe(422);
    expect(res.html).toContain("Kies een van de mogelijkheden.");
    expect(res.html).toContain("Vul een heel getal in");
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Ahmed leerde de kinderen tomaten kweken."); // the input is kept
    expect(await rowsFor(initiative.id)).toHaveLength(0);
  });

  it("refuses a stale save, keeping the input and showing what is stored now", async () => {
    const { initiative, coordinator } = await makeWorld();
    const year = thisYear();
    await makeCheckin(initiative.id, year, { story: "Eerste versie" });
    const first = await signedIn(coordinator.id);
    const second = await signedIn(coordinator.id);
    await first.get(`/initiatives/${initiative.id}/checkins/${year}`);
    await second.get(`/initiatives/${initiative.id}/checkins/${year}`);
    expect(
      (await first.post(`/initiatives/${initiative.id}/checkins/${year}`, fields({ story: "Versie van Anna", version: "1" }))).status,
    ).toBe(303);
    const stale = await second.post(`/initiatives/${initiative.id}/checkins/${year}`, fields({ story: "Versie van Bert", version: "1" }));
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit jaarmoment intussen opgeslagen");
    expect(stale.html).toContain("Versie van Bert");
    expect(stale.html).toContain("Versie van Anna");
    const [row] = await rowsFor(initiative.id);
    expect(row).toMatchObject({ story: "Versie van Anna", version: 2 });
  });

  it("refuses a second new check-in for a year that someone else created meanwhile", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/checkins/${thisYear()}`);
    await makeCheckin(initiative.id, thisYear(), { story: "Van iemand anders" });
    const res = await browser.post(`/initiatives/${initiative.id}/checkins/${thisYear()}`, fields());
    expect(res.status).toBe(409);
    const rows = await rowsFor(initiative.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.story).toBe("Van iemand anders");
  });

  it("refuses years that have not started", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/checkins`);
    const res = await browser.post(`/initiatives/${initiative.id}/checkins/${thisYear() + 1}`, fields());
    expect(res.status).toBe(422);
    expect(res.html).toContain("is nog niet begonnen");
    expect(await rowsFor(initiative.id)).toHaveLength(0);
  });

  it("has no page for a year outside 1900–2199 (and never a 500)", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/checkins`);
    for (const year of ["0050", "1899", "2200", "9999"]) {
      expect((await browser.get(`/initiatives/${initiative.id}/checkins/${year}`)).status, year).toBe(404);
      expect((await browser.post(`/initiatives/${initiative.id}/checkins/${year}`, fields())).status, year).toBe(404);
      expect((await browser.post(`/initiatives/${initiative.id}/checkins/${year}/notes`, { body: "x" })).status, year).toBe(404);
    }
    expect(await rowsFor(initiative.id)).toHaveLength(0);
  });
});

describe("a frozen check-in", () => {
  it("cannot be changed (409, nothing written) but takes a dated note with its author", async () => {
    const { initiative, coordinator } = await makeWorld();
    const old = await makeCheckin(initiative.id, 2020, { volunteers: 7, story: "Het eerste jaar" });
    const browser = await signedIn(coordinator.id);
    const page = await browser.get(`/initiatives/${initiative.id}/checkins/2020`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("bevroren");
    expect(page.html).not.toContain('id="checkin-form"');
    expect(page.html).toContain('id="note-form"');

    const refused = await browser.post(`/initiatives/${initiative.id}/checkins/2020`, fields({ volunteers: "9", version: "1" }));
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("Het jaarmoment van 2020 is bevroren en kan niet meer worden gewijzigd. Er is niets opgeslagen.");
    const row = await db.query.checkins.findFirst({ where: eq(checkins.id, old.id) });
    expect(row).toMatchObject({ volunteers: 7, story: "Het eerste jaar", version: 1 });

    const empty = await browser.post(`/initiatives/${initiative.id}/checkins/2020/notes`, { body: " " });
    expect(empty.status).toBe(422);
    const noted = await browser.post(`/initiatives/${initiative.id}/checkins/2020/notes`, { body: "Het waren er eigenlijk 9." });
    expect(noted.status).toBe(303);
    const notes = await db.select().from(checkinNotes).where(eq(checkinNotes.checkinId, old.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ body: "Het waren er eigenlijk 9.", createdBy: coordinator.id });
    const after = await browser.get(noted.location!);
    expect(after.html).toContain("Het waren er eigenlijk 9.");
    expect(after.html).toContain("door Cor Coördinator");
    expect((await db.query.checkins.findFirst({ where: eq(checkins.id, old.id) }))?.version).toBe(1);
    const timeline = await browser.get(`/initiatives/${initiative.id}/checkins`);
    expect(timeline.html).toContain("1 aanvulling(en)");
  });

  it("cannot be created for a closed year either", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    const page = await browser.get(`/initiatives/${initiative.id}/checkins/2020`);
    expect(page.status).toBe(404);
    await browser.get(`/initiatives/${initiative.id}/checkins`);
    const res = await browser.post(`/initiatives/${initiative.id}/checkins/2020`, fields());
    expect(res.status).toBe(409);
    expect(res.html).toContain("Het jaar 2020 is gesloten.");
    expect(await rowsFor(initiative.id)).toHaveLength(0);
  });
});

describe("who may see and write check-ins", () => {
  it("refuses another initiative's coordinator, partners and visitors; writes nothing", async () => {
    const { initiative, otherInitiative, partnerPerson } = await makeWorld();
    const old = await makeCheckin(initiative.id, 2020);
    const other = await signedIn((await makeCoordinatorOf(otherInitiative.id)).id);
    const partner = await signedIn(partnerPerson.id);
    for (const [who, browser] of [
      ["other coordinator", other],
      ["partner", partner],
    ] as const) {
      await browser.get("/");
      expect((await browser.post(`/initiatives/${initiative.id}/checkins/${thisYear()}`, fields())).status, who).toBe(403);
      expect((await browser.post(`/initiatives/${initiative.id}/checkins/2020/notes`, { body: "Van buiten" })).status, who).toBe(403);
    }
    expect((await other.get(`/initiatives/${initiative.id}/checkins/2020`)).status).toBe(403);
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(`/initiatives/${initiative.id}/checkins/${thisYear()}`, fields())).status).toBe(401);
    expect(await rowsFor(initiative.id)).toHaveLength(1);
    expect(await db.select().from(checkinNotes).where(eq(checkinNotes.checkinId, old.id))).toHaveLength(0);
  });

  it("lets a linked partner read check-ins (never the form); a partner elsewhere reads nothing", async () => {
    const { initiative, otherHood, partnerPerson } = await makeWorld();
    await makeCheckin(initiative.id, 2020, { story: "Oud verhaal" });
    await makeCheckin(initiative.id, thisYear(), { story: "Vers verhaal" });
    const partner = await signedIn(partnerPerson.id);
    const frozen = await partner.get(`/initiatives/${initiative.id}/checkins/2020`);
    expect(frozen.status).toBe(200);
    expect(frozen.html).toContain("Oud verhaal");
    expect(frozen.html).not.toContain('id="note-form"');
    const open = await partner.get(`/initiatives/${initiative.id}/checkins/${thisYear()}`);
    expect(open.status).toBe(200);
    expect(open.html).toContain("Vers verhaal");
    expect(open.html).not.toContain('id="checkin-form"');
    const timeline = await partner.get(`/initiatives/${initiative.id}/checkins`);
    expect(timeline.status).toBe(200);
    expect(timeline.html).not.toContain("invullen");
    expect(timeline.html).not.toContain("aanvullen");
    const elsewhere = await signedIn((await makePartnerPersonIn(otherHood.id)).id);
    expect((await elsewhere.get(`/initiatives/${initiative.id}/checkins/2020`)).status).toBe(403);
    expect(
      (
        await db
          .select()
          .from(checkins)
          .where(and(eq(checkins.initiativeId, initiative.id)))
      ).length,
    ).toBe(2);
  });
});
