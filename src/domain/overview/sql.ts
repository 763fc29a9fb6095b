// The aggregate queries behind the sustainability overview. One file on purpose (over 400 lines):
// every part is a SELECT over the same CTEs, and they are read together as ONE D1 statement
// (read-parts.ts), so they belong side by side.
//
// Every part of the overview (figures per year, the funding cliff, the at-risk list, …) is a
// SELECT over a few shared CTEs (the neighbourhoods in scope, their initiatives, their counted
// activities, the years). Each part declares its fields once (name → kind): the SQL aliases, the
// folding into one JSON cell and the row's TypeScript type all follow from that declaration.
// Lists that grow with the data (the at-risk list, facilities, a partner's own money) are capped
// on the page; a CSV download of such a list runs that one part unfolded, so it stays complete.
// The scope travels as one JSON parameter (json_each), so there is no list of ids to chunk under
// D1's 100 bound parameters. Every selected column has its own alias (D1 returns columns by name:
// duplicates overwrite). The past years (initYears, volYears, fundYears) are parts of their own, so
// a stored yearly rollup can replace them without touching the rest.
import { sql, type SQL } from "drizzle-orm";
import { ROLLUP_YEARS } from "./rollup";

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
  /**
   * Where the years and "now" come from (rollup.ts): the stored rollup when it is for this year
   * and today, else counted live (the default; SQLite runs one branch of each, see rollupOr);
   * `stored`: only the stored branches are in the statement (a quarter less SQL to prepare), and
   * their rows are empty when the rollup cannot serve (rollupState tells; readOverview then reads
   * again); `live`: everything counted (the daily run's check, tests).
   */
  counting?: Counting;
};
export type Counting = "stored-or-live" | "stored" | "live";

/** How many rows a capped list may bring; null: all of them. */
export type ListLimits = { atRisk: number | null; own: number | null; facilities: number | null };
export const NO_LIMITS: ListLimits = { atRisk: null, own: null, facilities: null };

/**
 * THE definition of what the overview counts "now" (every figure, list, CSV and the API use it):
 * a living initiative is not archived and active or paused; a counted activity is an activity
 * that is not archived, of a living initiative. Stopped and handed-over initiatives are judged ok
 * by the risk rules and are history here: they count in the year-on-year figures and continuity,
 * not in what runs now, the risk levels, the at-risk list or the money ending.
 */
export const LIVING_STATUSES = ["active", "paused"] as const;
const LIVING = sql.raw(`(${LIVING_STATUSES.map((s) => `'${s}'`).join(", ")})`);

function scopeIds(scope: OverviewScope): SQL {
  if ("all" in scope) return sql`SELECT n.id FROM neighbourhoods n WHERE n.archived_at IS NULL`;
  const archived = scope.includeArchived ? sql`` : sql` AND n.archived_at IS NULL`;
  return sql`SELECT n.id FROM neighbourhoods n WHERE n.id IN (SELECT value FROM json_each(${JSON.stringify(scope.ids)}))${archived}`;
}

/**
 * What replaces a stream `f` that ends, per year — the rule of src/domain/risk/replacement.ts in
 * SQL: its own granted renewal replaces it all; otherwise the granted streams marked as its
 * successor that start by the day after its end and run past it (at most its amount).
 */
const coveredCents = sql`CASE WHEN f.renewal_state = 'granted' THEN f.amount_cents_per_year
    ELSE min(f.amount_cents_per_year, coalesce((SELECT sum(g.amount_cents_per_year) FROM funding_streams g
      WHERE g.replaces_funding_id = f.id AND g.archived_at IS NULL AND g.status = 'granted'
        AND substr(g.starts_on, 1, 10) <= date(substr(f.ends_on, 1, 10), '+1 day')
        AND (g.ends_on IS NULL OR substr(g.ends_on, 1, 10) > substr(f.ends_on, 1, 10))), 0)) END`;
/** A renewal planned or applied for, or a successor applied for: not arranged yet, but on its way. */
const pending = sql`(f.renewal_state IN ('planned', 'applied') OR EXISTS (SELECT 1 FROM funding_streams g
      WHERE g.replaces_funding_id = f.id AND g.archived_at IS NULL AND g.status = 'applied'))`;

/**
 * The shared start of the statement. SQLite only computes the CTEs a part refers to.
 * - inits: the initiatives in scope that are not archived (any status: the past counts them).
 * - acts: the counted activities (see LIVING_STATUSES), with the initiative's neighbourhood and
 *   name and their stored risk (level null: not judged yet), read once for every part that needs
 *   it through an index that holds it (no table row per activity). The risk's rowid (in that index
 *   too) lets the at-risk list fetch the reasons of the rows it keeps straight from the table.
 * - rollup_ok: the stored rollup (rollup.ts) is for this year, so the years come from it;
 *   now_ok: its "now" is for today too.
 * - vols_now: who volunteers today in a living initiative, per neighbourhood (one row per person
 *   and neighbourhood; the page counts them per neighbourhood and, once each, over the scope),
 *   when the rollup cannot tell (empty when it can).
 * - years: the year before the first shown year (for retention) up to this year.
 * - cliff: granted streams of living initiatives ending in the eight quarters of the funding cliff,
 *   with what replaces them (covered) and whether a renewal is on its way (pending); cliff_deps:
 *   the counted activities linked to them; cliff_commitments: commitments ending then.
 * Joins from the initiatives in scope are CROSS JOINs where the planner must not turn them round:
 * the SQLite inside workerd (newer than most command lines) likes to scan a whole table with a
 * Bloom filter on the scope, which made a neighbourhood's overview read every activity,
 * commitment and funding link in the city (230 ms on L for one neighbourhood).
 * Dates are ISO text ('YYYY-MM-DD' or a full timestamp), so comparing the text itself with a
 * 'YYYY-MM-DD' bound is the same as comparing its first ten characters, and can use an index.
 */
