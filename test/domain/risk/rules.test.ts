import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_THRESHOLDS as T,
  judgeActivity,
  sameJudgement,
  severityRank,
  worst,
  type ActivityInput,
  type Flag,
  type RiskRule,
  type Severity,
} from "../../../src/domain/risk/rules";
import { explainFlag, severityLabel } from "../../../src/domain/risk/explain";
import { coveredSeverity } from "../../../src/domain/risk/replacement";
import { addDays, daysBetween, sameDayLastYear } from "../../../src/lib/dates";

// Never the wall clock: every test names its day.
const TODAY = "2026-03-15";

type Funding = ActivityInput["fundings"][number];
type Involvement = ActivityInput["involvements"][number];

function funding(over: Partial<Funding> & { id: string }): Funding {
  return {
    sourceName: `Bron ${over.id}`,
    sourceKey: `src-${over.id}`,
    kind: "subsidy",
    amountCentsPerYear: 100_000,
    startsOn: "2025-01-01",
    endsOn: null,
    status: "granted",
    renewalState: "none",
    ...over,
  };
}

function volunteer(personId: string, over: Partial<Involvement> = {}): Involvement {
  return { personId, role: "volunteer", critical: false, since: "2024-01-01", until: null, activityId: null, ...over };
}

/** A healthy activity: three volunteers, a recent check-in, nothing ending. */
function base(over: Partial<ActivityInput> = {}): ActivityInput {
  return {
    activity: { id: "act1", name: "Buurtmaaltijd", archived: false, createdOn: "2024-01-01" },
    initiative: { id: "ini1", status: "active", continuationPlan: "none", plannedEndOn: null },
    fundings: [],
    facility: null,
    commitments: [],
    involvements: [volunteer("p1"), volunteer("p2"), volunteer("p3")],
    lastCheckinYear: 2025,
    lastCheckinAt: "2026-01-10",
    assets: [],
    overdueTasks: [],
    ...over,
  };
}

const judge = (input: ActivityInput, today = TODAY, t = T) => judgeActivity(input, today, t);
const only = (flags: Flag[], rule: RiskRule) => flags.filter((f) => f.rule === rule);
/** Thresholds under which nothing is ever concentrated, to look at the other money rules alone. */
const NC = { ...T, concentrationShare: 1 };

describe("old rows with years 0001–0099", () => {
  it("are judged as the calendar says, never thrown on (Date.UTC would read year 50 as 1950)", () => {
    const input = base({
      fundings: [funding({ id: "f1", startsOn: "0050-01-01", endsOn: "0050-12-31", status: "ended" })],
      involvements: [volunteer("p1", { since: "0001-11-23" }), volunteer("p2"), volunteer("p3")],
    });
    expect(() => judge(input)).not.toThrow();
    expect(only(judge(input).flags, "running_on_nothing")[0]?.since).toBe("0051-01-01");
  });
});

describe("severity", () => {
  it("orders ok < watch < at risk < urgent", () => {
    expect(worst([])).toBe("ok");
    expect(worst(["watch", "urgent", "at_risk"])).toBe("urgent");
    expect(worst(["watch", "ok"])).toBe("watch");
    expect(severityRank("at_risk")).toBeGreaterThan(severityRank("watch"));
  });
  it("a healthy activity is ok", () => {
    expect(judge(base())).toEqual({ level: "ok", flags: [], runwayMonths: null });
  });
});

