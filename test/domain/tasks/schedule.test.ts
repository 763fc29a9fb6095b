import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  currentOccurrence,
  describeSchedule,
  nextOccurrenceAfter,
  type ScheduleSpec,
  type TaskEventLite,
} from "../../../src/domain/tasks/schedule";
import { addDays, addMonths } from "../../../src/lib/dates";

// Fixed dates only: nothing here reads the wall clock.

function spec(over: Partial<ScheduleSpec>): ScheduleSpec {
  return {
    scheduleKind: "once",
    dueOn: null,
    intervalCount: null,
    intervalUnit: null,
    intervalFrom: null,
    windowStartMonth: null,
    windowEndMonth: null,
    relativeOffsetDays: null,
    leadDays: 14,
    graceDays: 7,
    endsOn: null,
    ...over,
  };
}

const done = (occurrenceDueOn: string, on = occurrenceDueOn): TaskEventLite => ({ kind: "done", occurrenceDueOn, on, snoozedUntil: null });
const notApplicable = (occurrenceDueOn: string, on = occurrenceDueOn): TaskEventLite => ({
  kind: "not_applicable",
  occurrenceDueOn,
  on,
  snoozedUntil: null,
});
const snoozed = (occurrenceDueOn: string, on: string, snoozedUntil: string): TaskEventLite => ({
  kind: "snoozed",
  occurrenceDueOn,
  on,
  snoozedUntil,
});

const monthly = (dueOn: string, over: Partial<ScheduleSpec> = {}) =>
  spec({ scheduleKind: "interval", dueOn, intervalCount: 1, intervalUnit: "month", intervalFrom: "due", ...over });

const due = (s: ScheduleSpec, events: TaskEventLite[], today: string, anchor?: string | null) =>
  currentOccurrence(s, events, today, anchor)?.dueOn ?? null;

describe("state boundaries", () => {
  const s = spec({ dueOn: "2026-03-10", leadDays: 14, graceDays: 7 });

  it("computes remindFrom and overdueAfter", () => {
    const occ = currentOccurrence(s, [], "2026-01-01");
    expect(occ).toEqual({
      dueOn: "2026-03-10",
      remindFrom: "2026-02-24",
      overdueAfter: "2026-03-17",
      state: "upcoming",
      snoozedUntil: null,
    });
  });

  it.each([
    ["2026-03-09", "upcoming"], // day before due
    ["2026-03-10", "due"], // due day
    ["2026-03-17", "due"], // last grace day
    ["2026-03-18", "overdue"], // day after
  ] as const)("on %s the state is %s", (today, state) => {
    expect(currentOccurrence(s, [], today)?.state).toBe(state);
  });

  it("with zero grace days the day after due is overdue", () => {
    const z = spec({ dueOn: "2026-03-10", graceDays: 0 });
    expect(currentOccurrence(z, [], "2026-03-10")?.state).toBe("due");
    expect(currentOccurrence(z, [], "2026-03-11")?.state).toBe("overdue");
  });
});

describe("once", () => {
  const s = spec({ dueOn: "2027-03-01" });

  it("is the due date until resolved", () => {
    expect(due(s, [], "2026-06-01")).toBe("2027-03-01");
    expect(currentOccurrence(s, [done("2027-03-01", "2027-02-20")], "2027-02-21")).toBeNull();
    expect(currentOccurrence(s, [notApplicable("2027-03-01")], "2027-03-05")).toBeNull();
  });

  it("ignores events for other occurrences and snoozes do not resolve", () => {
    expect(due(s, [done("2026-03-01"), snoozed("2027-03-01", "2027-03-01", "2027-03-15")], "2027-03-02")).toBe("2027-03-01");
  });

  it("has no next occurrence", () => {
    expect(nextOccurrenceAfter(s, "2027-03-01", [done("2027-03-01")])).toBeNull();
  });

  it("is null without a date", () => {
    expect(currentOccurrence(spec({ dueOn: null }), [], "2026-01-01")).toBeNull();
  });
});

