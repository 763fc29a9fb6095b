// The overview's stored figures: per neighbourhood and year — the current year and the
// ROLLUP_YEARS before it — what the year-on-year parts show (initiatives active / started / stopped
// / handed over, volunteers active / returning, money per kind), and who volunteers on the
// rollup's day. The overview of a whole city then reads a few rows per neighbourhood instead of
// recounting every involvement on every request (src/domain/overview/sql.ts, `rollup_ok`, `now_ok`).
//
// - Only derived data. Every row follows from the source tables by the same rules as the live
//   parts in sql.ts; `rollupStatements` recomputes the rows a write can change with INSERT … SELECT
//   statements that the write appends to its OWN batch (D1: statements in a batch cannot use each
//   other's results, but each sees what the ones before it wrote), so the rollup is never behind a
//   committed write. Domain writes call it next to their risk recompute (rejudgeAfterWrite).
// - The years hold `overview_rollup_state.current_year` and the ROLLUP_YEARS years before it. They
//   follow from the data alone (an interval counts in every year it touches, also a year that has
//   not ended), so they only go stale when the year turns: then (1 January before the daily run; a
//   test on another date) the overview counts everything live, and the daily run derives the
//   rollup anew (`deriveRollup`).
// - "Now" (who volunteers today) also depends on the day: it is stored for `now_day` and used only
//   on that day. The daily run moves it to the new day (`refreshNowStatements`, one pass); before
//   that, the overview counts "now" live and the rest from the rollup.
// - Volunteers: a person counts once per year however many initiatives they are in. Within one
//   neighbourhood that is what `overview_years` stores; over several neighbourhoods the few people
//   active in more than one neighbourhood are kept in `overview_volunteer_spread` (person, year,
//   neighbourhood, and whether they volunteer there on `now_day`), and the overview corrects the
//   sum with them.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { yearOf as yearOfDay } from "../../lib/dates";
import { LIVING_STATUSES } from "./sql";

/** Past years kept before the current one: the ten shown years' first one minus one (for retention) and back to it. */
export const ROLLUP_YEARS = 11;

/** What a write changed: these neighbourhoods, initiatives (their neighbourhood, and the people in them), people. */
export type RollupTargets = { neighbourhoodIds?: string[]; initiativeIds?: string[]; personIds?: string[] };

/**
 * A value written into the SQL text as a literal. drizzle's D1 batch cannot run raw statements
 * with bound parameters (it looks for a prepared statement they do not have), and these
 * statements go into other writes' batches; ids travel as one JSON text, escaped as SQLite does.
 */
function lit(value: string | number): SQL {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return sql.raw(String(value));
  }
  return sql.raw(`'${value.replace(/'/g, "''")}'`);
}

const yearOf = (column: SQL) => sql`CAST(substr(${column}, 1, 4) AS INTEGER)`;
/** The last year an interval touches: 9999 while it runs; -1 for one that ends before it starts (it counts nowhere). */
const untilYear = sql`CASE WHEN v.until IS NULL THEN 9999 WHEN substr(v.until, 1, 10) < substr(v.since, 1, 10) THEN -1 ELSE ${yearOf(sql`v.until`)} END`;

/**
 * The shared start: the rollup's year and day (no state row: no rows are written), its window of
 * years, and the neighbourhoods and people to recompute. `all`: everything (the daily derivation).
 */
function window(targets: RollupTargets | "all"): SQL {
  const hoods =
    targets === "all"
      ? sql`SELECT id FROM neighbourhoods`
      : sql`SELECT value FROM json_each(${lit(JSON.stringify(targets.neighbourhoodIds ?? []))})
            UNION SELECT neighbourhood_id FROM initiatives WHERE id IN (SELECT value FROM json_each(${lit(JSON.stringify(targets.initiativeIds ?? []))}))`;
  const persons =
    targets === "all"
      ? sql`SELECT id FROM people`
      : sql`SELECT value FROM json_each(${lit(JSON.stringify(targets.personIds ?? []))})
            UNION SELECT person_id FROM involvements WHERE initiative_id IN (SELECT value FROM json_each(${lit(JSON.stringify(targets.initiativeIds ?? []))}))`;
  return sql`WITH RECURSIVE
    st(cy, nd) AS (SELECT current_year, coalesce(now_day, '') FROM overview_rollup_state WHERE id = 1),
    wy(y) AS (SELECT cy - ${lit(ROLLUP_YEARS)} FROM st UNION ALL SELECT y + 1 FROM wy WHERE y < (SELECT cy FROM st)),
    wy2(y) AS (SELECT cy - ${lit(ROLLUP_YEARS + 1)} FROM st UNION ALL SELECT y + 1 FROM wy2 WHERE y < (SELECT cy FROM st)),
    hoods(id) AS (${hoods}),
    persons(id) AS (${persons})`;
}

/**
 * An involvement `v` of a living initiative `i` (sql.ts, LIVING_STATUSES) that covers the rollup's
 * day: the live part vols_now's rule. A function: sql.ts imports this module.
 */
