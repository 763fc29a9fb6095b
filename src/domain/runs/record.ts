// The daily run keeps its own record in D1: a row per date (status, counts per step, how many
// records it skipped) and the skipped records themselves. Every write here is idempotent, because
// the Workflow retries steps and a run may be repeated or resumed: the start is an upsert, a
// skipped record is unique per (date, step, record), the finish overwrites the counts.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { batch } from "../../db/raw-sql";
import type { DAILY_RUN_STATUSES } from "../../db/schema";
import type { RunStep, Skip } from "./skips";

export type RunStatus = (typeof DAILY_RUN_STATUSES)[number];

/** What one step did: records handled (`done`), records skipped, and step-specific figures. */
export type StepCount = {
  done: number;
  skipped: number;
  /** Messages claimed (planning steps). */
  mails?: number;
  /** Activities whose judgement changed (risk). */
  changed?: number;
  /** Messages given up before sending (send). */
  givenUp?: number;
  /** Why sending stopped early (send): quota, rejected or failed. */
  stopped?: "quota" | "rejected" | "failed" | null;
};
/** Per step; a step that did not run that day (digests on a Tuesday) is absent. */
export type RunCounts = Partial<Record<RunStep, StepCount>>;

/** Skipped records per insert statement (7 columns travel as one JSON parameter). */
const SKIPS_PER_STATEMENT = 200;

/** The run of `runOn` has started (again): its row exists and says so. */
export async function startRun(db: Db, runOn: string, now: Date): Promise<void> {
  await batch(db, [
    sql`INSERT INTO daily_runs (run_on, status, started_at, counts, skipped) VALUES (${runOn}, 'running', ${now.toISOString()}, '{}', 0)
        ON CONFLICT (run_on) DO UPDATE SET status = 'running', finished_at = NULL, error = NULL`,
  ]);
}

/** Records what a step could not handle; a record already noted for this run and step is not noted again. */
export async function recordSkips(db: Db, runOn: string, skips: readonly Skip[], now: Date): Promise<void> {
  if (skips.length === 0) return;
  const statements: SQL[] = [];
  for (let i = 0; i < skips.length; i += SKIPS_PER_STATEMENT) {
    const rows = skips.slice(i, i + SKIPS_PER_STATEMENT).map((s) => ({ id: crypto.randomUUID(), ...s }));
    statements.push(sql`
      INSERT INTO daily_run_skips (id, run_on, step, record_type, record_id, initiative_id, error, created_at)
      SELECT json_extract(value, '$.id'), ${runOn}, json_extract(value, '$.step'), json_extract(value, '$.recordType'),
             json_extract(value, '$.recordId'), json_extract(value, '$.initiativeId'), json_extract(value, '$.error'), ${now.toISOString()}
      FROM json_each(${JSON.stringify(rows)}) WHERE true
      ON CONFLICT (run_on, step, record_type, record_id) DO NOTHING`);
  }
  await batch(db, statements);
}

/** The run is done: its counts, and its status from the records noted as skipped for that date. */
export async function finishRun(db: Db, runOn: string, counts: RunCounts, now: Date): Promise<void> {
  await batch(db, [
    sql`UPDATE daily_runs SET finished_at = ${now.toISOString()}, counts = ${JSON.stringify(counts)}, error = NULL,
          skipped = (SELECT count(*) FROM daily_run_skips s WHERE s.run_on = daily_runs.run_on),
          status = CASE WHEN EXISTS (SELECT 1 FROM daily_run_skips s WHERE s.run_on = daily_runs.run_on) THEN 'skipped_some' ELSE 'complete' END
        WHERE run_on = ${runOn}`,
  ]);
}

/** A step failed for good (the platform stopped retrying): the run did not finish. */
export async function failRun(db: Db, runOn: string, error: string, counts: RunCounts, now: Date): Promise<void> {
  await batch(db, [
    sql`INSERT INTO daily_runs (run_on, status, started_at, finished_at, counts, skipped, error)
        VALUES (${runOn}, 'failed', ${now.toISOString()}, ${now.toISOString()}, ${JSON.stringify(counts)}, 0, ${error.slice(0, 500)})
        ON CONFLICT (run_on) DO UPDATE SET status = 'failed', finished_at = ${now.toISOString()}, error = ${error.slice(0, 500)},
          counts = ${JSON.stringify(counts)}, skipped = (SELECT count(*) FROM daily_run_skips s WHERE s.run_on = daily_runs.run_on)`,
  ]);
}