describe("interval from due", () => {
  it("keeps month ends from the anchor instead of drifting (31 Jan monthly)", () => {
    const s = monthly("2026-01-31");
    const seq: string[] = [];
    const events: TaskEventLite[] = [];
    for (let i = 0; i < 5; i++) {
      const d = due(s, events, "2026-01-01");
      if (d === null) throw new Error("no occurrence");
      seq.push(d);
      events.push(done(d));
    }
    expect(seq).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]);
  });

  it("uses 29 Feb in a leap year (31 Jan 2028 monthly)", () => {
    expect(due(monthly("2028-01-31"), [done("2028-01-31")], "2028-01-31")).toBe("2028-02-29");
  });

  it("yearly from 29 Feb 2024: 28 Feb in common years, 29 Feb again in 2028", () => {
    const s = spec({ scheduleKind: "interval", dueOn: "2024-02-29", intervalCount: 1, intervalUnit: "year", intervalFrom: "due" });
    expect(due(s, [done("2024-02-29")], "2024-03-01")).toBe("2025-02-28");
    expect(due(s, [done("2025-02-28")], "2025-03-01")).toBe("2026-02-28");
    expect(due(s, [done("2026-02-28")], "2026-03-01")).toBe("2027-02-28");
    expect(due(s, [done("2027-02-28")], "2027-03-01")).toBe("2028-02-29");
  });

  it("the first due date stays current (and overdue) until answered", () => {
    const s = monthly("2026-01-15");
    const occ = currentOccurrence(s, [], "2026-06-01");
    expect(occ?.dueOn).toBe("2026-01-15");
    expect(occ?.state).toBe("overdue");
  });

  it("skips unanswered occurrences before the latest resolved one", () => {
    const s = monthly("2026-01-15");
    // Jan and Feb never answered; April answered early: May is next, Jan–Mar are superseded.
    expect(due(s, [done("2026-04-15", "2026-04-10")], "2026-04-20")).toBe("2026-05-15");
  });

  it("supports days and weeks", () => {
    const w = spec({ scheduleKind: "interval", dueOn: "2026-01-05", intervalCount: 2, intervalUnit: "week", intervalFrom: "due" });
    expect(due(w, [done("2026-01-19")], "2026-01-19")).toBe("2026-02-02");
    const d = spec({ scheduleKind: "interval", dueOn: "2026-01-05", intervalCount: 10, intervalUnit: "day", intervalFrom: "due" });
    expect(due(d, [notApplicable("2026-01-05")], "2026-01-05")).toBe("2026-01-15");
  });

  it("does not depend on when the answer was given", () => {
    const s = monthly("2026-01-15");
    expect(due(s, [done("2026-01-15", "2026-03-30")], "2026-03-30")).toBe("2026-02-15");
  });

  it("after the anchor is moved, follows the new grid after the latest answer", () => {
    const s = monthly("2026-01-20");
    expect(due(s, [done("2026-03-15")], "2026-03-16")).toBe("2026-03-20");
  });

  it("nextOccurrenceAfter follows the anchor grid", () => {
    const s = monthly("2026-01-31");
    expect(nextOccurrenceAfter(s, "2026-02-28", [done("2026-02-28")])).toBe("2026-03-31");
    expect(nextOccurrenceAfter(s, "2026-01-31", [done("2026-01-31"), done("2026-02-28")])).toBe("2026-03-31");
  });

  it("property: resolving the current occurrence moves it strictly later, onto the grid", () => {
    const arb = fc.record({
      anchorDays: fc.integer({ min: 0, max: 3000 }),
      n: fc.integer({ min: 1, max: 12 }),
      unit: fc.constantFrom("day" as const, "week" as const, "month" as const, "year" as const),
      steps: fc.array(fc.boolean(), { minLength: 1, maxLength: 15 }),
    });
    fc.assert(
      fc.property(arb, ({ anchorDays, n, unit, steps }) => {
        const anchor = addDays("2020-01-01", anchorDays);
        const s = spec({ scheduleKind: "interval", dueOn: anchor, intervalCount: n, intervalUnit: unit, intervalFrom: "due" });
        const events: TaskEventLite[] = [];
        const grid = new Set<string>();
        for (let k = 0; k <= steps.length; k++) {
          const step = unit === "day" ? n * k : unit === "week" ? 7 * n * k : 0;
          grid.add(unit === "day" || unit === "week" ? addDays(anchor, step) : addMonths(anchor, (unit === "year" ? 12 : 1) * n * k));
        }
        let previous = due(s, events, "2019-12-31");
        expect(previous).toBe(anchor);
        for (const isDone of steps) {
          if (previous === null) throw new Error("no occurrence");
          events.push(isDone ? done(previous) : notApplicable(previous));
          const next = due(s, events, "2019-12-31");
          if (next === null) throw new Error("no occurrence");
          expect(next > previous).toBe(true);
          expect(grid.has(next)).toBe(true);
          expect(nextOccurrenceAfter(s, previous, events)).toBe(next);
          previous = next;
        }
      }),
    );
  });
});

