// The aggregate queries behind the sustainability overview, as ONE D1 statement per request.
//
// Every part of the overview (figures per year, the funding cliff, the at-risk list, …) is a
// SELECT over a few shared CTEs (the neighbourhoods in scope, their initiatives, their live
// activities, the years). The page folds all the parts it needs into one row:
//
//   WITH RECURSIVE scope_ids …, inits …, acts …, years …
//   SELECT (SELECT json_group_array(json_array(c0, c1, …)) FROM (<part 1>)) AS p0, (… part 2 …) AS p1, …
//
// so the page costs one statement whatever the number of neighbourhoods or initiatives. Lists
// that grow with the data (the at-risk list, facilities, a partner's own money) are capped on the
// page; a CSV download of such a list runs that one part unfolded (rows, not one JSON cell: D1
// limits a row to 2 MB), so it stays complete. The scope travels as one JSON parameter
// (json_each), so there is no list of ids to chunk under D1's 100 bound parameters.
// Every selected column has its own alias (D1 returns columns by name: duplicates overwrite).
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";

/** Which neighbourhoods the figures cover. */
export type OverviewScope = { all: true } | { ids: string[]; includeArchived?: boolean };

export type QueryParams = {
  scope: OverviewScope;
  today: string;
  /** The viewer's partner organisations: their own streams, commitments and facilities are marked. */
  partnerOrgIds: string[];
  firstYear: number;
  lastYear: number;
  /** First day of today's quarter, and the first day after the eighth quarter. */
  cliffFrom: string;
  cliffTo: string;
};

/** How many rows a capped list may bring; null: all of them. */
export type ListLimits = { atRisk: number | null; own: number | null; facilities: number | null };
export const NO_LIMITS: ListLimits = { atRisk: null, own: null, facilities: null };

function scopeIds(scope: OverviewScope): SQL {
  if ("all" in scope) return sql`SELECT n.id FROM neighbourhoods n WHERE n.archived_at IS NULL`;
  const archived = scope.includeArchived ? sql`` : sql` AND n.archived_at IS NULL`;
  return sql`SELECT n.id FROM neighbourhoods n WHERE n.id IN (SELECT value FROM json_each(${JSON.stringify(scope.ids)}))${archived}`;
}

/**
 * The shared start of the statement. SQLite only computes the CTEs a part refers to.
 * - inits: the initiatives in scope; archived ones are left out everywhere.
 * - acts: their activities that are not archived (with the initiative's neighbourhood and status).
 * - vols_now: who volunteers today, per neighbourhood (one row per person and neighbourhood; the
 *   page counts them per neighbourhood and, once each, over the scope).
 * - years: the year before the first shown year (for retention) up to this year.
 * - cliff: granted streams ending in the eight quarters of the funding cliff (cliff_deps: the
 *   live activities that depend on them); cliff_commitments: commitments ending then.
 * Joins from the initiatives in scope are CROSS JOINs where the planner must not turn them round:
 * the SQLite inside workerd (newer than most command lines) likes to scan a whole table with a
 * Bloom filter on the scope, which made a neighbourhood's overview read every activity,
 * commitment and funding link in the city (230 ms on L for one neighbourhood).
 * Dates are ISO text ('YYYY-MM-DD' or a full timestamp), so comparing the text itself with a
 * 'YYYY-MM-DD' bound is the same as comparing its first ten characters, and can use an index.
 */
