// Duplicates on the forms: the same person twice in the same role is refused next to the field;
// a funding stream identical to one the initiative has asks first, showing the one it repeats.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { fundingStreams, involvements } from "../../src/db/schema";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity } from "../helpers/people-factories";

const involvementsOf = async (initiativeId: string) => db.select().from(involvements).where(eq(involvements.initiativeId, initiativeId));
const streamsOf = (initiativeId: string) => db.select().from(fundingStreams).where(eq(fundingStreams.initiativeId, initiativeId));

const MESSAGE = "Deze persoon heeft deze rol al bij dit initiatief, in dezelfde tijd.";

describe("the same person twice in the same role", () => {
  it("is refused next to the person chosen, in Dutch, and nothing is added", async () => {
    const w = await makeWorld();
    const kok = await makePerson({ name: "Fatima Kok", neighbourhoodId: w.hood.id });
    const browser = await signedIn(w.coordinator.id);
    const add = async (over: Record<string, string> = {}) => {
      await browser.get(`/initiatives/${w.initiative.id}/involvements/new`);
      return browser.post(`/initiatives/${w.initiative.id}/involvements`, {
        personId: kok.id,
        name: "",
        email: "",
        phone: "",
        role: "Kok",
        since: "2025-03-01",
        until: "",
        ...over,
      });
    };
    expect((await add()).status).toBe(303);
    const before = await involvementsOf(w.initiative.id);
    // "kok" and "Kok " are the same role.
    for (const over of [{}, { role: "kok " }, { since: "2026-01-01" }] as Record<string, string>[]) {
      const again = await add(over);
      expect(again.status, JSON.stringify(over)).toBe(422);
      expect(again.html).toContain(MESSAGE);
      expect(again.html).toMatch(/id="field-personId-error"[^>]*>[^<]*Deze persoon heeft deze rol al/);
      expect(again.html).toContain('href="#field-personId"');
    }
    expect(await involvementsOf(w.initiative.id)).toEqual(before);
    // Another role is no duplicate.
    expect((await add({ role: "Penningmeester" })).status).toBe(303);
  });

  it("is refused when a known email names the person, and when an edit makes one role repeat another", async () => {
    const w = await makeWorld();
    const known = await makePerson({ name: "Henk Bekend", email: "henk.dubbel@example.org", neighbourhoodId: w.hood.id });
    const browser = await signedIn(w.coordinator.id);
    const post = async (fields: Record<string, string>) => {
      await browser.get(`/initiatives/${w.initiative.id}/involvements/new`);
      return browser.post(`/initiatives/${w.initiative.id}/involvements`, {
        personId: "",
        phone: "",
        until: "",
        since: "2025-01-01",
        ...fields,
      });
    };
    expect((await post({ personId: known.id, name: "", email: "", role: "Gastheer" })).status).toBe(303);
    const byEmail = await post({ name: "Henk", email: "henk.dubbel@example.org", role: "gastheer" });
    expect(byEmail.status).toBe(422);
    expect(byEmail.html).toMatch(/id="field-email-error"[^>]*>[^<]*Deze persoon heeft deze rol al/);

    expect((await post({ personId: known.id, name: "", email: "", role: "Kok" })).status).toBe(303);
    const kok = (await involvementsOf(w.initiative.id)).find((i) => i.role === "cook")!;
    await browser.get(`/initiatives/${w.initiative.id}/involvements/${kok.id}/edit`);
    const edit = await browser.post(`/initiatives/${w.initiative.id}/involvements/${kok.id}`, {
      role: "Gastvrouw/gastheer",
      activityId: "",
      since: "2025-06-01",
      until: "",
      version: String(kok.version),
    });
    expect(edit.status).toBe(422);
    expect(edit.html).toMatch(/id="field-role-error"[^>]*>[^<]*Deze persoon heeft deze rol al/);
    expect((await db.query.involvements.findFirst({ where: eq(involvements.id, kok.id) }))?.role).toBe("cook");
  });

  it("lets someone return after an ended involvement, and do the same role for two activities", async () => {
    const w = await makeWorld();
    const ria = await makePerson({ name: "Ria Terug", neighbourhoodId: w.hood.id });
    const meal = await makeActivity(w.initiative.id, { name: "Maaltijd" });
    const garden = await makeActivity(w.initiative.id, { name: "Tuin" });
    const browser = await signedIn(w.coordinator.id);
    const add = async (over: Record<string, string>) => {
      await browser.get(`/initiatives/${w.initiative.id}/involvements/new`);
      return browser.post(`/initiatives/${w.initiative.id}/involvements`, {
        personId: ria.id,
        name: "",
        email: "",
        phone: "",
        role: "Kok",
        activityId: "",
        until: "",
        ...over,
      });
    };
    expect((await add({ since: "2020-01-01", until: "2021-12-31" })).status).toBe(303);
    expect((await add({ since: "2024-01-01" })).status).toBe(303);
    const other = await makePerson({ name: "Ole Twee", neighbourhoodId: w.hood.id });
    expect((await add({ personId: other.id, activityId: meal.id, since: "2024-01-01" })).status).toBe(303);
    expect((await add({ personId: other.id, activityId: garden.id, since: "2024-01-01" })).status).toBe(303);
    // For the whole initiative it would repeat both.
    expect((await add({ personId: other.id, activityId: "", since: "2025-01-01" })).status).toBe(422);
  });
});

