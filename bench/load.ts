// A fresh local D1 for one dataset: the real migrations (wrangler d1 migrations apply), then the
// generated rows, then a session per bench user. Two ways to send the rows, both measured
// (see README.md): SQL files through `wrangler d1 execute --file`, or D1 batches through
// getPlatformProxy (faster here; the default).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { sha256 } from "../src/lib/crypto";
import { childEnv, quietThisProcess, ROOT, run, WRANGLER } from "./env";
import type { Dataset } from "./generate";
import { allStatements } from "./sql";

export type LoadMethod = "proxy" | "file";
export type Principal = "coordinator" | "partner" | "city" | "admin";
export type Sessions = Record<Principal, string>;
export type Loaded = { stateDir: string; statements: number; migrateMs: number; loadMs: number; sessions: Sessions };

export const DATA_DIR = join(ROOT, "bench/data");

/** Applies the migrations to an empty state folder. */
export async function migrateFresh(stateDir: string): Promise<number> {
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const t0 = performance.now();
  await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], { env: childEnv() });
  return performance.now() - t0;
}

/** The bindings of the local state (D1 only is used), without any remote connection. */
export async function localProxy(stateDir: string) {
  quietThisProcess();
  // An empty variables file: nothing is read from .dev.vars (only the D1 binding is used).
  const noVars = join(DATA_DIR, "empty.env");
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(noVars, "");
  return getPlatformProxy<Env>({
    persist: { path: join(stateDir, "v3") },
    remoteBindings: false,
    envFiles: [noVars],
    configPath: join(ROOT, "wrangler.toml"),
  });
}

async function loadByProxy(stateDir: string, statements: string[]) {
  const proxy = await localProxy(stateDir);
  try {
    const db = proxy.env.DB;
    // About 1.5 MB per batch: few round trips, each one transaction.
    for (let i = 0; i < statements.length; i += 16) await db.batch(statements.slice(i, i + 16).map((s) => db.prepare(s)));
  } finally {
    await proxy.dispose();
  }
}

async function loadByFile(stateDir: string, statements: string[]) {
  const dir = join(stateDir, "..", "sql");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "data.sql");
  writeFileSync(file, statements.join("\n"));
  await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--file", file, "--yes"], { env: childEnv() });
}

/** A session row per bench user; the cookie values are returned (the table keeps only their hash). */
async function insertSessions(stateDir: string, dataset: Dataset): Promise<Sessions> {
  const f = dataset.fixtures;
  const who: Record<Principal, string> = { coordinator: f.coordinatorId, partner: f.partnerId, city: f.cityPartnerId, admin: f.adminId };
  const sessions = {} as Sessions;
  const proxy = await localProxy(stateDir);
  try {
    const now = new Date();
    const expires = new Date(now.getTime() + 7 * 86_400_000).toISOString();
    const statements = [];
    for (const [role, personId] of Object.entries(who) as [Principal, string][]) {
      const token = `bench-${role}-${crypto.randomUUID()}`;
      sessions[role] = token;
      statements.push(
        proxy.env.DB.prepare(
          "INSERT INTO sessions (id, token_hash, person_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)",
        ).bind(crypto.randomUUID(), await sha256(token), personId, now.toISOString(), expires),
      );
    }
    await proxy.env.DB.batch(statements);
  } finally {
    await proxy.dispose();
  }
  return sessions;
}

export async function loadDataset(dataset: Dataset, method: LoadMethod = "proxy"): Promise<Loaded> {
  const stateDir = join(DATA_DIR, dataset.size, "state");
  const migrateMs = await migrateFresh(stateDir);
  const statements = allStatements(dataset.tables);
  const t0 = performance.now();
  if (method === "proxy") await loadByProxy(stateDir, statements);
  else await loadByFile(stateDir, statements);
  const loadMs = performance.now() - t0;
  const sessions = await insertSessions(stateDir, dataset);
  return { stateDir, statements: statements.length, migrateMs, loadMs, sessions };
}
