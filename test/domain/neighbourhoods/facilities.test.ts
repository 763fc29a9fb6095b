import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson } from "../../helpers/factories";
import { makeActivity, makeFacility } from "../../helpers/money-factories";
import { auditLog, facilities } from "../../../src/db/schema";
import { StaleVersionError } from "../../../src/db/versioned";
import {
  checkFacilityLinks,
  createFacility,
  facilityContract,
  getFacility,
  listFacilityOptions,
  loadFacilitiesSection,
  setFacilityArchived,
  updateFacility,
} from "../../../src/domain/neighbourhoods/facilities";

const NOW = new Date("2026-03-01T10:00:00Z");

describe("facilities", () => {
  it("validates the form: a name, a real date, known choices", async () => {
    expect(facilityContract.parseForm({ name: "", agreementEndsOn: "2026-13-01", renewalState: "soms" })).toEqual({
      ok: false,
      errors: { name: "form.required", agreementEndsOn: "form.date", renewalState: "form.unknownOption" },
    });
    const ok = facilityContract.parseForm({
      name: "Moestuin",
      kind: "moestuin",
      ownerPartnerId: "",
      agreement: "",
      agreementEndsOn: "",
      renewalState: "none",
    });
    expect(ok).toEqual({
      ok: true,
      data: {
        name: "Moestuin",
        kind: "moestuin",
        ownerPartnerId: null,
        agreement: "",
        agreementEndsOn: null,
        renewalState: "none",
      },
    });
    expect(await checkFacilityLinks(db, { ownerPartnerId: "bestaat-niet" })).toEqual({ ownerPartnerId: "form.unknownOption" });
  });

  it("creates, updates with the version and refuses a stale save without writing", async () => {
    const hood = await makeNeighbourhood();
    const otherHood = await makeNeighbourhood();
    const owner = await makePartner();
    const actor = await makePerson();
    const parsed = facilityContract.parseForm({
      name: "Buurthuis",
      kind: "buurthuis",
      ownerPartnerId: owner.id,
      agreement: "bruikleenovereenkomst",
      agreementEndsOn: "2026-09-30",
      renewalState: "none",
    });
    if (!parsed.ok) throw new Error("invalid");
    const id = await createFacility(db, hood.id, parsed.data, actor.id, NOW);
    const created = (await getFacility(db, hood.id, id))!;
    expect(created).toMatchObject({ ownerPartnerId: owner.id, agreementEndsOn: "2026-09-30", version: 1 });
    expect(await getFacility(db, otherHood.id, id)).toBeNull();

    const update = facilityContract.parseFormUpdate({ name: "Buurthuis De Linde", renewalState: "applied", version: "1" });
    if (!update.ok) throw new Error("invalid");
    await updateFacility(db, created, update.data, actor.id, NOW);
    const updated = (await getFacility(db, hood.id, id))!;
    expect(updated).toMatchObject({ name: "Buurthuis De Linde", renewalState: "applied", ownerPartnerId: null, version: 2 });
    await expect(updateFacility(db, updated, { ...update.data, name: "Oud" }, actor.id, NOW)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await db.query.facilities.findFirst({ where: eq(facilities.id, id) }))?.name).toBe("Buurthuis De Linde");
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(trail.map((t) => t.action).sort()).toEqual(["create", "update"]);
    expect(trail.every((t) => t.neighbourhoodId === hood.id)).toBe(true);
  });

  it("offers only the neighbourhood's facilities in use for selects", async () => {
    const hood = await makeNeighbourhood();
    const otherHood = await makeNeighbourhood();
    const b = await makeFacility(hood.id, { name: "Speeltuin" });
    const a = await makeFacility(hood.id, { name: "Ruilkast" });
    await makeFacility(hood.id, { name: "Oud buurthuis", archivedAt: NOW.toISOString() });
    await makeFacility(otherHood.id, { name: "Elders" });
    expect(await listFacilityOptions(db, hood.id)).toEqual([
      { id: a.id, name: "Ruilkast" },
      { id: b.id, name: "Speeltuin" },
    ]);
  });

  it("marks agreements ending within 180 days and lists the activities held there", async () => {
    const hood = await makeNeighbourhood();
    const owner = await makePartner({ name: "Woonstichting Linde" });
    const initiative = await makeInitiative(hood.id, { name: "Buurtmoestuin" });
    const soon = await makeFacility(hood.id, { name: "A soon", agreementEndsOn: "2026-08-28", ownerPartnerId: owner.id });
    await makeFacility(hood.id, { name: "B later", agreementEndsOn: "2026-08-29" });
    await makeFacility(hood.id, { name: "C past", agreementEndsOn: "2026-02-28" });
    await makeFacility(hood.id, { name: "D open", agreementEndsOn: null });
    const gone = await makeFacility(hood.id, { name: "E archived" });
    await makeActivity(initiative.id, { name: "Zaaidag", facilityId: soon.id });
    await makeActivity(initiative.id, { name: "Oud", facilityId: soon.id, archivedAt: NOW.toISOString() });
    const actor = await makePerson();
    await setFacilityArchived(db, (await getFacility(db, hood.id, gone.id))!, true, actor.id, NOW);

    const data = await loadFacilitiesSection(db, hood.id, "2026-03-01");
    expect(data.facilities.map((f) => [f.name, f.endingSoon, f.ended])).toEqual([
      ["A soon", true, false],
      ["B later", false, false],
      ["C past", false, true],
      ["D open", false, false],
    ]);
    expect(data.facilities[0]).toMatchObject({
      ownerName: "Woonstichting Linde",
      activities: [{ name: "Zaaidag", initiativeId: initiative.id, initiativeName: "Buurtmoestuin" }],
    });
    expect(data.archived.map((f) => f.name)).toEqual(["E archived"]);
  });
});

describe("the facilities section", () => {
  it("says in words when an agreement ends within 180 days", async () => {
    const { FacilitiesSection } = await import("../../../views/facilities/facilities-section");
    const { translator } = await import("../../../src/i18n");
    const hood = await makeNeighbourhood();
    await makeFacility(hood.id, { name: "Moestuin Oost", agreementEndsOn: "2026-06-30", renewalState: "applied" });
    const data = await loadFacilitiesSection(db, hood.id, "2026-03-01");
    const html = String(
      await FacilitiesSection({
        t: translator("nl"),
        locale: "nl",
        csrfToken: "tok",
        neighbourhoodId: hood.id,
        canEdit: false,
        data,
      }).toString(),
    );
    expect(html).toContain('<section id="facilities"');
    expect(html).toContain("30 juni 2026");
    expect(html).toContain("Loopt af binnen 180 dagen");
    expect(html).toContain("Aangevraagd");
    expect(html).not.toContain("/edit");
  });
});
