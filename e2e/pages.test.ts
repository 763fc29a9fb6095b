// Every page a person can reach, per role, at phone and laptop size: the expected status, no
// sideways scrolling at phone width, every table's last column in view, targets of at least
// 24 × 24 px, zero axe violations (WCAG 2.2 A/AA) and a full-page screenshot
// `<role>-<page>-<phone|laptop>.png` in e2e/screenshots/pages/. At the end the Nu Html Checker
// reads the HTML the server sent for every page: zero errors.
//
// Signed-in roles start at the home page and follow every link (the navigation included) to pages
// they have not seen yet; one page per route is enough, so ids are found by following links, never
// written down. Pages behind a form (an import's preview), a mail (a task, the one-click answer) or a
// typed address (404, the public page, sign-in) are added by hand. Both sizes run side by side, one
// signed-in browser context each.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import type { Page, Response } from "playwright-core";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, LAPTOP, newPage, PHONE, SCREENSHOTS, signInViaOutbox } from "./browser";
import { BASE } from "./server";
import { DEMO_PEOPLE } from "../src/demo/seed";
import { htmlErrors } from "./html-check";
import { smallTargets, tableProblems } from "./layout-checks";

const browser = useAppAndBrowser();
const SIZES = [
  ["phone", PHONE],
  ["laptop", LAPTOP],
] as const;
type Size = (typeof SIZES)[number][0];

/** Kept apart from the flows' screenshots, which have names of their own. */
const FOLDER = `${SCREENSHOTS}/pages`;
/** The same for everyone (no personal content): checked once, as the visitor. */
const SHARED = ["/api/docs", "/dev/outbox"];
/** Full-page screenshots stop here: the API reference is over 100,000 px long. */
const MAX_SHOT_HEIGHT = 30_000;

const ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4})$/i;
const SINGULAR: Record<string, string> = { people: "person", activities: "activity", facilities: "facility" };

/** A page's name: its path without ids (and years), a collection followed by an id in the
 * singular: /initiatives/:id/tasks/:id/edit → initiative-task-edit; / → home. */
function pageName(path: string): string {
  const segments = new URL(path, BASE).pathname.split("/").filter(Boolean);
  const words = segments.flatMap((segment, i) => {
    if (ID.test(segment)) return [];
    const next = segments[i + 1];
    return [next && ID.test(next) ? (SINGULAR[segment] ?? segment.replace(/s$/, "")) : segment];
  });
  return words.length ? words.join("-") : "home";
}

/** Links a crawl follows: this site's pages; not file downloads (exports, a binder's documents), the language switch (a setting),
 * mail links (someone else's) or pages checked once for everyone. */
