import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { assetRow, auditFor, makeAsset } from "../../helpers/workspace-factories";
import { assetInitiatives } from "../../../src/db/schema";
import {
  assetContract,
  changeAssetState,
  contactConsentErrors,
  createAsset,
  getAsset,
  isAssetStale,
  listAssets,
  loadAssetsForInitiative,
  safeBack,
  updateAsset,
  validateAsset,
} from "../../../src/domain/neighbourhoods/assets";
import { StaleVersionError } from "../../../src/db/versioned";

const today = "2026-11-15";
const now = new Date("2026-11-15T10:00:00.000Z");

describe("the consent rule for contacts on assets", () => {
  it("asks for nothing when no contact is given", () => {
    expect(contactConsentErrors({ contactName: "", contactInfo: " " })).toEqual({});
  });

  it("refuses a contact name or contact info without ticked consent", () => {
    expect(contactConsentErrors({ contactName: "Fatma" })).toEqual({ contactConsent: "assets.error.consent" });
    expect(contactConsentErrors({ contactInfo: "06 1234 5678", contactConsentOn: "2026-11-01" })).toEqual({
      contactConsent: "assets.error.consent",
    });
  });

  it("wants the date of the consent as well", () => {
    expect(contactConsentErrors({ contactName: "Fatma", contactConsent: "on", contactConsentOn: "" })).toEqual({
      contactConsentOn: "assets.error.consentOn",
    });
    expect(contactConsentErrors({ contactName: "Fatma", contactConsent: "on", contactConsentOn: "2026-11-01" })).toEqual({});
  });
});

describe("validating an asset form", () => {
  it("accepts a complete form and keeps the contact with its consent", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const parsed = await validateAsset(
      db,
      hood.id,
      {
        category: "places",
        name: "Het pleintje",
        contactName: "Kees",
        contactInfo: "kees@example.org",
        contactConsent: "on",
        contactConsentOn: "2026-11-01",
        initiativeIds: initiative.id,
      },
      today,
      false,
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data.initiativeIds).toEqual([initiative.id]);
  });

  it("names every problem at once, the consent rule included", async () => {
    const hood = await makeNeighbourhood();
    const parsed = await validateAsset(db, hood.id, { category: "dreams", name: "", contactName: "Kees" }, today, false);
    expect(parsed).toEqual({
      ok: false,
      errors: { category: "form.unknownOption", name: "form.required", contactConsent: "assets.error.consent" },
    });
  });

  it("refuses initiatives of another neighbourhood", async () => {
    const hood = await makeNeighbourhood();
    const other = await makeNeighbourhood({ name: "Overkant" });
    const mine = await makeInitiative(hood.id);
    const theirs = await makeInitiative(other.id);
    const parsed = await validateAsset(
      db,
      hood.id,
      { category: "gifts", name: "Naaien", initiativeIds: [mine.id, theirs.id] },
      today,
      false,
    );
    expect(parsed).toEqual({ ok: false, errors: { initiativeIds: "assets.error.initiative" } });
    const unknown = await validateAsset(db, hood.id, { category: "gifts", name: "Naaien", initiativeIds: "bestaat-niet" }, today, false);
    expect(unknown.ok).toBe(false);
  });

  it("refuses dates in the future and dates that do not exist", async () => {
    const hood = await makeNeighbourhood();
    const parsed = await validateAsset(
      db,
      hood.id,
      {
        category: "gifts",
        name: "Naaien",
        contactName: "An",
        contactConsent: "on",
        contactConsentOn: "2026-11-16",
        lastConfirmedOn: "2026-02-30",
      },
      today,
      false,
    );
    // Every message at once: the date that does not exist and the consent dated after today.
    expect(parsed).toEqual({ ok: false, errors: { lastConfirmedOn: "form.date", contactConsentOn: "ws.error.future" } });
    const future = await validateAsset(
      db,
      hood.id,
      { category: "gifts", name: "Naaien", contactName: "An", contactConsent: "on", contactConsentOn: "2026-11-16" },
      today,
      false,
    );
    expect(future).toEqual({ ok: false, errors: { contactConsentOn: "ws.error.future" } });
  });
});

