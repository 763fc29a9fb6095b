// The public offer form on /buurt/:slug and its double opt-in: nothing is kept until the link in the
// mail is used (GET shows the offer, only the POST keeps it).
import { describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { appAt, db, makeNeighbourhood, uniq } from "../helpers/factories";
import { makeTag } from "../helpers/offer-factories";

const NOW = "2026-06-15T10:00:00.000Z";

async function publishedHood() {
  return makeNeighbourhood({ published: true, name: "De Vlinderbuurt" });
}

const valid = (over: Record<string, string | string[]> = {}) => ({
  name: "Lieke de Wit",
  email: `${uniq("lieke")}@example.org`,
  description: "Ik repareer graag fietsen en lampen.",
  tagIds: ["tag-klussen"],
  frequency: "monthly",
  consent: "on",
  ...over,
});

/** The CSRF token of the page each visitor opened (the token belongs to their cookie, not to one page). */
const tokens = new WeakMap<Browser, string>();

/** A visitor on the page (its CSRF cookie and token), each from an address of their own. */
async function visitor(slug: string, at = NOW) {
  const browser = new Browser(appAt(at));
  const page = await browser.get(`/buurt/${slug}`);
  expect(page.status).toBe(200);
  tokens.set(browser, browser.csrfToken());
  return browser;
}

const send = (b: Browser, slug: string, fields: Record<string, string | string[]>, ip = uniq("ip")) =>
  b.post(`/buurt/${slug}/offers`, fields, { headers: { "cf-connecting-ip": ip }, csrf: tokens.get(b) });

async function mailTo(address: string) {
  return db.select().from(s.outbox).where(eq(s.outbox.recipient, address));
}

function linkIn(text: string | null): string {
  const m = /http:\/\/localhost(\/mail\/offers\/[^\s]+)/.exec(text ?? "");
  if (!m) throw new Error(`no confirmation link in: ${text}`);
  return m[1]!;
}

describe("the offer form on the public page", () => {
  it("shows the form with the kinds of help on the list (not archived ones), the trap field off screen", async () => {
    const hood = await publishedHood();
    const gone = await makeTag({ name: uniq("weg"), archivedAt: "2026-01-01T00:00:00.000Z" });
    const b = new Browser(appAt(NOW));
    const page = await b.get(`/buurt/${hood.slug}`);
    expect(page.html).toContain("Dit wil ik doen / dit kan ik");
    expect(page.html).toContain('action="/buurt/' + hood.slug + '/offers#offer"');
    expect(page.html).toContain('value="tag-koken"');
    expect(page.html).not.toContain(gone.name);
    expect(page.html).toMatch(/class="offer-trap" aria-hidden="true"[\s\S]*name="website"[^>]*tabindex="-1"/);
    const en = await b.get(`/buurt/${hood.slug}`, { "accept-language": "en" });
    expect(en.html).toContain("What I want to do / what I can do");
  });

  it("sends a confirmation mail with a link and keeps nothing yet", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const fields = valid();
    const res = await send(b, hood.slug, fields);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/buurt/${hood.slug}/offers/sent`);
    expect((await b.get(res.location!)).html).toContain("Kijk in je mail");
    const [mail] = await mailTo(fields.email as string);
    expect(mail).toMatchObject({ kind: "offer_confirm", personId: null, subject: "Bevestig je aanbod voor De Vlinderbuurt", locale: "nl" });
    expect(mail!.bodyText).toContain("Ik repareer graag fietsen en lampen.");
    expect(await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id))).toEqual([]);
    expect(
      await db
        .select()
        .from(s.people)
        .where(eq(s.people.email, fields.email as string)),
    ).toEqual([]);
  });

  it("refuses bad input next to each field, keeps what was typed, and sends nothing", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const res = await send(b, hood.slug, { name: "", email: "geen-adres", description: "Koken", frequency: "elk uur", website: "" });
    expect(res.status).toBe(422);
    expect(res.html).toContain("<title>Fout:");
    expect(res.html).toContain('href="#field-name"');
    expect(res.html).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
    expect(res.html).toContain('id="field-consent-error"');
    expect(res.html).toContain('id="field-frequency-error"');
    expect(res.html).toContain('value="geen-adres"');
    expect(await mailTo("geen-adres")).toEqual([]);
  });

  it("answers a bot that fills in the trap field as if it worked, and sends nothing", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const fields = valid({ website: "http://spam.example" });
    const res = await send(b, hood.slug, fields);
    expect(res).toMatchObject({ status: 303, location: `/buurt/${hood.slug}/offers/sent` });
    expect(await mailTo(fields.email as string)).toEqual([]);
  });

  it("limits requests per address and per client", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const email = `${uniq("veel")}@example.org`;
    for (let i = 0; i < 3; i++) expect((await send(b, hood.slug, valid({ email }))).status).toBe(303);
    const limited = await send(b, hood.slug, valid({ email }));
    expect(limited.status).toBe(429);
    expect(limited.html).toContain("te vaak");
    expect(await mailTo(email)).toHaveLength(3);

    const ip = uniq("ip");
    for (let i = 0; i < 10; i++) expect((await send(b, hood.slug, valid(), ip)).status).toBe(303);
    const fromOneClient = valid();
    expect((await send(b, hood.slug, fromOneClient, ip)).status).toBe(429);
    expect(await mailTo(fromOneClient.email as string)).toEqual([]);
  });

  it("is not there for a neighbourhood without a public page, and needs the page's CSRF token", async () => {
    const hidden = await makeNeighbourhood();
    const b = new Browser(appAt(NOW));
    await b.get("/sign-in");
    expect((await send(b, hidden.slug, valid())).status).toBe(404);
    const hood = await publishedHood();
    const fields = valid();
    const forged = await b.post(`/buurt/${hood.slug}/offers`, fields, { csrf: null });
    expect(forged.status).toBe(403);
    expect(await mailTo(fields.email as string)).toEqual([]);
  });
});

describe("the confirmation link", () => {
  it("GET shows the offer and changes nothing; the POST keeps it, waiting for a coordinator; again changes nothing", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const fields = valid({ tagIds: ["tag-klussen", "tag-vervoer"] });
    await send(b, hood.slug, fields);
    const link = linkIn((await mailTo(fields.email as string))[0]!.bodyText);

    // A mail scanner follows the link: nothing happens.
    const resident = new Browser(appAt("2026-06-16T09:00:00.000Z"));
    const page = await resident.get(link);
    const csrf = resident.csrfToken();
    expect(page.status).toBe(200);
    expect(page.html).toContain("Ik repareer graag fietsen en lampen.");
    expect(page.html).toContain("klussen, vervoer");
    expect(page.html).toContain("Ja, bewaar mijn aanbod");
    expect(await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id))).toEqual([]);

    const kept = await resident.post(link, {});
    expect(kept).toMatchObject({ status: 303, location: `${link}?saved=1` });
    expect((await resident.get(kept.location!)).html).toContain("Dank je wel! Je aanbod is bewaard.");
    const [offer] = await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id));
    expect(offer).toMatchObject({ status: "waiting", frequency: "monthly", consentOn: "2026-06-15" });
    const [mail] = await mailTo(fields.email as string);
    expect(mail!.personId).toBe(offer!.personId);

    expect((await resident.post(link, {}, { csrf })).status).toBe(303);
    expect(await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id))).toHaveLength(1);
    expect((await resident.get(link)).html).toContain("Je aanbod is al bewaard.");
  });

  it("an expired or changed link says so and keeps nothing", async () => {
    const hood = await publishedHood();
    const b = await visitor(hood.slug);
    const fields = valid();
    await send(b, hood.slug, fields);
    const link = linkIn((await mailTo(fields.email as string))[0]!.bodyText);
    const late = new Browser(appAt("2026-06-17T10:00:01.000Z"));
    await late.get(`/buurt/${hood.slug}`);
    const csrf = late.csrfToken();
    const expired = await late.get(link);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("verlopen");
    expect((await late.post(link, {}, { csrf })).status).toBe(410);
    const changed = await late.get(`${link.slice(0, -3)}abc`);
    expect(changed.status).toBe(410);
    expect(await db.select().from(s.offers).where(eq(s.offers.neighbourhoodId, hood.id))).toEqual([]);
    expect(
      await db
        .select()
        .from(s.people)
        .where(like(s.people.email, fields.email as string)),
    ).toEqual([]);
  });

  it("an offer made in English gets its mail in English and its person English as language", async () => {
    const hood = await publishedHood();
    const b = new Browser(appAt(NOW));
    await b.get(`/buurt/${hood.slug}`, { "accept-language": "en" });
    const fields = valid();
    await b.post(`/buurt/${hood.slug}/offers`, fields, { headers: { "cf-connecting-ip": uniq("ip"), "accept-language": "en" } });
    const [mail] = await mailTo(fields.email as string);
    expect(mail!.subject).toBe("Confirm your offer for De Vlinderbuurt");
    const link = linkIn(mail!.bodyText);
    const resident = new Browser(appAt(NOW));
    await resident.get(link);
    await resident.post(link, {});
    expect((await db.query.people.findFirst({ where: eq(s.people.email, fields.email as string) }))!.locale).toBe("en");
  });
});