function ctes(p: QueryParams): SQL {
  return sql`WITH RECURSIVE
    scope_ids(id) AS (${scopeIds(p.scope)}),
    inits AS MATERIALIZED (SELECT i.id AS id, i.neighbourhood_id AS neighbourhood_id, i.name AS name, i.status AS status,
                   i.status_since AS status_since, i.started_year AS started_year
              FROM initiatives i
              WHERE i.archived_at IS NULL AND i.neighbourhood_id IN (SELECT id FROM scope_ids)),
    acts AS MATERIALIZED (SELECT a.id AS id, a.initiative_id AS initiative_id, a.facility_id AS facility_id, a.name AS name,
                   i.neighbourhood_id AS neighbourhood_id, i.status AS status
              FROM inits i CROSS JOIN activities a ON a.initiative_id = i.id
              WHERE a.archived_at IS NULL),
    vols_now AS MATERIALIZED (SELECT v.person_id AS person_id, i.neighbourhood_id AS neighbourhood_id
              FROM ${involvementsOf(p).from} JOIN inits i ON i.id = v.initiative_id
              WHERE ${involvementsOf(p).where} AND substr(v.since, 1, 10) <= ${p.today} AND (v.until IS NULL OR v.until >= ${p.today})
              GROUP BY v.person_id, i.neighbourhood_id),
    years(y) AS (SELECT CAST(${p.firstYear - 1} AS INTEGER) UNION ALL SELECT y + 1 FROM years WHERE y < CAST(${p.lastYear} AS INTEGER)),
    cliff AS MATERIALIZED (SELECT f.id AS id, i.neighbourhood_id AS neighbourhood_id,
                   ${quarterOf(sql`f.ends_on`)} AS quarter, ${renewalBucket} AS bucket,
                   f.amount_cents_per_year AS cents, ${own(p, sql`f.source_partner_id`)} AS own
              FROM ${streamsOf(p)}
              WHERE f.archived_at IS NULL AND f.status = 'granted' AND f.ends_on >= ${p.cliffFrom} AND f.ends_on < ${p.cliffTo}),
    cliff_commitments AS MATERIALIZED (SELECT c.id AS id, c.initiative_id AS initiative_id, c.activity_id AS activity_id,
                   c.description AS description, c.kind AS kind, c.ends_on AS ends_on, c.renewal_state AS renewal_state,
                   ${quarterOf(sql`c.ends_on`)} AS quarter, ${own(p, sql`c.partner_id`)} AS own, i.name AS initiative_name
              FROM inits i CROSS JOIN commitments c ON c.initiative_id = i.id
              WHERE c.archived_at IS NULL AND c.ends_on >= ${p.cliffFrom} AND c.ends_on < ${p.cliffTo}),
    cliff_deps AS MATERIALIZED (SELECT f.quarter AS quarter, f.bucket AS bucket, fa.activity_id AS activity_id
              FROM cliff f CROSS JOIN funding_activities fa ON fa.funding_id = f.id JOIN acts a ON a.id = fa.activity_id)
  `;
}

const own = (p: QueryParams, column: SQL) => sql`(${column} IN (SELECT value FROM json_each(${JSON.stringify(p.partnerOrgIds)})))`;
/** "2026-3": the quarter a date falls in. */
const quarterOf = (column: SQL) => sql`substr(${column}, 1, 4) || '-' || ((CAST(substr(${column}, 6, 2) AS INTEGER) + 2) / 3)`;
const renewalBucket = sql`CASE f.renewal_state WHEN 'granted' THEN 'granted' WHEN 'none' THEN 'none' ELSE 'applied' END`;
const limit = (n: number | null) => (n === null ? sql`` : sql` LIMIT ${n}`);
/** Many neighbourhoods: reading a whole index beats a lookup per initiative. */
const isWide = (p: QueryParams) => "all" in p.scope || p.scope.ids.length > 3;

/**
 * Funding streams joined with the initiatives in scope, as `f` and `i`. Over many neighbourhoods
 * through the streams' end-date index; for a few through their initiatives (CROSS JOIN keeps that
 * order), or a neighbourhood's overview would read every stream in the cliff window of the whole
 * city: it grew with the dataset (46 ms on M, 229 ms on L).
 */
const streamsOf = (p: QueryParams) =>
  isWide(p)
    ? sql`funding_streams f JOIN inits i ON i.id = f.initiative_id`
    : sql`inits i CROSS JOIN funding_streams f ON f.initiative_id = i.id`;

