// The overview's tables, each defined ONCE: which parts it reads, its rows, and its columns (key,
// label, type, how the value is read). The page's tables (views/overview/column-table.tsx) and the
// CSV downloads both follow from these lists, so a column cannot be on one and not the other, and
// their headers are the same words in the same order.
// Types decide the writing: money in cents (page "€ 3.000", CSV euros "3000,00"), dates ISO (page
// "30 juni 2026", CSV "2026-06-30"), percent a share (page "67%", CSV 67), counts as numbers,
// lists (reasons) one per line on the page and joined in the CSV. Excel reads the CSV values as
// numbers and dates.
import type { Locale } from "../../db/schema";
import { translator, type MessageKey, type Translate } from "../../i18n";
import type { CsvCell } from "../../lib/csv";
import { yearOf } from "../../lib/dates";
import { SEVERITIES, type Severity } from "../risk/rules";
import type { PartName } from "./sql";
import {
  ASSET_CATEGORIES,
  FUNDING_KINDS,
  type AtRiskItem,
  type CliffQuarter,
  type FacilityItem,
  type NeighbourhoodFigures,
  type Overview,
  type OwnItem,
  type YearFigures,
} from "./overview";

export type ColumnType = "count" | "money" | "date" | "text" | "percent" | "list";
export type CellValue = string | number | string[] | null;
export type TableContext = { t: Translate; locale: Locale; today: string };

export type Column<R> = {
  key: string;
  /** The header's words (money columns add " (euro)"). */
  label: MessageKey;
  type: ColumnType;
  /** The value: cents for money, an ISO date, a share (0–1) for percent, words for text. */
  read: (row: R, ctx: TableContext) => CellValue;
  /** Only for a viewer who speaks for a partner organisation: its own money and commitments. */
  own?: boolean;
  /** On the page: what an empty cell says (default "—"). */
  empty?: MessageKey;
};

export type TableDef<R> = {
  name: string;
  /** The table's caption, and the name of its CSV link. */
  caption: MessageKey;
  /** The overview parts (sql.ts) the table reads. */
  parts: readonly PartName[];
  /** Only for a viewer who speaks for a partner organisation. */
  own?: boolean;
  rows: (o: Overview, ctx: TableContext) => R[];
  columns: readonly Column<R>[];
};

/** A column read straight from the row's field of the same name. */
function field<R, K extends keyof R & string>(key: K, label: MessageKey, type: ColumnType, more: Partial<Column<R>> = {}): Column<R> {
  return { key, label, type, read: (r) => r[key] as CellValue, ...more };
}

const table = <R>(def: TableDef<R>) => def;

type Figure = { figure: string; count: number };
const figureColumns: readonly Column<Figure>[] = [
  field("figure", "overview.col.figure", "text"),
  field("count", "overview.col.count", "count"),
];

const levelWords = (t: Translate, l: Severity) => t(`risk.level.${l}`);

