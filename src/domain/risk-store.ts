// Keeps each activity's judgement current and its history honest: a change of level or flags is
// stored with the date; recomputing with nothing changed stores nothing.
import { eq } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../db/client";
import { activityRisks, riskEvents, settings } from "../db/schema";
import { DEFAULT_THRESHOLDS, judgeActivity, sameJudgement, type Flag, type Thresholds } from "./risk";
import { loadRiskInputs, type RiskScope } from "./risk-inputs";

const THRESHOLDS_KEY = "risk.thresholds";

const decimal = (schema: z.ZodType<number>) => z.preprocess((v) => (typeof v === "string" ? v.trim().replace(",", ".") : v), schema);

export const thresholdsSchema = z.object({
  horizonDays: z.coerce.number("form.invalid").int("form.invalid").min(30, "risk.settings.horizonRange").max(730, "risk.settings.horizonRange"),
  urgentDays: z.coerce.number("form.invalid").int("form.invalid").min(1, "risk.settings.urgentRange").max(365, "risk.settings.urgentRange"),
  concentrationShare: decimal(z.coerce.number("form.invalid").min(0.05, "risk.settings.shareRange").max(1, "risk.settings.shareRange")),
  shrinkRatio: decimal(z.coerce.number("form.invalid").min(0.05, "risk.settings.shareRange").max(1, "risk.settings.shareRange")),
  staleCheckinMonths: z.coerce.number("form.invalid").int("form.invalid").min(1, "risk.settings.monthsRange").max(60, "risk.settings.monthsRange"),
  staleAssetMonths: z.coerce.number("form.invalid").int("form.invalid").min(1, "risk.settings.monthsRange").max(120, "risk.settings.monthsRange"),
}).refine((t) => t.urgentDays < t.horizonDays, { path: ["urgentDays"], message: "risk.settings.urgentBelowHorizon" });

export async function loadThresholds(db: Db): Promise<Thresholds> {
  const row = await db.query.settings.findFirst({ where: eq(settings.key, THRESHOLDS_KEY) });
  if (!row) return DEFAULT_THRESHOLDS;
  const parsed = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

export async function saveThresholds(db: Db, value: Thresholds, actorId: string | null, now: Date) {
  const at = now.toISOString();
  await db
    .insert(settings)
    .values({ key: THRESHOLDS_KEY, value: JSON.stringify(value), updatedAt: at, updatedBy: actorId })
    .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: at, updatedBy: actorId } });
}

const rules = (flags: Flag[]) => [...new Set(flags.map((f) => f.rule))];

/**
 * Judges the activities in scope on `today` and stores what changed. Writes go in batches of
 * bounded size; returns how many were judged and how many changed (and the last id, for slices).
 */
export async function recomputeRisk(db: Db, scope: RiskScope, today: string, now: Date, thresholds?: Thresholds) {
  const t = thresholds ?? (await loadThresholds(db));
  const loaded = await loadRiskInputs(db, scope, today);
  const writes = [];
  let changed = 0;
  for (const { input, initiativeId, neighbourhoodId, stored } of loaded) {
    const judged = judgeActivity(input, today, t);
    const before: Flag[] = stored ? JSON.parse(stored.flags) : [];
    const sameFlags = stored !== null && stored.level === judged.level && sameJudgement(before, judged.flags);
    const flagsJson = JSON.stringify(judged.flags);
    if (sameFlags) {
      // Same judgement; only the day-to-day numbers (days left, runway) move: refresh them quietly.
      if (stored.flags !== flagsJson || stored.runwayMonths !== judged.runwayMonths)
        writes.push(db.update(activityRisks).set({ flags: flagsJson, runwayMonths: judged.runwayMonths, computedOn: today }).where(eq(activityRisks.activityId, input.activity.id)));
      continue;
    }
    const levelSince = stored && stored.level === judged.level ? stored.levelSince : today;
    const row = { activityId: input.activity.id, initiativeId, neighbourhoodId, level: judged.level, flags: flagsJson, runwayMonths: judged.runwayMonths, levelSince, computedOn: today };
    const upsert = db.insert(activityRisks).values(row).onConflictDoUpdate({ target: activityRisks.activityId, set: row });
    // A new activity that is fine has no history to tell yet.
    if (!stored && judged.level === "ok" && judged.flags.length === 0) {
      writes.push(upsert);
      continue;
    }
    changed++;
    writes.push(
      upsert,
      db.insert(riskEvents).values({
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
      }),
    );
  }
  for (let i = 0; i < writes.length; i += 50) {
    const chunk = writes.slice(i, i + 50);
    await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
  }
  return { judged: loaded.length, changed, lastActivityId: loaded.at(-1)?.input.activity.id ?? null };
}
