// The one calendar-date module: strict input, arithmetic on stored dates, today in Amsterdam.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as z from "zod";
import {
  addDays,
  addMonths,
  addQuarters,
  addYears,
  compareDates,
  dateField,
  dateOf,
  dayOf,
  daysBetween,
  fromSpreadsheet,
  isDate,
  isoWeekday,
  lastDayOfMonth,
  optionalDateField,
  parseDate,
  quarterOf,
  sameDayLastYear,
  storedDayOf,
  todayInAmsterdam,
  utcMidnight,
  wholeMonthsBetween,
} from "../../src/lib/dates";
import { parseWith } from "../../src/lib/validation";

describe("parseDate: what people and programs may send", () => {
  it("takes real days written YYYY-MM-DD in 1900–2199, leap days included", () => {
    for (const d of ["2026-01-01", "2024-02-29", "2000-02-29", "1900-01-01", "2199-12-31", "2026-04-30", "2026-12-31"])
      expect(parseDate(d)).toBe(d);
  });

  it.each([
    ["2026-02-30", "30 February"],
    ["2026-02-29", "29 February in a common year"],
    ["1900-02-29", "1900 is not a leap year"],
    ["2026-04-31", "April has 30 days"],
    ["2026-13-01", "month 13"],
    ["2026-00-10", "month 0"],
    ["2026-01-00", "day 0"],
    ["2026-01-32", "day 32"],
    ["0050-01-01", "year 50"],
    ["0001-11-23", "year 1"],
    ["1899-12-31", "the day before the range"],
    ["2200-01-01", "the day after the range"],
    ["9999-12-31", "far future"],
    ["01-02-2026", "day-month-year"],
    ["2026-1-1", "no leading zeros"],
    ["2026/01/01", "slashes"],
    ["20260101", "no dashes"],
    [" 2026-01-01", "leading space"],
    ["2026-01-01 ", "trailing space"],
    ["2026-01-01\n", "trailing line break"],
    ["2026-01-01T00:00:00Z", "an instant"],
    ["+02026-01-01", "expanded year"],
    ["２０２６-01-01", "full-width digits"],
    ["", "empty"],
  ])("refuses %j (%s)", (value) => {
    expect(parseDate(value)).toBeNull();
    expect(isDate(value)).toBe(false);
  });

  it("refuses what is not a string", () => {
    for (const v of [null, undefined, 20260101, new Date("2026-01-01T00:00:00Z"), ["2026-01-01"], { date: "2026-01-01" }, true])
      expect(parseDate(v)).toBeNull();
  });

  it("property: accepts exactly the days that exist in 1900–2199", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2300 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        // An independent oracle: Date.UTC for years ≥ 100, where it has no two-digit-year quirk.
        const back = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
        expect(parseDate(text)).toBe(exists && y >= 1900 && y <= 2199 ? text : null);
      }),
    );
  });

  it("reads a Dutch spreadsheet's D-M-YYYY only where asked (CSV imports)", () => {
    expect(fromSpreadsheet("1-3-2024")).toBe("2024-03-01");
    expect(fromSpreadsheet("31/12/2025")).toBe("2025-12-31");
    expect(fromSpreadsheet(" 2024-02-02 ")).toBe("2024-02-02");
    expect(parseDate(fromSpreadsheet("31-2-2024"))).toBeNull();
    expect(parseDate("1-3-2024")).toBeNull();
  });
});

describe("zod fields", () => {
  const required = z.object({ on: dateField() });
  const optional = z.object({ on: optionalDateField() });

  it("a required date: missing or empty is 'form.required', anything wrong 'form.date'", () => {
    expect(parseWith(required, { on: "2026-06-30" })).toEqual({ ok: true, data: { on: "2026-06-30" } });
    expect(parseWith(required, {})).toEqual({ ok: false, errors: { on: "form.required" } });
    expect(parseWith(required, { on: "" })).toEqual({ ok: false, errors: { on: "form.required" } });
    for (const bad of ["2026-02-30", "0050-01-01", "01-02-2026", "2026-1-1", " 2026-01-01", 20260101, null, ["2026-01-01"]])
      expect(parseWith(required, { on: bad }), String(bad)).toEqual({ ok: false, errors: { on: "form.date" } });
  });

  it("an optional date: an empty form field means not given", () => {
    expect(parseWith(optional, { on: "" })).toEqual({ ok: true, data: { on: undefined } });
    expect(parseWith(optional, { on: "  " })).toEqual({ ok: true, data: { on: undefined } });
    expect(parseWith(optional, {})).toEqual({ ok: true, data: {} });
    expect(parseWith(optional, { on: "2026-04-31" })).toEqual({ ok: false, errors: { on: "form.date" } });
  });

  it("a field can name its own message", () => {
    expect(parseWith(z.object({ on: dateField("form.invalid") }), { on: "2026-13-01" })).toEqual({
      ok: false,
      errors: { on: "form.invalid" },
    });
  });

  it("documents itself for OpenAPI: format date, the pattern and the range", () => {
    const meta = dateField().meta() as Record<string, unknown>;
    expect(meta).toMatchObject({ format: "date", formatMinimum: "1900-01-01", formatMaximum: "2199-12-31" });
    const pattern = new RegExp(meta.pattern as string);
    expect(pattern.test("2199-12-31")).toBe(true);
    expect(pattern.test("2200-01-01")).toBe(false);
    expect(pattern.test("1899-12-31")).toBe(false);
  });
});

