// The daily run as a Cloudflare Workflow: durable steps, each a bounded slice of work, retried by
// the platform; a run that stopped is resumed, not restarted. One instance per date (its id), so
// a second trigger on the same day starts nothing.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { createDb } from "../db/client";
import { loadThresholds, recomputeRisk } from "../domain/risk-store";
import { localToday } from "../lib/time";

export type DailyRunParams = { today: string; now: string };
type SliceResult = { judged: number; changed: number; lastActivityId: string | null };

/** Activities judged per step: small enough for the free plan's per-step CPU and query limits. */
export const RISK_SLICE = 100;

export class DailyRun extends WorkflowEntrypoint<Env, DailyRunParams> {
  async run(event: WorkflowEvent<DailyRunParams>, step: WorkflowStep) {
    const { today, now } = event.payload;
    const db = createDb(this.env.DB);
    const thresholds = await step.do("load thresholds", async () => loadThresholds(db));

    // Dates move on their own: judge every activity again, a slice per step.
    let after: string | null = null;
    let slices = 0;
    let changed = 0;
    for (;;) {
      const cursor: string | null = after;
      const result: SliceResult = await step.do(`risk slice ${slices}`, async (): Promise<SliceResult> =>
        recomputeRisk(db, { afterActivityId: cursor ?? undefined, limit: RISK_SLICE }, today, new Date(now), thresholds),
      );
      slices++;
      changed += result.changed;
      if (result.judged < RISK_SLICE || !result.lastActivityId) break;
      after = result.lastActivityId;
    }
    return { today, riskSlices: slices, riskChanged: changed };
  }
}

/** Starts the day's run; does nothing when it already exists. Time comes from the trigger, never the wall clock. */
export async function startDailyRun(env: Env, scheduledTime: number) {
  const at = new Date(scheduledTime);
  const today = localToday(at);
  const id = `daily-${today}`;
  try {
    await env.DAILY_RUN.create({ id, params: { today, now: at.toISOString() } });
    return { started: true, today };
  } catch (err) {
    // Two triggers racing: the instance id is unique, so the second one starts nothing.
    if (err instanceof Error && /already.?exists/i.test(err.message)) return { started: false, today };
    throw err;
  }
}
