import type { Db } from "./db/client";
import type { Locale } from "./db/schema";
import type { Translate } from "./i18n";
import type { CurrentUser, PathRow } from "./domain/auth/access";
import type { Flash } from "./middleware/flash";

/** Per-request variables set by middleware. Bindings (Env) come from `wrangler types` (src/worker-env.d.ts). */
export type AppVariables = {
  db: Db;
  now: Date;
  /** The calendar date in Europe/Amsterdam at `now` ('YYYY-MM-DD'), set once per request. */
  today: string;
  locale: Locale;
  t: Translate;
  user: CurrentUser | null;
  /** The row of the initiative or neighbourhood the path names, read with the session (middleware/scope.ts uses it). */
  pathRow: PathRow | null;
  csrfToken: string;
  /** The "it worked" message of the previous write (middleware/flash). */
  flash: Flash | null;
  secureHeadersNonce?: string;
};

export type AppEnv = { Bindings: Env; Variables: AppVariables };
