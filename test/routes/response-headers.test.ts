import { describe, expect, it } from "vitest";
import { Browser } from "../helpers/browser";
import { makeWorld, signedIn } from "../helpers/factories";
import { api } from "../helpers/api-factories";
import { PERMISSIONS_POLICY } from "../../src/middleware/response-headers";
import staticHeaders from "../../public/_headers?raw";

type Answer = { status: number; res: Response };

function expectPolicy(answer: Answer) {
  const policy = answer.res.headers.get("permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"])
    expect(policy, `${feature} in ${answer.res.url}`).toContain(`${feature}=()`);
}

const noStore = (answer: Answer) => expect(answer.res.headers.get("cache-control") ?? "").toMatch(/\bno-store\b/);

describe("Permissions-Policy", () => {
  it("is on every response the Worker makes: pages, redirects, errors, the public page, the API", async () => {
    const w = await makeWorld();
    const visitor = new Browser();
    const answers = [
      await visitor.get("/sign-in"),
      await visitor.get("/"),
      await visitor.get("/no-such-page"),
      await visitor.get(`/initiatives/${w.initiative.id}`),
      await visitor.get("/locale/en?next=/"),
      await visitor.get("/api/docs"),
      await visitor.get("/buurt/does-not-exist"),
    ];
    const coordinator = await signedIn(w.coordinator.id);
    answers.push(await coordinator.get(`/initiatives/${w.initiative.id}`));
    answers.push(await coordinator.post("/sign-out"));
    for (const answer of answers) expectPolicy(answer);
    const fromApi = await api("/api/v1/initiatives");
    expectPolicy({ status: fromApi.status, res: new Response(null, { headers: fromApi.headers }) });
  });

  it("is the same policy for static files (public/_headers)", () => {
    const line = staticHeaders.split("\n").find((l: string) => l.trim().startsWith("Permissions-Policy:"));
    expect(line?.trim()).toBe(`Permissions-Policy: ${PERMISSIONS_POLICY}`);
  });
});

describe("Cache-Control: no-store", () => {
  it("is on every page seen while signed in: pages, fragments, errors, refusals", async () => {
    const w = await makeWorld();
    for (const who of [w.admin, w.coordinator, w.partnerPerson]) {
      const b = await signedIn(who.id);
      for (const path of ["/", `/neighbourhoods/${w.hood.id}`, "/me/data", "/no-such-page", `/initiatives/${w.otherInitiative.id}`])
        noStore(await b.get(path));
    }
    const coordinator = await signedIn(w.coordinator.id);
    noStore(await coordinator.get(`/initiatives/${w.initiative.id}`));
    noStore(await coordinator.get(`/initiatives/${w.initiative.id}`, { "hx-request": "true" }));
    noStore(await coordinator.get("/admin/people"));
  });

  it("is on every API answer: data, errors, refusals, the OpenAPI document", async () => {
    const w = await makeWorld();
    for (const r of [
      await api("/api/v1/initiatives"),
      await api(`/api/v1/initiatives/${w.initiative.id}`),
      await api("/api/v1/initiatives", { token: null }),
      await api("/api/v1/no-such-thing"),
      await api("/api/v1/initiatives", { body: { name: "" } }),
      await api("/api/openapi.json"),
    ])
      expect(r.headers.get("cache-control") ?? "", `status ${r.status}`).toMatch(/\bno-store\b/);
  });

  it("is on the pages a mail link opens, which show a person's data without a session", async () => {
    const visitor = new Browser();
    noStore(await visitor.get("/mail/answers/not-a-real-token"));
    noStore(await visitor.get("/mail/preferences/not-a-real-token"));
  });

  it("keeps public pages for visitors cacheable", async () => {
    const visitor = new Browser();
    expect((await visitor.get("/sign-in")).res.headers.get("cache-control")).toBeNull();
  });
});