describe("funding cliff", () => {
  const judge = (input: ActivityInput, today = TODAY) => judgeActivity(input, today, NC);
  const ending = (days: number, over: Partial<Funding> = {}) =>
    base({ fundings: [funding({ id: "f1", endsOn: addDays(TODAY, days), ...over })] });

  it("day 181 is not flagged, day 180 is at risk", () => {
    expect(only(judge(ending(181)).flags, "funding_cliff")).toEqual([]);
    const [flag] = only(judge(ending(180)).flags, "funding_cliff");
    expect(flag).toMatchObject({ severity: "at_risk", subjectId: "f1", since: TODAY });
  });
  it("day 61 is at risk, day 60 is urgent, the last day is urgent, the day after is no longer a cliff", () => {
    expect(only(judge(ending(61)).flags, "funding_cliff")[0]?.severity).toBe("at_risk");
    expect(only(judge(ending(60)).flags, "funding_cliff")[0]?.severity).toBe("urgent");
    expect(only(judge(ending(0)).flags, "funding_cliff")[0]?.severity).toBe("urgent");
    expect(only(judge(ending(-1)).flags, "funding_cliff")).toEqual([]);
  });
  it("since is the day the end came within the horizon, and stays put as days pass", () => {
    const input = ending(100);
    const end = addDays(TODAY, 100);
    const a = judge(input).flags;
    const b = judge(input, addDays(TODAY, 50)).flags; // now urgent (50 days left)
    expect(only(a, "funding_cliff")[0]?.since).toBe(addDays(end, -180));
    expect(only(b, "funding_cliff")[0]?.since).toBe(addDays(end, -180));
    expect(only(b, "funding_cliff")[0]?.severity).toBe("urgent");
  });
  it("counts the horizon across a leap day", () => {
    // From 29 February 2028 to 28 August 2028 is 181 days; from 1 March it is 180.
    const input = base({ fundings: [funding({ id: "f1", endsOn: "2028-08-28" })] });
    expect(daysBetween("2028-03-01", "2028-08-28")).toBe(180);
    expect(only(judge(input, "2028-02-29").flags, "funding_cliff")).toEqual([]);
    expect(only(judge(input, "2028-03-01").flags, "funding_cliff")).toMatchObject([{ severity: "at_risk", since: "2028-03-01" }]);
    // Without a leap day, 28 February is already 181 days before 28 August.
    const plain = base({ fundings: [funding({ id: "f1", endsOn: "2027-08-28" })] });
    expect(only(judge(plain, "2027-02-28").flags, "funding_cliff")).toEqual([]);
    expect(only(judge(plain, "2027-03-01").flags, "funding_cliff")).toHaveLength(1);
  });
  it("a granted renewal covers it; applied or planned do not, and say so", () => {
    expect(only(judge(ending(30, { renewalState: "granted" })).flags, "funding_cliff")).toEqual([]);
    const applied = only(judge(ending(30, { renewalState: "applied" })).flags, "funding_cliff")[0];
    expect(applied).toMatchObject({ severity: "urgent", params: { renewalState: "applied" } });
    expect(explainFlag(applied!, "nl")).toContain("verlenging aangevraagd");
    expect(only(judge(ending(30, { renewalState: "planned" })).flags, "funding_cliff")[0]?.severity).toBe("urgent");
  });
  it("a renewal granted after the flag began resolves it", () => {
    const before = judge(ending(90));
    expect(before.level).toBe("at_risk");
    const after = judge(ending(90, { renewalState: "granted" }));
    expect(after.level).toBe("ok");
    expect(sameJudgement(before.flags, after.flags)).toBe(false);
  });
  it("a successor starting 1 January covers a stream ending 31 December", () => {
    const old = funding({ id: "old", endsOn: "2026-12-31" });
    const next = funding({ id: "new", startsOn: "2027-01-01", endsOn: "2028-12-31", replacesId: "old" });
    const today = "2026-11-01";
    expect(only(judge(base({ fundings: [old] }), today).flags, "funding_cliff")).toHaveLength(1);
    const r = judge(base({ fundings: [old, next] }), today);
    expect(r.flags).toEqual([]);
    expect(r.runwayMonths).toBe(25); // until 31 December 2028
  });
  it("a successor starting 2 January leaves a gap and does not cover", () => {
    const old = funding({ id: "old", endsOn: "2026-12-31" });
    const next = funding({ id: "new", startsOn: "2027-01-02", endsOn: null, replacesId: "old" });
    expect(only(judge(base({ fundings: [old, next] }), "2026-11-01").flags, "funding_cliff")).toHaveLength(1);
  });
  it("a successor that is only applied for, or ends on the same day, does not cover", () => {
    const old = funding({ id: "old", endsOn: "2026-12-31" });
    for (const next of [
      funding({ id: "new", startsOn: "2027-01-01", status: "applied", replacesId: "old" }),
      funding({ id: "new", startsOn: "2026-06-01", endsOn: "2026-12-31", replacesId: "old" }),
    ]) {
      expect(only(judge(base({ fundings: [old, next] }), "2026-11-01").flags, "funding_cliff").map((f) => f.subjectId)).toContain("old");
    }
  });
  it("overlapping streams: a marked successor that runs past the end covers it; an unmarked one does not", () => {
    const a = funding({ id: "a", startsOn: "2025-01-01", endsOn: "2026-06-30" });
    const b = funding({ id: "b", startsOn: "2026-01-01", endsOn: "2027-12-31", replacesId: "a" });
    const r = judge(base({ fundings: [a, b] }));
    expect(only(r.flags, "funding_cliff")).toEqual([]);
    // The same stream without the link is money running beside a: it replaces nothing.
    const unmarked = judge(base({ fundings: [a, { ...b, replacesId: null }] }));
    expect(only(unmarked.flags, "funding_cliff").map((f) => f.subjectId)).toEqual(["a"]);
    // b itself comes within the horizon later on, and nothing covers it.
    const later = judge(base({ fundings: [a, b] }), "2027-10-01");
    expect(only(later.flags, "funding_cliff").map((f) => f.subjectId)).toEqual(["b"]);
  });
  it("a stream shared by two activities is judged for each with that activity's own other streams", () => {
    const shared = funding({ id: "shared", endsOn: "2026-06-30" });
    const successor = funding({ id: "succ", startsOn: "2026-07-01", replacesId: "shared" });
    const a = base({ activity: { id: "a", name: "Taalcafé", archived: false }, fundings: [shared, successor] });
    const b = base({ activity: { id: "b", name: "Tuindag", archived: false }, fundings: [shared] });
    expect(judge(a).flags).toEqual([]);
    expect(only(judge(b).flags, "funding_cliff")).toMatchObject([{ subjectId: "shared", severity: "at_risk" }]);
  });
  it("volunteers-only and partner takeover plans cover it; runway still shows the money", () => {
    for (const plan of ["volunteers_only", "partner_takeover"] as const) {
      const input = ending(30);
      input.initiative.continuationPlan = plan;
      const r = judge(input);
      expect(r.flags).toEqual([]);
      expect(r.runwayMonths).toBe(0);
    }
  });
  it("a successor-funding plan alone does not cover it", () => {
    const input = ending(30);
    input.initiative.continuationPlan = "successor_funding";
    expect(judge(input).level).toBe("urgent");
  });
  it("a planned ending is shown as planned (watch), not as a failure", () => {
    const input = ending(30);
    input.initiative.continuationPlan = "planned_ending";
    input.initiative.plannedEndOn = "2026-06-30";
    const r = judge(input);
    expect(r.level).toBe("watch");
    expect(r.flags).toMatchObject([{ rule: "planned_ending", severity: "watch", subjectId: "f1", params: { plannedEndOn: "2026-06-30" } }]);
    expect(explainFlag(r.flags[0]!, "nl")).toContain("gepland");
  });
  it("applied, rejected and open-ended streams never make a cliff", () => {
    const input = base({
      fundings: [
        funding({ id: "a", status: "applied", endsOn: addDays(TODAY, 10) }),
        funding({ id: "r", status: "rejected", endsOn: addDays(TODAY, 10) }),
        funding({ id: "o", endsOn: null }),
      ],
    });
    const r = judge(input);
    expect(only(r.flags, "funding_cliff")).toEqual([]);
    expect(r.runwayMonths).toBeNull();
  });
  it("runway: whole months until the earliest uncovered end", () => {
    const input = base({
      fundings: [funding({ id: "f1", endsOn: "2026-06-30" }), funding({ id: "f2", endsOn: "2026-09-30", startsOn: "2026-09-01" })],
    });
    expect(judge(input, "2026-04-30").runwayMonths).toBe(2);
    expect(judge(input, "2026-05-01").runwayMonths).toBe(1);
    expect(judge(input, "2026-06-30").runwayMonths).toBe(0);
    expect(judge(input, "2026-07-01").runwayMonths).toBe(0); // running on nothing until f2 starts
    expect(judge(input, "2026-09-01").runwayMonths).toBe(0); // f2 runs, ends within the month
    expect(
      judge(base({ fundings: [funding({ id: "f1", endsOn: "2026-06-30", renewalState: "granted" })] }), "2026-04-30").runwayMonths,
    ).toBeNull();
    // A stream that was already running beside f1 does not replace it: the runway ends with f1.
    const parallel = base({ fundings: [funding({ id: "f1", endsOn: "2026-06-30" }), funding({ id: "f2", endsOn: "2026-09-30" })] });
    expect(judge(parallel, "2026-04-30").runwayMonths).toBe(2);
    // A marked successor that runs past f1's end covers it: the runway is until its end.
    const successor = base({
      fundings: [
        funding({ id: "f1", endsOn: "2026-06-30" }),
        funding({ id: "f2", startsOn: "2026-04-01", endsOn: "2026-09-30", replacesId: "f1" }),
      ],
    });
    expect(judge(successor, "2026-04-30").runwayMonths).toBe(5);
  });
  it("runway is 0 when no money runs today, even if granted money starts later", () => {
    const input = base({
      fundings: [funding({ id: "f1", endsOn: "2026-01-31" }), funding({ id: "f2", startsOn: "2026-05-01", endsOn: "2026-12-31" })],
    });
    expect(judge(input).runwayMonths).toBe(0);
  });
  it("explains with source, date and months left", () => {
    const input = base({ fundings: [funding({ id: "f1", sourceName: "Fonds X", endsOn: "2027-06-30" })] });
    const [flag] = judge(input, "2027-04-30").flags;
    expect(explainFlag(flag!, "nl")).toBe(
      "De subsidie van Fonds X stopt. € 1.000 per jaar valt weg op 30 juni 2027; niets geregeld. Nog 2 maanden.",
    );
    expect(explainFlag(flag!, "en")).toBe(
      "The subsidy from Fonds X ends. €1,000 a year falls away on 30 June 2027; nothing arranged. 2 months left.",
    );
    // A flag stored before amounts were known still reads well.
    const { shortfallCentsPerYear: _s, coveredCentsPerYear: _c, amountCentsPerYear: _a, ...older } = flag!.params;
    expect(explainFlag({ ...flag!, params: older }, "nl")).toBe(
      "De subsidie van Fonds X stopt op 30 juni 2027; er is geen verlenging toegekend. Nog 2 maanden.",
    );
  });
});

