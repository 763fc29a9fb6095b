// `npm run dev`: make the local setup complete, then start wrangler dev.
// 1. .dev.vars from the example, with a fresh random SESSION_SECRET (never committed)
// 2. vendor assets (htmx, Pico) from node_modules into public/vendor
// 3. pending migrations applied to the local D1
// 4. demo data when the database is empty (idempotent)
// 5. wrangler dev on http://localhost:8787, the API in-process (extra arguments are passed on)
// PORT (APP_URL follows it) and WO_STATE_DIR (default .wrangler/state) let another copy run beside
// it, such as the browser suite's.
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
// Links in mail (the daily run has no request to take the address from) point at APP_URL. Locally
// it follows the port, so a copy on PORT=8812 mails links to 8812, not to 8787; an APP_URL that
// is not on this machine (a tunnel, say) is left as it is.
const appUrl = appUrlFor(port, readFileSync(".dev.vars", "utf8"));
// One Worker locally: the API runs in-process (src/api/lazy.ts); deployed, it is a Worker of its own.
const args = [
  "wrangler",
  "dev",
  "--port",
  port,
  "--persist-to",
  stateDir,
  "--var",
  `APP_URL:${appUrl}`,
  "--define",
  "WO_SEPARATE_API:false",
  ...process.argv.slice(2),
];
console.log(`Mail links point to ${appUrl} (APP_URL).`);
const child = spawn("npx", args, { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));

/** APP_URL for a local run on `port`: the one in .dev.vars moved to that port when it is a local address. */
function appUrlFor(port: string, devVars: string): string {
  const configured = /^APP_URL=(.*)$/m.exec(devVars)?.[1]?.trim();
  const url = URL.canParse(configured ?? "") ? new URL(configured!) : new URL("http://localhost");
  if (!["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) return configured!.replace(/\/+$/, "");
  url.port = port;
  return url.origin;
}