describe("arithmetic on stored dates", () => {
  it("adds days across month, year and leap boundaries, whatever the time zone does", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-05-01", -56)).toBe("2026-03-06");
    expect(addDays("2026-03-29", 0)).toBe("2026-03-29"); // DST weekend in NL: no effect
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-02-28", "2027-03-01")).toBe(1);
    expect(daysBetween("2026-03-29", "2026-03-30")).toBe(1);
    expect(daysBetween("2026-03-30", "2026-03-29")).toBe(-1);
  });

  it("never turns years 0–99 into 1900–1999 (Date.UTC does): stored old rows count as they are", () => {
    expect(addDays("0050-01-01", 1)).toBe("0050-01-02");
    expect(addDays("0001-11-23", -1)).toBe("0001-11-22");
    expect(daysBetween("0099-12-31", "0100-01-01")).toBe(1);
    expect(addMonths("0050-01-31", 1)).toBe("0050-02-28");
    expect(addYears("0096-02-29", 1)).toBe("0097-02-28");
  });

  it("adds months and years with month-end rules: a day the month lacks becomes its last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-01-31", -2)).toBe("2025-11-30");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(sameDayLastYear("2028-02-29")).toBe("2027-02-28");
  });

  it("counts whole months", () => {
    expect(wholeMonthsBetween("2027-04-30", "2027-06-30")).toBe(2);
    expect(wholeMonthsBetween("2027-05-01", "2027-06-30")).toBe(1);
    expect(wholeMonthsBetween("2026-01-31", "2026-02-28")).toBe(1);
    expect(wholeMonthsBetween("2026-03-15", "2026-03-14")).toBe(0);
  });

  it("knows quarters, weekdays and month ends", () => {
    expect(quarterOf("2026-05-15")).toEqual({ year: 2026, quarter: 2, startsOn: "2026-04-01", endsOn: "2026-06-30" });
    expect(quarterOf("2026-12-31")).toEqual({ year: 2026, quarter: 4, startsOn: "2026-10-01", endsOn: "2026-12-31" });
    expect(addQuarters("2026-12-31", 1)).toEqual({ year: 2027, quarter: 1, startsOn: "2027-01-01", endsOn: "2027-03-31" });
    expect(addQuarters("2026-02-10", -1)).toMatchObject({ year: 2025, quarter: 4 });
    expect(isoWeekday("2026-11-30")).toBe(1); // a Monday
    expect(isoWeekday("2026-12-06")).toBe(7); // a Sunday
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(lastDayOfMonth(2028, 2)).toBe("2028-02-29");
    expect(lastDayOfMonth(2100, 2)).toBe("2100-02-28");
    expect(dateOf(2027, 2, 1)).toBe("2027-02-01");
    expect(() => dateOf(2027, 2, 29)).toThrow(RangeError);
  });

  it("reads the date part of an instant and compares by the calendar", () => {
    expect(dayOf("2026-06-30T23:59:59.000Z")).toBe("2026-06-30");
    expect(compareDates("2026-06-30T10:00:00Z", "2026-06-30")).toBe(0);
    expect(compareDates("2026-06-29", "2026-06-30")).toBe(-1);
    expect(storedDayOf("2026-02-30")).toBeNull();
    expect(storedDayOf(42)).toBeNull();
    expect(storedDayOf("2026-02-28T08:00:00Z")).toBe("2026-02-28");
  });

  it("throws a RangeError on what is not a date, never a wrong answer", () => {
    for (const bad of ["2026-02-30", "1-2-2026", "2026-01-01x", "", "2026-13-01"]) {
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
      expect(() => addMonths(bad, 1), bad).toThrow(RangeError);
    }
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });

  const arbDate = fc
    .record({ y: fc.integer({ min: 1900, max: 2400 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => {
      const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return { y, m, d: Math.min(d, dim), iso: `${y}-${String(m).padStart(2, "0")}-${String(Math.min(d, dim)).padStart(2, "0")}` };
    });

  it("property: addMonths gives a real date in the target month, day clamped", () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
        const out = addMonths(date.iso, months);
        const [y, m, d] = out.split("-").map(Number) as [number, number, number];
        const total = date.y * 12 + (date.m - 1) + months;
        expect(y).toBe(Math.floor(total / 12));
        expect(m).toBe((((total % 12) + 12) % 12) + 1);
        expect(d).toBe(Math.min(date.d, new Date(Date.UTC(y, m, 0)).getUTCDate()));
        expect(storedDayOf(out)).toBe(out);
      }),
    );
  });

  it("property: addDays agrees with Date.UTC (for years ≥ 1900) and is reversible", () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -40000, max: 40000 }), (date, days) => {
        const expected = new Date(Date.UTC(date.y, date.m - 1, date.d + days)).toISOString().slice(0, 10);
        const out = addDays(date.iso, days);
        expect(out).toBe(expected);
        expect(addDays(out, -days)).toBe(date.iso);
        expect(daysBetween(date.iso, out)).toBe(days);
      }),
    );
  });
});

describe("today and formatting", () => {
  it("today is the date in Amsterdam: a new day starts at local midnight, summer and winter", () => {
    expect(todayInAmsterdam(new Date("2026-12-31T22:59:00Z"))).toBe("2026-12-31"); // 23:59 CET
    expect(todayInAmsterdam(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01"); // 00:30 CET
    expect(todayInAmsterdam(new Date("2027-07-01T21:59:00Z"))).toBe("2027-07-01"); // 23:59 CEST
    expect(todayInAmsterdam(new Date("2027-07-01T22:00:00Z"))).toBe("2027-07-02"); // 00:00 CEST
  });

  it("gives an Intl formatter midnight UTC of the day", () => {
    expect(utcMidnight("2026-06-30").toISOString()).toBe("2026-06-30T00:00:00.000Z");
    expect(utcMidnight("0050-01-01").getUTCFullYear()).toBe(50);
  });
});