/**
 * The involvements of the initiatives in scope, as `v`. Over many neighbourhoods: the whole
 * (person_id, initiative_id, since, until) index in person order, so "per person" needs no sort
 * and no table row is read; for a few neighbourhoods: through their initiatives.
 */
function involvementsOf(p: QueryParams): { from: SQL; where: SQL } {
  return isWide(p)
    ? { from: sql`involvements v INDEXED BY involvements_person_span`, where: sql`v.initiative_id IN (SELECT id FROM inits)` }
    : { from: sql`inits si CROSS JOIN involvements v ON v.initiative_id = si.id`, where: sql`1` };
}

/** The year of an ISO date in text, as a number. */
const yearOf = (column: SQL) => sql`CAST(substr(${column}, 1, 4) AS INTEGER)`;

export type NeighbourhoodRowOut = {
  id: string;
  name: string;
  slug: string;
  municipality: string;
  published: number;
  active_initiatives: number;
  paused_initiatives: number;
  activities: number;
  volunteers: number;
  urgent: number;
  at_risk: number;
  watch: number;
  cliff_cents: number;
  cliff_none_cents: number;
  facilities: number;
};
export type NowRow = { active_initiatives: number; paused_initiatives: number; activities: number; volunteers: number; facilities: number };
export type LevelRow = { level: string; n: number };
export type AtRiskRow = {
  activity_id: string;
  activity_name: string;
  initiative_id: string;
  initiative_name: string;
  neighbourhood_id: string;
  neighbourhood_name: string;
  level: string;
  flags: string;
  runway_months: number | null;
  level_since: string;
  /** JSON array of the coordinators' names. */
  coordinators: string;
};
export type CliffMoneyRow = { quarter: string; bucket: string; cents: number; streams: number; own_cents: number; own_streams: number };
export type CliffActivitiesRow = { quarter: string; bucket: string; activities: number };
export type CliffCommitmentRow = { quarter: string; commitments: number; own_commitments: number };
export type OwnItemRow = {
  item_type: "funding" | "commitment";
  item_id: string;
  what: string;
  kind: string;
  cents: number | null;
  ends_on: string;
  renewal_state: string;
  initiative_id: string;
  initiative_name: string;
  activities: number;
  total: number;
};
export type InitiativeYearRow = { year: number; active: number; started: number; stopped: number; handed_over: number };
export type VolunteerYearRow = { year: number; active: number; returned: number };
export type FundingYearRow = { year: number; kind: string; cents: number; streams: number };
export type ContinuityRow = {
  living: number;
  older1: number;
  older3: number;
  older5: number;
  continued: number;
  paused: number;
  handed_over: number;
  stopped: number;
};
export type AssetRowOut = { category: string; n: number };
export type FacilityRowOut = {
  facility_id: string;
  facility_name: string;
  facility_kind: string;
  neighbourhood_name: string;
  owner_id: string | null;
  owner_name: string | null;
  agreement: string;
  ends_on: string | null;
  renewal_state: string;
  activities: number;
  total: number;
};

/** One part of the overview: its columns (in order) and its SELECT over the shared CTEs. */
type Part<T> = { columns: readonly (keyof T & string)[]; query: (p: QueryParams, limits: ListLimits) => SQL; row?: T };
const part = <T>(columns: readonly (keyof T & string)[], query: (p: QueryParams, limits: ListLimits) => SQL): Part<T> => ({
  columns,
  query,
});