describe("interval from completion", () => {
  const s = spec({ scheduleKind: "interval", dueOn: "2026-01-31", intervalCount: 2, intervalUnit: "month", intervalFrom: "completion" });

  it("starts at the anchor when nothing has happened", () => {
    expect(due(s, [], "2026-01-01")).toBe("2026-01-31");
    expect(due(s, [snoozed("2026-01-31", "2026-01-31", "2026-02-14")], "2026-02-01")).toBe("2026-01-31");
  });

  it("counts from the completion date, not the due date", () => {
    expect(due(s, [done("2026-01-31", "2026-02-10")], "2026-02-10")).toBe("2026-04-10");
    // completed late from due would have given 31 Mar; early completion moves it earlier
    expect(due(s, [done("2026-01-31", "2026-01-20")], "2026-01-20")).toBe("2026-03-20");
  });

  it("differs from interval-from-due for the same answer", () => {
    const fromDue = { ...s, intervalFrom: "due" as const };
    const events = [done("2026-01-31", "2026-02-10")];
    expect(due(fromDue, events, "2026-02-10")).toBe("2026-03-31");
    expect(due(s, events, "2026-02-10")).toBe("2026-04-10");
  });

  it("not applicable counts from the skipped occurrence's due date", () => {
    expect(due(s, [notApplicable("2026-01-31", "2026-02-05")], "2026-02-05")).toBe("2026-03-31");
  });

  it("the latest resolution wins", () => {
    const events = [done("2026-01-31", "2026-02-10"), notApplicable("2026-04-10", "2026-04-12")];
    expect(due(s, events, "2026-04-12")).toBe("2026-06-10");
    const events2 = [notApplicable("2026-01-31", "2026-01-31"), done("2026-03-31", "2026-04-02")];
    expect(due(s, events2, "2026-04-02")).toBe("2026-06-02");
  });

  it("never reports an occurrence that is already resolved", () => {
    // Done extremely early: +2 months lands on the answered due date itself.
    const y = spec({ scheduleKind: "interval", dueOn: "2026-03-01", intervalCount: 2, intervalUnit: "month", intervalFrom: "completion" });
    expect(due(y, [done("2026-03-01", "2026-01-01")], "2026-01-01")).toBe("2026-05-01");
  });

  it("nextOccurrenceAfter uses the resolution of that occurrence", () => {
    expect(nextOccurrenceAfter(s, "2026-01-31", [done("2026-01-31", "2026-02-10")])).toBe("2026-04-10");
    expect(nextOccurrenceAfter(s, "2026-01-31", [notApplicable("2026-01-31", "2026-02-10")])).toBe("2026-03-31");
  });
});