export function ctes(p: QueryParams): SQL {
  return sql`WITH RECURSIVE
    scope_ids(id) AS MATERIALIZED (${scopeIds(p.scope)}),
    inits AS MATERIALIZED (SELECT i.id AS id, i.neighbourhood_id AS neighbourhood_id, i.name AS name, i.status AS status,
                   i.status_since AS status_since, i.started_year AS started_year
              FROM initiatives i
              WHERE i.archived_at IS NULL AND i.neighbourhood_id IN (SELECT id FROM scope_ids)),
    acts AS MATERIALIZED (SELECT a.id AS id, a.initiative_id AS initiative_id, a.facility_id AS facility_id, a.name AS name,
                   i.neighbourhood_id AS neighbourhood_id, i.status AS status, i.name AS initiative_name,
                   r.level AS level, r.runway_months AS runway_months, r.level_since AS level_since, r.rowid AS risk_rowid
              FROM inits i CROSS JOIN activities a ON a.initiative_id = i.id
                LEFT JOIN activity_risks r INDEXED BY activity_risks_level ON r.activity_id = a.id
              WHERE a.archived_at IS NULL AND i.status IN ${LIVING}),
    rollup_ok(ok) AS (SELECT ${
      p.counting === "live"
        ? sql`0`
        : sql`coalesce((SELECT current_year = ${p.lastYear} AND current_year - ${ROLLUP_YEARS} <= ${p.firstYear - 1} AND now_day IS NOT NULL
                                      FROM overview_rollup_state WHERE id = 1), 0)`
    }),
    now_ok(ok) AS (SELECT (SELECT ok FROM rollup_ok) AND coalesce((SELECT now_day = ${p.today} FROM overview_rollup_state WHERE id = 1), 0)),
    vols_now AS MATERIALIZED (${
      p.counting === "stored"
        ? sql`SELECT NULL AS person_id, NULL AS neighbourhood_id WHERE 0`
        : sql`SELECT v.person_id AS person_id, i.neighbourhood_id AS neighbourhood_id
              FROM ${involvementsOf(p).from} JOIN inits i ON i.id = v.initiative_id
              WHERE ${WITHOUT_NOW} AND ${involvementsOf(p).where} AND i.status IN ${LIVING}
                AND substr(v.since, 1, 10) <= ${p.today} AND (v.until IS NULL OR v.until >= ${p.today})
              GROUP BY v.person_id, i.neighbourhood_id`
    }),
    years(y) AS (SELECT CAST(${p.firstYear - 1} AS INTEGER) UNION ALL SELECT y + 1 FROM years WHERE y < CAST(${p.lastYear} AS INTEGER)),
    cliff AS MATERIALIZED (SELECT f.id AS id, i.neighbourhood_id AS neighbourhood_id,
                   ${quarterOf(sql`f.ends_on`)} AS quarter, f.amount_cents_per_year AS cents, ${coveredCents} AS covered,
                   ${pending} AS pending, ${own(p, sql`f.source_partner_id`)} AS own
              FROM ${streamsOf(p)}
              WHERE f.archived_at IS NULL AND f.status = 'granted' AND f.ends_on >= ${p.cliffFrom} AND f.ends_on < ${p.cliffTo}
                AND i.status IN ${LIVING}),
    cliff_commitments AS MATERIALIZED (SELECT c.id AS id, c.initiative_id AS initiative_id, c.activity_id AS activity_id,
                   c.description AS description, c.kind AS kind, c.ends_on AS ends_on, c.renewal_state AS renewal_state,
                   ${quarterOf(sql`c.ends_on`)} AS quarter, ${own(p, sql`c.partner_id`)} AS own, i.name AS initiative_name
              FROM inits i CROSS JOIN commitments c ON c.initiative_id = i.id
              WHERE c.archived_at IS NULL AND c.ends_on >= ${p.cliffFrom} AND c.ends_on < ${p.cliffTo} AND i.status IN ${LIVING}),
    cliff_deps AS MATERIALIZED (SELECT f.quarter AS quarter, f.cents > f.covered AS short, fa.activity_id AS activity_id
              FROM cliff f CROSS JOIN funding_activities fa ON fa.funding_id = f.id JOIN acts a ON a.id = fa.activity_id)
  `;
}

