import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { overlapsYear, volunteerYears, type Interval } from "../../../src/domain/overview/year-figures";

const iv = (personId: string, since: string, until: string | null = null): Interval => ({ personId, since, until });

describe("overlapsYear", () => {
  it("counts a single day on either edge of the year", () => {
    expect(overlapsYear(iv("a", "2024-12-31", "2024-12-31"), 2024)).toBe(true);
    expect(overlapsYear(iv("a", "2024-12-31", "2024-12-31"), 2025)).toBe(false);
    expect(overlapsYear(iv("a", "2020-01-01", "2025-01-01"), 2025)).toBe(true);
    expect(overlapsYear(iv("a", "2020-01-01", "2024-12-31"), 2025)).toBe(false);
    expect(overlapsYear(iv("a", "2026-01-01"), 2025)).toBe(false);
    expect(overlapsYear(iv("a", "2020-01-01"), 2030)).toBe(true);
  });
  it("ignores a broken interval (until before since)", () => {
    expect(overlapsYear(iv("a", "2025-06-01", "2025-03-01"), 2025)).toBe(false);
  });
});

describe("volunteerYears", () => {
  it("counts active, newcomers, leavers, returning and retention", () => {
    const rows = volunteerYears(
      [
        iv("anna", "2023-03-01"), // every year
        iv("bram", "2023-01-01", "2024-06-30"), // 2023–2024
        iv("cem", "2024-09-01", "2025-01-15"), // 2024–2025
        iv("dewi", "2025-05-01"), // from 2025
        iv("erased-7", "2023-01-01", "2023-12-31"), // an erased person is still an id
      ],
      [2023, 2024, 2025],
    );
    expect(rows).toEqual([
      { year: 2023, active: 3, newcomers: 3, leavers: 0, returning: 0, retention: null },
      { year: 2024, active: 3, newcomers: 1, leavers: 1, returning: 2, retention: 2 / 3 },
      { year: 2025, active: 3, newcomers: 1, leavers: 1, returning: 2, retention: 2 / 3 },
    ]);
  });
  it("counts a person with several intervals once, and a gap year as leaving then returning", () => {
    const rows = volunteerYears(
      [iv("a", "2022-01-01", "2022-03-01"), iv("a", "2022-10-01", "2022-12-31"), iv("a", "2024-02-01")],
      [2022, 2023, 2024],
    );
    expect(rows.map((r) => [r.active, r.newcomers, r.leavers, r.returning])).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(rows[1]?.retention).toBe(0);
    expect(rows[2]?.retention).toBeNull();
  });
  it("keeps the order of the years asked", () => {
    expect(volunteerYears([iv("a", "2020-01-01")], [2025, 2021]).map((r) => r.year)).toEqual([2025, 2021]);
  });

  it("property: active = returning + newcomers, leavers + returning = last year's active, retention in [0, 1]", () => {
    const day = fc.integer({ min: 0, max: 365 * 8 }).map((n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const intervalArb = fc
      .record({ personId: fc.constantFrom("a", "b", "c", "d", "e", "f"), since: day, until: fc.option(day, { nil: null }) })
      .map((r) => (r.until !== null && r.until < r.since ? { ...r, since: r.until, until: r.since } : r));
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 12 }), (intervals) => {
        const years = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
        const rows = volunteerYears(intervals, years);
        rows.forEach((r, i) => {
          expect(r.active).toBe(r.returning + r.newcomers);
          const prev = volunteerYears(intervals, [r.year - 1])[0]!;
          expect(r.leavers + r.returning).toBe(prev.active);
          if (i > 0) expect(prev).toEqual(rows[i - 1]);
          if (r.retention !== null) {
            expect(r.retention).toBeGreaterThanOrEqual(0);
            expect(r.retention).toBeLessThanOrEqual(1);
          } else expect(prev.active).toBe(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
