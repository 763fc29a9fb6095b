// The aggregate queries behind the sustainability overview. Each is ONE statement whatever the
// size of the data: the scope travels as a single JSON parameter (json_each), so there is no
// list of ids to chunk under D1's 100 bound parameters, and every figure is counted or summed in
// SQL (GROUP BY, correlated subqueries) instead of looping per initiative in the Worker.
// Every selected column has its own alias (D1 returns columns by name: duplicates overwrite).
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";

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

function scopeIds(scope: OverviewScope): SQL {
  if ("all" in scope) return sql`SELECT n.id FROM neighbourhoods n WHERE n.archived_at IS NULL`;
  const archived = scope.includeArchived ? sql`` : sql` AND n.archived_at IS NULL`;
  return sql`SELECT n.id FROM neighbourhoods n WHERE n.id IN (SELECT value FROM json_each(${JSON.stringify(scope.ids)}))${archived}`;
}

/**
 * The common start of every statement: the neighbourhoods in scope and their initiatives.
 * Archived initiatives are left out everywhere (archived means "not part of the picture").
 */
function base(p: QueryParams, extra: SQL = sql``): SQL {
  return sql`WITH RECURSIVE scope_ids(id) AS (${scopeIds(p.scope)}),
    inits AS (SELECT i.id, i.neighbourhood_id, i.name, i.status, i.status_since, i.started_year FROM initiatives i
              WHERE i.archived_at IS NULL AND i.neighbourhood_id IN (SELECT id FROM scope_ids))${extra}`;
}

