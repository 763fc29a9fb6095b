// One overview table outside the page: as the CSV file (the page's download and the API's
// /overview/{table}.csv are this one function, so they are the same bytes) and as JSON rows with
// typed values (the API's /overview/{table}). Each reads only the parts its table needs, in one
// statement; the columns are the table's own list (tables.ts), so all three show the same columns.
import type { Db } from "../../db/client";
import { toCsv } from "../../lib/csv";
import { translator } from "../../i18n";
import { loadOverviewParts, type OverviewScope, type OverviewViewer } from "./overview";
import {
  headerOf,
  overviewTable,
  tableDef,
  visibleColumns,
  type CellValue,
  type ColumnType,
  type OverviewTable,
  type TableContext,
} from "./tables";

/** A viewer who speaks for a partner organisation sees its own money columns. */
const isPartner = (viewer: OverviewViewer) => viewer.partnerOrgIds.length > 0;

export type OverviewCsvFile = { filename: string; body: string };

/** The file name's word for an overview of more than one neighbourhood (one neighbourhood: its slug). */
export const ALL_NEIGHBOURHOODS = "alle-buurten";

/**
 * A table as the CSV file people download: Dutch (`;`, decimal comma, "overzicht-…") or English
 * by the viewer's language. `scopeName` names what it covers in the file name: a neighbourhood's
 * slug, or ALL_NEIGHBOURHOODS.
 */
export async function overviewCsvFile(
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  table: OverviewTable,
  scopeName: string,
): Promise<OverviewCsvFile> {
  const data = await loadOverviewParts(db, scope, today, viewer, tableDef(table).parts);
  const { header, rows } = overviewTable(data, table, viewer.locale, isPartner(viewer));
  const prefix = viewer.locale === "nl" ? "overzicht" : "overview";
  return {
    filename: `${prefix}-${scopeName}-${table}-${data.today}.csv`,
    body: toCsv(header, rows, { decimal: viewer.locale === "nl" ? "," : "." }),
  };
}

export type OverviewTableRecord = {
  table: OverviewTable;
  /** The table's caption in the viewer's language. */
  caption: string;
  today: string;
  columns: { key: string; header: string; type: ColumnType }[];
  /** One object per row, by column key: money in cents, dates ISO, percent a share (0–1), lists as arrays. */
  rows: Record<string, CellValue>[];
};

/** A table as JSON: the same columns and rows as its CSV, with values as they are (not written for a spreadsheet). */
export async function overviewTableRecord(
  db: Db,
  scope: OverviewScope,
  today: string,
  viewer: OverviewViewer,
  table: OverviewTable,
): Promise<OverviewTableRecord> {
  const def = tableDef(table);
  const data = await loadOverviewParts(db, scope, today, viewer, def.parts);
  const ctx: TableContext = { t: translator(viewer.locale), locale: viewer.locale, today: data.today };
  const columns = visibleColumns(def, isPartner(viewer));
  return {
    table,
    caption: ctx.t(def.caption),
    today: data.today,
    columns: columns.map((c) => ({ key: c.key, header: headerOf(c, ctx.t), type: c.type })),
    rows: def.rows(data, ctx).map((r) => Object.fromEntries(columns.map((c) => [c.key, c.read(r, ctx) ?? null]))),
  };
}
