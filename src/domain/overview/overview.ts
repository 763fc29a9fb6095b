// The partner sustainability overview: one honest picture of how lasting a neighbourhood's
// initiatives are, per neighbourhood or across all the neighbourhoods a viewer may see.
// All figures come from ONE statement (read-parts.ts folds every part of sql.ts into one row);
// this file only shapes the rows. A CSV download reads only the parts of its table, also in one
// statement. On a day the stored rollup cannot serve (a new year before the daily run, "now" not
// moved to today yet) the parts that come from it are read again, counted live: one statement
// more (readOverview). `today` is a parameter.
//
// Counting rules (also shown on the page):
// - Archived initiatives (and everything under them) are left out of every figure.
// - Now, risk levels, the at-risk list, the funding cliff: living initiatives (active or paused)
//   and their activities that are not archived (sql.ts, LIVING_STATUSES). Stopped and handed-over
//   initiatives count in the past years and continuity.
// - Active initiative in year Y: started in or before Y, and its check-in for Y says active or
//   paused; without a check-in for Y, it is active or paused now, or it stopped / was handed over
//   in a later year than Y (status_since). Stopped / handed over in Y: its check-in for Y says so,
//   or its current status was set in Y.
// - Volunteers in Y: distinct people with an involvement overlapping Y (erased people included:
//   their rows remain). Newcomers: active in Y, not in Y−1; leavers: active in Y−1, not in Y;
//   retention: returning ÷ active in Y−1.
// - Money in Y: the yearly amount of each granted (or since ended) stream running during part of Y.
// - Funding cliff: granted streams whose end date falls in today's quarter or the seven after:
//   arranged (renewal granted, or granted successors: src/domain/risk/replacement.ts), pending
//   (renewal or successor applied for or planned) and nothing arranged; the shortfall is what is
//   not arranged.
import type { Db } from "../../db/client";
import { ASSET_CATEGORIES, FUNDING_KINDS, type Locale } from "../../db/schema";
import type { CurrentUser } from "../auth/access";
import { SEVERITIES, type Flag, type Severity } from "../risk/rules";
import { addMonths, addQuarters, yearOf, type Quarter as DateQuarter } from "../../lib/dates";
import { publicFlag, type PublicFlag } from "../risk/flag-view";
import { readParts } from "./read-parts";
import {
  NO_LIMITS,
  PART_NAMES,
  ROLLUP_PARTS,
  type ListLimits,
  type OverviewScope,
  type PartName,
  type PartRow,
  type QueryParams,
} from "./sql";
import { headlineOf, type Headline } from "./headline";

export type { OverviewScope, ListLimits };
export { NO_LIMITS };
export type FundingKind = (typeof FUNDING_KINDS)[number];
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
/** The money ending in a quarter: arranged (renewal or successor granted), pending (applied or planned), nothing arranged. */
export type CliffBucket = "arranged" | "pending" | "none";
export const CLIFF_BUCKETS: readonly CliffBucket[] = ["arranged", "pending", "none"];
export { FUNDING_KINDS, ASSET_CATEGORIES };

/** How many years the year-on-year figures cover (up to and including this year). */
export const YEARS_BACK = 10;
/** How many quarters the funding cliff looks ahead (today's quarter included). */
export const CLIFF_QUARTERS = 8;

export type Quarter = DateQuarter & { key: string };

/** Today's quarter and the ones after it; key "2026-3" is the third quarter of 2026. */
export function quartersFrom(today: string, count = CLIFF_QUARTERS): Quarter[] {
  return Array.from({ length: count }, (_, i) => {
    const q = addQuarters(today, i);
    return { key: `${q.year}-${q.quarter}`, ...q };
  });
}

/** A neighbourhood in scope with its own figures (now, risk, money ending within two years and its shortfall). */
export type NeighbourhoodFigures = PartRow<"hoods">;
export type NowFigures = PartRow<"now">;

export type AtRiskItem = Omit<PartRow<"atRisk">, "level" | "flags" | "coordinators"> & {
  level: Severity;
  /** In the one public flag shape, in the viewer's language, without volunteers' names. */
  flags: PublicFlag[];
  /** Coordinators' names: the only people partners see by name. */
  coordinators: string[];
};

