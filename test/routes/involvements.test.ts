import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, involvements, people } from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeCoordinatorOf, makeInvolvement, makePartnerPersonIn } from "../helpers/people-factories";
import { todayInAmsterdam } from "../../src/lib/dates";

const count = async (initiativeId: string) =>
  (await db.select().from(involvements).where(eq(involvements.initiativeId, initiativeId))).length;

describe("a coordinator adds volunteers", () => {
  it("adds a new resident with only a name, in the initiative's neighbourhood, and shows them on the list", async () => {
    const { hood, initiative, coordinator } = await makeWorld();
    const activity = await makeActivity(initiative.id, { name: "Oogstfeest" });
    const browser = await signedIn(coordinator.id);
    const form = await browser.get(`/initiatives/${initiative.id}/involvements/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('list="field-role-suggestions"');
    expect(form.html).toContain("Als deze persoon wegvalt, stopt de activiteit.");
    expect(form.html).toContain(`value="${todayInAmsterdam(new Date())}"`); // since defaults to today
    const res = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      name: "Ria Hendriks",
      email: "",
      phone: "",
      role: "Sleutelhouder",
      critical: "on",
      activityId: activity.id,
      since: "2025-04-01",
      until: "",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${initiative.id}#volunteers`);
    const person = await db.query.people.findFirst({ where: eq(people.name, "Ria Hendriks") });
    expect(person).toMatchObject({ email: null, neighbourhoodId: hood.id, locale: "nl", createdBy: coordinator.id });
    const row = await db.query.involvements.findFirst({ where: eq(involvements.personId, person!.id) });
    expect(row).toMatchObject({
      initiativeId: initiative.id,
      activityId: activity.id,
      role: "key_holder",
      critical: true,
      since: "2025-04-01",
      until: null,
    });
    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "involvement"), eq(auditLog.entityId, row!.id)));
    expect(trail.map((a) => a.actorId)).toEqual([coordinator.id]);

    const list = await browser.get(`/initiatives/${initiative.id}/involvements`);
    expect(list.html).toContain("Ria Hendriks");
    expect(list.html).toContain("sleutelhouder");
    expect(list.html).toContain('<mark class="badge">onmisbaar</mark>');
    expect(list.html).toContain("bij Oogstfeest");
    expect(list.html).toContain("1 actief");
  });

  it("picks a person who is already known in the neighbourhood", async () => {
    const { hood, initiative, coordinator } = await makeWorld();
    const neighbour = await makePerson({ name: "Gerrit Buurman", neighbourhoodId: hood.id });
    const browser = await signedIn(coordinator.id);
    const form = await browser.get(`/initiatives/${initiative.id}/involvements/new`);
    expect(form.html).toContain("Gerrit Buurman");
    const res = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      personId: neighbour.id,
      role: "kok",
      since: "2026-01-01",
    });
    expect(res.status).toBe(303);
    const rows = await db.select().from(involvements).where(eq(involvements.personId, neighbour.id));
    expect(rows.map((r) => r.role)).toEqual(["cook"]);
  });

  it("links the existing person when the email is already known, and says so", async () => {
    const { initiative, coordinator } = await makeWorld();
    const known = await makePerson({ name: "Samira Bakker", email: "samira@example.org" });
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/involvements/new`);
    const before = (await db.select().from(people)).length;
    const res = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      name: "S. Bakker",
      email: "SAMIRA@example.org",
      role: "vrijwilliger",
      since: "2026-01-01",
    });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(new RegExp(`^/initiatives/${initiative.id}/involvements\\?linked=`));
    expect((await db.select().from(people)).length).toBe(before);
    expect(await db.select().from(involvements).where(eq(involvements.personId, known.id))).toHaveLength(1);
    const page = await browser.get(res.location!);
    expect(page.html).toContain("Het e-mailadres samira@example.org hoorde al bij Samira Bakker. We hebben Samira Bakker gekoppeld.");
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const { initiative, otherInitiative, coordinator } = await makeWorld();
    const foreignActivity = await makeActivity(otherInitiative.id);
    const stranger = await makePerson({ name: "Onbekende Buitenstaander" });
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/involvements/new`);
    const peopleBefore = (await db.select().from(people)).length;

    const empty = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      name: "",
      role: "",
      since: "2026-05-01",
      until: "2026-04-01",
      email: "geen-mail",
    });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain("Vul dit veld in.");
    expect(empty.html).toContain("Vul een geldig e-mailadres in");
    const order = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      name: "Piet",
      role: "kok",
      since: "2026-05-01",
      until: "2026-04-01",
    });
    expect(order.status).toBe(422);
    expect(order.html).toContain("Deze datum ligt vóór de startdatum.");
    expect(order.html).toContain('value="Piet"');
    const foreign = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      name: "Piet",
      role: "kok",
      since: "2026-01-01",
      activityId: foreignActivity.id,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain("Kies een van de mogelijkheden.");
    const outsider = await browser.post(`/initiatives/${initiative.id}/involvements`, {
      personId: stranger.id,
      role: "kok",
      since: "2026-01-01",
    });
    expect(outsider.status).toBe(422);

    expect(await count(initiative.id)).toBe(0);
    expect((await db.select().from(people)).length).toBe(peopleBefore);
  });

  it("takes a date only as a real day written year-month-day: 01-02-2026 and year 0001 come back with the message below the field", async () => {
    const { initiative, coordinator } = await makeWorld();
    const browser = await signedIn(coordinator.id);
    await browser.get(`/initiatives/${initiative.id}/involvements/new`);
    const peopleBefore = (await db.select().from(people)).length;
    for (const [since, until] of [
      ["01-02-2026", ""],
      ["0001-11-23", ""],
      ["2026-02-01", "2026-02-30"],
    ]) {
      const res = await browser.post(`/initiatives/${initiative.id}/involvements`, {
        name: "Piet",
        role: "kok",
        since: since!,
        until: until!,
      });
      expect(res.status, since).toBe(422);
      const field = since === "2026-02-01" ? "until" : "since";
      expect(res.html).toContain(
        `<small id="field-${field}-error" class="field-error">Vul een bestaande datum in als jaar-maand-dag, bijvoorbeeld 2026-12-31 (tussen 1900 en 2199).</small>`,
      );
      expect(res.html).toContain(`value="${field === "since" ? since : until}"`); // the input is kept to correct
    }
    expect(await count(initiative.id)).toBe(0);
    expect((await db.select().from(people)).length).toBe(peopleBefore);
  });
});

