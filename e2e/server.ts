// Starts the app exactly as the README does (npm run dev), on its own port and its own fresh
// local database, and stops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

export const PORT = Number(process.env.E2E_PORT ?? 8799);
export const BASE = `http://localhost:${PORT}`;
const STATE = ".wrangler/e2e-state";

/** True when something already answers on the port: testing that would test someone else's app. */
async function portAnswers(): Promise<boolean> {
  try {
    await fetch(`${BASE}/sign-in`);
    return true;
  } catch {
    return false;
  }
}

export async function startServer(): Promise<() => Promise<void>> {
  if (await portAnswers()) throw new Error(`port ${PORT} is already in use (another app or test run?); stop it or set E2E_PORT`);
  rmSync(STATE, { recursive: true, force: true });
  const child: ChildProcess = spawn("npm", ["run", "dev"], {
    env: { ...process.env, PORT: String(PORT), WO_STATE_DIR: STATE },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited early:\n${log}`);
    try {
      const res = await fetch(`${BASE}/sign-in`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) throw new Error(`the app did not start within 120 s:\n${log}`);
  return async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500));
  };
}
