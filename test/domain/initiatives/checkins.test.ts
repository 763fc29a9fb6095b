import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, checkinNotes, checkins } from "../../../src/db/schema";
import {
  addCheckinNote,
  CHECKIN_GRACE,
  checkinWindow,
  excerpt,
  getCheckin,
  isCheckinEditable,
  loadCheckinsSection,
  parseCheckinForm,
  saveCheckin,
  volunteersPrefill,
  type CheckinInput,
} from "../../../src/domain/initiatives/checkins";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeCheckin, makeInvolvement } from "../../helpers/people-factories";

const now = new Date("2026-03-10T10:00:00.000Z");
const input = (over: Partial<CheckinInput> = {}): CheckinInput => ({
  status: "active",
  volunteers: 5,
  peopleReached: 80,
  wentWell: "Veel nieuwe gezichten",
  residentsOffer: "",
  neededFromPartners: "",
  nextYear: "",
  story: "",
  ...over,
});

async function initiative() {
  const hood = await makeNeighbourhood();
  return makeInitiative(hood.id);
}

describe("when a check-in can be changed", () => {
  it("is editable until and including 1 February of the next year, frozen from 2 February", () => {
    expect(CHECKIN_GRACE).toEqual({ month: 2, day: 1 });
    expect(isCheckinEditable(2025, "2025-06-15")).toBe(true);
    expect(isCheckinEditable(2025, "2026-01-31")).toBe(true);
    expect(isCheckinEditable(2025, "2026-02-01")).toBe(true);
    expect(isCheckinEditable(2025, "2026-02-02")).toBe(false);
    expect(isCheckinEditable(2024, "2026-01-15")).toBe(false);
  });

  it("opens this year, last year only within the grace period, and refuses future years", () => {
    expect(checkinWindow(2026, "2026-01-10")).toBe("open");
    expect(checkinWindow(2025, "2026-01-10")).toBe("open");
    expect(checkinWindow(2025, "2026-02-02")).toBe("closed");
    expect(checkinWindow(2027, "2026-12-31")).toBe("future");
    expect(checkinWindow(2020, "2026-03-10")).toBe("closed");
  });
});

describe("the check-in form", () => {
  it("takes counts as whole numbers (Dutch thousands too) and refuses the rest", () => {
    const ok = parseCheckinForm({ status: "paused", volunteers: " 12 ", peopleReached: "1.200" });
    expect(ok.ok && ok.data).toMatchObject({ status: "paused", volunteers: 12, peopleReached: 1200, story: "" });
    expect(ok.ok && ok.data.version).toBeUndefined();
    const bad = parseCheckinForm({ status: "kwijt", volunteers: "-1", peopleReached: "" });
    expect(bad.ok ? {} : bad.errors).toEqual({
      status: "form.unknownOption",
      volunteers: "checkins.error.count",
      peopleReached: "form.required",
    });
    const half = parseCheckinForm({ status: "active", volunteers: "1.5", peopleReached: "3" });
    expect(half.ok ? {} : half.errors).toEqual({ volunteers: "checkins.error.count" });
  });
});

