// A resident without an account: the daily run sends a reminder; they open it (here from the
// development outbox), follow "done" to the confirmation page and confirm with its one button.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, newPage, PHONE, shot } from "./browser";
import { BASE } from "./server";

const browser = useAppAndBrowser();
const RESIDENT = "fatima@vlinderbuurt.example";

describe("resident without an account", () => {
  it("answers a reminder from the mail through the confirmation page", { timeout: 180_000 }, async () => {
    // The cron trigger starts the day's run, exactly as in production (time in milliseconds).
    const trigger = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=0+4+*+*+*&time=${Date.now()}`);
    assert.ok(trigger.ok, `scheduled trigger answered ${trigger.status}`);

    const page = await newPage(browser(), { viewport: PHONE });
    const done = page.locator(`a[data-recipient="${RESIDENT}"][href*="/mail/answers/"][href*="answer=done"]`).first();
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.goto("/dev/outbox");
      if ((await done.count()) > 0) break;
      assert.ok(Date.now() < deadline, "no reminder for the resident arrived in the outbox");
      await page.waitForTimeout(2_000);
    }
    await shot(page, "resident-outbox-phone");
    await done.click();
    await page.getByText("Is dit gedaan?").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "resident-confirm-phone");
    await page.getByRole("button", { name: "Ja, het is gedaan" }).click();
    await page.getByText("Dank je wel! Je antwoord is genoteerd.").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, "resident-answered-phone");
    await page.context().close();
  });
});
