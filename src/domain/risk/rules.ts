// The continuity judgement: pure functions over one activity's dependencies.
// No database, no clock: `today` (YYYY-MM-DD) and the thresholds are parameters, so the same
// inputs always give the same flags, and the daily run and a test can judge any day they like.
// All date arithmetic is the date module's (src/lib/dates): whole calendar days.
// One file (over 400 lines): judgeActivity reads every rule in order, each a few lines over the same
// inputs and thresholds; the rules are easier to compare side by side than spread over files.
import { addDays, addMonths, addYears, dayOf as isoDay, daysBetween, sameDayLastYear, wholeMonthsBetween } from "../../lib/dates";
// What replaces ending money: replacement.ts.
import { coveredSeverity, replacementOf } from "./replacement";

export type Severity = "ok" | "watch" | "at_risk" | "urgent";
export const SEVERITIES: readonly Severity[] = ["ok", "watch", "at_risk", "urgent"];

export type RiskRule =
  | "funding_cliff"
  | "running_on_nothing"
  | "concentration"
  | "key_person"
  | "few_volunteers"
  | "shrinking"
  | "facility_ending"
  | "commitment_ending"
  | "stale_checkin"
  | "stale_asset"
  | "neglected_upkeep"
  | "planned_ending";

export type Thresholds = {
  horizonDays: number;
  urgentDays: number;
  concentrationShare: number;
  shrinkRatio: number;
  staleCheckinMonths: number;
  staleAssetMonths: number;
  /** Share of an ending stream's money that is arranged (renewal or successor) from which its ending is only "watch". */
  coveredWatchShare: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = {
  horizonDays: 180,
  urgentDays: 60,
  concentrationShare: 0.4,
  shrinkRatio: 0.7,
  staleCheckinMonths: 13,
  staleAssetMonths: 24,
  coveredWatchShare: 0.75,
};

/** A task overdue (past its grace days) for more than this many days is urgent. */
export const URGENT_OVERDUE_DAYS = 30;
/** Shrinking is judged only when last year had at least this many active volunteers (avoids 2 → 1 noise). */
export const SHRINK_MIN_LAST_YEAR = 3;

export type Flag = {
  rule: RiskRule;
  severity: Severity;
  /** ISO date the condition began. Stable from day to day while nothing changes. */
  since: string;
  subjectId: string;
  /** What the sentence needs: source name, end date, months left, share, names… */
  params: Record<string, string | number>;
};

export type RenewalState = "none" | "planned" | "applied" | "granted";

export type ActivityInput = {
  /** createdOn (optional): the day the activity was recorded; anchors "since" when nothing older is known. */
  activity: { id: string; name: string; archived: boolean; createdOn?: string | null };
  initiative: {
    id: string;
    status: "active" | "paused" | "stopped" | "handed_over";
    continuationPlan: "none" | "successor_funding" | "partner_takeover" | "volunteers_only" | "planned_ending";
    plannedEndOn: string | null;
  };
  /** The streams this activity depends on. sourceKey: partner id or normalised name ("one source"). */
  fundings: {
    id: string;
    sourceName: string;
    sourceKey: string;
    kind: string;
    amountCentsPerYear: number;
    startsOn: string;
    endsOn: string | null;
    status: "applied" | "granted" | "rejected" | "ended";
    renewalState: RenewalState;
    /** The stream this one renews or succeeds (explicitly marked; same initiative). */
    replacesId?: string | null;
  }[];
  facility: { id: string; name: string; agreementEndsOn: string | null; renewalState: RenewalState } | null;
  commitments: { id: string; partnerName: string; description: string; endsOn: string | null; renewalState: RenewalState }[];
  /**
   * Of the initiative; those with activityId null count for all its activities. `reservePersonId`:
   * the person named to take over this (critical) role.
   */
  involvements: {
    personId: string;
    role: string;
    critical: boolean;
    since: string;
    until: string | null;
    activityId: string | null;
    reservePersonId?: string | null;
  }[];
  lastCheckinYear: number | null;
  /** Date (or instant) the most recent check-in was last saved. */
  lastCheckinAt: string | null;
  /** Assets the initiative leans on. */
  assets: { id: string; name: string; lastConfirmedOn: string }[];
  /** Tasks already past their grace days (the caller computes overdueSince = due date + grace days). */
  overdueTasks: { id: string; title: string; dueOn: string; overdueSince: string }[];
};

export type Judgement = { level: Severity; flags: Flag[]; runwayMonths: number | null };

// ---------------------------------------------------------------------------------------------
// Severity

const RANK: Record<Severity, number> = { ok: 0, watch: 1, at_risk: 2, urgent: 3 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

export function worst(levels: Severity[]): Severity {
  let w: Severity = "ok";
  for (const l of levels) if (RANK[l] > RANK[w]) w = l;
  return w;
}

function flagKey(f: Flag): string {
  return `${f.rule}\u0000${f.subjectId}\u0000${f.severity}\u0000${f.since}`;
}

/**
 * True when two judgements are the same for the history: the same flags by rule, subject,
 * severity and since, in any order. Params (days left, names) are ignored: they move daily.
 */
export function sameJudgement(a: Flag[], b: Flag[]): boolean {
  if (a.length !== b.length) return false;
  const ka = a.map(flagKey).sort();
  const kb = b.map(flagKey).sort();
  return ka.every((k, i) => k === kb[i]);
}

// ---------------------------------------------------------------------------------------------
// Helpers over the input

type Funding = ActivityInput["fundings"][number];
type Involvement = ActivityInput["involvements"][number];

function activeOn(inv: { since: string; until: string | null }, day: string): boolean {
  return isoDay(inv.since) <= day && (inv.until === null || isoDay(inv.until) >= day);
}

function fundsOn(f: Funding, day: string): boolean {
  return f.status === "granted" && isoDay(f.startsOn) <= day && (f.endsOn === null || isoDay(f.endsOn) >= day);
}

/** The first day d with sameDayLastYear(d) ≥ iso (29 Feb → 1 March next year). */
function firstDayAYearAfter(iso: string): string {
  const next = addYears(iso, 1);
  return sameDayLastYear(next) >= isoDay(iso) ? next : addDays(next, 1);
}

/** Points where an interval set changes: each start and each day after an end. */
function intervalPoints(items: { since: string; until: string | null }[]): string[] {
  const out: string[] = [];
  for (const i of items) {
    out.push(isoDay(i.since));
    if (i.until !== null) out.push(addDays(i.until, 1));
  }
  return out;
}

/**
 * The first day of the unbroken run, ending today, on which `holds` is true. `points` must
 * contain every day on which the inputs of `holds` can change; between two points nothing
 * changes, so evaluating at the points is enough. The run never starts before `origin`.
 */
function heldSince(today: string, origin: string, points: string[], holds: (day: string) => boolean): string {
  const sorted = [...new Set([...points, origin])].filter((p) => p >= origin && p <= today).sort();
  let i = sorted.length - 1;
  if (i < 0) return today;
  while (i > 0 && holds(sorted[i - 1]!)) i--;
  return sorted[i]!;
}

/** The earliest date known about the activity: where "since" stops when a condition held from the start. */
function originOf(input: ActivityInput, today: string): string {
  const dates: string[] = [];
  if (input.activity.createdOn) dates.push(isoDay(input.activity.createdOn));
  for (const f of input.fundings) dates.push(isoDay(f.startsOn));
  for (const i of input.involvements) dates.push(isoDay(i.since));
  if (dates.length === 0) return today;
  const min = dates.sort()[0]!;
  return min < today ? min : today;
}

function endingSeverity(daysLeft: number, t: Thresholds): Severity | null {
  if (daysLeft < 0 || daysLeft > t.horizonDays) return null;
  return daysLeft <= t.urgentDays ? "urgent" : "at_risk";
}

// ---------------------------------------------------------------------------------------------
// The judgement

export function judgeActivity(input: ActivityInput, today: string, t: Thresholds): Judgement {
  today = isoDay(today);
  const { activity, initiative } = input;
  if (activity.archived || initiative.status === "stopped" || initiative.status === "handed_over") {
    return { level: "ok", flags: [], runwayMonths: null };
  }
  const origin = originOf(input, today);
  const flags: Flag[] = [];
  const plan = initiative.continuationPlan;
  const planCovers = plan === "volunteers_only" || plan === "partner_takeover";
  const planned = plan === "planned_ending";
  const plannedParams: Record<string, string> = initiative.plannedEndOn ? { plannedEndOn: isoDay(initiative.plannedEndOn) } : {};

  // --- Money -----------------------------------------------------------------------------------
  const granted = input.fundings.filter((f) => f.status === "granted");

  const uncoveredEnds: string[] = [];
  for (const f of granted) {
    if (f.endsOn === null) continue;
    const cover = replacementOf(f, input.fundings);
    if (cover.share >= 1) continue;
    const end = isoDay(f.endsOn);
    if (end < today) continue;
    // The runway runs until money really drops: an ending mostly covered does not shorten it.
    if (cover.share < t.coveredWatchShare) uncoveredEnds.push(end);
    const daysLeft = daysBetween(today, end);
    const base = endingSeverity(daysLeft, t);
    const severity = base && coveredSeverity(base, cover.share, t.coveredWatchShare);
    if (!severity || planCovers) continue;
    const params = {
      sourceName: f.sourceName,
      kind: f.kind,
      endsOn: end,
      daysLeft,
      monthsLeft: wholeMonthsBetween(today, end),
      renewalState: f.renewalState === "none" && cover.pending ? "applied" : f.renewalState,
      amountCentsPerYear: f.amountCentsPerYear,
      coveredCentsPerYear: cover.coveredCents,
      shortfallCentsPerYear: cover.shortfallCents,
    };
    const since = addDays(end, -t.horizonDays);
    if (planned) {
      flags.push({
        rule: "planned_ending",
        severity: "watch",
        since,
        subjectId: f.id,
        params: { ...params, ...plannedParams, phase: "ending" },
      });
    } else {
      flags.push({ rule: "funding_cliff", severity, since, subjectId: f.id, params });
    }
  }

  // Running on nothing: money existed, it has ended, and no granted stream pays for today.
  // A granted stream that only starts later does not pay for today: the gap counts too.
  const hadMoney = input.fundings.filter(
    (f) => f.status === "ended" || (f.status === "granted" && f.endsOn !== null && isoDay(f.endsOn) < today),
  );
  const fundedToday = granted.some((f) => fundsOn(f, today));
  let runningOnNothing = false;
  if (hadMoney.length > 0 && !fundedToday) {
    runningOnNothing = true;
    // The last day money ran: the latest past end date; a stream marked ended without one counts from its start.
    const [last] = hadMoney
      .map((f) => ({ f, end: f.endsOn !== null && isoDay(f.endsOn) < today ? isoDay(f.endsOn) : isoDay(f.startsOn) }))
      .sort((a, b) => (a.end > b.end ? -1 : a.end < b.end ? 1 : a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
    const lastEnd = last!.end;
    const latest = last!.f;
    const since = addDays(lastEnd, 1) <= today ? addDays(lastEnd, 1) : today;
    const params = { activityName: activity.name, lastEndsOn: lastEnd, sourceName: latest.sourceName, kind: latest.kind };
    if (initiative.status === "active" && !planCovers) {
      if (planned) {
        flags.push({
          rule: "planned_ending",
          severity: "watch",
          since,
          subjectId: activity.id,
          params: { ...params, ...plannedParams, phase: "ended" },
        });
      } else {
        flags.push({ rule: "running_on_nothing", severity: "urgent", since, subjectId: activity.id, params });
      }
    }
  }

  // Concentration: share of today's granted money per source.
  const paying = granted.filter((f) => f.amountCentsPerYear > 0);
  const sharesOn = (day: string): Map<string, number> => {
    const by = new Map<string, number>();
    let total = 0;
    for (const f of paying) {
      if (!fundsOn(f, day)) continue;
      by.set(f.sourceKey, (by.get(f.sourceKey) ?? 0) + f.amountCentsPerYear);
      total += f.amountCentsPerYear;
    }
    const shares = new Map<string, number>();
    if (total > 0) for (const [k, v] of by) shares.set(k, v / total);
    return shares;
  };
  const moneyPoints = paying.flatMap((f) => {
    const p = [isoDay(f.startsOn)];
    if (f.endsOn !== null) p.push(addDays(f.endsOn, 1));
    return p;
  });
  for (const [key, share] of [...sharesOn(today)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!(share > t.concentrationShare)) continue;
    const biggest = paying
      .filter((f) => f.sourceKey === key && fundsOn(f, today))
      .sort((a, b) => b.amountCentsPerYear - a.amountCentsPerYear || (a.id < b.id ? -1 : 1))[0]!;
    const since = heldSince(today, origin, moneyPoints, (d) => (sharesOn(d).get(key) ?? 0) > t.concentrationShare);
    flags.push({
      rule: "concentration",
      severity: "watch",
      since,
      subjectId: key,
      params: {
        activityName: activity.name,
        sourceName: biggest.sourceName,
        sourceKey: key,
        share: Math.round(share * 1000) / 1000,
        percent: Math.round(share * 100),
      },
    });
  }

  // --- People ----------------------------------------------------------------------------------
  const mine = input.involvements.filter((i) => i.activityId === null || i.activityId === activity.id);
  const peopleOn = (list: Involvement[], day: string): Set<string> => new Set(list.filter((i) => activeOn(i, day)).map((i) => i.personId));
  const activePeople = peopleOn(mine, today);

  // Key person: a critical role held by exactly one active person. A role nobody holds any more is not flagged here.
  // A reserve named on the holder's involvement (someone else who could take over) lowers it one step.
  const criticalRoles = [...new Set(mine.filter((i) => i.critical).map((i) => i.role))].sort();
  for (const role of criticalRoles) {
    const holders = mine.filter((i) => i.critical && i.role === role);
    const now = peopleOn(holders, today);
    if (now.size !== 1) continue;
    const holder = [...now][0]!;
    const reserve = holders.some((i) => i.personId === holder && activeOn(i, today) && !!i.reservePersonId && i.reservePersonId !== holder);
    const since = heldSince(today, origin, intervalPoints(holders), (d) => peopleOn(holders, d).size === 1);
    flags.push({
      rule: "key_person",
      severity: reserve ? "watch" : "at_risk",
      since,
      subjectId: role,
      params: { activityName: activity.name, role, personId: holder, reserve: reserve ? 1 : 0 },
    });
  }

  // Few volunteers: everyone active for the activity counts, whatever their role.
  if (activePeople.size <= 1) {
    const since = heldSince(today, origin, intervalPoints(mine), (d) => peopleOn(mine, d).size <= 1);
    flags.push({
      rule: "few_volunteers",
      severity: "at_risk",
      since,
      subjectId: activity.id,
      params: { activityName: activity.name, count: activePeople.size },
    });
  }

  // Shrinking: fewer than shrinkRatio × the people active on the same day last year (only when that was ≥ 3).
  const shrinkingOn = (day: string): { now: number; then: number } | null => {
    const then = peopleOn(mine, sameDayLastYear(day)).size;
    const now = peopleOn(mine, day).size;
    if (then < SHRINK_MIN_LAST_YEAR) return null;
    // A tiny epsilon so that 0.7 × 10 = 7 is not read as 7.000000001 (7 is not fewer than 7).
    return now < t.shrinkRatio * then - 1e-9 ? { now, then } : null;
  };
  const shrunk = shrinkingOn(today);
  if (shrunk) {
    const points = intervalPoints(mine);
    const since = heldSince(today, origin, [...points, ...points.map(firstDayAYearAfter)], (d) => shrinkingOn(d) !== null);
    flags.push({
      rule: "shrinking",
      severity: "watch",
      since,
      subjectId: activity.id,
      params: { activityName: activity.name, now: shrunk.now, lastYear: shrunk.then, lastYearOn: sameDayLastYear(today) },
    });
  }

  // --- Places and partners ---------------------------------------------------------------------
  const fac = input.facility;
  if (fac && fac.agreementEndsOn !== null && fac.renewalState !== "granted") {
    const end = isoDay(fac.agreementEndsOn);
    const daysLeft = daysBetween(today, end);
    // An agreement that has run out while the activity still uses the place stays urgent.
    const severity = daysLeft < 0 ? "urgent" : endingSeverity(daysLeft, t);
    if (severity) {
      flags.push({
        rule: "facility_ending",
        severity,
        since: addDays(end, -t.horizonDays),
        subjectId: fac.id,
        params: {
          facilityName: fac.name,
          endsOn: end,
          daysLeft,
          monthsLeft: wholeMonthsBetween(today, end),
          renewalState: fac.renewalState,
          phase: daysLeft < 0 ? "ended" : "ending",
        },
      });
    }
  }
  for (const c of input.commitments) {
    if (c.endsOn === null || c.renewalState === "granted") continue;
    const end = isoDay(c.endsOn);
    const daysLeft = daysBetween(today, end);
    // A commitment that has ended is history, not a risk.
    const severity = endingSeverity(daysLeft, t);
    if (!severity) continue;
    flags.push({
      rule: "commitment_ending",
      severity,
      since: addDays(end, -t.horizonDays),
      subjectId: c.id,
      params: {
        partnerName: c.partnerName,
        description: c.description,
        endsOn: end,
        daysLeft,
        monthsLeft: wholeMonthsBetween(today, end),
        renewalState: c.renewalState,
      },
    });
  }

  // --- Staleness -------------------------------------------------------------------------------
  const lastCheckin = input.lastCheckinAt
    ? isoDay(input.lastCheckinAt)
    : input.lastCheckinYear !== null
      ? `${String(input.lastCheckinYear).padStart(4, "0")}-12-31`
      : null;
  // Without any check-in the clock starts when the activity was recorded (or the earliest date known).
  const checkinClock = lastCheckin ?? (input.activity.createdOn ? isoDay(input.activity.createdOn) : origin);
  const staleFrom = addDays(addMonths(checkinClock, t.staleCheckinMonths), 1);
  if (staleFrom <= today) {
    flags.push({
      rule: "stale_checkin",
      severity: "watch",
      since: staleFrom,
      subjectId: initiative.id,
      params: lastCheckin
        ? { lastCheckinOn: lastCheckin, months: t.staleCheckinMonths }
        : { months: t.staleCheckinMonths, startedOn: checkinClock },
    });
  }
  for (const a of input.assets) {
    const from = addDays(addMonths(a.lastConfirmedOn, t.staleAssetMonths), 1);
    if (from > today) continue;
    flags.push({
      rule: "stale_asset",
      severity: "watch",
      since: from,
      subjectId: a.id,
      params: { assetName: a.name, lastConfirmedOn: isoDay(a.lastConfirmedOn), months: t.staleAssetMonths },
    });
  }

  // --- Upkeep ----------------------------------------------------------------------------------
  for (const task of input.overdueTasks) {
    const since = isoDay(task.overdueSince);
    if (since > today) continue;
    const daysOverdue = daysBetween(since, today);
    flags.push({
      rule: "neglected_upkeep",
      severity: daysOverdue > URGENT_OVERDUE_DAYS ? "urgent" : "at_risk",
      since,
      subjectId: task.id,
      params: { title: task.title, dueOn: isoDay(task.dueOn), overdueSince: since, daysOverdue },
    });
  }

  // --- Runway ----------------------------------------------------------------------------------
  // Money only (continuation plans do not count): 0 when no money runs today but some did;
  // otherwise whole months until the first uncovered end; null when nothing ends uncovered.
  uncoveredEnds.sort();
  const firstEnd = uncoveredEnds[0];
  const runwayMonths = runningOnNothing ? 0 : firstEnd !== undefined ? wholeMonthsBetween(today, firstEnd) : null;

  flags.sort(
    (a, b) =>
      RANK[b.severity] - RANK[a.severity] ||
      (a.since < b.since ? -1 : a.since > b.since ? 1 : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
  );
  return { level: worst(flags.map((f) => f.severity)), flags, runwayMonths };
}