describe("keeping the register", () => {
  it("creates an asset confirmed today, with its initiatives and an audit row", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const actor = await makePerson();
    const parsed = await validateAsset(
      db,
      hood.id,
      { category: "stories", name: "De watersnood van 1953", initiativeIds: initiative.id },
      today,
      false,
    );
    if (!parsed.ok) throw new Error("invalid");
    const id = await createAsset(db, hood.id, parsed.data, today, actor.id, now);
    const row = await assetRow(id);
    expect(row).toMatchObject({ lastConfirmedOn: today, contactName: null, contactConsentOn: null, createdBy: actor.id, version: 1 });
    expect((await db.select().from(assetInitiatives).where(eq(assetInitiatives.assetId, id))).map((l) => l.initiativeId)).toEqual([
      initiative.id,
    ]);
    expect((await auditFor(id)).map((a) => [a.action, a.neighbourhoodId])).toEqual([["create", hood.id]]);
  });

  it("drops the consent date when no contact is kept", async () => {
    const hood = await makeNeighbourhood();
    const parsed = await validateAsset(
      db,
      hood.id,
      { category: "gifts", name: "Fietsen maken", contactConsent: "on", contactConsentOn: "2026-11-01" },
      today,
      false,
    );
    if (!parsed.ok) throw new Error("invalid");
    const row = await assetRow(await createAsset(db, hood.id, parsed.data, today, null, now));
    expect(row?.contactConsentOn).toBeNull();
  });

  it("only finds an asset through its own neighbourhood", async () => {
    const hood = await makeNeighbourhood();
    const other = await makeNeighbourhood();
    const asset = await makeAsset(hood.id);
    expect((await getAsset(db, hood.id, asset.id))?.name).toBe(asset.name);
    expect(await getAsset(db, other.id, asset.id)).toBeNull();
  });

  it("updates with the version it was loaded with, and refuses a stale one", async () => {
    const hood = await makeNeighbourhood();
    const asset = await makeAsset(hood.id);
    const before = (await getAsset(db, hood.id, asset.id))!;
    const input = {
      ...assetContract.stored(before),
      category: "gifts" as const,
      name: "Fatma kookt voor zestig",
      contactConsent: false,
      initiativeIds: [],
      version: 1,
    };
    await updateAsset(db, before, input, null, now);
    expect((await assetRow(asset.id))?.version).toBe(2);
    await expect(updateAsset(db, before, { ...input, name: "Oud" }, null, now)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await assetRow(asset.id))?.name).toBe("Fatma kookt voor zestig");
    expect((await auditFor(asset.id)).map((a) => a.action)).toEqual(["update"]);
  });

  it("confirms, archives and restores", async () => {
    const hood = await makeNeighbourhood();
    const asset = await makeAsset(hood.id, { lastConfirmedOn: "2023-05-01" });
    await changeAssetState(db, asset as never, "confirm", today, null, now);
    expect((await assetRow(asset.id))?.lastConfirmedOn).toBe(today);
    await changeAssetState(db, (await assetRow(asset.id))!, "archive", today, null, now);
    expect((await listAssets(db, hood.id)).archived.map((a) => a.id)).toEqual([asset.id]);
    await changeAssetState(db, (await assetRow(asset.id))!, "restore", today, null, now);
    expect((await listAssets(db, hood.id)).active.map((a) => a.id)).toEqual([asset.id]);
    expect((await auditFor(asset.id)).map((a) => a.action).sort()).toEqual(["archive", "confirm", "restore"]);
  });

  it("filters the register by category", async () => {
    const hood = await makeNeighbourhood();
    await makeAsset(hood.id, { category: "places", name: "Speeltuin" });
    await makeAsset(hood.id, { category: "economy", name: "Bakker Bas" });
    expect((await listAssets(db, hood.id, "places")).active.map((a) => a.name)).toEqual(["Speeltuin"]);
    expect((await listAssets(db, hood.id)).active.map((a) => a.name)).toEqual(["Bakker Bas", "Speeltuin"]);
  });
});

describe("an asset goes stale after two years without confirmation", () => {
  it("compares with today, not the clock", () => {
    expect(isAssetStale("2024-11-15", "2026-11-15")).toBe(false);
    expect(isAssetStale("2024-11-14", "2026-11-15")).toBe(true);
    // On a leap day the cut-off is the end of February two years before.
    expect(isAssetStale("2026-02-28", "2028-02-29")).toBe(true);
    expect(isAssetStale("2026-03-01", "2028-02-29")).toBe(false);
  });
});

describe("the initiative page's asset section", () => {
  it("lists the active assets the initiative leans on", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const other = await makeInitiative(hood.id, { name: "Anders" });
    await makeAsset(hood.id, { name: "Oud verhaal", category: "stories", lastConfirmedOn: "2020-01-01" }, [initiative.id]);
    await makeAsset(hood.id, { name: "Weg", archivedAt: "2026-01-01T00:00:00.000Z" }, [initiative.id]);
    await makeAsset(hood.id, { name: "Van een ander" }, [other.id]);
    const data = await loadAssetsForInitiative(db, initiative.id, today);
    expect(data.neighbourhoodId).toBe(hood.id);
    expect(data.assets.map((a) => [a.name, a.stale])).toEqual([["Oud verhaal", true]]);
  });
});

describe("the way back after a form", () => {
  it("allows only local initiative and neighbourhood pages", () => {
    expect(safeBack("/initiatives/abc-1#assets")).toBe("/initiatives/abc-1#assets");
    expect(safeBack("https://evil.example/initiatives/x")).toBeNull();
    expect(safeBack("//evil.example")).toBeNull();
    expect(safeBack("/admin/people")).toBeNull();
  });
});
