import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makeInitiative, makeNeighbourhood, makePerson, makeWorld, signedIn, uniq } from "../helpers/factories";
import { exports } from "cloudflare:workers";
import { Browser, ORIGIN } from "../helpers/browser";
import { makeCoordinatorOf, makePartnerPersonFor } from "../helpers/workspace-factories";
import { activity, asset, facility, risk, stream, withRollup } from "../helpers/overview-factories";
import { buildOverviewWorld, NOW as WORLD_NOW } from "../helpers/overview-world";
import { OVERVIEW_TABLES } from "../../src/domain/overview/tables";

const thisYear = new Date().getUTCFullYear();

/** makeWorld with names that are unique in this file (storage is shared between its tests). */
async function world() {
  const w = await makeWorld();
  const hoodName = uniq("Wijk");
  const otherName = uniq("Elders");
  await db.update(s.neighbourhoods).set({ name: hoodName }).where(eq(s.neighbourhoods.id, w.hood.id));
  await db.update(s.neighbourhoods).set({ name: otherName }).where(eq(s.neighbourhoods.id, w.otherHood.id));
  return { ...w, hoodName, otherName };
}

async function bytesOf(res: Response) {
  return new Uint8Array(await res.arrayBuffer());
}

/** A GET with the browser's cookies, read as bytes (Response.text() would drop the BOM). */
async function download(browser: Browser, path: string) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { cookie }, redirect: "manual" }));
  const bytes = await bytesOf(res);
  return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes) };
}

describe("who may see the overview", () => {
  it("sends visitors to sign in, and refuses people without a neighbourhood", async () => {
    const { hood, nobody } = await world();
    const visitor = new Browser();
    const res = await visitor.get("/overview");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/sign-in?next=%2Foverview");
    expect((await visitor.get("/overview/assets.csv")).status).toBe(303);
    expect((await visitor.get(`/neighbourhoods/${hood.id}/overview`)).status).toBe(303);
    const none = await signedIn(nobody.id);
    expect((await none.get("/overview")).status).toBe(403);
    expect((await none.get("/overview/now.csv")).status).toBe(403);
  });

  it("shows a partner only the neighbourhoods their organisation is linked to", async () => {
    const { hood, otherHood, hoodName, otherName, partnerPerson } = await world();
    const partner = await signedIn(partnerPerson.id);
    const res = await partner.get("/overview");
    expect(res.status).toBe(200);
    expect(res.html).toContain(hoodName);
    expect(res.html).not.toContain(otherName);
    expect((await partner.get(`/neighbourhoods/${hood.id}/overview`)).status).toBe(200);
    expect((await partner.get(`/neighbourhoods/${otherHood.id}/overview`)).status).toBe(403);
    expect((await partner.get(`/neighbourhoods/${otherHood.id}/overview/assets.csv`)).status).toBe(403);
  });

  it("refuses a partner of another neighbourhood and a coordinator elsewhere", async () => {
    const { hood, otherHood, otherInitiative } = await world();
    const elsewhere = await makePartnerPersonFor(otherHood.id);
    const partner = await signedIn(elsewhere.person.id);
    expect((await partner.get(`/neighbourhoods/${hood.id}/overview`)).status).toBe(403);
    expect((await partner.get(`/neighbourhoods/${hood.id}/overview/years.csv`)).status).toBe(403);
    const coordinator = await signedIn((await makeCoordinatorOf(otherInitiative.id)).id);
    expect((await coordinator.get(`/neighbourhoods/${hood.id}/overview`)).status).toBe(403);
  });

  it("shows coordinators their own neighbourhood and admins every neighbourhood", async () => {
    const { hoodName, otherName, coordinator, admin } = await world();
    const mine = await (await signedIn(coordinator.id)).get("/overview");
    expect(mine.status).toBe(200);
    expect(mine.html).toContain(hoodName);
    expect(mine.html).not.toContain(otherName);
    const all = await (await signedIn(admin.id)).get("/overview");
    expect(all.status).toBe(200);
    expect(all.html).toContain(hoodName);
    expect(all.html).toContain(otherName);
  });
});

