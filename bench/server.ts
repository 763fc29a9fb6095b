// The built Worker, served locally by `wrangler dev` on 127.0.0.1 with a dataset's state folder,
// its own variables (bench/data/bench.env: development mode so D1 statements are counted, no mail
// provider, a bearer token for the API) and nothing from .dev.vars.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { childEnv, freePort, ROOT, sleep, WRANGLER } from "./env";
import { DATA_DIR } from "./load";

export type Server = { base: string; port: number; apiToken: string; readyMs: number; stop: () => Promise<void>; log: () => string };

export const WORKFLOW_NAME = "wijkonderhoud-daily-run";

/** Writes the variables file the Worker runs with. */
export function benchEnvFile(port: number) {
  const apiToken = `bench-${randomBytes(24).toString("hex")}`;
  const file = join(DATA_DIR, "bench.env");
  writeFileSync(
    file,
    [
      "APP_ENV=development",
      `SESSION_SECRET=${randomBytes(32).toString("hex")}`,
      `ADMIN_API_TOKEN=${apiToken}`,
      "RESEND_API_KEY=",
      "RESEND_WEBHOOK_SECRET=",
      `APP_URL=http://127.0.0.1:${port}`,
      "",
    ].join("\n"),
  );
  return { file, apiToken };
}

/** `port`: wrangler dev's port (the inspector takes the next one); by default any free port. */
export async function startServer(stateDir: string, fixedPort?: number): Promise<Server> {
  if (fixedPort === 8787 || fixedPort === 8799) throw new Error(`port ${fixedPort} belongs to npm run dev / the browser suite`);
  const port = fixedPort ?? (await freePort());
  const { file, apiToken } = benchEnvFile(port);
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    stateDir,
    "--env-file",
    file,
    "--inspector-port",
    String(fixedPort ? fixedPort + 1 : await freePort()),
    "--show-interactive-dev-session=false",
    // The API in-process, as `npm run dev` serves it (src/api/lazy.ts).
    "--define",
    "WO_SEPARATE_API:false",
    "--log-level",
    "warn",
  ];
  const t0 = performance.now();
  const child: ChildProcess = spawn(WRANGLER, args, { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log.slice(-4000)}`);
    try {
      const res = await fetch(`${base}/sign-in`);
      await res.arrayBuffer();
      if (res.ok) return { base, port, apiToken, readyMs: performance.now() - t0, stop, log: () => log };
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`wrangler dev did not answer within 180 s:\n${log.slice(-4000)}`);
}

type Instance = { status?: string; [k: string]: unknown };

/** The local Workflow instance as wrangler's local explorer API shows it (what `wrangler workflows instances describe --local` reads). */
export async function workflowInstance(base: string, id: string): Promise<Instance | null> {
  const res = await fetch(`${base}/cdn-cgi/local/explorer/api/workflows/${WORKFLOW_NAME}/instances/${encodeURIComponent(id)}`);
  const body = (await res.json().catch(() => null)) as { success?: boolean; result?: Instance } | null;
  return res.ok && body?.success ? (body.result ?? null) : null;
}

/**
 * The trigger's request. After a long idle (L's SQLite-alone timing takes ~25 s) the kept-alive
 * connection may already be closed by wrangler dev, and fetch fails without reaching it ("fetch
 * failed": the L Workflow of two runs). It is sent again then: a trigger that did arrive twice
 * starts nothing the second time (src/jobs/daily-run.ts, startDailyRun).
 */
async function triggerCron(url: string, tries = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return res;
    } catch (err) {
      if (attempt >= tries) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
        throw new Error(`${err instanceof Error ? err.message : String(err)}${cause}`, { cause: err });
      }
      await sleep(500);
    }
  }
}

/**
 * Fires the cron trigger for `today` at 04:00 UTC and waits until the day's DailyRun instance
 * has finished. Returns the wall time from the trigger to the finished state, as seen by polling.
 */
export async function runWorkflow(server: Server, today: string, timeoutMs = 30 * 60_000) {
  const time = Date.parse(`${today}T04:00:00.000Z`);
  const id = `daily-${today}`;
  const t0 = performance.now();
  const res = await triggerCron(`${server.base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("0 4 * * *")}&time=${time}`);
  if (!res.ok) throw new Error(`the scheduled handler answered ${res.status}`);
  let last: Instance | null = null;
  while (performance.now() - t0 < timeoutMs) {
    last = await workflowInstance(server.base, id).catch(() => null);
    const status = String(last?.status ?? "");
    if (["complete", "completed", "errored", "terminated", "failed"].includes(status)) {
      return { ms: performance.now() - t0, status, instance: last };
    }
    await sleep(100);
  }
  throw new Error(`the daily Workflow did not finish within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)?.slice(0, 500)})`);
}
