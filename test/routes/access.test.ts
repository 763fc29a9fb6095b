import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { buildApp } from "../../src/app";
import { Browser } from "../helpers/browser";
import { makeWorld, signedIn } from "../helpers/factories";

type Who = "visitor" | "admin" | "coordinator" | "partner" | "nobody";

async function browsers() {
  const w = await makeWorld();
  return {
    w,
    as: {
      visitor: new Browser(),
      admin: await signedIn(w.admin.id),
      coordinator: await signedIn(w.coordinator.id),
      partner: await signedIn(w.partnerPerson.id),
      nobody: await signedIn(w.nobody.id),
    } satisfies Record<Who, Browser>,
  };
}

describe("who may open which page", () => {
  it("admin pages: admins only; others refused, visitors sent to sign in", async () => {
    const { w, as } = await browsers();
    for (const path of ["/admin/people", "/admin/people/new", `/admin/people/${w.coordinator.id}`]) {
      expect((await as.admin.get(path)).status, path).toBe(200);
      for (const who of ["coordinator", "partner", "nobody"] as const) expect((await as[who].get(path)).status, `${who} ${path}`).toBe(403);
      const visitor = await as.visitor.get(path);
      expect(visitor.status).toBe(303);
      expect(visitor.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it("refuses admin writes to everyone but admins, and changes nothing", async () => {
    const { w, as } = await browsers();
    for (const who of ["coordinator", "partner", "nobody"] as const) {
      await as[who].get("/");
      const res = await as[who].post(`/admin/people/${w.nobody.id}`, { name: "Gekaapt", locale: "nl", version: "1", isAdmin: "on" });
      expect(res.status, who).toBe(403);
    }
    const visitor = as.visitor;
    await visitor.get("/sign-in");
    expect((await visitor.post(`/admin/people/${w.nobody.id}`, { name: "Gekaapt", locale: "nl", version: "1" })).status).toBe(401);
    const after = await as.admin.get(`/admin/people/${w.nobody.id}`);
    expect(after.html).not.toContain("Gekaapt");
  });

  it("shows each role its own home page", async () => {
    const { as } = await browsers();
    expect((await as.coordinator.get("/")).html).toContain("Wat vraagt aandacht");
    const partnerHome = (await as.partner.get("/")).html;
    expect(partnerHome).toContain("Buurten waar je bij betrokken bent");
    expect(partnerHome).toContain("Testbuurt");
    expect(partnerHome).not.toContain("Andere buurt");
    expect((await as.admin.get("/")).html).toContain("Mensen en rollen");
    expect((await as.nobody.get("/")).html).toContain("Je hebt nog geen rol");
    expect((await as.visitor.get("/")).html).toContain("Aanmelden");
  });

  it("navigation shows admin links only to admins", async () => {
    const { as } = await browsers();
    expect((await as.admin.get("/")).html).toContain('href="/admin/people"');
    expect((await as.coordinator.get("/")).html).not.toContain('href="/admin/people"');
  });
});

describe("the ADMIN_API_TOKEN bearer", () => {
  it("acts as admin when it matches and is refused otherwise", async () => {
    const ok = await exportsFetch("/admin/people", { authorization: "Bearer test-admin-token" });
    expect(ok.status).toBe(200);
    const wrong = await exportsFetch("/admin/people", { authorization: "Bearer wrong" });
    expect(wrong.status).toBe(303);
  });

  it("is disabled when the secret is absent", async () => {
    const app = buildApp();
    const res = await app.request("/admin/people", { headers: { authorization: "Bearer " } }, { ...env, ADMIN_API_TOKEN: "" });
    expect(res.status).toBe(303);
    const res2 = await app.request(
      "/admin/people",
      { headers: { authorization: "Bearer test-admin-token" } },
      { ...env, ADMIN_API_TOKEN: "" },
    );
    expect(res2.status).toBe(303);
  });
});

describe("development pages", () => {
  it("show the outbox in development", async () => {
    expect((await new Browser().get("/dev/outbox")).status).toBe(200);
  });

  it("do not exist in production", async () => {
    const app = buildApp();
    const res = await app.request("/dev/outbox", {}, { ...env, APP_ENV: "production" });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Pagina niet gevonden");
  });
});

describe("pages for everyone", () => {
  it("answers unknown paths with a 404 page in the site's style", async () => {
    const res = await new Browser().get("/bestaat-niet");
    expect(res.status).toBe(404);
    expect(res.html).toContain('<main id="main"');
  });

  it("switches language with a visible link and remembers it", async () => {
    const b = new Browser();
    expect((await b.get("/sign-in")).html).toContain('lang="nl"');
    const sw = await b.get("/locale/en?next=/sign-in");
    expect(sw.location).toBe("/sign-in");
    const page = await b.get("/sign-in");
    expect(page.html).toContain('lang="en"');
    expect(page.html).toContain("Send me a sign-in link");
  });

  it("takes Accept-Language as the first guess", async () => {
    const page = await new Browser().get("/sign-in", { "accept-language": "en-GB,en;q=0.9" });
    expect(page.html).toContain("Send me a sign-in link");
  });

  it("sends a strict Content-Security-Policy", async () => {
    const { res } = await new Browser().get("/sign-in");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });
});

import { exports } from "cloudflare:workers";
function exportsFetch(path: string, headers: Record<string, string>) {
  return exports.default.fetch(new Request(`http://localhost${path}`, { headers, redirect: "manual" }));
}