const PARTS = {
  // The neighbourhoods in scope with their own figures (now, risk, money ending in the cliff window).
  // Each figure is one GROUP BY over the scope, joined by neighbourhood: no query per neighbourhood.
  hoods: part<NeighbourhoodRowOut>(
    [
      "id",
      "name",
      "slug",
      "municipality",
      "published",
      "active_initiatives",
      "paused_initiatives",
      "activities",
      "volunteers",
      "urgent",
      "at_risk",
      "watch",
      "cliff_cents",
      "cliff_none_cents",
      "facilities",
    ],
    (p) => sql`SELECT n.id AS id, n.name AS name, n.slug AS slug, n.municipality AS municipality, n.published AS published,
        coalesce(ii.active, 0) AS active_initiatives, coalesce(ii.paused, 0) AS paused_initiatives,
        coalesce(aa.n, 0) AS activities, coalesce(vv.n, 0) AS volunteers,
        coalesce(rr.urgent, 0) AS urgent, coalesce(rr.at_risk, 0) AS at_risk, coalesce(rr.watch, 0) AS watch,
        coalesce(cc.cents, 0) AS cliff_cents, coalesce(cc.none_cents, 0) AS cliff_none_cents, coalesce(ff.n, 0) AS facilities
      FROM neighbourhoods n
        LEFT JOIN (SELECT neighbourhood_id, sum(status = 'active') AS active, sum(status = 'paused') AS paused
                   FROM inits GROUP BY neighbourhood_id) ii ON ii.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, count(*) AS n FROM acts WHERE status IN ('active', 'paused')
                   GROUP BY neighbourhood_id) aa ON aa.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, count(*) AS n FROM vols_now GROUP BY neighbourhood_id) vv ON vv.neighbourhood_id = n.id
        LEFT JOIN (SELECT a.neighbourhood_id AS neighbourhood_id, sum(r.level = 'urgent') AS urgent,
                          sum(r.level = 'at_risk') AS at_risk, sum(r.level = 'watch') AS watch
                   FROM acts a JOIN activity_risks r ON r.activity_id = a.id
                   GROUP BY a.neighbourhood_id) rr ON rr.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, sum(cents) AS cents, sum(CASE WHEN bucket = 'none' THEN cents ELSE 0 END) AS none_cents
                   FROM cliff GROUP BY neighbourhood_id) cc ON cc.neighbourhood_id = n.id
        LEFT JOIN (SELECT f.neighbourhood_id AS neighbourhood_id, count(*) AS n FROM facilities f
                   WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)
                   GROUP BY f.neighbourhood_id) ff ON ff.neighbourhood_id = n.id
      WHERE n.id IN (SELECT id FROM scope_ids)
      ORDER BY n.name`,
  ),

  // Now. Volunteers: distinct people with an involvement that covers today (counted once across
  // neighbourhoods, so not the sum of the neighbourhoods' figures).
  now: part<NowRow>(
    ["active_initiatives", "paused_initiatives", "activities", "volunteers", "facilities"],
    (p) => sql`SELECT
        (SELECT count(*) FROM inits WHERE status = 'active') AS active_initiatives,
        (SELECT count(*) FROM inits WHERE status = 'paused') AS paused_initiatives,
        (SELECT count(*) FROM acts WHERE status IN ('active', 'paused')) AS activities,
        (SELECT count(DISTINCT person_id) FROM vols_now) AS volunteers,
        (SELECT count(*) FROM facilities f WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)) AS facilities`,
  ),

  levels: part<LevelRow>(
    ["level", "n"],
    () => sql`SELECT r.level AS level, count(*) AS n FROM acts a JOIN activity_risks r ON r.activity_id = a.id GROUP BY r.level`,
  ),

  // Most urgent first: level, then the shortest runway, then the longest-standing. Sorted and cut
  // on thin rows first; flags and coordinators (the only names partners see) only for the rows
  // kept. The length of the whole list is the sum of the levels other than ok.
  atRisk: part<AtRiskRow>(
    [
      "activity_id",
      "activity_name",
      "initiative_id",
      "initiative_name",
      "neighbourhood_id",
      "neighbourhood_name",
      "level",
      "flags",
      "runway_months",
      "level_since",
      "coordinators",
    ],
    (_p, l) => sql`SELECT x.activity_id AS activity_id, x.activity_name AS activity_name, x.initiative_id AS initiative_id,
             x.initiative_name AS initiative_name, n.id AS neighbourhood_id, n.name AS neighbourhood_name, x.level AS level,
             r.flags AS flags, x.runway_months AS runway_months, x.level_since AS level_since,
             (SELECT json_group_array(name) FROM (SELECT p.name AS name FROM initiative_coordinators ic JOIN people p ON p.id = ic.person_id
                WHERE ic.initiative_id = x.initiative_id AND p.erased_at IS NULL ORDER BY p.name)) AS coordinators
      FROM (SELECT r.activity_id AS activity_id, a.name AS activity_name, i.id AS initiative_id, i.name AS initiative_name,
                   i.neighbourhood_id AS neighbourhood_id, r.level AS level, r.runway_months AS runway_months, r.level_since AS level_since,
                   CASE r.level WHEN 'urgent' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END AS rank
            FROM acts a JOIN activity_risks r ON r.activity_id = a.id JOIN inits i ON i.id = a.initiative_id
            WHERE r.level <> 'ok'
            ORDER BY rank, r.runway_months IS NULL, r.runway_months, r.level_since, i.name, a.name${limit(l.atRisk)}) x
        CROSS JOIN activity_risks r ON r.activity_id = x.activity_id
        JOIN neighbourhoods n ON n.id = x.neighbourhood_id
      ORDER BY x.rank, x.runway_months IS NULL, x.runway_months, x.level_since, x.initiative_name, x.activity_name`,
  ),

  // Funding cliff: money per year of granted streams ending in each of the next eight quarters.
  cliffMoney: part<CliffMoneyRow>(
    ["quarter", "bucket", "cents", "streams", "own_cents", "own_streams"],
    () => sql`SELECT quarter AS quarter, bucket AS bucket, sum(cents) AS cents, count(*) AS streams,
             sum(CASE WHEN own THEN cents ELSE 0 END) AS own_cents, sum(own) AS own_streams
      FROM cliff GROUP BY quarter, bucket`,
  ),

  // Activities that depend on that money: per quarter and state, per quarter, and over all eight.
  cliffActivities: part<CliffActivitiesRow>(
    ["quarter", "bucket", "activities"],
    () => sql`SELECT quarter AS quarter, bucket AS bucket, count(DISTINCT activity_id) AS activities FROM cliff_deps GROUP BY quarter, bucket
      UNION ALL
      SELECT quarter AS quarter, 'all' AS bucket, count(DISTINCT activity_id) AS activities FROM cliff_deps GROUP BY quarter
      UNION ALL
      SELECT 'all' AS quarter, 'all' AS bucket, count(DISTINCT activity_id) AS activities FROM cliff_deps`,
  ),

  cliffCommitments: part<CliffCommitmentRow>(
    ["quarter", "commitments", "own_commitments"],
    () => sql`SELECT quarter AS quarter, count(*) AS commitments, sum(own) AS own_commitments FROM cliff_commitments GROUP BY quarter`,
  ),

  // The viewing partner's own streams and commitments that end in the cliff window.
  own: part<OwnItemRow>(
    [
      "item_type",
      "item_id",
      "what",
      "kind",
      "cents",
      "ends_on",
      "renewal_state",
      "initiative_id",
      "initiative_name",
      "activities",
      "total",
    ],
    (_p, l) => sql`SELECT item_type, item_id, what, kind, cents, ends_on, renewal_state, initiative_id, initiative_name, activities,
             count(*) OVER () AS total FROM (
      SELECT 'funding' AS item_type, f.id AS item_id, s.source_name AS what, s.kind AS kind, f.cents AS cents,
             substr(s.ends_on, 1, 10) AS ends_on, s.renewal_state AS renewal_state, i.id AS initiative_id, i.name AS initiative_name,
             (SELECT count(*) FROM funding_activities fa JOIN activities a ON a.id = fa.activity_id
               WHERE fa.funding_id = f.id AND a.archived_at IS NULL) AS activities
      FROM cliff f JOIN funding_streams s ON s.id = f.id JOIN inits i ON i.id = s.initiative_id
      WHERE f.own
      UNION ALL
      SELECT 'commitment' AS item_type, c.id AS item_id, c.description AS what, c.kind AS kind, NULL AS cents,
             substr(c.ends_on, 1, 10) AS ends_on, c.renewal_state AS renewal_state, c.initiative_id AS initiative_id,
             c.initiative_name AS initiative_name,
             CASE WHEN c.activity_id IS NULL
               THEN (SELECT count(*) FROM activities a WHERE a.initiative_id = c.initiative_id AND a.archived_at IS NULL)
               ELSE (SELECT count(*) FROM activities a WHERE a.id = c.activity_id AND a.archived_at IS NULL) END AS activities
      FROM cliff_commitments c
      WHERE c.own)
      ORDER BY ends_on, initiative_name, what${limit(l.own)}`,
  ),

  // Year on year: initiatives. A check-in for the year decides; without one, the current status
  // does: active/paused counts every year from the start, stopped/handed over counts the years
  // before the year of status_since. Stopped/handed over in Y: a check-in saying so, or the
  // current status set in Y. One pass over initiatives × years with the check-in of that year
  // (unique index on initiative and year), instead of three correlated subqueries per cell.
  initYears: part<InitiativeYearRow>(
    ["year", "active", "started", "stopped", "handed_over"],
    (p) => sql`SELECT years.y AS year,
        sum(CASE WHEN i.started_year <= years.y AND (c.status IN ('active', 'paused') OR (c.status IS NULL AND (
              i.status IN ('active', 'paused') OR (i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} > years.y))))
            THEN 1 ELSE 0 END) AS active,
        sum(CASE WHEN i.started_year = years.y THEN 1 ELSE 0 END) AS started,
        sum(CASE WHEN c.status = 'stopped' OR (i.status = 'stopped' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = years.y)
            THEN 1 ELSE 0 END) AS stopped,
        sum(CASE WHEN c.status = 'handed_over' OR (i.status = 'handed_over' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = years.y)
            THEN 1 ELSE 0 END) AS handed_over
      FROM years CROSS JOIN inits i LEFT JOIN checkins c ON c.initiative_id = i.id AND c.year = years.y
      WHERE years.y >= ${p.firstYear}
      GROUP BY years.y ORDER BY years.y`,
  ),

  // Year on year: volunteers (distinct people per year from the involvement intervals, the same
  // rule as year-figures.ts: an interval counts in every year it touches; one that ends before
  // it starts counts nowhere), and how many of them were active the year before. Erased people
  // keep their rows, so they keep counting. Years are compared as numbers, and "active the year
  // before" is the previous year of the same person (a window), not a self-join.
  volYears: part<VolunteerYearRow>(["year", "active", "returned"], (p) => {
    // Per person, one bit per year (bit 0: the year before the first shown year): the years any
    // of their intervals touches. OR over a person's intervals = max() per bit, grouped by person
    // in the order of the (person_id, …) index. People with the same years are counted together
    // (a few hundred distinct masks for thousands of people), then each year counts its bits, and
    // "returning" the people with this year's and last year's bit. `LIMIT -1` keeps SQLite from
    // flattening the intervals into the grouping, which would work out sy and uy again for each
    // of the bits (38 → 24 ms on M).
    const base = p.firstYear - 1;
    const inv = involvementsOf(p);
    const bits = Array.from({ length: p.lastYear - base + 1 }, (_, k) => sql`(max(iv.sy <= ${base + k} AND iv.uy >= ${base + k}) << ${k})`);
    return sql`SELECT years.y AS year, sum(((pm.m >> (years.y - ${base})) & 1) * pm.n) AS active,
        sum(CASE WHEN years.y > ${base} THEN ((pm.m >> (years.y - ${base})) & (pm.m >> (years.y - ${base + 1})) & 1) * pm.n ELSE 0 END) AS returned
      FROM (SELECT m, count(*) AS n FROM (SELECT ${sql.join(bits, sql` | `)} AS m
            FROM (SELECT v.person_id AS person_id, ${yearOf(sql`v.since`)} AS sy,
                         CASE WHEN v.until IS NULL THEN 9999
                              WHEN substr(v.until, 1, 10) < substr(v.since, 1, 10) THEN -1
                              ELSE ${yearOf(sql`v.until`)} END AS uy
                  FROM ${inv.from}
                  WHERE ${inv.where} AND v.since < ${`${p.lastYear + 1}`} AND (v.until IS NULL OR v.until >= ${`${base}`})
                  LIMIT -1) iv
            GROUP BY iv.person_id) GROUP BY m) pm
        CROSS JOIN years
      GROUP BY years.y ORDER BY years.y`;
  }),

  // Year on year: money per kind — the yearly amount of every granted (or since ended) stream
  // that runs during some part of the year.
  fundYears: part<FundingYearRow>(
    ["year", "kind", "cents", "streams"],
    (p) => sql`SELECT years.y AS year, f.kind AS kind, sum(f.cents) AS cents, count(*) AS streams
      FROM (SELECT s.kind AS kind, s.amount_cents_per_year AS cents, ${yearOf(sql`s.starts_on`)} AS sy,
                   CASE WHEN s.ends_on IS NULL THEN 9999 ELSE ${yearOf(sql`s.ends_on`)} END AS ey
            FROM inits i JOIN funding_streams s ON s.initiative_id = i.id
            WHERE s.archived_at IS NULL AND s.status IN ('granted', 'ended')) f
      JOIN years ON years.y BETWEEN f.sy AND f.ey
      WHERE years.y >= ${p.firstYear}
      GROUP BY years.y, f.kind`,
  ),

  // Continuity: ages of the living initiatives; what became of activities whose money ended
  // (archived activities of live initiatives count as stopped).
  continuity: part<ContinuityRow>(
    ["living", "older1", "older3", "older5", "continued", "paused", "handed_over", "stopped"],
    (p) => sql`SELECT
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused')) AS living,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 1}) AS older1,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 3}) AS older3,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 5}) AS older5,
        sum(outcome = 'continued') AS continued, sum(outcome = 'paused') AS paused,
        sum(outcome = 'handed_over') AS handed_over, sum(outcome = 'stopped') AS stopped
      FROM (SELECT CASE WHEN a.archived_at IS NOT NULL OR i.status = 'stopped' THEN 'stopped'
                        WHEN i.status = 'handed_over' THEN 'handed_over'
                        WHEN i.status = 'paused' THEN 'paused'
                        ELSE 'continued' END AS outcome
            FROM inits i CROSS JOIN activities a ON a.initiative_id = i.id
            WHERE EXISTS (SELECT 1 FROM funding_activities fa JOIN funding_streams f ON f.id = fa.funding_id
                          WHERE fa.activity_id = a.id AND f.archived_at IS NULL AND f.status IN ('granted', 'ended')
                            AND f.ends_on < ${p.today}))`,
  ),

  assets: part<AssetRowOut>(
    ["category", "n"],
    () => sql`SELECT s.category AS category, count(*) AS n FROM assets s
      WHERE s.archived_at IS NULL AND s.neighbourhood_id IN (SELECT id FROM scope_ids)
      GROUP BY s.category`,
  ),

  // Facilities by the end of their agreement (the ones without an end last), with the number of
  // live activities that use them (one GROUP BY, not a count per facility).
  facilities: part<FacilityRowOut>(
    [
      "facility_id",
      "facility_name",
      "facility_kind",
      "neighbourhood_name",
      "owner_id",
      "owner_name",
      "agreement",
      "ends_on",
      "renewal_state",
      "activities",
      "total",
    ],
    (_p, l) => sql`SELECT f.id AS facility_id, f.name AS facility_name, f.kind AS facility_kind, n.name AS neighbourhood_name,
             f.owner_partner_id AS owner_id, o.name AS owner_name, f.agreement AS agreement,
             f.agreement_ends_on AS ends_on, f.renewal_state AS renewal_state, coalesce(u.n, 0) AS activities,
             count(*) OVER () AS total
      FROM facilities f JOIN neighbourhoods n ON n.id = f.neighbourhood_id LEFT JOIN partner_orgs o ON o.id = f.owner_partner_id
        LEFT JOIN (SELECT facility_id, count(*) AS n FROM acts WHERE facility_id IS NOT NULL GROUP BY facility_id) u ON u.facility_id = f.id
      WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)
      ORDER BY f.agreement_ends_on IS NULL, f.agreement_ends_on, f.name${limit(l.facilities)}`,
  ),
} as const;

