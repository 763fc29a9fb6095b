// Every redirect whose target comes from input goes through safeNext: the language switch, the
// sign-in flow (query → form → mail link → confirmation → session), task answers and the status form.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Browser } from "../helpers/browser";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { initiatives, outbox } from "../../src/db/schema";
import { createLoginToken } from "../../src/domain/auth/sign-in";

/** Hostile `next` values as they would appear in a URL's query (already encoded once). */
const HOSTILE_QUERY = [
  "/%09/evil.example/x",
  "/%0d%0aSet-Cookie:%20x=1",
  "/%0a",
  "%2f%2fevil.example",
  "//evil.example",
  "/%5cevil.example",
  "/%255c%255cevil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/%EF%BC%8Fevil.example",
  "/" + "a".repeat(5000),
];

const stays = (location: string | null) => {
  expect(location).not.toBeNull();
  expect(new URL(location!, "http://localhost").origin).toBe("http://localhost");
};

describe("the language switch", () => {
  it.each(HOSTILE_QUERY)("never leaves the site and never fails for next=%s", async (next) => {
    const res = await new Browser().get(`/locale/en?next=${next}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/");
  });

  it("goes back to the page it came from", async () => {
    const res = await new Browser().get(`/locale/en?next=${encodeURIComponent("/overview?x=1#top")}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/overview?x=1#top");
  });
});

describe("signing in with a next page", () => {
  it.each(HOSTILE_QUERY)("drops next=%s from the form, the mail link and the final redirect", async (next) => {
    const person = await makePerson();
    const browser = new Browser();
    const form = await browser.get(`/sign-in?next=${next}`);
    expect(form.status).toBe(200);
    expect(form.html).not.toMatch(/name="next"/);
    const sent = await browser.post("/sign-in", { email: person.email, next: decodeURIComponentSafe(next) });
    expect(sent.status).toBe(303);
    const [mail] = await db.select().from(outbox).where(eq(outbox.recipient, person.email));
    expect(mail?.bodyText).not.toContain("next=");
    const { token } = await createLoginToken(db, person.id, "sign_in", new Date());
    const confirm = await browser.get(`/sign-in/verify?token=${token}&next=${next}`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).not.toMatch(/name="next"/);
    const opened = await browser.post("/sessions", { token, next: decodeURIComponentSafe(next) });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe("/");
  });

  it("keeps a local next page through the whole flow", async () => {
    const w = await makeWorld();
    const browser = new Browser();
    const target = `/initiatives/${w.initiative.id}#tasks`;
    await browser.get(`/sign-in?next=${encodeURIComponent(target)}`);
    expect(browser.lastHtml).toContain(`value="/initiatives/${w.initiative.id}#tasks"`);
    await browser.post("/sign-in", { email: w.coordinator.email, next: target });
    const [mail] = await db.select().from(outbox).where(eq(outbox.recipient, w.coordinator.email));
    const link = mail!.bodyText!.match(/http:\/\/localhost(\/sign-in\/verify\?[^\s]+)/)![1]!;
    const confirm = await browser.get(link);
    const token = new URL(link, "http://localhost").searchParams.get("token")!;
    expect(confirm.html).toContain(`value="/initiatives/${w.initiative.id}#tasks"`);
    const opened = await browser.post("/sessions", { token, next: target });
    expect(opened.location).toBe(target);
  });
});

describe("forms that return to a page", () => {
  it("a task answer and a status change fall back to the initiative for a hostile next", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}`);
    for (const next of ["/\t/evil.example", "//evil.example", "/%5cevil.example", "/x\r\nSet-Cookie: a=b"]) {
      const { version } = (await db.query.initiatives.findFirst({ where: eq(initiatives.id, w.initiative.id) }))!;
      const res = await browser.post(`/initiatives/${w.initiative.id}/status`, { status: "paused", version: String(version), next });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/initiatives/${w.initiative.id}`);
      stays(res.location);
    }
  });
});

function decodeURIComponentSafe(v: string) {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
