// The partner sustainability overview: one honest picture of how lasting a neighbourhood's
// initiatives are, per neighbourhood or across all the neighbourhoods a viewer may see.
// All figures come from ONE statement (sql.ts folds every part into one row); this
// file only shapes the rows. A CSV download reads only the parts of its table, also in one
// statement. `today` is a parameter.
//
// Counting rules (also shown on the page):
// - Archived initiatives (and everything under them) are left out of every figure.
// - Active initiative in year Y: started in or before Y, and its check-in for Y says active or
//   paused; without a check-in for Y, it is active or paused now, or it stopped / was handed over
//   in a later year than Y (status_since). Stopped / handed over in Y: its check-in for Y says so,
//   or its current status was set in Y.
// - Volunteers in Y: distinct people with an involvement overlapping Y (erased people included:
//   their rows remain). Newcomers: active in Y, not in Y−1; leavers: active in Y−1, not in Y;
//   retention: returning ÷ active in Y−1.
// - Money in Y: the yearly amount of each granted (or since ended) stream running during part of Y.
// - Funding cliff: granted streams whose end date falls in today's quarter or the seven after,
//   by renewal state: granted / applied or planned / nothing yet.
import type { Db } from "../../db/client";
import { ASSET_CATEGORIES, FUNDING_KINDS } from "../../db/schema";
import type { CurrentUser } from "../auth/access";
import { SEVERITIES, type Flag, type Severity } from "../risk/rules";
import { addMonths, addQuarters, yearOf, type Quarter as DateQuarter } from "../../lib/dates";
import { NO_LIMITS, PART_NAMES, readParts, type ListLimits, type OverviewScope, type PartName, type QueryParams } from "./sql";

export type { OverviewScope, ListLimits };
export { NO_LIMITS };
export type FundingKind = (typeof FUNDING_KINDS)[number];
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export type RenewalBucket = "granted" | "applied" | "none";
export const RENEWAL_BUCKETS: readonly RenewalBucket[] = ["granted", "applied", "none"];
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

export type AtRiskItem = {
  activityId: string;
  activityName: string;
  initiativeId: string;
  initiativeName: string;
  neighbourhoodId: string;
  neighbourhoodName: string;
  level: Severity;
  flags: Flag[];
  runwayMonths: number | null;
  levelSince: string;
  /** Coordinators' names: the only people partners see by name. */
  coordinators: string[];
};

export type CliffQuarter = Quarter & {
  /** Money per year ending this quarter, per renewal state. */
  cents: Record<RenewalBucket, number>;
  totalCents: number;
  streams: number;
  /** Of that, the viewing partner's own streams. */
  ownCents: number;
  ownStreams: number;
  /** Distinct activities that depend on the money ending this quarter (per state, and in all). */
  activities: Record<RenewalBucket, number>;
  totalActivities: number;
  commitments: number;
  ownCommitments: number;
};

export type OwnItem = {
  type: "funding" | "commitment";
  id: string;
  what: string;
  kind: string;
  cents: number | null;
  endsOn: string;
  renewalState: string;
  initiativeId: string;
  initiativeName: string;
  activities: number;
};

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

export type FacilityItem = {
  id: string;
  name: string;
  kind: string;
  neighbourhoodName: string;
  ownerName: string | null;
  own: boolean;
  agreement: string;
  agreementEndsOn: string | null;
  renewalState: string;
  activities: number;
};

/** A neighbourhood in scope with its own figures (now, risk, money ending within two years). */
export type NeighbourhoodFigures = {
  id: string;
  name: string;
  slug: string;
  municipality: string;
  published: boolean;
  activeInitiatives: number;
  pausedInitiatives: number;
  activities: number;
  volunteers: number;
  levels: Record<Exclude<Severity, "ok">, number>;
  /** Money per year of granted streams ending in the cliff window; of that, with no renewal arranged. */
  cliffCents: number;
  cliffNoneCents: number;
  facilities: number;
};