describe("window", () => {
  const march = spec({ scheduleKind: "window", windowStartMonth: 3, windowEndMonth: 3, graceDays: 7 });
  const q4 = spec({ scheduleKind: "window", windowStartMonth: 10, windowEndMonth: 12, graceDays: 14 });
  const winter = spec({ scheduleKind: "window", windowStartMonth: 11, windowEndMonth: 2, graceDays: 7 });

  it("is due on the last day of the end month and reminds from the window start", () => {
    const occ = currentOccurrence(q4, [], "2026-11-05");
    expect(occ).toMatchObject({ dueOn: "2026-12-31", remindFrom: "2026-10-01", overdueAfter: "2027-01-14", state: "upcoming" });
  });

  it("without history: the coming window before it opens", () => {
    expect(due(march, [], "2026-01-10")).toBe("2026-03-31");
  });

  it("without history: still the window just ended while within grace days, then the next year's", () => {
    expect(currentOccurrence(march, [], "2026-04-07")).toMatchObject({ dueOn: "2026-03-31", state: "due" });
    expect(due(march, [], "2026-04-08")).toBe("2027-03-31");
  });

  it("wrapping window Nov–Feb: today in January belongs to the window that started in November", () => {
    const occ = currentOccurrence(winter, [], "2027-01-15");
    expect(occ).toMatchObject({ dueOn: "2027-02-28", remindFrom: "2026-11-01", state: "upcoming" });
    expect(due(winter, [], "2026-12-01")).toBe("2027-02-28");
    expect(due(winter, [], "2026-06-01")).toBe("2027-02-28");
  });

  it("wrapping window ends on 29 Feb in a leap year", () => {
    expect(due(winter, [], "2027-11-01")).toBe("2028-02-29");
  });

  it("resolved, then next year's window", () => {
    expect(due(march, [done("2026-03-31", "2026-03-12")], "2026-03-12")).toBe("2027-03-31");
    expect(due(winter, [done("2027-02-28", "2027-01-15")], "2027-01-15")).toBe("2028-02-29");
    expect(nextOccurrenceAfter(winter, "2027-02-28", [done("2027-02-28")])).toBe("2028-02-29");
    expect(nextOccurrenceAfter(march, "2026-03-31", [])).toBe("2027-03-31");
  });

  it("with history, a missed window stays current and becomes overdue", () => {
    const occ = currentOccurrence(march, [done("2025-03-31", "2025-03-20")], "2026-06-01");
    expect(occ).toMatchObject({ dueOn: "2026-03-31", state: "overdue" });
  });

  it("with history, is not before the latest resolved occurrence", () => {
    // The 2027 window was answered early; 2026's unanswered window is not brought back.
    expect(due(march, [done("2027-03-31", "2026-03-01")], "2026-03-02")).toBe("2028-03-31");
  });
});

describe("relative", () => {
  const before = spec({ scheduleKind: "relative", relativeOffsetDays: -56, leadDays: 14 });

  it("is the anchor plus the offset", () => {
    const occ = currentOccurrence(before, [], "2026-01-01", "2026-12-31");
    expect(occ).toMatchObject({ dueOn: "2026-11-05", remindFrom: "2026-10-22", state: "upcoming" });
    expect(due(spec({ scheduleKind: "relative", relativeOffsetDays: 0 }), [], "2026-01-01", "2026-06-30")).toBe("2026-06-30");
  });

  it("is null without an anchor (the anchor disappeared)", () => {
    expect(currentOccurrence(before, [], "2026-01-01", null)).toBeNull();
    expect(currentOccurrence(before, [], "2026-01-01")).toBeNull();
  });

  it("is null once resolved, and follows the anchor when it moves", () => {
    const events = [done("2026-11-05", "2026-11-01")];
    expect(currentOccurrence(before, events, "2026-11-02", "2026-12-31")).toBeNull();
    // the funding was extended by a year: a new, unresolved occurrence
    expect(due(before, events, "2026-11-02", "2027-12-31")).toBe("2027-11-05");
    expect(nextOccurrenceAfter(before, "2026-11-05", events, "2026-12-31")).toBeNull();
  });
});

describe("snooze", () => {
  const s = spec({ dueOn: "2026-03-10" });

  it("reports snoozedUntil while it is in the future; state stays computed from dates", () => {
    const occ = currentOccurrence(s, [snoozed("2026-03-10", "2026-03-12", "2026-03-26")], "2026-03-20");
    expect(occ).toMatchObject({ state: "overdue", snoozedUntil: "2026-03-26" });
    expect(currentOccurrence(s, [snoozed("2026-03-10", "2026-03-12", "2026-03-26")], "2026-03-26")?.snoozedUntil).toBeNull();
  });

  it("the latest snooze wins", () => {
    const events = [snoozed("2026-03-10", "2026-03-12", "2026-03-26"), snoozed("2026-03-10", "2026-03-14", "2026-03-28")];
    expect(currentOccurrence(s, events, "2026-03-15")?.snoozedUntil).toBe("2026-03-28");
    const shortened = [snoozed("2026-03-10", "2026-03-14", "2026-03-28"), snoozed("2026-03-10", "2026-03-16", "2026-03-20")];
    expect(currentOccurrence(s, shortened, "2026-03-17")?.snoozedUntil).toBe("2026-03-20");
  });

  it("ignores snoozes of other occurrences", () => {
    const m = monthly("2026-01-10");
    const events = [snoozed("2026-01-10", "2026-01-10", "2026-01-24"), done("2026-01-10", "2026-01-12")];
    expect(currentOccurrence(m, events, "2026-01-13")).toMatchObject({ dueOn: "2026-02-10", snoozedUntil: null });
  });
});

