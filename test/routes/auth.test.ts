import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Browser } from "../helpers/browser";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { outbox, loginTokens, sessions } from "../../src/db/schema";
import { createLoginToken } from "../../src/domain/auth/sign-in";

async function mailsTo(address: string) {
  return db.select().from(outbox).where(eq(outbox.recipient, address));
}

function linkIn(text: string | null) {
  const m = text?.match(/http:\/\/localhost(\/sign-in\/verify\?token=[^\s]+)/);
  if (!m) throw new Error("no link in mail");
  return m[1]!;
}

describe("signing in with a link from the mail", () => {
  it("goes from request to outbox to session to sign-out", async () => {
    const { coordinator } = await makeWorld();
    const browser = new Browser();
    await browser.get("/sign-in");
    const requested = await browser.post("/sign-in", { email: coordinator.email.toUpperCase() });
    expect(requested.status).toBe(303);
    expect(requested.location).toBe("/sign-in/sent");

    const [mail] = await mailsTo(coordinator.email);
    expect(mail?.kind).toBe("sign_in");
    expect(mail?.status).toBe("recorded");
    const link = linkIn(mail!.bodyText);

    // Following the link only shows a confirmation (mail scanners follow links too).
    const confirm = await browser.get(link);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("Aanmelden bevestigen");
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const csrf = browser.csrfToken();
    const home = await browser.get("/");
    expect(home.html).not.toContain(coordinator.name);

    const opened = await browser.post("/sessions", { token }, { csrf });
    expect(opened.status).toBe(303);
    expect(opened.res.headers.get("set-cookie")).toMatch(/__Host-session=.+HttpOnly.*Secure.*SameSite=Lax/i);
    const signedInHome = await browser.get("/");
    expect(signedInHome.html).toContain("Wat vraagt aandacht");
    expect(signedInHome.html).toContain("Buurtmoestuin");

    const out = await browser.post("/sign-out");
    expect(out.status).toBe(303);
    const after = await browser.get("/");
    expect(after.html).not.toContain("Wat vraagt aandacht");
  });

  it("stores the link and the session only as hashes", async () => {
    const person = await makePerson();
    const { id, token } = await createLoginToken(db, person.id, "sign_in", new Date());
    const row = await db.query.loginTokens.findFirst({ where: eq(loginTokens.id, id) });
    expect(row?.tokenHash).not.toContain(token);
    expect(row?.tokenHash).toHaveLength(43);
  });

  it("refuses a link that was already used", async () => {
    const person = await makePerson();
    const { token } = await createLoginToken(db, person.id, "sign_in", new Date());
    const first = new Browser();
    await first.get(`/sign-in/verify?token=${token}`);
    expect((await first.post("/sessions", { token })).status).toBe(303);

    const second = new Browser();
    const again = await second.get(`/sign-in/verify?token=${token}`);
    expect(again.status).toBe(410);
    expect(again.html).toContain("Deze link werkt niet meer");
    const reuse = await second.post("/sessions", { token });
    expect(reuse.status).toBe(410);
    const opened = await db.select().from(sessions).where(eq(sessions.personId, person.id));
    expect(opened).toHaveLength(1);
  });

  it("refuses a link older than 15 minutes", async () => {
    const person = await makePerson();
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000);
    const { token } = await createLoginToken(db, person.id, "sign_in", sixteenMinutesAgo);
    const browser = new Browser();
    expect((await browser.get(`/sign-in/verify?token=${token}`)).status).toBe(410);
    await browser.get("/sign-in");
    expect((await browser.post("/sessions", { token })).status).toBe(410);
  });

  it("answers an unknown address exactly like a known one, and mails nobody", async () => {
    const known = await makePerson();
    const a = new Browser();
    await a.get("/sign-in");
    const knownAnswer = await a.post("/sign-in", { email: known.email });
    const b = new Browser();
    await b.get("/sign-in");
    const unknownAnswer = await b.post("/sign-in", { email: "niemand@example.org" });
    expect(unknownAnswer.status).toBe(knownAnswer.status);
    expect(unknownAnswer.location).toBe(knownAnswer.location);
    expect(await mailsTo("niemand@example.org")).toHaveLength(0);
  });

  it("tells what is wrong with a bad address, next to the field, and writes nothing", async () => {
    const browser = new Browser();
    await browser.get("/sign-in");
    const before = (await db.select().from(outbox)).length;
    const res = await browser.post("/sign-in", { email: "geen-adres" });
    expect(res.status).toBe(422);
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).toContain("Vul een geldig e-mailadres in");
    expect((await db.select().from(outbox)).length).toBe(before);
  });

  it("limits link requests per address, with a clear message", async () => {
    const person = await makePerson();
    const browser = new Browser();
    await browser.get("/sign-in");
    const token = browser.csrfToken();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await browser.post("/sign-in", { email: person.email }, { csrf: token })).status);
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
    expect(browser.lastHtml).toContain("te vaak een link gevraagd");
    expect(await mailsTo(person.email)).toHaveLength(5);
  });

  it("limits link requests per client across addresses", async () => {
    const browser = new Browser();
    await browser.get("/sign-in");
    const token = browser.csrfToken();
    const headers = { "cf-connecting-ip": "203.0.113.77" };
    let last = 0;
    for (let i = 0; i < 21; i++)
      last = (await browser.post("/sign-in", { email: `iemand${i}@example.org` }, { csrf: token, headers })).status;
    expect(last).toBe(429);
  });

  it("never redirects to another site after signing in", async () => {
    const person = await makePerson();
    const { token } = await createLoginToken(db, person.id, "sign_in", new Date());
    const browser = new Browser();
    await browser.get(`/sign-in/verify?token=${token}`);
    const res = await browser.post("/sessions", { token, next: "//evil.example/steal" });
    expect(res.location).toBe("/");
  });

  it("lets an admin end all sessions of a person", async () => {
    const { admin, coordinator } = await makeWorld();
    const victim = await signedIn(coordinator.id);
    expect((await victim.get("/")).html).toContain("Wat vraagt aandacht");
    const adminBrowser = await signedIn(admin.id);
    await adminBrowser.get(`/admin/people/${coordinator.id}`);
    const ended = await adminBrowser.post(`/admin/people/${coordinator.id}/session-revocations`);
    expect(ended.status).toBe(303);
    expect((await victim.get("/")).html).not.toContain("Wat vraagt aandacht");
  });
});