export type PartName = keyof typeof PARTS;
export const PART_NAMES = Object.keys(PARTS) as PartName[];
type RowOf<K extends PartName> = (typeof PARTS)[K] extends Part<infer T> ? T : never;
export type PartRows = { [K in PartName]: RowOf<K>[] };

const dialect = new SQLiteAsyncDialect();

/** The one statement that brings the given parts, each folded into a JSON array of rows. */
export function foldedStatement(p: QueryParams, names: readonly PartName[], limits: ListLimits): SQL {
  const cols = names.map((name, k) => {
    const pt = PARTS[name] as unknown as Part<Record<string, unknown>>;
    const list = sql.raw(pt.columns.map((c) => `"${c}"`).join(", "));
    return sql`(SELECT json_group_array(json_array(${list})) FROM (${pt.query(p, limits)})) AS ${sql.raw(`p${k}`)}`;
  });
  return sql`${ctes(p)} SELECT ${sql.join(cols, sql`, `)}`;
}

/** One part as a plain statement: its rows come back as rows (for complete CSV lists). */
export function plainStatement(p: QueryParams, name: PartName, limits: ListLimits = NO_LIMITS): SQL {
  return sql`${ctes(p)} ${PARTS[name].query(p, limits)}`;
}

function prepare(db: Db, statement: SQL) {
  const q = dialect.sqlToQuery(statement);
  return db.$client.prepare(q.sql).bind(...q.params);
}