describe("a funding stream identical to one the initiative has", () => {
  const stream = (over: Record<string, string> = {}) => ({
    sourcePartnerId: "",
    sourceName: "Fonds Samen Koken",
    kind: "fund",
    amountCentsPerYear: "3.000",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    status: "granted",
    renewalState: "none",
    reportDueOn: "",
    reference: "",
    replacesFundingId: "",
    ...over,
  });

  it("asks first, showing the stream it repeats, and is added only with “Toch toevoegen”", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    const url = `/initiatives/${w.initiative.id}/fundings`;
    await browser.get(`${url}/new`);
    expect((await browser.post(url, stream())).status).toBe(303);
    const [first] = await streamsOf(w.initiative.id);

    await browser.get(`${url}/new`);
    // The same source (in other letters), amount and dates.
    const again = await browser.post(
      url,
      stream({ sourceName: "fonds samen koken", amountCentsPerYear: "3000,00", renewalState: "planned" }),
    );
    // A question, not a failure: the page asks, nothing is written.
    expect(again.status).toBe(200);
    expect(again.html).toContain("<title>Nieuwe geldbron");
    expect(again.html).toMatch(/<div role="alert"[^>]*id="duplicate-warning" autofocus/);
    expect(again.html).toContain("Deze financiering staat er al");
    expect(again.html).toContain("<dd>Fonds Samen Koken</dd>");
    expect(again.html).toMatch(/<dd>€\s3\.000,00<\/dd>/);
    expect(again.html).toMatch(/<button type="submit" form="funding-form" name="confirmDuplicate" value="1">\s*Toch toevoegen/);
    expect(again.html).toContain(`href="/initiatives/${w.initiative.id}#funding"`);
    // What was typed stays in the form below.
    expect(again.html).toContain('value="fonds samen koken"');
    expect(await streamsOf(w.initiative.id)).toEqual([first]);

    const confirmed = await browser.post(url, { ...stream({ sourceName: "fonds samen koken" }), confirmDuplicate: "1" });
    expect(confirmed.status).toBe(303);
    expect(await streamsOf(w.initiative.id)).toHaveLength(2);
  });

  it("does not ask when the amount, a date or the source differs, or the one it looks like is archived", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    const url = `/initiatives/${w.initiative.id}/fundings`;
    await browser.get(`${url}/new`);
    expect((await browser.post(url, stream())).status).toBe(303);
    for (const over of [{ amountCentsPerYear: "3.001" }, { endsOn: "2027-01-31" }, { endsOn: "" }, { sourceName: "Ander Fonds" }] as Record<
      string,
      string
    >[]) {
      await browser.get(`${url}/new`);
      expect((await browser.post(url, stream(over))).status, JSON.stringify(over)).toBe(303);
    }
    await db.update(fundingStreams).set({ archivedAt: "2026-02-01T00:00:00.000Z" }).where(eq(fundingStreams.sourceName, "Ander Fonds"));
    await browser.get(`${url}/new`);
    expect((await browser.post(url, stream({ sourceName: "Ander Fonds" }))).status).toBe(303);
  });
});
