// For admins: the daily runs and what each one skipped. Read-only (the run writes its own record).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import { decodeSkipCursor, encodeSkipCursor, listRuns, listSkips, loadRun } from "../domain/runs/read";
import { renderError } from "./errors";
import { formatDate } from "../i18n";
import { isDate } from "../lib/dates";
import { RunPage, RunsPage } from "../../views/admin/runs-views";

/** Runs per page, and skipped records per page of a run. */
export const RUNS_PER_PAGE = 30;
export const SKIPS_PER_PAGE = 100;

export const adminRunsRoutes = new Hono<AppEnv>();
// ("/admin/runs/*" matches "/admin/runs" itself too: one gate for the list and each run.)
adminRunsRoutes.use("/admin/runs/*", requireRole("admin"));

adminRunsRoutes.get("/admin/runs", async (c) => {
  const { t, db, locale } = c.var;
  const before = c.req.query("before");
  const { runs, more } = await listRuns(db, { limit: RUNS_PER_PAGE, before: isDate(before) ? before : undefined });
  const last = runs.at(-1);
  const olderHref = more && last ? `/admin/runs?before=${last.runOn}` : null;
  return c.render(<RunsPage t={t} locale={locale} runs={runs} olderHref={olderHref} newer={!!before} />, { title: t("runs.title") });
});

adminRunsRoutes.get("/admin/runs/:date", async (c) => {
  const { t, db, locale } = c.var;
  const date = c.req.param("date");
  const run = isDate(date) ? await loadRun(db, date) : null;
  if (!run) return renderError(c, 404, "notFound");
  const after = decodeSkipCursor(c.req.query("after")) ?? undefined;
  const { skips, next } = await listSkips(db, date, { limit: SKIPS_PER_PAGE, after });
  const moreHref = next ? `/admin/runs/${date}?after=${encodeURIComponent(encodeSkipCursor(next))}#run-skips` : null;
  return c.render(<RunPage t={t} locale={locale} run={run} skips={skips} moreHref={moreHref} />, {
    title: t("runs.detail.title", { date: formatDate(locale, date) }),
  });
});
