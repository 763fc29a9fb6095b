import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../../src/db/schema";
import { D1_MAX_PARAMS, readTogether } from "../../src/db/read-together";
import { countingD1, createDb, type D1Counter } from "../../src/db/client";
import { env } from "cloudflare:workers";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../helpers/factories";

describe("readTogether", () => {
  it("returns per key exactly what each select returns alone, in one statement", async () => {
    const hood = await makeNeighbourhood({ published: true });
    const init = await makeInitiative(hood.id);
    const names = ["Bram", "Anna", "Cas", "Dirk"];
    const people = await Promise.all(names.map((name, i) => makePerson({ name, isAdmin: i % 2 === 0 })));
    await db.insert(s.involvements).values(
      people.map((p, i) => ({
        id: crypto.randomUUID(),
        initiativeId: init.id,
        personId: p.id,
        role: "volunteer" as const,
        critical: i === 1,
        since: `2024-0${i + 1}-01`,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      })),
    );
    const ids = people.map((p) => p.id);
    const queries = () => ({
      byNameDesc: db
        .select({ id: s.people.id, name: s.people.name, admin: s.people.isAdmin })
        .from(s.people)
        .where(inArray(s.people.id, ids))
        .orderBy(desc(s.people.name)),
      joined: db
        .select({
          name: s.people.name,
          critical: s.involvements.critical,
          since: s.involvements.since,
          upper: sql<string>`upper(${s.people.name})`,
        })
        .from(s.involvements)
        .innerJoin(s.people, eq(s.people.id, s.involvements.personId))
        .where(eq(s.involvements.initiativeId, init.id))
        .orderBy(asc(s.involvements.since)),
      leftJoined: db
        .select({ hood: s.neighbourhoods, initiative: { id: s.initiatives.id } })
        .from(s.neighbourhoods)
        .leftJoin(s.initiatives, eq(s.initiatives.neighbourhoodId, sql`'nothing'`))
        .where(eq(s.neighbourhoods.id, hood.id)),
      none: db.select({ id: s.people.id }).from(s.people).where(eq(s.people.id, "missing")),
    });

    const counter: D1Counter = { queries: 0, calls: 0 };
    const counted = createDb(countingD1(env.DB, counter));
    const together = await readTogether(counted, queries());
    expect(counter).toEqual({ queries: 1, calls: 1 });

    const q = queries();
    const alone = { byNameDesc: await q.byNameDesc, joined: await q.joined, leftJoined: await q.leftJoined, none: await q.none };
    expect(together).toEqual(alone);
    // and the values are the real ones, decoded: order, booleans, nested objects, nulls
    expect(together.byNameDesc.map((p) => p.name)).toEqual(["Dirk", "Cas", "Bram", "Anna"]);
    expect(together.byNameDesc.map((p) => p.admin)).toEqual([false, true, true, false]);
    expect(together.joined.map((r) => [r.name, r.critical, r.upper])).toEqual([
      ["Bram", false, "BRAM"],
      ["Anna", true, "ANNA"],
      ["Cas", false, "CAS"],
      ["Dirk", false, "DIRK"],
    ]);
    expect(together.leftJoined).toEqual([{ hood: expect.objectContaining({ id: hood.id, published: true }), initiative: null }]);
    expect(together.none).toEqual([]);
  });

  it("refuses more bound parameters than D1 allows, before sending anything", async () => {
    const ids = Array.from({ length: D1_MAX_PARAMS + 1 }, (_, i) => `id-${i}`);
    await expect(
      readTogether(db, { many: db.select({ id: s.people.id }).from(s.people).where(inArray(s.people.id, ids)) }),
    ).rejects.toThrow(/parameters/);
  });
});