describe("successors and shortfall", () => {
  const judge = (input: ActivityInput, today = TODAY, t = NC) => judgeActivity(input, today, t);
  // € 3.000 a year ending in 45 days (urgent); successors start the day after.
  const END = addDays(TODAY, 45);
  const ending = (over: Partial<Funding> = {}) =>
    funding({ id: "big", sourceName: "Gemeente", amountCentsPerYear: 300_000, endsOn: END, startsOn: "2025-01-01", ...over });
  const successor = (cents: number, over: Partial<Funding> = {}) =>
    funding({ id: `s${cents}`, amountCentsPerYear: cents, startsOn: addDays(END, 1), endsOn: null, replacesId: "big", ...over });
  const cliff = (input: ActivityInput, t = NC) => only(judge(input, TODAY, t).flags, "funding_cliff")[0];
  // Half of the threshold is 0.375: € 1.125 of € 3.000. The threshold itself: € 2.250.
  const T75 = { ...NC, coveredWatchShare: 0.75 };

  it("a small stream already running beside it does not hide the cliff (the reported case)", () => {
    const beside = funding({
      id: "small",
      sourceName: "Eigen bijdrage",
      amountCentsPerYear: 50_000,
      startsOn: addDays(TODAY, -200),
      endsOn: null,
    });
    const r = judge(base({ fundings: [ending(), beside] }), TODAY, T);
    expect(only(r.flags, "funding_cliff")).toMatchObject([
      { severity: "urgent", subjectId: "big", params: { shortfallCentsPerYear: 300_000, coveredCentsPerYear: 0 } },
    ]);
    expect(r.level).toBe("urgent");
  });

  it("the shortfall is the amount minus the granted successors; a granted renewal replaces it all", () => {
    expect(cliff(base({ fundings: [ending()] }))?.params).toMatchObject({ amountCentsPerYear: 300_000, shortfallCentsPerYear: 300_000 });
    expect(cliff(base({ fundings: [ending(), successor(50_000)] }))?.params).toMatchObject({
      coveredCentsPerYear: 50_000,
      shortfallCentsPerYear: 250_000,
    });
    // Two successors add up; more than the amount covers it all.
    expect(cliff(base({ fundings: [ending(), successor(100_000), successor(150_000)] }))?.params).toMatchObject({
      shortfallCentsPerYear: 50_000,
    });
    expect(cliff(base({ fundings: [ending(), successor(200_000), successor(150_000)] }))).toBeUndefined();
    expect(cliff(base({ fundings: [ending({ renewalState: "granted" }), successor(0)] }))).toBeUndefined();
    // Only granted successors count; one applied for is pending: the sentence says so.
    const pending = cliff(base({ fundings: [ending(), successor(300_000, { status: "applied" })] }));
    expect(pending?.params).toMatchObject({ shortfallCentsPerYear: 300_000, renewalState: "applied" });
    expect(explainFlag(pending!, "nl")).toContain("verlenging aangevraagd, nog niet toegekend");
  });

  it("says what falls away and what is arranged, in Dutch and English", () => {
    const none = cliff(base({ fundings: [ending()] }), T75)!;
    expect(explainFlag(none, "nl")).toBe(
      "De subsidie van Gemeente stopt. € 3.000 per jaar valt weg op 29 april 2026; niets geregeld. Nog 1 maand.",
    );
    const partial = cliff(base({ fundings: [ending(), successor(50_000)] }), T75)!;
    expect(explainFlag(partial, "nl")).toBe(
      "De subsidie van Gemeente stopt. € 2.500 per jaar valt weg op 29 april 2026; € 500 per jaar is geregeld. Nog 1 maand.",
    );
    expect(explainFlag(partial, "en")).toBe(
      "The subsidy from Gemeente ends. €2,500 a year falls away on 29 April 2026; €500 a year is arranged. 1 month left.",
    );
  });

  it("partial cover lowers the severity only in proportion: urgent stays urgent below half the threshold", () => {
    const sev = (cents: number) => cliff(base({ fundings: [ending(), successor(cents)] }), T75)?.severity;
    expect(sev(0)).toBe("urgent");
    expect(sev(50_000)).toBe("urgent"); // 17 %
    expect(sev(112_499)).toBe("urgent"); // just under 37.5 %
    expect(sev(112_500)).toBe("at_risk"); // 37.5 %: half of the threshold
    expect(sev(224_999)).toBe("at_risk");
    expect(sev(225_000)).toBe("watch"); // 75 %: the threshold
    expect(sev(299_999)).toBe("watch");
    expect(sev(300_000)).toBeUndefined(); // all of it
    // At risk (more than 60 days left) steps down to watch only at the threshold.
    const later = (cents: number) =>
      only(
        judge(
          base({ fundings: [ending({ endsOn: addDays(TODAY, 100) }), successor(cents, { startsOn: addDays(TODAY, 101) })] }),
          TODAY,
          T75,
        ).flags,
        "funding_cliff",
      )[0]?.severity;
    expect(later(224_999)).toBe("at_risk");
    expect(later(225_000)).toBe("watch");
    // The threshold is a setting.
    expect(cliff(base({ fundings: [ending(), successor(150_000)] }), { ...NC, coveredWatchShare: 0.5 })?.severity).toBe("watch");
  });

  it("a successor must start by the day after the end and run past it; a chain of successors is followed", () => {
    expect(cliff(base({ fundings: [ending(), successor(300_000, { startsOn: addDays(END, 2) })] }))?.params).toMatchObject({
      shortfallCentsPerYear: 300_000,
    });
    expect(cliff(base({ fundings: [ending(), successor(300_000, { startsOn: "2025-06-01", endsOn: END })] }))?.params).toMatchObject({
      shortfallCentsPerYear: 300_000,
    });
    // big → next (covers it, ends within the horizon) → last (covers next): nothing flagged.
    const next = funding({
      id: "next",
      amountCentsPerYear: 300_000,
      startsOn: addDays(END, 1),
      endsOn: addDays(END, 60),
      replacesId: "big",
    });
    const last = funding({ id: "last", amountCentsPerYear: 300_000, startsOn: addDays(END, 61), endsOn: null, replacesId: "next" });
    expect(only(judge(base({ fundings: [ending(), next, last] })).flags, "funding_cliff")).toEqual([]);
    expect(only(judge(base({ fundings: [ending(), next] })).flags, "funding_cliff").map((f) => f.subjectId)).toEqual(["next"]);
  });

  it("the runway ends where money really drops: at an ending covered less than the threshold", () => {
    const today = addDays(END, -45);
    expect(judge(base({ fundings: [ending(), successor(50_000)] }), today, T75).runwayMonths).toBe(1);
    expect(judge(base({ fundings: [ending(), successor(250_000)] }), today, T75).runwayMonths).toBeNull();
  });
});

