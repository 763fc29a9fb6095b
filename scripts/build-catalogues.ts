// Writes the message catalogues (src/i18n/*.ts, the one source) as the static asset the Worker
// loads on first use (public/i18n/messages.json, see src/i18n/index.ts), so they stay out of the
// bundle. Runs before every `wrangler dev`, `wrangler deploy` and `wrangler check startup` (the
// `[build]` command in wrangler.toml) and before the tests (vitest.config.ts). public/i18n/ is not
// committed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { en, nl } from "../src/i18n/catalogue";
import { CATALOGUES_PATH } from "../src/i18n/index";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Writes the file when its content changed (so wrangler's asset watcher is not woken for nothing). */
export function writeCatalogues(): string {
  const file = join(root, "public", CATALOGUES_PATH);
  const json = JSON.stringify({ nl, en });
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // not written yet
  }
  if (current !== json) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
  }
  return file;
}

if (import.meta.main) writeCatalogues();