const own = (p: QueryParams, column: SQL) => sql`(${column} IN (SELECT value FROM json_each(${JSON.stringify(p.partnerOrgIds)})))`;
/** "2026-3": the quarter a date falls in. */
const quarterOf = (column: SQL) => sql`substr(${column}, 1, 4) || '-' || ((CAST(substr(${column}, 6, 2) AS INTEGER) + 2) / 3)`;
const limit = (n: number | null) => (n === null ? sql`` : sql` LIMIT ${n}`);
/**
 * One neighbourhood: nobody in it is counted twice, so the stored per-neighbourhood volunteer counts
 * need no correction for the people active in several neighbourhoods (overview_volunteer_spread):
 * the correction is zero there by construction, and leaving it out saves a third of a millisecond
 * of SQLite on every neighbourhood's page.
 */
const isOneNeighbourhood = (p: QueryParams) => !("all" in p.scope) && new Set(p.scope.ids).size === 1;
/** Many neighbourhoods: reading a whole index beats a lookup per initiative. */
const isWide = (p: QueryParams) => "all" in p.scope || p.scope.ids.length > 3;

/**
 * Funding streams joined with the initiatives in scope, as `f` and `i`. Over many neighbourhoods
 * through the streams' end-date index (named and first: left to itself the planner went through
 * every initiative's streams, 21 → 10 ms on L); for a few through their initiatives (CROSS JOIN
 * keeps that order), or a neighbourhood's overview would read every stream in the cliff window of
 * the whole city: it grew with the dataset (46 ms on M, 229 ms on L).
 */
const streamsOf = (p: QueryParams) =>
  isWide(p)
    ? sql`funding_streams f INDEXED BY funding_ends CROSS JOIN inits i ON i.id = f.initiative_id`
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

/**
 * An activity `a` some of whose money ended before today (a granted or since ended stream linked to
 * it). Over many neighbourhoods the ended streams are read once from their end-date index, and
 * their activities become one list (17 ms instead of 35 on L); for a few, the same list from the
 * streams of the initiatives in scope (a stream is linked only to its own initiative's activities:
 * fundings.ts refuses others), or the page would read every ended stream of the city. Those are
 * the streams the funding cliff reads too, so one neighbourhood's statement touches fewer pages than
 * with a lookup per activity (with the at-risk list's rowid lookup, 576 → 477 pages on L: now within
 * SQLite's default cache of about 2 MB, which it overflowed, reading pages again in one statement).
 */
function moneyEnded(p: QueryParams): SQL {
  const ended = sql`f.ends_on < ${p.today} AND f.archived_at IS NULL AND f.status IN ('granted', 'ended')`;
  return isWide(p)
    ? sql`a.id IN (SELECT fa.activity_id FROM funding_streams f INDEXED BY funding_ends CROSS JOIN funding_activities fa ON fa.funding_id = f.id
                   WHERE ${ended})`
    : sql`a.id IN (SELECT fa.activity_id FROM inits si CROSS JOIN funding_streams f ON f.initiative_id = si.id
                   CROSS JOIN funding_activities fa ON fa.funding_id = f.id WHERE ${ended})`;
}

/**
 * A row of neighbourhood `column`, read in some other order, is in scope. Every neighbourhood that
 * is not archived: fewer archived ones to rule out than live ones to look up (6.4 → 2.7 ms for the
 * 36,000 rows of the volunteer spread on L).
 */
const rowInScope = (p: QueryParams, column: SQL) =>
  "all" in p.scope
    ? sql`${column} NOT IN (SELECT n.id FROM neighbourhoods n WHERE n.archived_at IS NOT NULL)`
    : sql`${column} IN (SELECT id FROM scope_ids)`;

/** The year of an ISO date in text, as a number. */
const yearOf = (column: SQL) => sql`CAST(substr(${column}, 1, 4) AS INTEGER)`;

/** What a selected field holds; its TypeScript type follows (KindValue). */
export type Kind = "text" | "textOrNull" | "int" | "intOrNull" | "bool" | "json";
type KindValue = { text: string; textOrNull: string | null; int: number; intOrNull: number | null; bool: boolean; json: unknown };
export type Fields = Record<string, Kind>;
/** The row a part's fields describe. */
export type RowOf<F extends Fields> = { -readonly [K in keyof F]: KindValue[F[K]] };

/** One part of the overview: its fields (in select order: name → kind) and its SELECT over the shared CTEs, aliased by field name. */
export type Part<F extends Fields = Fields> = { fields: F; query: (p: QueryParams, limits: ListLimits) => SQL };
const part = <const F extends Fields>(fields: F, query: (p: QueryParams, limits: ListLimits) => SQL): Part<F> => ({ fields, query });

