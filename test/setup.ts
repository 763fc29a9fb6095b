import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { loadCatalogues } from "../src/i18n";

// Idempotent: every test file starts from the real migrations.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// Domain functions called directly (mail, CSV) translate too: read the catalogues as the Worker does,
// from the static asset that vitest.config.ts has just written.
await loadCatalogues(env.ASSETS);
