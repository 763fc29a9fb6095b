// A coordinator's round on a phone: update a status, complete a task, add a volunteer, write this
// year's check-in, and open a risk badge to read why — with JavaScript (htmx) and without. Every
// save says it worked; then what needs attention comes first, a failed form says where, the task
// form asks one kind at a time, and answering long before the date asks first.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();

async function accessible(page: Page, javaScript: boolean) {
  // axe runs inside the page, so it checks where JavaScript runs; the markup is the same without.
  if (javaScript) assert.deepEqual(await axeViolations(page), []);
}

/** The element that has focus: its id, class and text. */
const focused = (page: Page) =>
  page.locator(":focus").evaluateAll((els) => {
    const el = els[0];
    return { id: el?.id ?? "", className: String(el?.className ?? ""), text: el?.textContent?.trim() ?? "" };
  });

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

  // 1. The status change, tucked away on the home page; it says it worked, with and without JS.
  const card = () => page.locator("article.initiative-card", { has: page.getByRole("link", { name: "Eettafel Op De Hoek" }) });
  await card().locator("details.status-change > summary").click();
  await card().getByLabel("Status", { exact: true }).selectOption("paused");
  await card().getByRole("button", { name: "Status bijwerken" }).click();
  if (javaScript) {
    await card().getByText("Status opgeslagen: Gepauzeerd.").waitFor();
    assert.match((await focused(page)).text, /Status opgeslagen: Gepauzeerd/, "focus moves to the message after the swap");
  } else {
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator(".flash", { hasText: "Eettafel Op De Hoek: Status opgeslagen: Gepauzeerd." }).waitFor();
  }
  assert.equal(await card().getByLabel("Status", { exact: true }).inputValue(), "paused");
  assert.match(await card().locator("details.status-change > summary").innerText(), /Status: Gepauzeerd/);
  await accessible(page, javaScript);
  await shot(page, `round-home-${label}`);

  // 2. Complete a task that is due, on the initiative page (short cards with their answers).
  await page.getByRole("link", { name: "Eettafel Op De Hoek" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Eettafel Op De Hoek" }).waitFor();
  const task = page
    .locator("#tasks article.task-compact")
    .filter({ has: page.getByRole("button", { name: "Gedaan" }) })
    .first();
  const taskId = (await task.getAttribute("id"))!;
  const title = (await task.locator("h3").innerText()).trim();
  await task.getByRole("button", { name: "Gedaan" }).click();
  if (javaScript) {
    await page.locator(`#${taskId} .flash`, { hasText: "Opgeslagen als gedaan." }).waitFor();
    assert.match((await focused(page)).className, /flash/, "focus is on the saved message, not on <body>");
  } else {
    // Back on the initiative's tasks: the message names the task that was answered.
    await page.waitForURL((url) => url.hash === "#tasks");
    await page.locator("#tasks .flash", { hasText: `${title}: Opgeslagen als gedaan.` }).waitFor();
  }
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
  await page.locator("#volunteers .flash", { hasText: `Vrijwilliger toegevoegd: ${volunteer}.` }).waitFor();

  // 4. This year's check-in.
  await page.goto(page.url().split("#")[0]!);
  await page
    .locator("a", { hasText: /Jaarmoment \d{4} (invullen|aanvullen)/ })
    .first()
    .click();
  await page.getByLabel("Aantal mensen bereikt").fill("35");
  await page.getByLabel("Een kort verhaal").fill(`Samen gegeten, ook toen het geld krap werd (${label}).`);
  await accessible(page, javaScript);
  await shot(page, `round-checkin-form-${label}`);
  await page.getByRole("button", { name: "Jaarmoment opslaan" }).click();
  await page.locator("#checkins .flash", { hasText: /Het jaarmoment \d{4} is opgeslagen\./ }).waitFor();
  await page.getByText(`ook toen het geld krap werd (${label})`).first().waitFor();

  // 5. A risk badge explains itself (details/summary work without JavaScript too).
  await page.goto(page.url().split("#")[0]!);
  const risk = page.locator("#activities details.risk-details").first();
  await risk.locator("summary").click();
  await risk.getByText(/Het wijkbudget van Wijkbudget Vlinderbuurt stopt\. € [\d.]+ per jaar valt weg op/).waitFor();
  await accessible(page, javaScript);
  await shot(page, `round-risk-${label}`);
}

const SEVERITY = ["ok", "watch", "at_risk", "urgent"];

describe("what needs attention, failed forms, the task form and early answers", () => {
  let context: BrowserContext | undefined;
  /** One sign-in for these checks (links are rate-limited); the no-JS pages share its session. */
  const page = async (javaScript = true) => {
    if (!context) {
      const first = await newPage(browser(), { viewport: PHONE });
      await signInViaOutbox(first, DEMO_PEOPLE.coordinator.email);
      context = first.context();
      if (javaScript) return first;
    }
    return newPage(browser(), { viewport: PHONE, javaScript, signedInAs: await context.storageState() });
  };

  it("the home opens with the most urgent initiative, its reason and the one next action", { timeout: 120_000 }, async () => {
    const home = await page();
    await home.goto("/");
    const levels = await home
      .locator("article.initiative-card")
      .evaluateAll((cards) => cards.map((c) => /attention-(\w+)/.exec(c.className)?.[1] ?? ""));
    assert.ok(levels.length >= 2, "the coordinator has several initiatives");
    const worst = Math.max(...levels.map((l) => SEVERITY.indexOf(l)));
    assert.equal(SEVERITY.indexOf(levels[0]!), worst, `the first card is the most urgent (${levels.join(", ")})`);
    // In the first screen: the first initiative, its reason and what to do.
    const first = home.locator("article.initiative-card").first();
    for (const part of [first.locator("h3"), first.locator(".reason"), first.locator(".next-action")]) {
      const box = (await part.boundingBox())!;
      assert.ok(box.y + box.height <= PHONE.height, `${await part.innerText()} is in the first screen`);
    }
    await shot(home, "attention-home-phone");
  });

  for (const javaScript of [true, false]) {
    it(
      `a form with mistakes is titled "Fout:" and focus is on its summary (${javaScript ? "js" : "nojs"})`,
      { timeout: 120_000 },
      async () => {
        const p = await page(javaScript);
        await p.goto("/");
        await p.getByRole("link", { name: "Eettafel Op De Hoek" }).first().click();
        await p
          .locator("a", { hasText: /Jaarmoment \d{4} (invullen|aanvullen)/ })
          .first()
          .click();
        await p.getByLabel("Aantal mensen bereikt").fill("");
        await p.getByRole("button", { name: "Jaarmoment opslaan" }).click();
        await p.locator("#error-summary").waitFor();
        assert.match(await p.title(), /^Fout: /);
        assert.equal((await focused(p)).id, "error-summary");
        const link = p.locator("#error-summary a", { hasText: "Aantal mensen bereikt: Vul dit veld in." });
        await link.click();
        if (javaScript) assert.equal((await focused(p)).id, "field-peopleReached");
        else assert.equal(new URL(p.url()).hash, "#field-peopleReached");
        await accessible(p, javaScript);
        await shot(p, `error-summary-${javaScript ? "phone" : "phone-nojs"}`);
        if (!javaScript) await p.context().close();
      },
    );
  }

  for (const javaScript of [true, false]) {
    it(`the task form asks only the chosen kind's questions (${javaScript ? "js" : "nojs"})`, { timeout: 120_000 }, async () => {
      const p = await page(javaScript);
      await p.goto("/");
      await p.getByRole("link", { name: "Eettafel Op De Hoek" }).first().click();
      await p.locator("a", { hasText: "Taak toevoegen" }).first().click();
      await p.getByLabel("Wat moet er gebeuren?").fill("Gras maaien");
      assert.equal(await p.locator('[name="windowPreset"]').count(), 0);
      await p.getByLabel("Wanneer moet het gebeuren?").selectOption("window");
      if (!javaScript) await p.getByRole("button", { name: "Vragen voor dit soort tonen" }).click();
      await p.getByLabel("Periode").waitFor();
      assert.equal(await p.locator('[name="intervalCount"]').count(), 0, "the other kinds' questions are gone");
      assert.equal(await p.getByLabel("Wat moet er gebeuren?").inputValue(), "Gras maaien", "what was typed stays");
      if (javaScript) assert.equal(await p.getByRole("button", { name: "Vragen voor dit soort tonen" }).isVisible(), false);
      await p.getByLabel("Periode").selectOption("q2");
      await p.locator("main").getByRole("button", { name: "Taak toevoegen" }).click();
      await p.locator("#tasks .flash", { hasText: "Onderhoudstaak toegevoegd: Gras maaien." }).waitFor();
      await accessible(p, javaScript);
      if (!javaScript) await p.context().close();
    });
  }

  it("answering a task long before its date asks first, without JavaScript", { timeout: 120_000 }, async () => {
    const p = await page(false);
    await p.goto("/");
    await p.getByRole("link", { name: "Eettafel Op De Hoek" }).first().click();
    // A task planned later is one line: open it.
    const planned = p.locator("#tasks .task-lines li", { has: p.locator(".badge-planned") }).first();
    const name = (await planned.locator("a").innerText()).trim();
    await planned.locator("a").click();
    await p.getByRole("button", { name: "Gedaan" }).click();
    await p.getByText(/Deze taak staat pas voor .+\. Is hij nu al gedaan\?/).waitFor();
    await shot(p, "early-answer-confirm-phone-nojs");
    await p.locator("a", { hasText: "Nee, terug naar de taak" }).click();
    await p.getByRole("heading", { name }).waitFor();
    assert.equal(await p.locator(".flash").count(), 0, "nothing was saved");
    await p.context().close();
    await context?.close();
  });
});
