// `npm run bench [-- --sizes S,M,L] [--check] [--requests 200] [--warmup 20] [--seed wijkonderhoud]
//                 [--today YYYY-MM-DD] [--load proxy|file] [--no-daily]`
//
// For each dataset: generate (seeded), load into a fresh local D1 through the real migrations,
// run the daily job for the past week (first run, then digest days) so risk and mail history are those of an ordinary day, serve the Worker with wrangler dev
// on 127.0.0.1, warm up, then time every route (p50/p95 over N sequential requests, D1 statements
// per request from the development-only Server-Timing header), then fire the cron trigger and time
// the DailyRun Workflow until it completes, and run the same daily sequence in-process to count
// its D1 statements, outbound requests and emails. Also: the Worker bundle (gzip) and start-up.
// Writes bench/results.json and prints a table; --check exits 1 when a budget is broken.
// Only loopback addresses are used. Not part of `npm test`.
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, release, type } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { addDays } from "../src/lib/dates";
import { measureDaily, morningRollup, type DailyMeasure, type StepLog } from "./daily";
import { assertLoopback, childEnv, guardFetch, quietThisProcess, ROOT, run, WRANGLER } from "./env";
import { generate, SIZES, type SizeName } from "./generate";
import { DATA_DIR, loadDataset, type LoadMethod, type Principal, type Sessions } from "./load";
import { runWorkflow, startServer, type Server } from "./server";
import { allStatements, datasetHash } from "./sql";
import { BUNDLE_GZIP_BUDGET_KIB, parseBundleSize, WORKER_CONFIGS } from "../scripts/check-bundle";
import type { CapturedStatement } from "../src/db/client";
import { CAPTURE_HEADER } from "../src/middleware/context";
import { d1File, openCopy, timeStatements } from "./sqlite-alone";

// ---------------------------------------------------------------------------------------------
// Budgets (issue 17)
// ---------------------------------------------------------------------------------------------
export const BUDGETS = {
  pageP95Ms: 25, // on M and L: coordinator home, initiative page, neighbourhood page, one neighbourhood's overview
  overviewAllP95Ms: { M: 60, L: 200 }, // the overview of all neighbourhoods (40 / 200) and years.csv
  queriesPerRequest: 4, // every route, every size; and the same on S, M and L
  dailyLOverM: 5.5, // the daily Workflow on L takes at most 5.5× its time on M
  startupMs: 50, // CPU of the Worker's start-up (wrangler check startup, median of STARTUP_RUNS)
  bundleGzipKiB: BUNDLE_GZIP_BUDGET_KIB,
  /** Goal, reported, not checked: a page takes at most this many times what SQLite alone needs for its statements. */
  overSqliteGoal: 1.5,
};
/** The free plan's limits that each step of the daily Workflow must stay within (STACK.md). */
export const FREE_STEP = { cpuMs: 10, d1Statements: 50, subrequests: 50, steps: 1024, stateBytes: 1024 * 1024 };
const STARTUP_RUNS = 5;

type RouteKey = "home" | "initiative" | "neighbourhood" | "hoodOverview" | "overviewAll" | "csv" | "apiInitiatives" | "apiPeople";
type RouteSpec = {
  key: RouteKey;
  label: string;
  who: Principal | "bearer";
  paths: (f: Ctx) => string[];
  budgetMs?: Record<"M" | "L", number>;
};
const both = (ms: number) => ({ M: ms, L: ms });
type Ctx = { fixtures: ReturnType<typeof generate>["fixtures"] };

