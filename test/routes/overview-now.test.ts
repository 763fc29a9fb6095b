// The overview's stored "now" (src/domain/overview/rollup.ts) is for one day. Before the daily run
// moved it to today, the page counts "now" live (never yesterday's figure) and moves it itself
// after answering, so the next view reads it stored. Its own file: the rollup's state is one row.
import { describe, expect, it } from "vitest";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { buildApp } from "../../src/app";
import { deriveRollup, rollupState } from "../../src/domain/overview/rollup";
import { createLoginToken } from "../../src/domain/auth/sign-in";
import { db, makeWorld } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { involvement, person } from "../helpers/overview-factories";

const NOW = "2026-11-28T10:00:00.000Z";
const TODAY = "2026-11-28";

describe("the overview's stored now", () => {
  it("is counted live while it is for another day, and the page moves it to today after answering", async () => {
    const w = await makeWorld();
    const fatma = await person("Fatma");
    await involvement(fatma.id, w.initiative.id, "2025-03-01", null);
    const gone = await person("Gijs");
    await involvement(gone.id, w.initiative.id, "2024-01-01", "2026-11-20"); // stopped last week
    // Derived last week, when Gijs still helped: the stored "now" says two.
    await deriveRollup(db, "2026-11-19", new Date("2026-11-19T04:00:00.000Z"));
    const [stored] = await db.all<{ n: number }>(
      sql`SELECT volunteers_now AS n FROM overview_years WHERE neighbourhood_id = ${w.hood.id} AND year = 2026`,
    );
    expect(stored!.n).toBe(2);

    const app = buildApp({ clock: () => new Date(NOW) });
    const contexts: ExecutionContext[] = [];
    const browser = new Browser((req) => {
      const ctx = createExecutionContext();
      contexts.push(ctx);
      return Promise.resolve(app.fetch(req, env, ctx));
    });
    const { token } = await createLoginToken(db, w.partnerPerson.id, "sign_in", new Date(NOW));
    await browser.get(`/sign-in/verify?token=${token}`);
    expect((await browser.post("/sessions", { token })).status).toBe(303);

    // The "now" table (as its CSV): counted live, only Fatma today; not last week's two.
    const nowCsv = async () => (await browser.get(`/neighbourhoods/${w.hood.id}/overview/now.csv`)).html;
    const before = await nowCsv();
    expect(before).toContain("Actieve vrijwilligers (mensen);1\r\n");
    expect((await browser.get(`/neighbourhoods/${w.hood.id}/overview`)).status).toBe(200);
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    expect(await rollupState(db)).toEqual({ currentYear: 2026, nowDay: TODAY });
    const [moved] = await db.all<{ n: number }>(
      sql`SELECT volunteers_now AS n FROM overview_years WHERE neighbourhood_id = ${w.hood.id} AND year = 2026`,
    );
    expect(moved!.n).toBe(1);
    // Read stored now, it says the same.
    expect(await nowCsv()).toBe(before);
  });
});