describe("running on nothing", () => {
  const judge = (input: ActivityInput, today = TODAY) => judgeActivity(input, today, NC);
  const ended = (over: Partial<Funding> = {}) => funding({ id: "f1", endsOn: "2025-12-31", ...over });

  it("all streams ended and the initiative is active: urgent since the day after the last end", () => {
    const r = judge(base({ fundings: [ended(), funding({ id: "f0", endsOn: "2025-06-30" })] }));
    expect(r.level).toBe("urgent");
    expect(only(r.flags, "running_on_nothing")).toMatchObject([
      { severity: "urgent", since: "2026-01-01", subjectId: "act1", params: { lastEndsOn: "2025-12-31" } },
    ]);
    expect(r.runwayMonths).toBe(0);
  });
  it("the day it ends is still a cliff; the day after it is running on nothing", () => {
    const input = base({ fundings: [ended()] });
    expect(judge(input, "2025-12-31").flags.map((f) => f.rule)).toEqual(["funding_cliff"]);
    expect(judge(input, "2026-01-01").flags.map((f) => f.rule)).toEqual(["running_on_nothing"]);
  });
  it("a stream marked ended counts as ended", () => {
    const r = judge(base({ fundings: [funding({ id: "f1", status: "ended", endsOn: "2025-10-31" })] }));
    expect(only(r.flags, "running_on_nothing")[0]?.since).toBe("2025-11-01");
  });
  it("a gap before a granted stream that starts later is running on nothing too", () => {
    const r = judge(base({ fundings: [ended(), funding({ id: "f2", startsOn: "2026-04-01" })] }));
    expect(only(r.flags, "running_on_nothing")).toHaveLength(1);
  });
  it("not when other money still runs, when the initiative is paused, or a plan covers it", () => {
    expect(judge(base({ fundings: [ended(), funding({ id: "f2" })] })).flags).toEqual([]);
    const paused = base({ fundings: [ended()] });
    paused.initiative.status = "paused";
    expect(only(judge(paused).flags, "running_on_nothing")).toEqual([]);
    const volunteers = base({ fundings: [ended()] });
    volunteers.initiative.continuationPlan = "volunteers_only";
    expect(judge(volunteers).flags).toEqual([]);
    const planned = base({ fundings: [ended()] });
    planned.initiative.continuationPlan = "planned_ending";
    expect(judge(planned).flags).toMatchObject([{ rule: "planned_ending", severity: "watch", params: { phase: "ended" } }]);
  });
  it("never without any stream, and never for rejected or applied ones", () => {
    expect(judge(base()).flags).toEqual([]);
    const r = judge(
      base({
        fundings: [
          funding({ id: "x", status: "rejected", endsOn: "2025-01-01" }),
          funding({ id: "y", status: "applied", endsOn: "2025-01-01" }),
        ],
      }),
    );
    expect(r.flags).toEqual([]);
    expect(r.runwayMonths).toBeNull();
  });
});

