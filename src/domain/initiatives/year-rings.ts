// The "year rings" of an initiative: each year's status, volunteers, funding mix and story side by
// side, with what changed since the year before. Pure: the initiative page reads the rows.
import { overlapsYear, volunteerYears, type Interval } from "../overview/year-figures";

export const MAX_RINGS = 12;

type Checkin = { year: number; status: string; volunteers: number; peopleReached: number; story: string };
type Funding = {
  sourceName: string;
  sourceKey: string;
  kind: string;
  amountCentsPerYear: number;
  startsOn: string;
  endsOn: string | null;
  status: string;
};

export type Ring = {
  year: number;
  status: string | null; // from that year's check-in
  volunteers: number; // from the intervals (so erased people still count)
  newcomers: number;
  leavers: number;
  peopleReached: number | null;
  story: string | null;
  funding: { kind: string; cents: number }[]; // granted money running in that year, by kind
  sources: number; // distinct sources of that money
  changes: Change[]; // compared with the year before
};

export type Change =
  { kind: "volunteers"; delta: number } | { kind: "sources"; from: number; to: number } | { kind: "status"; from: string; to: string };

export function buildYearRings(input: {
  startedYear: number;
  thisYear: number;
  checkins: Checkin[];
  involvements: Interval[];
  fundings: Funding[];
}): Ring[] {
  const first = Math.max(input.startedYear, input.thisYear - MAX_RINGS + 1);
  const years: number[] = [];
  for (let y = first; y <= input.thisYear; y++) years.push(y);
  const people = volunteerYears(input.involvements, years);
  const rings = years.map((year, i): Ring => {
    const c = input.checkins.find((x) => x.year === year);
    const running = input.fundings.filter(
      (f) => f.status !== "rejected" && f.status !== "applied" && overlapsYear({ since: f.startsOn, until: f.endsOn }, year),
    );
    const byKind = new Map<string, number>();
    for (const f of running) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + f.amountCentsPerYear);
    const v = people[i]!;
    return {
      year,
      status: c?.status ?? null,
      volunteers: v.active,
      newcomers: v.newcomers,
      leavers: v.leavers,
      peopleReached: c?.peopleReached ?? null,
      story: c?.story || null,
      funding: [...byKind].map(([kind, cents]) => ({ kind, cents })).sort((a, b) => b.cents - a.cents || (a.kind < b.kind ? -1 : 1)),
      sources: new Set(running.map((f) => f.sourceKey)).size,
      changes: [],
    };
  });
  for (let i = 1; i < rings.length; i++) {
    const before = rings[i - 1]!;
    const ring = rings[i]!;
    if (ring.volunteers !== before.volunteers) ring.changes.push({ kind: "volunteers", delta: ring.volunteers - before.volunteers });
    if (ring.sources !== before.sources) ring.changes.push({ kind: "sources", from: before.sources, to: ring.sources });
    if (ring.status && before.status && ring.status !== before.status)
      ring.changes.push({ kind: "status", from: before.status, to: ring.status });
  }
  return rings.reverse(); // newest first
}

/** The rings from the initiative's check-ins, involvement intervals and (unarchived and archived) funding streams. */
export function yearRingsFrom(
  initiative: { startedYear: number },
  thisYear: number,
  rows: {
    checkins: Checkin[];
    intervals: Interval[];
    fundings: (Omit<Funding, "sourceKey"> & { sourcePartnerId: string | null; archivedAt: string | null })[];
  },
) {
  return buildYearRings({
    startedYear: initiative.startedYear,
    thisYear,
    checkins: rows.checkins,
    involvements: rows.intervals,
    fundings: rows.fundings
      .filter((f) => !f.archivedAt)
      .map((f) => ({ ...f, sourceKey: f.sourcePartnerId ?? f.sourceName.trim().toLowerCase() })),
  });
}
