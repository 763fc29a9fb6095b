// A partner reads the sustainability overview on a laptop and downloads a CSV; an admin invites a
// person and changes a risk threshold.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, LAPTOP, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();

describe("partner", () => {
  it("reads the overview and downloads a table as CSV", { timeout: 120_000 }, async () => {
    const page = await newPage(browser(), { viewport: LAPTOP });
    await signInViaOutbox(page, DEMO_PEOPLE.partner.email);
    await page.locator("a", { hasText: "Overzicht duurzaamheid" }).first().click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.ok(await page.getByText("De Vlinderbuurt").first().isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "partner-overview-laptop");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[href$="/years.csv"]').first().click()]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const csv = readFileSync(path!, "utf8");
    assert.ok(csv.startsWith("\uFEFF"), "CSV starts with a BOM so Excel reads the accents");
    assert.ok(csv.includes(";"), "CSV uses semicolons for Dutch Excel");
    await page.context().close();
  });
});

describe("admin", () => {
  it("invites a person and changes a threshold", { timeout: 120_000 }, async () => {
    const page = await newPage(browser(), { viewport: PHONE });
    await signInViaOutbox(page, DEMO_PEOPLE.admin.email);
    await page.goto("/admin/people/new");
    await page.getByLabel("Naam", { exact: true }).fill("Wim Welzijn");
    await page.getByLabel("E-mailadres", { exact: true }).fill("wim@welzijn.example");
    await page.getByLabel("Welzijn Lindenstad").check();
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "admin-invite-phone");
    await page.getByRole("button", { name: "Uitnodigen" }).click();
    await page.locator(".flash", { hasText: "Uitnodiging gestuurd naar wim@welzijn.example" }).waitFor();

    // Inviting someone who is already known offers to give her the role instead.
    await page.goto("/admin/people/new");
    await page.getByLabel("Naam", { exact: true }).fill("Henk");
    await page.getByLabel("E-mailadres", { exact: true }).fill(DEMO_PEOPLE.coordinator2.email);
    await page.getByLabel("Welzijn Lindenstad").check();
    await page.getByRole("button", { name: "Uitnodigen" }).click();
    await page.getByRole("heading", { name: `${DEMO_PEOPLE.coordinator2.name} staat al in Wijkonderhoud` }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "admin-invite-known-phone");
    await page.getByRole("button", { name: `Rollen geven aan ${DEMO_PEOPLE.coordinator2.name}` }).click();
    await page.locator(".flash", { hasText: `Opgeslagen: de rollen van ${DEMO_PEOPLE.coordinator2.name}.` }).waitFor();
    assert.equal(await page.getByLabel("Welzijn Lindenstad").isChecked(), true);

    // Thresholds in percent, with a Dutch comma; shown back the same way.
    await page.goto("/admin/settings");
    assert.equal(await page.getByLabel(/Eén geldbron/).inputValue(), "40");
    await page.getByLabel("Vooruitkijken (dagen)").fill("200");
    await page.getByLabel(/Eén geldbron/).fill("50%");
    await page.getByLabel(/Minder vrijwilligers/).fill("62,5");
    await page.getByRole("button", { name: "Drempels opslaan" }).click();
    await page.locator(".flash", { hasText: "De drempels zijn opgeslagen en alle risico's zijn opnieuw berekend." }).waitFor();
    assert.equal(await page.getByLabel("Vooruitkijken (dagen)").inputValue(), "200");
    assert.equal(await page.getByLabel(/Eén geldbron/).inputValue(), "50");
    assert.equal(await page.getByLabel(/Minder vrijwilligers/).inputValue(), "62,5");
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "admin-settings-phone");
    await page.context().close();
  });
});
