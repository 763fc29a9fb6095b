// The JSON API's own Worker in production (wrangler.api.toml): the app's Worker hands it every
// request under /api through the `API` service binding (src/api/lazy.ts). It meets the same first
// middleware as the app (src/app-base.ts: headers, configuration, catalogues, the request's D1
// session from the `x-d1-bookmark` header, now and today) and then the same API app.
import { baseApp } from "../app-base";
import { API_PREFIX } from "./lazy";
import { lazyApi } from "./in-process";
import { localeFromAcceptLanguage, translator } from "../i18n";

export function buildApiWorker(clock?: () => Date) {
  const app = baseApp(clock);
  app.all(`${API_PREFIX}/*`, lazyApi);
  // Only /api reaches it (through the app's binding); anything else gets the API's own 404 shape.
  app.notFound((c) => {
    const t = translator(localeFromAcceptLanguage(c.req.header("accept-language")));
    return c.json({ error: { code: "not_found", message: t("api.error.notFound"), fields: [] } }, 404);
  });
  return app;
}

const app = buildApiWorker();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
