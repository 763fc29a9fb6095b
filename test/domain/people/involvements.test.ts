import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, involvements, people } from "../../../src/db/schema";
import {
  activeVolunteersInYear,
  createInvolvement,
  endInvolvement,
  getInvolvement,
  loadVolunteersSection,
  normaliseRole,
  updateInvolvement,
  involvementContract,
  newInvolvementContract,
} from "../../../src/domain/people/involvements";
import { StaleVersionError } from "../../../src/db/versioned";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeActivity, makeInvolvement } from "../../helpers/people-factories";

const now = new Date("2026-03-10T10:00:00.000Z");

function parseCreate(input: Record<string, string>) {
  const parsed = newInvolvementContract.parseForm(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

describe("activeVolunteersInYear counts distinct people whose interval overlaps the year", () => {
  const iv = (personId: string, since: string, until: string | null = null) => ({ personId, since, until });

  it("counts a person once, however many intervals they have that year", () => {
    const list = [iv("a", "2020-01-01", "2024-03-01"), iv("a", "2024-06-01"), iv("b", "2024-02-01", "2024-02-28")];
    expect(activeVolunteersInYear(list, 2024)).toBe(2);
  });

  it("includes the boundary days: ending on 1 January or starting on 31 December still counts", () => {
    const list = [iv("a", "2019-05-01", "2024-01-01"), iv("b", "2024-12-31"), iv("c", "2018-01-01", "2023-12-31"), iv("d", "2025-01-01")];
    expect(activeVolunteersInYear(list, 2024)).toBe(2);
    expect(activeVolunteersInYear(list, 2023)).toBe(2); // a and c
    expect(activeVolunteersInYear(list, 2025)).toBe(2); // b and d, open-ended
  });

  it("counts nobody in an empty list or a year before anyone started", () => {
    expect(activeVolunteersInYear([], 2024)).toBe(0);
    expect(activeVolunteersInYear([iv("a", "2021-01-01")], 2020)).toBe(0);
  });
});

describe("roles", () => {
  it("keeps one spelling per known role, in either language, and keeps other roles as typed (lower case)", () => {
    expect(normaliseRole(" Penningmeester ")).toBe("treasurer");
    expect(normaliseRole("sleutelhouder")).toBe("key_holder");
    expect(normaliseRole("Key holder")).toBe("key_holder");
    expect(normaliseRole("Gastvrouw/gastheer")).toBe("host");
    expect(normaliseRole("Coördinator")).toBe("coordinator");
    expect(normaliseRole("Fietsenmaker  van de buurt")).toBe("fietsenmaker van de buurt");
  });
});

describe("the add-volunteer form", () => {
  it("needs someone: a person from the list or a new name, not both", () => {
    const none = newInvolvementContract.parseForm({ role: "kok", since: "2026-01-01" });
    expect(none.ok ? {} : none.errors).toEqual({ name: "volunteers.error.who" });
    const both = newInvolvementContract.parseForm({ personId: "p1", name: "Nieuw", role: "kok", since: "2026-01-01" });
    expect(both.ok ? {} : both.errors).toEqual({ personId: "volunteers.error.both" });
  });

  it("accepts a name alone (no email, no phone); a date only as YYYY-MM-DD", () => {
    const data = parseCreate({ name: "Henk", role: "Kok", since: "2026-02-03", until: "" });
    expect(data).toMatchObject({ name: "Henk", role: "cook", since: "2026-02-03", critical: false });
    expect(data.until).toBeNull();
    expect(data.email).toBeNull();
  });

  it("refuses an end before the start, an impossible date and a bad phone number", () => {
    const r = newInvolvementContract.parseForm({ name: "Henk", role: "kok", since: "2026-02-30", until: "2026-01-01", phone: "bel me" });
    expect(r.ok ? {} : r.errors).toEqual({ since: "form.date", phone: "volunteers.error.phone" });
    for (const since of ["3-2-2026", "01-02-2026", "2026-2-3", "0001-11-23", "2200-01-01"]) {
      const wrong = newInvolvementContract.parseForm({ name: "Henk", role: "kok", since });
      expect(wrong.ok ? {} : wrong.errors, since).toEqual({ since: "form.date" });
    }
    const order = involvementContract.parseFormUpdate({ role: "kok", since: "2026-02-01", until: "2026-01-31", version: "1" });
    expect(order.ok ? {} : order.errors).toEqual({ until: "volunteers.error.untilBeforeSince" });
    const same = involvementContract.parseFormUpdate({ role: "kok", since: "2026-02-01", until: "2026-02-01", version: "1" });
    expect(same.ok).toBe(true);
  });
});

describe("adding a volunteer", () => {
  it("creates a new person in the initiative's neighbourhood, in Dutch, with an audit row for both", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const actor = await makePerson();
    const created = await createInvolvement(
      db,
      initiative,
      parseCreate({ name: "Truus de Vries", phone: "06 12345678", role: "vrijwilliger", since: "2026-03-01" }),
      actor.id,
      now,
    );
    expect(created.linked).toBeNull();
    const person = await db.query.people.findFirst({ where: eq(people.id, created.personId) });
    expect(person).toMatchObject({ name: "Truus de Vries", email: null, phone: "06 12345678", locale: "nl", neighbourhoodId: hood.id });
    const trail = await db.select().from(auditLog).where(eq(auditLog.initiativeId, initiative.id));
    expect(trail.map((a) => `${a.entity}:${a.action}`).sort()).toEqual(["involvement:create", "person:create"]);
  });

  it("links the existing person when the email is already known (whatever its case), instead of failing", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const known = await makePerson({ name: "Fatima el Amrani", email: "fatima.amrani@example.org" });
    const before = (await db.select().from(people)).length;
    const created = await createInvolvement(
      db,
      initiative,
      parseCreate({ name: "F. Amrani", email: "Fatima.Amrani@Example.ORG", role: "kok", since: "2026-03-01" }),
      null,
      now,
    );
    expect(created.linked).toEqual({ id: known.id, name: "Fatima el Amrani", email: "fatima.amrani@example.org" });
    expect(created.personId).toBe(known.id);
    expect((await db.select().from(people)).length).toBe(before);
    const row = await db.query.involvements.findFirst({ where: eq(involvements.id, created.involvementId) });
    expect(row?.personId).toBe(known.id);
  });
});

