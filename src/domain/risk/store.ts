// Keeps each activity's judgement current and its history honest: a change of level or flags is
// stored with the date; recomputing with nothing changed stores nothing.
import { eq, sql, type SQL } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { activityRisks, riskEvents, settings } from "../../db/schema";
import { DEFAULT_THRESHOLDS, judgeActivity, sameJudgement, type Flag, type Thresholds } from "./rules";
import { isEmptyScope, loadRiskInputs, type LoadedActivity, type RiskScope } from "./inputs";
import { todayInAmsterdam } from "../../lib/dates";
import { isolated, type Skip } from "../runs/skips";
import { batch } from "../../db/raw-sql";
import { audit } from "../audit";

const THRESHOLDS_KEY = "risk.thresholds";

const decimal = (schema: z.ZodType<number>) => z.preprocess((v) => (typeof v === "string" ? v.trim().replace(",", ".") : v), schema);

export const thresholdsSchema = z
  .object({
    horizonDays: z.coerce
      .number("form.invalid")
      .int("form.invalid")
      .min(30, "risk.settings.horizonRange")
      .max(730, "risk.settings.horizonRange"),
    urgentDays: z.coerce
      .number("form.invalid")
      .int("form.invalid")
      .min(1, "risk.settings.urgentRange")
      .max(365, "risk.settings.urgentRange"),
    concentrationShare: decimal(z.coerce.number("form.invalid").min(0.05, "risk.settings.shareRange").max(1, "risk.settings.shareRange")),
    shrinkRatio: decimal(z.coerce.number("form.invalid").min(0.05, "risk.settings.shareRange").max(1, "risk.settings.shareRange")),
    staleCheckinMonths: z.coerce
      .number("form.invalid")
      .int("form.invalid")
      .min(1, "risk.settings.monthsRange")
      .max(60, "risk.settings.monthsRange"),
    staleAssetMonths: z.coerce
      .number("form.invalid")
      .int("form.invalid")
      .min(1, "risk.settings.monthsRange")
      .max(120, "risk.settings.monthsRange"),
    // Not sent at all (a form or client from before this threshold existed): the default.
    coveredWatchShare: z.preprocess(
      (v) => (v === undefined ? DEFAULT_THRESHOLDS.coveredWatchShare : v),
      decimal(z.coerce.number("form.invalid").min(0.05, "risk.settings.shareRange").max(1, "risk.settings.shareRange")),
    ),
  })
  .refine((t) => t.urgentDays < t.horizonDays, { path: ["urgentDays"], message: "risk.settings.urgentBelowHorizon" });

export async function loadThresholds(db: Db): Promise<Thresholds> {
  const row = await db.query.settings.findFirst({ where: eq(settings.key, THRESHOLDS_KEY) });
  if (!row) return DEFAULT_THRESHOLDS;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return DEFAULT_THRESHOLDS; // unreadable (written around the form): judge by the defaults rather than not at all
  }
  const parsed = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, ...(stored && typeof stored === "object" ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

/**
 * Saves the thresholds (with an audit row, in one batch) and then judges every activity by them
 * at once, in slices (the daily run would otherwise only do it tomorrow).
 */
export async function saveThresholds(db: Db, value: Thresholds, actorId: string | null, now: Date, today = todayInAmsterdam(now)) {
  const at = now.toISOString();
  const before = await loadThresholds(db);
  await db.batch([
    db
      .insert(settings)
      .values({ key: THRESHOLDS_KEY, value: JSON.stringify(value), updatedAt: at, updatedBy: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: at, updatedBy: actorId } }),
    audit(db, { actorId, entity: "settings", entityId: THRESHOLDS_KEY, action: "update", changes: { before, after: value } }, now),
  ]);
  let after: string | undefined;
  do {
    const slice = await recomputeRisk(db, { afterActivityId: after, limit: RECOMPUTE_ALL_SLICE }, today, now, value);
    after = slice.judged === RECOMPUTE_ALL_SLICE ? (slice.lastActivityId ?? undefined) : undefined;
  } while (after);
}

/** Activities judged per round when every judgement changes (new thresholds). */
const RECOMPUTE_ALL_SLICE = 500;

