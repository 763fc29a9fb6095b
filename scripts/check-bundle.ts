// The Worker must stay under its gzipped size budget (Cloudflare's start-up and our own headroom):
// `npm run check:bundle` builds it as a deploy would (`wrangler deploy --dry-run`) and fails above the
// budget. CI runs it; the benchmark reports the same number with the same budget.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BUNDLE_GZIP_BUDGET_KIB = 250;

/** The sizes wrangler prints after a (dry-run) deploy: "Total Upload: 812.34 KiB / gzip: 248.30 KiB". */
export function parseBundleSize(wranglerOutput: string): { uploadKiB: number; gzipKiB: number } {
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(wranglerOutput);
  if (!m) throw new Error(`no size in wrangler's output:\n${wranglerOutput.slice(-2000)}`);
  return { uploadKiB: Number(m[1]), gzipKiB: Number(m[2]) };
}

if (import.meta.main) {
  const out = mkdtempSync(join(tmpdir(), "wo-bundle-"));
  try {
    const r = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    });
    if (r.status !== 0) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    const { uploadKiB, gzipKiB } = parseBundleSize(r.stdout + r.stderr);
    const ok = gzipKiB <= BUNDLE_GZIP_BUDGET_KIB;
    console.log(`Worker bundle: ${uploadKiB} KiB, ${gzipKiB} KiB gzipped (budget ${BUNDLE_GZIP_BUDGET_KIB} KiB): ${ok ? "ok" : "TOO BIG"}`);
    if (!ok) process.exit(1);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
