// Stand-in for the "zod" package in the Worker bundle: wrangler.toml aliases `zod` to this file
// (and vitest.config.ts does the same for the code under test).
//
// Why: @hono/zod-openapi does `import { z } from "zod"` and passes `z` as a value to
// extendZodWithOpenApi(z). That makes esbuild build the whole namespace object, so everything zod
// exports ends up in the bundle whether used or not, above all `z.locales` and `z.core.locales`:
// every translation of zod's error messages (~360 KiB, 40+ languages).
//
// This module re-exports the very same zod modules (one zod: one registry, one ZodType prototype
// that .openapi() is added to), except for what we never use (./zod-classic.ts, ./zod-core.ts):
// - `locales` holds English only. We never switch zod's locale (no `z.config(...)` or `z.locales`
//   in src/); zod registers English as its default itself (classic/schemas.js), and what users see
//   are our own Dutch/English messages (src/lib/validation.ts, src/i18n).
// - `compile`/`compileFn`/`withParser` (the opt-in ahead-of-time compiler) and `fromJSONSchema`
//   throw when called (./zod-left-out.ts) instead of pulling in ~90 KiB.
// - The `z` (and default) export, the one value libraries receive, carries only `ZodType`: that is
//   all @hono/zod-openapi hands on (extendZodWithOpenApi(z) patches z.ZodType.prototype), and
//   as a full namespace object it would keep every zod function in the bundle. Our own code uses
//   `import * as z from "zod"`, which esbuild trims to what is used; `import { z } from "zod"`
//   and `z` from "@hono/zod-openapi" fail at once with an explanation (and test/bundle-shims.test.ts
//   refuses them in src/ and views/).
// Types are unaffected: TypeScript still resolves "zod" to the real package.
import { ZodType } from "./zod-classic";

export * from "./zod-classic";

const z = new Proxy(
  { ZodType },
  {
    get(target, key, receiver) {
      if (typeof key !== "string" || key === "then" || key in target) return Reflect.get(target, key, receiver);
      throw new Error(`z.${key}: in this Worker, write \`import * as z from "zod"\` (see src/shims/zod.ts)`);
    },
  },
);
export { z, z as default };