describe("concentration", () => {
  const two = (a: number, b: number) =>
    base({
      fundings: [
        funding({ id: "a", amountCentsPerYear: a, sourceName: "Gemeente" }),
        funding({ id: "b", amountCentsPerYear: b, startsOn: "2025-07-01" }),
      ],
    });

  it("40 % is fine, just over 40 % is watch", () => {
    const equal = judge(
      base({
        fundings: [
          funding({ id: "a", amountCentsPerYear: 400 }),
          funding({ id: "b", amountCentsPerYear: 300 }),
          funding({ id: "c", amountCentsPerYear: 300 }),
        ],
      }),
    );
    expect(equal.flags).toEqual([]);
    const r = judge(
      base({
        fundings: [
          funding({ id: "a", amountCentsPerYear: 401 }),
          funding({ id: "b", amountCentsPerYear: 300 }),
          funding({ id: "c", amountCentsPerYear: 299 }),
        ],
      }),
    );
    expect(r.flags).toMatchObject([{ rule: "concentration", severity: "watch", subjectId: "src-a" }]);
  });
  it("one single source is 100 % and flagged; 50/50 flags both", () => {
    expect(judge(base({ fundings: [funding({ id: "a" })] })).flags).toMatchObject([{ rule: "concentration", params: { percent: 100 } }]);
    expect(only(judge(two(500, 500)).flags, "concentration").map((f) => f.subjectId)).toEqual(["src-a", "src-b"]);
  });
  it("streams from the same source add up", () => {
    const r = judge(
      base({
        fundings: [
          funding({ id: "a1", sourceKey: "gemeente", amountCentsPerYear: 300 }),
          funding({ id: "a2", sourceKey: "gemeente", amountCentsPerYear: 200 }),
          funding({ id: "b", amountCentsPerYear: 250 }),
          funding({ id: "c", amountCentsPerYear: 250 }),
        ],
      }),
    );
    expect(r.flags).toMatchObject([{ rule: "concentration", subjectId: "gemeente", params: { percent: 50 } }]);
  });
  it("since is the day the share went over the line", () => {
    // a alone from 2025-01-01 (100 %), b joins 2025-07-01 at 20 % → a is 80 %: still over the line since 2025-01-01.
    expect(only(judge(two(800, 200)).flags, "concentration")[0]?.since).toBe("2025-01-01");
    // a alone, then b joins at 70 %: a drops to 30 %, b is over the line since 2025-07-01.
    expect(only(judge(two(300, 700)).flags, "concentration")).toMatchObject([{ subjectId: "src-b", since: "2025-07-01" }]);
  });
  it("an activity with no money is never flagged for money; future, applied and zero-amount streams do not count", () => {
    expect(judge(base()).flags).toEqual([]);
    const r = judge(
      base({
        fundings: [
          funding({ id: "f", startsOn: "2026-04-01" }),
          funding({ id: "g", status: "applied" }),
          funding({ id: "z", amountCentsPerYear: 0 }),
        ],
      }),
    );
    expect(only(r.flags, "concentration")).toEqual([]);
  });
});

describe("people", () => {
  it("key person: a critical role held by exactly one active person", () => {
    const inv = [
      volunteer("p1"),
      volunteer("p2"),
      volunteer("p3"),
      volunteer("p1", { role: "treasurer", critical: true, since: "2025-02-01" }),
    ];
    const r = judge(base({ involvements: inv }));
    expect(r.flags).toMatchObject([
      { rule: "key_person", severity: "at_risk", subjectId: "treasurer", since: "2025-02-01", params: { personId: "p1" } },
    ]);
    expect(explainFlag(r.flags[0]!, "nl")).toContain("penningmeester");
    // Two holders: fine. Nobody left: not flagged as a key person.
    expect(judge(base({ involvements: [...inv, volunteer("p2", { role: "treasurer", critical: true })] })).flags).toEqual([]);
    expect(
      judge(base({ involvements: [...inv.slice(0, 3), volunteer("p1", { role: "treasurer", critical: true, until: "2026-01-01" })] }))
        .flags,
    ).toEqual([]);
  });
  it("key person with a reserve: one step lower (watch), with the same since; without one it stays at risk", () => {
    const inv = [volunteer("p1"), volunteer("p2"), volunteer("p3")];
    const holder = volunteer("p1", { role: "key_holder", critical: true, since: "2025-02-01" });
    const without = only(judge(base({ involvements: [...inv, holder] })).flags, "key_person");
    const withReserve = only(judge(base({ involvements: [...inv, { ...holder, reservePersonId: "p9" }] })).flags, "key_person");
    expect(without).toMatchObject([{ severity: "at_risk", since: "2025-02-01", params: { reserve: 0 } }]);
    expect(withReserve).toMatchObject([{ severity: "watch", since: "2025-02-01", params: { reserve: 1 } }]);
    expect(explainFlag(withReserve[0]!, "nl")).toContain("Er is een reserve die het kan overnemen.");
    expect(explainFlag(without[0]!, "nl")).toContain("Er is geen reserve.");
    expect(explainFlag(withReserve[0]!, "en")).toContain("There is a reserve who could take over.");
    // The holder cannot be their own reserve; a reserve on an involvement that has ended does not count.
    expect(only(judge(base({ involvements: [...inv, { ...holder, reservePersonId: "p1" }] })).flags, "key_person")[0]?.severity).toBe(
      "at_risk",
    );
    const ended = { ...holder, until: "2025-12-31", reservePersonId: "p9" };
    const current = volunteer("p1", { role: "key_holder", critical: true, since: "2026-01-01" });
    expect(only(judge(base({ involvements: [...inv, ended, current] })).flags, "key_person")[0]?.severity).toBe("at_risk");
  });
  it("key person since: when the second holder left (the day after until)", () => {
    const inv = [
      volunteer("p1"),
      volunteer("p2"),
      volunteer("p3"),
      volunteer("p1", { role: "key_holder", critical: true, since: "2024-01-01" }),
      volunteer("p2", { role: "key_holder", critical: true, since: "2024-01-01", until: "2025-08-31" }),
    ];
    expect(only(judge(base({ involvements: inv })).flags, "key_person")[0]?.since).toBe("2025-09-01");
  });
  it("involvements for another activity do not count; initiative-wide ones do", () => {
    const inv = [volunteer("p1"), volunteer("p2", { activityId: "other" }), volunteer("p3", { activityId: "act1" })];
    expect(only(judge(base({ involvements: inv })).flags, "few_volunteers")).toEqual([]);
    const r = judge(base({ involvements: [volunteer("p1"), volunteer("p2", { activityId: "other" })] }));
    expect(only(r.flags, "few_volunteers")).toMatchObject([{ severity: "at_risk", params: { count: 1 } }]);
  });
  it("few volunteers: 2 is fine, 1 and 0 are at risk; someone whose until is today still counts", () => {
    expect(judge(base({ involvements: [volunteer("p1"), volunteer("p2", { until: TODAY })] })).flags).toEqual([]);
    expect(judge(base({ involvements: [volunteer("p1"), volunteer("p2", { until: addDays(TODAY, -1) })] })).flags).toMatchObject([
      { rule: "few_volunteers", since: TODAY },
    ]);
    expect(judge(base({ involvements: [] })).flags).toMatchObject([{ rule: "few_volunteers", since: "2024-01-01", params: { count: 0 } }]);
  });
  it("shrinking: below 70 % of the same day last year, only when last year had at least 3", () => {
    const people = (n: number, until: string | null) =>
      Array.from({ length: n }, (_, i) => volunteer(`p${i}`, { since: "2024-01-01", until }));
    const leftThisYear = addDays(sameDayLastYear(TODAY), 30);
    // 10 last year, 7 now: 7 is not below 7 → fine. 6 now → watch.
    const seven = [...people(7, null), ...people(10, leftThisYear).slice(7)];
    expect(only(judge(base({ involvements: seven })).flags, "shrinking")).toEqual([]);
    const six = [...people(6, null), ...people(10, leftThisYear).slice(6)];
    expect(only(judge(base({ involvements: six })).flags, "shrinking")).toMatchObject([
      { severity: "watch", since: addDays(leftThisYear, 1), params: { now: 6, lastYear: 10 } },
    ]);
    // 2 last year, 0 now: too few to judge shrinking (few_volunteers catches it).
    const tiny = people(2, leftThisYear);
    expect(only(judge(base({ involvements: tiny })).flags, "shrinking")).toEqual([]);
  });
  it("shrinking compares 29 February with 28 February the year before", () => {
    const inv = [
      volunteer("a", { since: "2027-01-01" }),
      volunteer("b", { since: "2027-01-01", until: "2027-02-28" }),
      volunteer("c", { since: "2027-01-01", until: "2027-02-28" }),
    ];
    // On 2028-02-29 last year is 2027-02-28: 3 then, 1 now.
    expect(only(judge(base({ involvements: inv }), "2028-02-29").flags, "shrinking")).toHaveLength(1);
  });
});