function followable(href: string): string | null {
  const url = new URL(href, BASE);
  if (url.origin !== new URL(BASE).origin) return null;
  const path = url.pathname;
  if (/\.(csv|json|zip)$/.test(path) || /^\/(me|admin\/people\/[^/]+)\/export$/.test(path)) return null;
  if (/\/documents\/[^/]+\/file$/.test(path)) return null; // a document's file is a download
  if (/^\/(locale|mail|sign-in|cdn-cgi)\//.test(path) || path === "/sign-in" || SHARED.includes(path)) return null;
  return path + url.search;
}

type Problems = string[];

/** The HTML the server sent for each page (one size is enough: the markup is the same), checked
 * with the Nu Html Checker at the end. */
const served = new Map<string, string>();

/** Seconds spent per step, printed at the end (the suite has a time budget). */
const spent = { load: 0, screenshot: 0, axe: 0 };
const timed = async <T>(step: keyof typeof spent, work: Promise<T>) => {
  const start = performance.now();
  try {
    return await work;
  } finally {
    spent[step] += (performance.now() - start) / 1000;
  }
};

/** Checks the page as it is now: status, width at phone size, screenshot, axe. */
async function inspect(page: Page, problems: Problems, response: Response | null, name: string, size: Size, expected = 200) {
  const where = `${name} (${new URL(page.url()).pathname}) at ${size}`;
  const status = response?.status();
  if (response && !served.has(name)) served.set(name, await response.text());
  if (status !== expected) problems.push(`${where}: status ${status}, expected ${expected}`);
  const width = page.viewportSize()!.width;
  const { scrollWidth, height } = await page
    .locator("html")
    .evaluate((html) => ({ scrollWidth: html.scrollWidth, height: html.scrollHeight }));
  if (size === "phone" && scrollWidth > width) problems.push(`${where}: ${scrollWidth}px wide in a ${width}px viewport`);
  // Every column of every table in view without scrolling sideways, at both sizes; targets of 24 × 24 px.
  for (const problem of await tableProblems(page)) problems.push(`${where}: ${problem}`);
  for (const target of await smallTargets(page)) problems.push(`${where}: ${target}`);
  const clip = height > MAX_SHOT_HEIGHT ? { x: 0, y: 0, width, height: MAX_SHOT_HEIGHT } : undefined;
  await timed("screenshot", page.screenshot({ path: `${FOLDER}/${name}-${size}.png`, fullPage: true, clip }));
  for (const violation of await timed("axe", axeViolations(page))) problems.push(`${where}: ${violation}`);
}

async function check(page: Page, problems: Problems, path: string, name: string, size: Size, expected = 200) {
  await inspect(page, problems, await timed("load", page.goto(path)), name, size, expected);
}

/** Breadth-first from `start` over every followable link; one visit per page name. */
async function crawl(page: Page, role: string, size: Size, problems: Problems, start: string[]) {
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length) {
    const path = queue.shift()!;
    const name = pageName(path);
    if (seen.has(name)) continue;
    seen.set(name, path);
    await check(page, problems, path, `${role}-${name}`, size);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) {
      const next = followable(href);
      if (!next || seen.has(pageName(next))) continue;
      queue.push(next);
      // A task's own page is where its reminder mail leads; on screen it is edited in place.
      const task = /^(\/initiatives\/[^/]+\/tasks\/[^/]+)\/edit$/.exec(next);
      if (task) queue.push(task[1]!);
    }
  }
  return [...seen.keys()];
}

type Extra = (page: Page, size: Size, problems: Problems) => Promise<string[]>;

/** Signs in once (sign-in links are rate-limited per address, and the other browser suites use
 * some), gives the other size the same session, then crawls at both sizes side by side; both must
 * find the same pages. Returns the page names. */
async function signedInRole(role: string, email: string, extra?: Extra) {
  const problems: Problems = [];
  const pages: Page[] = [];
  try {
    const first = await newPage(browser(), { viewport: SIZES[0][1] });
    pages.push(first);
    await signInViaOutbox(first, email);
    pages.push(await newPage(browser(), { viewport: SIZES[1][1], signedInAs: await first.context().storageState() }));
    const found = await Promise.all(
      SIZES.map(async ([size], i) => {
        const names = await crawl(pages[i]!, role, size, problems, ["/"]);
        return [...names, ...((await extra?.(pages[i]!, size, problems)) ?? [])].sort();
      }),
    );
    assert.deepEqual(found[0], found[1], "the same pages at both sizes");
    console.log(`${role}: ${found[0]!.length} pages: ${found[0]!.join(" ")}`);
    assert.deepEqual(problems, []);
    return found[0]!;
  } finally {
    for (const page of pages) await page.context().close();
  }
}

/** An import's preview: the template from the upload page plus a row with mistakes. */
async function importPreview(page: Page, role: string, size: Size, problems: Problems, upload: string, badRow: string) {
  await page.goto(upload);
  const template = await (
    await page.request.get(new URL((await page.locator('a[href$="template.csv"]').getAttribute("href"))!, BASE).href)
  ).text();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "import.csv", mimeType: "text/csv", buffer: Buffer.from(template + badRow) });
  const preview = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `${upload}/preview`);
  await page.locator("main form button[type=submit]").click();
  const response = await preview;
  await page.waitForLoadState();
  await inspect(page, problems, response, `${role}-${pageName(upload)}-preview`, size);
  return `${pageName(upload)}-preview`;
}

