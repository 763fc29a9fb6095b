import { describe, expect, it } from "vitest";
import { buildYearRings, MAX_RINGS } from "../../../src/domain/initiatives/year-rings";

const fund = (over: Partial<Parameters<typeof buildYearRings>[0]["fundings"][number]>) => ({
  sourceName: "Fonds A",
  sourceKey: "a",
  kind: "fund",
  amountCentsPerYear: 100_000,
  startsOn: "2024-01-01",
  endsOn: null,
  status: "granted",
  ...over,
});

describe("year rings", () => {
  it("shows each year's volunteers, funding mix and story, and what changed since the year before", () => {
    const rings = buildYearRings({
      startedYear: 2024,
      thisYear: 2026,
      checkins: [
        { year: 2025, status: "active", volunteers: 5, peopleReached: 80, story: "Een goed jaar" },
        { year: 2026, status: "paused", volunteers: 2, peopleReached: 20, story: "" },
      ],
      involvements: [
        { personId: "p1", since: "2024-03-01", until: null },
        { personId: "p2", since: "2024-03-01", until: "2025-12-31" },
        { personId: "p3", since: "2025-01-01", until: "2025-06-30" },
        { personId: "p4", since: "2025-05-01", until: "2025-09-30" },
        { personId: "erased", since: "2025-01-01", until: "2025-12-31" },
      ],
      fundings: [
        fund({ endsOn: "2025-12-31" }),
        fund({ sourceKey: "b", kind: "wijkbudget", amountCentsPerYear: 50_000, startsOn: "2025-01-01" }),
        fund({ sourceKey: "c", status: "rejected" }),
      ],
    });
    expect(rings.map((r) => r.year)).toEqual([2026, 2025, 2024]);
    const [y2026, y2025, y2024] = rings;
    expect(y2024!.volunteers).toBe(2);
    expect(y2025!.volunteers).toBe(5); // the erased person still counts
    expect(y2026!.volunteers).toBe(1);
    expect(y2025!.funding).toEqual([
      { kind: "fund", cents: 100_000 },
      { kind: "wijkbudget", cents: 50_000 },
    ]);
    expect(y2025!.sources).toBe(2);
    expect(y2026!.sources).toBe(1);
    expect(y2025!.story).toBe("Een goed jaar");
    expect(y2026!.story).toBeNull();
    expect(y2026!.changes).toEqual([
      { kind: "volunteers", delta: -4 },
      { kind: "sources", from: 2, to: 1 },
      { kind: "status", from: "active", to: "paused" },
    ]);
    expect(y2024!.changes).toEqual([]);
  });

  it("keeps at most a dozen rings for old initiatives", () => {
    const rings = buildYearRings({ startedYear: 1990, thisYear: 2026, checkins: [], involvements: [], fundings: [] });
    expect(rings).toHaveLength(MAX_RINGS);
    expect(rings.at(-1)!.year).toBe(2026 - MAX_RINGS + 1);
  });
});
