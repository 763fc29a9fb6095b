// Pure schedule maths for maintenance tasks (onderhoudstaken).
//
// No database, no clock, no local time zones: `today` is always passed in and every date is an
// ISO calendar date 'YYYY-MM-DD'. The calendar arithmetic is the date module's (src/lib/dates), so
// results never depend on the runtime's time zone or on DST.
//
// An occurrence is identified by its due date. It is resolved by a `done` or `not_applicable`
// event whose occurrenceDueOn equals that due date. Only ever ONE occurrence is current per task:
// missed occurrences are not piled up.
import { formatDate, formatMonth } from "../../i18n/format";
import { addDays, addMonths, addYears, dateOf, daysBetween, lastDayOfMonth, laterOf, monthOf, yearOf } from "../../lib/dates";

export type ScheduleSpec = {
  scheduleKind: "once" | "interval" | "window" | "relative";
  dueOn: string | null; // once: the date; interval: first due date (anchor)
  intervalCount: number | null; // interval: N
  intervalUnit: "day" | "week" | "month" | "year" | null;
  intervalFrom: "due" | "completion" | null; // from previous due date, or from last completion
  windowStartMonth: number | null; // window: 1..12; may wrap the year (11..2 = Nov–Feb)
  windowEndMonth: number | null;
  relativeOffsetDays: number | null; // relative: days from the anchor date (negative = before)
  leadDays: number; // first reminder this many days before due
  graceDays: number; // after due + graceDays it is overdue
  endsOn: string | null; // no occurrences after this date
};

export type TaskEventLite = {
  kind: "done" | "not_applicable" | "snoozed";
  occurrenceDueOn: string;
  on: string;
  snoozedUntil: string | null;
};

export type Occurrence = {
  dueOn: string;
  remindFrom: string;
  overdueAfter: string;
  state: "upcoming" | "due" | "overdue";
  snoozedUntil: string | null;
};

type IntervalUnit = "day" | "week" | "month" | "year";

