// The API is imported on its first request (src/api/lazy.ts), as its own Hono app: it must still
// answer under /api with the app's request context — its one db handle (counted in development);
// its clock is checked in test/routes/today.test.ts — and refuse to run without it.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { api } from "../helpers/api-factories";
import { apiApp } from "../../src/api";

describe("the API, built on first use", () => {
  it("answers under /api with the app's db handle: its statements are counted on the response", async () => {
    const res = await api("/api/v1/neighbourhoods?limit=5");
    expect(res.status).toBe(200);
    const m = /d1;desc="(\d+) queries"/.exec(res.headers.get("server-timing") ?? "");
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(1);
  });

  it("keeps /api off its paths inside and /api in its answers: 404 for a path under /api that it lacks, the document's server is /api", async () => {
    expect((await api("/api/v1/nothing-here")).body.error.code).toBe("not_found");
    expect((await api("/api/openapi.json", { token: null })).body.servers).toEqual([{ url: "/api" }]);
    expect((await api("/apiv1/neighbourhoods")).status).toBe(404); // not the API: the app's own 404 page
  });

  it("refuses to run when reached without the app", async () => {
    const res = await apiApp.request("/v1/neighbourhoods", { headers: { authorization: "Bearer test-admin-token" } }, env);
    expect(res.status).toBe(500);
  });
});
