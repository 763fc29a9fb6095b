// /dev/outbox (development only): each email with the messages bundled in it, its links, its HTML
// as the recipient sees it (a sandboxed frame with a strict policy of its own), Dutch status words.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { buildApp } from "../../src/app";
import { db } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeMailTask, makeMailWorld, runCounted } from "../helpers/mail-factories";

describe("the development outbox", () => {
  it("shows every message of a bundled email, its links and its HTML in a sandboxed frame", async () => {
    const w = await makeMailWorld({ name: "Ontwikkeling" });
    await makeMailTask(w.initiative.id, { title: "AED controleren", dueOn: "2027-03-16" });
    await makeMailTask(w.initiative.id, { title: "Sleutels tellen", dueOn: "2027-03-01" });
    await makeMailTask(w.initiative.id, { title: "Rooster maken", dueOn: "2027-03-17", assigneeRoles: '["partner_contact"]' });
    await runCounted({ today: "2027-03-16", now: "2027-03-16T04:00:00Z", sending: false });

    const page = await new Browser().get("/dev/outbox");
    expect(page.status).toBe(200);
    expect(page.res.headers.get("content-security-policy")).toContain("default-src 'self'"); // the site's own policy, unchanged
    const rows = await db.select().from(s.outbox).where(eq(s.outbox.personId, w.keyHolder.id));
    expect(rows).toHaveLength(2);
    const carrier = rows.find((r) => r.bodyHtml)!;
    expect(rows.every((r) => r.bundleId === carrier.id)).toBe(true);
    const article = page.html.slice(page.html.indexOf(`id="email-${carrier.id}"`)).split("</article>")[0]!;
    expect(article).toContain("Wijkonderhoud: 2 messages for you"); // the email's own subject
    expect(article).toContain("Berichten in deze e-mail (2)");
    expect(article).toContain("herinnering: Time to do: AED controleren (vastgelegd (niet verstuurd))");
    expect(article).toContain("herinnering: Overdue: Sleutels tellen");
    expect(article).toMatch(
      new RegExp(`<a href="/mail/answers/v1\\.[^"]+\\?answer=done" class="break-all" data-recipient="${w.keyHolder.email}">`),
    );
    expect(article).toContain(
      `<iframe class="mail-preview" src="/dev/outbox/${carrier.id}/html" sandbox="" loading="lazy" title="E-mail aan ${w.keyHolder.email}: Wijkonderhoud: 2 messages for you">`,
    );
    // The partner's reminder waits for Monday's digest: listed as not sent yet, in Dutch.
    const waiting = page.html.slice(page.html.indexOf('id="outbox-waiting"'));
    expect(waiting).toContain("Herinnering: Rooster maken");
    expect(waiting).toContain("wacht");

    const html = await new Browser().get(`/dev/outbox/${carrier.id}/html`);
    expect(html.status).toBe(200);
    expect(html.html).toBe(carrier.bodyHtml);
    const csp = html.res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("sandbox");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("script-src");
    expect(html.res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("shows a sign-in mail as an email of one message", async () => {
    const w = await makeMailWorld({ name: "Aanmelden" });
    const b = new Browser();
    await b.get("/sign-in");
    await b.post("/sign-in", { email: w.coordinator.email });
    const page = await new Browser().get("/dev/outbox");
    expect(page.html).toContain("Berichten in deze e-mail (1)");
    expect(page.html).toMatch(
      new RegExp(`<a href="/sign-in/verify\\?token=[^"]+" class="break-all" data-recipient="${w.coordinator.email}">`),
    );
  });

  it("has no email preview for an unknown id, and nothing at all in production", async () => {
    expect((await new Browser().get("/dev/outbox/nope/html")).status).toBe(404);
    const [any] = await db.select().from(s.outbox).limit(1);
    const app = buildApp();
    const res = await app.request(`/dev/outbox/${any?.id ?? "x"}/html`, {}, { ...env, APP_ENV: "production" });
    expect(res.status).toBe(404);
  });
});
