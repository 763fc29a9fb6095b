import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { spawnSync } from "node:child_process";

// The Worker's bundle swaps a few modules it never uses for small stand-ins (`[alias]` in
// wrangler.toml, see src/shims/). The vitest plugin does not apply wrangler's [alias], so this does,
// for the app and its dependencies: the code under test is the code that ships. Test files keep the
// real packages (test/helpers signs webhooks with the real standardwebhooks, as Resend would).
function wranglerAliases(): Plugin {
  const toml = readFileSync("wrangler.toml", "utf8");
  const section = /^\[alias\]\n((?:(?!\[).*\n?)*)/m.exec(toml)?.[1] ?? "";
  const aliases = new Map([...section.matchAll(/^"([^"]+)"\s*=\s*"([^"]+)"/gm)].map(([, from, to]) => [from!, resolve(to!)]));
  const testDir = resolve("test") + "/";
  return {
    name: "wrangler-aliases",
    enforce: "pre",
    resolveId(source, importer) {
      const target = aliases.get(source);
      return target && !importer?.startsWith(testDir) ? target : null;
    },
  };
}

// Tests run inside workerd against D1 with the real migrations (applied in test/setup.ts), and
// read the message catalogues as the Worker does: from the static asset written here (the vitest
// plugin does not run wrangler's [build] command).
export default defineConfig(async () => {
  const built = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-catalogues.ts"], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("scripts/build-catalogues.ts failed");
  return {
    plugins: [
      wranglerAliases(),
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
            APP_ENV: "development",
            SESSION_SECRET: "test-secret-that-is-long-enough-for-hmac-0123456789",
            RESEND_API_KEY: "",
            ADMIN_API_TOKEN: "test-admin-token",
            RESEND_WEBHOOK_SECRET: "whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5",
            APP_URL: "http://localhost",
          },
          // The app's binding to the API Worker (wrangler.toml): unused here, the API runs in-process.
          serviceBindings: { API: () => new Response("In the tests the API runs in-process.", { status: 502 }) },
        },
      }),
    ],
    // The tests run the API in-process, as `npm run dev` does (src/api/lazy.ts); wrangler.toml's
    // [define] is the deployed app's, which hands /api to the API Worker.
    define: { WO_SEPARATE_API: "false" },
    test: {
      setupFiles: ["./test/setup.ts"],
      include: ["test/**/*.test.{ts,tsx}"],
    },
  };
});
