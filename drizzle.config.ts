import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL into migrations/; `wrangler d1 migrations apply` applies it.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
