import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Browser } from "../helpers/browser";
import { db, makeWorld, signedIn } from "../helpers/factories";
import * as s from "../../src/db/schema";

const valid = {
  name: "Repair Café",
  purpose: "Samen spullen repareren",
  startedYear: "2024",
  status: "active",
  continuationPlan: "none",
  continuationNote: "",
  plannedEndOn: "",
};

describe("initiatives", () => {
  it("a coordinator in the neighbourhood starts one and becomes its coordinator", async () => {
    const { hood, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/neighbourhoods/${hood.id}/initiatives/new`);
    const res = await b.post(`/neighbourhoods/${hood.id}/initiatives`, valid);
    expect(res.status).toBe(303);
    const id = res.location!.split("/").pop()!;
    const row = await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, id) });
    expect(row?.name).toBe("Repair Café");
    expect(await db.select().from(s.initiativeCoordinators).where(eq(s.initiativeCoordinators.initiativeId, id))).toHaveLength(1);
    expect((await b.get(`/initiatives/${id}`)).html).toContain("Repair Café");
  });

  it("refuses bad input next to the fields and writes nothing", async () => {
    const { hood, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/neighbourhoods/${hood.id}/initiatives/new`);
    const before = (await db.select().from(s.initiatives)).length;
    const res = await b.post(`/neighbourhoods/${hood.id}/initiatives`, {
      ...valid,
      name: "",
      startedYear: "3000",
      continuationPlan: "planned_ending",
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Dat jaar is nog niet begonnen.");
    expect(res.html).toContain("Vul de datum van het geplande afscheid in.");
    expect((await db.select().from(s.initiatives)).length).toBe(before);
  });

  it("refuses to start one in a neighbourhood where you coordinate nothing", async () => {
    const { otherHood, coordinator, partnerPerson } = await makeWorld();
    const b = await signedIn(coordinator.id);
    expect((await b.get(`/neighbourhoods/${otherHood.id}/initiatives/new`)).status).toBe(403);
    await b.get("/");
    expect((await b.post(`/neighbourhoods/${otherHood.id}/initiatives`, valid)).status).toBe(403);
    const p = await signedIn(partnerPerson.id);
    expect((await p.post(`/neighbourhoods/${otherHood.id}/initiatives`, valid)).status).toBe(403);
  });

  it("edits with a version; a stale form shows what is stored, keeps the input and writes nothing", async () => {
    const { initiative, coordinator, admin } = await makeWorld();
    const a = await signedIn(coordinator.id);
    const b = await signedIn(admin.id);
    await a.get(`/initiatives/${initiative.id}/edit`);
    await b.get(`/initiatives/${initiative.id}/edit`);
    expect((await a.post(`/initiatives/${initiative.id}`, { ...valid, name: "Moestuin Noord", version: "1" })).status).toBe(303);
    const stale = await b.post(`/initiatives/${initiative.id}`, { ...valid, name: "Moestuin Zuid", version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.html).toContain("Moestuin Noord");
    expect(stale.html).toContain('value="Moestuin Zuid"');
    const row = await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, initiative.id) });
    expect(row?.name).toBe("Moestuin Noord");
    const trail = await db.select().from(s.auditLog).where(eq(s.auditLog.initiativeId, initiative.id));
    expect(trail).toHaveLength(1);
  });

  it("changes status in one tap, inline with htmx or by redirect without", async () => {
    const { initiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}`);
    const plain = await b.post(`/initiatives/${initiative.id}/status`, { status: "paused", version: "1", next: "/" });
    expect(plain.status).toBe(303);
    expect(plain.location).toBe("/");
    // Without JavaScript the page it returns to says it worked, once.
    const home = await b.get("/");
    expect(home.html).toMatch(/<p role="status"[^>]*>Buurtmoestuin: Status opgeslagen: Gepauzeerd\.<\/p>/);
    expect((await b.get("/")).html).not.toContain("Status opgeslagen");
    const htmx = await b.post(
      `/initiatives/${initiative.id}/status`,
      { status: "active", version: "2" },
      { headers: { "hx-request": "true" } },
    );
    expect(htmx.status).toBe(200);
    expect(htmx.html).toContain("Status opgeslagen: Actief.");
    expect(htmx.html).not.toContain("<html");
    expect(htmx.html).toContain('name="version" value="3"');
    const stale = await b.post(
      `/initiatives/${initiative.id}/status`,
      { status: "stopped", version: "1" },
      { headers: { "hx-request": "true" } },
    );
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('role="alert"');
    const row = await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, initiative.id) });
    expect(row?.status).toBe("active");
    // A stale change without JavaScript says so on the page it returns to, and changes nothing.
    const plainStale = await b.post(`/initiatives/${initiative.id}/status`, { status: "stopped", version: "1" });
    expect(plainStale.status).toBe(303);
    expect((await b.get(plainStale.location!.split("#")[0]!)).html).toMatch(
      /role="alert" class="error-summary flash"[^>]*>Buurtmoestuin: /,
    );
    expect((await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, initiative.id) }))?.status).toBe("active");
  });

  it("lets partners of the neighbourhood read but not change; others are refused", async () => {
    const { initiative, otherInitiative, partnerPerson, coordinator } = await makeWorld();
    const p = await signedIn(partnerPerson.id);
    expect((await p.get(`/initiatives/${initiative.id}`)).status).toBe(200);
    expect((await p.get(`/initiatives/${initiative.id}`)).html).not.toContain("Status bijwerken");
    expect((await p.get(`/initiatives/${initiative.id}/edit`)).status).toBe(403);
    expect((await p.get(`/initiatives/${initiative.id}/history`)).status).toBe(403);
    expect((await p.get(`/initiatives/${otherInitiative.id}`)).status).toBe(403);
    await p.get(`/initiatives/${initiative.id}`);
    expect((await p.post(`/initiatives/${initiative.id}/status`, { status: "stopped", version: "1" })).status).toBe(403);
    const c = await signedIn(coordinator.id);
    expect((await c.get(`/initiatives/${otherInitiative.id}`)).status).toBe(403);
    await c.get("/");
    expect((await c.post(`/initiatives/${otherInitiative.id}`, { ...valid, version: "1" })).status).toBe(403);
    const v = new Browser();
    expect((await v.get(`/initiatives/${initiative.id}`)).status).toBe(303);
    expect((await v.get("/nope")).status).toBe(404);
  });

  it("archives and restores, keeping the record and its history", async () => {
    const { initiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}/edit`);
    expect((await b.post(`/initiatives/${initiative.id}/archival`)).status).toBe(303);
    expect((await b.get(`/initiatives/${initiative.id}`)).html).toContain("gearchiveerd");
    expect((await b.post(`/initiatives/${initiative.id}/restoration`)).status).toBe(303);
    const row = await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, initiative.id) });
    expect(row?.archivedAt).toBeNull();
    const history = await b.get(`/initiatives/${initiative.id}/history`);
    expect(history.html).toContain("gearchiveerd");
    expect(history.html).toContain("teruggezet");
    expect(history.html).toContain("Cor Coördinator");
  });

  it("tells the history in words: what changed, from what to what, without ids", async () => {
    const { initiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}`);
    expect((await b.post(`/initiatives/${initiative.id}/status`, { status: "paused", version: "1", next: "/" })).status).toBe(303);
    await b.get(`/initiatives/${initiative.id}/involvements/new`);
    const added = await b.post(`/initiatives/${initiative.id}/involvements`, {
      name: "Ineke Inval",
      role: "kok",
      critical: "on",
      since: "2025-04-01",
    });
    expect(added.status).toBe(303);
    const person = await db.query.people.findFirst({ where: eq(s.people.name, "Ineke Inval") });

    const html = (await b.get(`/initiatives/${initiative.id}/history`)).html;
    expect(html).toContain("<strong>Initiatief</strong> gewijzigd");
    expect(html).toContain("Status: Actief → Gepauzeerd");
    expect(html).toContain("<strong>Vrijwilliger</strong> toegevoegd: Ineke Inval");
    expect(html).toContain("Rol: kok");
    expect(html).toContain("Onmisbaar: ja");
    expect(html).toContain("Sinds: 1 april 2025");
    expect(html).not.toContain(person!.id);
    expect(html).not.toMatch(/personId|initiativeId/);

    const english = await signedIn(coordinator.id);
    await english.get("/locale/en?next=/");
    expect((await english.get(`/initiatives/${initiative.id}/history`)).html).toContain("Status: Active → Paused");
  });
});

describe("activities and what they depend on", () => {
  it("adds an activity and shows its money, place, people and partner support with dates", async () => {
    const { initiative, hood, coordinator, partner } = await makeWorld();
    const at = "2026-01-01T00:00:00.000Z";
    const stamp = { createdAt: at, updatedAt: at };
    const facility = {
      id: crypto.randomUUID(),
      neighbourhoodId: hood.id,
      name: "Buurthuis De Linde",
      agreementEndsOn: "2027-03-31",
      ...stamp,
    };
    await db.insert(s.facilities).values(facility);
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}/activities/new`);
    const res = await b.post(`/initiatives/${initiative.id}/activities`, {
      name: "Oogstmaaltijd",
      rhythm: "elke vrijdag",
      place: "",
      facilityId: facility.id,
    });
    expect(res.status).toBe(303);
    const activity = await db.query.activities.findFirst({ where: eq(s.activities.name, "Oogstmaaltijd") });
    const funding = {
      id: crypto.randomUUID(),
      initiativeId: initiative.id,
      sourceName: "Fonds Samen",
      kind: "fund" as const,
      startsOn: "2025-01-01",
      endsOn: "2027-06-30",
      ...stamp,
    };
    const person = { id: crypto.randomUUID(), name: "Kees Kok", ...stamp };
    await db.batch([
      db.insert(s.fundingStreams).values(funding),
      db.insert(s.fundingActivities).values({ fundingId: funding.id, activityId: activity!.id }),
      db.insert(s.people).values(person),
      db.insert(s.involvements).values({
        id: crypto.randomUUID(),
        personId: person.id,
        initiativeId: initiative.id,
        activityId: activity!.id,
        role: "kok",
        critical: true,
        since: "2024-01-01",
        ...stamp,
      }),
      db.insert(s.commitments).values({
        id: crypto.randomUUID(),
        partnerId: partner.id,
        initiativeId: initiative.id,
        kind: "room",
        description: "Ruimte op vrijdag",
        startsOn: "2025-01-01",
        endsOn: "2027-12-31",
        ...stamp,
      }),
    ]);
    const page = (await b.get(`/initiatives/${initiative.id}`)).html;
    expect(page).toContain("Oogstmaaltijd");
    expect(page).toContain("Fonds Samen");
    expect(page).toContain("tot 30 juni 2027");
    expect(page).toContain("Buurthuis De Linde");
    expect(page).toContain("tot 31 maart 2027");
    expect(page).toContain("Kees Kok (kok)");
    expect(page).toContain("onmisbaar");
    expect(page).toContain("Ruimte op vrijdag");
  });

  it("refuses a facility of another neighbourhood and an empty name, writing nothing", async () => {
    const { initiative, otherHood, coordinator } = await makeWorld();
    const at = "2026-01-01T00:00:00.000Z";
    const foreign = { id: crypto.randomUUID(), neighbourhoodId: otherHood.id, name: "Elders", createdAt: at, updatedAt: at };
    await db.insert(s.facilities).values(foreign);
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}/activities/new`);
    const res = await b.post(`/initiatives/${initiative.id}/activities`, { name: "", facilityId: foreign.id });
    expect(res.status).toBe(422);
    const res2 = await b.post(`/initiatives/${initiative.id}/activities`, { name: "Iets", facilityId: foreign.id });
    expect(res2.status).toBe(422);
    expect(res2.html).toContain("Kies een van de mogelijkheden.");
    expect(await db.select().from(s.activities).where(eq(s.activities.initiativeId, initiative.id))).toHaveLength(0);
  });

  it("edits with a version, archives and restores; another initiative's activity is not found", async () => {
    const { initiative, otherInitiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id);
    await b.get(`/initiatives/${initiative.id}/activities/new`);
    await b.post(`/initiatives/${initiative.id}/activities`, { name: "Zaaidag" });
    const activity = (await db.select().from(s.activities).where(eq(s.activities.initiativeId, initiative.id)))[0]!;
    await b.get(`/initiatives/${initiative.id}/activities/${activity.id}/edit`);
    expect(
      (await b.post(`/initiatives/${initiative.id}/activities/${activity.id}`, { name: "Zaaidag voorjaar", version: "1" })).status,
    ).toBe(303);
    const stale = await b.post(`/initiatives/${initiative.id}/activities/${activity.id}`, { name: "Oud", version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Zaaidag voorjaar");
    expect((await b.post(`/initiatives/${initiative.id}/activities/${activity.id}/archival`)).status).toBe(303);
    expect((await b.get(`/initiatives/${initiative.id}`)).html).toContain("Gearchiveerde activiteiten");
    // The id of an activity under another initiative's path is not found, even for an admin-less coordinator.
    const other = {
      id: crypto.randomUUID(),
      initiativeId: otherInitiative.id,
      name: "Elders",
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    };
    await db.insert(s.activities).values(other);
    expect((await b.get(`/initiatives/${initiative.id}/activities/${other.id}/edit`)).status).toBe(404);
  });
});