const coversNowDay = () =>
  sql`(i.status IN ${sql.raw(`(${LIVING_STATUSES.map((s) => `'${s}'`).join(", ")})`)} AND substr(v.since, 1, 10) <= (SELECT nd FROM st)
      AND (v.until IS NULL OR v.until >= (SELECT nd FROM st)))`;

/**
 * Every (person, neighbourhood, year) of the window (and the year before it) with an interval
 * touching that year, and whether on the current year's row one of them covers the rollup's day.
 */
const activeIn = (where: SQL) => sql`SELECT v.person_id AS p, i.neighbourhood_id AS n, wy2.y AS y,
        max(wy2.y = (SELECT cy FROM st) AND ${coversNowDay()}) AS now
      FROM involvements v JOIN initiatives i ON i.id = v.initiative_id AND i.archived_at IS NULL
        JOIN wy2 ON wy2.y >= ${yearOf(sql`v.since`)} AND wy2.y <= ${untilYear}
      WHERE ${where}
      GROUP BY v.person_id, i.neighbourhood_id, wy2.y`;

/**
 * The statements that make the rollup rows of these targets follow the source tables again. They
 * belong in the batch of the write that changed the sources, after its own statements.
 */
export function rollupStatements(db: Db, targets: RollupTargets | "all") {
  return rollupQueries(targets).map((q) => db.run(q));
}

/** The same statements as SQL, for a batch of hand-written statements (src/db/raw-sql.ts). */
export function rollupQueries(targets: RollupTargets | "all"): SQL[] {
  const w = window(targets);
  const hoodFilter = sql`neighbourhood_id IN (SELECT id FROM hoods)`;
  const personFilter = sql`person_id IN (SELECT id FROM persons)`;
  return [
    sql`${w} DELETE FROM overview_years WHERE ${hoodFilter}`,
    // Initiatives: the rule of the live part initYears (a check-in for the year decides; without
    // one the current status does), and volunteers per neighbourhood: distinct people active in the
    // year, and of them those active in the same neighbourhood the year before.
    sql`${w},
      inits AS (SELECT i.id AS id, i.neighbourhood_id AS n, i.status AS status, i.status_since AS status_since, i.started_year AS started_year
                FROM initiatives i WHERE i.archived_at IS NULL AND i.neighbourhood_id IN (SELECT id FROM hoods)),
      iy AS (SELECT i.n AS n, wy.y AS y,
               sum(CASE WHEN i.started_year <= wy.y AND (c.status IN ('active', 'paused') OR (c.status IS NULL AND (
                     i.status IN ('active', 'paused') OR (i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} > wy.y))))
                   THEN 1 ELSE 0 END) AS active,
               sum(CASE WHEN i.started_year = wy.y THEN 1 ELSE 0 END) AS started,
               sum(CASE WHEN c.status = 'stopped' OR (i.status = 'stopped' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = wy.y)
                   THEN 1 ELSE 0 END) AS stopped,
               sum(CASE WHEN c.status = 'handed_over' OR (i.status = 'handed_over' AND i.status_since IS NOT NULL AND ${yearOf(sql`i.status_since`)} = wy.y)
                   THEN 1 ELSE 0 END) AS handed_over
             FROM wy CROSS JOIN inits i LEFT JOIN checkins c ON c.initiative_id = i.id AND c.year = wy.y
             GROUP BY i.n, wy.y),
      pny AS MATERIALIZED (${activeIn(sql`i.neighbourhood_id IN (SELECT id FROM hoods)`)}),
      vy AS (SELECT n, y, count(*) AS active, sum(prev = y - 1) AS ret, sum(now) AS now
             FROM (SELECT p, n, y, now, lag(y) OVER (PARTITION BY p, n ORDER BY y) AS prev FROM pny)
             WHERE y IN (SELECT y FROM wy) GROUP BY n, y)
      INSERT INTO overview_years (neighbourhood_id, year, initiatives_active, initiatives_started, initiatives_stopped,
                                  initiatives_handed_over, volunteers_active, volunteers_returning, volunteers_now)
      SELECT h.id, wy.y, coalesce(iy.active, 0), coalesce(iy.started, 0), coalesce(iy.stopped, 0), coalesce(iy.handed_over, 0),
             coalesce(vy.active, 0), coalesce(vy.ret, 0), coalesce(vy.now, 0)
      FROM hoods h JOIN neighbourhoods nb ON nb.id = h.id CROSS JOIN wy
        LEFT JOIN iy ON iy.n = h.id AND iy.y = wy.y LEFT JOIN vy ON vy.n = h.id AND vy.y = wy.y`,
    sql`${w} DELETE FROM overview_year_money WHERE ${hoodFilter}`,
    // Money: the rule of the live part fundYears.
    sql`${w}
      INSERT INTO overview_year_money (neighbourhood_id, year, kind, cents, streams)
      SELECT i.neighbourhood_id, wy.y, s.kind, sum(s.amount_cents_per_year), count(*)
      FROM initiatives i JOIN funding_streams s ON s.initiative_id = i.id
        JOIN wy ON wy.y BETWEEN ${yearOf(sql`s.starts_on`)} AND (CASE WHEN s.ends_on IS NULL THEN 9999 ELSE ${yearOf(sql`s.ends_on`)} END)
      WHERE i.archived_at IS NULL AND i.neighbourhood_id IN (SELECT id FROM hoods)
        AND s.archived_at IS NULL AND s.status IN ('granted', 'ended')
      GROUP BY i.neighbourhood_id, wy.y, s.kind`,
    sql`${w} DELETE FROM overview_volunteer_spread WHERE ${personFilter}`,
    // People in more than one neighbourhood (over their involvements in initiatives that are not archived).
    sql`${w},
      spread(p) AS (SELECT v.person_id FROM involvements v JOIN initiatives i ON i.id = v.initiative_id AND i.archived_at IS NULL
                    WHERE v.person_id IN (SELECT id FROM persons)
                    GROUP BY v.person_id HAVING count(DISTINCT i.neighbourhood_id) > 1)
      INSERT INTO overview_volunteer_spread (person_id, neighbourhood_id, year, now, returns_here)
      SELECT p, n, y, now, coalesce(lag(y) OVER (PARTITION BY p, n ORDER BY y) = y - 1, 0)
      FROM (${activeIn(sql`v.person_id IN (SELECT p FROM spread)`)})`,
  ];
}

