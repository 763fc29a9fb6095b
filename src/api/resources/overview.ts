// The partner overview through the API: all its figures as JSON (typed field by field in the
// OpenAPI document), and each of its tables as JSON rows or as the CSV file the page offers — the
// same bytes (one function makes both: src/domain/overview/table-export.ts). Admin tokens: every
// neighbourhood; partner tokens: the neighbourhoods their organisation is linked to, with its own
// money marked. ?neighbourhoodId narrows to one.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { loadOverview, type OverviewScope, type OverviewViewer } from "../../domain/overview/overview";
import { ALL_NEIGHBOURHOODS, overviewCsvFile, overviewTableRecord } from "../../domain/overview/table-export";
import { csvResponse } from "../../lib/csv";
import { isAdmin, type ApiContext } from "../context";
import { ApiError, forbidden, issuesToFields, notFound } from "../errors";
import { figureErrors, figures, op, type ApiApp } from "../ops";
import { findNeighbourhood, requireRead, today } from "../scope";
import { OverviewSchema, OverviewTableSchema, TableName } from "./overview-schema";

const TAG = "Overview";

const OverviewQuery = z.object({
  neighbourhoodId: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: "Only this neighbourhood (404 when it does not exist, 403 when the token may not read it)." }),
});

const tableParams = z.object({ table: TableName.openapi({ param: { name: "table", in: "path" } }) });

const SCOPE =
  "Admin tokens: all neighbourhoods; partner tokens: the neighbourhoods their organisation is linked to (with its own money marked). ?neighbourhoodId narrows to one.";

/** What the figures cover, and the word for it in a file name (a neighbourhood's slug, or all). */
async function scopeOf(c: ApiContext, neighbourhoodId: string | undefined): Promise<{ scope: OverviewScope; name: string }> {
  const p = c.var.principal;
  if (neighbourhoodId) {
    requireRead(c, neighbourhoodId);
    const hood = await findNeighbourhood(c.var.db, neighbourhoodId);
    if (!hood) throw notFound();
    return { scope: { ids: [hood.id], includeArchived: true }, name: hood.slug };
  }
  if (isAdmin(p)) return { scope: { all: true }, name: ALL_NEIGHBOURHOODS };
  if (p.neighbourhoodIds.length) return { scope: { ids: p.neighbourhoodIds }, name: ALL_NEIGHBOURHOODS };
  throw forbidden();
}

const viewerOf = (c: ApiContext): OverviewViewer => ({
  partnerOrgIds: c.var.principal.partnerId ? [c.var.principal.partnerId] : [],
  locale: c.var.locale,
});

async function csvOf(c: ApiContext, table: z.output<typeof TableName>, neighbourhoodId: string | undefined) {
  const { scope, name } = await scopeOf(c, neighbourhoodId);
  const file = await overviewCsvFile(c.var.db, scope, today(c), viewerOf(c), table, name);
  return csvResponse(file.body, file.filename);
}

const csvContent = {
  "text/csv": {
    schema: z.string().openapi({
      description:
        "The table as the overview page's download: UTF-8 with a byte-order mark, CRLF; in Dutch (Accept-Language: nl) with ';' and a decimal comma, in English with ','-free ';' and a decimal point. Money in euros.",
    }),
  },
};

export function registerOverviewApi(app: ApiApp) {
  const overview = createRoute({
    ...op("get", "/overview", { id: "getOverview", tag: TAG, summary: "The partner overview's figures as JSON", description: SCOPE }),
    request: { query: OverviewQuery },
    responses: figures(OverviewSchema),
  });
  app.openapi(overview, async (c) => {
    const { scope } = await scopeOf(c, c.req.valid("query").neighbourhoodId);
    return c.json(await loadOverview(c.var.db, scope, today(c), viewerOf(c)), 200);
  });

  // The CSV route is written out by hand: Hono cannot match a path parameter followed by ".csv"
  // within one segment, so the parameter is the whole segment and its pattern ends in ".csv". The
  // document shows it as the route below describes it, and the checks are the same schemas.
  const csv = createRoute({
    ...op("get", "/overview/{table}.csv", {
      id: "getOverviewTableCsv",
      tag: TAG,
      summary: "One overview table as CSV",
      description: `The same file as the download on the overview page (the same bytes for the same viewer and language). ${SCOPE}`,
    }),
    request: { params: tableParams, query: OverviewQuery },
    responses: { 200: { description: "The table as CSV.", content: csvContent }, ...figureErrors() },
  });
  app.openAPIRegistry.registerPath(csv);
  app.get("/overview/:table{[a-z-]+\\.csv}", async (c) => {
    const table = TableName.safeParse(c.req.param("table").replace(/\.csv$/, ""));
    if (!table.success) throw notFound();
    const query = OverviewQuery.safeParse(c.req.query());
    if (!query.success) throw new ApiError(400, "invalid_query", { fields: issuesToFields(query.error.issues) });
    return csvOf(c, table.data, query.data.neighbourhoodId);
  });

  const table = createRoute({
    ...op("get", "/overview/{table}", {
      id: "getOverviewTable",
      tag: TAG,
      summary: "One overview table as JSON rows (or CSV)",
      description: `The columns and rows of one table of the overview, as in its CSV. With \`Accept: text/csv\` the answer is that CSV. ${SCOPE}`,
    }),
    request: { params: tableParams, query: OverviewQuery },
    responses: {
      200: { description: "The table.", content: { "application/json": { schema: OverviewTableSchema }, ...csvContent } },
      ...figureErrors(),
    },
  });
  app.openapi(table, async (c) => {
    const { table: name } = c.req.valid("param");
    const { neighbourhoodId } = c.req.valid("query");
    if (/\btext\/csv\b/i.test(c.req.header("accept") ?? "")) return csvOf(c, name, neighbourhoodId);
    const { scope } = await scopeOf(c, neighbourhoodId);
    return c.json(await overviewTableRecord(c.var.db, scope, today(c), viewerOf(c), name), 200);
  });
}
