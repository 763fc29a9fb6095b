import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { getTableName, isNull } from "drizzle-orm";
import { adminToken, api } from "../helpers/api-factories";
import { db, makeInitiative, makeNeighbourhood } from "../helpers/factories";
import { encodeCursor, keysetQuery, PAGED_TABLES } from "../../src/api/pagination";

describe("cursor pagination", () => {
  it("neither skips nor repeats a record while records are added and changed between pages", async () => {
    const hood = await makeNeighbourhood();
    const { token } = await adminToken();
    // Seven records with the same creation time: the id breaks the tie.
    const original = [];
    for (let i = 0; i < 7; i++) original.push((await makeInitiative(hood.id, { name: `Initiatief ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page: { status: number; body: { data: { id: string; version: number }[]; nextCursor: string | null } } = await api(
        `/api/v1/initiatives?neighbourhoodId=${hood.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((r) => r.id));
      // Meanwhile: someone changes a record already seen and one not yet seen, and adds a new one.
      const first = page.body.data[0];
      if (first)
        await api(`/api/v1/initiatives/${first.id}`, {
          token,
          method: "PATCH",
          body: { purpose: `ronde ${round}`, version: first.version },
        });
      const unseen = original.find((id) => !seen.includes(id));
      if (unseen) {
        const current = await api(`/api/v1/initiatives/${unseen}`, { token });
        await api(`/api/v1/initiatives/${unseen}`, {
          token,
          method: "PATCH",
          body: { name: `Gewijzigd ${round}`, version: current.body.version },
        });
      }
      if (round < 2)
        await api("/api/v1/initiatives", {
          token,
          body: { neighbourhoodId: hood.id, name: `Nieuw ${round}`, startedYear: 2024, status: "active", continuationPlan: "none" },
        });
      cursor = page.body.nextCursor;
      round++;
    } while (cursor && round < 20);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original) expect(seen).toContain(id);
    // Records added during the walk come at the end, so they are seen too.
    expect(seen.length).toBe(original.length + 2);
  });

  it("ends with nextCursor null and respects the limit", async () => {
    const hood = await makeNeighbourhood();
    for (let i = 0; i < 3; i++) await makeInitiative(hood.id);
    const all = await api(`/api/v1/initiatives?neighbourhoodId=${hood.id}&limit=3`);
    expect(all.body.data).toHaveLength(3);
    expect(all.body.nextCursor).toBeNull();
    const two = await api(`/api/v1/initiatives?neighbourhoodId=${hood.id}&limit=2`);
    expect(two.body.data).toHaveLength(2);
    expect(typeof two.body.nextCursor).toBe("string");
  });
});

describe("a page of any size of city", () => {
  it("is read from an index in page order, on the first page and from a cursor: no table sorted per page", async () => {
    const cursor = encodeCursor({ at: "2026-01-01T00:00:00.000Z", id: "m" });
    for (const table of Object.values(PAGED_TABLES)) {
      const name = getTableName(table);
      for (const page of [{ limit: 50 }, { limit: 50, cursor }])
        for (const where of [undefined, "archivedAt" in table ? isNull(table.archivedAt) : undefined]) {
          const q = keysetQuery(db, table, where, page).toSQL();
          const plan = (
            await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
              .bind(...q.params)
              .all<{ detail: string }>()
          ).results;
          const details = plan.map((r) => r.detail).join(" | ");
          expect(details, name).toContain(`USING INDEX ${name}_created`);
          expect(details, name).not.toContain("TEMP B-TREE");
          if (page.cursor) expect(details, name).toMatch(/\(created_at,id\)>\(\?,\?\)/);
        }
    }
  });
});
