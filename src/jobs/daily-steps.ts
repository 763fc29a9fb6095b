// The daily run as a sequence of bounded steps. The Workflow (daily-run.ts) runs each through
// `step.do` (durable, retried, resumed); tests run the very same sequence through a runner that
// counts D1 statements and requests per step. Control flow depends only on step results, so a
// resumed run replays to the same place.
//
// Order: record the start → risk (so alerts see today's changes) → reminders → alerts → check-in
// invitations (December) → digests (Mondays / the 1st) → give up stale messages → send, one batch
// per step → record the end (status and counts per step).
//
// Each record is handled on its own: an activity, task, risk event, initiative, person or message
// that cannot be handled (a corrupt stored date, an unreadable payload) is noted as skipped — by
// the step itself, in D1, idempotently — and the run goes on with everyone else.
import type { Db } from "../db/client";
import { planAlertSlice, ALERT_SLICE } from "../domain/mail/alerts";
import { isAnyDigestDay, planDigestSlice, DIGEST_SLICE } from "../domain/mail/digests";
import { isCheckinInviteMonth, planCheckinSlice, CHECKIN_SLICE } from "../domain/mail/checkin-invitations";
import { claimAll, giveUpStale, type Draft } from "../domain/mail/outbox";
import { planReminderSlice, REMINDER_SLICE } from "../domain/mail/reminders";
import { loadThresholds, recomputeRisk } from "../domain/risk/store";
import { maintainRollup } from "../domain/overview/rollup-daily";
import type { Thresholds } from "../domain/risk/rules";
import { errorText, isolated, type RunStep, type Skip } from "../domain/runs/skips";
import { failRun, finishRun, recordSkips, startRun, type RunCounts, type StepCount } from "../domain/runs/record";
import { withSubject } from "../mail/compose";
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
  /** Per step: records handled and skipped (and what else the step counts). Kept in daily_runs. */
  steps: RunCounts;
  /** Records skipped by this run, all steps together. */
  skipped: number;
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

