import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { exports } from "cloudflare:workers";
import * as s from "../../src/db/schema";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { Browser, ORIGIN } from "../helpers/browser";
import { makeCoordinatorOf } from "../helpers/money-factories";

const EXCEL =
  "\uFEFFNaam;E-mail;Rol;Kritiek;Sinds\r\nJosé Sánchez;;kok;ja;1-2-2024\r\nIngrid Øster;;penningmeester;nee;15-8-2023\r\nFout;;;;32-13-2024\r\n";

/** Uploads a file as a browser would (multipart, same origin, the page's CSRF token). */
async function upload(browser: Browser, path: string, content: string, filename = "vrijwilligers.csv") {
  const form = new FormData();
  form.append("_csrf", browser.csrfToken());
  form.append("file", new File([new TextEncoder().encode(content)], filename, { type: "text/csv" }));
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await exports.default.fetch(new Request(ORIGIN + path, { method: "POST", body: form, headers: { cookie, origin: ORIGIN } }));
  const html = await res.text();
  browser.lastHtml = html;
  return { status: res.status, html };
}

const hiddenCsv = (html: string) => html.match(/name="csv" value="([^"]+)"/)?.[1] ?? "";
const involvementsOf = (initiativeId: string) => db.select().from(s.involvements).where(eq(s.involvements.initiativeId, initiativeId));

describe("importing volunteers from a spreadsheet", () => {
  it("uploads, previews the problems per row, imports only the good rows on request, and a second import adds nothing", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`/initiatives/${w.initiative.id}/imports`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/initiatives/${w.initiative.id}/imports/template.csv`);
    const template = await browser.get(`/initiatives/${w.initiative.id}/imports/template.csv`);
    expect(template.res.headers.get("content-type")).toContain("text/csv");

    const preview = await upload(browser, `/initiatives/${w.initiative.id}/imports/preview`, EXCEL);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain("José Sánchez");
    expect(preview.html).toContain("Kolom Sinds: Vul een bestaande datum in");
    expect(preview.html).toContain('value="valid"');
    expect(preview.html).not.toContain('value="all"');
    expect(await involvementsOf(w.initiative.id)).toHaveLength(0);

    // Everything at once is refused while a row is wrong; only the good rows is allowed.
    const csv = hiddenCsv(preview.html);
    const all = await browser.post(`/initiatives/${w.initiative.id}/imports`, { csv, mode: "all" });
    expect(all.status).toBe(422);
    expect(all.html).toContain("Er zijn rijen met een probleem");
    expect(await involvementsOf(w.initiative.id)).toHaveLength(0);
    const done = await browser.post(`/initiatives/${w.initiative.id}/imports`, { csv, mode: "valid" });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/initiatives/${w.initiative.id}/imports`);
    expect((await browser.get(done.location!)).html).toMatch(/role="status"[^>]*>Klaar. Toegevoegd: 2\./);
    const rows = await involvementsOf(w.initiative.id);
    expect(rows.map((r) => r.role).sort()).toEqual(["cook", "treasurer"]);

    const again = await upload(browser, `/initiatives/${w.initiative.id}/imports/preview`, EXCEL);
    expect(again.html).toContain("Staat er al: overslaan");
    await browser.post(`/initiatives/${w.initiative.id}/imports`, { csv: hiddenCsv(again.html), mode: "valid" });
    expect(await involvementsOf(w.initiative.id)).toHaveLength(2);
  });

  it("answers a missing file and a file without the right columns with a clear message", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/imports`);
    const empty = await upload(browser, `/initiatives/${w.initiative.id}/imports/preview`, "");
    expect(empty.status).toBe(422);
    expect(empty.html).toContain("Kies een CSV-bestand.");
    await browser.get(`/initiatives/${w.initiative.id}/imports`);
    const wrong = await upload(browser, `/initiatives/${w.initiative.id}/imports/preview`, "Foo;Bar\r\n1;2\r\n");
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain("Een verplichte kolom ontbreekt");
  });

  it("is for the initiative's coordinators and admins only", async () => {
    const w = await makeWorld();
    const elsewhere = await makeCoordinatorOf(w.otherInitiative.id);
    for (const who of [w.partnerPerson, elsewhere]) {
      const b = await signedIn(who.id);
      expect((await b.get(`/initiatives/${w.initiative.id}/imports`)).status).toBe(403);
      expect((await b.get(`/initiatives/${w.initiative.id}/imports/template.csv`)).status).toBe(403);
      await b.get("/");
      expect((await b.post(`/initiatives/${w.initiative.id}/imports`, { csv: btoa("Naam\r\nX\r\n"), mode: "all" })).status).toBe(403);
    }
    expect((await new Browser().get(`/initiatives/${w.initiative.id}/imports`)).status).toBe(303);
    const admin = await signedIn(w.admin.id);
    expect((await admin.get(`/initiatives/${w.initiative.id}/imports`)).status).toBe(200);
    expect(await involvementsOf(w.initiative.id)).toHaveLength(0);
  });
});

describe("importing initiatives into a neighbourhood", () => {
  it("previews and imports initiatives with activities for a coordinator of the neighbourhood", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/neighbourhoods/${w.hood.id}/imports`);
    const file = "\uFEFFInitiatief;Gestart;Status;Activiteit;Ritme\r\nSpeeltuin Beheer;2015;actief;Schoonmaakochtend;maandelijks\r\n";
    const preview = await upload(browser, `/neighbourhoods/${w.hood.id}/imports/preview`, file, "initiatieven.csv");
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('value="all"');
    const res = await browser.post(`/neighbourhoods/${w.hood.id}/imports`, { csv: hiddenCsv(preview.html), mode: "all" });
    expect(res.status).toBe(303);
    const created = await db.query.initiatives.findFirst({ where: eq(s.initiatives.name, "Speeltuin Beheer") });
    expect(created).toMatchObject({ neighbourhoodId: w.hood.id, startedYear: 2015 });
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`/neighbourhoods/${w.hood.id}/imports`)).status).toBe(403);
  });
});
