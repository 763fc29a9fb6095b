// The sustainability overview: across every neighbourhood the viewer may see (/overview), or
// for one neighbourhood (behind the neighbourhood gate), as a page and as CSV per table.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { isLocale } from "../middleware/locale";
import { overviewScopeFor, readOverview, type ListLimits, type OverviewScope } from "../domain/overview/overview";
import { moveNowToToday } from "../domain/overview/rollup";
import { inBackground } from "../lib/background";
import { isOverviewTable } from "../domain/overview/tables";
import { PART_NAMES } from "../domain/overview/sql";
import { ALL_NEIGHBOURHOODS, overviewCsvFile } from "../domain/overview/table-export";
import { csvResponse } from "../lib/csv";
import { OverviewPage } from "../../views/overview/overview-page";
import { AT_RISK_ALL } from "../../views/overview/at-risk-section";
import { renderError } from "./errors";

export const overviewRoutes = new Hono<AppEnv>();

/** /overview covers what the viewer may see; visitors go to sign-in, people without any neighbourhood get 403. */
function withCrossScope(c: Context<AppEnv>, run: (scope: OverviewScope) => Promise<Response>) {
  const user = c.var.user;
  if (!user) return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  const scope = overviewScopeFor(user);
  if (!scope) return renderError(c, 403, "forbidden");
  return run(scope);
}

/**
 * The page shows the first rows of the lists that grow with the data; the CSV downloads hold them
 * all. Across neighbourhoods the page leads to each neighbourhood's own overview instead.
 */
export const PAGE_LIMITS: Record<"multi" | "single", ListLimits> = {
  multi: { atRisk: 20, own: 20, facilities: 20 },
  single: { atRisk: 20, own: 50, facilities: 50 },
};

const partnerOrgIds = (c: Context<AppEnv>) => c.var.user?.partnerOrgIds ?? [];

/** One neighbourhood's page has no table of neighbourhoods: its own figures per neighbourhood are not read. */
const SINGLE_PAGE_PARTS = PART_NAMES.filter((n) => n !== "hoods");

/**
 * `names`: the neighbourhood of a one-neighbourhood page (across several, the overview's own list
 * names them). One neighbourhood's page shows its whole at-risk list on request (`?at-risk=all`).
 */
async function page(c: Context<AppEnv>, scope: OverviewScope, title: string, baseUrl: string, names: string[] | null) {
  const multi = names === null;
  const viewer = { partnerOrgIds: partnerOrgIds(c), locale: c.var.locale };
  const limits = multi
    ? PAGE_LIMITS.multi
    : { ...PAGE_LIMITS.single, ...(c.req.query(AT_RISK_ALL.param) === AT_RISK_ALL.value ? { atRisk: null } : {}) };
  const { overview: data, nowBehind } = await readOverview(
    c.var.db,
    scope,
    c.var.today,
    viewer,
    limits,
    multi ? undefined : SINGLE_PAGE_PARTS,
  );
  // Before the daily run moved the stored "now" to today it was counted live: move it, after the answer.
  if (nowBehind) await inBackground(c, "moving the overview's now to today", () => moveNowToToday(c.var.db, c.var.today));
  return c.render(
    <OverviewPage
      t={c.var.t}
      locale={c.var.locale}
      title={title}
      data={data}
      baseUrl={baseUrl}
      multi={multi}
      hoodNames={names ?? data.neighbourhoods.map((n) => n.name)}
      isPartner={viewer.partnerOrgIds.length > 0}
    />,
    { title },
  );
}

/** The same file as the API's /api/v1/overview/{table}.csv (one function makes both). */
async function csv(c: Context<AppEnv>, scope: OverviewScope, file: string, name: string) {
  const table = file.replace(/\.csv$/, "");
  if (!isOverviewTable(table)) return renderError(c, 404, "notFound");
  const lang = c.req.query("lang");
  const locale = isLocale(lang) ? lang : c.var.locale;
  const viewer = { partnerOrgIds: partnerOrgIds(c), locale };
  const out = await overviewCsvFile(c.var.db, scope, c.var.today, viewer, table, name);
  return csvResponse(out.body, out.filename);
}

overviewRoutes.get("/overview", (c) => withCrossScope(c, (scope) => page(c, scope, c.var.t("overview.titleAll"), "/overview", null)));

overviewRoutes.get("/overview/:file{[a-z-]+\\.csv}", (c) =>
  withCrossScope(c, (scope) => csv(c, scope, c.req.param("file"), ALL_NEIGHBOURHOODS)),
);

// Below /neighbourhoods/:neighbourhoodId the gate has already checked that the viewer may read it.
overviewRoutes.get("/neighbourhoods/:neighbourhoodId/overview", async (c) => {
  const hood = c.var.neighbourhood;
  return page(
    c,
    { ids: [hood.id], includeArchived: true },
    c.var.t("overview.titleHood", { name: hood.name }),
    `/neighbourhoods/${hood.id}/overview`,
    [hood.name],
  );
});

overviewRoutes.get("/neighbourhoods/:neighbourhoodId/overview/:file{[a-z-]+\\.csv}", async (c) => {
  const hood = c.var.neighbourhood;
  return csv(c, { ids: [hood.id], includeArchived: true }, c.req.param("file"), hood.slug);
});