export type CliffQuarter = Quarter & {
  /** Money per year ending this quarter: all of it, and split into arranged, pending and nothing arranged. */
  cents: number;
  arranged: number;
  pending: number;
  none: number;
  /** What is not arranged: pending + none. */
  shortfall: number;
  streams: number;
  /** Of that, the viewing partner's own streams (all of it, and what is not arranged). */
  ownCents: number;
  ownShortfall: number;
  ownStreams: number;
  /** Counted activities linked to the money ending this quarter; of those, to money not (all) arranged. */
  activities: number;
  shortfallActivities: number;
  commitments: number;
  ownCommitments: number;
};

export type OwnItem = Omit<PartRow<"own">, "total" | "type"> & { type: "funding" | "commitment" };

export type YearFigures = {
  year: number;
  activeInitiatives: number;
  started: number;
  stopped: number;
  handedOver: number;
  volunteers: number;
  newcomers: number;
  leavers: number;
  returning: number;
  retention: number | null;
  funding: Record<FundingKind, number>;
  fundingTotal: number;
};

export type FacilityItem = Omit<PartRow<"facilities">, "total" | "ownerId"> & { own: boolean };

export type Continuity = {
  living: number;
  olderThan: { 1: number; 3: number; 5: number };
  afterFundingEnded: { continued: number; paused: number; handedOver: number; stopped: number; total: number };
};

export type Overview = {
  today: string;
  neighbourhoods: NeighbourhoodFigures[];
  now: NowFigures;
  /** Counted activities per level: they add up to now.activities. */
  levels: Record<Severity, number>;
  /** Most urgent first; possibly only the first few (see atRiskTotal). */
  atRisk: AtRiskItem[];
  /** How many activities are at risk in all (watch, at risk or urgent). */
  atRiskTotal: number;
  /** `own`: possibly only the first few (see ownTotal). */
  cliff: {
    quarters: CliffQuarter[];
    totalCents: number;
    arrangedCents: number;
    shortfallCents: number;
    ownCents: number;
    ownShortfallCents: number;
    totalActivities: number;
    shortfallActivities: number;
    own: OwnItem[];
    ownTotal: number;
  };
  years: YearFigures[];
  continuity: Continuity;
  assets: Record<AssetCategory, number>;
  assetsTotal: number;
  /** By the end of their agreement; possibly only the first few (see facilitiesTotal). */
  facilities: FacilityItem[];
  facilitiesTotal: number;
  /** The story in a few lines: money ending soon and what is not arranged, urgent activities, the volunteers' trend. */
  headline: Headline;
};

/** Who is looking: their organisations' own money is marked; reasons are in their language. */
export type OverviewViewer = { partnerOrgIds: string[]; locale: Locale };

/** The scope of GET /overview: admins all neighbourhoods; others those they coordinate in or are linked to. Null: none. */
export function overviewScopeFor(user: CurrentUser): OverviewScope | null {
  if (user.isAdmin) return { all: true };
  const ids = [...new Set([...user.partnerNeighbourhoods, ...user.coordinatorNeighbourhoods])];
  return ids.length > 0 ? { ids } : null;
}

const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);

export function queryParams(scope: OverviewScope, today: string, viewer: Pick<OverviewViewer, "partnerOrgIds">): QueryParams {
  const lastYear = yearOf(today);
  const quarters = quartersFrom(today);
  return {
    scope,
    today,
    partnerOrgIds: viewer.partnerOrgIds,
    firstYear: lastYear - YEARS_BACK + 1,
    lastYear,
    cliffFrom: quarters[0]!.startsOn,
    cliffTo: addMonths(quarters[0]!.startsOn, CLIFF_QUARTERS * 3),
  };
}

/** The parts to read: all, or `only`; without an organisation there is no "own" money to look for. */
function partsFor(viewer: OverviewViewer, only?: readonly PartName[]): PartName[] {
  return (only ?? PART_NAMES).filter((n) => n !== "own" || viewer.partnerOrgIds.length > 0);
}

/**
 * Every figure of the overview, in ONE statement whatever the size of the data, when `limits`
 * caps the lists that grow with the data (the page shows the first few and links to the rest).
 * Without limits (the JSON API) each complete list adds one statement to the same batch.
 * `only`: read just these parts (the others are empty), e.g. for the headline on the home page.
 * `live`: count every figure instead of reading the stored rollup (rollup.ts; its checks).
 */