describe("the overview page", () => {
  it("renders accessible charts with their numbers in tables, no inline styles, and links to the initiatives at risk", async () => {
    const { hood, initiative, partnerPerson, coordinator } = await world();
    const act = await activity(initiative.id, "Wekelijkse maaltijd");
    await risk(act, hood.id, "urgent", { runwayMonths: 2 });
    await asset(hood.id, "places", "Pleintje");
    const res = await (await signedIn(partnerPerson.id)).get(`/neighbourhoods/${hood.id}/overview`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<svg class="chart-svg" role="img" aria-labelledby="chart-cliff-title chart-cliff-desc"');
    expect(res.html).toMatch(/<title id="chart-assets-title">Buurtkracht per soort<\/title><desc id="chart-assets-desc">[^<]+<\/desc>/);
    expect(res.html).toMatch(
      /<caption>Buurtkracht per soort<\/caption>[\s\S]*<th scope="row" data-label="Soort">Plekken<\/th><td data-label="Aantal" class="num">1<\/td>/,
    );
    expect(res.html).toContain('fill="url(#chart-cliff-p2)"');
    expect(res.html).not.toMatch(/\sstyle=/);
    expect(res.html).toContain(`href="/initiatives/${initiative.id}#activity-${act.id}"`);
    expect(res.html).toContain(coordinator.name);
    // A partner sees its own money section; the CSV links are there.
    expect(res.html).toContain("Jouw geld en afspraken die stoppen");
    expect(res.html).toContain(`href="/neighbourhoods/${hood.id}/overview/cliff.csv"`);
  });

  it("does not show a partner's own section to a coordinator", async () => {
    const { hood, coordinator } = await world();
    const res = await (await signedIn(coordinator.id)).get(`/neighbourhoods/${hood.id}/overview`);
    expect(res.status).toBe(200);
    expect(res.html).not.toContain("Jouw geld en afspraken die stoppen");
  });
});

describe("CSV exports", () => {
  it("downloads a table as UTF-8 with BOM, ';' and CRLF, with Dutch headers by default and English on request", async () => {
    const { hood, partnerPerson } = await world();
    await asset(hood.id, "gifts", "Fatma kookt");
    await asset(hood.id, "gifts", "Jan repareert");
    const partner = await signedIn(partnerPerson.id);
    const nl = await download(partner, `/neighbourhoods/${hood.id}/overview/assets.csv`);
    expect(nl.res.status).toBe(200);
    expect(nl.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(nl.res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="overzicht-${hood.slug}-assets-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect([...nl.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(nl.text).toContain("\uFEFFSoort;Aantal\r\nGaven en talenten van bewoners;2\r\nVerenigingen en groepen;0\r\n");
    const en = await download(partner, `/neighbourhoods/${hood.id}/overview/assets.csv?lang=en`);
    expect(en.res.headers.get("content-disposition")).toContain('filename="overview-');
    expect(en.text).toMatch(/^\uFEFFCategory;Number\r\nResidents. gifts and talents;2\r\n/);
  });

  it("keeps accents, quotes awkward text and writes money with a decimal comma in Dutch", async () => {
    const { hood, initiative, admin } = await world();
    await facility(hood.id, 'Café "De Ŝtraat"; achterzaal', { agreementEndsOn: "2030-01-31" });
    const act = await activity(initiative.id, "Taallessen");
    await stream(initiative.id, { amountCentsPerYear: 123_456, startsOn: "2000-01-01", endsOn: null }, [act.id]);
    const browser = await signedIn(admin.id);
    const facilities = await download(browser, `/neighbourhoods/${hood.id}/overview/facilities.csv`);
    expect(facilities.text).toContain('"Café ""De Ŝtraat""; achterzaal";');
    expect(facilities.text).toContain(";2030-01-31;");
    const years = await download(browser, `/neighbourhoods/${hood.id}/overview/years.csv`);
    expect(years.text.split("\r\n")[0]).toBe(
      "\uFEFFJaar;Actieve initiatieven;Gestart;Gestopt;Overgedragen;Vrijwilligers;Nieuw;Gestopt als vrijwilliger;Gebleven (% van vorig jaar);Geld, totaal per jaar (euro)",
    );
    expect(years.text).toMatch(new RegExp(`\\r\\n${thisYear};1;0;0;0;0;0;0;;1234,56\\r\\n$`));
    const yearsEn = await download(browser, `/neighbourhoods/${hood.id}/overview/years.csv?lang=en`);
    expect(yearsEn.text).toMatch(new RegExp(`\\r\\n${thisYear};1;0;0;0;0;0;0;;1234\\.56\\r\\n$`));
  });

  it("uses the reader's language when no language is asked for", async () => {
    const { hood } = await world();
    const reader = await makePerson({ name: "Reader", locale: "en", isAdmin: true });
    const res = await download(await signedIn(reader.id), `/neighbourhoods/${hood.id}/overview/now.csv`);
    expect(res.text.startsWith("\uFEFFWhat;Number\r\nActive initiatives;")).toBe(true);
  });

  it("exports the at-risk list with reasons and coordinators for the cross-neighbourhood overview", async () => {
    const { hood, initiative, partnerPerson, coordinator } = await world();
    const act = await activity(initiative.id, "Buurtsoep");
    const flag = {
      rule: "few_volunteers",
      severity: "at_risk",
      since: "2026-02-01",
      subjectId: act.id,
      params: { activityName: "Buurtsoep", count: 1 },
    };
    await risk(act, hood.id, "at_risk", { flags: [flag] });
    const res = await download(await signedIn(partnerPerson.id), "/overview/at-risk.csv");
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get("content-disposition")).toContain("overzicht-alle-buurten-at-risk-");
    expect(res.text).toContain("In gevaar;Buurtsoep;Buurtmoestuin;");
    expect(res.text).toContain("heeft Buurtsoep maar één actieve vrijwilliger");
    expect(res.text).toContain(coordinator.name);
  });

  it("answers 404 for a table that does not exist", async () => {
    const { hood, admin } = await world();
    const browser = await signedIn(admin.id);
    expect((await browser.get(`/neighbourhoods/${hood.id}/overview/secrets.csv`)).status).toBe(404);
    expect((await browser.get("/overview/people.csv")).status).toBe(404);
  });

  it("leaves out archived initiatives from what a partner downloads", async () => {
    const { hood, partnerPerson } = await world();
    const gone = await makeInitiative(hood.id, { name: "Weg initiatief", archivedAt: "2025-01-01T00:00:00.000Z" });
    const act = await activity(gone.id, "Weg activiteit");
    await risk(act, hood.id, "urgent");
    const res = await download(await signedIn(partnerPerson.id), `/neighbourhoods/${hood.id}/overview/at-risk.csv`);
    expect(res.text).not.toContain("Weg activiteit");
  });
});

describe("D1 statements per request", () => {
  /** The statements a request cost, from the Server-Timing header (counted when APP_ENV is development, as in tests). */
  async function statements(browser: Browser, path: string) {
    const res = await browser.get(path);
    const m = (res.res.headers.get("server-timing") ?? "").match(/d1;desc="(\d+) queries"/);
    if (!m) throw new Error(`no D1 count on ${path}`);
    return { status: res.status, n: Number(m[1]) };
  }

  it("costs the overview ONE statement on top of the session and the neighbourhood gate, however many neighbourhoods and initiatives", async () => {
    const { hood, initiative, admin } = await world();
    const day = "2026-11-28";
    const browser = await signedIn(admin.id, `${day}T10:00:00.000Z`);
    const measure = async () => ({
      // A table that does not exist answers 404 after the session (and the gate), before the overview: that is the baseline.
      all: await statements(browser, "/overview"),
      csv: await statements(browser, "/overview/years.csv"),
      atRiskCsv: await statements(browser, "/overview/at-risk.csv"),
      base: await statements(browser, "/overview/none.csv"),
      hood: await statements(browser, `/neighbourhoods/${hood.id}/overview`),
      hoodCsv: await statements(browser, `/neighbourhoods/${hood.id}/overview/facilities.csv`),
      hoodBase: await statements(browser, `/neighbourhoods/${hood.id}/overview/none.csv`),
    });
    // Before the daily run made the stored rollup, the figures that come from it cost one statement
    // more (counted live); the lists do not.
    const unserved = await measure();
    expect([unserved.all.n - unserved.base.n, unserved.csv.n - unserved.base.n, unserved.hood.n - unserved.hoodBase.n]).toEqual([2, 2, 2]);
    expect([unserved.atRiskCsv.n - unserved.base.n, unserved.hoodCsv.n - unserved.hoodBase.n]).toEqual([1, 1]);
    await withRollup(day, async () => {
      const before = await measure();
      // Grow: more neighbourhoods, initiatives, activities at risk and facilities.
      for (let i = 0; i < 3; i++) {
        const extra = await makeNeighbourhood({ name: uniq("Groei") });
        const init = await makeInitiative(extra.id, { name: uniq("Groei-initiatief") });
        const act = await activity(init.id, "Groeiactiviteit");
        await risk(act, extra.id, "urgent");
        await facility(extra.id, uniq("Groeihuis"));
      }
      for (let i = 0; i < 3; i++) await risk(await activity(initiative.id, `Extra ${i}`), hood.id, "watch");
      const after = await measure();
      expect(after).toEqual(before);
      for (const m of [before.all, before.csv, before.atRiskCsv, before.hood, before.hoodCsv]) expect(m.status).toBe(200);
      expect(before.all.n - before.base.n).toBe(1);
      expect(before.csv.n - before.base.n).toBe(1);
      expect(before.atRiskCsv.n - before.base.n).toBe(1);
      expect(before.hood.n - before.hoodBase.n).toBe(1);
      expect(before.hoodCsv.n - before.hoodBase.n).toBe(1);
      // The budget (issue 8): at most 10 statements per request, session included.
      for (const m of Object.values(before)) expect(m.n).toBeLessThanOrEqual(10);
    });
  });
});

describe("the overview of several neighbourhoods", () => {
  it("shows figures per neighbourhood with a link to each one, and only the most urgent activities", async () => {
    const { hood, otherHood, hoodName, otherName, initiative, admin } = await world();
    for (let i = 0; i < 25; i++) await risk(await activity(initiative.id, `Lijstactiviteit ${i}`), hood.id, "urgent");
    const res = await (await signedIn(admin.id)).get("/overview");
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<caption[^>]*>Cijfers per buurt<\/caption>/);
    expect(res.html).toContain(`<a href="/neighbourhoods/${hood.id}/overview">${hoodName}</a>`);
    expect(res.html).toContain(`<a href="/neighbourhoods/${otherHood.id}/overview">${otherName}</a>`);
    expect(res.html).toContain('href="/overview/neighbourhoods.csv"');
    // The list is capped at 20 and says so; the neighbourhood's own overview shows them all on request.
    const rowsOf = (html: string) =>
      html.match(/<table class="columns cards" data-table="at-risk">[\s\S]*?<\/table>/)![0].match(/<tr>/g)!.length - 1;
    expect(rowsOf(res.html)).toBe(20);
    expect(res.html).toMatch(/Hier staan de 20 dringendste van de \d+ activiteiten/);
    const admins = await signedIn(admin.id);
    const one = await admins.get(`/neighbourhoods/${hood.id}/overview`);
    expect(rowsOf(one.html)).toBe(20);
    const total = Number(one.html.match(/Hier staan de 20 dringendste van de (\d+) activiteiten/)![1]);
    expect(total).toBeGreaterThanOrEqual(25);
    const link = `/neighbourhoods/${hood.id}/overview?at-risk=all#at-risk-section`;
    expect(one.html).toContain(`<a href="${link.replace("&", "&amp;")}">Toon alle ${total}</a>`);
    const all = await admins.get(link);
    expect(rowsOf(all.html)).toBe(total);
    for (let i = 0; i < 25; i++) expect(all.html).toContain(`>Lijstactiviteit ${i}<`);
    expect(all.html).not.toContain("dringendste van de");
  });
});

/** The header row of each column table on a page, by table name (HTML entities decoded). */
function pageHeaders(html: string): Record<string, string[]> {
  const decode = (t: string) =>
    t
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const out: Record<string, string[]> = {};
  for (const m of html.matchAll(/<table class="columns[^"]*" data-table="([a-z-]+)">([\s\S]*?)<\/table>/g)) {
    const head = m[2]!.match(/<thead>([\s\S]*?)<\/thead>/)![1]!;
    out[m[1]!] = [...head.matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)].map((h) => decode(h[1]!));
  }
  return out;
}

