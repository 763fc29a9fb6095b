// Each Worker must stay under its gzipped size budget (Cloudflare's start-up and our own headroom):
// `npm run check:bundle` builds the app's (wrangler.toml) and the API's (wrangler.api.toml) as a
// deploy would (`wrangler deploy --dry-run`) and fails when either is above the budget. CI runs it;
// the benchmark reports the same numbers with the same budget.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BUNDLE_GZIP_BUDGET_KIB = 250;

/** The two Workers: the app (pages, the daily run) and the JSON API (src/api/worker.ts). */
export const WORKER_CONFIGS = [
  { worker: "app", config: "wrangler.toml" },
  { worker: "API", config: "wrangler.api.toml" },
] as const;

/** The sizes wrangler prints after a (dry-run) deploy: "Total Upload: 812.34 KiB / gzip: 248.30 KiB". */
export function parseBundleSize(wranglerOutput: string): { uploadKiB: number; gzipKiB: number } {
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(wranglerOutput);
  if (!m) throw new Error(`no size in wrangler's output:\n${wranglerOutput.slice(-2000)}`);
  return { uploadKiB: Number(m[1]), gzipKiB: Number(m[2]) };
}

if (import.meta.main) {
  let ok = true;
  for (const { worker, config } of WORKER_CONFIGS) {
    const out = mkdtempSync(join(tmpdir(), "wo-bundle-"));
    try {
      const r = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "-c", config, "--outdir", out], {
        encoding: "utf8",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
      });
      if (r.status !== 0) {
        console.error(r.stdout, r.stderr);
        process.exit(1);
      }
      const { uploadKiB, gzipKiB } = parseBundleSize(r.stdout + r.stderr);
      const fits = gzipKiB <= BUNDLE_GZIP_BUDGET_KIB;
      ok &&= fits;
      console.log(
        `${worker} Worker (${config}): ${uploadKiB} KiB, ${gzipKiB} KiB gzipped (budget ${BUNDLE_GZIP_BUDGET_KIB} KiB): ${fits ? "ok" : "TOO BIG"}`,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (!ok) process.exit(1);
}
