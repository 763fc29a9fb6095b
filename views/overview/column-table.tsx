// An overview table on the page, drawn from its column list (src/domain/overview/tables.ts): the
// same columns, headers and order as its CSV. Plain <table> markup with a caption; every cell
// carries its column's name (data-label), so on a narrow screen each row can stand as a small
// card (public/app.css) and nothing scrolls sideways.
import type { Child } from "hono/jsx";
import type { Locale } from "../../src/db/schema";
import { formatDate, formatWholeMoney, type MessageKey, type Translate } from "../../src/i18n";
import type { Overview } from "../../src/domain/overview/overview";
import {
  headerOf,
  tableDef,
  visibleColumns,
  type CellValue,
  type Column,
  type ColumnType,
  type OverviewTable,
  type TableContext,
} from "../../src/domain/overview/tables";

/** Rows of a long list on paper (public/app.css hides the rest in print; keep the two equal). */
export const PRINTED_ROWS = 10;

/** What every overview section gets. */
export type SectionProps = {
  t: Translate;
  locale: Locale;
  data: Overview;
  /** "/overview" or "/neighbourhoods/:id/overview": the CSV links hang below it. */
  baseUrl: string;
  /** Across several neighbourhoods. */
  multi: boolean;
  /** The viewer speaks for a partner organisation: its own money and commitments are shown. */
  isPartner: boolean;
};

/** A value as the page writes it. */
export function pageValue(type: ColumnType, v: CellValue, locale: Locale): Child {
  if (Array.isArray(v))
    return (
      <ul class="cell-list">
        {v.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    );
  if (typeof v === "number") {
    if (type === "money") return formatWholeMoney(locale, v);
    if (type === "percent") return `${Math.round(v * 100)}%`;
    return String(v);
  }
  if (type === "date" && v) return formatDate(locale, v);
  return v ?? "";
}

const isEmpty = (v: CellValue) => v === null || v === "" || (Array.isArray(v) && v.length === 0);

export function ColumnTable<R>(props: {
  t: Translate;
  locale: Locale;
  data: Overview;
  table: OverviewTable;
  isPartner: boolean;
  /** "cards": every row a card of "column: value" lines at every width (a table of long texts). */
  layout?: "cards";
  /** Behind a "show the table" summary on screen (the chart above tells the story); printed in full. */
  collapsed?: boolean;
  /** The page's own touches on a cell (a link, a badge), by column key; the value stays the same. */
  decorate?: Partial<Record<string, (row: R, content: Child) => Child>>;
}) {
  const { t, locale } = props;
  const def = tableDef(props.table);
  const ctx: TableContext = { t, locale, today: props.data.today };
  const columns = visibleColumns(def, props.isPartner) as readonly Column<R>[];
  const rows = def.rows(props.data, ctx) as R[];
  const headers = columns.map((c) => headerOf(c, t));
  const table = (
    // A wide table may scroll inside its frame on a laptop: the frame can take keyboard focus.
    <div class="table-wrap" tabindex={0}>
      <table class={props.layout === "cards" ? "columns cards" : "columns"} data-table={props.table}>
        <caption>{t(def.caption)}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c, i) => {
                const v = c.read(row, ctx);
                const shown = isEmpty(v) ? t((c.empty ?? "overview.none") as MessageKey) : pageValue(c.type, v, locale);
                const decorate = props.decorate?.[c.key];
                const content = decorate && !isEmpty(v) ? decorate(row, shown) : shown;
                return i === 0 ? (
                  <th scope="row" data-label={headers[i]}>
                    {content}
                  </th>
                ) : (
                  <td data-label={headers[i]} class={c.type === "money" || c.type === "count" || c.type === "percent" ? "num" : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!props.collapsed) return table;
  return (
    <details class="table-details">
      <summary>{t("overview.showTable", { caption: t(def.caption) })}</summary>
      {table}
    </details>
  );
}

/** Download links for tables (Dutch headers, and English on request). */
export function CsvLinks(props: { t: Translate; baseUrl: string; tables: OverviewTable[] }) {
  const { t } = props;
  return (
    <ul class="csv-links no-print">
      {props.tables.map((table) => {
        const name = t(`overview.table.${table}`);
        return (
          <li>
            <a href={`${props.baseUrl}/${table}.csv`} download>
              {t("overview.csv", { table: name })}
            </a>{" "}
            (
            <a href={`${props.baseUrl}/${table}.csv?lang=en`} download hreflang="en">
              {t("overview.csvEnglish")}
            </a>
            )
          </li>
        );
      })}
    </ul>
  );
}
