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
    await page.getByText("Uitnodiging gestuurd naar wim@welzijn.example").waitFor();

    await page.goto("/admin/settings");
    await page.getByLabel("Vooruitkijken (dagen)").fill("200");
    await page.getByRole("button", { name: "Drempels opslaan" }).click();
    await page.getByText("Opgeslagen. De risico's zijn opnieuw berekend.").waitFor();
    assert.equal(await page.getByLabel("Vooruitkijken (dagen)").inputValue(), "200");
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "admin-settings-phone");
    await page.context().close();
  });
});
