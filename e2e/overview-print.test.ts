// The partner's story first, and a report that prints on at most four A4 pages: on the demo data
// and on a bigger neighbourhood generated through the API (24 initiatives, money ending in every
// quarter, renewals, a long at-risk list, many facilities and partner commitments). Chromium
// prints each overview to PDF (page.pdf) and the pages are counted. On a phone nothing scrolls
// sideways and every table cell stays inside the screen.
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useAppAndBrowser } from "./fixture";
import { axeViolations, LAPTOP, newPage, PHONE, shot, signInViaOutbox } from "./browser";
import { BASE } from "./server";
import { DEMO_PEOPLE } from "../src/demo/seed";

const browser = useAppAndBrowser();
const MAX_PAGES = 4;

/** The number of A4 pages Chromium prints the page on. */
async function printedPages(page: Page): Promise<number> {
  const bytes = await page.pdf({ format: "A4", printBackground: true });
  // E2E_KEEP_PDF=/tmp/report keeps each printed report, to look at when a count goes up.
  if (process.env.E2E_KEEP_PDF) writeFileSync(`${process.env.E2E_KEEP_PDF}-${Date.now()}.pdf`, bytes);
  const pdf = Buffer.from(bytes).toString("latin1");
  const counts = [...pdf.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length > 0 ? Math.max(...counts) : (pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

/** Nothing wider than the screen: the document, and every cell of the overview's tables. */
async function fitsThePhone(page: Page) {
  const width = PHONE.width;
  const { scrollWidth } = await page.locator("html").evaluate((html) => ({ scrollWidth: html.scrollWidth }));
  const rights = await page
    .locator("table.columns th, table.columns td")
    .evaluateAll((cells) =>
      cells.map((cell) => ({ right: cell.getBoundingClientRect().right, text: cell.textContent?.trim().slice(0, 40) })),
    );
  return { scroll: scrollWidth <= width, outside: rights.filter((c) => c.right > width + 1).map((c) => c.text) };
}

type Api = (path: string, body?: unknown, method?: string) => Promise<any>;

/** An admin API token made on /api-tokens, and a small JSON client with it. */
async function apiClient(page: Page): Promise<Api> {
  await page.goto("/api-tokens");
  await page.getByLabel("Naam van de sleutel").fill("e2e data");
  await page.getByLabel("Soort", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Sleutel maken" }).click();
  const token = await page.locator("#new-token").inputValue();
  return async (path, body, method) => {
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: any = await res.json();
    if (!res.ok) throw new Error(`${method ?? "POST"} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A neighbourhood four times the demo's, linked to the demo partner's organisation. */
async function bigNeighbourhood(api: Api) {
  const hood = await api("/neighbourhoods", { name: "De Grote Wijk", municipality: "Lindenstad", slug: `grote-wijk-${Date.now()}` });
  const partners = (await api("/partners?limit=100")).data as { id: string; name: string; neighbourhoodIds: string[]; version: number }[];
  const corp = partners.find((p) => p.name === "Woonstichting Lindenhof")!;
  await api(`/partners/${corp.id}`, { neighbourhoodIds: [...corp.neighbourhoodIds, hood.id], version: corp.version }, "PATCH");
  const facilities = [];
  for (let i = 0; i < 14; i++)
    facilities.push(
      await api("/facilities", {
        neighbourhoodId: hood.id,
        name: `Buurtruimte ${i + 1}`,
        kind: "buurthuis",
        ownerPartnerId: i % 2 === 0 ? corp.id : null,
        agreementEndsOn: day(30 + i * 45),
        renewalState: "none",
      }),
    );
  for (let i = 0; i < 24; i++) {
    const initiative = await api("/initiatives", {
      neighbourhoodId: hood.id,
      name: `Initiatief ${String(i + 1).padStart(2, "0")} ${["Moestuin", "Eettafel", "Taalcafé", "Repair Café"][i % 4]}`,
      startedYear: 2012 + (i % 14),
      status: i % 11 === 5 ? "paused" : i % 13 === 7 ? "stopped" : "active",
      continuationPlan: "none",
      purpose: "Samen iets doen in de buurt",
    });
    const acts = [];
    for (let j = 0; j < 2; j++)
      acts.push(
        await api("/activities", {
          initiativeId: initiative.id,
          name: `Activiteit ${i + 1}.${j + 1}`,
          rhythm: "wekelijks",
          place: "Buurthuis",
          facilityId: facilities[(i + j) % facilities.length].id,
        }),
      );
    const stream = await api("/fundings", {
      initiativeId: initiative.id,
      sourceName: `Fonds ${i % 6}`,
      kind: ["wijkbudget", "subsidy", "fund", "housing_corporation"][i % 4],
      amountCentsPerYear: 150_000 + i * 25_000,
      startsOn: "2024-01-01",
      endsOn: day(20 + i * 28),
      status: "granted",
      renewalState: ["none", "applied", "planned", "none"][i % 4],
      activityIds: acts.map((a) => a.id),
    });
    if (i % 3 === 0)
      await api("/fundings", {
        initiativeId: initiative.id,
        sourceName: `Fonds ${i % 6}`,
        kind: "subsidy",
        amountCentsPerYear: 100_000,
        startsOn: day(21 + i * 28),
        status: "granted",
        replacesFundingId: stream.id,
      });
    await api("/commitments", {
      initiativeId: initiative.id,
      partnerId: corp.id,
      kind: "hours",
      description: `Opbouwwerk voor initiatief ${i + 1}`,
      startsOn: "2025-01-01",
      endsOn: day(40 + i * 25),
    });
    for (let k = 0; k < 1 + (i % 3); k++)
      await api("/involvements", {
        initiativeId: initiative.id,
        name: `Vrijwilliger ${i + 1}-${k + 1}`,
        role: "volunteer",
        since: "2023-03-01",
      });
  }
  return hood as { id: string };
}

describe("the partner overview as a report", () => {
  it("tells the story first, on the home page and on the overview, and prints on at most four A4 pages", { timeout: 300_000 }, async () => {
    const page = await newPage(browser(), { viewport: LAPTOP });
    await signInViaOutbox(page, DEMO_PEOPLE.partner.email);
    await page.goto("/");
    const home = page.locator("#partner-headline-title");
    assert.equal(await home.textContent(), "De Vlinderbuurt in het kort");
    assert.match((await page.locator(".headline").first().textContent()) ?? "", /stopt in K\d \d{4}/);
    await shot(page, "partner-home-headline-laptop");

    for (const path of ["/overview", (await page.locator('a[href$="/overview"]').first().getAttribute("href"))!]) {
      await page.goto(path);
      // The headline is the first section, before any table.
      const first = await page.locator("article.overview h2").first().textContent();
      assert.equal(first, "In het kort", path);
      assert.deepEqual(await axeViolations(page), [], path);
      const pages = await printedPages(page);
      assert.ok(pages <= MAX_PAGES, `${path} prints on ${pages} pages`);
    }
    await shot(page, "partner-overview-report-laptop");
    const phone = await newPage(browser(), { viewport: PHONE, signedInAs: await page.context().storageState() });
    await phone.goto("/overview");
    assert.deepEqual(await fitsThePhone(phone), { scroll: true, outside: [] });
    await shot(phone, "partner-overview-report-phone");
    await phone.context().close();
    await page.context().close();
  });

  it("prints a bigger neighbourhood on at most four A4 pages too, for the partner and for an admin", { timeout: 600_000 }, async () => {
    const admin = await newPage(browser(), { viewport: LAPTOP });
    await signInViaOutbox(admin, DEMO_PEOPLE.admin.email);
    const hood = await bigNeighbourhood(await apiClient(admin));

    const partner = await newPage(browser(), { viewport: LAPTOP });
    await signInViaOutbox(partner, DEMO_PEOPLE.partner.email);
    for (const [who, page, path] of [
      ["partner", partner, `/neighbourhoods/${hood.id}/overview`],
      ["partner", partner, "/overview"],
      ["admin", admin, "/overview"],
      ["admin", admin, `/neighbourhoods/${hood.id}/overview`],
    ] as const) {
      await page.goto(path);
      assert.equal(await page.locator("article.overview h2").first().textContent(), "In het kort");
      // Long lists are capped on screen and say where the rest is.
      const pages = await printedPages(page);
      assert.ok(pages <= MAX_PAGES, `${who} ${path} prints on ${pages} pages`);
    }
    await partner.goto(`/neighbourhoods/${hood.id}/overview`);
    assert.ok((await partner.locator('table[data-table="at-risk"] tbody tr').count()) > 10, "a long at-risk list");
    await shot(partner, "partner-overview-big-laptop");
    await partner.setViewportSize(PHONE);
    assert.deepEqual(await fitsThePhone(partner), { scroll: true, outside: [] });
    await shot(partner, "partner-overview-big-phone");
    await partner.context().close();
    await admin.context().close();
  });
});