describe("every page, per role, at phone and laptop size", () => {
  before(async () => {
    rmSync(FOLDER, { recursive: true, force: true });
    mkdirSync(FOLDER, { recursive: true });
    // The demo neighbourhood's public page must be on, so it is a page to reach (the demo turns it
    // on; an admin does it here when it is off).
    const page = await newPage(browser(), { viewport: PHONE });
    await signInViaOutbox(page, DEMO_PEOPLE.admin.email);
    await page.goto("/admin/neighbourhoods");
    await page.locator('main a[href^="/neighbourhoods/"]').first().click();
    const turnOn = page.getByRole("button", { name: "Openbare pagina aanzetten" });
    if ((await turnOn.count()) > 0) await turnOn.click();
    await page.getByRole("link", { name: "/buurt/vlinderbuurt" }).waitFor();
    await page.context().close();
  });

  it("admin", { timeout: 600_000 }, async () => {
    const pages = await signedInRole("admin", DEMO_PEOPLE.admin.email, async (page, size, problems) => [
      await importPreview(page, "admin", size, problems, await neighbourhoodImports(page), "Zonder doel;;1899;soms;;;;\r\n"),
    ]);
    for (const name of [
      "admin-people",
      "admin-person",
      "admin-partners",
      "admin-settings",
      "admin-outbox",
      "api-tokens",
      "neighbourhood-risks",
      "overview",
      "buurt-vlinderbuurt",
      "initiative-tasks-library",
    ]) {
      assert.ok(pages.includes(name), `the admin reaches ${name}`);
    }
  });

  it("coordinator", { timeout: 600_000 }, async () => {
    const pages = await signedInRole("coordinator", DEMO_PEOPLE.coordinator.email, async (page, size, problems) => {
      await page.goto("/");
      const initiative = (await page.locator('main a[href^="/initiatives/"]').first().getAttribute("href"))!;
      // The language switch is a link like any other; the same pages in English.
      await page.goto(`/locale/en?next=/`);
      await check(page, problems, "/", "coordinator-home-en", size);
      await check(page, problems, initiative, "coordinator-initiative-en", size);
      await page.goto(`/locale/nl?next=/`);
      // A page for another role answers with the site's own "not allowed" page.
      await check(page, problems, "/admin/people", "coordinator-forbidden", size, 403);
      const preview = await importPreview(
        page,
        "coordinator",
        size,
        problems,
        `${initiative}/imports`,
        "Jan Jansen;geen-adres;;;misschien;;31-2-2024;\r\n",
      );
      return ["home-en", "initiative-en", "forbidden", preview, ...(await formStates(page, size, problems, initiative))];
    });
    for (const name of [
      "initiative",
      "initiative-edit",
      "initiative-history",
      "initiative-task",
      "initiative-tasks-new",
      "initiative-tasks-library",
      "initiative-checkins",
      "neighbourhood",
      "neighbourhood-risks",
      "preferences",
      "initiative-messages",
      "initiative-calendar",
    ]) {
      assert.ok(pages.includes(name), `the coordinator reaches ${name}`);
    }
  });

  it("partner", { timeout: 600_000 }, async () => {
    const pages = await signedInRole("partner", DEMO_PEOPLE.partner.email);
    for (const name of ["overview", "neighbourhood-overview", "api-tokens"]) assert.ok(pages.includes(name), `the partner reaches ${name}`);
  });
});

/** Pages that only a form leads to: a form with mistakes, the task form's second step (without
 * JavaScript), the question before answering a task long before its date, and a page with the
 * message that a save worked. */