export const TABLES = {
  neighbourhoods: table<NeighbourhoodFigures>({
    name: "neighbourhoods",
    caption: "overview.hoods.caption",
    parts: ["hoods"],
    rows: (o) => o.neighbourhoods,
    columns: [
      field("name", "overview.col.neighbourhood", "text"),
      field("municipality", "overview.col.municipality", "text"),
      field("activeInitiatives", "overview.col.activeInitiatives", "count"),
      field("pausedInitiatives", "overview.now.pausedInitiatives", "count"),
      field("activities", "overview.now.activities", "count"),
      field("volunteers", "overview.now.volunteers", "count"),
      field("urgent", "risk.level.urgent", "count"),
      field("atRisk", "risk.level.at_risk", "count"),
      field("watch", "risk.level.watch", "count"),
      field("cliffCents", "overview.col.cliffMoney", "money"),
      field("shortfallCents", "overview.col.cliffShortfall", "money"),
      field("facilities", "overview.now.facilities", "count"),
    ],
  }),
  now: table<Figure>({
    name: "now",
    caption: "overview.table.now",
    parts: ["now"],
    rows: (o, { t }) =>
      (["activeInitiatives", "pausedInitiatives", "activities", "volunteers", "facilities"] as const).map((k) => ({
        figure: t(`overview.now.${k}`),
        count: o.now[k],
      })),
    columns: figureColumns,
  }),
  levels: table<{ level: Severity; count: number }>({
    name: "levels",
    caption: "overview.levels.title",
    parts: ["levels"],
    rows: (o) => [...SEVERITIES].reverse().map((level) => ({ level, count: o.levels[level] })),
    columns: [
      { key: "level", label: "overview.col.level", type: "text", read: (r, { t }) => levelWords(t, r.level) },
      field("count", "overview.col.count", "count"),
    ],
  }),
  "at-risk": table<AtRiskItem>({
    name: "at-risk",
    caption: "overview.atRisk.title",
    parts: ["atRisk"],
    rows: (o) => o.atRisk,
    columns: [
      { key: "level", label: "overview.col.level", type: "text", read: (r, { t }) => levelWords(t, r.level) },
      field("activityName", "overview.col.activity", "text"),
      field("initiativeName", "overview.col.initiative", "text"),
      field("neighbourhoodName", "overview.col.neighbourhood", "text"),
      { key: "levelSince", label: "overview.col.since", type: "date", read: (r) => r.levelSince.slice(0, 10) },
      field("runwayMonths", "overview.col.runway", "count"),
      { key: "reasons", label: "overview.col.reasons", type: "list", read: (r) => r.flags.map((f) => f.reason) },
      { key: "coordinators", label: "overview.col.coordinators", type: "text", read: (r) => r.coordinators.join(", ") },
    ],
  }),
  cliff: table<CliffQuarter>({
    name: "cliff",
    caption: "overview.cliff.caption",
    parts: ["cliffMoney", "cliffActivities", "cliffCommitments"],
    rows: (o) => o.cliff.quarters,
    columns: [
      {
        key: "quarter",
        label: "overview.col.quarter",
        type: "text",
        read: (q, { t }) => t("overview.quarter", { quarter: q.quarter, year: q.year }),
      },
      field("cents", "overview.col.endingMoney", "money"),
      field("arranged", "overview.col.arranged", "money"),
      field("shortfall", "overview.col.shortfall", "money"),
      field("pending", "overview.col.pending", "money"),
      field("activities", "overview.col.activities", "count"),
      field("commitments", "overview.col.commitments", "count"),
      field("ownCents", "overview.col.ownMoney", "money", { own: true }),
      field("ownShortfall", "overview.col.ownShortfall", "money", { own: true }),
      field("ownCommitments", "overview.col.ownCommitments", "count", { own: true }),
    ],
  }),
  own: table<OwnItem>({
    name: "own",
    caption: "overview.own.title",
    parts: ["own"],
    own: true,
    rows: (o) => o.cliff.own,
    columns: [
      { key: "type", label: "overview.col.type", type: "text", read: (r, { t }) => t(`overview.own.${r.type}`) },
      field("initiativeName", "overview.col.initiative", "text"),
      field("what", "overview.col.what", "text"),
      {
        key: "kind",
        label: "overview.col.kind",
        type: "text",
        read: (r, { t }) => t((r.type === "funding" ? `money.funding.kind.${r.kind}` : `money.commitment.kind.${r.kind}`) as MessageKey),
      },
      field("endsOn", "overview.col.endsOn", "date"),
      {
        key: "renewalState",
        label: "overview.col.renewal",
        type: "text",
        read: (r, { t }) => t(`money.renewal.${r.renewalState}` as MessageKey),
      },
      field("cents", "overview.col.amount", "money"),
      field("shortfallCents", "overview.col.shortfall", "money"),
      field("activities", "overview.col.activities", "count"),
    ],
  }),
  years: table<YearFigures>({
    name: "years",
    caption: "overview.years.caption",
    parts: ["initYears", "volYears", "fundYears"],
    rows: (o) => o.years,
    columns: [
      field("year", "overview.col.year", "count"),
      field("activeInitiatives", "overview.col.activeInitiatives", "count"),
      field("started", "overview.col.started", "count"),
      field("stopped", "overview.col.stopped", "count"),
      field("handedOver", "overview.col.handedOver", "count"),
      field("volunteers", "overview.col.volunteers", "count"),
      field("newcomers", "overview.col.newcomers", "count"),
      field("leavers", "overview.col.leavers", "count"),
      field("retention", "overview.col.retention", "percent"),
      field("fundingTotal", "overview.col.money", "money"),
    ],
  }),
  funding: table<YearFigures>({
    name: "funding",
    caption: "overview.years.fundingCaption",
    parts: ["fundYears"],
    rows: (o) => o.years,
    columns: [
      field("year", "overview.col.year", "count"),
      ...FUNDING_KINDS.map((k): Column<YearFigures> => ({
        key: k,
        label: `money.funding.kind.${k}`,
        type: "money",
        read: (y) => y.funding[k],
      })),
      field("fundingTotal", "overview.col.total", "money"),
    ],
  }),
  continuity: table<Figure>({
    name: "continuity",
    caption: "overview.continuity.title",
    parts: ["continuity"],
    rows: (o, { t }) => {
      const c = o.continuity;
      const thisYear = yearOf(o.today);
      const after = (k: "continued" | "paused" | "handedOver" | "stopped" | "total") => ({
        figure: `${t("overview.continuity.afterCaption")}: ${t(`overview.continuity.${k}`)}`,
        count: c.afterFundingEnded[k],
      });
      return [
        { figure: t("overview.continuity.living"), count: c.living },
        ...([1, 3, 5] as const).map((n) => ({
          figure: t("overview.continuity.older", { years: n, year: thisYear - n }),
          count: c.olderThan[n],
        })),
        after("continued"),
        after("paused"),
        after("handedOver"),
        after("stopped"),
        after("total"),
      ];
    },
    columns: figureColumns,
  }),
  assets: table<{ category: string; count: number }>({
    name: "assets",
    caption: "overview.assets.caption",
    parts: ["assets"],
    rows: (o, { t }) => ASSET_CATEGORIES.map((k) => ({ category: t(`assets.category.${k}`), count: o.assets[k] })),
    columns: [field("category", "overview.col.category", "text"), field("count", "overview.col.count", "count")],
  }),
  facilities: table<FacilityItem>({
    name: "facilities",
    caption: "overview.facilities.title",
    parts: ["facilities"],
    rows: (o) => o.facilities,
    columns: [
      field("name", "overview.col.facility", "text"),
      field("kind", "overview.col.kind", "text"),
      field("neighbourhoodName", "overview.col.neighbourhood", "text"),
      {
        key: "owner",
        label: "overview.col.owner",
        type: "text",
        read: (f, { t }) => (f.ownerName === null ? null : f.own ? `${f.ownerName} (${t("overview.yours")})` : f.ownerName),
      },
      field("agreement", "overview.col.agreement", "text"),
      field("endsOn", "overview.col.agreementEndsOn", "date", { empty: "overview.facilities.noEnd" }),
      {
        key: "renewalState",
        label: "overview.col.renewal",
        type: "text",
        read: (f, { t }) => t(`money.renewal.${f.renewalState}` as MessageKey),
      },
      field("activities", "overview.col.activities", "count"),
    ],
  }),
} as const;

