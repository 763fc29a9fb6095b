// Reading the daily runs back, for admins (/admin/runs and GET /api/v1/runs): the runs newest
// first, one run with its counts, and the records it skipped — each with a name to recognise it
// by and the page where it can be fixed.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { all } from "../../db/raw-sql";
import { DAILY_RUN_STEPS, SKIPPED_RECORD_TYPES } from "../../db/schema";
import type { RunCounts, RunStatus } from "./record";
import type { RunStep, SkippedRecordType } from "./skips";

export type DailyRun = {
  runOn: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  skipped: number;
  error: string | null;
};

export type SkippedRecord = {
  step: RunStep;
  recordType: SkippedRecordType;
  recordId: string;
  initiativeId: string | null;
  initiativeName: string | null;
  /** What the record is called (a task's title, an activity's or person's name, a message's subject). */
  label: string | null;
  error: string;
  /** The page where the record can be seen and fixed (a path in this app), when there is one. */
  link: string | null;
};

type RunRow = Omit<DailyRun, "counts"> & { counts: string };

function parseCounts(json: string): RunCounts {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as RunCounts) : {};
  } catch {
    return {};
  }
}

const toRun = (r: RunRow): DailyRun => ({ ...r, counts: parseCounts(r.counts) });

const RUN_COLUMNS = sql.raw(
  `run_on AS "runOn", status AS "status", started_at AS "startedAt", finished_at AS "finishedAt", counts AS "counts", skipped AS "skipped", error AS "error"`,
);

/** The runs before `before` (a date; all when absent), newest first: `limit` of them, and whether there are more. */
export async function listRuns(db: Db, page: { limit: number; before?: string | undefined }): Promise<{ runs: DailyRun[]; more: boolean }> {
  const rows = await all<RunRow>(
    db,
    sql`SELECT ${RUN_COLUMNS} FROM daily_runs WHERE ${page.before ? sql`run_on < ${page.before}` : sql`1`} ORDER BY run_on DESC LIMIT ${page.limit + 1}`,
  );
  return { runs: rows.slice(0, page.limit).map(toRun), more: rows.length > page.limit };
}

export async function loadRun(db: Db, runOn: string): Promise<DailyRun | null> {
  const [row] = await all<RunRow>(db, sql`SELECT ${RUN_COLUMNS} FROM daily_runs WHERE run_on = ${runOn}`);
  return row ? toRun(row) : null;
}

/** Where a skipped record is shown in the app. */
export function linkOf(
  r: Pick<SkippedRecord, "recordType" | "recordId" | "initiativeId"> & { activityId?: string | null; recipient?: string | null },
) {
  const initiative = r.initiativeId ? `/initiatives/${encodeURIComponent(r.initiativeId)}` : null;
  switch (r.recordType) {
    case "task":
      return initiative && `${initiative}/tasks/${encodeURIComponent(r.recordId)}`;
    case "activity":
    case "risk_event":
      return initiative && (r.activityId ? `${initiative}#activity-${encodeURIComponent(r.activityId)}` : initiative);
    case "initiative":
      return initiative;
    case "person":
      return `/admin/people/${encodeURIComponent(r.recordId)}`;
    case "neighbourhood":
      return `/neighbourhoods/${encodeURIComponent(r.recordId)}/overview`;
    case "message":
      return `/admin/outbox?status=given_up${r.recipient ? `&recipient=${encodeURIComponent(r.recipient)}` : ""}`;
  }
}

/** The position of a skipped record in the list: step (in run order), record type, record id. */
export type SkipCursor = { step: number; type: string; id: string };
const STEP_RANK = sql.raw(`(CASE s.step ${DAILY_RUN_STEPS.map((step, i) => `WHEN '${step}' THEN ${i}`).join(" ")} ELSE 99 END)`);

/** The records a run skipped, in run order, `limit` at a time after `after`; with the cursor of the next page. */
export async function listSkips(
  db: Db,
  runOn: string,
  page: { limit: number; after?: SkipCursor | undefined },
): Promise<{ skips: SkippedRecord[]; next: SkipCursor | null }> {
  const after = page.after;
  const rows = await all<Omit<SkippedRecord, "link"> & { rank: number; activityId: string | null; recipient: string | null }>(
    db,
    sql`
    SELECT s.step AS "step", s.record_type AS "recordType", s.record_id AS "recordId", s.initiative_id AS "initiativeId",
           i.name AS "initiativeName", s.error AS "error", ${STEP_RANK} AS "rank",
           CASE s.record_type
             WHEN 'task' THEN (SELECT t.title FROM tasks t WHERE t.id = s.record_id)
             WHEN 'activity' THEN (SELECT a.name FROM activities a WHERE a.id = s.record_id)
             WHEN 'risk_event' THEN (SELECT a.name FROM risk_events re JOIN activities a ON a.id = re.activity_id WHERE re.id = s.record_id)
             WHEN 'initiative' THEN (SELECT i2.name FROM initiatives i2 WHERE i2.id = s.record_id)
             WHEN 'person' THEN (SELECT p.name FROM people p WHERE p.id = s.record_id)
             WHEN 'message' THEN (SELECT o.subject FROM outbox o WHERE o.id = s.record_id)
           END AS "label",
           CASE s.record_type
             WHEN 'activity' THEN s.record_id
             WHEN 'risk_event' THEN (SELECT re.activity_id FROM risk_events re WHERE re.id = s.record_id)
           END AS "activityId",
           CASE WHEN s.record_type = 'message' THEN (SELECT o.recipient FROM outbox o WHERE o.id = s.record_id) END AS "recipient"
    FROM daily_run_skips s LEFT JOIN initiatives i ON i.id = s.initiative_id
    WHERE s.run_on = ${runOn}
      ${after ? sql`AND (${STEP_RANK}, s.record_type, s.record_id) > (${after.step}, ${after.type}, ${after.id})` : sql``}
    ORDER BY "rank", s.record_type, s.record_id
    LIMIT ${page.limit + 1}`,
  );
  const kept = rows.slice(0, page.limit);
  const last = kept.at(-1);
  return {
    skips: kept.map(({ rank: _rank, activityId, recipient, ...r }) => ({ ...r, link: linkOf({ ...r, activityId, recipient }) })),
    next: rows.length > page.limit && last ? { step: last.rank, type: last.recordType, id: last.recordId } : null,
  };
}

/** The cursor as one opaque string (for ?cursor= / ?after=). */
export function encodeSkipCursor(c: SkipCursor): string {
  return `${c.step}~${c.type}~${c.id}`;
}

/** The cursor back, or null when the string is not one. */
export function decodeSkipCursor(value: string | undefined): SkipCursor | null {
  const m = /^(\d{1,2})~([a-z_]{1,20})~([^~]{1,100})$/.exec(value ?? "");
  if (!m || !(SKIPPED_RECORD_TYPES as readonly string[]).includes(m[2]!)) return null;
  return { step: Number(m[1]), type: m[2]!, id: m[3]! };
}
