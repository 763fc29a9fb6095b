// The local D1 that wrangler provides: apply migrations with wrangler, seed through the real schema.
import { spawnSync } from "node:child_process";
import { getPlatformProxy } from "wrangler";
import { createDb } from "../src/db/client";
import { seedDemo } from "../src/demo/seed";
import { en, nl } from "../src/i18n/catalogue";
import { useCatalogues } from "../src/i18n";

export async function prepareLocal(persistTo = ".wrangler/state") {
  const persist = ["--persist-to", persistTo];
  const applied = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", ...persist], {
    stdio: "inherit",
    env: { ...process.env, CI: "true" },
  });
  if (applied.status !== 0) throw new Error("Applying migrations to the local D1 failed.");
  useCatalogues({ nl, en }); // in Node the sources themselves (the Worker reads them as an asset)
  const proxy = await getPlatformProxy<Env>({ persist: { path: `${persistTo}/v3` } });
  try {
    const seeded = await seedDemo(createDb(proxy.env.DB), new Date(), proxy.env.DOCUMENTS);
    console.log(seeded ? "Demo data added to the local database." : "Local database already has data; demo not added again.");
  } finally {
    await proxy.dispose();
  }
}
