import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeActivity, makeCoordinatorOf, makeFacility, makePartnerMemberIn } from "../helpers/money-factories";
import { auditLog, facilities } from "../../src/db/schema";

const valid = (over: Record<string, string> = {}) => ({
  name: "Buurthuis De Linde",
  kind: "buurthuis",
  ownerPartnerId: "",
  agreement: "bruikleenovereenkomst",
  agreementEndsOn: "2030-09-30",
  renewalState: "none",
  ...over,
});

const facilitiesOf = (neighbourhoodId: string) => db.select().from(facilities).where(eq(facilities.neighbourhoodId, neighbourhoodId));

describe("coordinators keep the neighbourhood's places", () => {
  it("adds a facility with its owner and agreement, shown on the list", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    const form = await browser.get(`/neighbourhoods/${w.hood.id}/facilities/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<datalist id="field-kind-suggestions">');
    const res = await browser.post(`/neighbourhoods/${w.hood.id}/facilities`, valid({ ownerPartnerId: w.partner.id }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/neighbourhoods/${w.hood.id}/facilities#facilities`);
    const [row] = await facilitiesOf(w.hood.id);
    expect(row).toMatchObject({
      name: "Buurthuis De Linde",
      ownerPartnerId: w.partner.id,
      agreement: "bruikleenovereenkomst",
      agreementEndsOn: "2030-09-30",
      createdBy: w.coordinator.id,
    });
    expect((await db.select().from(auditLog).where(eq(auditLog.entityId, row!.id)))[0]).toMatchObject({
      action: "create",
      neighbourhoodId: w.hood.id,
    });
    const list = await browser.get(`/neighbourhoods/${w.hood.id}/facilities`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Buurthuis De Linde");
    expect(list.html).toContain("30 september 2030");
    expect(list.html).toContain(w.partner.name);
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/neighbourhoods/${w.hood.id}/facilities/new`);
    const res = await browser.post(
      `/neighbourhoods/${w.hood.id}/facilities`,
      valid({ name: " ", agreementEndsOn: "30-09-2030", ownerPartnerId: "bestaat-niet" }),
    );
    expect(res.status).toBe(422);
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Vul een bestaande datum in");
    const owner = await browser.post(`/neighbourhoods/${w.hood.id}/facilities`, valid({ ownerPartnerId: "bestaat-niet" }));
    expect(owner.status).toBe(422);
    expect(owner.html).toContain("Kies een van de mogelijkheden.");
    expect(await facilitiesOf(w.hood.id)).toHaveLength(0);
  });

  it("saves a change and refuses a stale form without losing the input", async () => {
    const w = await makeWorld();
    const f = await makeFacility(w.hood.id);
    const first = await signedIn(w.coordinator.id);
    const second = await signedIn(w.admin.id);
    await first.get(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/edit`);
    await second.get(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/edit`);
    expect(
      (
        await first.post(
          `/neighbourhoods/${w.hood.id}/facilities/${f.id}`,
          valid({ agreementEndsOn: "2031-12-31", renewalState: "granted", version: "1" }),
        )
      ).status,
    ).toBe(303);
    const stale = await second.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}`, valid({ name: "De Linde (oud)", version: "1" }));
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.html).toContain('value="De Linde (oud)"');
    expect(stale.html).toContain("31 december 2031");
    expect(await db.query.facilities.findFirst({ where: eq(facilities.id, f.id) })).toMatchObject({
      name: "Buurthuis De Linde",
      agreementEndsOn: "2031-12-31",
      version: 2,
    });
  });

  it("archives and restores a facility; archived ones stay listed apart", async () => {
    const w = await makeWorld();
    const f = await makeFacility(w.hood.id, { name: "Ruilkast Lindeplein" });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/neighbourhoods/${w.hood.id}/facilities`);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/archival`)).status).toBe(303);
    const list = await browser.get(`/neighbourhoods/${w.hood.id}/facilities`);
    expect(list.html).toContain("Gearchiveerd (1)");
    expect(list.html).toContain(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/restoration`);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/restoration`)).status).toBe(303);
    expect((await db.query.facilities.findFirst({ where: eq(facilities.id, f.id) }))?.archivedAt).toBeNull();
  });
});

describe("who may see and change facilities", () => {
  it("lets a linked partner read the list but not change anything", async () => {
    const w = await makeWorld();
    const f = await makeFacility(w.hood.id, { name: "Speeltuin Kastanje" });
    await makeActivity(w.initiative.id, { name: "Speelmiddag", facilityId: f.id });
    const browser = await signedIn(w.partnerPerson.id);
    const list = await browser.get(`/neighbourhoods/${w.hood.id}/facilities`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Speeltuin Kastanje");
    expect(list.html).toContain("Speelmiddag");
    expect(list.html).not.toContain(`/facilities/${f.id}/edit`);
    expect((await browser.get(`/neighbourhoods/${w.hood.id}/facilities/new`)).status).toBe(403);
    expect((await browser.get(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/edit`)).status).toBe(403);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities`, valid())).status).toBe(403);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}`, valid({ version: "1" }))).status).toBe(403);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/archival`)).status).toBe(403);
    expect(await facilitiesOf(w.hood.id)).toHaveLength(1);
  });

  it("refuses a partner and a coordinator of another neighbourhood, and visitors", async () => {
    const w = await makeWorld();
    const f = await makeFacility(w.hood.id);
    const elsewhere = await makePartnerMemberIn(w.otherHood.id);
    const otherCoordinator = await makeCoordinatorOf(w.otherInitiative.id);
    for (const personId of [elsewhere.person.id, otherCoordinator.id]) {
      const browser = await signedIn(personId);
      await browser.get("/");
      expect((await browser.get(`/neighbourhoods/${w.hood.id}/facilities`)).status).toBe(403);
      expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities`, valid())).status).toBe(403);
      expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}`, valid({ version: "1" }))).status).toBe(403);
    }
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await visitor.post(`/neighbourhoods/${w.hood.id}/facilities`, valid())).status).toBe(401);
    expect(await facilitiesOf(w.hood.id)).toHaveLength(1);
  });

  it("lets any coordinator in the neighbourhood edit, but never reaches another neighbourhood's facility", async () => {
    const w = await makeWorld();
    const neighbour = await makeInitiative(w.hood.id, { name: "Repaircafé" });
    const sameHoodCoordinator = await makeCoordinatorOf(neighbour.id);
    const f = await makeFacility(w.hood.id);
    const theirs = await makeFacility(w.otherHood.id, { name: "Elders" });
    const browser = await signedIn(sameHoodCoordinator.id);
    await browser.get(`/neighbourhoods/${w.hood.id}/facilities/${f.id}/edit`);
    expect(
      (await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${f.id}`, valid({ renewalState: "planned", version: "1" }))).status,
    ).toBe(303);
    expect((await browser.get(`/neighbourhoods/${w.hood.id}/facilities/${theirs.id}/edit`)).status).toBe(404);
    expect((await browser.post(`/neighbourhoods/${w.hood.id}/facilities/${theirs.id}/archival`)).status).toBe(404);
    expect((await db.query.facilities.findFirst({ where: eq(facilities.id, theirs.id) }))?.archivedAt).toBeNull();
  });
});