/** A CSV through the browser (its clock): the text, with the BOM put back (Response.text() drops it). */
async function csvOf(browser: Browser, path: string) {
  const res = await browser.get(path);
  expect(res.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return { text: `\uFEFF${res.html}` };
}

/** A CSV's header row (cells unquoted). */
function csvHeader(text: string): string[] {
  const line = text.replace(/^\uFEFF/, "").split("\r\n")[0]!;
  const cells: string[] = [];
  for (const m of line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)) cells.push(m[1]!.replace(/^"(.*)"$/, "$1").replace(/""/g, '"'));
  return cells;
}

describe("the page and its CSVs tell the same tables", () => {
  it("gives every CSV the header row of its table on the page: the same labels in the same order, for partners and others", async () => {
    const w = await buildOverviewWorld();
    for (const [who, personId, path] of [
      ["partner", w.partnerPerson.id, `/neighbourhoods/${w.hood.id}/overview`],
      ["admin", w.admin.id, `/neighbourhoods/${w.hood.id}/overview`],
      ["admin, all", w.admin.id, "/overview"],
    ] as const) {
      const browser = await signedIn(personId, WORLD_NOW);
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      const tables = pageHeaders(page.html);
      const expected = [...OVERVIEW_TABLES].filter(
        (t) => (t !== "own" || who === "partner") && (t !== "neighbourhoods" || who === "admin, all"),
      );
      expect([who, Object.keys(tables).sort()]).toEqual([who, expected.sort()]);
      for (const [table, header] of Object.entries(tables)) {
        expect(header.length, `${who} ${table}`).toBeGreaterThan(1);
        const csv = { text: (await browser.get(`${path}/${table}.csv`)).html };
        expect([who, table, csvHeader(csv.text)]).toEqual([who, table, header]);
      }
    }
  });
});

