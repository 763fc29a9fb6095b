// The initiative's binder (issue 18, item 5). The "Done when": the demo's grant decision letter,
// attached to the garden's funding stream, is downloaded by a partner linked to the neighbourhood
// (Pieter, housing corporation) and not by one who is not (Lisa, a fund linked elsewhere). Then a
// coordinator adds the stream's accounting on a phone without JavaScript, after a file over 10 MB
// and a wrong file are refused next to the field.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, LAPTOP, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";
import { simplePdf } from "../src/demo/demo-pdf";

const browser = useAppAndBrowser();
/** The letter's address, as Pieter found it; Lisa then tries the same one. */
let letterPath = "";
let gardenPath = "";

describe("the grant decision letter in the binder", () => {
  it("a partner linked to the neighbourhood downloads it", { timeout: 120_000 }, async () => {
    const page = await newPage(browser(), { viewport: PHONE });
    try {
      await signInViaOutbox(page, DEMO_PEOPLE.partner.email);
      await page.getByRole("link", { name: "De Vlinderbuurt", exact: true }).first().click();
      await page.getByRole("link", { name: "Moestuin De Vlinder" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Moestuin De Vlinder" }).waitFor();
      gardenPath = new URL(page.url()).pathname;
      const stream = page.locator("#funding article", { hasText: "Gemeente Lindenstad" }).first();
      const letter = stream.getByRole("link", { name: /Beschikking subsidie Moestuin De Vlinder downloaden/ });
      letterPath = (await letter.getAttribute("href"))!;
      assert.match(letterPath, /^\/initiatives\/[^/]+\/documents\/[^/]+\/file$/);
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, "documents-partner-slot-phone");
      const [download] = await Promise.all([page.waitForEvent("download"), letter.click()]);
      assert.match(download.suggestedFilename(), /^Beschikking SUB-\d{4}-0147\.pdf$/);
      const bytes = readFileSync((await download.path())!);
      assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
      assert.ok(bytes.toString("latin1").includes("Beschikking subsidie"), "the letter's own text");

      // The binder lists it with who added it and when.
      await page.goto(`${gardenPath}/documents`);
      await page.getByRole("heading", { level: 1, name: /Map met documenten/ }).waitFor();
      assert.ok(await page.getByText(`door ${DEMO_PEOPLE.coordinator.name}`).first().isVisible());
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, "documents-partner-binder-phone");
    } catch (err) {
      await shot(page, "failure-documents-partner");
      throw err;
    } finally {
      await page.context().close();
    }
  });

  it("a partner not linked to the neighbourhood does not", { timeout: 120_000 }, async () => {
    assert.ok(letterPath, "the linked partner's test found the letter first");
    const page = await newPage(browser(), { viewport: LAPTOP });
    try {
      await signInViaOutbox(page, DEMO_PEOPLE.otherPartner.email);
      const refused = await page.request.get(letterPath, { maxRedirects: 0 });
      assert.equal(refused.status(), 403);
      assert.ok(!(await refused.body()).subarray(0, 5).equals(Buffer.from("%PDF-")), "no file in the answer");
      const pageAnswer = await page.goto(letterPath);
      assert.equal(pageAnswer?.status(), 403);
      await page.getByRole("heading", { level: 1 }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, "documents-unlinked-partner-refused-laptop");
      assert.equal((await page.goto(`${gardenPath}/documents`))?.status(), 403);
    } finally {
      await page.context().close();
    }
  });
});

describe("a coordinator adds the accounting (phone, without JavaScript)", () => {
  it(
    "refuses a file that is not a document next to the field, then stores the PDF in the stream's slot",
    { timeout: 120_000 },
    async () => {
      const page = await newPage(browser(), { viewport: PHONE, javaScript: false });
      try {
        await signInViaOutbox(page, DEMO_PEOPLE.coordinator.email);
        await page.goto(gardenPath || "/");
        if (!gardenPath) await page.getByRole("link", { name: "Moestuin De Vlinder" }).first().click();
        const stream = page.locator("#funding article", { hasText: "Gemeente Lindenstad" }).first();
        await stream.getByRole("link", { name: /Verantwoording toevoegen voor Gemeente Lindenstad/ }).click();
        await page.getByRole("heading", { level: 1, name: "Document toevoegen" }).waitFor();
        assert.equal(await page.getByLabel("Soort document").inputValue(), "accounting");
        await shot(page, "documents-form-phone-nojs");

        // Over 10 MB: refused on the request's length before it is read; back at the form, the message by the field.
        const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
        big.write("%PDF-1.4\n");
        await page.getByLabel("Bestand").setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: big });
        await page.getByRole("button", { name: "Document opslaan" }).click();
        await page.locator("#field-file-error", { hasText: "Dit bestand is groter dan 10 MB." }).waitFor();
        assert.equal(await page.getByLabel("Soort document").inputValue(), "accounting", "the slot's choices are kept");

        // A web page with a .pdf name is not a PDF.
        await page.getByLabel("Bestand").setInputFiles({
          name: "verantwoording.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from("<!doctype html><p>geen pdf</p>"),
        });
        await page.getByRole("button", { name: "Document opslaan" }).click();
        await page.locator("#field-file-error", { hasText: "Dit soort bestand kunnen we niet bewaren." }).waitFor();
        assert.match(await page.title(), /^Fout:/);
        await shot(page, "documents-form-error-phone-nojs");

        await page.getByLabel("Bestand").setInputFiles({
          name: "Verantwoording 2025.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from(simplePdf("Verantwoording 2025", ["Inkomsten en uitgaven van de moestuin."])),
        });
        await page.getByRole("button", { name: "Document opslaan" }).click();
        await page.locator(".flash", { hasText: "Verantwoording toegevoegd: Verantwoording 2025." }).waitFor();
        const slot = page.locator("#funding article", { hasText: "Gemeente Lindenstad" }).first();
        assert.ok(await slot.getByRole("link", { name: /Verantwoording 2025 downloaden/ }).isVisible());
        await shot(page, "documents-added-phone-nojs");
      } catch (err) {
        await shot(page, "failure-documents-coordinator");
        throw err;
      } finally {
        await page.context().close();
      }
    },
  );
});