const rules = (flags: Flag[]) => [...new Set(flags.map((f) => f.rule))];

/** Rows per write statement: each kind of write is ONE statement per this many activities (json_each). */
const WRITE_ROWS_PER_STATEMENT = 200;

type Refresh = { activityId: string; flags: string; runwayMonths: number | null };
type RiskRow = typeof activityRisks.$inferInsert;
type RiskEventRow = typeof riskEvents.$inferInsert;

/**
 * The writes of one recompute, set-based: the quiet refreshes, the upserts of changed judgements
 * and the new history rows are each one statement per WRITE_ROWS_PER_STATEMENT activities (the
 * rows travel as one JSON parameter), so a slice of the daily run writes in at most three
 * statements instead of one or two per activity.
 */
function writeStatements(refreshes: Refresh[], upserts: RiskRow[], events: RiskEventRow[], today: string): SQL[] {
  const out: SQL[] = [];
  const chunks = <T>(xs: T[]) =>
    Array.from({ length: Math.ceil(xs.length / WRITE_ROWS_PER_STATEMENT) }, (_, i) =>
      xs.slice(i * WRITE_ROWS_PER_STATEMENT, (i + 1) * WRITE_ROWS_PER_STATEMENT),
    );
  for (const rows of chunks(refreshes))
    out.push(sql`
      UPDATE activity_risks SET flags = json_extract(j.value, '$.flags'), runway_months = json_extract(j.value, '$.runwayMonths'), computed_on = ${today}
      FROM json_each(${JSON.stringify(rows)}) AS j
      WHERE activity_risks.activity_id = json_extract(j.value, '$.activityId')`);
  for (const rows of chunks(upserts))
    out.push(sql`
      INSERT INTO activity_risks (activity_id, initiative_id, neighbourhood_id, level, flags, runway_months, level_since, computed_on)
      SELECT json_extract(value, '$.activityId'), json_extract(value, '$.initiativeId'), json_extract(value, '$.neighbourhoodId'), json_extract(value, '$.level'),
             json_extract(value, '$.flags'), json_extract(value, '$.runwayMonths'), json_extract(value, '$.levelSince'), json_extract(value, '$.judgedOn')
      FROM json_each(${JSON.stringify(rows)}) WHERE true
      ON CONFLICT (activity_id) DO UPDATE SET initiative_id = excluded.initiative_id, neighbourhood_id = excluded.neighbourhood_id, level = excluded.level,
        flags = excluded.flags, runway_months = excluded.runway_months, level_since = excluded.level_since, computed_on = excluded.computed_on`);
  for (const rows of chunks(events))
    out.push(sql`
      INSERT INTO risk_events (id, activity_id, initiative_id, neighbourhood_id, "on", from_level, to_level, flags, added, resolved, created_at)
      SELECT json_extract(value, '$.id'), json_extract(value, '$.activityId'), json_extract(value, '$.initiativeId'), json_extract(value, '$.neighbourhoodId'),
             json_extract(value, '$.on'), json_extract(value, '$.fromLevel'), json_extract(value, '$.toLevel'), json_extract(value, '$.flags'),
             json_extract(value, '$.added'), json_extract(value, '$.resolved'), json_extract(value, '$.createdAt')
      FROM json_each(${JSON.stringify(rows)})`);
  return out;
}

/**
 * Judges the activities in scope on `today` and stores what changed. Writes are set-based (see
 * writeStatements), in one round trip. Each activity is judged on its own: one that cannot be
 * judged (a corrupt stored date among its inputs) keeps its stored judgement and is returned in
 * `skipped`; the others are judged and stored as usual.
 * Returns how many activities the scope held (`judged`, skipped ones included, for slicing), how
 * many changed, the last id (for slices) and the skipped ones.
 */
