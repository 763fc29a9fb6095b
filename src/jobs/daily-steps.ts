// The daily run as a sequence of bounded steps. The Workflow (daily-run.ts) runs each through
// `step.do` (durable, retried, resumed); tests run the very same sequence through a runner that
// counts D1 statements and requests per step. Control flow depends only on step results, so a
// resumed run replays to the same place.
//
// Order: risk (so alerts see today's changes) → reminders → alerts → check-in invitations
// (December) → digests (Mondays / the 1st) → give up stale messages → send, one batch per step.
import type { Db } from "../db/client";
import { planAlertSlice, ALERT_SLICE } from "../domain/mail/alerts";
import { isAnyDigestDay, planDigestSlice, DIGEST_SLICE } from "../domain/mail/digests";
import { isCheckinInviteMonth, planCheckinSlice, CHECKIN_SLICE } from "../domain/mail/checkin-invitations";
import { claimAll, giveUpStale } from "../domain/mail/outbox";
import { planReminderSlice, REMINDER_SLICE } from "../domain/mail/reminders";
import { loadThresholds, recomputeRisk } from "../domain/risk/store";
import type { Thresholds } from "../domain/risk/rules";
import { withSubjects } from "../mail/compose";
import type { SendOptions } from "../mail/deliver";
import { recordSendFailure, sendNextBatch, type SenderEnv, type SendStepResult } from "../mail/outbox-sender";

/** Activities judged per step: small enough for the free plan's per-step CPU and query limits. */
export const RISK_SLICE = 100;
/** At most this many send steps per run (Resend's free plan allows 100 emails a day anyway). */
export const MAX_SEND_STEPS = 200;

export type StepKind = "plain" | "send";
/** Runs one named step; "send" steps get the retry policy for outbound requests. */
export type StepRunner = { do<T>(name: string, kind: StepKind, fn: () => Promise<T>): Promise<T> };

export type DailyContext = {
  env: SenderEnv;
  db: Db;
  today: string;
  now: Date;
  send?: SendOptions;
  /** Slice sizes (tests shrink them). */
  slices?: Partial<{ risk: number; reminders: number; alerts: number; checkins: number; digests: number; emails: number }>;
};

export type DailySummary = {
  today: string;
  riskSlices: number;
  riskChanged: number;
  reminderSlices: number;
  claimed: { reminders: number; alerts: number; checkins: number; digests: number };
  givenUp: number;
  sendSteps: number;
  emails: number;
  sendStopped: null | "quota" | "rejected" | "failed";
};

/**
 * A slice-by-slice loop: each step returns its result with the next cursor (null when done).
 * Totals are collected from the step RESULTS, never from side effects inside a step: a resumed
 * Workflow replays finished steps from their stored results without running them again.
 */
async function slices<C, R extends { cursor: C | null }>(
  steps: StepRunner,
  name: string,
  first: C,
  fn: (cursor: C) => Promise<R>,
  collect: (r: R) => void,
): Promise<number> {
  let cursor: C | null = first;
  let n = 0;
  while (cursor !== null) {
    const c: C = cursor;
    const result: R = await steps.do(`${name} ${n}`, "plain", () => fn(c));
    collect(result);
    n++;
    cursor = result.cursor;
  }
  return n;
}