describe("endsOn", () => {
  it("no occurrences after endsOn", () => {
    const s = monthly("2026-01-31", { endsOn: "2026-03-31" });
    expect(due(s, [done("2026-02-28")], "2026-03-01")).toBe("2026-03-31");
    expect(currentOccurrence(s, [done("2026-03-31")], "2026-04-01")).toBeNull();
    expect(nextOccurrenceAfter(s, "2026-03-31", [done("2026-03-31")])).toBeNull();
    expect(currentOccurrence(spec({ dueOn: "2026-05-01", endsOn: "2026-04-30" }), [], "2026-01-01")).toBeNull();
    const w = spec({ scheduleKind: "window", windowStartMonth: 3, windowEndMonth: 3, endsOn: "2026-12-31" });
    expect(currentOccurrence(w, [done("2026-03-31")], "2026-04-01")).toBeNull();
    const r = spec({ scheduleKind: "relative", relativeOffsetDays: 7, endsOn: "2026-06-30" });
    expect(currentOccurrence(r, [], "2026-01-01", "2026-06-30")).toBeNull();
  });
});

describe("incomplete specs", () => {
  it("return null instead of throwing", () => {
    expect(currentOccurrence(spec({ scheduleKind: "interval", dueOn: "2026-01-01" }), [], "2026-01-01")).toBeNull();
    expect(currentOccurrence(spec({ scheduleKind: "window", windowStartMonth: 13, windowEndMonth: 2 }), [], "2026-01-01")).toBeNull();
    expect(currentOccurrence(spec({ scheduleKind: "relative" }), [], "2026-01-01", "2026-05-01")).toBeNull();
  });
});

describe("describeSchedule", () => {
  it("Dutch", () => {
    expect(describeSchedule(spec({ dueOn: "2027-03-01" }), "nl")).toBe("Eenmalig op 1 maart 2027");
    expect(describeSchedule(spec({ scheduleKind: "window", windowStartMonth: 3, windowEndMonth: 3 }), "nl")).toBe("Elk jaar, in maart");
    expect(describeSchedule(spec({ scheduleKind: "window", windowStartMonth: 11, windowEndMonth: 2 }), "nl")).toBe(
      "Elk jaar, tussen november en februari",
    );
    expect(
      describeSchedule(
        spec({ scheduleKind: "interval", dueOn: "2026-01-01", intervalCount: 2, intervalUnit: "month", intervalFrom: "completion" }),
        "nl",
      ),
    ).toBe("Elke 2 maanden, gerekend vanaf de laatste keer");
    expect(
      describeSchedule(
        spec({ scheduleKind: "interval", dueOn: "2026-01-01", intervalCount: 1, intervalUnit: "year", intervalFrom: "due" }),
        "nl",
      ),
    ).toBe("Elk jaar");
    expect(describeSchedule(monthly("2026-01-01"), "nl")).toBe("Elke maand");
    expect(describeSchedule(spec({ scheduleKind: "relative", relativeOffsetDays: -56 }), "nl")).toBe("8 weken vóór de datum");
    expect(describeSchedule(spec({ scheduleKind: "relative", relativeOffsetDays: 0 }), "nl")).toBe("op de datum");
    expect(describeSchedule(spec({ scheduleKind: "relative", relativeOffsetDays: 3 }), "nl")).toBe("3 dagen na de datum");
    expect(describeSchedule(spec({ scheduleKind: "relative", relativeOffsetDays: -7 }), "nl")).toBe("1 week vóór de datum");
    expect(describeSchedule(monthly("2026-01-01", { endsOn: "2027-12-31" }), "nl")).toBe("Elke maand, tot en met 31 december 2027");
  });

  it("English", () => {
    expect(describeSchedule(spec({ dueOn: "2027-03-01" }), "en")).toBe("Once on 1 March 2027");
    expect(describeSchedule(spec({ scheduleKind: "window", windowStartMonth: 10, windowEndMonth: 12 }), "en")).toBe(
      "Every year, between October and December",
    );
    expect(
      describeSchedule(
        spec({ scheduleKind: "interval", dueOn: "2026-01-01", intervalCount: 2, intervalUnit: "week", intervalFrom: "completion" }),
        "en",
      ),
    ).toBe("Every 2 weeks, counted from the last time");
    expect(describeSchedule(spec({ scheduleKind: "relative", relativeOffsetDays: 1 }), "en")).toBe("1 day after the date");
  });
});
