// The neighbourhood's offers, as the "Done when" walks it: a resident offers help on the
// public page, confirms it from the mail (the development outbox), a coordinator accepts it and asks
// the resident to help an activity that lacks volunteers, the resident says yes from the mail — and
// the flag clears. Once with JavaScript (Henk, the Repair Café) and once without (Samira, the
// jubilee party), at phone size, with axe on every page on the way.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();

/** axe and the page's width are measured inside the page, so where JavaScript runs; the markup is the same without. */
async function noViolations(page: Page, where: string, javaScript: boolean) {
  if (!javaScript) return;
  assert.deepEqual(await axeViolations(page), [], where);
  const wide = await page.locator("html").evaluate((html) => html.scrollWidth);
  assert.ok(wide <= PHONE.width, `${where}: ${wide}px wide at phone size`);
}

/** The newest mail to `address` in the development outbox that has a link containing `part`. */
async function openFromOutbox(page: Page, address: string, part: string) {
  await page.goto("/dev/outbox");
  await page.locator(`a[data-recipient="${address}"][href*="${part}"]`).first().click();
}

type Walk = {
  js: boolean;
  resident: { name: string; email: string; text: string; kind: string };
  coordinator: string;
  initiative: string;
  activity: string;
};

async function walk(b: Browser, w: Walk) {
  const javaScript = w.js;
  const label = w.js ? "js" : "nojs";

  // 1. The resident offers help on the public page (no account).
  const resident = await newPage(b, { viewport: PHONE, javaScript });
  resident.setDefaultTimeout(30_000);
  await resident.goto("/buurt/vlinderbuurt");
  await resident.getByRole("link", { name: /Dit wil ik doen/ }).click();
  await noViolations(resident, "public page", javaScript);
  // Sent empty first: the mistakes are named next to the fields, nothing is sent.
  await resident.getByRole("button", { name: "Stuur mijn aanbod" }).click();
  await resident.getByText("Er is iets niet goed ingevuld.").waitFor();
  await noViolations(resident, "public page with mistakes", javaScript);
  await resident.getByLabel("Je naam").fill(w.resident.name);
  await resident.getByLabel("Je e-mailadres").fill(w.resident.email);
  await resident.getByLabel("Wat wil je doen, of wat kun je?").fill(w.resident.text);
  await resident.getByLabel(w.resident.kind, { exact: true }).check();
  await resident.getByLabel("Ongeveer één keer per maand").check();
  await resident.getByLabel(/Ik vind het goed/).check();
  await shot(resident, `offers-${label}-1-form-phone`);
  await resident.getByRole("button", { name: "Stuur mijn aanbod" }).click();
  await resident.getByRole("heading", { name: "Kijk in je mail" }).waitFor();
  await noViolations(resident, "check your mail", javaScript);

  // 2. The link in the mail: a page that shows the offer; only its button keeps it.
  await openFromOutbox(resident, w.resident.email, "/mail/offers/");
  await resident.getByText(w.resident.text).waitFor();
  await noViolations(resident, "confirm the offer", javaScript);
  await shot(resident, `offers-${label}-2-confirm-phone`);
  await resident.getByRole("button", { name: "Ja, bewaar mijn aanbod" }).click();
  await resident.getByText("Dank je wel! Je aanbod is bewaard.").waitFor();

  // 3. The coordinator accepts it from the neighbourhood's offers.
  const coordinator = await newPage(b, { viewport: PHONE, javaScript });
  coordinator.setDefaultTimeout(30_000);
  await signInViaOutbox(coordinator, w.coordinator);
  await coordinator.goto("/");
  await coordinator.getByRole("link", { name: w.initiative }).first().click();
  const initiativeUrl = coordinator.url();
  const hood = await coordinator.locator('main a[href^="/neighbourhoods/"]').first().getAttribute("href");
  const hoodPath = hood!.split(/[?#]/)[0]!.split("/").slice(0, 3).join("/");
  await coordinator.goto(w.js ? hoodPath : `${hoodPath}/offers`);
  await noViolations(coordinator, "offers waiting", javaScript);
  const card = coordinator.locator("article", { hasText: w.resident.text });
  await card.getByRole("button", { name: "Aannemen" }).click();
  await coordinator.getByText(/Aanbod aangenomen:/).waitFor();
  await noViolations(coordinator, "offer accepted", javaScript);
  await shot(coordinator, `offers-${label}-3-accepted-phone`);

  // 4. "Wie kan helpen?" beside the activity that lacks volunteers; one tap asks.
  await coordinator.goto(initiativeUrl);
  const activity = coordinator.locator("article.activity-card", { hasText: w.activity });
  await activity.getByRole("button", { name: "Wie kan helpen?" }).click();
  await coordinator.getByRole("heading", { name: `Wie kan helpen bij ${w.activity}?` }).waitFor();
  await coordinator.getByText("Er zijn te weinig vrijwilligers.").waitFor();
  await noViolations(coordinator, "who can help", javaScript);
  await shot(coordinator, `offers-${label}-4-helpers-phone`);
  await coordinator
    .getByRole("button", { name: `Vraag ${w.resident.name}` })
    .first()
    .click();
  await coordinator.getByText(`${w.resident.name} is gevraagd om mee te helpen.`).waitFor();
  await noViolations(coordinator, "asked", javaScript);

  // 5. The resident says yes from the mail (a confirmation page first).
  await openFromOutbox(resident, w.resident.email, "answer=yes");
  await resident.getByText(`Doe je mee met ${w.activity}?`).waitFor();
  await noViolations(resident, "answer yes", javaScript);
  await shot(resident, `offers-${label}-5-answer-phone`);
  await resident.getByRole("button", { name: "Ja, ik doe mee" }).click();
  await resident.getByText("Fijn dat je meedoet!").waitFor();
  await noViolations(resident, "answered", javaScript);

  // 6. The flag has cleared: the resident helps, and nobody needs to be found for the activity any more.
  await coordinator.goto(initiativeUrl);
  const after = coordinator.locator("article.activity-card", { hasText: w.activity });
  await after.getByText(`${w.resident.name} (vrijwilliger)`).waitFor();
  assert.equal(await after.getByRole("button", { name: "Wie kan helpen?" }).count(), 0);
  assert.doesNotMatch(await after.innerText(), /heeft (maar één actieve vrijwilliger|geen actieve vrijwilligers)/);
  await shot(coordinator, `offers-${label}-6-cleared-phone`);
  await resident.context().close();
  await coordinator.context().close();
}

describe("a resident's offer becomes help where it is lacking", () => {
  it("with JavaScript: Henk asks for the Repair Café", { timeout: 300_000 }, async () => {
    await walk(browser(), {
      js: true,
      resident: {
        name: "Lieke de Wit",
        email: "lieke@vlinderbuurt.example",
        text: "Ik repareer graag fietsen en lampen.",
        kind: "repareren",
      },
      coordinator: DEMO_PEOPLE.coordinator2.email,
      initiative: "Repair Café",
      activity: "Reparatiemiddag",
    });
  });

  it("without JavaScript: Samira asks for the jubilee party", { timeout: 300_000 }, async () => {
    await walk(browser(), {
      js: false,
      resident: { name: "Sem Bakker", email: "sem@vlinderbuurt.example", text: "Ik zet graag tenten en tafels klaar.", kind: "klussen" },
      coordinator: DEMO_PEOPLE.coordinator.email,
      initiative: "Buurtfeest 2026",
      activity: "Jubileumfeest",
    });
  });
});
