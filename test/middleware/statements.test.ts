// Development only: a request with `x-bench-statements: 1` is answered with the D1 statements it
// ran, so the benchmark can time the same SQL in SQLite alone (bench/sqlite-alone.ts).
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { buildApp } from "../../src/app";
import { CAPTURE_HEADER } from "../../src/middleware/context";
import { makeWorld, signedIn } from "../helpers/factories";

const NOW = "2026-11-28T10:00:00.000Z";

describe("the statements a request ran", () => {
  it("come back as SQL with their bound values, as many as the request counts", async () => {
    const { initiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id, NOW);
    const page = await b.get(`/initiatives/${initiative.id}`);
    const counted = Number(/d1;desc="(\d+) queries"/.exec(page.res.headers.get("server-timing") ?? "")?.[1]);
    expect(counted).toBeGreaterThan(0);

    const captured = await b.get(`/initiatives/${initiative.id}`, { [CAPTURE_HEADER]: "1" });
    const body = JSON.parse(captured.html) as { status: number; statements: { sql: string; params: unknown[] }[] };
    expect(body.status).toBe(200);
    expect(body.statements).toHaveLength(counted);
    for (const st of body.statements) expect(st.sql).toMatch(/^\s*(with|select|update|insert)\b/i);
    expect(body.statements.some((st) => st.params.includes(initiative.id))).toBe(true);
  });

  it("are never shown outside development", async () => {
    const app = buildApp({ clock: () => new Date(NOW) });
    const res = await app.fetch(
      new Request("http://localhost/sign-in", { headers: { [CAPTURE_HEADER]: "1" } }),
      { ...env, APP_ENV: "production" },
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/html/);
    expect(res.headers.get("server-timing")).toBeNull();
  });
});