describe("facility and commitments", () => {
  const fac = (days: number, renewalState: "none" | "applied" | "granted" = "none") =>
    base({ facility: { id: "fac", name: "Buurthuis De Linde", agreementEndsOn: addDays(TODAY, days), renewalState } });

  it("facility: 181 none, 180 at risk, 61 at risk, 60 urgent, past its end urgent; granted renewal none", () => {
    expect(judge(fac(181)).flags).toEqual([]);
    expect(judge(fac(180)).flags).toMatchObject([{ rule: "facility_ending", severity: "at_risk", subjectId: "fac" }]);
    expect(judge(fac(61)).flags[0]?.severity).toBe("at_risk");
    expect(judge(fac(60)).flags[0]?.severity).toBe("urgent");
    expect(judge(fac(-5)).flags).toMatchObject([{ severity: "urgent", params: { phase: "ended" } }]);
    expect(judge(fac(30, "granted")).flags).toEqual([]);
    expect(judge(fac(30, "applied")).flags[0]?.severity).toBe("urgent");
  });
  it("commitment: within the horizon without renewal; an ended one is history", () => {
    const c = (days: number | null, renewalState: "none" | "granted" = "none") =>
      base({
        commitments: [
          {
            id: "c1",
            partnerName: "Woonstede",
            description: "opbouwwerker 4 uur per week",
            endsOn: days === null ? null : addDays(TODAY, days),
            renewalState,
          },
        ],
      });
    expect(judge(c(181)).flags).toEqual([]);
    expect(judge(c(180)).flags).toMatchObject([{ rule: "commitment_ending", severity: "at_risk" }]);
    expect(judge(c(60)).flags[0]?.severity).toBe("urgent");
    expect(judge(c(-1)).flags).toEqual([]);
    expect(judge(c(null)).flags).toEqual([]);
    expect(judge(c(10, "granted")).flags).toEqual([]);
    expect(explainFlag(judge(c(180)).flags[0]!, "nl")).toContain("Woonstede");
  });
});

describe("staleness", () => {
  it("check-in: exactly 13 months ago is fine, a day more is watch", () => {
    const at = (d: string) => base({ lastCheckinAt: d });
    expect(judge(at("2025-02-15")).flags).toEqual([]);
    expect(judge(at("2025-02-14")).flags).toMatchObject([
      { rule: "stale_checkin", severity: "watch", since: "2026-03-15", subjectId: "ini1" },
    ]);
  });
  it("check-in time stamps (instants) are read by their date", () => {
    expect(judge(base({ lastCheckinAt: "2025-02-14T23:30:00.000Z" })).flags).toHaveLength(1);
  });
  it("no check-in ever: stale 13 months after the activity was recorded", () => {
    const none = (createdOn: string) =>
      base({
        lastCheckinAt: null,
        lastCheckinYear: null,
        activity: { id: "act1", name: "X", archived: false, createdOn },
        involvements: [volunteer("p1", { since: createdOn }), volunteer("p2", { since: createdOn })],
      });
    expect(judge(none("2025-02-15")).flags).toEqual([]);
    expect(judge(none("2025-02-14")).flags).toMatchObject([{ rule: "stale_checkin", since: "2026-03-15" }]);
  });
  it("asset: 24 months is fine, a day more is watch; leap day rolls to 28 February", () => {
    const asset = (d: string) => base({ assets: [{ id: "as1", name: "Moestuin", lastConfirmedOn: d }] });
    expect(judge(asset("2024-03-15")).flags).toEqual([]);
    expect(judge(asset("2024-03-14")).flags).toMatchObject([{ rule: "stale_asset", severity: "watch", since: "2026-03-15" }]);
    expect(judge(asset("2024-02-29"), "2026-02-28").flags).toEqual([]);
    expect(judge(asset("2024-02-29"), "2026-03-01").flags).toMatchObject([{ since: "2026-03-01" }]);
  });
});