const ROUTES: RouteSpec[] = [
  { key: "home", label: "coordinator home /", who: "coordinator", paths: () => ["/"], budgetMs: both(BUDGETS.pageP95Ms) },
  {
    key: "initiative",
    label: "initiative page",
    who: "coordinator",
    paths: (c) => c.fixtures.initiativeIds.map((id) => `/initiatives/${id}`),
    budgetMs: both(BUDGETS.pageP95Ms),
  },
  {
    key: "neighbourhood",
    label: "neighbourhood page",
    who: "coordinator",
    paths: (c) => [`/neighbourhoods/${c.fixtures.neighbourhoodId}`],
    budgetMs: both(BUDGETS.pageP95Ms),
  },
  {
    key: "hoodOverview",
    label: "partner overview, 1 neighbourhood",
    who: "partner",
    paths: (c) => [`/neighbourhoods/${c.fixtures.partnerNeighbourhoodId}/overview`],
    budgetMs: both(BUDGETS.pageP95Ms),
  },
  // An admin sees every neighbourhood (the municipality's partner only its own city's).
  { key: "overviewAll", label: "overview of all", who: "admin", paths: () => ["/overview"], budgetMs: BUDGETS.overviewAllP95Ms },
  { key: "csv", label: "CSV export years.csv", who: "admin", paths: () => ["/overview/years.csv"], budgetMs: BUDGETS.overviewAllP95Ms },
  { key: "apiInitiatives", label: "API GET /api/v1/initiatives", who: "bearer", paths: () => ["/api/v1/initiatives?limit=100"] },
  { key: "apiPeople", label: "API GET /api/v1/people", who: "bearer", paths: () => ["/api/v1/people?limit=100"] },
];

export type RouteResult = {
  dataset: SizeName;
  route: RouteKey;
  label: string;
  path: string;
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  queries: number | null; // the most D1 statements seen in one request
  queriesMin: number | null;
  roundTrips: number | null;
  /** Size of the (last) response body. */
  kib: number | null;
  status: number;
  error?: string;
  /** p50 of the same statements in SQLite alone on the same database file (node:sqlite), and page p50 ÷ that. */
  sqliteMs?: number | null;
  overSqlite?: number | null;
  /** The statements each path ran (captured once per path; not written to results.json). */
  captured?: CapturedStatement[][];
};

let sqliteVersion = "";

// ---------------------------------------------------------------------------------------------

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "S,M" },
    check: { type: "boolean", default: false },
    requests: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    seed: { type: "string", default: "wijkonderhoud" },
    today: { type: "string" },
    load: { type: "string", default: "proxy" },
    "no-daily": { type: "boolean", default: false },
    "max-route-seconds": { type: "string", default: "90" },
    "daily-timeout-minutes": { type: "string", default: "15" },
    // wrangler dev's port (the inspector gets the next one); default: any free port.
    port: { type: "string" },
  },
  allowPositionals: false,
});

