// The daily run as a Cloudflare Workflow: durable steps, each a bounded slice of work, retried by
// the platform; a run that stopped is resumed, not restarted. One instance per date (its id), so
// a second trigger on the same day starts nothing. The steps themselves are in ./daily-steps.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from "cloudflare:workers";
import { createDb, openSession } from "../db/client";
import { loadCatalogues } from "../i18n";
import { todayInAmsterdam } from "../lib/dates";
import { runDaily, type StepRunner } from "./daily-steps";

export { RISK_SLICE } from "./daily-steps";
export type DailyRunParams = { today: string; now: string };

/** Planning steps only touch D1: a few quick retries. */
const PLAIN: WorkflowStepConfig = { retries: { limit: 3, delay: "5 seconds", backoff: "exponential" }, timeout: "2 minutes" };
/** Send steps already back off within the step (429 retry-after); then the platform retries later. */
const SEND: WorkflowStepConfig = { retries: { limit: 3, delay: "30 seconds", backoff: "exponential" }, timeout: "2 minutes" };

export class DailyRun extends WorkflowEntrypoint<Env, DailyRunParams> {
  async run(event: WorkflowEvent<DailyRunParams>, step: WorkflowStep) {
    const { today, now } = event.payload;
    // Mail is written in each person's language: the catalogues are a static asset (src/i18n/index.ts).
    await loadCatalogues(this.env.ASSETS);
    // Every step returns plain JSON (counts and cursors), which is what the platform stores.
    // (`step` is an RPC stub: call its method directly, never detach it.)
    const durable = step as unknown as { do<T>(name: string, config: WorkflowStepConfig, fn: () => Promise<T>): Promise<T> };
    const steps: StepRunner = { do: (name, kind, fn) => durable.do(name, kind === "send" ? SEND : PLAIN, fn) };
    // It writes throughout (judgements, mail claims): read at the primary from the start.
    const db = createDb(openSession(this.env.DB, "first-primary").d1);
    return runDaily(steps, { env: this.env, db, today, now: new Date(now) });
  }
}

/** Starts the day's run; does nothing when it already exists. Time comes from the trigger, never the wall clock. */
export async function startDailyRun(env: Env, scheduledTime: number) {
  const at = new Date(scheduledTime);
  const today = todayInAmsterdam(at);
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