export async function loadOverview(...args: OverviewArgs): Promise<Overview> {
  return (await readOverview(...args)).overview;
}

type OverviewArgs = [
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  limits?: ListLimits,
  only?: readonly PartName[],
  live?: boolean,
];

/**
 * loadOverview, and whether its "now" was counted live although the stored years served: the
 * rollup's "now" is for another day (the daily run has not moved it yet). The page then moves it
 * (rollup.ts, moveNowToToday), so the next view reads it stored.
 */
export async function readOverview(
  ...[db, scope, today, viewer, limits = NO_LIMITS, only, live = false]: OverviewArgs
): Promise<{ overview: Overview; nowBehind: boolean }> {
  const p = queryParams(scope, today, viewer);
  const names = partsFor(viewer, only);
  const fromRollup = names.filter((n) => ROLLUP_PARTS.includes(n));
  if (live || fromRollup.length === 0) {
    const rows = await readParts(db, { ...p, counting: live ? "live" : "stored-or-live" }, names, limits);
    return { overview: shapeOverview(rows, today, viewer), nowBehind: false };
  }
  // Nearly always the stored rollup serves (the daily run keeps it for this year and today), so the
  // statement asks it alone. On a day it cannot (its "now" not moved to today yet, a new year before
  // the daily run), the parts that come from it are read again, counting live what it cannot tell.
  const rows = await readParts(db, { ...p, counting: "stored" }, [...new Set([...names, "rollupState" as const])], limits);
  const state = rows.rollupState[0];
  if (!(state?.years && state.now)) {
    const again = await readParts(db, p, fromRollup, limits);
    Object.assign(rows, Object.fromEntries(fromRollup.map((n) => [n, again[n]])));
  }
  return { overview: shapeOverview(rows, today, viewer), nowBehind: !!state && state.years && !state.now };
}

/** Only the given parts, in ONE statement (lists complete); other figures stay empty. For the CSV tables. */
export async function loadOverviewParts(
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  parts: readonly PartName[],
): Promise<Overview> {
  return loadOverview(db, scope, today, viewer, NO_LIMITS, parts);
}

type Rows = Awaited<ReturnType<typeof readParts>>;

function cliffOf(rows: Rows, today: string): Overview["cliff"] {
  const quarters: CliffQuarter[] = quartersFrom(today).map((q) => ({
    ...q,
    cents: 0,
    arranged: 0,
    pending: 0,
    none: 0,
    shortfall: 0,
    streams: 0,
    ownCents: 0,
    ownShortfall: 0,
    ownStreams: 0,
    activities: 0,
    shortfallActivities: 0,
    commitments: 0,
    ownCommitments: 0,
  }));
  const byKey = new Map(quarters.map((q) => [q.key, q]));
  for (const r of rows.cliffMoney) {
    const q = byKey.get(r.quarter);
    if (!q) continue;
    Object.assign(q, {
      cents: r.cents,
      arranged: r.arranged,
      pending: r.pending,
      none: r.none,
      shortfall: r.pending + r.none,
      streams: r.streams,
      ownCents: r.ownCents,
      ownShortfall: r.ownShortfall,
      ownStreams: r.ownStreams,
    });
  }
  let all = { activities: 0, shortfallActivities: 0 };
  for (const r of rows.cliffActivities) {
    if (r.quarter === "all") all = r;
    else Object.assign(byKey.get(r.quarter) ?? {}, { activities: r.activities, shortfallActivities: r.shortfallActivities });
  }
  for (const r of rows.cliffCommitments)
    Object.assign(byKey.get(r.quarter) ?? {}, { commitments: r.commitments, ownCommitments: r.ownCommitments });
  const sum = (k: "cents" | "arranged" | "shortfall" | "ownCents" | "ownShortfall") => quarters.reduce((s, q) => s + q[k], 0);
  return {
    quarters,
    totalCents: sum("cents"),
    arrangedCents: sum("arranged"),
    shortfallCents: sum("shortfall"),
    ownCents: sum("ownCents"),
    ownShortfallCents: sum("ownShortfall"),
    totalActivities: all.activities,
    shortfallActivities: all.shortfallActivities,
    own: rows.own.map(({ total: _t, type, ...o }) => ({ ...o, type: type === "commitment" ? "commitment" : "funding" })),
    ownTotal: rows.own[0]?.total ?? 0,
  };
}