const sizes = opts.sizes.split(",").map((s) => s.trim().toUpperCase()) as SizeName[];
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (S, M, L, XL)`);
const N = Number(opts.requests);
const WARMUP = Number(opts.warmup);
const MAX_ROUTE_MS = Number(opts["max-route-seconds"]) * 1000;
const DAILY_TIMEOUT_MS = Number(opts["daily-timeout-minutes"]) * 60_000;
// The reference date is the Worker's "today" (it reads the wall clock), in UTC like the app's dates.
const today = opts.today ?? new Date().toISOString().slice(0, 10);

const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function headersFor(who: Principal | "bearer", sessions: Sessions, server: Server): Record<string, string> {
  if (who === "bearer") return { authorization: `Bearer ${server.apiToken}` };
  return { cookie: `__Host-session=${sessions[who]}` };
}

function serverTiming(res: Response) {
  const h = res.headers.get("server-timing") ?? "";
  const q = /d1;desc="(\d+) queries"/.exec(h);
  const c = /d1-calls;desc="(\d+) round trips"/.exec(h);
  return { queries: q ? Number(q[1]) : null, calls: c ? Number(c[1]) : null };
}

async function timeRoute(server: Server, sessions: Sessions, dataset: SizeName, spec: RouteSpec, ctx: Ctx): Promise<RouteResult> {
  const paths = spec.paths(ctx);
  const headers = headersFor(spec.who, sessions, server);
  const one = async (path: string) => {
    const url = `${server.base}${path}`;
    assertLoopback(url);
    const t0 = performance.now();
    const res = await fetch(url, { headers, redirect: "manual" });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    return { ms, status: res.status, bytes: body.byteLength, ...serverTiming(res) };
  };
  const base: RouteResult = {
    dataset,
    route: spec.key,
    label: spec.label,
    path: paths.length > 1 ? `${paths[0]} (+${paths.length - 1} more)` : paths[0]!,
    n: 0,
    p50: null,
    p95: null,
    max: null,
    queries: null,
    queriesMin: null,
    roundTrips: null,
    kib: null,
    status: 0,
  };
  const first = await one(paths[0]!);
  if (first.status !== 200)
    return { ...base, status: first.status, error: first.status === 404 ? "not found (route missing?)" : `HTTP ${first.status}` };
  for (let i = 0; i < WARMUP; i++) await one(paths[i % paths.length]!);
  const times: number[] = [];
  const queries: number[] = [];
  const calls: number[] = [];
  const started = performance.now();
  let status = 200;
  let bytes = first.bytes;
  for (let i = 0; i < N; i++) {
    const r = await one(paths[i % paths.length]!);
    bytes = r.bytes;
    if (r.status !== 200) {
      status = r.status;
      break;
    }
    times.push(r.ms);
    if (r.queries !== null) queries.push(r.queries);
    if (r.calls !== null) calls.push(r.calls);
    if (performance.now() - started > MAX_ROUTE_MS && times.length >= 30) break;
  }
  times.sort((a, b) => a - b);
  // The statements behind the page, per path, for timing them in SQLite alone (development-only header).
  const captured: CapturedStatement[][] = [];
  if (status === 200)
    for (const path of paths) {
      const res = await fetch(`${server.base}${path}`, { headers: { ...headers, [CAPTURE_HEADER]: "1" }, redirect: "manual" });
      const body = (await res.json().catch(() => null)) as { statements?: CapturedStatement[] } | null;
      if (body?.statements) captured.push(body.statements);
    }
  return {
    ...base,
    captured,
    n: times.length,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1) ?? null),
    queries: queries.length ? Math.max(...queries) : null,
    queriesMin: queries.length ? Math.min(...queries) : null,
    roundTrips: calls.length ? Math.max(...calls) : null,
    kib: Math.round(bytes / 102.4) / 10,
    status,
    ...(status !== 200 ? { error: `HTTP ${status} after ${times.length} requests` } : {}),
  };
}

// ---------------------------------------------------------------------------------------------

async function measureBundle(config: string) {
  const out = join(DATA_DIR, `dist-${config}`);
  const text = await run(WRANGLER, ["deploy", "--dry-run", "-c", config, "--outdir", out, "--metafile", join(out, "meta.json")], {
    env: childEnv(),
  });
  const size = parseBundleSize(text);
  // The biggest inputs of the bundle (bytes in the output, before gzip).
  const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const output = Object.entries(meta.outputs).find(([k]) => k.endsWith(".js"))?.[1];
  const by = new Map<string, number>();
  for (const [file, v] of Object.entries(output?.inputs ?? {})) {
    let key: string;
    if (file.includes("node_modules/")) {
      const parts = file.split("node_modules/").pop()!.split("/");
      key = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
      if (key === "zod") key = file.includes("/locales/") ? "zod (locales)" : "zod";
    } else key = file.split("/").slice(0, 2).join("/");
    by.set(key, (by.get(key) ?? 0) + v.bytesInOutput);
  }
  const largest = [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, bytes]) => ({ name, KiB: Math.round(bytes / 1024) }));
  return { ...size, largestInputs: largest };
}

/**
 * CPU of the Worker's start-up: `wrangler check startup` (a local profile of the global scope),
 * STARTUP_RUNS times on one build; the median counts (a single run on a shared machine swings by 2×).
 */
async function measureStartup(config: string) {
  const bundle = join(DATA_DIR, `worker-${config}.bundle`);
  await run(WRANGLER, ["deploy", "--dry-run", "-c", config, "--outfile", bundle], { env: childEnv() });
  const runs: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const text = await run(WRANGLER, ["check", "startup", "--worker", bundle, "--outfile", join(DATA_DIR, `startup-${i}.cpuprofile`)], {
      env: childEnv(),
    });
    const active = /Active: ([\d.]+) ms/.exec(text);
    if (active) runs.push(Number(active[1]));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { activeMs: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null, runsMs: runs };
}

type DatasetReport = {
  size: SizeName;
  counts: Record<string, number>;
  hash: string;
  generateMs: number;
  migrateMs: number;
  loadMs: number;
  loadMethod: LoadMethod;
  devReadyMs: number | null;
  /** Size of the local D1 file (with its WAL) after the preparing runs: what the data takes in SQLite. */
  dbMiB: number | null;
};
type DailyReport = {
  dataset: SizeName;
  day: string;
  workflow: { ms: number; status: string; output: unknown } | { error: string };
  inProcess: DailyMeasure;
  prepared: { days: string[]; ms: number; emails: number };
};

async function benchSize(size: SizeName, datasets: DatasetReport[], results: RouteResult[], daily: DailyReport[]) {
  log(`${size}: generating (seed "${opts.seed}", today ${today})`);
  const t0 = performance.now();
  const dataset = generate(size, opts.seed, today);
  const hash = datasetHash(allStatements(dataset.tables));
  const generateMs = performance.now() - t0;
  log(
    `${size}: ${Object.values(dataset.counts).reduce((a, b) => a + b, 0)} rows in ${(generateMs / 1000).toFixed(1)} s (hash ${hash}); loading into a fresh local D1`,
  );
  const loaded = await loadDataset(dataset, opts.load as LoadMethod);
  log(
    `${size}: migrations ${(loaded.migrateMs / 1000).toFixed(1)} s, rows ${(loaded.loadMs / 1000).toFixed(1)} s (${loaded.statements} statements, ${opts.load})`,
  );

  // An ordinary day, not the first one: the app has been running for a week. The first run (a
  // week ago) judges every activity and mails every rise; partners' alerts wait for their weekly
  // digest, which the runs on the digest days since (Mondays, the 1st) send. Only then is today's
  // run measured. Every run, preparing or measured, runs every step.
  const prepDays = preparingDays(today);
  const prep = { days: prepDays, ms: 0, emails: 0 };
  for (const day of prepDays) {
    log(`${size}: preparing daily run for ${day}`);
    const r = await measureDaily(loaded.stateDir, day);
    prep.ms += r.ms;
    prep.emails += r.emails;
    log(`${size}: ${day} done in ${(r.ms / 1000).toFixed(1)} s, ${r.emails} emails`);
  }
  // The morning: the daily run's rollup step for today (the overview's "now" moves to today).
  await morningRollup(loaded.stateDir, today);

  // A copy for the in-process count of today's run (the Workflow runs today's on the original).
  const copyDir = `${loaded.stateDir}-daily`;
  rmSync(copyDir, { recursive: true, force: true });
  cpSync(loaded.stateDir, copyDir, { recursive: true });

  const report: DatasetReport = {
    size,
    counts: dataset.counts,
    hash,
    generateMs: Math.round(generateMs),
    migrateMs: Math.round(loaded.migrateMs),
    loadMs: Math.round(loaded.loadMs),
    loadMethod: opts.load as LoadMethod,
    devReadyMs: null,
    dbMiB: dbSizeMiB(loaded.stateDir),
  };
  datasets.push(report);

  log(`${size}: starting wrangler dev`);
  const server = await startServer(loaded.stateDir, opts.port ? Number(opts.port) : undefined);
  activeServer = server;
  report.devReadyMs = Math.round(server.readyMs);
  let workflow: DailyReport["workflow"];
  try {
    const ctx: Ctx = { fixtures: dataset.fixtures };
    const timed: RouteResult[] = [];
    for (const spec of ROUTES) {
      const r = await timeRoute(server, loaded.sessions, size, spec, ctx);
      timed.push(r);
      results.push(r);
      log(`${size}: ${spec.label.padEnd(34)} ${r.error ? r.error : `p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.queries} queries (n=${r.n})`}`);
    }
    // The same statements in SQLite alone, on a copy of the file the Worker just read (before the
    // day's Workflow changes it), while the Worker is idle.
    const copy = openCopy(loaded.stateDir);
    sqliteVersion = copy.version;
    try {
      for (const r of timed) {
        if (!r.captured?.length || r.p50 === null) continue;
        const perPath = r.captured.map((statements) => timeStatements(copy.db, statements).p50);
        r.sqliteMs = round(perPath.reduce((a, b) => a + b, 0) / perPath.length, 2);
        r.overSqlite = r.sqliteMs ? round(r.p50 / r.sqliteMs, 1) : null;
        log(`${size}: ${r.label.padEnd(34)} SQLite alone ${r.sqliteMs} ms: page ÷ SQLite = ${r.overSqlite}×`);
      }
    } finally {
      copy.close();
    }
    if (opts["no-daily"]) workflow = { error: "skipped (--no-daily)" };
    else {
      log(`${size}: cron → DailyRun Workflow for ${today}`);
      try {
        const w = await runWorkflow(server, today, DAILY_TIMEOUT_MS);
        workflow = { ms: Math.round(w.ms), status: w.status, output: (w.instance as { output?: unknown } | null)?.output ?? null };
        log(`${size}: Workflow ${w.status} after ${(w.ms / 1000).toFixed(1)} s`);
      } catch (err) {
        workflow = { error: err instanceof Error ? err.message : String(err) };
        log(`${size}: Workflow failed: ${workflow.error}`);
      }
    }
  } finally {
    await server.stop();
    activeServer = null;
  }
  if (!opts["no-daily"]) {
    log(`${size}: the same day in-process, counting`);
    const m = await measureDaily(copyDir, today, { timeoutMs: DAILY_TIMEOUT_MS });
    daily.push({
      dataset: size,
      day: today,
      workflow: workflow!,
      inProcess: m,
      prepared: { days: prep.days, ms: Math.round(prep.ms), emails: prep.emails },
    });
    if (m.timedOutIn) log(`${size}: given up after ${(m.ms / 1000).toFixed(0)} s, still in step "${m.timedOutIn}"`);
    log(
      `${size}: ${(m.ms / 1000).toFixed(1)} s, ${m.queries} D1 statements in ${m.calls} round trips, ${m.steps} steps, ${m.outbound} outbound requests, ${m.emails} emails`,
    );
  }
  rmSync(copyDir, { recursive: true, force: true });
}

function dbSizeMiB(stateDir: string): number | null {
  try {
    const file = d1File(stateDir);
    const bytes = [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
    return Math.round((bytes / 2 ** 20) * 10) / 10;
  } catch {
    return null;
  }
}

/** The first run a week (eight days) ago, then every digest day (Monday, the 1st) before today. */
export function preparingDays(day: string): string[] {
  const first = addDays(day, -8);
  const days = [first];
  for (let d = addDays(first, 1); d < day; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday === 1 || d.endsWith("-01")) days.push(d);
  }
  return days;
}

// ---------------------------------------------------------------------------------------------

type Budget = { name: string; limit: string; actual: string; ok: boolean | null };
type WorkerReport = {
  worker: string;
  config: string;
  bundle: Awaited<ReturnType<typeof measureBundle>>;
  startup: Awaited<ReturnType<typeof measureStartup>>;
};

function checkBudgets(results: RouteResult[], daily: DailyReport[], workers: WorkerReport[]): Budget[] {
  const out: Budget[] = [];
  for (const size of ["M", "L"] as const) {
    for (const spec of ROUTES) {
      if (!spec.budgetMs) continue;
      const r = results.find((x) => x.dataset === size && x.route === spec.key);
      const limit = spec.budgetMs[size];
      out.push({
        name: `p95 ${spec.label} (${size})`,
        limit: `≤ ${limit} ms`,
        actual: r?.p95 != null ? `${r.p95} ms` : (r?.error ?? `not measured (needs --sizes …${size})`),
        ok: r?.p95 != null ? r.p95 <= limit : r?.error ? false : null,
      });
    }
  }
  for (const spec of ROUTES) {
    const rows = results.filter((r) => r.route === spec.key);
    const measured = rows.filter((r) => r.queries !== null);
    const worst = measured.length ? Math.max(...measured.map((r) => r.queries!)) : null;
    out.push({
      name: `D1 statements ${spec.label}`,
      limit: `≤ ${BUDGETS.queriesPerRequest}`,
      actual: worst === null ? (rows.find((r) => r.error)?.error ?? "not measured") : String(worst),
      ok: worst === null ? null : worst <= BUDGETS.queriesPerRequest,
    });
    if (measured.length > 1) {
      // The most statements one request of the route needed, per dataset (a page may need a few
      // less when a section is empty; what must not happen is growth with the size of the data).
      const worstPer = measured.map((r) => r.queries!);
      const same = Math.min(...worstPer) === Math.max(...worstPer);
      out.push({
        name: `D1 statements ${spec.label} same on ${measured.map((r) => r.dataset).join("/")}`,
        limit: "equal",
        actual: measured.map((r) => (r.queries === r.queriesMin ? `${r.queries}` : `${r.queriesMin}–${r.queries}`)).join(" / "),
        ok: same,
      });
    }
  }
  const ms = (size: SizeName) => {
    const d = daily.find((x) => x.dataset === size);
    return d && "ms" in d.workflow ? d.workflow.ms : null;
  };
  const m = ms("M");
  const l = ms("L");
  out.push({
    name: "daily Workflow L ÷ M",
    limit: `≤ ${BUDGETS.dailyLOverM}×`,
    actual: m && l ? `${(l / m).toFixed(2)}× (${(l / 1000).toFixed(1)} s / ${(m / 1000).toFixed(1)} s)` : "needs M and L",
    ok: m && l ? l / m <= BUDGETS.dailyLOverM : null,
  });
  for (const d of daily) {
    const steps = d.inProcess.stepLog;
    if (!steps.length) continue;
    const most = <K extends keyof StepLog>(k: K) => steps.reduce((a, b) => ((b[k] as number) > (a[k] as number) ? b : a));
    const check = (what: string, k: "cpuMs" | "queries" | "outbound" | "resultBytes", limit: number, unit = "") => {
      const top = most(k);
      out.push({
        name: `daily step ${what} (${d.dataset}, most in one step)`,
        limit: `≤ ${limit}${unit}`,
        actual: `${Math.round(top[k] * 10) / 10}${unit} (${top.name})`,
        ok: top[k] <= limit,
      });
    };
    // Reported, not checked: this process's CPU during a step includes the local platform proxy's
    // serialising of every D1 row, so it overstates the Worker's CPU by far (docs/SCALE.md).
    const cpu = most("cpuMs");
    out.push({
      name: `daily step CPU, Node process incl. the local D1 proxy (${d.dataset}, most in one step)`,
      limit: `(free plan: ${FREE_STEP.cpuMs} ms of Worker CPU)`,
      actual: `${Math.round(cpu.cpuMs)} ms (${cpu.name})`,
      ok: null,
    });
    check("D1 statements", "queries", FREE_STEP.d1Statements);
    check("subrequests", "outbound", FREE_STEP.subrequests);
    check("stored result", "resultBytes", FREE_STEP.stateBytes, " B");
    out.push({
      name: `daily steps (${d.dataset})`,
      limit: `≤ ${FREE_STEP.steps}`,
      actual: String(steps.length),
      ok: steps.length <= FREE_STEP.steps,
    });
  }
  for (const { worker, bundle, startup } of workers) {
    out.push({
      name: `start-up CPU, ${worker} Worker (wrangler check startup)`,
      limit: `≤ ${BUDGETS.startupMs} ms`,
      actual: startup.activeMs === null ? "not measured" : `${startup.activeMs} ms (median of ${startup.runsMs.join(", ")})`,
      ok: startup.activeMs === null ? null : startup.activeMs <= BUDGETS.startupMs,
    });
    out.push({
      name: `bundle gzipped, ${worker} Worker`,
      limit: `≤ ${BUDGETS.bundleGzipKiB} KiB`,
      actual: `${bundle.gzipKiB} KiB`,
      ok: bundle.gzipKiB <= BUDGETS.bundleGzipKiB,
    });
  }
  return out;
}

function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? "—" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join("\n");
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    wrangler: (JSON.parse(readFileSync(join(ROOT, "node_modules/wrangler/package.json"), "utf8")) as { version: string }).version,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main() {
  quietThisProcess();
  guardFetch();
  const started = new Date();
  const host = machine();
  log(
    `sizes ${sizes.join(", ")}, ${N} requests per route after ${WARMUP} warm-up, today ${today}; ${host.cores} × ${host.cpu}, load ${host.loadAverageAtStart.join(" ")}`,
  );
  log("bundle size (wrangler deploy --dry-run) and start-up (wrangler check startup)");
  // Two Workers deployed: the app and the JSON API (wrangler.toml, wrangler.api.toml).
  const workers: WorkerReport[] = [];
  for (const { worker, config } of WORKER_CONFIGS) {
    const bundle = await measureBundle(config);
    const startup = await measureStartup(config);
    workers.push({ worker, config, bundle, startup });
    log(`${worker} Worker: bundle ${bundle.uploadKiB} KiB, gzip ${bundle.gzipKiB} KiB; start-up ${startup.activeMs} ms CPU`);
  }
  const workerLines = workers
    .map((w) => `${w.worker} Worker: ${w.bundle.uploadKiB} KiB, **${w.bundle.gzipKiB} KiB gzipped**; start-up ${w.startup.activeMs} ms CPU`)
    .join("; ");

  const datasets: DatasetReport[] = [];
  const results: RouteResult[] = [];
  const daily: DailyReport[] = [];
  for (const size of sizes) await benchSize(size, datasets, results, daily);

  const budgets = checkBudgets(results, daily, workers);
  const report = {
    generatedAt: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    machine: { ...host, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    seed: opts.seed,
    today,
    requestsPerRoute: N,
    warmup: WARMUP,
    note: "Local workerd and local D1 (SQLite) on this machine: compare runs and variants, not production times.",
    workers,
    datasets,
    sqliteAlone: { engine: `node:sqlite ${sqliteVersion}`, goal: `page p50 ≤ ${BUDGETS.overSqliteGoal} × SQLite alone` },
    results: results.map(
      ({ dataset, route, label, path, n, p50, p95, max, queries, queriesMin, roundTrips, kib, status, error, sqliteMs, overSqlite }) => ({
        dataset,
        route,
        label,
        path,
        n,
        p50,
        p95,
        max,
        queries,
        queriesMin,
        roundTrips,
        kib,
        status,
        sqliteMs: sqliteMs ?? null,
        overSqlite: overSqlite ?? null,
        ...(error ? { error } : {}),
      }),
    ),
    daily: daily.map((d) => ({
      dataset: d.dataset,
      day: d.day,
      workflowMs: "ms" in d.workflow ? d.workflow.ms : null,
      workflowStatus: "status" in d.workflow ? d.workflow.status : d.workflow.error,
      workflowOutput: "output" in d.workflow ? d.workflow.output : null,
      inProcessMs: Math.round(d.inProcess.ms),
      inProcessTimedOutIn: d.inProcess.timedOutIn ?? null,
      queries: d.inProcess.queries,
      roundTrips: d.inProcess.calls,
      steps: d.inProcess.steps,
      outboundRequests: d.inProcess.outbound,
      emails: d.inProcess.emails,
      summary: d.inProcess.summary,
      slowestSteps: d.inProcess.slowest.map((s) => ({ ...s, ms: Math.round(s.ms), cpuMs: Math.round(s.cpuMs * 10) / 10 })),
      mostPerStep: {
        cpuMs: Math.round(Math.max(0, ...d.inProcess.stepLog.map((s) => s.cpuMs)) * 10) / 10,
        queries: Math.max(0, ...d.inProcess.stepLog.map((s) => s.queries)),
        outbound: Math.max(0, ...d.inProcess.stepLog.map((s) => s.outbound)),
        resultBytes: Math.max(0, ...d.inProcess.stepLog.map((s) => s.resultBytes)),
      },
      preparedBy: d.prepared,
    })),
    budgets,
  };
  writeFileSync(join(ROOT, "bench/results.json"), `${JSON.stringify(report, null, 2)}\n`);

  const routeTable = table(
    ["dataset", "route", "p50 ms", "p95 ms", "SQLite alone ms", "p50 ÷ SQLite", "D1 statements", "round trips", "KiB", "n"],
    results.map((r) => [
      r.dataset,
      r.label,
      r.error ? r.error : r.p50,
      r.p95,
      r.sqliteMs ?? null,
      r.overSqlite == null ? null : `${r.overSqlite}×`,
      r.queries === r.queriesMin ? r.queries : `${r.queriesMin}–${r.queries}`,
      r.roundTrips,
      r.kib,
      r.n,
    ]),
  );
  const dailyTable = table(
    [
      "dataset",
      "Workflow (cron → complete)",
      "in-process",
      "D1 statements",
      "round trips",
      "steps",
      "outbound requests",
      "emails",
      "most in one step: CPU ms / statements / requests",
    ],
    report.daily.map((d) => [
      d.dataset,
      d.workflowMs === null ? String(d.workflowStatus) : `${(d.workflowMs / 1000).toFixed(1)} s`,
      d.inProcessTimedOutIn
        ? `> ${(d.inProcessMs / 1000).toFixed(0)} s (gave up in "${d.inProcessTimedOutIn}")`
        : `${(d.inProcessMs / 1000).toFixed(1)} s`,
      d.queries,
      d.roundTrips,
      d.steps,
      d.outboundRequests,
      d.emails,
      `${d.mostPerStep.cpuMs} / ${d.mostPerStep.queries} / ${d.mostPerStep.outbound}`,
    ]),
  );
  const budgetTable = table(
    ["budget", "limit", "actual", "ok"],
    budgets.map((b) => [b.name, b.limit, b.actual, b.ok === null ? "not checked" : b.ok ? "yes" : "NO"]),
  );
  console.log(
    `\n${routeTable}\n\n"SQLite alone": the route's statements (captured from the Worker) run with node:sqlite ${sqliteVersion} on a copy of the same database file; goal: page p50 ≤ ${BUDGETS.overSqliteGoal}× that.\n\nDaily job (${today}):\n${dailyTable}\n\n${workerLines.replaceAll("**", "")} (local start-up profile).\n\n${budgetTable}\n`,
  );
  console.log(
    `Machine: ${host.cores} × ${host.cpu}, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}, wrangler ${host.wrangler}; load average ${host.loadAverageAtStart.join(" ")} at start.`,
  );
  const markdown = [
    `# Benchmark results (${report.generatedAt.slice(0, 10)})`,
    "",
    `Written by \`npm run bench -- --sizes ${sizes.join(",")}\` (see README.md). Seed \`${opts.seed}\`, reference date ${today}, ${N} requests per route after ${WARMUP} warm-up (fewer where a route passed ${MAX_ROUTE_MS / 1000} s).`,
    `Machine: ${host.cores} × ${host.cpu}, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}, wrangler ${host.wrangler}; load average ${host.loadAverageAtStart.join(" ")} at start, ${report.machine.loadAverageAtEnd.join(" ")} at the end.`,
    "Local workerd and local D1: compare runs and variants, not production times.",
    "",
    `Datasets (rows generated; D1 file after the preparing runs): ${datasets.map((d) => `${d.size} ${Object.values(d.counts).reduce((a, b) => a + b, 0)} rows, ${d.dbMiB} MiB`).join("; ")}.`,
    "",
    routeTable,
    "",
    `"SQLite alone": the route's statements (captured from the running Worker with a development-only header) run with node:sqlite ${sqliteVersion} on a copy of the same database file; the goal is a page p50 at most ${BUDGETS.overSqliteGoal}× that.`,
    "",
    `Daily job on ${today} (cron → DailyRun Workflow in wrangler dev; counts from the same steps run in-process with Resend replaced by a stand-in on 127.0.0.1):`,
    "",
    dailyTable,
    "",
    `${workerLines} (local \`wrangler check startup\` profile).`,
    "",
    budgetTable,
    "",
  ].join("\n");
  writeFileSync(join(ROOT, "bench/RESULTS.md"), markdown);
  console.log("Written: bench/results.json, bench/RESULTS.md");

  const broken = budgets.filter((b) => b.ok === false);
  if (opts.check && broken.length) {
    console.error(`\n${broken.length} budget(s) broken:\n${broken.map((b) => `  - ${b.name}: ${b.actual} (limit ${b.limit})`).join("\n")}`);
    process.exitCode = 1;
  }
}

// Stopped from outside: take the dev server (its own process group) down too.
let activeServer: Server | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void (activeServer?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