export async function recomputeRisk(db: Db, scope: RiskScope, today: string, now: Date, thresholds?: Thresholds) {
  const t = thresholds ?? (await loadThresholds(db));
  const loaded = await loadRiskInputs(db, scope, today);
  const refreshes: Refresh[] = [];
  const upserts: RiskRow[] = [];
  const events: RiskEventRow[] = [];
  const skipped: Skip[] = [];
  let changed = 0;
  for (const one of loaded) {
    const outcome = isolated(
      skipped,
      { step: "risk", recordType: "activity", recordId: one.activityId, initiativeId: one.initiativeId },
      () => judgeOne(one, today, now, t),
    );
    if (!outcome) continue;
    if (outcome.refresh) refreshes.push(outcome.refresh);
    if (outcome.upsert) upserts.push(outcome.upsert);
    if (outcome.event) {
      events.push(outcome.event);
      changed++;
    }
  }
  const writes = writeStatements(refreshes, upserts, events, today);
  for (let i = 0; i < writes.length; i += 50) await batch(db, writes.slice(i, i + 50));
  return { judged: loaded.length, changed, lastActivityId: loaded.at(-1)?.activityId ?? null, skipped };
}

/** One activity's new judgement, compared with the stored one: what to write. Throws when its inputs cannot be read. */
function judgeOne(
  one: LoadedActivity,
  today: string,
  now: Date,
  t: Thresholds,
): { refresh?: Refresh; upsert?: RiskRow; event?: RiskEventRow } {
  if (!one.input) throw one.failure;
  const { input, initiativeId, neighbourhoodId, stored } = one;
  const judged = judgeActivity(input, today, t);
  const before: Flag[] = stored ? JSON.parse(stored.flags) : [];
  const sameFlags = stored !== null && stored.level === judged.level && sameJudgement(before, judged.flags);
  const flagsJson = JSON.stringify(judged.flags);
  if (sameFlags) {
    // Same judgement: no history. The day-to-day numbers (days left, runway) and the day it was
    // last judged (judgedOn) move quietly; levelSince and each flag's since stay.
    if (stored.flags !== flagsJson || stored.runwayMonths !== judged.runwayMonths || stored.judgedOn !== today)
      return { refresh: { activityId: input.activity.id, flags: flagsJson, runwayMonths: judged.runwayMonths } };
    return {};
  }
  const levelSince = stored && stored.level === judged.level ? stored.levelSince : today;
  const upsert: RiskRow = {
    activityId: input.activity.id,
    initiativeId,
    neighbourhoodId,
    level: judged.level,
    flags: flagsJson,
    runwayMonths: judged.runwayMonths,
    levelSince,
    judgedOn: today,
  };
  // A new activity that is fine has no history to tell yet.
  if (!stored && judged.level === "ok" && judged.flags.length === 0) return { upsert };
  return {
    upsert,
    event: {
      id: crypto.randomUUID(),
      activityId: input.activity.id,
      initiativeId,
      neighbourhoodId,
      on: today,
      fromLevel: stored?.level ?? null,
      toLevel: judged.level,
      flags: flagsJson,
      added: JSON.stringify(rules(judged.flags).filter((r) => !rules(before).includes(r))),
      resolved: JSON.stringify(rules(before).filter((r) => !rules(judged.flags).includes(r))),
      createdAt: now.toISOString(),
    },
  };
}

/**
 * The consequence of a write that changes a risk input (money, places, people, commitments,
 * check-ins, assets, tasks and their answers, an initiative's status or plan, thresholds, an
 * erasure): the domain function that wrote calls this right after its batch (a D1 batch cannot
 * read, so the judgement cannot be part of it), with the smallest scope that covers what it
 * changed. So every way in — a form, the API, a one-click answer from a mail, an import, the
 * settings — leaves the stored judgement current at once, and no caller has to remember it.
 *
 * `today` is the Amsterdam calendar day of `now` unless the caller already has its own. The write
 * has happened when this runs: a failure here is logged, not thrown, so a saved change is never
 * reported as failed (the daily run judges every activity again).
 */
export async function rejudgeAfterWrite(db: Db, scope: RiskScope, now: Date, today: string = todayInAmsterdam(now)) {
  if (isEmptyScope(scope)) return;
  try {
    await recomputeRisk(db, scope, today, now);
  } catch (err) {
    console.error("risk recompute after a write failed", JSON.stringify(scope), err);
  }
}
