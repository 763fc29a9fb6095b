// Debian's Chromium driven by playwright-core. Nothing is downloaded.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { BASE } from "./server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "e2e/screenshots";
export const PHONE = { width: 360, height: 740 };
export const LAPTOP = { width: 1280, height: 800 };

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** A page in a fresh context; `signedInAs` copies another context's cookies (its session), so a
 * second browser needs no sign-in link of its own. */
export async function newPage(
  browser: Browser,
  opts: { viewport: { width: number; height: number }; javaScript?: boolean; signedInAs?: StorageState },
) {
  // Dutch users, Dutch browsers: Accept-Language nl-NL (the app falls back to it before sign-in).
  const context = await browser.newContext({
    viewport: opts.viewport,
    javaScriptEnabled: opts.javaScript ?? true,
    baseURL: BASE,
    locale: "nl-NL",
    storageState: opts.signedInAs,
  });
  return context.newPage();
}

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

// axe-core exactly as @axe-core/playwright ships it, read once.
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(
  require.resolve("axe-core/axe.min.js", { paths: [dirname(require.resolve("@axe-core/playwright"))] }),
  "utf8",
);

/** WCAG 2.2 A and AA rules (2.2 adds target size: 24 × 24 px) on the page as it is now; returns the violations (empty is good).
 * Kept cheap, as the suite checks a few hundred pages: axe's 650 KB are evaluated once per check
 * (AxeBuilder would do it twice, so it gets a no-op as its source), legacy mode runs axe in the page
 * itself (the default opens a blank page per check to merge results from iframes, which the app
 * does not have), and only violations are listed node by node. Every rule still runs. */
export async function axeViolations(page: Page) {
  await page.evaluate(AXE_SOURCE);
  const result = await new AxeBuilder({ page, axeSource: "void 0" })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Signs in through the real flow: the form, then the link from /dev/outbox, then the confirm button. */
export async function signInViaOutbox(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel(/E-mailadres|Email address/).fill(email);
  await page.getByRole("button", { name: /aanmeldlink|sign-in link/i }).click();
  await page.waitForURL("**/sign-in/sent");
  await page.goto("/dev/outbox");
  await page.locator(`a[data-recipient="${email}"]`).first().click();
  await page.getByRole("button", { name: /^(Aanmelden|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in") && url.pathname !== "/sessions");
}