describe("changing and stopping a volunteer", () => {
  it("saves a change with the version, and refuses a stale form, keeping the input and showing what is stored", async () => {
    const { initiative, coordinator } = await makeWorld();
    const inv = await makeInvolvement(initiative.id, (await makePerson({ name: "Wim Wisselaar" })).id, { since: "2024-01-01" });
    const first = await signedIn(coordinator.id);
    const second = await signedIn(coordinator.id);
    const form = await first.get(`/initiatives/${initiative.id}/involvements/${inv.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="vrijwilliger"');
    await second.get(`/initiatives/${initiative.id}/involvements/${inv.id}/edit`);

    const saved = await first.post(`/initiatives/${initiative.id}/involvements/${inv.id}`, {
      role: "penningmeester",
      critical: "on",
      since: "2024-01-01",
      until: "",
      version: "1",
    });
    expect(saved.status).toBe(303);
    const stale = await second.post(`/initiatives/${initiative.id}/involvements/${inv.id}`, {
      role: "kok",
      since: "2023-01-01",
      until: "",
      version: "1",
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.html).toContain('value="kok"');
    expect(stale.html).toContain("<strong>penningmeester</strong>");
    const row = await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) });
    expect(row).toMatchObject({ role: "treasurer", critical: true, since: "2024-01-01", version: 2 });

    const invalid = await first.post(`/initiatives/${initiative.id}/involvements/${inv.id}`, { role: "", since: "gisteren", version: "2" });
    expect(invalid.status).toBe(422);
    expect((await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) }))?.version).toBe(2);
  });

  it("stops a role by setting the last day (today by default), never deleting it", async () => {
    const { initiative, coordinator } = await makeWorld();
    const inv = await makeInvolvement(initiative.id, (await makePerson({ name: "Els Eindhoven" })).id, { since: "2022-03-01" });
    const browser = await signedIn(coordinator.id);
    const form = await browser.get(`/initiatives/${initiative.id}/involvements/${inv.id}/edit`);
    expect(form.html).toContain(`name="lastDay" type="date" value="${todayInAmsterdam(new Date())}"`);

    const early = await browser.post(`/initiatives/${initiative.id}/involvements/${inv.id}/ending`, {
      lastDay: "2022-02-28",
      version: "1",
    });
    expect(early.status).toBe(422);
    expect(early.html).toContain("Deze datum ligt vóór de startdatum.");
    const res = await browser.post(`/initiatives/${initiative.id}/involvements/${inv.id}/ending`, { lastDay: "2025-12-31", version: "1" });
    expect(res.status).toBe(303);
    const stale = await browser.post(`/initiatives/${initiative.id}/involvements/${inv.id}/ending`, {
      lastDay: "2025-11-30",
      version: "1",
    });
    expect(stale.status).toBe(409);
    const row = await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) });
    expect(row).toMatchObject({ since: "2022-03-01", until: "2025-12-31", version: 2 });
    const list = await browser.get(`/initiatives/${initiative.id}/involvements`);
    expect(list.html).toContain("Eerdere vrijwilligers (1)");
    expect(list.html).toContain("Els Eindhoven");
  });

  it("does not reach an involvement of another initiative through this one", async () => {
    const { initiative, otherInitiative, coordinator } = await makeWorld();
    const foreign = await makeInvolvement(otherInitiative.id, (await makePerson()).id);
    const browser = await signedIn(coordinator.id);
    expect((await browser.get(`/initiatives/${initiative.id}/involvements/${foreign.id}/edit`)).status).toBe(404);
    const res = await browser.post(`/initiatives/${initiative.id}/involvements/${foreign.id}/ending`, {
      lastDay: "2026-01-01",
      version: "1",
    });
    expect(res.status).toBe(404);
    expect((await db.query.involvements.findFirst({ where: eq(involvements.id, foreign.id) }))?.until).toBeNull();
  });
});

describe("who may see and change volunteers", () => {
  it("refuses changes by another initiative's coordinator, by partners and by visitors; writes nothing", async () => {
    const { initiative, otherInitiative, partnerPerson } = await makeWorld();
    const inv = await makeInvolvement(initiative.id, (await makePerson()).id);
    const other = await signedIn((await makeCoordinatorOf(otherInitiative.id)).id);
    const partner = await signedIn(partnerPerson.id);
    for (const [who, browser] of [
      ["other coordinator", other],
      ["partner", partner],
    ] as const) {
      await browser.get("/");
      const add = await browser.post(`/initiatives/${initiative.id}/involvements`, { name: "Indringer", role: "kok", since: "2026-01-01" });
      expect(add.status, who).toBe(403);
      const edit = await browser.post(`/initiatives/${initiative.id}/involvements/${inv.id}`, {
        role: "kok",
        since: "2020-01-01",
        version: "1",
      });
      expect(edit.status, who).toBe(403);
      const end = await browser.post(`/initiatives/${initiative.id}/involvements/${inv.id}/ending`, {
        lastDay: "2026-01-01",
        version: "1",
      });
      expect(end.status, who).toBe(403);
    }
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect(
      (await visitor.post(`/initiatives/${initiative.id}/involvements`, { name: "Indringer", role: "kok", since: "2026-01-01" })).status,
    ).toBe(401);
    expect(await count(initiative.id)).toBe(1);
    expect((await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) }))?.version).toBe(1);
    expect(await db.query.people.findFirst({ where: eq(people.name, "Indringer") })).toBeUndefined();
  });

  it("lets a linked partner read the list but not open the forms; a partner elsewhere reads nothing", async () => {
    const { initiative, otherHood, partnerPerson } = await makeWorld();
    const inv = await makeInvolvement(initiative.id, (await makePerson({ name: "Lotte Leesbaar" })).id);
    const partner = await signedIn(partnerPerson.id);
    const list = await partner.get(`/initiatives/${initiative.id}/involvements`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Lotte Leesbaar");
    expect(list.html).not.toContain("Vrijwilliger toevoegen");
    expect((await partner.get(`/initiatives/${initiative.id}/involvements/new`)).status).toBe(403);
    expect((await partner.get(`/initiatives/${initiative.id}/involvements/${inv.id}/edit`)).status).toBe(403);
    const elsewhere = await signedIn((await makePartnerPersonIn(otherHood.id)).id);
    expect((await elsewhere.get(`/initiatives/${initiative.id}/involvements`)).status).toBe(403);
  });
});
