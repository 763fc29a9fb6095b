import { describe, expect, it } from "vitest";
import { db, makeNeighbourhood, makePartner } from "../../helpers/factories";
import { auditFor } from "../../helpers/workspace-factories";
import { createPartner, getPartner, setPartnerArchived, updatePartner, validatePartner } from "../../../src/domain/people/partners";
import { StaleVersionError } from "../../../src/db/versioned";

const now = new Date("2026-11-15T10:00:00.000Z");

describe("partner organisations", () => {
  it("validates name, kind and linked neighbourhoods", async () => {
    const hood = await makeNeighbourhood();
    expect(await validatePartner(db, { name: "", kind: "bank" }, false)).toEqual({
      ok: false,
      errors: { name: "form.required", kind: "form.unknownOption" },
    });
    expect(
      await validatePartner(db, { name: "Gemeente", kind: "municipality", neighbourhoodIds: [hood.id, "bestaat-niet"] }, false),
    ).toEqual({
      ok: false,
      errors: { neighbourhoodIds: "partners.error.neighbourhood" },
    });
    const ok = await validatePartner(db, { name: "Gemeente", kind: "municipality", neighbourhoodIds: hood.id }, false);
    expect(ok.ok && ok.data.neighbourhoodIds).toEqual([hood.id]);
  });

  it("creates, relinks with the right version, refuses a stale version and archives", async () => {
    const a = await makeNeighbourhood();
    const b = await makeNeighbourhood();
    const id = await createPartner(db, { name: "Welzijn Oost", kind: "welfare", neighbourhoodIds: [a.id] }, null, now);
    const before = (await getPartner(db, id))!;
    expect(before.neighbourhoodIds).toEqual([a.id]);
    await updatePartner(db, before, { name: "Welzijn Oost", kind: "welfare", neighbourhoodIds: [b.id], version: 1 }, null, now);
    expect((await getPartner(db, id))?.neighbourhoodIds).toEqual([b.id]);
    await expect(
      updatePartner(db, before, { name: "Oud", kind: "care", neighbourhoodIds: [], version: 1 }, null, now),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(await getPartner(db, id)).toMatchObject({ name: "Welzijn Oost", version: 2, neighbourhoodIds: [b.id] });
    await setPartnerArchived(db, (await getPartner(db, id))!, true, null, now);
    expect((await getPartner(db, id))?.archivedAt).toBe(now.toISOString());
    const trail = await auditFor(id);
    expect(trail.map((t) => t.action).sort()).toEqual(["archive", "create", "update"]);
    expect(JSON.parse(trail.find((t) => t.action === "update")!.changes)).toEqual({ neighbourhoodIds: [[a.id], [b.id]] });
  });

  it("counts its members", async () => {
    const p = await makePartner();
    expect((await getPartner(db, p.id))?.memberCount).toBe(0);
  });
});
