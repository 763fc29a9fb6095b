// Continuity of people and knowledge (issue 18) on a phone, with JavaScript and without: the key
// holder of the demo has a reserve and a handover note; the coordinator subscribes to the
// initiative's calendar (the feed is read back with a real iCalendar parser) and to their own at
// /preferences; writes a message to the volunteers; and ends the key holder's role, after which the
// reserve's handover mail goes out with the daily run and is in the outbox.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import ICAL from "ical.js";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { BASE } from "./server";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();
const GARDEN = "Moestuin De Vlinder";
const MEAL = "Eettafel Op De Hoek";

async function accessible(page: Page, javaScript: boolean) {
  if (javaScript) assert.deepEqual(await axeViolations(page), []);
}

/** Reads a calendar address as a calendar app would, and parses it with ical.js. */
async function feedEvents(url: string) {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/calendar; charset=utf-8");
  const component = new ICAL.Component(ICAL.parse(await res.text()));
  return component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

async function openInitiative(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("link", { name }).first().click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

async function sendMessage(page: Page, initiative: string, subject: string, javaScript: boolean, label: string) {
  await openInitiative(page, initiative);
  await page.locator("#volunteers a", { hasText: "Bericht aan de vrijwilligers" }).click();
  await page.getByRole("heading", { level: 1, name: "Bericht aan de vrijwilligers" }).waitFor();
  assert.match(await page.locator("main").innerText(), /hoogstens 3 berichten per dag/);
  await page.getByLabel("Onderwerp").fill(subject);
  await page.getByLabel("Bericht", { exact: true }).fill("Zaterdag om tien uur bij de schuur.\nNeem handschoenen mee.");
  await accessible(page, javaScript);
  await page.getByRole("button", { name: "Bericht versturen" }).click();
  await page.locator(".flash", { hasText: "Je bericht is klaar om te versturen." }).waitFor();
  await page.locator("#messages li", { hasText: subject }).waitFor();
  await accessible(page, javaScript);
  await shot(page, `continuity-message-${label}`);
}

for (const javaScript of [true, false]) {
  const label = javaScript ? "phone" : "phone-nojs";
  describe(`continuity of people and knowledge (${label})`, () => {
    it("reserve, calendars and a message; with JavaScript also the handover", { timeout: 240_000 }, async () => {
      const page = await newPage(browser(), { viewport: PHONE, javaScript });
      try {
        await signInViaOutbox(page, DEMO_PEOPLE.coordinator.email);
        if (javaScript) await withJavaScript(page, label);
        else await withoutJavaScript(page, label);
      } catch (err) {
        await shot(page, `failure-continuity-${label}`);
        throw err;
      } finally {
        await page.context().close();
      }
    });
  });
}

async function withJavaScript(page: Page, label: string) {
  // 1. The demo's key holder has a reserve; the note is on the involvement's own page.
  await openInitiative(page, GARDEN);
  await page.locator("#volunteers", { hasText: "reserve: Mohamed Yilmaz" }).waitFor();
  await page.getByRole("link", { name: "Reserve en overdracht van Fatima el Amrani" }).click();
  await page.getByRole("heading", { level: 2, name: "Opvolging" }).waitFor();
  assert.match(await page.getByLabel("Overdrachtsnotitie").inputValue(), /sleutel van de schuur/);
  assert.equal(await page.getByLabel("Reserve", { exact: true }).locator("option:checked").innerText(), "Mohamed Yilmaz");
  await accessible(page, true);
  await shot(page, `continuity-succession-${label}`);

  // 2. The initiative's calendar: a secret address, shown once; a calendar app reads it.
  await openInitiative(page, GARDEN);
  await page.getByRole("link", { name: "Agenda-abonnement" }).click();
  await page.getByRole("heading", { level: 1, name: `Agenda van ${GARDEN}` }).waitFor();
  await page.getByRole("button", { name: "Agenda-adres maken" }).click();
  const url = await page.getByLabel("Agenda-adres").inputValue();
  assert.match(url, new RegExp(`^${BASE}/calendar/wkc_[A-Za-z0-9_-]+\\.ics$`));
  assert.equal(await page.getByRole("link", { name: "Abonneren in je agenda-app" }).getAttribute("href"), url.replace(/^http:/, "webcal:"));
  await accessible(page, true);
  await shot(page, `continuity-calendar-${label}`);
  const events = await feedEvents(url);
  const summaries = events.map((e) => e.summary);
  assert.ok(summaries.includes(`Geld stopt: Gemeente Lindenstad (${GARDEN})`), summaries.join(" | "));
  assert.ok(summaries.includes(`Verantwoording: Gemeente Lindenstad (${GARDEN})`), summaries.join(" | "));
  assert.ok(
    summaries.some((s) => s.startsWith("Schuur en gereedschap nalopen voor de winter")),
    summaries.join(" | "),
  );
  assert.ok(
    events.every((e) => e.startDate.isDate),
    "all-day events",
  );
  assert.deepEqual(
    (await feedEvents(url)).map((e) => e.uid),
    events.map((e) => e.uid),
    "stable UIDs",
  );

  // 3. A message to the garden's volunteers.
  await sendMessage(page, GARDEN, "Oogstfeest", true, label);

  // 4. The key holder stops: the page says where the tasks and the note go; the reserve's mail goes
  //    out with the daily run.
  await openInitiative(page, GARDEN);
  await page.getByRole("link", { name: "Reserve en overdracht van Fatima el Amrani" }).click();
  assert.match(await page.locator("main").innerText(), /gaan de taken op naam van Fatima el Amrani naar de reserve, Mohamed Yilmaz/);
  await page.getByRole("button", { name: "Stoppen met deze rol" }).click();
  await page.locator(".flash", { hasText: "Mohamed Yilmaz krijgt de overdrachtsnotitie en de open taken met de volgende mail." }).waitFor();
  await accessible(page, true);
  await shot(page, `continuity-handover-${label}`);
  const trigger = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=0+4+*+*+*&time=${Date.now()}`);
  assert.ok(trigger.ok, `scheduled trigger answered ${trigger.status}`);
  const mail = page.locator('a[data-recipient="mohamed@vlinderbuurt.example"]');
  for (const deadline = Date.now() + 90_000; ;) {
    await page.goto("/dev/outbox");
    if ((await page.getByText(`Je neemt het over: sleutelhouder bij ${GARDEN}`).count()) > 0) break;
    assert.ok(Date.now() < deadline, "no handover mail for the reserve arrived in the outbox");
    await page.waitForTimeout(1_000);
  }
  assert.ok((await mail.count()) > 0, "the handover mail has the reserve's preference and unsubscribe links");

  // 5. The history says it in words.
  await openInitiative(page, GARDEN);
  await page.goto(`${new URL(page.url()).pathname}/history`);
  await page.getByText("Overgedragen aan: Mohamed Yilmaz").waitFor();
  await page.getByText("Aantal ontvangers:").first().waitFor();
  await accessible(page, true);
}

async function withoutJavaScript(page: Page, label: string) {
  // The person's own calendar, at /preferences: made, read, revoked (then the old address is gone).
  await page.goto("/preferences");
  await page.getByRole("button", { name: "Agenda-adres maken" }).click();
  const url = await page.getByLabel("Agenda-adres").inputValue();
  const events = await feedEvents(url);
  assert.ok(
    events.some((e) => e.summary.endsWith(`(${MEAL})`)),
    "the coordinator's own feed has the meal's dates",
  );
  await shot(page, `continuity-preferences-calendar-${label}`);
  await page.goto("/preferences");
  await page.getByRole("button", { name: "Adres intrekken" }).click();
  await page.locator(".flash", { hasText: "Het agenda-adres is ingetrokken." }).waitFor();
  assert.equal((await fetch(url)).status, 404);

  // A message without JavaScript: a plain form post, the same confirmation.
  await sendMessage(page, MEAL, "Geen maaltijd volgende week", false, label);
}
