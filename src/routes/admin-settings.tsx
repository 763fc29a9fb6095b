import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import { loadThresholds, saveThresholds } from "../domain/risk/store";
import { parseThresholdsForm, thresholdFormValues } from "../domain/risk/thresholds-form";
import { ThresholdsPage } from "../../views/risk/risk-pages";
import { flashRedirect } from "../middleware/flash";

export const adminSettingsRoutes = new Hono<AppEnv>();
adminSettingsRoutes.use("/admin/settings", requireRole("admin"));

adminSettingsRoutes.get("/admin/settings", async (c) => {
  const values = thresholdFormValues(await loadThresholds(c.var.db), c.var.locale);
  return c.render(<ThresholdsPage t={c.var.t} csrfToken={c.var.csrfToken} values={values} errors={{}} />, {
    title: c.var.t("risk.settings.title"),
  });
});

adminSettingsRoutes.post("/admin/settings", async (c) => {
  const { db, now, user, t } = c.var;
  const body = await c.req.parseBody();
  const parsed = parseThresholdsForm(body);
  if (!parsed.ok) {
    c.status(422);
    return c.render(<ThresholdsPage t={t} csrfToken={c.var.csrfToken} values={body as Record<string, string>} errors={parsed.errors} />, {
      title: t("risk.settings.title"),
    });
  }
  // Saving judges every activity again at once (see saveThresholds).
  await saveThresholds(db, parsed.data, user!.id, now, c.var.today);
  return flashRedirect(c, "/admin/settings", t("flash.thresholds"));
});