/** A raw value as its kind says: SQLite's NULL sums become 0, 0/1 become booleans, JSON text is parsed. */
export function decodeRow<F extends Fields>(fields: F, raw: Record<string, unknown>): RowOf<F> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const v = raw[name];
    out[name] =
      kind === "int"
        ? Number(v ?? 0)
        : kind === "intOrNull"
          ? v === null || v === undefined
            ? null
            : Number(v)
          : kind === "bool"
            ? !!v
            : kind === "json"
              ? typeof v === "string"
                ? JSON.parse(v)
                : v
              : kind === "text"
                ? String(v ?? "")
                : v === undefined || v === null
                  ? null
                  : String(v);
  }
  return out as RowOf<F>;
}

/**
 * The stored years (`rolled`, this year and the ones before it) when the rollup is for this year;
 * otherwise everything counted live. The condition is one constant subquery, so SQLite runs only
 * the branch it selects. A statement that counts only one way has only that branch.
 */
function rollupOr(p: QueryParams, rolled: SQL, liveAll: SQL): SQL {
  if (p.counting === "stored") return rolled;
  if (p.counting === "live") return liveAll;
  return sql`SELECT * FROM (${rolled}) UNION ALL SELECT * FROM (${liveAll})`;
}
/**
 * Each branch of rollupOr carries its condition in its innermost WHERE: SQLite evaluates a constant
 * term there once, before the scan, and skips the scan when it is false (a condition on the
 * branch's outer SELECT comes too late: the subquery is computed first).
 */
const WITH_ROLLUP = sql`(SELECT ok FROM rollup_ok)`;
const WITHOUT_ROLLUP = sql`NOT (SELECT ok FROM rollup_ok)`;
/** The same for the figures of "now": stored for today, or counted live. */
const WITH_NOW = sql`(SELECT ok FROM now_ok)`;
const WITHOUT_NOW = sql`NOT (SELECT ok FROM now_ok)`;

/**
 * Who volunteers today, from the rollup (0 when it cannot tell): the neighbourhoods' own counts
 * added up, less the extra counts of the people who volunteer today in several of them.
 */
function rolledVolunteersNow(p: QueryParams): SQL {
  const inScope = sql`${WITH_NOW} AND year = ${p.lastYear} AND neighbourhood_id IN (SELECT id FROM scope_ids)`;
  const sum = sql`(SELECT coalesce(sum(volunteers_now), 0) FROM overview_years WHERE ${inScope})`;
  if (isOneNeighbourhood(p)) return sum;
  return sql`${sum}
    - (SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) AS c FROM overview_volunteer_spread WHERE ${inScope} AND now GROUP BY person_id))`;
}

/**
 * Initiatives per year, counted live (when the rollup cannot serve). A check-in for the year
 * decides; without one, the current status does: active/paused counts every year from the start,
 * stopped/handed over counts the years before the year of status_since. Stopped/handed over in Y:
 * a check-in saying so, or the current status set in Y. One pass over initiatives × years with the
 * check-in of that year (unique index on initiative and year), instead of three correlated
 * subqueries per cell.
 */
function liveInitYears(p: QueryParams): SQL {
  return sql`SELECT years.y AS year,
        sum(CASE WHEN i.started_year <= years.y AND (c.status IN ('active', 'paused') OR (c.status IS NULL AND (
              i.status IN ('active', 'paused') OR (i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} > years.y))))
            THEN 1 ELSE 0 END) AS active,
        sum(CASE WHEN i.started_year = years.y THEN 1 ELSE 0 END) AS started,
        sum(CASE WHEN c.status = 'stopped' OR (i.status = 'stopped' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = years.y)
            THEN 1 ELSE 0 END) AS stopped,
        sum(CASE WHEN c.status = 'handed_over' OR (i.status = 'handed_over' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = years.y)
            THEN 1 ELSE 0 END) AS handedOver
      FROM years CROSS JOIN inits i LEFT JOIN checkins c ON c.initiative_id = i.id AND c.year = years.y
      WHERE ${WITHOUT_ROLLUP} AND years.y >= ${p.firstYear}
      GROUP BY years.y ORDER BY years.y`;
}

/**
 * Volunteers per year, counted live (distinct people per year from the involvement intervals, the
 * same rule as year-figures.ts: an interval counts in every year it touches; one that ends before
 * it starts counts nowhere), and how many of them were active the year before; `base`, the year
 * before the first shown one, is the first year counted (its "returned" is 0: the year before it
 * is not looked at). Erased people keep their rows, so they keep counting.
 * Per person, one bit per year (bit 0: base): the years any of their intervals touches. OR over a
 * person's intervals = max() per bit, grouped by person in the order of the (person_id, …) index.
 * People with the same years are counted together (a few hundred distinct masks for thousands of
 * people), then each year counts its bits, and "returning" the people with this year's and last
 * year's bit. `LIMIT -1` keeps SQLite from flattening the intervals into the grouping, which would
 * work out sy and uy again for each of the bits (38 → 24 ms on M).
 */