function addUnits(iso: string, n: number, unit: IntervalUnit): string {
  switch (unit) {
    case "day":
      return addDays(iso, n);
    case "week":
      return addDays(iso, 7 * n);
    case "month":
      return addMonths(iso, n);
    case "year":
      return addYears(iso, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Event helpers
// ---------------------------------------------------------------------------------------------

function isResolution(e: TaskEventLite): boolean {
  return e.kind === "done" || e.kind === "not_applicable";
}

function resolvedDueDates(events: TaskEventLite[]): Set<string> {
  return new Set(events.filter(isResolution).map((e) => e.occurrenceDueOn));
}

function latestResolvedDueOn(events: TaskEventLite[]): string | null {
  let latest: string | null = null;
  for (const e of events) if (isResolution(e)) latest = latest === null ? e.occurrenceDueOn : laterOf(latest, e.occurrenceDueOn);
  return latest;
}

// "Latest" event by the date it happened (`on`); on a tie the one later in the list wins
// (callers pass events in the order they were recorded).
function latestByOn(events: TaskEventLite[], tieBreakDue = false): TaskEventLite | null {
  let best: TaskEventLite | null = null;
  for (const e of events) {
    if (best === null || e.on > best.on || (e.on === best.on && (!tieBreakDue || e.occurrenceDueOn >= best.occurrenceDueOn))) {
      best = e;
    }
  }
  return best;
}

function snoozeFor(dueOn: string, events: TaskEventLite[], today: string): string | null {
  // The most recent snooze wins, even if it is shorter than an earlier one (the person changed
  // their mind). It only counts while it still lies in the future.
  const latest = latestByOn(events.filter((e) => e.kind === "snoozed" && e.occurrenceDueOn === dueOn && e.snoozedUntil !== null));
  return latest?.snoozedUntil != null && latest.snoozedUntil > today ? latest.snoozedUntil : null;
}

function makeOccurrence(spec: ScheduleSpec, dueOn: string, remindFrom: string, events: TaskEventLite[], today: string): Occurrence | null {
  if (spec.endsOn !== null && dueOn > spec.endsOn) return null;
  const overdueAfter = addDays(dueOn, spec.graceDays);
  const state = today < dueOn ? "upcoming" : today <= overdueAfter ? "due" : "overdue";
  // State is always computed from the dates; a snooze only tells callers to hold reminders.
  return { dueOn, remindFrom, overdueAfter, state, snoozedUntil: snoozeFor(dueOn, events, today) };
}

// ---------------------------------------------------------------------------------------------
// Interval
// ---------------------------------------------------------------------------------------------

type IntervalRule = { n: number; unit: IntervalUnit };

function intervalRule(spec: ScheduleSpec): IntervalRule | null {
  const n = spec.intervalCount;
  if (n === null || !Number.isInteger(n) || n < 1 || spec.intervalUnit === null) return null;
  return { n, unit: spec.intervalUnit };
}

// First occurrence of the fixed grid anchor + k·N units (k ≥ 0) that is strictly after `after`.
// Each occurrence is computed from the anchor, not chained from the previous one, so a monthly
// task anchored on 31 Jan stays on month ends (28/29 Feb, 31 Mar, 30 Apr) instead of drifting.
function firstGridAfter(anchor: string, rule: IntervalRule, after: string): string {
  if (after < anchor) return anchor;
  if (rule.unit === "day" || rule.unit === "week") {
    const step = rule.unit === "week" ? 7 * rule.n : rule.n;
    const diff = daysBetween(anchor, after);
    return addDays(anchor, (Math.floor(diff / step) + 1) * step);
  }
  const stepMonths = rule.unit === "year" ? 12 * rule.n : rule.n;
  const monthsDiff = yearOf(after) * 12 + monthOf(after) - (yearOf(anchor) * 12 + monthOf(anchor));
  let k = Math.max(0, Math.floor(monthsDiff / stepMonths) - 1); // a grid point at or before `after`
  let occ = addMonths(anchor, k * stepMonths);
  while (occ <= after) {
    k += 1;
    occ = addMonths(anchor, k * stepMonths);
  }
  return occ;
}

// Steps forward while the candidate is already resolved, so a resolved occurrence is never
// reported again (e.g. a very early completion whose "+N" lands on an answered due date).
function skipResolved(candidate: string, resolved: Set<string>, next: (d: string) => string): string {
  let c = candidate;
  for (let i = 0; i <= resolved.size && resolved.has(c); i++) c = next(c);
  return c;
}

function intervalFromDueAfter(anchor: string, rule: IntervalRule, after: string, resolved: Set<string>): string {
  return skipResolved(firstGridAfter(anchor, rule, after), resolved, (d) => firstGridAfter(anchor, rule, d));
}

function intervalFromCompletionCurrent(spec: ScheduleSpec, rule: IntervalRule, events: TaskEventLite[]): string | null {
  // The latest resolution (by the date it happened) decides: after `done` count from the
  // completion date; after `not_applicable` count from the skipped occurrence's due date.
  const latest = latestByOn(events.filter(isResolution), true);
  if (latest === null) return spec.dueOn; // nothing answered yet: the first due date
  const base = latest.kind === "done" ? latest.on : latest.occurrenceDueOn;
  return skipResolved(addUnits(base, rule.n, rule.unit), resolvedDueDates(events), (d) => addUnits(d, rule.n, rule.unit));
}

// ---------------------------------------------------------------------------------------------
// Window (one occurrence per year, due on the last day of the window's end month)
// ---------------------------------------------------------------------------------------------

type Window = { start: string; due: string };

function windowMonths(spec: ScheduleSpec): { s: number; e: number } | null {
  const s = spec.windowStartMonth;
  const e = spec.windowEndMonth;
  const ok = (v: number | null): v is number => v !== null && Number.isInteger(v) && v >= 1 && v <= 12;
  return ok(s) && ok(e) ? { s, e } : null;
}

// The window that starts in year y. A wrapping window (Nov–Feb) starting in Nov y ends in Feb y+1.
function windowStartingIn(months: { s: number; e: number }, y: number): Window {
  const dueYear = months.s <= months.e ? y : y + 1;
  return { start: dateOf(y, months.s, 1), due: lastDayOfMonth(dueYear, months.e) };
}

// First window whose due date is on/after `from` (or strictly after when `strict`) and unresolved.
function firstWindowFrom(months: { s: number; e: number }, from: string, strict: boolean, resolved: Set<string>): Window {
  let y = yearOf(from) - 2;
  let w = windowStartingIn(months, y);
  for (let guard = 0; guard < resolved.size + 10_000; guard++) {
    const after = strict ? w.due > from : w.due >= from;
    if (after && !resolved.has(w.due)) break;
    y += 1;
    w = windowStartingIn(months, y);
  }
  return w;
}

function windowCurrent(spec: ScheduleSpec, months: { s: number; e: number }, events: TaskEventLite[], today: string): Window {
  const resolved = resolvedDueDates(events);
  const latest = latestResolvedDueOn(events);
  // With history: the earliest unanswered window not before the latest answered one. A window
  // missed after that stays current (and overdue): that is real neglected upkeep.
  if (latest !== null) return firstWindowFrom(months, latest, false, resolved);
  // Without history there is no starting point, so look at today: the window containing today;
  // else the window that just ended while it is still within its grace days; else the next one.
  // A window that ended long before anyone looked at the task must not stay overdue forever.
  const ty = yearOf(today);
  const candidates = [ty - 2, ty - 1, ty, ty + 1].map((y) => windowStartingIn(months, y));
  const containing = candidates.find((w) => w.start <= today && today <= w.due);
  if (containing) return containing;
  const past = candidates.filter((w) => w.due < today).at(-1);
  if (past && today <= addDays(past.due, spec.graceDays)) return past;
  return candidates.find((w) => w.start > today) ?? windowStartingIn(months, ty + 2);
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * The one occurrence that needs attention now (the earliest unresolved one, per kind), or null
 * when there is none: a resolved one-off, a relative task whose anchor is gone, past `endsOn`,
 * or an incomplete spec (missing interval/window fields) — never throws on those.
 */
export function currentOccurrence(
  spec: ScheduleSpec,
  events: TaskEventLite[],
  today: string,
  anchorDate?: string | null,
): Occurrence | null {
  const withLead = (dueOn: string | null): Occurrence | null =>
    dueOn === null ? null : makeOccurrence(spec, dueOn, addDays(dueOn, -spec.leadDays), events, today);

  switch (spec.scheduleKind) {
    case "once": {
      if (spec.dueOn === null || resolvedDueDates(events).has(spec.dueOn)) return null;
      return withLead(spec.dueOn);
    }
    case "interval": {
      const rule = intervalRule(spec);
      if (rule === null) return null;
      if (spec.intervalFrom === "completion") return withLead(intervalFromCompletionCurrent(spec, rule, events));
      // From due (also the default when intervalFrom is unset): the first grid occurrence after
      // the latest answered one. Older unanswered ones were superseded and are skipped.
      if (spec.dueOn === null) return null;
      const latest = latestResolvedDueOn(events);
      if (latest === null) return withLead(spec.dueOn);
      return withLead(intervalFromDueAfter(spec.dueOn, rule, latest, resolvedDueDates(events)));
    }
    case "window": {
      const months = windowMonths(spec);
      if (months === null) return null;
      const w = windowCurrent(spec, months, events, today);
      // Reminders start when the window opens; leadDays is not used for windows.
      return makeOccurrence(spec, w.due, w.start, events, today);
    }
    case "relative": {
      // The due date follows the anchor: if the anchor moves, that is a new (unresolved)
      // occurrence; if the anchor disappears, there is nothing to do.
      if (anchorDate == null || spec.relativeOffsetDays === null) return null;
      const dueOn = addDays(anchorDate, spec.relativeOffsetDays);
      if (resolvedDueDates(events).has(dueOn)) return null;
      return withLead(dueOn);
    }
  }
}

/**
 * The due date of the occurrence that follows the resolved occurrence `resolvedDueOn`, by the
 * schedule's rule (null for one-offs, relative tasks, incomplete specs and past `endsOn`).
 * `events` should include the resolving event; for interval-from-completion its `on` date counts.
 */
export function nextOccurrenceAfter(
  spec: ScheduleSpec,
  resolvedDueOn: string,
  events: TaskEventLite[],
  anchorDate?: string | null,
): string | null {
  void anchorDate; // relative tasks have one occurrence per anchor position: no "next"
  const resolved = resolvedDueDates(events);
  let next: string | null = null;
  switch (spec.scheduleKind) {
    case "once":
    case "relative":
      return null;
    case "interval": {
      const rule = intervalRule(spec);
      if (rule === null) return null;
      if (spec.intervalFrom === "completion") {
        const resolution = latestByOn(events.filter((e) => isResolution(e) && e.occurrenceDueOn === resolvedDueOn));
        // Without a recorded resolution, count from the due date (as for not_applicable).
        const base = resolution?.kind === "done" ? resolution.on : resolvedDueOn;
        next = skipResolved(addUnits(base, rule.n, rule.unit), resolved, (d) => addUnits(d, rule.n, rule.unit));
      } else {
        const anchor = spec.dueOn ?? resolvedDueOn;
        next = intervalFromDueAfter(anchor, rule, resolvedDueOn, resolved);
      }
      break;
    }
    case "window": {
      const months = windowMonths(spec);
      if (months === null) return null;
      next = firstWindowFrom(months, resolvedDueOn, true, resolved).due;
      break;
    }
  }
  return spec.endsOn !== null && next > spec.endsOn ? null : next;
}

// ---------------------------------------------------------------------------------------------
// Plain-language description
// ---------------------------------------------------------------------------------------------

const UNIT_WORDS: Record<"nl" | "en", Record<IntervalUnit, [string, string]>> = {
  nl: { day: ["dag", "dagen"], week: ["week", "weken"], month: ["maand", "maanden"], year: ["jaar", "jaar"] },
  en: { day: ["day", "days"], week: ["week", "weeks"], month: ["month", "months"], year: ["year", "years"] },
};

function describeOffset(days: number, locale: "nl" | "en"): string {
  if (days === 0) return locale === "nl" ? "op de datum" : "on the date";
  const abs = Math.abs(days);
  const [count, unit]: [number, IntervalUnit] = abs % 7 === 0 ? [abs / 7, "week"] : [abs, "day"];
  const words = UNIT_WORDS[locale][unit];
  const amount = `${count} ${count === 1 ? words[0] : words[1]}`;
  if (locale === "nl") return `${amount} ${days < 0 ? "vóór" : "na"} de datum`;
  return `${amount} ${days < 0 ? "before" : "after"} the date`;
}

/** Plain words for a schedule, e.g. "Elk jaar, in maart" or "Every 2 months, counted from the last time". */
export function describeSchedule(spec: ScheduleSpec, locale: "nl" | "en"): string {
  const nl = locale === "nl";
  let text: string;
  switch (spec.scheduleKind) {
    case "once":
      text = spec.dueOn === null ? (nl ? "Eenmalig" : "Once") : `${nl ? "Eenmalig op" : "Once on"} ${formatDate(locale, spec.dueOn)}`;
      break;
    case "interval": {
      const rule = intervalRule(spec);
      if (rule === null) {
        text = nl ? "Regelmatig" : "Regularly";
        break;
      }
      const words = UNIT_WORDS[locale][rule.unit];
      if (rule.n === 1) {
        // Dutch: "elk jaar" (het-woord) but "elke dag/week/maand".
        text = nl ? `${rule.unit === "year" ? "Elk" : "Elke"} ${words[0]}` : `Every ${words[0]}`;
      } else {
        text = nl ? `Elke ${rule.n} ${words[1]}` : `Every ${rule.n} ${words[1]}`;
      }
      if (spec.intervalFrom === "completion") text += nl ? ", gerekend vanaf de laatste keer" : ", counted from the last time";
      break;
    }
    case "window": {
      const months = windowMonths(spec);
      if (months === null) {
        text = nl ? "Elk jaar" : "Every year";
      } else if (months.s === months.e) {
        text = nl ? `Elk jaar, in ${formatMonth(locale, months.s)}` : `Every year, in ${formatMonth(locale, months.s)}`;
      } else {
        const from = formatMonth(locale, months.s);
        const to = formatMonth(locale, months.e);
        text = nl ? `Elk jaar, tussen ${from} en ${to}` : `Every year, between ${from} and ${to}`;
      }
      break;
    }
    case "relative":
      // Only the offset words: the caller names the anchor ("de einddatum van de financiering").
      text = describeOffset(spec.relativeOffsetDays ?? 0, locale);
      break;
  }
  if (spec.endsOn !== null) text += nl ? `, tot en met ${formatDate(locale, spec.endsOn)}` : `, until ${formatDate(locale, spec.endsOn)}`;
  return text;
}
