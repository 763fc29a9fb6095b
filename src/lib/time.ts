// Time is a parameter of the domain: these helpers take it, they never read the clock.

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** "2026-11-28" (en-CA writes dates as ISO does); built once, as Intl formatters are costly to build. */
const AMSTERDAM_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in the Netherlands (where a day starts at midnight in Amsterdam, not in UTC). */
export function localToday(now: Date): string {
  return AMSTERDAM_DAY.format(now);
}
