// Every state change the pages accept, present and future, is behind the CSRF check: the test
// walks the app's own route table (buildApp().routes), so a new POST route is covered the day it
// is added. Without the page's token, or from another site with it, each answers 403 "Formulier
// verlopen" and writes nothing. Only the one-click unsubscribe and the mail provider's webhook take
// posts from elsewhere by design (and check their own signatures); /api takes bearer tokens only.
import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { buildApp } from "../../src/app";
import { db, makeWorld, signedIn } from "../helpers/factories";

const EXEMPT = ["/mail/unsubscribe", "/webhooks/", "/api/"];
const someId = "00000000-0000-4000-8000-000000000000";

function postPaths(): string[] {
  const paths = buildApp()
    .routes.filter((r) => r.method === "POST")
    .map((r) => r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, someId))
    .filter((p) => !p.includes("*") && !EXEMPT.some((e) => p.startsWith(e)));
  return [...new Set(paths)];
}

const auditCount = async () => (await db.select({ id: auditLog.id }).from(auditLog)).length;

describe("CSRF on every form post", () => {
  it("refuses each POST route of the app without the page's token, and from another site with it", async () => {
    const paths = postPaths();
    expect(paths.length).toBeGreaterThan(60);
    const w = await makeWorld();
    const admin = await signedIn(w.admin.id);
    await admin.get("/");
    const token = admin.csrfToken();
    const before = await auditCount();
    const leaks: string[] = [];
    for (const path of paths) {
      const real = path.replace(someId, w.initiative.id);
      const missing = await admin.post(real, { name: "x" }, { csrf: null });
      if (missing.status !== 403 || !missing.html.includes("Formulier verlopen")) leaks.push(`no token: ${real} → ${missing.status}`);
      const foreign = await admin.post(
        real,
        { name: "x" },
        { csrf: token, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } },
      );
      if (foreign.status !== 403) leaks.push(`other site: ${real} → ${foreign.status}`);
    }
    expect(leaks).toEqual([]);
    expect(await auditCount()).toBe(before);
  });
});
