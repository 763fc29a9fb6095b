// Every save says it worked (the flash), with and without JavaScript; every failure says what and
// where (the error summary names each field and links to it, the title starts with "Fout:").
import { describe, expect, it } from "vitest";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { thisYear } from "../helpers/people-factories";
import * as s from "../../src/db/schema";

/** The message under a section's heading, as the page shows it right after the save. */
const flashIn = (html: string, headingId: string) =>
  new RegExp(`id="${headingId}"[^>]*>[^<]*</h2><p role="status" class="notice notice-success flash" tabindex="-1">([^<]+)</p>`).exec(
    html,
  )?.[1];

describe("the flash: it worked, once, where the change is", () => {
  it("after adding a volunteer, a funding stream and the yearly check-in, each section says so under its heading", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    const page = `/initiatives/${w.initiative.id}`;
    await b.get(`${page}/involvements/new`);
    const volunteer = await b.post(`${page}/involvements`, { name: "Lina de Groot", role: "gastvrouw", since: "2026-01-01" });
    expect(volunteer.location).toBe(`${page}#volunteers`);
    expect(flashIn((await b.get(page)).html, "volunteers-title")).toBe("Vrijwilliger toegevoegd: Lina de Groot.");

    await b.get(`${page}/fundings/new`);
    const funding = await b.post(`${page}/fundings`, {
      sourceName: "Fonds Samen",
      kind: "fund",
      amountCentsPerYear: "500",
      startsOn: "2026-01-01",
      endsOn: "2027-06-30",
      status: "granted",
      renewalState: "none",
    });
    expect(funding.location).toBe(`${page}#funding`);
    expect(flashIn((await b.get(page)).html, "funding-title")).toBe("Geldbron toegevoegd: Fonds Samen.");

    const year = thisYear();
    await b.get(`${page}/checkins/${year}`);
    const checkin = await b.post(`${page}/checkins/${year}`, { status: "active", volunteers: "3", peopleReached: "40" });
    expect(checkin.location).toBe(`${page}#checkins`);
    expect(flashIn((await b.get(page)).html, "year-rings-title")).toBe(`Het jaarmoment ${year} is opgeslagen.`);
  });

  it("shows the message once, and not on a page that failed", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.admin.id);
    await b.get("/admin/neighbourhoods/new");
    const res = await b.post("/admin/neighbourhoods", { name: "Bloemenbuurt", municipality: "Lindenstad", slug: "bloemen" });
    expect(res.status).toBe(303);
    expect(res.res.headers.get("set-cookie")).toMatch(/__Host-flash=[^;]+; Max-Age=60; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    // A failed page in between leaves the message for the next page that works.
    expect((await b.get("/admin/neighbourhoods/bestaat-niet/edit")).status).toBe(404);
    const list = await b.get("/admin/neighbourhoods");
    expect(list.html).toMatch(
      /<main id="main" class="container" tabindex="-1"><p role="status"[^>]*>Buurt toegevoegd: Bloemenbuurt\.<\/p>/,
    );
    expect((await b.get("/admin/neighbourhoods")).html).not.toContain("Buurt toegevoegd");
  });

  it("ignores a flash cookie that was not made by the app", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    b.cookies.set("__Host-flash", encodeURIComponent('{"text":"Je wachtwoord is verlopen, bel 0900-123"}.nep'));
    expect((await b.get("/")).html).not.toContain("0900-123");
  });

  it("after a status change without JavaScript the home says which initiative and what status", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    await b.get("/");
    await b.post(`/initiatives/${w.initiative.id}/status`, { status: "paused", version: "1", next: "/" });
    expect((await b.get("/")).html).toContain(">Buurtmoestuin: Status opgeslagen: Gepauzeerd.</p>");
  });
});

describe("a failed form says what and where", () => {
  it("titles the page 'Fout:', focuses the summary and names each field in it, linked to the field", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    const year = thisYear();
    await b.get(`/initiatives/${w.initiative.id}/checkins/${year}`);
    const res = await b.post(`/initiatives/${w.initiative.id}/checkins/${year}`, {
      status: "active",
      volunteers: "veel",
      peopleReached: "",
    });
    expect(res.status).toBe(422);
    expect(res.html).toMatch(/<title>Fout: Jaarmoment [^<]*<\/title>/);
    expect(res.html).toContain('<div role="alert" class="error-summary" tabindex="-1" id="error-summary" autofocus="">');
    expect(res.html).toContain('<a href="#field-volunteers">Aantal vrijwilligers dit jaar: Vul een heel getal in');
    expect(res.html).toContain('<a href="#field-peopleReached">Aantal mensen bereikt: Vul dit veld in.</a>');
    expect(res.html).toContain('id="field-peopleReached"');
    expect(await db.select().from(s.checkins)).toSatisfy((rows: { initiativeId: string }[]) =>
      rows.every((r) => r.initiativeId !== w.initiative.id),
    );
  });

  it("names checkbox groups too (legend), and English pages say 'Error:'", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    await b.get(`/initiatives/${w.initiative.id}/tasks/new`);
    const res = await b.post(`/initiatives/${w.initiative.id}/tasks`, {
      title: "",
      subject: `initiative:${w.initiative.id}`,
      scheduleKind: "once",
      onceOn: "2027-02-30",
      assigneeRoles: "koning",
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain('<a href="#field-title">Wat moet er gebeuren?: Vul dit veld in.</a>');
    expect(res.html).toContain('<a href="#field-assigneeRoles">Rollen: Kies een van de mogelijkheden.</a>');
    await b.get("/locale/en?next=/");
    const en = await b.post(`/initiatives/${w.initiative.id}/tasks`, {
      title: "",
      subject: `initiative:${w.initiative.id}`,
      scheduleKind: "once",
    });
    expect(en.html).toMatch(/<title>Error: /);
  });

  it("titles error pages 'Fout:' too (not found, not allowed)", async () => {
    const w = await makeWorld();
    expect((await new Browser().get("/deze-pagina-bestaat-niet")).html).toContain(
      "<title>Fout: Pagina niet gevonden · Wijkonderhoud</title>",
    );
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get("/admin/people")).html).toContain("<title>Fout: Geen toegang · Wijkonderhoud</title>");
    // A page that worked has no such prefix.
    expect((await partner.get("/")).html).toContain("<title>Start · Wijkonderhoud</title>");
  });
});
