import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import { localToday } from "../lib/time";
import { loadThresholds, recomputeRisk, saveThresholds } from "../domain/risk/store";
import { parseThresholdsForm, thresholdFormValues } from "../domain/risk/thresholds-form";
import { audit } from "../domain/audit";
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
  const before = await loadThresholds(db);
  await saveThresholds(db, parsed.data, user!.id, now);
  await db.batch([
    audit(
      db,
      { actorId: user!.id, entity: "settings", entityId: "risk.thresholds", action: "update", changes: { before, after: parsed.data } },
      now,
    ),
  ]);
  // New thresholds change every judgement: recompute all now (the daily run would otherwise do it).
  let after: string | undefined;
  do {
    const slice = await recomputeRisk(db, { afterActivityId: after, limit: 500 }, localToday(now), now, parsed.data);
    after = slice.judged === 500 ? (slice.lastActivityId ?? undefined) : undefined;
  } while (after);
  return flashRedirect(c, "/admin/settings", t("flash.thresholds"));
});
