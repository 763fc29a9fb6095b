// The partner's story in a few lines, before any table: the money that ends in the coming quarters
// and how much of it is not arranged ("€ 9.000 stopt in K1 2027, nog niets geregeld"), the
// activities that are urgent, and whether there are more or fewer volunteers than last year.
// Pure: it reads the overview's own figures, so it can never say something the tables do not.
import type { Overview } from "./overview";

/** How many quarters the headline looks ahead (today's quarter included). */
export const HEADLINE_QUARTERS = 4;
/** How many urgent activities the headline names. */
export const HEADLINE_URGENT = 3;

export type HeadlineMoney = { key: string; year: number; quarter: number; cents: number; shortfall: number; pending: number };

export type Headline = {
  /** The quarters among the next HEADLINE_QUARTERS in which money ends, in order. */
  money: HeadlineMoney[];
  /** All money ending in those quarters, and what of it is not arranged. */
  moneyCents: number;
  shortfallCents: number;
  urgent: number;
  atRisk: number;
  /** The most urgent activities (at most HEADLINE_URGENT), each with its first reason. */
  urgentItems: { activityId: string; activityName: string; initiativeId: string; initiativeName: string; reason: string | null }[];
  /** Volunteers this year and last year; null when neither year had any. */
  volunteers: { year: number; count: number; lastYear: number; lastCount: number } | null;
};

export function headlineOf(o: Omit<Overview, "headline">): Headline {
  const money = o.cliff.quarters
    .slice(0, HEADLINE_QUARTERS)
    .filter((q) => q.cents > 0)
    .map((q) => ({ key: q.key, year: q.year, quarter: q.quarter, cents: q.cents, shortfall: q.shortfall, pending: q.pending }));
  const urgentItems = o.atRisk
    .filter((r) => r.level === "urgent")
    .slice(0, HEADLINE_URGENT)
    .map((r) => ({
      activityId: r.activityId,
      activityName: r.activityName,
      initiativeId: r.initiativeId,
      initiativeName: r.initiativeName,
      reason: r.flags[0]?.reason ?? null,
    }));
  const last = o.years.at(-1);
  const before = o.years.at(-2);
  return {
    money,
    moneyCents: money.reduce((s, q) => s + q.cents, 0),
    shortfallCents: money.reduce((s, q) => s + q.shortfall, 0),
    urgent: o.levels.urgent,
    atRisk: o.levels.at_risk,
    urgentItems,
    volunteers:
      last && before && (last.volunteers > 0 || before.volunteers > 0)
        ? { year: last.year, count: last.volunteers, lastYear: before.year, lastCount: before.volunteers }
        : null,
  };
}