async function formStates(page: Page, size: Size, problems: Problems, initiative: string) {
  // A form with mistakes (422): the check-in without the number of people reached.
  await page.goto(`${initiative}/checkins`);
  await page
    .locator("a", { hasText: /Jaarmoment \d{4} (invullen|aanvullen)/ })
    .first()
    .click();
  await page.getByLabel("Aantal mensen bereikt").fill("");
  const failed = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Jaarmoment opslaan" }).click();
  const failedResponse = await failed;
  await page.waitForLoadState();
  await inspect(page, problems, failedResponse, "coordinator-initiative-checkin-errors", size, 422);
  // The rest are sent as a browser without JavaScript would, with this page's session and CSRF token.
  await page.goto(initiative);
  const csrf = (await page.locator('input[name="_csrf"]').first().inputValue())!;
  const post = (path: string, form: Record<string, string>) =>
    page.request.post(new URL(path, BASE).href, { form: { _csrf: csrf, ...form }, headers: { origin: BASE }, maxRedirects: 0 });
  const served200 = async (name: string, response: Awaited<ReturnType<typeof post>>) => {
    if (response.status() !== 200) problems.push(`${name} at ${size}: status ${response.status()}, expected 200`);
    if (!served.has(name)) served.set(name, await response.text());
  };
  await served200(
    "coordinator-initiative-tasks-step",
    await post(`${initiative}/tasks`, { title: "Gras maaien", scheduleKind: "window", step: "kind" }),
  );
  const planned = await page.locator("#tasks .task-lines li:has(.badge-planned) a").first().getAttribute("href");
  if (planned) await served200("coordinator-initiative-task-confirm", await post(`${planned}/completions`, { kind: "done" }));
  else problems.push(`no planned task on ${initiative} at ${size}`);
  // A save without JavaScript: the page it lands on says so (the status is saved as it is).
  const version = await page.locator(".status-form input[name=version]").first().inputValue();
  const status = await page.locator(".status-form select[name=status]").first().inputValue();
  const saved = await post(`${initiative.split("#")[0]}/status`, { version, status });
  if (saved.status() !== 303) problems.push(`status save at ${size}: ${saved.status()}`);
  await check(page, problems, initiative, "coordinator-initiative-saved", size);
  if ((await page.locator(".flash").count()) !== 1) problems.push(`coordinator-initiative-saved at ${size}: no message that it worked`);
  return ["initiative-checkin-errors", "initiative-saved"];
}

async function neighbourhoodImports(page: Page) {
  await page.goto("/admin/neighbourhoods");
  return `${await page.locator('main a[href^="/neighbourhoods/"]').first().getAttribute("href")}/imports`;
}