export type Overview = {
  today: string;
  neighbourhoods: NeighbourhoodFigures[];
  now: { activeInitiatives: number; pausedInitiatives: number; activities: number; volunteers: number; facilities: number };
  levels: Record<Severity, number>;
  /** Most urgent first; possibly only the first few (see atRiskTotal). */
  atRisk: AtRiskItem[];
  /** How many activities are at risk in all (watch, at risk or urgent). */
  atRiskTotal: number;
  /** `own`: possibly only the first few (see ownTotal). */
  cliff: { quarters: CliffQuarter[]; totalCents: number; ownCents: number; totalActivities: number; own: OwnItem[]; ownTotal: number };
  years: YearFigures[];
  continuity: {
    living: number;
    olderThan: { 1: number; 3: number; 5: number };
    afterFundingEnded: { continued: number; paused: number; handedOver: number; stopped: number; total: number };
  };
  assets: Record<AssetCategory, number>;
  assetsTotal: number;
  /** By the end of their agreement; possibly only the first few (see facilitiesTotal). */
  facilities: FacilityItem[];
  facilitiesTotal: number;
};

export type OverviewViewer = { partnerOrgIds: string[] };

/** The scope of GET /overview: admins all neighbourhoods; others those they coordinate in or are linked to. Null: none. */
export function overviewScopeFor(user: CurrentUser): OverviewScope | null {
  if (user.isAdmin) return { all: true };
  const ids = [...new Set([...user.partnerNeighbourhoods, ...user.coordinatorNeighbourhoods])];
  return ids.length > 0 ? { ids } : null;
}

/** Flags carry names only for the people who run the initiative; the overview never shows a volunteer's name. */
function withoutPersonNames(flag: Flag): Flag {
  const { personName: _n, personId: _i, ...params } = flag.params;
  return { ...flag, params };
}

const zeroBuckets = (): Record<RenewalBucket, number> => ({ granted: 0, applied: 0, none: 0 });
const num = (v: unknown): number => (typeof v === "number" ? v : v === null || v === undefined ? 0 : Number(v));
const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);
const isBucket = (v: string): v is RenewalBucket => (RENEWAL_BUCKETS as readonly string[]).includes(v);

