// API tokens in the UI: admins manage all, partners their own organisation's. A new token is
// shown once, on the page that answers the POST; afterwards only its hash exists.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import type { FieldErrors } from "../lib/validation";
import {
  apiTokenContract,
  getApiToken,
  issueApiToken,
  listApiTokens,
  mayManageToken,
  revokeApiToken,
  tokenPartnerOptions,
} from "../domain/auth/api-tokens";
import { renderError } from "./errors";
import { TokenCreatedPage, TokensPage, type TokenFormValues } from "../../views/api/tokens-views";
import { flashRedirect } from "../middleware/flash";

export const apiTokensRoutes = new Hono<AppEnv>();
apiTokensRoutes.use("/api-tokens", requireRole("admin", "partner"));
apiTokensRoutes.use("/api-tokens/*", requireRole("admin", "partner"));

async function page(c: Context<AppEnv>, values: TokenFormValues = {}, errors: FieldErrors = {}) {
  const { t, db, user } = c.var;
  const [tokens, partners] = await Promise.all([listApiTokens(db, user!), tokenPartnerOptions(db, user!)]);
  return c.render(
    <TokensPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      tokens={tokens}
      partners={partners}
      isAdmin={user!.isAdmin}
      values={values}
      errors={errors}
    />,
    { title: t("api.tokens.title") },
  );
}

apiTokensRoutes.get("/api-tokens", (c) => page(c, {}, {}));

apiTokensRoutes.post("/api-tokens", async (c) => {
  const { db, now, user, t } = c.var;
  const posted = await c.req.parseBody();
  // Partners make partner tokens only, whatever the form says.
  const body = user!.isAdmin ? posted : { ...posted, role: "partner" };
  const parsed = apiTokenContract.parseForm(body);
  const made = parsed.ok ? await issueApiToken(db, user!, parsed.data, now) : parsed;
  if (!parsed.ok || !made.ok) {
    c.status(422);
    return page(c, apiTokenContract.formValuesFromBody(body), made.ok ? {} : made.errors);
  }
  c.header("Cache-Control", "no-store");
  return c.render(<TokenCreatedPage t={t} name={parsed.data.name} token={made.token} />, { title: t("api.tokens.created.title") });
});

apiTokensRoutes.post("/api-tokens/:id/revocation", async (c) => {
  const { db, now, user } = c.var;
  const token = await getApiToken(db, c.req.param("id"));
  if (!token) return renderError(c, 404, "notFound");
  if (!mayManageToken(user!, token)) return renderError(c, 403, "forbidden");
  await revokeApiToken(db, token, user!.id, now);
  return flashRedirect(c, "/api-tokens", c.var.t("api.tokens.revoked"));
});
