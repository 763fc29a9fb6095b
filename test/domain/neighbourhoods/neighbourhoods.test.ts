import { describe, expect, it } from "vitest";
import { db, makeInitiative, makeNeighbourhood } from "../../helpers/factories";
import { makeAsset, makeCoordinatorOf } from "../../helpers/workspace-factories";
import {
  createNeighbourhood,
  getNeighbourhood,
  isValidSlug,
  loadNeighbourhoodPage,
  slugify,
  updateNeighbourhood,
  validateNeighbourhood,
} from "../../../src/domain/neighbourhoods/neighbourhoods";
import { StaleVersionError } from "../../../src/db/versioned";

const now = new Date("2026-11-15T10:00:00.000Z");

describe("the slug rule", () => {
  it("makes a slug from a Dutch name", () => {
    expect(slugify("Oude Westen – Noord")).toBe("oude-westen-noord");
    expect(slugify("  Één café 't Hoekje! ")).toBe("een-cafe-t-hoekje");
    expect(slugify("!!!")).toBe("");
  });

  it("accepts lowercase a-z, digits and inner hyphens only", () => {
    for (const ok of ["oude-westen", "wijk-12", "a"]) expect(isValidSlug(ok), ok).toBe(true);
    for (const bad of ["Oude-Westen", "oude westen", "-oude", "oude-", "oude--westen", "één", "", "x".repeat(61)])
      expect(isValidSlug(bad), bad).toBe(false);
  });

  it("derives the slug from the name when left empty", async () => {
    const name = `Bloemenbuurt ${crypto.randomUUID().slice(0, 6)}`;
    const parsed = await validateNeighbourhood(db, { name, municipality: "Utrecht", slug: "" });
    expect(parsed.ok && parsed.data.slug).toBe(slugify(name));
  });

  it("refuses a malformed slug and a slug in use, but not the neighbourhood's own", async () => {
    const hood = await makeNeighbourhood();
    expect(await validateNeighbourhood(db, { name: "X", municipality: "Y", slug: "Met Spatie" })).toEqual({
      ok: false,
      errors: { slug: "adminHood.error.slug" },
    });
    expect(await validateNeighbourhood(db, { name: "X", municipality: "Y", slug: hood.slug })).toEqual({
      ok: false,
      errors: { slug: "adminHood.error.slugTaken" },
    });
    const own = await validateNeighbourhood(db, { name: "X", municipality: "Y", slug: hood.slug, version: "1" }, hood.id);
    expect(own.ok).toBe(true);
  });

  it("requires name and municipality", async () => {
    expect(await validateNeighbourhood(db, { name: " ", municipality: "" })).toEqual({
      ok: false,
      errors: { name: "form.required", municipality: "form.required" },
    });
  });
});

describe("saving a neighbourhood", () => {
  it("updates with the right version and refuses a stale one", async () => {
    const slug = `hood-${crypto.randomUUID().slice(0, 8)}`;
    const id = await createNeighbourhood(db, { name: "Rivierenwijk", municipality: "Utrecht", slug }, null, now);
    const before = (await getNeighbourhood(db, id))!;
    await updateNeighbourhood(db, before, { name: "Rivierenwijk-Oost", municipality: "Utrecht", slug, version: 1 }, null, now);
    await expect(
      updateNeighbourhood(db, before, { name: "Oud", municipality: "Utrecht", slug, version: 1 }, null, now),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(await getNeighbourhood(db, id)).toMatchObject({ name: "Rivierenwijk-Oost", version: 2 });
  });
});

describe("the neighbourhood page", () => {
  it("shows initiatives with coordinators, archived apart, and assets per category", async () => {
    const hood = await makeNeighbourhood();
    const garden = await makeInitiative(hood.id, { name: "Moestuin", startedYear: 2015 });
    await makeInitiative(hood.id, { name: "Oud project", archivedAt: "2025-01-01T00:00:00.000Z" });
    await makeCoordinatorOf(garden.id, "Zeynep");
    await makeCoordinatorOf(garden.id, "Anton");
    await makeAsset(hood.id, { category: "places" });
    await makeAsset(hood.id, { category: "places" });
    await makeAsset(hood.id, { category: "stories", archivedAt: "2025-01-01T00:00:00.000Z" });
    const page = await loadNeighbourhoodPage(db, hood.id);
    expect(page.initiatives.map((i) => [i.name, i.coordinators])).toEqual([["Moestuin", ["Anton", "Zeynep"]]]);
    expect(page.archivedInitiatives.map((i) => i.name)).toEqual(["Oud project"]);
    expect(page.assetCounts).toEqual({ gifts: 0, associations: 0, institutions: 0, places: 2, economy: 0, stories: 0, connections: 0 });
  });
});
