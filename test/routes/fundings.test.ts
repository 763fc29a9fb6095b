import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeActivity, makeCoordinatorOf, makeFunding, makePartnerMemberIn } from "../helpers/money-factories";
import { auditLog, fundingActivities, fundingStreams } from "../../src/db/schema";

const valid = (over: Record<string, string | string[]> = {}) => ({
  sourcePartnerId: "",
  sourceName: "Fonds Sociale Samenhang",
  kind: "fund",
  amountCentsPerYear: "1.234,50",
  startsOn: "2026-01-01",
  endsOn: "2027-06-30",
  status: "granted",
  renewalState: "planned",
  reportDueOn: "2027-09-01",
  ...over,
});

const streamsOf = (initiativeId: string) => db.select().from(fundingStreams).where(eq(fundingStreams.initiativeId, initiativeId));

describe("a coordinator records where the money comes from", () => {
  it("adds a stream with the activities that depend on it", async () => {
    const w = await makeWorld();
    const meal = await makeActivity(w.initiative.id, { name: "Buurtmaaltijd" });
    const garden = await makeActivity(w.initiative.id, { name: "Moestuindag" });
    const browser = await signedIn(w.coordinator.id);
    const form = await browser.get(`/initiatives/${w.initiative.id}/fundings/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Nieuwe geldbron");
    expect(form.html).toContain("Buurtmaaltijd");
    const res = await browser.post(`/initiatives/${w.initiative.id}/fundings`, valid({ activityIds: [meal.id, garden.id] }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#funding`);
    const [stream] = await streamsOf(w.initiative.id);
    expect(stream).toMatchObject({
      sourceName: "Fonds Sociale Samenhang",
      sourcePartnerId: null,
      amountCentsPerYear: 123_450,
      endsOn: "2027-06-30",
      reportDueOn: "2027-09-01",
      renewalState: "planned",
      createdBy: w.coordinator.id,
    });
    const links = await db.select().from(fundingActivities).where(eq(fundingActivities.fundingId, stream!.id));
    expect(links.map((l) => l.activityId).sort()).toEqual([meal.id, garden.id].sort());
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, stream!.id));
    expect(trail.map((t) => t.action)).toEqual(["create"]);
  });

  it("names the stream after the partner when a partner is the source", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.admin.id);
    await browser.get(`/initiatives/${w.initiative.id}/fundings/new`);
    const res = await browser.post(
      `/initiatives/${w.initiative.id}/fundings`,
      valid({ sourcePartnerId: w.partner.id, sourceName: "", amountCentsPerYear: "500" }),
    );
    expect(res.status).toBe(303);
    const [stream] = await streamsOf(w.initiative.id);
    expect(stream).toMatchObject({ sourcePartnerId: w.partner.id, sourceName: w.partner.name, amountCentsPerYear: 50_000 });
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const w = await makeWorld();
    const theirs = await makeActivity(w.otherInitiative.id, { name: "Taalles" });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/fundings/new`);
    const bad = await browser.post(
      `/initiatives/${w.initiative.id}/fundings`,
      valid({ sourceName: "", amountCentsPerYear: "-12", startsOn: "2026-06-01", endsOn: "2026-05-01" }),
    );
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Kies een partner of vul de naam van de bron in.");
    expect(bad.html).toContain("Vul een bedrag in euro in");
    expect(bad.html).toContain('value="-12"'); // the input is kept
    const backwards = await browser.post(
      `/initiatives/${w.initiative.id}/fundings`,
      valid({ startsOn: "2026-06-01", endsOn: "2026-05-01" }),
    );
    expect(backwards.status).toBe(422);
    expect(backwards.html).toContain("De einddatum ligt vóór de begindatum");
    const foreign = await browser.post(`/initiatives/${w.initiative.id}/fundings`, valid({ activityIds: [theirs.id] }));
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain("Kies alleen activiteiten van dit initiatief.");
    expect(await streamsOf(w.initiative.id)).toHaveLength(0);
  });

  it("saves a change, and refuses a stale form without losing the input", async () => {
    const w = await makeWorld();
    const f = await makeFunding(w.initiative.id, { sourceName: "Wijkbudget", kind: "wijkbudget" });
    const first = await signedIn(w.coordinator.id);
    const second = await signedIn(w.admin.id);
    const edit = await first.get(`/initiatives/${w.initiative.id}/fundings/${f.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="2500"');
    await second.get(`/initiatives/${w.initiative.id}/fundings/${f.id}/edit`);
    const saved = await first.post(
      `/initiatives/${w.initiative.id}/fundings/${f.id}`,
      valid({ sourceName: "Wijkbudget", kind: "wijkbudget", amountCentsPerYear: "3.000", version: "1" }),
    );
    expect(saved.status).toBe(303);
    const stale = await second.post(
      `/initiatives/${w.initiative.id}/fundings/${f.id}`,
      valid({ sourceName: "Wijkbudget oud", kind: "wijkbudget", amountCentsPerYear: "10", version: "1" }),
    );
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.html).toContain('value="Wijkbudget oud"');
    expect(stale.html).toMatch(/€\s3\.000,00/); // what is stored now
    const row = await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) });
    expect(row).toMatchObject({ amountCentsPerYear: 300_000, version: 2, sourceName: "Wijkbudget" });
    const invalid = await first.post(
      `/initiatives/${w.initiative.id}/fundings/${f.id}`,
      valid({ amountCentsPerYear: "twee", version: "2" }),
    );
    expect(invalid.status).toBe(422);
    expect((await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) }))?.version).toBe(2);
  });

  it("archives and restores a stream", async () => {
    const w = await makeWorld();
    const f = await makeFunding(w.initiative.id);
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/fundings/${f.id}/edit`);
    expect((await browser.post(`/initiatives/${w.initiative.id}/fundings/${f.id}/archival`)).status).toBe(303);
    expect((await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) }))?.archivedAt).not.toBeNull();
    const edit = await browser.get(`/initiatives/${w.initiative.id}/fundings/${f.id}/edit`);
    expect(edit.html).toContain("Dit is gearchiveerd.");
    expect((await browser.post(`/initiatives/${w.initiative.id}/fundings/${f.id}/restoration`)).status).toBe(303);
    expect((await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, f.id) }))?.archivedAt).toBeNull();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, f.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["archive", "restore"]);
  });
});

describe("who may change funding", () => {
  it("refuses a coordinator of another initiative, partners and visitors, and writes nothing", async () => {
    const w = await makeWorld();
    const neighbour = await makeInitiative(w.hood.id, { name: "Repaircafé" });
    const otherCoordinator = await makeCoordinatorOf(neighbour.id);
    const elsewhere = await makePartnerMemberIn(w.otherHood.id);
    const f = await makeFunding(w.initiative.id);
    const base = `/initiatives/${w.initiative.id}/fundings`;
    for (const personId of [otherCoordinator.id, w.partnerPerson.id, elsewhere.person.id]) {
      const browser = await signedIn(personId);
      await browser.get("/");
      expect((await browser.get(`${base}/new`)).status, personId).toBe(403);
      expect((await browser.get(`${base}/${f.id}/edit`)).status).toBe(403);
      expect((await browser.post(base, valid())).status).toBe(403);
      expect((await browser.post(`${base}/${f.id}`, valid({ amountCentsPerYear: "1", version: "1" }))).status).toBe(403);
      expect((await browser.post(`${base}/${f.id}/archival`)).status).toBe(403);
    }
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(base, valid())).status).toBe(401);
    const rows = await streamsOf(w.initiative.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amountCentsPerYear: 250_000, archivedAt: null, version: 1 });
  });

  it("does not reach a stream of another initiative through this one", async () => {
    const w = await makeWorld();
    const theirs = await makeFunding(w.otherInitiative.id);
    const browser = await signedIn(w.admin.id);
    expect((await browser.get(`/initiatives/${w.initiative.id}/fundings/${theirs.id}/edit`)).status).toBe(404);
    expect((await browser.post(`/initiatives/${w.initiative.id}/fundings/${theirs.id}/archival`)).status).toBe(404);
    expect((await db.query.fundingStreams.findFirst({ where: eq(fundingStreams.id, theirs.id) }))?.archivedAt).toBeNull();
  });
});

describe("a renewal or successor of another stream", () => {
  it("is chosen in the form from the initiative's other streams, shown on the page and named in the history", async () => {
    const w = await makeWorld();
    const old = await makeFunding(w.initiative.id, { sourceName: "Wijkbudget 2026", amountCentsPerYear: 300_000, endsOn: "2026-12-31" });
    const theirs = await makeFunding(w.otherInitiative.id, { sourceName: "Ander initiatief" });
    const browser = await signedIn(w.coordinator.id);
    const form = await browser.get(`/initiatives/${w.initiative.id}/fundings/new`);
    expect(form.html).toContain('name="replacesFundingId"');
    expect(form.html).toMatch(
      new RegExp(`<option value="${old.id}"[^>]*>Wijkbudget 2026, €\\s3\\.000,00 per jaar, tot 31 december 2026</option>`),
    );
    expect(form.html).not.toContain(theirs.id);
    const res = await browser.post(
      `/initiatives/${w.initiative.id}/fundings`,
      valid({
        sourceName: "Wijkbudget 2027",
        amountCentsPerYear: "2.500",
        startsOn: "2027-01-01",
        endsOn: "2027-12-31",
        replacesFundingId: old.id,
      }),
    );
    expect(res.status).toBe(303);
    const next = (await streamsOf(w.initiative.id)).find((f) => f.sourceName === "Wijkbudget 2027")!;
    expect(next.replacesFundingId).toBe(old.id);
    const page = await browser.get(`/initiatives/${w.initiative.id}`);
    expect(page.html).toContain("Verlenging of opvolger van");
    expect(page.html).toContain("Verlengd of opgevolgd door");
    // The old stream's own form does not offer the stream that already follows it (a cycle).
    const oldForm = await browser.get(`/initiatives/${w.initiative.id}/fundings/${old.id}/edit`);
    expect(oldForm.html).not.toContain(`<option value="${next.id}"`);
    const history = await browser.get(`/initiatives/${w.initiative.id}/history`);
    expect(history.html).toMatch(/Verlenging of opvolger van: Wijkbudget 2026, €\s3\.000,00 per jaar, tot 31 december 2026/);
    expect(history.html).not.toContain(old.id);
  });

  it("refuses itself, a stream of another initiative and a cycle, next to the field, and writes nothing", async () => {
    const w = await makeWorld();
    const a = await makeFunding(w.initiative.id, { sourceName: "A" });
    const b = await makeFunding(w.initiative.id, { sourceName: "B", replacesFundingId: a.id });
    const c = await makeFunding(w.initiative.id, { sourceName: "C", replacesFundingId: b.id });
    const theirs = await makeFunding(w.otherInitiative.id, { sourceName: "Elders" });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/fundings/new`);
    const edit = (id: string, replacesFundingId: string) =>
      browser.post(`/initiatives/${w.initiative.id}/fundings/${id}`, valid({ sourceName: "A", version: "1", replacesFundingId }));
    const self = await edit(a.id, a.id);
    expect(self.status).toBe(422);
    expect(self.html).toContain("Een geldbron kan niet zijn eigen opvolger zijn.");
    expect(self.html).toContain('id="field-replacesFundingId-error"');
    const foreign = await edit(a.id, theirs.id);
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain("Kies een geldbron van dit initiatief.");
    const cycle = await edit(a.id, c.id);
    expect(cycle.status).toBe(422);
    expect(cycle.html).toContain("Die geldbron is zelf al een opvolger van deze geldbron.");
    const created = await browser.post(`/initiatives/${w.initiative.id}/fundings`, valid({ replacesFundingId: theirs.id }));
    expect(created.status).toBe(422);
    const rows = await streamsOf(w.initiative.id);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ replacesFundingId: null, version: 1 });
  });
});