describe("saving a check-in", () => {
  it("creates one per initiative per year; a second create for the same year is stale and writes nothing", async () => {
    const init = await initiative();
    const actor = await makePerson();
    const first = await saveCheckin(db, {
      initiative: init,
      year: 2026,
      existing: null,
      input: input(),
      actorId: actor.id,
      now,
      today: "2026-03-10",
    });
    expect(first).toBe("saved");
    // A second person opened the empty form before the first saved.
    const second = await saveCheckin(db, {
      initiative: init,
      year: 2026,
      existing: null,
      input: input({ volunteers: 99 }),
      actorId: actor.id,
      now,
      today: "2026-03-10",
    });
    expect(second).toBe("stale");
    const rows = await db.select().from(checkins).where(eq(checkins.initiativeId, init.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ year: 2026, volunteers: 5, createdBy: actor.id });
    await expect(makeCheckin(init.id, 2026)).rejects.toThrow(); // the unique index holds too
  });

  it("updates with the version it was loaded with; a stale version changes nothing", async () => {
    const init = await initiative();
    const existing = await db.query.checkins.findFirst({ where: eq(checkins.id, (await makeCheckin(init.id, 2026)).id) });
    expect(
      await saveCheckin(db, {
        initiative: init,
        year: 2026,
        existing: existing!,
        input: input({ version: 1, story: "Nieuw" }),
        actorId: null,
        now,
        today: "2026-03-10",
      }),
    ).toBe("saved");
    expect(
      await saveCheckin(db, {
        initiative: init,
        year: 2026,
        existing: existing!,
        input: input({ version: 1, story: "Oud" }),
        actorId: null,
        now,
        today: "2026-03-10",
      }),
    ).toBe("stale");
    const row = await db.query.checkins.findFirst({ where: eq(checkins.id, existing!.id) });
    expect(row).toMatchObject({ story: "Nieuw", version: 2 });
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, existing!.id));
    expect(trail.map((a) => a.action)).toEqual(["update"]);
  });

  it("writes nothing to a frozen year, on the day after the grace date", async () => {
    const init = await initiative();
    const existing = await db.query.checkins.findFirst({ where: eq(checkins.id, (await makeCheckin(init.id, 2025)).id) });
    const args = {
      initiative: init,
      year: 2025,
      existing: existing!,
      input: input({ version: 1, story: "Overschreven" }),
      actorId: null,
      now,
    };
    expect(await saveCheckin(db, { ...args, today: "2026-02-02" })).toBe("frozen");
    expect((await db.query.checkins.findFirst({ where: eq(checkins.id, existing!.id) }))?.version).toBe(1);
    expect(await saveCheckin(db, { ...args, today: "2026-02-01" })).toBe("saved");
    expect(
      await saveCheckin(db, { initiative: init, year: 2027, existing: null, input: input(), actorId: null, now, today: "2026-02-01" }),
    ).toBe("future");
  });

  it("keeps corrections as dated notes beside a frozen check-in", async () => {
    const init = await initiative();
    const author = await makePerson({ name: "Karin Schrijver" });
    const row = await makeCheckin(init.id, 2020);
    const checkin = (await db.query.checkins.findFirst({ where: eq(checkins.id, row.id) }))!;
    await addCheckinNote(db, init, checkin, "Het waren er 9, niet 7.", author.id, now);
    const found = await getCheckin(db, init.id, 2020);
    expect(found?.checkin.volunteers).toBe(7);
    expect(found?.notes).toEqual([
      { id: expect.any(String), body: "Het waren er 9, niet 7.", createdAt: now.toISOString(), authorName: "Karin Schrijver" },
    ]);
    expect(await db.select().from(checkinNotes).where(eq(checkinNotes.checkinId, row.id))).toHaveLength(1);
  });
});

describe("the volunteers prefill", () => {
  it("counts distinct people whose involvement overlaps the year", async () => {
    const init = await initiative();
    const [a, b, c] = [await makePerson(), await makePerson(), await makePerson()];
    await makeInvolvement(init.id, a.id, { since: "2022-01-01", until: "2025-01-01" });
    await makeInvolvement(init.id, a.id, { since: "2025-06-01", role: "cook" });
    await makeInvolvement(init.id, b.id, { since: "2025-12-31" });
    await makeInvolvement(init.id, c.id, { since: "2023-01-01", until: "2024-12-31" });
    expect(await volunteersPrefill(db, init.id, 2025)).toBe(2);
    expect(await volunteersPrefill(db, init.id, 2024)).toBe(2);
    expect(await volunteersPrefill(db, init.id, 2021)).toBe(0);
  });
});

describe("the check-ins timeline", () => {
  it("lists newest first with frozen markers and note counts, and offers the open years", async () => {
    const init = await initiative();
    await makeCheckin(init.id, 2023);
    const y2024 = await makeCheckin(init.id, 2024, { story: "kort" });
    await makeCheckin(init.id, 2025);
    const checkin2024 = (await db.query.checkins.findFirst({ where: eq(checkins.id, y2024.id) }))!;
    await addCheckinNote(db, init, checkin2024, "aanvulling 1", null, now);
    await addCheckinNote(db, init, checkin2024, "aanvulling 2", null, now);

    const january = await loadCheckinsSection(db, init.id, "2026-01-20");
    expect(january.items.map((i) => [i.year, i.frozen, i.notes])).toEqual([
      [2025, false, 0],
      [2024, true, 2],
      [2023, true, 0],
    ]);
    expect(january.items[1]?.storyExcerpt).toBe("kort");
    expect(january.open).toEqual([
      { year: 2025, exists: true },
      { year: 2026, exists: false },
    ]);

    const march = await loadCheckinsSection(db, init.id, "2026-02-02");
    expect(march.items[0]?.frozen).toBe(true);
    expect(march.open).toEqual([{ year: 2026, exists: false }]);
  });

  it("shortens long stories at a word", () => {
    const long = "woord ".repeat(60);
    const short = excerpt(long, 40);
    expect(short.length).toBeLessThanOrEqual(41);
    expect(short.endsWith("woord…")).toBe(true);
  });
});
