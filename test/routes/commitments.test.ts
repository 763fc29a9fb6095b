import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makePartner, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeActivity, makeCommitment, makeCoordinatorOf, makePartnerMemberIn } from "../helpers/money-factories";
import { auditLog, commitments, partnerNeighbourhoods } from "../../src/db/schema";

const valid = (partnerId: string, over: Record<string, string> = {}) => ({
  partnerId,
  activityId: "",
  kind: "hours",
  description: "4 uur per week opbouwwerker",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  renewalState: "planned",
  ...over,
});

const commitmentsOf = (initiativeId: string) => db.select().from(commitments).where(eq(commitments.initiativeId, initiativeId));

/** A second organisation, also linked to the world's neighbourhood, that the partner person is not a member of. */
async function otherLinkedOrg(neighbourhoodId: string) {
  const org = await makePartner({ name: "Zorg Anders", kind: "care" });
  await db.insert(partnerNeighbourhoods).values({ partnerId: org.id, neighbourhoodId });
  return org;
}

describe("a coordinator records what partners give", () => {
  it("adds a commitment for an activity", async () => {
    const w = await makeWorld();
    const activity = await makeActivity(w.initiative.id, { name: "Taalcafé" });
    const browser = await signedIn(w.coordinator.id);
    const form = await browser.get(`/initiatives/${w.initiative.id}/commitments/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Nieuwe steunafspraak");
    const res = await browser.post(
      `/initiatives/${w.initiative.id}/commitments`,
      valid(w.partner.id, { activityId: activity.id, kind: "room", description: "Zaal op dinsdag" }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#commitments`);
    const [row] = await commitmentsOf(w.initiative.id);
    expect(row).toMatchObject({
      partnerId: w.partner.id,
      activityId: activity.id,
      kind: "room",
      description: "Zaal op dinsdag",
      endsOn: "2026-12-31",
      createdBy: w.coordinator.id,
    });
    expect((await db.select().from(auditLog).where(eq(auditLog.entityId, row!.id))).map((a) => a.action)).toEqual(["create"]);
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const w = await makeWorld();
    const foreign = await makeActivity(w.otherInitiative.id);
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/commitments/new`);
    const bad = await browser.post(
      `/initiatives/${w.initiative.id}/commitments`,
      valid(w.partner.id, { description: "", startsOn: "2026-06-01", endsOn: "2026-01-01" }),
    );
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Vul dit veld in.");
    expect(bad.html).toContain("De einddatum ligt vóór de begindatum");
    const wrongActivity = await browser.post(
      `/initiatives/${w.initiative.id}/commitments`,
      valid(w.partner.id, { activityId: foreign.id }),
    );
    expect(wrongActivity.status).toBe(422);
    const unknownPartner = await browser.post(`/initiatives/${w.initiative.id}/commitments`, valid("bestaat-niet"));
    expect(unknownPartner.status).toBe(422);
    expect(unknownPartner.html).toContain("Kies een van de mogelijkheden.");
    expect(await commitmentsOf(w.initiative.id)).toHaveLength(0);
  });

  it("saves a change and refuses a stale form without losing the input", async () => {
    const w = await makeWorld();
    const c = await makeCommitment(w.initiative.id, w.partner.id);
    const first = await signedIn(w.coordinator.id);
    const second = await signedIn(w.admin.id);
    expect((await first.get(`/initiatives/${w.initiative.id}/commitments/${c.id}/edit`)).html).toContain(
      'value="4 uur per week opbouwwerker"',
    );
    await second.get(`/initiatives/${w.initiative.id}/commitments/${c.id}/edit`);
    expect(
      (
        await first.post(
          `/initiatives/${w.initiative.id}/commitments/${c.id}`,
          valid(w.partner.id, { description: "6 uur per week", version: "1" }),
        )
      ).status,
    ).toBe(303);
    const stale = await second.post(
      `/initiatives/${w.initiative.id}/commitments/${c.id}`,
      valid(w.partner.id, { description: "2 uur per week", version: "1" }),
    );
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.html).toContain('value="2 uur per week"');
    expect(stale.html).toContain("6 uur per week");
    expect(await db.query.commitments.findFirst({ where: eq(commitments.id, c.id) })).toMatchObject({
      description: "6 uur per week",
      version: 2,
    });
  });
});

describe("a partner manages their own organisation's commitments", () => {
  it("lets a linked partner add, edit and archive commitments of their own organisation", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.partnerPerson.id);
    const form = await browser.get(`/initiatives/${w.initiative.id}/commitments/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`value="${w.partner.id}" selected`);
    const created = await browser.post(`/initiatives/${w.initiative.id}/commitments`, valid(w.partner.id));
    expect(created.status).toBe(303);
    const [row] = await commitmentsOf(w.initiative.id);
    expect(row).toMatchObject({ partnerId: w.partner.id, createdBy: w.partnerPerson.id });
    expect((await browser.get(`/initiatives/${w.initiative.id}/commitments/${row!.id}/edit`)).status).toBe(200);
    expect(
      (
        await browser.post(
          `/initiatives/${w.initiative.id}/commitments/${row!.id}`,
          valid(w.partner.id, { renewalState: "granted", version: "1" }),
        )
      ).status,
    ).toBe(303);
    expect((await browser.post(`/initiatives/${w.initiative.id}/commitments/${row!.id}/archival`)).status).toBe(303);
    expect(await db.query.commitments.findFirst({ where: eq(commitments.id, row!.id) })).toMatchObject({
      renewalState: "granted",
      version: 3,
    });
    expect((await db.query.commitments.findFirst({ where: eq(commitments.id, row!.id) }))?.archivedAt).not.toBeNull();
  });

  it("refuses a linked partner acting for another organisation, and writes nothing", async () => {
    const w = await makeWorld();
    const other = await otherLinkedOrg(w.hood.id);
    const theirs = await makeCommitment(w.initiative.id, other.id, { description: "Zorgcoach" });
    const browser = await signedIn(w.partnerPerson.id);
    const form = await browser.get(`/initiatives/${w.initiative.id}/commitments/new`);
    expect(form.html).not.toContain("Zorg Anders"); // only their own organisation to choose
    expect((await browser.post(`/initiatives/${w.initiative.id}/commitments`, valid(other.id))).status).toBe(403);
    expect((await browser.get(`/initiatives/${w.initiative.id}/commitments/${theirs.id}/edit`)).status).toBe(403);
    expect(
      (
        await browser.post(
          `/initiatives/${w.initiative.id}/commitments/${theirs.id}`,
          valid(other.id, { description: "Gekaapt", version: "1" }),
        )
      ).status,
    ).toBe(403);
    expect((await browser.post(`/initiatives/${w.initiative.id}/commitments/${theirs.id}/archival`)).status).toBe(403);
    // Moving their own commitment over to another organisation is refused as well.
    const own = await makeCommitment(w.initiative.id, w.partner.id);
    expect((await browser.post(`/initiatives/${w.initiative.id}/commitments/${own.id}`, valid(other.id, { version: "1" }))).status).toBe(
      403,
    );
    const rows = await commitmentsOf(w.initiative.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === theirs.id)).toMatchObject({ description: "Zorgcoach", version: 1, archivedAt: null });
    expect(rows.find((r) => r.id === own.id)).toMatchObject({ partnerId: w.partner.id, version: 1 });
  });

  it("refuses a partner of another neighbourhood, a coordinator of another initiative and visitors", async () => {
    const w = await makeWorld();
    const elsewhere = await makePartnerMemberIn(w.otherHood.id);
    const neighbour = await makeInitiative(w.hood.id, { name: "Repaircafé" });
    const otherCoordinator = await makeCoordinatorOf(neighbour.id);
    const c = await makeCommitment(w.initiative.id, w.partner.id);
    const base = `/initiatives/${w.initiative.id}/commitments`;
    for (const [personId, orgId] of [
      [elsewhere.person.id, elsewhere.org.id],
      [otherCoordinator.id, w.partner.id],
    ] as const) {
      const browser = await signedIn(personId);
      await browser.get("/");
      expect((await browser.get(`${base}/new`)).status).toBe(403);
      expect((await browser.get(`${base}/${c.id}/edit`)).status).toBe(403);
      expect((await browser.post(base, valid(orgId))).status).toBe(403);
      expect((await browser.post(`${base}/${c.id}`, valid(orgId, { version: "1" }))).status).toBe(403);
    }
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(base, valid(w.partner.id))).status).toBe(401);
    const rows = await commitmentsOf(w.initiative.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.version).toBe(1);
  });
});
