// Instants (moments in time, Date): time is a parameter of the domain, so these helpers take it and
// never read the clock. Calendar dates ('YYYY-MM-DD') and "today" live in ./dates.

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

/** Whole days of 24 hours later (expiry of links and sessions), not calendar days: see ./dates for those. */
export function addDaysToInstant(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
