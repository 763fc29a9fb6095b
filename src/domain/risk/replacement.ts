// What replaces an ending funding stream's money, and how much that lowers the risk. Pure, like
// the rules that use it (rules.ts): a renewal granted on the stream itself, or streams explicitly
// marked as its successor. The overview's funding cliff (src/domain/overview/sql.ts, `cliff`)
// applies the same rule in SQL; test/domain/overview checks both on the same world.
import { addDays, dayOf as isoDay } from "../../lib/dates";
import { SEVERITIES, severityRank, type ActivityInput, type Severity } from "./rules";

type Funding = ActivityInput["fundings"][number];

/** What replaces an ending stream's money, per year. */
export type Replacement = {
  /** Granted money that replaces it (its own granted renewal counts in full), at most its amount. */
  coveredCents: number;
  /** Its amount minus what is covered: the money that falls away. */
  shortfallCents: number;
  /** coveredCents ÷ amount (0–1); a stream of € 0 counts as covered when anything granted replaces it. */
  share: number;
  /** A renewal planned or applied for, or a successor applied for, that is not granted yet. */
  pending: boolean;
};

/**
 * The money that replaces `f` when it ends: a renewal granted on `f` itself replaces all of it;
 * otherwise the granted streams explicitly marked as its successor (`replacesId`) that start by
 * the day after `f` ends and run past that end. Money that merely runs beside `f` replaces nothing.
 */
export function replacementOf(f: Funding, all: readonly Funding[]): Replacement {
  const amount = f.amountCentsPerYear;
  if (f.renewalState === "granted" || f.endsOn === null) return { coveredCents: amount, shortfallCents: 0, share: 1, pending: false };
  const end = isoDay(f.endsOn);
  const dayAfter = addDays(end, 1);
  const successors = all.filter((g) => g.id !== f.id && g.replacesId === f.id);
  const granted = successors.filter(
    (g) => g.status === "granted" && isoDay(g.startsOn) <= dayAfter && (g.endsOn === null || isoDay(g.endsOn) > end),
  );
  const coveredCents = Math.min(
    amount,
    granted.reduce((sum, g) => sum + g.amountCentsPerYear, 0),
  );
  const share = amount > 0 ? coveredCents / amount : granted.length > 0 ? 1 : 0;
  const pending = f.renewalState === "planned" || f.renewalState === "applied" || successors.some((g) => g.status === "applied");
  return { coveredCents, shortfallCents: amount - coveredCents, share, pending };
}

/**
 * The severity of an ending that is covered in part: lowered only in proportion to the covered
 * share. At `watchShare` or more it is only "watch"; below it an urgent ending steps down to
 * "at risk" from half of `watchShare`. Fully covered (share 1): no flag at all (null).
 */
export function coveredSeverity(base: Severity, share: number, watchShare: number): Severity | null {
  if (share >= 1) return null;
  const steps = severityRank(base) - severityRank("watch");
  if (steps <= 0) return base;
  const lowered = Math.min(steps, Math.floor((Math.max(0, share) / watchShare) * steps + 1e-9));
  return SEVERITIES[severityRank(base) - lowered]!;
}