function liveVolYears(p: QueryParams): SQL {
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
                  WHERE ${WITHOUT_ROLLUP} AND ${inv.where} AND v.since < ${`${p.lastYear + 1}`} AND (v.until IS NULL OR v.until >= ${`${base}`})
                  LIMIT -1) iv
            GROUP BY iv.person_id) GROUP BY m) pm
        CROSS JOIN years
      GROUP BY years.y ORDER BY years.y`;
}

/**
 * Volunteers per year from the rollup: the neighbourhoods' own counts added up (h), corrected for
 * the people active in more than one of them (overview_volunteer_spread), so each counts once:
 * their rows in the sums (x) are replaced by the people themselves (pm: per person one bit per
 * year in the scope, counted per pattern as in liveVolYears). Returning: their returns within one
 * neighbourhood (x.here, in the sums) are replaced by once if active in the scope this year and the
 * year before. Over many neighbourhoods the spread rows are read in person order (the primary key,
 * no sort), for a few through their neighbourhoods; a person's bits are the sum of their distinct
 * years' bits (one grouping, not two). For one neighbourhood the sums are already exact.
 */
function rolledVolYears(p: QueryParams): SQL {
  const base = p.firstYear - 1;
  const inScope = sql`${WITH_ROLLUP} AND neighbourhood_id IN (SELECT id FROM scope_ids)`;
  const stored = sql`SELECT year, sum(volunteers_active) AS active, sum(volunteers_returning) AS ret FROM overview_years WHERE ${inScope} GROUP BY year`;
  if (isOneNeighbourhood(p))
    return sql`SELECT years.y AS year, coalesce(h.active, 0) AS active, CASE WHEN years.y > ${base} THEN coalesce(h.ret, 0) ELSE 0 END AS returned
      FROM years LEFT JOIN (${stored}) h ON h.year = years.y
      WHERE ${WITH_ROLLUP} ORDER BY years.y`;
  const inScopeByPerson = isWide(p) ? sql`${WITH_ROLLUP} AND ${rowInScope(p, sql`+neighbourhood_id`)}` : inScope;
  return sql`SELECT years.y AS year, coalesce(h.active, 0) - coalesce(x.n, 0) + coalesce(pm.active, 0) AS active,
        CASE WHEN years.y > ${base} THEN coalesce(h.ret, 0) - coalesce(x.here, 0) + coalesce(pm.back, 0) ELSE 0 END AS returned
      FROM years
        LEFT JOIN (${stored}) h ON h.year = years.y
        LEFT JOIN (SELECT year, count(*) AS n, sum(returns_here) AS here FROM overview_volunteer_spread
                   WHERE ${inScope} AND year >= ${base} GROUP BY year) x ON x.year = years.y
        LEFT JOIN (SELECT years.y AS year, sum(((m.m >> (years.y - ${base})) & 1) * m.n) AS active,
                          sum(((m.m >> (years.y - ${base})) & (m.m >> (years.y - ${base + 1})) & 1) * m.n) AS back
                   FROM (SELECT m, count(*) AS n FROM (SELECT sum(DISTINCT 1 << (year - ${base})) AS m
                         FROM overview_volunteer_spread WHERE ${inScopeByPerson} AND year >= ${base}
                         GROUP BY person_id) GROUP BY m) m CROSS JOIN years
                   GROUP BY years.y) pm ON pm.year = years.y
      WHERE ${WITH_ROLLUP} ORDER BY years.y`;
}

/** Money per kind, counted live — the yearly amount of every granted (or since ended) stream that runs during some part of the year. */
function liveFundYears(p: QueryParams): SQL {
  return sql`SELECT years.y AS year, f.kind AS kind, sum(f.cents) AS cents, count(*) AS streams
      FROM (SELECT s.kind AS kind, s.amount_cents_per_year AS cents, ${yearOf(sql`s.starts_on`)} AS sy,
                   CASE WHEN s.ends_on IS NULL THEN 9999 ELSE ${yearOf(sql`s.ends_on`)} END AS ey
            FROM inits i JOIN funding_streams s ON s.initiative_id = i.id
            WHERE ${WITHOUT_ROLLUP} AND s.archived_at IS NULL AND s.status IN ('granted', 'ended')) f
      JOIN years ON years.y BETWEEN f.sy AND f.ey
      WHERE years.y >= ${p.firstYear}
      GROUP BY years.y, f.kind`;
}

export const PARTS = {
  // The neighbourhoods in scope with their own figures (now, risk, money ending in the cliff window).
  // Each figure is one GROUP BY over the scope, joined by neighbourhood: no query per neighbourhood.
  hoods: part(
    {
      id: "text",
      name: "text",
      slug: "text",
      municipality: "text",
      published: "bool",
      activeInitiatives: "int",
      pausedInitiatives: "int",
      activities: "int",
      volunteers: "int",
      urgent: "int",
      atRisk: "int",
      watch: "int",
      cliffCents: "int",
      shortfallCents: "int",
      facilities: "int",
    },
    (p) => sql`SELECT n.id AS id, n.name AS name, n.slug AS slug, n.municipality AS municipality, n.published AS published,
        coalesce(ii.active, 0) AS activeInitiatives, coalesce(ii.paused, 0) AS pausedInitiatives,
        coalesce(rr.n, 0) AS activities, coalesce(vv.n, 0) AS volunteers,
        coalesce(rr.urgent, 0) AS urgent, coalesce(rr.at_risk, 0) AS atRisk, coalesce(rr.watch, 0) AS watch,
        coalesce(cc.cents, 0) AS cliffCents, coalesce(cc.shortfall, 0) AS shortfallCents, coalesce(ff.n, 0) AS facilities
      FROM neighbourhoods n
        LEFT JOIN (SELECT neighbourhood_id, sum(status = 'active') AS active, sum(status = 'paused') AS paused
                   FROM inits GROUP BY neighbourhood_id) ii ON ii.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, volunteers_now AS n FROM overview_years
                   WHERE ${WITH_NOW} AND year = ${p.lastYear} AND neighbourhood_id IN (SELECT id FROM scope_ids)
                   UNION ALL SELECT neighbourhood_id, count(*) AS n FROM vols_now GROUP BY neighbourhood_id) vv ON vv.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, count(*) AS n, sum(level = 'urgent') AS urgent, sum(level = 'at_risk') AS at_risk,
                          sum(level = 'watch') AS watch
                   FROM acts GROUP BY neighbourhood_id) rr ON rr.neighbourhood_id = n.id
        LEFT JOIN (SELECT neighbourhood_id, sum(cents) AS cents, sum(cents - covered) AS shortfall
                   FROM cliff GROUP BY neighbourhood_id) cc ON cc.neighbourhood_id = n.id
        LEFT JOIN (SELECT f.neighbourhood_id AS neighbourhood_id, count(*) AS n FROM facilities f
                   WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)
                   GROUP BY f.neighbourhood_id) ff ON ff.neighbourhood_id = n.id
      WHERE n.id IN (SELECT id FROM scope_ids)
      ORDER BY n.name`,
  ),

  // Now. Volunteers: distinct people with an involvement that covers today (counted once across
  // neighbourhoods, so not the sum of the neighbourhoods' figures): counted live, or from the rollup.
  now: part(
    { activeInitiatives: "int", pausedInitiatives: "int", activities: "int", volunteers: "int", facilities: "int" },
    (p) => sql`SELECT
        (SELECT count(*) FROM inits WHERE status = 'active') AS activeInitiatives,
        (SELECT count(*) FROM inits WHERE status = 'paused') AS pausedInitiatives,
        (SELECT count(*) FROM acts) AS activities,
        (SELECT count(DISTINCT person_id) FROM vols_now) + ${rolledVolunteersNow(p)} AS volunteers,
        (SELECT count(*) FROM facilities f WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)) AS facilities`,
  ),

  // Every counted activity at its stored level; one not judged yet counts as ok (it has no flags),
  // so the levels add up to the activities counted now.
  levels: part(
    { level: "text", n: "int" },
    () => sql`SELECT coalesce(level, 'ok') AS level, count(*) AS n FROM acts GROUP BY coalesce(level, 'ok')`,
  ),

  // Most urgent first: level, then the shortest runway, then the longest-standing. Sorted and cut
  // on thin rows first; flags and coordinators (the only names partners see) only for the rows
  // kept. The length of the whole list is the sum of the levels other than ok.
  atRisk: part(
    {
      activityId: "text",
      activityName: "text",
      initiativeId: "text",
      initiativeName: "text",
      neighbourhoodId: "text",
      neighbourhoodName: "text",
      level: "text",
      flags: "json",
      runwayMonths: "intOrNull",
      levelSince: "text",
      coordinators: "json",
    },
    (_p, l) => sql`SELECT x.activity_id AS activityId, x.activity_name AS activityName, x.initiative_id AS initiativeId,
             x.initiative_name AS initiativeName, n.id AS neighbourhoodId, n.name AS neighbourhoodName, x.level AS level,
             r.flags AS flags, x.runway_months AS runwayMonths, x.level_since AS levelSince,
             (SELECT json_group_array(name) FROM (SELECT p.name AS name FROM initiative_coordinators ic JOIN people p ON p.id = ic.person_id
                WHERE ic.initiative_id = x.initiative_id AND p.erased_at IS NULL ORDER BY p.name)) AS coordinators
      FROM (SELECT a.id AS activity_id, a.name AS activity_name, a.initiative_id AS initiative_id, a.initiative_name AS initiative_name,
                   a.neighbourhood_id AS neighbourhood_id, a.level AS level, a.runway_months AS runway_months, a.level_since AS level_since,
                   a.risk_rowid AS risk_rowid, CASE a.level WHEN 'urgent' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END AS rank
            FROM acts a
            WHERE a.level <> 'ok'
            ORDER BY rank, a.runway_months IS NULL, a.runway_months, a.level_since, a.initiative_name, a.name${limit(l.atRisk)}) x
        CROSS JOIN activity_risks r ON r.rowid = x.risk_rowid
        JOIN neighbourhoods n ON n.id = x.neighbourhood_id
      ORDER BY x.rank, x.runway_months IS NULL, x.runway_months, x.level_since, x.initiative_name, x.activity_name`,
  ),

  // Funding cliff: money per year of granted streams ending in each of the next eight quarters,
  // split into what is arranged (renewal or successor granted), on its way (applied or planned)
  // and nothing arranged; the viewing partner's own part of it.
  cliffMoney: part(
    {
      quarter: "text",
      cents: "int",
      arranged: "int",
      pending: "int",
      none: "int",
      streams: "int",
      ownCents: "int",
      ownShortfall: "int",
      ownStreams: "int",
    },
    () => sql`SELECT quarter AS quarter, sum(cents) AS cents, sum(covered) AS arranged,
             sum(CASE WHEN pending THEN cents - covered ELSE 0 END) AS pending, sum(CASE WHEN pending THEN 0 ELSE cents - covered END) AS none,
             count(*) AS streams, sum(CASE WHEN own THEN cents ELSE 0 END) AS ownCents,
             sum(CASE WHEN own THEN cents - covered ELSE 0 END) AS ownShortfall, sum(own) AS ownStreams
      FROM cliff GROUP BY quarter`,
  ),

  // Counted activities linked to that money, per quarter and over all eight; and of those, the ones
  // linked to a stream whose money is not (all) arranged.
  cliffActivities: part(
    { quarter: "text", activities: "int", shortfallActivities: "int" },
    () => sql`SELECT quarter AS quarter, count(DISTINCT activity_id) AS activities,
             count(DISTINCT CASE WHEN short THEN activity_id END) AS shortfallActivities FROM cliff_deps GROUP BY quarter
      UNION ALL
      SELECT 'all' AS quarter, count(DISTINCT activity_id) AS activities,
             count(DISTINCT CASE WHEN short THEN activity_id END) AS shortfallActivities FROM cliff_deps`,
  ),

  cliffCommitments: part(
    { quarter: "text", commitments: "int", ownCommitments: "int" },
    () => sql`SELECT quarter AS quarter, count(*) AS commitments, sum(own) AS ownCommitments FROM cliff_commitments GROUP BY quarter`,
  ),

  // The viewing partner's own streams and commitments that end in the cliff window.
  own: part(
    {
      type: "text",
      id: "text",
      what: "text",
      kind: "text",
      cents: "intOrNull",
      shortfallCents: "intOrNull",
      endsOn: "text",
      renewalState: "text",
      initiativeId: "text",
      initiativeName: "text",
      activities: "int",
      total: "int",
    },
    (_p, l) => sql`SELECT type, id, what, kind, cents, shortfallCents, endsOn, renewalState, initiativeId, initiativeName, activities,
             count(*) OVER () AS total FROM (
      SELECT 'funding' AS type, f.id AS id, s.source_name AS what, s.kind AS kind, f.cents AS cents, f.cents - f.covered AS shortfallCents,
             substr(s.ends_on, 1, 10) AS endsOn, s.renewal_state AS renewalState, i.id AS initiativeId, i.name AS initiativeName,
             (SELECT count(*) FROM funding_activities fa JOIN acts a ON a.id = fa.activity_id WHERE fa.funding_id = f.id) AS activities
      FROM cliff f JOIN funding_streams s ON s.id = f.id JOIN inits i ON i.id = s.initiative_id
      WHERE f.own
      UNION ALL
      SELECT 'commitment' AS type, c.id AS id, c.description AS what, c.kind AS kind, NULL AS cents, NULL AS shortfallCents,
             substr(c.ends_on, 1, 10) AS endsOn, c.renewal_state AS renewalState, c.initiative_id AS initiativeId,
             c.initiative_name AS initiativeName,
             CASE WHEN c.activity_id IS NULL
               THEN (SELECT count(*) FROM acts a WHERE a.initiative_id = c.initiative_id)
               ELSE (SELECT count(*) FROM acts a WHERE a.id = c.activity_id) END AS activities
      FROM cliff_commitments c
      WHERE c.own)
      ORDER BY endsOn, initiativeName, what${limit(l.own)}`,
  ),

  // Year on year: initiatives, volunteers and money. Every year comes from the stored rollup
  // (rollup.ts) when it is for this year; otherwise every year is counted live (liveInitYears,
  // liveVolYears, liveFundYears: the rules themselves).
  initYears: part({ year: "int", active: "int", started: "int", stopped: "int", handedOver: "int" }, (p) =>
    rollupOr(
      p,
      sql`SELECT year AS year, sum(initiatives_active) AS active, sum(initiatives_started) AS started,
            sum(initiatives_stopped) AS stopped, sum(initiatives_handed_over) AS handedOver
          FROM overview_years WHERE ${WITH_ROLLUP} AND neighbourhood_id IN (SELECT id FROM scope_ids) AND year >= ${p.firstYear} AND year <= ${p.lastYear}
          GROUP BY year ORDER BY year`,
      liveInitYears(p),
    ),
  ),
  volYears: part({ year: "int", active: "int", returned: "int" }, (p) => rollupOr(p, rolledVolYears(p), liveVolYears(p))),
  fundYears: part({ year: "int", kind: "text", cents: "int", streams: "int" }, (p) =>
    rollupOr(
      p,
      sql`SELECT year AS year, kind AS kind, sum(cents) AS cents, sum(streams) AS streams
          FROM overview_year_money WHERE ${WITH_ROLLUP} AND neighbourhood_id IN (SELECT id FROM scope_ids) AND year >= ${p.firstYear} AND year <= ${p.lastYear}
          GROUP BY year, kind`,
      liveFundYears(p),
    ),
  ),

  // Continuity: ages of the living initiatives; what became of activities whose money ended (every
  // activity of a non-archived initiative, whatever became of it: that is the question here;
  // archived activities of live initiatives count as stopped).
  continuity: part(
    { living: "int", older1: "int", older3: "int", older5: "int", continued: "int", paused: "int", handedOver: "int", stopped: "int" },
    (p) => sql`SELECT
        (SELECT count(*) FROM inits WHERE status IN ${LIVING}) AS living,
        (SELECT count(*) FROM inits WHERE status IN ${LIVING} AND started_year <= ${p.lastYear - 1}) AS older1,
        (SELECT count(*) FROM inits WHERE status IN ${LIVING} AND started_year <= ${p.lastYear - 3}) AS older3,
        (SELECT count(*) FROM inits WHERE status IN ${LIVING} AND started_year <= ${p.lastYear - 5}) AS older5,
        sum(outcome = 'continued') AS continued, sum(outcome = 'paused') AS paused,
        sum(outcome = 'handed_over') AS handedOver, sum(outcome = 'stopped') AS stopped
      FROM (SELECT CASE WHEN a.archived_at IS NOT NULL OR i.status = 'stopped' THEN 'stopped'
                        WHEN i.status = 'handed_over' THEN 'handed_over'
                        WHEN i.status = 'paused' THEN 'paused'
                        ELSE 'continued' END AS outcome
            FROM inits i CROSS JOIN activities a ON a.initiative_id = i.id
            WHERE ${moneyEnded(p)})`,
  ),

  // The register's assets per category: counted from the index (in its order, per neighbourhood and
  // category), less the offers not accepted (their asset is not in the register; an offer and its
  // asset share id and neighbourhood). Not a lookup per asset: 9 → 4 ms for 40,000 assets on L.
  assets: part(
    { category: "text", n: "int" },
    () => sql`SELECT category AS category, sum(n) AS n FROM (
        SELECT s.category AS category, count(*) AS n FROM assets s
        WHERE s.archived_at IS NULL AND s.neighbourhood_id IN (SELECT id FROM scope_ids)
        GROUP BY s.neighbourhood_id, s.category
        UNION ALL
        SELECT s.category AS category, -count(*) AS n FROM offers o CROSS JOIN assets s ON s.id = o.id AND s.neighbourhood_id = o.neighbourhood_id
        WHERE o.neighbourhood_id IN (SELECT id FROM scope_ids) AND o.status <> 'accepted' AND s.archived_at IS NULL
        GROUP BY s.category)
      GROUP BY category HAVING sum(n) > 0`,
  ),

  // Facilities by the end of their agreement (the ones without an end last), with the number of
  // counted activities that use them (one GROUP BY, not a count per facility).
  facilities: part(
    {
      id: "text",
      name: "text",
      kind: "text",
      neighbourhoodName: "text",
      ownerId: "textOrNull",
      ownerName: "textOrNull",
      agreement: "text",
      endsOn: "textOrNull",
      renewalState: "text",
      activities: "int",
      total: "int",
    },
    (_p, l) => sql`SELECT f.id AS id, f.name AS name, f.kind AS kind, n.name AS neighbourhoodName,
             f.owner_partner_id AS ownerId, o.name AS ownerName, f.agreement AS agreement,
             f.agreement_ends_on AS endsOn, f.renewal_state AS renewalState, coalesce(u.n, 0) AS activities,
             count(*) OVER () AS total
      FROM facilities f JOIN neighbourhoods n ON n.id = f.neighbourhood_id LEFT JOIN partner_orgs o ON o.id = f.owner_partner_id
        LEFT JOIN (SELECT facility_id, count(*) AS n FROM acts WHERE facility_id IS NOT NULL GROUP BY facility_id) u ON u.facility_id = f.id
      WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)
      ORDER BY f.agreement_ends_on IS NULL, f.agreement_ends_on, f.name${limit(l.facilities)}`,
  ),

  // Where the figures came from: the stored years (rollup_ok) and the stored "now" (now_ok). Not a
  // figure: a page that finds "now" not moved to today yet has it moved (moveNowToToday).
  rollupState: part({ years: "bool", now: "bool" }, () => sql`SELECT (SELECT ok FROM rollup_ok) AS years, (SELECT ok FROM now_ok) AS now`),
} as const;

export type PartName = keyof typeof PARTS;
export const PART_NAMES = Object.keys(PARTS) as PartName[];
/** The parts whose figures come from the stored rollup or are counted live (their SQL depends on `counting`; a test holds this list to that). */
export const ROLLUP_PARTS: readonly PartName[] = ["hoods", "now", "initYears", "volYears", "fundYears"];
export type PartRow<K extends PartName> = RowOf<(typeof PARTS)[K]["fields"]>;
export type PartRows = { [K in PartName]: PartRow<K>[] };