describe("pages without an account, at phone and laptop size", () => {
  it("resident answering a reminder", { timeout: 600_000 }, async () => {
    const RESIDENT = "fatima@vlinderbuurt.example";
    // The cron trigger starts the day's run, as in production; its reminder lands in the outbox.
    const trigger = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=0+4+*+*+*&time=${Date.now()}`);
    assert.ok(trigger.ok, `scheduled trigger answered ${trigger.status}`);
    const phone = await newPage(browser(), { viewport: PHONE });
    const laptop = await newPage(browser(), { viewport: LAPTOP });
    const answer = phone.locator(`a[data-recipient="${RESIDENT}"][href*="/mail/answers/"]`);
    for (const deadline = Date.now() + 90_000; ;) {
      await phone.goto("/dev/outbox");
      if ((await answer.count()) > 0) break;
      assert.ok(Date.now() < deadline, "no reminder for the resident arrived in the outbox");
      await phone.waitForTimeout(1_000);
    }
    // The links in the mails to the resident: one per answer, then preferences and unsubscribe.
    const hrefs = await phone.locator(`a[data-recipient="${RESIDENT}"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const token = new URL(
      hrefs.find((h) => h.includes("/mail/answers/"))!,
      BASE,
    ).pathname;
    const pages: [string, string, number][] = hrefs
      .filter((h) => h.startsWith(token))
      .map((h) => [`answer-${new URL(h, BASE).searchParams.get("answer")}`, h, 200]);
    pages.push(
      ["mail-preferences", hrefs.find((h) => h.startsWith("/mail/preferences/"))!, 200],
      ["unsubscribe", hrefs.find((h) => h.startsWith("/mail/unsubscribe/"))!, 200],
      ["answer-link-invalid", `${token}x?answer=done`, 410],
      ["unsubscribe-link-invalid", "/mail/unsubscribe/nonsense", 410],
    );
    const problems: Problems = [];
    await Promise.all(
      [phone, laptop].map(async (page, i) => {
        for (const [name, path, status] of pages) await check(page, problems, path, `resident-${name}`, SIZES[i]![0], status);
      }),
    );
    // Confirming: the same link then shows the answer as given.
    await phone.goto(pages[0]![1]);
    await phone.locator("main form button[type=submit]").click();
    await phone.waitForURL(/saved=1/);
    const answered = new URL(phone.url());
    await check(phone, problems, answered.pathname + answered.search, "resident-answered", "phone");
    await check(laptop, problems, answered.pathname + answered.search, "resident-answered", "laptop");
    await phone.context().close();
    await laptop.context().close();
    console.log(`resident: ${pages.length + 1} pages: ${[...pages.map((p) => p[0]), "answered"].join(" ")}`);
    assert.deepEqual(problems, []);
  });

  it("visitor", { timeout: 600_000 }, async () => {
    const problems: Problems = [];
    // A real sign-in link: opening it only shows the confirm button, so it is not used up.
    const page = await newPage(browser(), { viewport: PHONE });
    await page.goto("/sign-in");
    await page.getByLabel("E-mailadres").fill(DEMO_PEOPLE.coordinator2.email);
    await page.getByRole("button", { name: /aanmeldlink/i }).click();
    await page.waitForURL("**/sign-in/sent");
    await page.goto("/dev/outbox");
    const verify = (await page.locator(`a[data-recipient="${DEMO_PEOPLE.coordinator2.email}"]`).first().getAttribute("href"))!;
    await page.context().close();
    const pages: [string, string, number][] = [
      ["sign-in", "/sign-in", 200],
      ["sign-in-sent", "/sign-in/sent", 200],
      ["sign-in-verify", verify, 200],
      ["sign-in-verify-invalid", "/sign-in/verify?token=nonsense", 410],
      ["public-page", "/buurt/vlinderbuurt", 200],
      ["public-page-missing", "/buurt/bestaat-niet", 404],
      ["erasure-done", "/me/erasure/done", 200],
      ["api-docs", "/api/docs", 200],
      ["dev-outbox", "/dev/outbox", 200],
      ["not-found", "/deze-pagina-bestaat-niet", 404],
    ];
    await Promise.all(
      SIZES.map(async ([size, viewport]) => {
        const page = await newPage(browser(), { viewport });
        for (const [name, path, status] of pages) await check(page, problems, path, `visitor-${name}`, size, status);
        await page.goto("/locale/en?next=/sign-in");
        await check(page, problems, "/sign-in", "visitor-sign-in-en", size);
        await check(page, problems, "/deze-pagina-bestaat-niet", "visitor-not-found-en", size, 404);
        await page.context().close();
      }),
    );
    console.log(`visitor: ${pages.length + 2} pages: ${[...pages.map((p) => p[0]), "sign-in-en", "not-found-en"].join(" ")}`);
    console.log(`time spent in all checks (s): ${JSON.stringify(spent, (_, v: unknown) => (typeof v === "number" ? Math.round(v) : v))}`);
    assert.deepEqual(problems, []);
  });
});

describe("valid HTML", () => {
  it("the Nu Html Checker finds no errors on any page visited above", { timeout: 300_000 }, () => {
    assert.ok(served.size > 50, `only ${served.size} pages collected`);
    const errors = htmlErrors(served);
    console.log(`Nu Html Checker: ${served.size} pages, ${errors.length} errors`);
    assert.deepEqual(errors, []);
  });
});
