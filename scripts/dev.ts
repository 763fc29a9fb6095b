// `npm run dev`: make the local setup complete, then start wrangler dev.
// 1. .dev.vars from the example, with a fresh random SESSION_SECRET (never committed)
// 2. vendor assets (htmx, Pico) from node_modules into public/vendor
// 3. pending migrations applied to the local D1
// 4. demo data when the database is empty (idempotent)
// 5. wrangler dev on http://localhost:8787 (extra arguments are passed on)
// PORT and WO_STATE_DIR (default .wrangler/state) let the browser suite run its own copy.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { prepareLocal } from "./local-db";

if (!existsSync(".dev.vars")) {
  const example = readFileSync(".dev.vars.example", "utf8");
  writeFileSync(".dev.vars", example.replace(/^SESSION_SECRET=.*$/m, `SESSION_SECRET=${randomBytes(32).toString("hex")}`));
  console.log("Created .dev.vars with a fresh SESSION_SECRET.");
}
spawnSync(process.execPath, ["scripts/vendor-assets.mjs"], { stdio: "inherit" });
const stateDir = process.env.WO_STATE_DIR ?? ".wrangler/state";
await prepareLocal(stateDir);

const port = process.env.PORT ?? "8787";
const args = ["wrangler", "dev", "--port", port, "--persist-to", stateDir, ...process.argv.slice(2)];
const child = spawn("npx", args, { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
