// The time SQLite alone needs for a route's statements, on the same database file the Worker
// reads: so the bench can say whether the Worker or the SQL is the cost of a page.
// The statements come from the running Worker itself (a development-only request header makes it
// answer with the SQL and bound values it ran, see src/middleware/context.ts); they are timed with
// node's built-in SQLite on a copy of the dataset's local D1 file (.wrangler-style state folder).
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { CapturedStatement } from "../src/db/client";

/** The local D1 database file of a state folder (wrangler dev --persist-to <stateDir>). */
export function d1File(stateDir: string): string {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.join(", ") || "none"}`);
  return join(dir, files[0]!);
}

/** A read-only copy of the D1 file (with its WAL, if any), opened with node:sqlite. */
export function openCopy(stateDir: string): { db: DatabaseSync; version: string; close: () => void } {
  const source = d1File(stateDir);
  const dir = mkdtempSync(join(tmpdir(), "wo-sqlite-"));
  const copy = join(dir, "db.sqlite");
  copyFileSync(source, copy);
  for (const ext of ["-wal", "-shm"]) if (existsSync(source + ext)) copyFileSync(source + ext, copy + ext);
  const db = new DatabaseSync(copy);
  const version = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  return {
    db,
    version,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** D1 binds booleans as 1/0 and undefined as NULL; node:sqlite takes the rest as they are. */
function bindable(values: unknown[]): SQLInputValue[] {
  return values.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : (v as SQLInputValue)));
}

const READ_ONLY = /^\s*(with|select)\b/i;

/**
 * p50 of running all of a route's statements in a row (prepare included, as D1 does per request),
 * over `runs` rounds after `warmup`. Statements that write are left out (and counted), so the
 * copy stays as the Worker saw it; pages read only.
 */
export function timeStatements(db: DatabaseSync, statements: CapturedStatement[], runs = 30, warmup = 3) {
  const reads = statements.filter((s) => READ_ONLY.test(s.sql));
  const once = () => {
    const t0 = performance.now();
    for (const st of reads) db.prepare(st.sql).all(...bindable(st.params));
    return performance.now() - t0;
  };
  for (let i = 0; i < warmup; i++) once();
  const times = Array.from({ length: runs }, once).sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, statements: reads.length, skippedWrites: statements.length - reads.length };
}