describe("changing and ending a volunteer's role", () => {
  it("refuses a save from a stale form and writes nothing", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const person = await makePerson();
    const inv = await makeInvolvement(initiative.id, person.id, { since: "2025-01-01" });
    const before = (await getInvolvement(db, initiative.id, inv.id))!;
    await updateInvolvement(
      db,
      initiative,
      before,
      { role: "cook", critical: true, activityId: null, since: "2025-01-01", until: null, version: 1 },
      null,
      now,
    );
    await expect(endInvolvement(db, initiative, before, { lastDay: "2026-03-10", version: 1 }, null, now)).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    const row = await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) });
    expect(row).toMatchObject({ role: "cook", critical: true, until: null, version: 2 });
  });

  it("ending keeps the row: the interval is history", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const person = await makePerson();
    const inv = await makeInvolvement(initiative.id, person.id, { since: "2025-01-01" });
    await endInvolvement(
      db,
      initiative,
      (await getInvolvement(db, initiative.id, inv.id))!,
      { lastDay: "2026-03-10", version: 1 },
      null,
      now,
    );
    const row = await db.query.involvements.findFirst({ where: eq(involvements.id, inv.id) });
    expect(row).toMatchObject({ since: "2025-01-01", until: "2026-03-10", version: 2 });
  });

  it("finds an involvement only through its own initiative", async () => {
    const hood = await makeNeighbourhood();
    const mine = await makeInitiative(hood.id);
    const other = await makeInitiative(hood.id);
    const inv = await makeInvolvement(mine.id, (await makePerson()).id);
    expect(await getInvolvement(db, other.id, inv.id)).toBeNull();
    expect((await getInvolvement(db, mine.id, inv.id))?.id).toBe(inv.id);
  });
});

describe("the volunteers section", () => {
  it("splits active and former on a fixed day, counts distinct active people, and marks activities", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const activity = await makeActivity(initiative.id, { name: "Soepavond" });
    const a = await makePerson({ name: "Anna" });
    const b = await makePerson({ name: "Bram" });
    const c = await makePerson({ name: "Cees" });
    await makeInvolvement(initiative.id, a.id, { since: "2020-01-01", role: "volunteer" });
    await makeInvolvement(initiative.id, a.id, { since: "2023-01-01", role: "treasurer", critical: true });
    await makeInvolvement(initiative.id, b.id, { since: "2021-01-01", until: "2026-03-10", activityId: activity.id, role: "cook" });
    await makeInvolvement(initiative.id, c.id, { since: "2019-01-01", until: "2026-03-09" });
    const data = await loadVolunteersSection(db, initiative.id, "2026-03-10");
    expect(data.activeCount).toBe(2); // Anna (twice) and Bram, whose last day is today
    expect(data.active.map((r) => `${r.personName}:${r.role}`)).toEqual(["Anna:treasurer", "Anna:volunteer", "Bram:cook"]);
    expect(data.active.find((r) => r.role === "cook")?.activityName).toBe("Soepavond");
    expect(data.former.map((r) => r.personName)).toEqual(["Cees"]);
    const nextDay = await loadVolunteersSection(db, initiative.id, "2026-03-11");
    expect(nextDay.activeCount).toBe(1);
    expect(nextDay.former.map((r) => r.personName)).toEqual(["Bram", "Cees"]);
  });
});