function queryParams(scope: OverviewScope, today: string, viewer: OverviewViewer): QueryParams {
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

/**
 * Every figure of the overview, in ONE statement whatever the size of the data, when `limits`
 * caps the lists that grow with the data (the page shows the first few and links to the rest).
 * Without limits (the JSON API) each complete list adds one statement to the same batch.
 */
export async function loadOverview(
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  limits: ListLimits = NO_LIMITS,
): Promise<Overview> {
  // Without an organisation there is no "own" money to look for.
  const parts = PART_NAMES.filter((n) => n !== "own" || viewer.partnerOrgIds.length > 0);
  const rows = await readParts(db, queryParams(scope, today, viewer), parts, limits);
  return shapeOverview(rows, today, viewer);
}

/** Which parts each CSV table needs (lists complete, as plain rows). */
const TABLE_PARTS: Record<string, readonly PartName[]> = {
  now: ["now"],
  levels: ["levels"],
  "at-risk": ["atRisk"],
  cliff: ["cliffMoney", "cliffActivities", "cliffCommitments"],
  own: ["own"],
  years: ["initYears", "volYears", "fundYears"],
  funding: ["fundYears"],
  continuity: ["continuity"],
  assets: ["assets"],
  facilities: ["facilities"],
  neighbourhoods: ["hoods"],
};

/** Only what one CSV table needs, in ONE statement; its lists complete. Other figures stay empty. */
export async function loadOverviewTable(
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  table: string,
): Promise<Overview> {
  const parts = (TABLE_PARTS[table] ?? []).filter((n) => n !== "own" || viewer.partnerOrgIds.length > 0);
  const rows = await readParts(db, queryParams(scope, today, viewer), parts, NO_LIMITS);
  return shapeOverview(rows, today, viewer);
}

function shapeOverview(rows: Awaited<ReturnType<typeof readParts>>, today: string, viewer: OverviewViewer): Overview {
  const lastYear = yearOf(today);
  const firstYear = lastYear - YEARS_BACK + 1;
  const quarters = quartersFrom(today);
  const {
    hoods,
    now: nowRows,
    levels: levelRows,
    atRisk: riskRows,
    cliffMoney: moneyRows,
    cliffActivities: depRows,
    cliffCommitments: commitmentRows,
  } = rows;
  const { own: ownRows, initYears, volYears, fundYears, continuity: contRows, assets: assetRows, facilities: facilityRows } = rows;

  const levels: Record<Severity, number> = { ok: 0, watch: 0, at_risk: 0, urgent: 0 };
  for (const r of levelRows) if (isSeverity(r.level)) levels[r.level] = num(r.n);

  const atRisk: AtRiskItem[] = riskRows.map((r) => ({
    activityId: r.activity_id,
    activityName: r.activity_name,
    initiativeId: r.initiative_id,
    initiativeName: r.initiative_name,
    neighbourhoodId: r.neighbourhood_id,
    neighbourhoodName: r.neighbourhood_name,
    level: isSeverity(r.level) ? r.level : "watch",
    flags: (JSON.parse(r.flags) as Flag[]).map(withoutPersonNames),
    runwayMonths: r.runway_months,
    levelSince: r.level_since,
    coordinators: JSON.parse(r.coordinators) as string[],
  }));

  const cliffQuarters: CliffQuarter[] = quarters.map((q) => ({
    ...q,
    cents: zeroBuckets(),
    totalCents: 0,
    streams: 0,
    ownCents: 0,
    ownStreams: 0,
    activities: zeroBuckets(),
    totalActivities: 0,
    commitments: 0,
    ownCommitments: 0,
  }));
  const byKey = new Map(cliffQuarters.map((q) => [q.key, q]));
  for (const r of moneyRows) {
    const q = byKey.get(r.quarter);
    if (!q || !isBucket(r.bucket)) continue;
    q.cents[r.bucket] += num(r.cents);
    q.totalCents += num(r.cents);
    q.streams += num(r.streams);
    q.ownCents += num(r.own_cents);
    q.ownStreams += num(r.own_streams);
  }
  let cliffActivities = 0;
  for (const r of depRows) {
    if (r.quarter === "all") {
      cliffActivities = num(r.activities);
      continue;
    }
    const q = byKey.get(r.quarter);
    if (!q) continue;
    if (r.bucket === "all") q.totalActivities = num(r.activities);
    else if (isBucket(r.bucket)) q.activities[r.bucket] = num(r.activities);
  }
  for (const r of commitmentRows) {
    const q = byKey.get(r.quarter);
    if (!q) continue;
    q.commitments = num(r.commitments);
    q.ownCommitments = num(r.own_commitments);
  }

  const yearList = Array.from({ length: YEARS_BACK }, (_, i) => firstYear + i);
  const initByYear = new Map(initYears.map((r) => [num(r.year), r]));
  const volByYear = new Map(volYears.map((r) => [num(r.year), r]));
  const fundByYear = new Map<number, Record<FundingKind, number>>();
  for (const r of fundYears) {
    const y = num(r.year);
    const rec = fundByYear.get(y) ?? (Object.fromEntries(FUNDING_KINDS.map((k) => [k, 0])) as Record<FundingKind, number>);
    if ((FUNDING_KINDS as readonly string[]).includes(r.kind)) rec[r.kind as FundingKind] += num(r.cents);
    fundByYear.set(y, rec);
  }
  const years: YearFigures[] = yearList.map((year) => {
    const init = initByYear.get(year);
    const active = num(volByYear.get(year)?.active);
    const returning = num(volByYear.get(year)?.returned);
    const before = num(volByYear.get(year - 1)?.active);
    const funding = fundByYear.get(year) ?? (Object.fromEntries(FUNDING_KINDS.map((k) => [k, 0])) as Record<FundingKind, number>);
    return {
      year,
      activeInitiatives: num(init?.active),
      started: num(init?.started),
      stopped: num(init?.stopped),
      handedOver: num(init?.handed_over),
      volunteers: active,
      newcomers: active - returning,
      leavers: before - returning,
      returning,
      retention: before === 0 ? null : returning / before,
      funding,
      fundingTotal: FUNDING_KINDS.reduce((s, k) => s + funding[k], 0),
    };
  });

  const c = contRows[0];
  const after = {
    continued: num(c?.continued),
    paused: num(c?.paused),
    handedOver: num(c?.handed_over),
    stopped: num(c?.stopped),
    total: 0,
  };
  after.total = after.continued + after.paused + after.handedOver + after.stopped;

  const assets = Object.fromEntries(ASSET_CATEGORIES.map((k) => [k, 0])) as Record<AssetCategory, number>;
  for (const r of assetRows)
    if ((ASSET_CATEGORIES as readonly string[]).includes(r.category)) assets[r.category as AssetCategory] = num(r.n);

  const orgs = new Set(viewer.partnerOrgIds);
  const n = nowRows[0];
  return {
    today,
    neighbourhoods: hoods.map((h) => ({
      id: h.id,
      name: h.name,
      slug: h.slug,
      municipality: h.municipality,
      published: !!h.published,
      activeInitiatives: num(h.active_initiatives),
      pausedInitiatives: num(h.paused_initiatives),
      activities: num(h.activities),
      volunteers: num(h.volunteers),
      levels: { urgent: num(h.urgent), at_risk: num(h.at_risk), watch: num(h.watch) },
      cliffCents: num(h.cliff_cents),
      cliffNoneCents: num(h.cliff_none_cents),
      facilities: num(h.facilities),
    })),
    now: {
      activeInitiatives: num(n?.active_initiatives),
      pausedInitiatives: num(n?.paused_initiatives),
      activities: num(n?.activities),
      volunteers: num(n?.volunteers),
      facilities: num(n?.facilities),
    },
    levels,
    atRisk,
    atRiskTotal: levels.urgent + levels.at_risk + levels.watch,
    cliff: {
      quarters: cliffQuarters,
      totalCents: cliffQuarters.reduce((s, q) => s + q.totalCents, 0),
      ownCents: cliffQuarters.reduce((s, q) => s + q.ownCents, 0),
      totalActivities: cliffActivities,
      own: ownRows.map((r) => ({
        type: r.item_type,
        id: r.item_id,
        what: r.what,
        kind: r.kind,
        cents: r.cents === null ? null : num(r.cents),
        endsOn: r.ends_on,
        renewalState: r.renewal_state,
        initiativeId: r.initiative_id,
        initiativeName: r.initiative_name,
        activities: num(r.activities),
      })),
      ownTotal: num(ownRows[0]?.total),
    },
    years,
    continuity: {
      living: num(c?.living),
      olderThan: { 1: num(c?.older1), 3: num(c?.older3), 5: num(c?.older5) },
      afterFundingEnded: after,
    },
    assets,
    assetsTotal: ASSET_CATEGORIES.reduce((s, k) => s + assets[k], 0),
    facilities: facilityRows.map((f) => ({
      id: f.facility_id,
      name: f.facility_name,
      kind: f.facility_kind,
      neighbourhoodName: f.neighbourhood_name,
      ownerName: f.owner_name,
      own: f.owner_id !== null && orgs.has(f.owner_id),
      agreement: f.agreement,
      agreementEndsOn: f.ends_on,
      renewalState: f.renewal_state,
      activities: num(f.activities),
    })),
    facilitiesTotal: num(facilityRows[0]?.total),
  };
}
