import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../../src/db/schema";
import { setArchived } from "../../src/domain/archive";
import { StaleVersionError } from "../../src/db/versioned";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../helpers/factories";

const first = new Date("2026-03-01T10:00:00.000Z");
const later = new Date("2026-04-01T10:00:00.000Z");

describe("setArchived", () => {
  it("archives once, keeps the first date when archived again, restores, and audits each step", async () => {
    const hood = await makeNeighbourhood();
    const init = await makeInitiative(hood.id);
    const actor = await makePerson();
    const row = async () => (await db.select().from(s.initiatives).where(eq(s.initiatives.id, init.id)))[0]!;
    const change = { actorId: actor.id, entity: "initiative", initiativeId: init.id, neighbourhoodId: hood.id };

    await setArchived(db, s.initiatives, { ...change, before: await row(), archive: true }, first);
    expect((await row()).archivedAt).toBe(first.toISOString());
    await setArchived(db, s.initiatives, { ...change, before: await row(), archive: true }, later);
    expect((await row()).archivedAt).toBe(first.toISOString());
    await setArchived(db, s.initiatives, { ...change, before: await row(), archive: false }, later);
    expect((await row()).archivedAt).toBeNull();
    expect((await row()).version).toBe(4); // created at 1, three changes

    const trail = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, init.id), eq(s.auditLog.actorId, actor.id)))
      .orderBy(asc(s.auditLog.at), asc(s.auditLog.action));
    expect(trail.map((a) => [a.action, JSON.parse(a.changes)])).toEqual([
      ["archive", { archivedAt: [null, first.toISOString()] }],
      ["archive", { archivedAt: [first.toISOString(), first.toISOString()] }],
      ["restore", { archivedAt: [first.toISOString(), null] }],
    ]);
  });

  it("with a version, refuses a stale archive and changes nothing", async () => {
    const hood = await makeNeighbourhood();
    const init = await makeInitiative(hood.id);
    const before = (await db.select().from(s.initiatives).where(eq(s.initiatives.id, init.id)))[0]!;
    const change = { actorId: null, entity: "initiative", before, archive: true };
    await expect(setArchived(db, s.initiatives, { ...change, version: before.version + 1 }, first)).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    const after = (await db.select().from(s.initiatives).where(eq(s.initiatives.id, init.id)))[0]!;
    expect(after).toEqual(before);
    expect(await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, init.id))).toEqual([]);
  });
});