function yearsOf(rows: Rows, today: string): YearFigures[] {
  const firstYear = yearOf(today) - YEARS_BACK + 1;
  const initByYear = new Map(rows.initYears.map((r) => [r.year, r]));
  const volByYear = new Map(rows.volYears.map((r) => [r.year, r]));
  const noMoney = () => Object.fromEntries(FUNDING_KINDS.map((k) => [k, 0])) as Record<FundingKind, number>;
  const fundByYear = new Map<number, Record<FundingKind, number>>();
  for (const r of rows.fundYears) {
    const rec = fundByYear.get(r.year) ?? noMoney();
    if ((FUNDING_KINDS as readonly string[]).includes(r.kind)) rec[r.kind as FundingKind] += r.cents;
    fundByYear.set(r.year, rec);
  }
  return Array.from({ length: YEARS_BACK }, (_, i) => firstYear + i).map((year) => {
    const init = initByYear.get(year);
    const active = volByYear.get(year)?.active ?? 0;
    const returning = volByYear.get(year)?.returned ?? 0;
    const before = volByYear.get(year - 1)?.active ?? 0;
    const funding = fundByYear.get(year) ?? noMoney();
    return {
      year,
      activeInitiatives: init?.active ?? 0,
      started: init?.started ?? 0,
      stopped: init?.stopped ?? 0,
      handedOver: init?.handedOver ?? 0,
      volunteers: active,
      newcomers: active - returning,
      leavers: before - returning,
      returning,
      retention: before === 0 ? null : returning / before,
      funding,
      fundingTotal: FUNDING_KINDS.reduce((s, k) => s + funding[k], 0),
    };
  });
}

function shapeOverview(rows: Rows, today: string, viewer: OverviewViewer): Overview {
  const levels: Record<Severity, number> = { ok: 0, watch: 0, at_risk: 0, urgent: 0 };
  for (const r of rows.levels) if (isSeverity(r.level)) levels[r.level] += r.n;

  const atRisk: AtRiskItem[] = rows.atRisk.map((r) => ({
    ...r,
    level: isSeverity(r.level) ? r.level : "watch",
    // Flags carry names only for the people who run the initiative: the overview never shows a volunteer's name.
    flags: ((r.flags ?? []) as Flag[]).map((f) => publicFlag(f, r, viewer.locale)),
    coordinators: (r.coordinators ?? []) as string[],
  }));

  const c = rows.continuity[0];
  const after = {
    continued: c?.continued ?? 0,
    paused: c?.paused ?? 0,
    handedOver: c?.handedOver ?? 0,
    stopped: c?.stopped ?? 0,
    total: 0,
  };
  after.total = after.continued + after.paused + after.handedOver + after.stopped;

  const assets = Object.fromEntries(ASSET_CATEGORIES.map((k) => [k, 0])) as Record<AssetCategory, number>;
  for (const r of rows.assets) if ((ASSET_CATEGORIES as readonly string[]).includes(r.category)) assets[r.category as AssetCategory] = r.n;

  const orgs = new Set(viewer.partnerOrgIds);
  const overview: Omit<Overview, "headline"> = {
    today,
    neighbourhoods: rows.hoods,
    now: rows.now[0] ?? { activeInitiatives: 0, pausedInitiatives: 0, activities: 0, volunteers: 0, facilities: 0 },
    levels,
    atRisk,
    atRiskTotal: levels.urgent + levels.at_risk + levels.watch,
    cliff: cliffOf(rows, today),
    years: yearsOf(rows, today),
    continuity: {
      living: c?.living ?? 0,
      olderThan: { 1: c?.older1 ?? 0, 3: c?.older3 ?? 0, 5: c?.older5 ?? 0 },
      afterFundingEnded: after,
    },
    assets,
    assetsTotal: ASSET_CATEGORIES.reduce((s, k) => s + assets[k], 0),
    facilities: rows.facilities.map(({ total: _t, ownerId, ...f }) => ({ ...f, own: ownerId !== null && orgs.has(ownerId) })),
    facilitiesTotal: rows.facilities[0]?.total ?? 0,
  };
  return { ...overview, headline: headlineOf(overview) };
}
