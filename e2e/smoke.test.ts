// Browser smoke suite: a coordinator signs in through /dev/outbox and sees the home page,
// at phone and laptop width, with and without JavaScript; every page passes axe (WCAG 2.2 AA).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, LAPTOP, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();

for (const [size, viewport] of [
  ["phone", PHONE],
  ["laptop", LAPTOP],
] as const) {
  for (const javaScript of [true, false]) {
    const label = `${size}${javaScript ? "" : "-nojs"}`;
    // Sign-in is rate-limited per address (5 links per quarter of an hour, src/domain/auth/rate-limit.ts)
    // and the whole suite runs within minutes: the runs without JavaScript sign in the other
    // coordinator, so that no one asks for more links than a real person may.
    const who = javaScript
      ? { person: DEMO_PEOPLE.coordinator, initiative: "Moestuin De Vlinder" }
      : { person: DEMO_PEOPLE.coordinator2, initiative: "Repair Café" };
    describe(`coordinator at ${label}`, () => {
      it("signs in through the outbox and sees their initiatives", { timeout: 90_000 }, async () => {
        const page = await newPage(browser(), { viewport, javaScript });
        await page.goto("/sign-in");
        // axe runs inside the page, so it can only check where JavaScript runs; the markup is the same.
        if (javaScript) assert.deepEqual(await axeViolations(page), []);
        await shot(page, `sign-in-${label}`);
        await signInViaOutbox(page, who.person.email);
        await page.getByRole("heading", { name: "Wat vraagt aandacht" }).waitFor();
        assert.ok(await page.getByRole("link", { name: who.initiative }).isVisible());
        if (javaScript) assert.deepEqual(await axeViolations(page), []);
        await shot(page, `home-coordinator-${label}`);
        await page.context().close();
      });
    });
  }
}

describe("every demo person", () => {
  for (const [role, person] of Object.entries(DEMO_PEOPLE)) {
    it(`${role} signs in and reaches an accessible home page`, { timeout: 90_000 }, async () => {
      const page = await newPage(browser(), { viewport: LAPTOP });
      await signInViaOutbox(page, person.email);
      await page.getByRole("heading", { level: 1 }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, `home-${role}-laptop`);
      if (role === "admin") {
        await page.getByRole("link", { name: "Mensen en rollen" }).first().click();
        await page.getByRole("heading", { name: "Mensen en rollen" }).waitFor();
        assert.deepEqual(await axeViolations(page), []);
        await shot(page, "admin-people-laptop");
      }
      await page.context().close();
    });
  }
});
