// The daily runs (admins only): each run's date, status, counts per step and the records it
// skipped, with the page where each can be fixed. Newest run first; cursor pagination.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { DAILY_RUN_STATUSES, DAILY_RUN_STEPS, SKIPPED_RECORD_TYPES } from "../../db/schema";
import { decodeSkipCursor, encodeSkipCursor, listRuns, listSkips, loadRun, type DailyRun } from "../../domain/runs/read";
import { ApiError, notFound } from "../errors";
import { listed, listQuery, op, type ApiApp } from "../ops";
import { decodeCursor, encodeCursor, pageQuery } from "../pagination";
import { ErrorSchema, pageSchema } from "../records";
import { requireAdmin } from "../scope";
import { dateField, isDate } from "../../lib/dates";

const TAG = "Daily runs";

const StepCount = z
  .object({
    done: z
      .number()
      .int()
      .openapi({ description: "Records handled: activities judged, tasks, risk changes, initiatives or people planned, emails sent." }),
    skipped: z.number().int().openapi({ description: "Records this step could not handle (listed with the run)." }),
    mails: z.number().int().optional().openapi({ description: "Messages queued (planning steps)." }),
    changed: z.number().int().optional().openapi({ description: "Activities whose judgement changed (risk)." }),
    givenUp: z.number().int().optional().openapi({ description: "Messages given up before sending (send)." }),
    stopped: z
      .enum(["quota", "rejected", "failed"])
      .nullable()
      .optional()
      .openapi({ description: "Why sending stopped early (send): the day's quota, a refused request, or the provider was unreachable." }),
  })
  .openapi("DailyRunStepCount");

const RunRecord = z
  .object({
    date: z.string().openapi({ format: "date", description: "The day the run was for (also its id)." }),
    status: z.enum(DAILY_RUN_STATUSES).openapi({
      description: "running; complete; skipped_some (finished, but some records could not be handled); failed (a step failed for good).",
    }),
    startedAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
    error: z.string().nullable().openapi({ description: "Why the run failed (status failed)." }),
    skipped: z.number().int().openapi({ description: "Records skipped, all steps together." }),
    steps: z
      .object(
        Object.fromEntries(DAILY_RUN_STEPS.map((s) => [s, StepCount.optional()])) as Record<
          (typeof DAILY_RUN_STEPS)[number],
          z.ZodOptional<typeof StepCount>
        >,
      )
      .openapi({ description: "Per step, in run order; a step that did not run that day (digests on a Tuesday) is absent." }),
  })
  .openapi("DailyRun");

const SkippedRecordSchema = z
  .object({
    step: z.enum(DAILY_RUN_STEPS),
    recordType: z.enum(SKIPPED_RECORD_TYPES),
    recordId: z.string(),
    label: z
      .string()
      .nullable()
      .openapi({ description: "What the record is called: a task's title, an activity's or person's name, a message's subject." }),
    initiativeId: z.string().nullable(),
    initiativeName: z.string().nullable(),
    error: z.string().openapi({ description: "What went wrong (for the person who fixes it)." }),
    link: z.string().nullable().openapi({ description: "The page in the app where the record can be seen and fixed (a path)." }),
  })
  .openapi("SkippedRecord");

const RunDetail = RunRecord.extend({ skippedRecords: pageSchema("SkippedRecord", SkippedRecordSchema) }).openapi("DailyRunDetail");

const toRecord = (r: DailyRun) => ({
  date: r.runOn,
  status: r.status,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  error: r.error,
  skipped: r.skipped,
  steps: r.counts,
});

const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [code, { description: DESCRIPTIONS[code]!, content: { "application/json": { schema: ErrorSchema } } }]),
  );
const DESCRIPTIONS: Record<number, string> = {
  400: "Bad request: an invalid query parameter.",
  401: "No valid bearer token.",
  403: "The token may not do this (admins only).",
  404: "No run for that date.",
  429: "Too many requests.",
};

export function registerRunsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/runs", { id: "listRuns", tag: TAG, summary: "The daily runs, newest first (admin)" }),
    request: { query: listQuery({}, false) },
    responses: listed("DailyRun", RunRecord),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const before = q.cursor ? decodeCursor(q.cursor).at : undefined;
    if (before !== undefined && !isDate(before))
      throw new ApiError(400, "invalid_query", { fields: [{ path: "cursor", key: "api.error.cursor" }] });
    const { runs, more } = await listRuns(c.var.db, { limit: q.limit, before });
    const last = runs.at(-1);
    return c.json({ data: runs.map(toRecord), nextCursor: more && last ? encodeCursor({ at: last.runOn, id: last.runOn }) : null }, 200);
  });

  const get = createRoute({
    ...op("get", "/runs/{date}", {
      id: "getRun",
      tag: TAG,
      summary: "One daily run with the records it skipped (admin)",
      description:
        "The skipped records come a page at a time (in run order: step, record type, id); pass skippedRecords.nextCursor as ?cursor=.",
    }),
    request: {
      params: z.object({
        date: dateField().openapi({ param: { name: "date", in: "path" }, example: "2027-03-15" }),
      }),
      query: z.object(pageQuery),
    },
    responses: {
      200: { description: "The run.", content: { "application/json": { schema: RunDetail } } },
      ...errors([400, 401, 403, 404, 429]),
    },
  });
  app.openapi(get, async (c) => {
    requireAdmin(c);
    const { date } = c.req.valid("param");
    const q = c.req.valid("query");
    const run = await loadRun(c.var.db, date);
    if (!run) throw notFound();
    let after;
    if (q.cursor) {
      after = decodeSkipCursor(q.cursor);
      if (!after) throw new ApiError(400, "invalid_query", { fields: [{ path: "cursor", key: "api.error.cursor" }] });
    }
    const { skips, next } = await listSkips(c.var.db, date, { limit: q.limit, after });
    return c.json({ ...toRecord(run), skippedRecords: { data: skips, nextCursor: next ? encodeSkipCursor(next) : null } }, 200);
  });
}