describe("CSRF", () => {
  it("refuses a state change without the form token", async () => {
    const { admin } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const res = await browser.post("/admin/people", { name: "Zonder token", email: "zt@example.org", locale: "nl" }, { csrf: null });
    expect(res.status).toBe(403);
    expect(res.html).toContain("Formulier verlopen");
    expect(await db.query.people.findFirst({ where: (p, { eq }) => eq(p.email, "zt@example.org") })).toBeUndefined();
  });

  it("refuses a token from another browser", async () => {
    const { admin } = await makeWorld();
    const other = new Browser();
    await other.get("/sign-in");
    const foreignToken = other.csrfToken();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const res = await browser.post("/admin/people", { name: "X", email: "x2@example.org", locale: "nl" }, { csrf: foreignToken });
    expect(res.status).toBe(403);
  });

  it("refuses a cross-site form post even with a token", async () => {
    const { admin } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const res = await browser.post(
      "/admin/people",
      { name: "X", email: "x3@example.org", locale: "nl" },
      { headers: { origin: "https://evil.example" } },
    );
    expect(res.status).toBe(403);
  });

  it("accepts the token in the htmx header", async () => {
    const person = await makePerson();
    const browser = new Browser();
    await browser.get("/sign-in");
    const token = browser.csrfToken();
    const res = await browser.post("/sign-in", { email: person.email }, { csrf: null, headers: { "x-csrf-token": token } });
    expect(res.status).toBe(303);
  });
});