describe("neglected upkeep", () => {
  const task = (overdueSince: string) =>
    base({ overdueTasks: [{ id: "t1", title: "Verzekering verlengen", dueOn: addDays(overdueSince, -7), overdueSince }] });
  it("overdue is at risk; more than 30 days overdue is urgent", () => {
    expect(judge(task(TODAY)).flags).toMatchObject([{ rule: "neglected_upkeep", severity: "at_risk", since: TODAY }]);
    expect(judge(task(addDays(TODAY, -30))).flags[0]?.severity).toBe("at_risk");
    expect(judge(task(addDays(TODAY, -31))).flags[0]?.severity).toBe("urgent");
  });
  it("explains the task and its date", () => {
    expect(explainFlag(judge(task("2026-03-01")).flags[0]!, "nl")).toBe(
      'De taak "Verzekering verlengen" moest op 22 februari 2026 klaar zijn en is sinds 1 maart 2026 te laat.',
    );
  });
});

describe("nothing to protect", () => {
  it("stopped or handed-over initiatives and archived activities are ok without flags", () => {
    const bad = base({ fundings: [funding({ id: "f", endsOn: addDays(TODAY, 10) })], involvements: [] });
    expect(judge(bad).level).toBe("urgent");
    for (const status of ["stopped", "handed_over"] as const) {
      expect(judge({ ...bad, initiative: { ...bad.initiative, status } })).toEqual({ level: "ok", flags: [], runwayMonths: null });
    }
    expect(judge({ ...bad, activity: { ...bad.activity, archived: true } })).toEqual({ level: "ok", flags: [], runwayMonths: null });
  });
});

describe("sameJudgement", () => {
  it("ignores order and params, not severity or since", () => {
    const a: Flag = { rule: "funding_cliff", severity: "at_risk", since: "2026-01-01", subjectId: "f1", params: { daysLeft: 100 } };
    const b: Flag = { rule: "few_volunteers", severity: "at_risk", since: "2025-01-01", subjectId: "act1", params: {} };
    expect(sameJudgement([a, b], [b, { ...a, params: { daysLeft: 99 } }])).toBe(true);
    expect(sameJudgement([a, b], [b, { ...a, severity: "urgent" }])).toBe(false);
    expect(sameJudgement([a, b], [b, { ...a, since: "2026-01-02" }])).toBe(false);
    expect(sameJudgement([a], [a, b])).toBe(false);
    expect(sameJudgement([], [])).toBe(true);
  });
  it("the next day with nothing changed gives the same judgement while severities hold", () => {
    const input = base({ fundings: [funding({ id: "f1", endsOn: "2026-08-01" })], involvements: [volunteer("p1")] });
    expect(sameJudgement(judge(input).flags, judge(input, addDays(TODAY, 1)).flags)).toBe(true);
  });
});