describe("the hand-computed world, through the routes", () => {
  it("shows the partner the story first, then the same figures in the tables and the CSVs", async () => {
    const w = await buildOverviewWorld();
    const partner = await signedIn(w.partnerPerson.id, WORLD_NOW);
    const page = await partner.get(`/neighbourhoods/${w.hood.id}/overview`);
    expect(page.status).toBe(200);
    const plain = page.html.replace(/\u00a0/g, " ");
    // The headline comes before any table.
    expect(plain.indexOf("In het kort")).toBeLessThan(plain.indexOf("<table"));
    expect(plain).toContain("€ 3.600 stopt in K2 2026; € 2.000 daarvan is nog niet geregeld.");
    expect(plain).toContain(
      "€ 5.000 stopt in K4 2026; € 3.000 daarvan is nog niet geregeld. Voor € 3.000 is een verlenging aangevraagd of gepland.",
    );
    expect(plain).toContain("€ 1.000 stopt in K1 2027; alles is geregeld.");
    expect(plain).toContain("1 activiteit is dringend, 1 in gevaar.");
    expect(plain).toContain("4 vrijwilligers in 2026; in 2025 waren het er 3. Dat zijn er 1 meer.");
    // Now: 3 activities, and the levels add up to them.
    expect(plain).toContain('<th scope="row" data-label="Wat">Activiteiten</th><td data-label="Aantal" class="num">3</td>');
    expect(plain).toContain("Van de 3 activiteiten: 1 dringend, 1 in gevaar, 1 let op, 0 in orde.");
    expect(plain).not.toContain("Reparatie<"); // the handed-over initiative's activity is not at risk now
    const cliff = await csvOf(partner, `/neighbourhoods/${w.hood.id}/overview/cliff.csv`);
    const rows = cliff.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1);
    expect(rows).toEqual([
      "K2 2026;3600,00;1600,00;2000,00;0,00;1;0;3000,00;2000,00;0",
      "K3 2026;0,00;0,00;0,00;0,00;0;0;0,00;0,00;0",
      "K4 2026;5000,00;2000,00;3000,00;3000,00;1;1;0,00;0,00;1",
      "K1 2027;1000,00;1000,00;0,00;0,00;1;0;0,00;0,00;0",
      "K2 2027;0,00;0,00;0,00;0,00;0;1;0,00;0,00;0",
      "K3 2027;0,00;0,00;0,00;0,00;0;0;0,00;0,00;0",
      "K4 2027;2000,00;0,00;2000,00;0,00;0;0;0,00;0,00;0",
      "K1 2028;2500,00;0,00;2500,00;2500,00;2;0;2500,00;2500,00;0",
    ]);
    const levels = await csvOf(partner, `/neighbourhoods/${w.hood.id}/overview/levels.csv`);
    expect(levels.text).toBe("\uFEFFNiveau;Aantal\r\nDringend;1\r\nIn gevaar;1\r\nLet op;1\r\nIn orde;0\r\n");
    const now = await csvOf(partner, `/neighbourhoods/${w.hood.id}/overview/now.csv`);
    expect(now.text).toContain("Activiteiten;3\r\n");
    const atRisk = await csvOf(partner, `/neighbourhoods/${w.hood.id}/overview/at-risk.csv`);
    expect(atRisk.text).toContain("€ 2.000 per jaar valt weg op 30 juni 2026; € 1.000 per jaar is geregeld.");
    expect(atRisk.text).not.toContain("Reparatie");
    expect(atRisk.text).not.toContain("Piet Geheim");
  });

  it("shows the partner's home the headline figures of their neighbourhoods, in one statement more than any home", async () => {
    const w = await buildOverviewWorld();
    const partner = await signedIn(w.partnerPerson.id, WORLD_NOW);
    const home = await partner.get("/");
    expect(home.status).toBe(200);
    const plain = home.html.replace(/\u00a0/g, " ");
    expect(plain).toContain(`${w.hood.name} in het kort`);
    expect(plain).toContain("€ 3.600 stopt in K2 2026; € 2.000 daarvan is nog niet geregeld.");
    expect(plain).toContain("1 activiteit is dringend, 1 in gevaar.");
    expect(plain).not.toContain(w.other.name);
  });
});