export type OverviewTable = keyof typeof TABLES;
export const OVERVIEW_TABLES = Object.keys(TABLES) as OverviewTable[];

export function isOverviewTable(v: string): v is OverviewTable {
  return (OVERVIEW_TABLES as readonly string[]).includes(v);
}

/** Any table, for code that treats them alike (rows as unknown). */
export function tableDef(name: OverviewTable): TableDef<unknown> {
  return TABLES[name] as unknown as TableDef<unknown>;
}

/** The columns a viewer sees: a partner's own columns only for a partner. */
export function visibleColumns<R>(def: TableDef<R>, isPartner: boolean): readonly Column<R>[] {
  return isPartner ? def.columns : def.columns.filter((c) => !c.own);
}

/** A column's header, the same on the page and in the CSV. */
export function headerOf(col: { label: MessageKey; type: ColumnType }, t: Translate): string {
  return col.type === "money" ? `${t(col.label)} (euro)` : t(col.label);
}

/** "1234,50" (nl) or "1234.50" (en): euros from cents, for a spreadsheet cell. */
export function euros(cents: number, locale: Locale): string {
  const s = (cents / 100).toFixed(2);
  return locale === "nl" ? s.replace(".", ",") : s;
}

/** A value as a spreadsheet cell. */
export function csvValue(type: ColumnType, v: CellValue, locale: Locale): CsvCell {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(" ");
  if (type === "money" && typeof v === "number") return euros(v, locale);
  if (type === "percent" && typeof v === "number") return Math.round(v * 100);
  return v;
}

export type TableData = { header: string[]; rows: CsvCell[][] };

/** A table as the CSV holds it: the visible columns' headers, and each row's values. */
export function overviewTable(data: Overview, name: OverviewTable, locale: Locale, isPartner: boolean): TableData {
  const def = tableDef(name);
  const ctx: TableContext = { t: translator(locale), locale, today: data.today };
  const columns = visibleColumns(def, isPartner);
  return {
    header: columns.map((c) => headerOf(c, ctx.t)),
    rows: def.rows(data, ctx).map((r) => columns.map((c) => csvValue(c.type, c.read(r, ctx), locale))),
  };
}