describe("explanations", () => {
  it("labels severities", () => {
    expect(["ok", "watch", "at_risk", "urgent"].map((s) => severityLabel(s as never, "nl"))).toEqual([
      "in orde",
      "let op",
      "in gevaar",
      "dringend",
    ]);
    expect(severityLabel("at_risk", "en")).toBe("at risk");
  });
  it("every flag the engine makes explains itself in both languages, with a date", () => {
    const input = base({
      fundings: [funding({ id: "f1", endsOn: addDays(TODAY, 40) }), funding({ id: "f2", endsOn: "2025-01-31", sourceKey: "x" })],
      facility: { id: "fac", name: "Buurthuis", agreementEndsOn: addDays(TODAY, 90), renewalState: "none" },
      commitments: [{ id: "c1", partnerName: "Gemeente", description: "zaal", endsOn: addDays(TODAY, 100), renewalState: "applied" }],
      involvements: [
        volunteer("p1", { role: "cook", critical: true }),
        volunteer("p2", { until: "2025-12-31" }),
        volunteer("p3", { until: "2025-12-31" }),
      ],
      lastCheckinAt: "2024-12-01",
      assets: [{ id: "as", name: "Moestuin", lastConfirmedOn: "2023-01-01" }],
      overdueTasks: [{ id: "t", title: "AED controleren", dueOn: "2026-01-01", overdueSince: "2026-01-08" }],
    });
    const { flags } = judge(input);
    const rules = new Set(flags.map((f) => f.rule));
    for (const rule of [
      "funding_cliff",
      "concentration",
      "key_person",
      "few_volunteers",
      "shrinking",
      "facility_ending",
      "commitment_ending",
      "stale_checkin",
      "stale_asset",
      "neglected_upkeep",
    ]) {
      expect(rules, rule).toContain(rule);
    }
    for (const f of flags) {
      for (const locale of ["nl", "en"] as const) {
        const s = explainFlag(f, locale);
        expect(s, f.rule).toMatch(/\d{4}/);
        expect(s, f.rule).not.toMatch(/undefined|NaN|\{/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const dayArb = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
const statusArb = fc.constantFrom<Funding["status"]>("applied", "granted", "granted", "granted", "rejected", "ended");
const renewalArb = fc.constantFrom<Funding["renewalState"]>("none", "planned", "applied", "granted");
const fundingArb = (i: number) =>
  fc
    .record({
      start: dayArb("2024-01-01", 900),
      length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
      status: statusArb,
      renewalState: renewalArb,
      amount: fc.integer({ min: 0, max: 50_000 }),
      source: fc.constantFrom("a", "b", "c"),
      replaces: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 3 }),
    })
    .map((r) =>
      funding({
        id: `f${i}`,
        sourceKey: r.source,
        sourceName: `Bron ${r.source}`,
        startsOn: r.start,
        endsOn: r.length === null ? null : addDays(r.start, r.length),
        status: r.status,
        renewalState: r.renewalState,
        amountCentsPerYear: r.amount,
        replacesId: r.replaces === null || r.replaces === i ? null : `f${r.replaces}`,
      }),
    );
const fundingsArb = fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fundingArb(i))));
const involvementArb = fc
  .record({
    personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5"),
    role: fc.constantFrom("volunteer", "treasurer", "cook"),
    critical: fc.boolean(),
    since: dayArb("2023-01-01", 1400),
    length: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
    activityId: fc.constantFrom(null, "act1", "other"),
  })
  .map(({ length, ...r }) => ({ ...r, until: length === null ? null : addDays(r.since, length) }));
const planArb = fc.constantFrom<ActivityInput["initiative"]["continuationPlan"]>(
  "none",
  "successor_funding",
  "partner_takeover",
  "volunteers_only",
  "planned_ending",
);
const inputArb = fc
  .record({
    fundings: fundingsArb,
    involvements: fc.array(involvementArb, { maxLength: 8 }),
    plan: planArb,
    status: fc.constantFrom<ActivityInput["initiative"]["status"]>("active", "active", "paused", "stopped"),
    facilityEnd: fc.option(dayArb("2025-06-01", 700), { nil: null }),
    lastCheckinAt: fc.option(dayArb("2023-01-01", 1200), { nil: null }),
  })
  .map((r) =>
    base({
      fundings: r.fundings,
      involvements: r.involvements,
      initiative: { id: "ini1", status: r.status, continuationPlan: r.plan, plannedEndOn: null },
      facility: r.facilityEnd ? { id: "fac", name: "Buurthuis", agreementEndsOn: r.facilityEnd, renewalState: "none" } : null,
      lastCheckinAt: r.lastCheckinAt,
      lastCheckinYear: null,
    }),
  );
const todayArb = dayArb("2025-06-01", 800);
const MONEY: RiskRule[] = ["funding_cliff", "running_on_nothing", "concentration", "planned_ending"];

describe("properties", () => {
  it("judging twice gives the same result, and flags are well-formed", () => {
    fc.assert(
      fc.property(inputArb, todayArb, (input, today) => {
        const a = judgeActivity(input, today, T);
        const b = judgeActivity(structuredClone(input), today, T);
        expect(b).toEqual(a);
        expect(sameJudgement(a.flags, b.flags)).toBe(true);
        expect(a.level).toBe(worst(a.flags.map((f) => f.severity)));
        for (const f of a.flags)
          expect(
            f.since <= today ||
              f.rule === "funding_cliff" ||
              f.rule === "facility_ending" ||
              f.rule === "commitment_ending" ||
              f.rule === "planned_ending",
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("an activity with no funding is never flagged for money", () => {
    fc.assert(
      fc.property(inputArb, todayArb, (input, today) => {
        const r = judgeActivity({ ...input, fundings: [] }, today, T);
        expect(r.flags.filter((f) => MONEY.includes(f.rule))).toEqual([]);
        expect(r.runwayMonths).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("adding a granted successor never raises risk", () => {
    fc.assert(
      fc.property(
        inputArb,
        todayArb,
        fc.nat(),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom("a", "b", "z"),
        (input, today, pick, overlap, source) => {
          const live = input.fundings.filter((f) => f.status === "granted" && f.endsOn !== null && f.endsOn >= today);
          fc.pre(live.length > 0);
          const target = live[pick % live.length]!;
          // Starts by the day after the target ends (it may overlap), but not before tomorrow:
          // a successor is future money, so today's mix of sources is unchanged.
          // A successor also begins after the target did (money already running beside it is no successor).
          let startsOn = addDays(target.endsOn!, 1 - overlap);
          if (startsOn <= today) startsOn = addDays(today, 1);
          if (startsOn <= target.startsOn) startsOn = addDays(target.startsOn, 1);
          fc.pre(startsOn <= addDays(target.endsOn!, 1));
          const successor = funding({ id: "succ", sourceKey: source, startsOn, endsOn: null, replacesId: target.id });
          const before = judgeActivity(input, today, T);
          const after = judgeActivity({ ...input, fundings: [...input.fundings, successor] }, today, T);
          expect(severityRank(after.level)).toBeLessThanOrEqual(severityRank(before.level));
          // And the runway never gets shorter.
          if (before.runwayMonths !== null && after.runwayMonths !== null)
            expect(after.runwayMonths).toBeGreaterThanOrEqual(before.runwayMonths);
          // The target's own cliff is gone.
          expect(after.flags.some((f) => f.subjectId === target.id && f.rule === "funding_cliff")).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("more granted successor money never raises risk, and never lengthens the shortfall", () => {
    fc.assert(
      fc.property(
        inputArb,
        todayArb,
        fc.nat(),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (input, today, pick, first, more) => {
          const live = input.fundings.filter((f) => f.status === "granted" && f.endsOn !== null && f.endsOn >= today);
          fc.pre(live.length > 0);
          const target = live[pick % live.length]!;
          // Future money (from tomorrow), so today's mix of sources is unchanged.
          let startsOn = addDays(target.endsOn!, 1);
          if (startsOn <= today) startsOn = addDays(today, 1);
          const succ = (cents: number) => funding({ id: "succ", startsOn, endsOn: null, amountCentsPerYear: cents, replacesId: target.id });
          const a = judgeActivity({ ...input, fundings: [...input.fundings, succ(first)] }, today, T);
          const b = judgeActivity({ ...input, fundings: [...input.fundings, succ(first + more)] }, today, T);
          expect(severityRank(b.level)).toBeLessThanOrEqual(severityRank(a.level));
          const shortfall = (j: typeof a) =>
            Number(j.flags.find((f) => f.subjectId === target.id && f.rule === "funding_cliff")?.params.shortfallCentsPerYear ?? 0);
          expect(shortfall(b)).toBeLessThanOrEqual(shortfall(a));
          // What falls away is at most the amount minus this successor (other successors may cover more).
          expect(shortfall(a)).toBeLessThanOrEqual(Math.max(0, target.amountCentsPerYear - first));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the covered share lowers the severity monotonically, never below watch until all is covered", () => {
    const share = fc.double({ min: 0, max: 1.2, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom<Severity>("urgent", "at_risk"),
        share,
        share,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (base, x, y, w) => {
          const rank = (s: Severity | null) => (s === null ? -1 : severityRank(s));
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(rank(coveredSeverity(base, hi, w))).toBeLessThanOrEqual(rank(coveredSeverity(base, lo, w)));
          expect(coveredSeverity(base, 0, w)).toBe(base);
          if (lo < 1) expect(rank(coveredSeverity(base, lo, w))).toBeGreaterThanOrEqual(severityRank("watch"));
          if (lo >= w && lo < 1) expect(coveredSeverity(base, lo, w)).toBe("watch");
          if (hi >= 1) expect(coveredSeverity(base, hi, w)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the level never depends on the order of the inputs", () => {
    fc.assert(
      fc.property(inputArb, todayArb, (input, today) => {
        const reversed = { ...input, fundings: [...input.fundings].reverse(), involvements: [...input.involvements].reverse() };
        expect(judgeActivity(reversed, today, T)).toEqual(judgeActivity(input, today, T));
      }),
      { numRuns: 200 },
    );
  });
});