const LISTS = ["atRisk", "own", "facilities"] as const satisfies readonly (keyof ListLimits & PartName)[];

/**
 * Reads the given parts. Everything that is bounded (figures, and lists with a limit) is folded
 * into ONE statement. A list without a limit is read as plain rows in a statement of its own (a
 * JSON cell of thousands of rows could pass D1's 2 MB limit on a value), in the same batch.
 * So: one statement for the page and for each CSV table; the JSON API (complete lists) at most four.
 * Parts not asked for come back empty.
 */
export async function readParts(db: Db, p: QueryParams, names: readonly PartName[], limits: ListLimits): Promise<PartRows> {
  const out = Object.fromEntries(PART_NAMES.map((n) => [n, []])) as unknown as Record<PartName, Record<string, unknown>[]>;
  const plain = LISTS.filter((n) => names.includes(n) && limits[n] === null);
  const folded = names.filter((n) => !(plain as readonly PartName[]).includes(n));
  const statements = [
    ...(folded.length > 0 ? [foldedStatement(p, folded, limits)] : []),
    ...plain.map((n) => plainStatement(p, n, limits)),
  ].map((st) => prepare(db, st));
  if (statements.length === 0) return out as unknown as PartRows;
  const results =
    statements.length === 1
      ? [await statements[0]!.all<Record<string, unknown>>()]
      : await db.$client.batch<Record<string, unknown>>(statements);
  let k = 0;
  if (folded.length > 0) {
    const row = results[k++]!.results[0] as Record<string, string> | undefined;
    folded.forEach((name, j) => {
      const columns = PARTS[name].columns as readonly string[];
      const rows = JSON.parse(row?.[`p${j}`] ?? "[]") as unknown[][];
      out[name] = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    });
  }
  for (const name of plain) out[name] = results[k++]!.results;
  return out as unknown as PartRows;
}