export async function runDaily(steps: StepRunner, ctx: DailyContext): Promise<DailySummary> {
  const { db, today, now } = ctx;
  const size = {
    risk: RISK_SLICE,
    reminders: REMINDER_SLICE,
    alerts: ALERT_SLICE,
    checkins: CHECKIN_SLICE,
    digests: DIGEST_SLICE,
    ...ctx.slices,
  };
  const summary: DailySummary = {
    today,
    riskSlices: 0,
    riskChanged: 0,
    reminderSlices: 0,
    claimed: { reminders: 0, alerts: 0, checkins: 0, digests: 0 },
    givenUp: 0,
    sendSteps: 0,
    emails: 0,
    sendStopped: null,
  };

  // 1. Risk: dates move on their own, so every activity is judged again, a slice per step.
  const thresholds: Thresholds = await steps.do("load thresholds", "plain", () => loadThresholds(db));
  summary.riskSlices = await slices(
    steps,
    "risk slice",
    "",
    async (after) => {
      const r = await recomputeRisk(db, { afterActivityId: after || undefined, limit: size.risk }, today, now, thresholds);
      return { cursor: r.judged < size.risk || !r.lastActivityId ? null : r.lastActivityId, changed: r.changed };
    },
    (r) => (summary.riskChanged += r.changed),
  );

  // 2. Reminders, a slice of tasks per step; overdue counts per neighbourhood feed the digests.
  const overdue: Record<string, number> = {};
  summary.reminderSlices = await slices(
    steps,
    "reminders",
    "",
    async (after) => {
      const r = await planReminderSlice(db, { afterTaskId: after || null, limit: size.reminders }, today, now);
      const claimed = await claimAll(db, withSubjects(r.drafts), now);
      return { cursor: r.scanned < size.reminders ? null : r.lastTaskId, claimed, overdue: r.overdueByNeighbourhood };
    },
    (r) => {
      summary.claimed.reminders += r.claimed;
      for (const [hood, n] of Object.entries(r.overdue)) overdue[hood] = (overdue[hood] ?? 0) + n;
    },
  );

  // 3. Continuity alerts for the latest rises.
  await slices(
    steps,
    "alerts",
    "",
    async (after) => {
      const r = await planAlertSlice(db, { afterEventId: after || null, limit: size.alerts }, today, now);
      return { cursor: r.scanned < size.alerts ? null : r.lastEventId, claimed: await claimAll(db, withSubjects(r.drafts), now) };
    },
    (r) => (summary.claimed.alerts += r.claimed),
  );

  // 4. The yearly check-in invitation, in December.
  if (isCheckinInviteMonth(today)) {
    await slices(
      steps,
      "checkin invitations",
      "",
      async (after) => {
        const r = await planCheckinSlice(db, { afterInitiativeId: after || null, limit: size.checkins }, today, now);
        return { cursor: r.scanned < size.checkins ? null : r.lastInitiativeId, claimed: await claimAll(db, withSubjects(r.drafts), now) };
      },
      (r) => (summary.claimed.checkins += r.claimed),
    );
  }

  // 5. Digests on Mondays (weekly) and the 1st (monthly).
  if (isAnyDigestDay(today)) {
    await slices(
      steps,
      "digests",
      "",
      async (after) => {
        const r = await planDigestSlice(db, { afterPersonId: after || null, limit: size.digests }, today, now, overdue);
        return { cursor: r.scanned < size.digests ? null : r.lastPersonId, claimed: await claimAll(db, withSubjects(r.drafts), now) };
      },
      (r) => (summary.claimed.digests += r.claimed),
    );
  }

  // 6. Send: first give up what must not go out, then one batch per step until nothing is ready.
  summary.givenUp = await steps.do("give up stale mail", "plain", () => giveUpStale(db, now));
  for (let k = 0; k < MAX_SEND_STEPS; k++) {
    let result: SendStepResult;
    try {
      result = await steps.do(`send ${k}`, "send", () => sendNextBatch(ctx.env, db, now, { ...ctx.send, emails: size.emails }));
    } catch (err) {
      // The platform retried and gave up (Resend down): keep the messages for tomorrow, finish the run.
      const message = err instanceof Error ? err.message : String(err);
      await steps.do(`send ${k} failed`, "plain", () => recordSendFailure(db, now, message, { emails: size.emails }));
      summary.sendStopped = "failed";
      break;
    }
    summary.sendSteps++;
    summary.emails += result.emails;
    if (result.status === "idle") break;
    if (result.status === "quota" || result.status === "rejected") {
      // Daily quota (or a refused request): no more sending today, the rest of the run is done.
      summary.sendStopped = result.status;
      break;
    }
  }
  return summary;
}