/**
 * Derives the whole rollup for the year of `today` (and its ROLLUP_YEARS years before), with "now"
 * for `today`: the daily run does this when a year has closed (or the rollup was never made). One
 * batch: the overview sees the old rollup or the new one, never half of it.
 */
export async function deriveRollup(db: Db, today: string, now: Date) {
  await db.batch([
    db.run(sql`INSERT INTO overview_rollup_state (id, current_year, derived_at, now_day)
               VALUES (1, ${lit(yearOfDay(today))}, ${lit(now.toISOString())}, ${lit(today)})
               ON CONFLICT (id) DO UPDATE SET current_year = excluded.current_year, derived_at = excluded.derived_at, now_day = excluded.now_day`),
    ...rollupStatements(db, "all"),
  ]);
}

/**
 * Moves "now" to `today` within the rollup's year: one pass over the involvements for who
 * volunteers today, per neighbourhood, and where the people in several neighbourhoods do. The
 * years do not change with the day. Nothing happens when the rollup is for another year.
 */
export function refreshNowStatements(db: Db, today: string) {
  const start = sql`WITH st(cy, nd) AS (SELECT current_year, now_day FROM overview_rollup_state WHERE id = 1),
    nowp AS MATERIALIZED (SELECT v.person_id AS p, i.neighbourhood_id AS n
             FROM involvements v JOIN initiatives i ON i.id = v.initiative_id AND i.archived_at IS NULL
             WHERE ${coversNowDay()} GROUP BY v.person_id, i.neighbourhood_id),
    nown AS MATERIALIZED (SELECT n, count(*) AS c FROM nowp GROUP BY n)`;
  return [
    db.run(sql`UPDATE overview_rollup_state SET now_day = ${lit(today)} WHERE id = 1 AND current_year = ${lit(yearOfDay(today))}`),
    db.run(sql`${start} UPDATE overview_years SET volunteers_now = coalesce((SELECT c FROM nown WHERE nown.n = overview_years.neighbourhood_id), 0)
               WHERE year = (SELECT cy FROM st) AND (SELECT nd FROM st) = ${lit(today)}`),
    // Each row looks up its own person's intervals (the person index): a lookup in a list of
    // everyone who volunteers today would be a scan per row (5.4 s on L instead of 0.1 s).
    db.run(sql`WITH st(cy, nd) AS (SELECT current_year, now_day FROM overview_rollup_state WHERE id = 1)
               UPDATE overview_volunteer_spread
               SET now = EXISTS (SELECT 1 FROM involvements v JOIN initiatives i ON i.id = v.initiative_id AND i.archived_at IS NULL
                                 WHERE v.person_id = overview_volunteer_spread.person_id
                                   AND i.neighbourhood_id = overview_volunteer_spread.neighbourhood_id AND ${coversNowDay()})
               WHERE year = (SELECT cy FROM st) AND (SELECT nd FROM st) = ${lit(today)}`),
  ];
}

/**
 * Moves "now" to `today` (refreshNowStatements) in one batch; for a page that found it behind
 * before the daily run did it. Running it twice, or next to the daily run, changes nothing more.
 */
export async function moveNowToToday(db: Db, today: string): Promise<void> {
  const [first, ...rest] = refreshNowStatements(db, today);
  await db.batch([first!, ...rest]);
}

export type RollupState = { currentYear: number; nowDay: string | null };

/** The year the rollup was derived for and the day of its "now", or null when there is none. */
export async function rollupState(db: Db): Promise<RollupState | null> {
  const row = await db.get<{ current_year: number; now_day: string | null } | undefined>(
    sql`SELECT current_year, now_day FROM overview_rollup_state WHERE id = 1`,
  );
  return row ? { currentYear: row.current_year, nowDay: row.now_day } : null;
}

/** The year the rollup was derived for, or null when there is none. */
export async function rollupYear(db: Db): Promise<number | null> {
  return (await rollupState(db))?.currentYear ?? null;
}
