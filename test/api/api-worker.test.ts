// In production the API is a Worker of its own (src/api/worker.ts, wrangler.api.toml), reached
// through the app's `API` service binding. Built here as it is deployed: it answers the API with
// its own request context (db session, today) and the D1 bookmark header, and nothing else.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { buildApiWorker } from "../../src/api/worker";
import { adminToken, api } from "../helpers/api-factories";
import { makeNeighbourhood } from "../helpers/factories";

const worker = buildApiWorker(() => new Date("2026-06-15T10:00:00.000Z"));
const fetcher = (req: Request) => Promise.resolve(worker.fetch(req, env, createExecutionContext()));

describe("the API Worker", () => {
  it("answers the API as the app does, with the bookmark of its D1 session", async () => {
    const hood = await makeNeighbourhood();
    const { token } = await adminToken();
    const own = await api(`/api/v1/neighbourhoods/${hood.id}`, { token, fetcher });
    const viaApp = await api(`/api/v1/neighbourhoods/${hood.id}`, { token });
    expect(own.status).toBe(200);
    expect(own.body).toEqual(viaApp.body);
    expect(own.headers.get("x-d1-bookmark")).toBeTruthy();
    expect(own.headers.get("cache-control")).toBe("no-store");
  });

  it("fills the document's moving bounds from its own clock", async () => {
    const doc = await api("/api/openapi.json", { token: null, fetcher });
    expect(doc.body.components.schemas.InitiativeCreate.properties.startedYear.maximum).toBe(2026);
  });

  it("refuses without a token, and has nothing outside /api", async () => {
    expect((await api("/api/v1/neighbourhoods", { token: null, fetcher })).status).toBe(401);
    const page = await fetcher(new Request("http://localhost/sign-in"));
    expect(page.status).toBe(404);
    const body = (await page.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    const viaApp = await api("/api/v1/nothing-here", { token: (await adminToken()).token });
    expect(body.error.message).toBe(viaApp.body.error.message); // in Dutch, as the API says it
  });
});
