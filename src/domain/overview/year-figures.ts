// Year-on-year figures from intervals (since–until), pure. An erased person is still an id in
// their involvements, so they keep counting in the years they were active.

export type Interval = { personId: string; since: string; until: string | null };

export type VolunteerYear = {
  year: number;
  /** Distinct people with an interval overlapping the year. */
  active: number;
  /** Active this year, not active the year before. */
  newcomers: number;
  /** Active the year before, not active this year. */
  leavers: number;
  /** Active this year and the year before. */
  returning: number;
  /** returning ÷ active the year before; null when nobody was active the year before. */
  retention: number | null;
};

function yearBounds(year: number): { first: string; last: string } {
  const y = String(year).padStart(4, "0");
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** True when [since, until] (until null = still going) overlaps the calendar year. Dates compare as strings. */
export function overlapsYear(iv: { since: string; until: string | null }, year: number): boolean {
  const { first, last } = yearBounds(year);
  const since = iv.since.slice(0, 10);
  const until = iv.until === null ? null : iv.until.slice(0, 10);
  if (until !== null && until < since) return false; // a broken interval counts nowhere
  return since <= last && (until === null || until >= first);
}

/** The ids active in a year (an id may have several intervals). */
export function activeIdsInYear<T extends { since: string; until: string | null }>(
  items: T[],
  idOf: (item: T) => string,
  year: number,
): Set<string> {
  const out = new Set<string>();
  for (const item of items) if (overlapsYear(item, year)) out.add(idOf(item));
  return out;
}

/** Per year, in the order asked: active, newcomers, leavers, returning, retention. active = returning + newcomers. */
export function volunteerYears(involvements: Interval[], years: number[]): VolunteerYear[] {
  return years.map((year) => {
    const now = activeIdsInYear(involvements, (i) => i.personId, year);
    const before = activeIdsInYear(involvements, (i) => i.personId, year - 1);
    let returning = 0;
    for (const id of now) if (before.has(id)) returning++;
    return {
      year,
      active: now.size,
      newcomers: now.size - returning,
      leavers: before.size - returning,
      returning,
      retention: before.size === 0 ? null : returning / before.size,
    };
  });
}