const own = (p: QueryParams, column: SQL) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(p.partnerOrgIds)}))`;
const yearsCte = (p: QueryParams, from: number) =>
  sql`, years(y) AS (SELECT CAST(${from} AS INTEGER) UNION ALL SELECT y + 1 FROM years WHERE y < CAST(${p.lastYear} AS INTEGER))`;
/** "2026-3": the quarter a date falls in. */
const quarterOf = (column: SQL) => sql`substr(${column}, 1, 4) || '-' || ((CAST(substr(${column}, 6, 2) AS INTEGER) + 2) / 3)`;
const renewalBucket = sql`CASE f.renewal_state WHEN 'granted' THEN 'granted' WHEN 'none' THEN 'none' ELSE 'applied' END`;
const cliffWindow = (p: QueryParams) =>
  sql`f.archived_at IS NULL AND f.status = 'granted' AND f.ends_on IS NOT NULL
      AND substr(f.ends_on, 1, 10) >= ${p.cliffFrom} AND substr(f.ends_on, 1, 10) < ${p.cliffTo}`;

export type NeighbourhoodRowOut = { id: string; name: string; slug: string; municipality: string; published: number };
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
};
export type CoordinatorRow = { initiative_id: string; name: string };
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
};

/** A raw statement and the shape of its rows. */
export type Stmt<T> = { sql: SQL; row?: T };
const stmt = <T>(query: SQL): Stmt<T> => ({ sql: query });
type Rows<S> = { -readonly [K in keyof S]: S[K] extends Stmt<infer T> ? T[] : never };

const dialect = new SQLiteAsyncDialect();

/**
 * Sends raw statements as ONE D1 batch (drizzle's db.batch cannot bind parameters of raw
 * `db.all(sql)` queries, so this goes to the D1 binding drizzle wraps).
 */
export async function batchAll<const S extends readonly Stmt<unknown>[]>(db: Db, statements: S): Promise<Rows<S>> {
  const client = db.$client;
  const prepared = statements.map((s) => {
    const q = dialect.sqlToQuery(s.sql);
    return client.prepare(q.sql).bind(...q.params);
  });
  const results = await client.batch(prepared);
  return results.map((r) => r.results ?? []) as Rows<S>;
}

/** All statements of the overview, in one fixed list: the loader sends them as one batch. */
export function overviewStatements(p: QueryParams) {
  const b = base(p);
  return [
    stmt<NeighbourhoodRowOut>(sql`${b}
      SELECT n.id AS id, n.name AS name, n.slug AS slug, n.municipality AS municipality, n.published AS published
      FROM neighbourhoods n WHERE n.id IN (SELECT id FROM scope_ids) ORDER BY n.name`),

    // Now. Volunteers: distinct people with an involvement that covers today.
    stmt<NowRow>(sql`${b}
      SELECT
        (SELECT count(*) FROM inits WHERE status = 'active') AS active_initiatives,
        (SELECT count(*) FROM inits WHERE status = 'paused') AS paused_initiatives,
        (SELECT count(*) FROM activities a JOIN inits i ON i.id = a.initiative_id
          WHERE a.archived_at IS NULL AND i.status IN ('active', 'paused')) AS activities,
        (SELECT count(DISTINCT v.person_id) FROM involvements v JOIN inits i ON i.id = v.initiative_id
          WHERE substr(v.since, 1, 10) <= ${p.today} AND (v.until IS NULL OR substr(v.until, 1, 10) >= ${p.today})) AS volunteers,
        (SELECT count(*) FROM facilities f WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)) AS facilities`),

    stmt<LevelRow>(sql`${b}
      SELECT r.level AS level, count(*) AS n
      FROM activity_risks r JOIN activities a ON a.id = r.activity_id JOIN inits i ON i.id = a.initiative_id
      WHERE a.archived_at IS NULL
      GROUP BY r.level`),

    // Most urgent first: level, then the shortest runway, then the longest-standing.
    stmt<AtRiskRow>(sql`${b}
      SELECT r.activity_id AS activity_id, a.name AS activity_name, i.id AS initiative_id, i.name AS initiative_name,
             n.id AS neighbourhood_id, n.name AS neighbourhood_name, r.level AS level, r.flags AS flags,
             r.runway_months AS runway_months, r.level_since AS level_since
      FROM activity_risks r
        JOIN activities a ON a.id = r.activity_id
        JOIN inits i ON i.id = a.initiative_id
        JOIN neighbourhoods n ON n.id = i.neighbourhood_id
      WHERE a.archived_at IS NULL AND r.level <> 'ok'
      ORDER BY CASE r.level WHEN 'urgent' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END,
               r.runway_months IS NULL, r.runway_months, r.level_since, i.name, a.name`),

    // Coordinators' names (the only names partners see), for the initiatives on the at-risk list.
    stmt<CoordinatorRow>(sql`${b}
      SELECT ic.initiative_id AS initiative_id, p.name AS name
      FROM initiative_coordinators ic JOIN people p ON p.id = ic.person_id JOIN inits i ON i.id = ic.initiative_id
      WHERE p.erased_at IS NULL AND ic.initiative_id IN (
        SELECT a.initiative_id FROM activity_risks r JOIN activities a ON a.id = r.activity_id
        WHERE r.level <> 'ok' AND a.archived_at IS NULL)
      ORDER BY p.name`),

    // Funding cliff: money per year of granted streams ending in each of the next eight quarters.
    stmt<CliffMoneyRow>(sql`${b}
      SELECT ${quarterOf(sql`f.ends_on`)} AS quarter, ${renewalBucket} AS bucket,
             sum(f.amount_cents_per_year) AS cents, count(*) AS streams,
             sum(CASE WHEN ${own(p, sql`f.source_partner_id`)} THEN f.amount_cents_per_year ELSE 0 END) AS own_cents,
             sum(CASE WHEN ${own(p, sql`f.source_partner_id`)} THEN 1 ELSE 0 END) AS own_streams
      FROM funding_streams f JOIN inits i ON i.id = f.initiative_id
      WHERE ${cliffWindow(p)}
      GROUP BY quarter, bucket`),

    // Activities that depend on that money: per quarter and state, per quarter, and over all eight.
    stmt<CliffActivitiesRow>(sql`${b},
      dep AS (SELECT ${quarterOf(sql`f.ends_on`)} AS quarter, ${renewalBucket} AS bucket, fa.activity_id AS activity_id
              FROM funding_streams f JOIN inits i ON i.id = f.initiative_id
                JOIN funding_activities fa ON fa.funding_id = f.id
                JOIN activities a ON a.id = fa.activity_id
              WHERE a.archived_at IS NULL AND ${cliffWindow(p)})
      SELECT quarter AS quarter, bucket AS bucket, count(DISTINCT activity_id) AS activities FROM dep GROUP BY quarter, bucket
      UNION ALL
      SELECT quarter AS quarter, 'all' AS bucket, count(DISTINCT activity_id) AS activities FROM dep GROUP BY quarter
      UNION ALL
      SELECT 'all' AS quarter, 'all' AS bucket, count(DISTINCT activity_id) AS activities FROM dep`),

    stmt<CliffCommitmentRow>(sql`${b}
      SELECT ${quarterOf(sql`c.ends_on`)} AS quarter, count(*) AS commitments,
             sum(CASE WHEN ${own(p, sql`c.partner_id`)} THEN 1 ELSE 0 END) AS own_commitments
      FROM commitments c JOIN inits i ON i.id = c.initiative_id
      WHERE c.archived_at IS NULL AND c.ends_on IS NOT NULL
        AND substr(c.ends_on, 1, 10) >= ${p.cliffFrom} AND substr(c.ends_on, 1, 10) < ${p.cliffTo}
      GROUP BY quarter`),

    // The viewing partner's own streams and commitments that end in the cliff window.
    stmt<OwnItemRow>(sql`${b}
      SELECT 'funding' AS item_type, f.id AS item_id, f.source_name AS what, f.kind AS kind, f.amount_cents_per_year AS cents,
             substr(f.ends_on, 1, 10) AS ends_on, f.renewal_state AS renewal_state, i.id AS initiative_id, i.name AS initiative_name,
             (SELECT count(*) FROM funding_activities fa JOIN activities a ON a.id = fa.activity_id
               WHERE fa.funding_id = f.id AND a.archived_at IS NULL) AS activities
      FROM funding_streams f JOIN inits i ON i.id = f.initiative_id
      WHERE ${cliffWindow(p)} AND ${own(p, sql`f.source_partner_id`)}
      UNION ALL
      SELECT 'commitment' AS item_type, c.id AS item_id, c.description AS what, c.kind AS kind, NULL AS cents,
             substr(c.ends_on, 1, 10) AS ends_on, c.renewal_state AS renewal_state, i.id AS initiative_id, i.name AS initiative_name,
             CASE WHEN c.activity_id IS NULL
               THEN (SELECT count(*) FROM activities a WHERE a.initiative_id = c.initiative_id AND a.archived_at IS NULL)
               ELSE (SELECT count(*) FROM activities a WHERE a.id = c.activity_id AND a.archived_at IS NULL) END AS activities
      FROM commitments c JOIN inits i ON i.id = c.initiative_id
      WHERE c.archived_at IS NULL AND c.ends_on IS NOT NULL
        AND substr(c.ends_on, 1, 10) >= ${p.cliffFrom} AND substr(c.ends_on, 1, 10) < ${p.cliffTo}
        AND ${own(p, sql`c.partner_id`)}
      ORDER BY ends_on, initiative_name, what`),

    // Year on year: initiatives. A check-in for the year decides; without one, the current status
    // does: active/paused counts every year from the start, stopped/handed over counts the years
    // before the year of status_since. Stopped/handed over in Y: a check-in saying so, or the
    // current status set in Y.
    stmt<InitiativeYearRow>(sql`${base(p, yearsCte(p, p.firstYear))}
      SELECT years.y AS year,
        (SELECT count(*) FROM inits i WHERE i.started_year <= years.y AND (
            EXISTS (SELECT 1 FROM checkins c WHERE c.initiative_id = i.id AND c.year = years.y AND c.status IN ('active', 'paused'))
            OR (NOT EXISTS (SELECT 1 FROM checkins c WHERE c.initiative_id = i.id AND c.year = years.y) AND (
                  i.status IN ('active', 'paused')
                  OR (i.status_since IS NOT NULL AND CAST(substr(i.status_since, 1, 4) AS INTEGER) > years.y))))) AS active,
        (SELECT count(*) FROM inits i WHERE i.started_year = years.y) AS started,
        (SELECT count(*) FROM inits i WHERE
            EXISTS (SELECT 1 FROM checkins c WHERE c.initiative_id = i.id AND c.year = years.y AND c.status = 'stopped')
            OR (i.status = 'stopped' AND i.status_since IS NOT NULL AND CAST(substr(i.status_since, 1, 4) AS INTEGER) = years.y)) AS stopped,
        (SELECT count(*) FROM inits i WHERE
            EXISTS (SELECT 1 FROM checkins c WHERE c.initiative_id = i.id AND c.year = years.y AND c.status = 'handed_over')
            OR (i.status = 'handed_over' AND i.status_since IS NOT NULL AND CAST(substr(i.status_since, 1, 4) AS INTEGER) = years.y)) AS handed_over
      FROM years ORDER BY years.y`),

    // Year on year: volunteers (distinct people per year from the involvement intervals, the same
    // rule as year-figures.ts), and how many of them were active the year before. Erased people
    // keep their rows, so they keep counting. Starts a year early for the first year's retention.
    stmt<VolunteerYearRow>(sql`${base(p, yearsCte(p, p.firstYear - 1))},
      iv AS (SELECT v.person_id AS person_id, substr(v.since, 1, 10) AS s,
                    CASE WHEN v.until IS NULL THEN NULL ELSE substr(v.until, 1, 10) END AS u
             FROM involvements v JOIN inits i ON i.id = v.initiative_id),
      py AS (SELECT DISTINCT iv.person_id AS person_id, years.y AS y FROM iv JOIN years
             ON iv.s <= (years.y || '-12-31') AND (iv.u IS NULL OR (iv.u >= (years.y || '-01-01') AND iv.u >= iv.s)))
      SELECT cur.y AS year, count(*) AS active, count(prev.person_id) AS returned
      FROM py cur LEFT JOIN py prev ON prev.person_id = cur.person_id AND prev.y = cur.y - 1
      GROUP BY cur.y`),

    // Year on year: money per kind — the yearly amount of every granted (or since ended) stream
    // that runs during some part of the year.
    stmt<FundingYearRow>(sql`${base(p, yearsCte(p, p.firstYear))}
      SELECT years.y AS year, f.kind AS kind, sum(f.amount_cents_per_year) AS cents, count(*) AS streams
      FROM years JOIN funding_streams f
        ON substr(f.starts_on, 1, 10) <= (years.y || '-12-31') AND (f.ends_on IS NULL OR substr(f.ends_on, 1, 10) >= (years.y || '-01-01'))
      JOIN inits i ON i.id = f.initiative_id
      WHERE f.archived_at IS NULL AND f.status IN ('granted', 'ended')
      GROUP BY years.y, f.kind`),

    // Continuity: ages of the living initiatives; what became of activities whose money ended.
    stmt<ContinuityRow>(sql`${b},
      after_end AS (SELECT a.id AS activity_id,
          CASE WHEN a.archived_at IS NOT NULL OR i.status = 'stopped' THEN 'stopped'
               WHEN i.status = 'handed_over' THEN 'handed_over'
               WHEN i.status = 'paused' THEN 'paused'
               ELSE 'continued' END AS outcome
        FROM activities a JOIN inits i ON i.id = a.initiative_id
        WHERE EXISTS (SELECT 1 FROM funding_activities fa JOIN funding_streams f ON f.id = fa.funding_id
                      WHERE fa.activity_id = a.id AND f.archived_at IS NULL AND f.status IN ('granted', 'ended')
                        AND f.ends_on IS NOT NULL AND substr(f.ends_on, 1, 10) < ${p.today}))
      SELECT
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused')) AS living,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 1}) AS older1,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 3}) AS older3,
        (SELECT count(*) FROM inits WHERE status IN ('active', 'paused') AND started_year <= ${p.lastYear - 5}) AS older5,
        (SELECT count(*) FROM after_end WHERE outcome = 'continued') AS continued,
        (SELECT count(*) FROM after_end WHERE outcome = 'paused') AS paused,
        (SELECT count(*) FROM after_end WHERE outcome = 'handed_over') AS handed_over,
        (SELECT count(*) FROM after_end WHERE outcome = 'stopped') AS stopped`),

    stmt<AssetRowOut>(sql`${b}
      SELECT s.category AS category, count(*) AS n FROM assets s
      WHERE s.archived_at IS NULL AND s.neighbourhood_id IN (SELECT id FROM scope_ids)
      GROUP BY s.category`),

    stmt<FacilityRowOut>(sql`${b}
      SELECT f.id AS facility_id, f.name AS facility_name, f.kind AS facility_kind, n.name AS neighbourhood_name,
             f.owner_partner_id AS owner_id, o.name AS owner_name, f.agreement AS agreement,
             f.agreement_ends_on AS ends_on, f.renewal_state AS renewal_state,
             (SELECT count(*) FROM activities a JOIN inits i ON i.id = a.initiative_id
               WHERE a.facility_id = f.id AND a.archived_at IS NULL) AS activities
      FROM facilities f JOIN neighbourhoods n ON n.id = f.neighbourhood_id LEFT JOIN partner_orgs o ON o.id = f.owner_partner_id
      WHERE f.archived_at IS NULL AND f.neighbourhood_id IN (SELECT id FROM scope_ids)
      ORDER BY f.agreement_ends_on IS NULL, f.agreement_ends_on, f.name`),
  ] as const;
}
