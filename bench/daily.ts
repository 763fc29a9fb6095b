// The daily job, step by step in this process: the very sequence the DailyRun Workflow runs
// (runDaily from src/jobs/daily-steps.ts), on the same local D1, with a runner that counts steps,
// a D1 binding that counts statements (countingD1 from src/db/client.ts), and Resend's API
// replaced by a stand-in on 127.0.0.1 that counts requests and emails. The Workflow itself (cron →
// DailyRun in wrangler dev) is timed separately in run.ts; workerd has no way to count for us there.
import { createServer, type Server } from "node:http";
import { countingD1, createDb, type D1Counter } from "../src/db/client";
import { runDaily, type DailySummary, type StepRunner } from "../src/jobs/daily-steps";
import { maintainRollup } from "../src/domain/overview/rollup-daily";
import { en, nl } from "../src/i18n/catalogue";
import { useCatalogues } from "../src/i18n";
import { localProxy } from "./load";

/**
 * One step: wall time, D1 statements, requests to the mail provider, the size of the result the
 * platform stores, and the CPU this process spent in it — the Worker's own code (D1 runs in
 * workerd, another process, and its time is I/O for the Worker), an estimate of the step's CPU
 * for the free plan's 10 ms (it includes the platform proxy's serialising, so it errs high).
 */
export type StepLog = { name: string; ms: number; queries: number; outbound: number; resultBytes: number; cpuMs: number };
export type DailyMeasure = {
  ms: number;
  queries: number;
  calls: number;
  steps: number;
  outbound: number;
  emails: number;
  summary: DailySummary | null;
  slowest: StepLog[];
  stepLog: StepLog[];
  /** Set when the run was given up: the step that was still running. */
  timedOutIn?: string;
};

/** A stand-in for api.resend.com: answers every send with ids, counts what it got. */
async function fakeResend() {
  const seen = { requests: 0, emails: 0 };
  let next = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.requests++;
      const parsed: unknown = body ? JSON.parse(body) : null;
      const count = Array.isArray(parsed) ? parsed.length : 1;
      seen.emails += count;
      const ids = Array.from({ length: count }, () => ({ id: `bench-${++next}` }));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(Array.isArray(parsed) ? { data: ids } : ids[0]));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Runs the daily job for `today` (its trigger at 04:00 UTC) on the state folder. */
export type DailyOptions = {
  /** Steps (by name prefix) to skip, returning 0: only for bringing state forward, never when measuring. */
  skip?: string[];
  /** Give up after this long: the result then says which step was running. */
  timeoutMs?: number;
  verbose?: boolean;
};

export async function measureDaily(stateDir: string, today: string, options: DailyOptions = {}): Promise<DailyMeasure> {
  const verbose = options.verbose ?? false;
  const resend = await fakeResend();
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = resend.url; // read by the Resend SDK when a client is made
  const proxy = await localProxy(stateDir);
  try {
    const counter: D1Counter = { queries: 0, calls: 0 };
    const db = createDb(countingD1(proxy.env.DB, counter));
    let steps = 0;
    const stepLog: StepLog[] = [];
    let current = "";
    const runner: StepRunner = {
      do: async (name, _kind, fn) => {
        if (options.skip?.some((prefix) => name.startsWith(prefix))) return 0 as never;
        current = name;
        steps++;
        const started = performance.now();
        const cpu = process.cpuUsage();
        const before = counter.queries;
        const requestsBefore = resend.seen.requests;
        // Like the platform: a step's result is stored as JSON.
        const stored = JSON.stringify(await fn());
        const result: unknown = stored === undefined ? undefined : JSON.parse(stored);
        const used = process.cpuUsage(cpu);
        const ms = performance.now() - started;
        stepLog.push({
          name,
          ms,
          queries: counter.queries - before,
          outbound: resend.seen.requests - requestsBefore,
          resultBytes: stored === undefined ? 0 : Buffer.byteLength(stored),
          cpuMs: (used.user + used.system) / 1000,
        });
        if (verbose) console.log(`  step ${name}: ${ms.toFixed(0)} ms, ${counter.queries - before} queries`);
        return result as never;
      },
    };
    const env = {
      RESEND_API_KEY: "re_bench_loopback",
      MAIL_FROM: "Wijkonderhoud <noreply@bench.example>",
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      APP_URL: "http://127.0.0.1:8787",
      APP_ENV: "development",
    };
    const now = new Date(`${today}T04:00:00.000Z`);
    useCatalogues({ nl, en }); // the Workflow reads them as a static asset; here, the sources
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolveTimeout) => {
      if (options.timeoutMs) timer = setTimeout(() => resolveTimeout("timeout"), options.timeoutMs);
    });
    const running = runDaily(runner, { env, db, today, now, send: { sleep: async () => {} } });
    running.catch(() => {}); // after a timeout the bindings are disposed under it; its rejection is expected
    const outcome = await Promise.race([running, timeout]);
    clearTimeout(timer);
    const ms = performance.now() - t0;
    if (outcome === "timeout") {
      const slowest = [...stepLog].sort((a, b) => b.ms - a.ms).slice(0, 5);
      return {
        ms,
        queries: counter.queries,
        calls: counter.calls,
        steps,
        outbound: resend.seen.requests,
        emails: resend.seen.emails,
        summary: null,
        slowest,
        stepLog,
        timedOutIn: current,
      };
    }
    const summary = outcome;
    const slowest = [...stepLog].sort((a, b) => b.ms - a.ms).slice(0, 5);
    return {
      ms,
      queries: counter.queries,
      calls: counter.calls,
      steps,
      outbound: resend.seen.requests,
      emails: resend.seen.emails,
      summary,
      slowest,
      stepLog,
    };
  } finally {
    await proxy.dispose();
    await resend.close();
    if (previous === undefined) delete process.env.RESEND_BASE_URL;
    else process.env.RESEND_BASE_URL = previous;
  }
}

/**
 * What today's 04:00 run has done by the time people open the app: the overview's stored figures
 * moved to today (src/domain/overview/rollup-daily.ts). The routes are timed on that ordinary day;
 * today's whole run is measured after them (it then finds "now" already moved, as a second run would).
 */
export async function morningRollup(stateDir: string, today: string): Promise<void> {
  const proxy = await localProxy(stateDir);
  try {
    await maintainRollup(createDb(proxy.env.DB), today, new Date(`${today}T04:00:00.000Z`));
  } finally {
    await proxy.dispose();
  }
}