/** The same record noted twice in one step (say, two drafts for one person) counts once. */
function distinct(skips: Skip[]): Skip[] {
  const seen = new Set<string>();
  return skips.filter((s) => {
    const key = `${s.step}\u0000${s.recordType}\u0000${s.recordId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const initiativeOf = (d: Draft): string | null => {
  const id = (d.payload as { initiativeId?: unknown }).initiativeId;
  return typeof id === "string" ? id : null;
};

/**
 * Claims the drafts, each worded on its own (a recipient whose stored language is unknown is
 * skipped, the others are claimed); notes the step's skipped records. Returns the counts for the
 * step's result.
 */
async function claimAndNote(ctx: DailyContext, step: RunStep, drafts: Draft[], planned: Skip[]) {
  const skipped = [...planned];
  const claims = drafts.flatMap((d) => {
    const claim = isolated(skipped, { step, recordType: "person", recordId: d.personId, initiativeId: initiativeOf(d) }, () =>
      withSubject(d),
    );
    return claim ? [claim] : [];
  });
  const claimed = await claimAll(ctx.db, claims, ctx.now);
  const noted = distinct(skipped);
  await recordSkips(ctx.db, ctx.today, noted, ctx.now);
  return { claimed, skipped: noted.length };
}

const count = (counts: RunCounts, step: RunStep): StepCount => (counts[step] ??= { done: 0, skipped: 0 });

export async function runDaily(steps: StepRunner, ctx: DailyContext): Promise<DailySummary> {
  const { db, today, now } = ctx;
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
    steps: {},
    skipped: 0,
  };
  await steps.do("record run start", "plain", () => startRun(db, today, now));
  try {
    await runSteps(steps, ctx, summary);
  } catch (err) {
    // A step failed for good (the platform stopped retrying it): say so in the run's record.
    const message = errorText(err);
    await steps.do("record run failure", "plain", () => failRun(db, today, message, summary.steps, now));
    throw err;
  }
  summary.skipped = Object.values(summary.steps).reduce((sum, s) => sum + s.skipped, 0);
  await steps.do("record run end", "plain", () => finishRun(db, today, summary.steps, now));
  return summary;
}

async function runSteps(steps: StepRunner, ctx: DailyContext, summary: DailySummary): Promise<void> {
  const { db, today, now } = ctx;
  const size = {
    risk: RISK_SLICE,
    reminders: REMINDER_SLICE,
    alerts: ALERT_SLICE,
    checkins: CHECKIN_SLICE,
    digests: DIGEST_SLICE,
    ...ctx.slices,
  };
  const counts = summary.steps;

  // 0. The overview's frozen past: derived anew when a year has closed, otherwise a sample recounted.
  const rollup = await steps.do("overview rollup", "plain", async () => {
    const r = await maintainRollup(db, today, now);
    await recordSkips(db, today, r.skipped, now);
    return { derived: r.derived, checked: r.checked, skipped: r.skipped.length };
  });
  counts.rollup = { done: rollup.checked, skipped: rollup.skipped };

  // 1. Risk: dates move on their own, so every activity is judged again, a slice per step.
  const thresholds: Thresholds = await steps.do("load thresholds", "plain", () => loadThresholds(db));
  summary.riskSlices = await slices(
    steps,
    "risk slice",
    "",
    async (after) => {
      const r = await recomputeRisk(db, { afterActivityId: after || undefined, limit: size.risk }, today, now, thresholds);
      await recordSkips(db, today, r.skipped, now);
      return {
        cursor: r.judged < size.risk || !r.lastActivityId ? null : r.lastActivityId,
        changed: r.changed,
        judged: r.judged - r.skipped.length,
        skipped: r.skipped.length,
      };
    },
    (r) => {
      summary.riskChanged += r.changed;
      const c = count(counts, "risk");
      c.done += r.judged;
      c.skipped += r.skipped;
      c.changed = (c.changed ?? 0) + r.changed;
    },
  );

  // 2. Reminders, a slice of tasks per step; overdue counts per neighbourhood feed the digests.
  const overdue: Record<string, number> = {};
  summary.reminderSlices = await slices(
    steps,
    "reminders",
    "",
    async (after) => {
      const r = await planReminderSlice(db, { afterTaskId: after || null, limit: size.reminders }, today, now);
      const noted = await claimAndNote(ctx, "reminders", r.drafts, r.skipped);
      return {
        cursor: r.scanned < size.reminders ? null : r.lastTaskId,
        ...noted,
        done: r.scanned - distinct(r.skipped).length,
        overdue: r.overdueByNeighbourhood,
      };
    },
    (r) => {
      summary.claimed.reminders += r.claimed;
      addTo(count(counts, "reminders"), r);
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
      const noted = await claimAndNote(ctx, "alerts", r.drafts, r.skipped);
      return { cursor: r.scanned < size.alerts ? null : r.lastEventId, ...noted, done: r.scanned - distinct(r.skipped).length };
    },
    (r) => {
      summary.claimed.alerts += r.claimed;
      addTo(count(counts, "alerts"), r);
    },
  );

  // 4. The yearly check-in invitation, in December.
  if (isCheckinInviteMonth(today)) {
    await slices(
      steps,
      "checkin invitations",
      "",
      async (after) => {
        const r = await planCheckinSlice(db, { afterInitiativeId: after || null, limit: size.checkins }, today, now);
        const noted = await claimAndNote(ctx, "checkins", r.drafts, r.skipped);
        return { cursor: r.scanned < size.checkins ? null : r.lastInitiativeId, ...noted, done: r.scanned - distinct(r.skipped).length };
      },
      (r) => {
        summary.claimed.checkins += r.claimed;
        addTo(count(counts, "checkins"), r);
      },
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
        const noted = await claimAndNote(ctx, "digests", r.drafts, r.skipped);
        return { cursor: r.scanned < size.digests ? null : r.lastPersonId, ...noted, done: r.scanned - distinct(r.skipped).length };
      },
      (r) => {
        summary.claimed.digests += r.claimed;
        addTo(count(counts, "digests"), r);
      },
    );
  }

  // 6. Send: first give up what must not go out, then one batch per step until nothing is ready.
  summary.givenUp = await steps.do("give up stale mail", "plain", () => giveUpStale(db, now));
  const send = count(counts, "send");
  send.givenUp = summary.givenUp;
  send.stopped = null;
  for (let k = 0; k < MAX_SEND_STEPS; k++) {
    let result: Omit<SendStepResult, "skipped"> & { skipped: number };
    try {
      result = await steps.do(`send ${k}`, "send", async () => {
        const r = await sendNextBatch(ctx.env, db, { runOn: today, now }, { ...ctx.send, emails: size.emails });
        await recordSkips(db, today, r.skipped, now);
        return { ...r, skipped: r.skipped.length };
      });
    } catch (err) {
      // The platform retried and gave up (Resend down): keep the messages for tomorrow, finish the run.
      const message = err instanceof Error ? err.message : String(err);
      await steps.do(`send ${k} failed`, "plain", () => recordSendFailure(db, now, message, { emails: size.emails }));
      summary.sendStopped = "failed";
      break;
    }
    summary.sendSteps++;
    summary.emails += result.emails;
    send.done += result.emails;
    send.skipped += result.skipped;
    if (result.status === "idle") break;
    if (result.status === "quota" || result.status === "rejected") {
      // Daily quota (or a refused request): no more sending today, the rest of the run is done.
      summary.sendStopped = result.status;
      break;
    }
  }
  send.stopped = summary.sendStopped;
}

function addTo(c: StepCount, r: { done: number; claimed: number; skipped: number }) {
  c.done += r.done;
  c.skipped += r.skipped;
  c.mails = (c.mails ?? 0) + r.claimed;
}
