// A coordinator's round on a phone: update a status, complete a task, add a volunteer, write this
// year's check-in, and open a risk badge to read why — with JavaScript (htmx) and without.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();

async function accessible(page: Page, javaScript: boolean) {
  // axe runs inside the page, so it checks where JavaScript runs; the markup is the same without.
  if (javaScript) assert.deepEqual(await axeViolations(page), []);
}

for (const javaScript of [true, false]) {
  const label = javaScript ? "phone" : "phone-nojs";
  describe(`coordinator round (${label})`, () => {
    it("updates a status, completes a task, adds a volunteer, writes the check-in and reads a risk", { timeout: 180_000 }, async () => {
      const page = await newPage(browser(), { viewport: PHONE, javaScript });
      try {
        await round(page, javaScript, label);
      } catch (err) {
        await shot(page, `failure-round-${label}`);
        throw err;
      } finally {
        await page.context().close();
      }
    });
  });
}

async function round(page: Page, javaScript: boolean, label: string) {
  await signInViaOutbox(page, DEMO_PEOPLE.coordinator.email);

  // 1. One-tap status change on the home page.
  const card = page.locator("article.initiative-card", { has: page.getByRole("link", { name: "Eettafel Op De Hoek" }) });
  await card.getByLabel("Status").selectOption("paused");
  await card.getByRole("button", { name: "Status bijwerken" }).click();
  if (javaScript) await card.getByText("Status opgeslagen.").waitFor();
  else await page.waitForURL((url) => url.pathname === "/");
  assert.equal(
    await page
      .locator("article.initiative-card", { has: page.getByRole("link", { name: "Eettafel Op De Hoek" }) })
      .getByLabel("Status")
      .inputValue(),
    "paused",
  );
  await accessible(page, javaScript);
  await shot(page, `round-home-${label}`);

  // 2. Complete a task on the initiative page.
  await page.getByRole("link", { name: "Eettafel Op De Hoek" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Eettafel Op De Hoek" }).waitFor();
  const task = page
    .locator("#tasks article.task-row")
    .filter({ has: page.getByRole("button", { name: "Gedaan" }) })
    .first();
  const taskId = await task.getAttribute("id");
  await task.getByRole("button", { name: "Gedaan" }).click();
  const answered = page.locator(`#${taskId}`);
  await answered.getByText(DEMO_PEOPLE.coordinator.name).first().waitFor();
  await accessible(page, javaScript);
  await shot(page, `round-task-${label}`);

  // 3. Add a volunteer who has no account.
  const volunteer = `Lina de Groot ${label}`;
  // (Pico styles links as buttons with role="button", so find them as links by their text.)
  await page.locator("a", { hasText: "Vrijwilliger toevoegen" }).first().click();
  await page.getByLabel("Naam", { exact: true }).fill(volunteer);
  await page.getByLabel("Rol", { exact: true }).fill("gastvrouw");
  await page.getByLabel("Rol", { exact: true }).press("Tab"); // closes the suggestion list, as a person would
  await accessible(page, javaScript);
  await shot(page, `round-volunteer-form-${label}`);
  await page.locator("main").getByRole("button", { name: "Vrijwilliger toevoegen" }).click();
  await page.getByText(volunteer).first().waitFor();

  // 4. This year's check-in.
  await page.goto(
    page
      .url()
      .split("#")[0]!
      .replace(/\/involvements.*$/, ""),
  );
  await page
    .locator("a", { hasText: /Jaarmoment \d{4} (invullen|aanvullen)/ })
    .first()
    .click();
  await page.getByLabel("Een kort verhaal").fill(`Samen gegeten, ook toen het geld krap werd (${label}).`);
  await accessible(page, javaScript);
  await shot(page, `round-checkin-form-${label}`);
  await page.getByRole("button", { name: "Jaarmoment opslaan" }).click();
  await page.getByText(`ook toen het geld krap werd (${label})`).first().waitFor();

  // 5. A risk badge explains itself (details/summary work without JavaScript too).
  await page.goto(page.url().replace(/\/checkins.*$/, ""));
  const risk = page.locator("#activities details.risk-details").first();
  await risk.locator("summary").click();
  await risk.getByText(/Het wijkbudget van Wijkbudget Vlinderbuurt stopt op/).waitFor();
  await accessible(page, javaScript);
  await shot(page, `round-risk-${label}`);
}
