// How the app answers /api/*. In production the JSON API is a Worker of its own
// (src/api/worker.ts, wrangler.api.toml) and the app hands each request to it through the `API`
// service binding: the app's bundle then holds no API code (the OpenAPI routes, their zod schemas
// and metadata, the document generator: ~46 KiB of 265 gzipped), and the API's none of the pages.
// wrangler.toml's [define] sets WO_SEPARATE_API; esbuild drops the branch that is not taken,
// `import("./index")` included. Development (`npm run dev`) and the tests run the API in-process
// (WO_SEPARATE_API false), as the API Worker itself does.
// In-process, the API is built on its first request (./in-process.ts).
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

export const API_PREFIX = "/api";

declare global {
  /** Set at build time ([define] in wrangler.toml and wrangler.api.toml, vitest.config.ts, scripts/dev.ts). */
  const WO_SEPARATE_API: boolean;
}

/** The app's handler for /api/*: the API Worker in production, the API in-process otherwise. */
export const apiRoute = createMiddleware<AppEnv>(async (c, next) => {
  if (WO_SEPARATE_API) {
    return c.env.API.fetch(c.req.raw);
  } else {
    const { lazyApi } = await import("./in-process");
    return lazyApi(c, next);
  }
});
