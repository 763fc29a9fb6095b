// The overview's tables as plain rows, in the reader's language: what the CSV exports hold.
// Money is in euros with two decimals (decimal comma in Dutch), dates are ISO (YYYY-MM-DD),
// so Excel reads them as numbers and dates.
import type { Locale } from "../../db/schema";
import { translator, type MessageKey } from "../../i18n";
import type { CsvCell } from "../../lib/csv";
import { yearOf } from "../../lib/dates";
import { explainFlag } from "../risk/explain";
import { SEVERITIES } from "../risk/rules";
import { ASSET_CATEGORIES, FUNDING_KINDS, RENEWAL_BUCKETS, type Overview } from "./overview";

export const OVERVIEW_TABLES = [
  "neighbourhoods",
  "now",
  "levels",
  "at-risk",
  "cliff",
  "own",
  "years",
  "funding",
  "continuity",
  "assets",
  "facilities",
] as const;
export type OverviewTable = (typeof OVERVIEW_TABLES)[number];

export function isOverviewTable(v: string): v is OverviewTable {
  return (OVERVIEW_TABLES as readonly string[]).includes(v);
}

export type TableData = { header: string[]; rows: CsvCell[][] };

/** "1234,50" (nl) or "1234.50" (en): euros from cents, for a spreadsheet cell. */
export function euros(cents: number, locale: Locale): string {
  const s = (cents / 100).toFixed(2);
  return locale === "nl" ? s.replace(".", ",") : s;
}

export function overviewTable(data: Overview, table: OverviewTable, locale: Locale): TableData {
  const t = translator(locale);
  const col = (k: string) => t(`overview.col.${k}` as MessageKey);
  switch (table) {
    case "neighbourhoods":
      return {
        header: [
          col("neighbourhood"),
          col("municipality"),
          col("activeInitiatives"),
          t("overview.now.pausedInitiatives"),
          t("overview.now.activities"),
          t("overview.now.volunteers"),
          t("risk.level.urgent"),
          t("risk.level.at_risk"),
          t("risk.level.watch"),
          `${col("cliffMoney")} (euro)`,
          `${col("cliffNone")} (euro)`,
          t("overview.now.facilities"),
        ],
        rows: data.neighbourhoods.map((n) => [
          n.name,
          n.municipality,
          n.activeInitiatives,
          n.pausedInitiatives,
          n.activities,
          n.volunteers,
          n.levels.urgent,
          n.levels.at_risk,
          n.levels.watch,
          euros(n.cliffCents, locale),
          euros(n.cliffNoneCents, locale),
          n.facilities,
        ]),
      };
    case "now":
      return {
        header: [col("figure"), col("count")],
        rows: [
          [t("overview.now.activeInitiatives"), data.now.activeInitiatives],
          [t("overview.now.pausedInitiatives"), data.now.pausedInitiatives],
          [t("overview.now.activities"), data.now.activities],
          [t("overview.now.volunteers"), data.now.volunteers],
          [t("overview.now.facilities"), data.now.facilities],
        ],
      };
    case "levels":
      return {
        header: [col("level"), col("count")],
        rows: [...SEVERITIES].reverse().map((l) => [t(`risk.level.${l}`), data.levels[l]]),
      };
    case "at-risk":
      return {
        header: [
          col("level"),
          col("activity"),
          col("initiative"),
          col("neighbourhood"),
          col("since"),
          col("runway"),
          col("reasons"),
          col("coordinators"),
        ],
        rows: data.atRisk.map((r) => [
          t(`risk.level.${r.level}`),
          r.activityName,
          r.initiativeName,
          r.neighbourhoodName,
          r.levelSince.slice(0, 10),
          r.runwayMonths,
          r.flags.map((f) => explainFlag(f, locale)).join(" "),
          r.coordinators.join(", "),
        ]),
      };
    case "cliff":
      return {
        header: [
          col("quarter"),
          ...RENEWAL_BUCKETS.map((b) => `${t(`overview.cliff.${b}`)} (euro)`),
          `${col("total")} (euro)`,
          col("activities"),
          `${col("ownMoney")} (euro)`,
          col("commitments"),
          col("ownCommitments"),
        ],
        rows: data.cliff.quarters.map((q) => [
          t("overview.quarter", { quarter: q.quarter, year: q.year }),
          ...RENEWAL_BUCKETS.map((b) => euros(q.cents[b], locale)),
          euros(q.totalCents, locale),
          q.totalActivities,
          euros(q.ownCents, locale),
          q.commitments,
          q.ownCommitments,
        ]),
      };
    case "own":
      return {
        header: [
          col("type"),
          col("initiative"),
          col("what"),
          col("kind"),
          col("endsOn"),
          col("renewal"),
          col("amountEuro"),
          col("activities"),
        ],
        rows: data.cliff.own.map((o) => [
          t(o.type === "funding" ? "overview.own.funding" : "overview.own.commitment"),
          o.initiativeName,
          o.what,
          t((o.type === "funding" ? `money.funding.kind.${o.kind}` : `money.commitment.kind.${o.kind}`) as MessageKey),
          o.endsOn,
          t(`money.renewal.${o.renewalState}` as MessageKey),
          o.cents === null ? null : euros(o.cents, locale),
          o.activities,
        ]),
      };
    case "years":
      return {
        header: [
          col("year"),
          col("activeInitiatives"),
          col("started"),
          col("stopped"),
          col("handedOver"),
          col("volunteers"),
          col("newcomers"),
          col("leavers"),
          col("retention"),
          col("moneyEuro"),
        ],
        rows: data.years.map((y) => [
          y.year,
          y.activeInitiatives,
          y.started,
          y.stopped,
          y.handedOver,
          y.volunteers,
          y.newcomers,
          y.leavers,
          y.retention === null ? null : Math.round(y.retention * 100),
          euros(y.fundingTotal, locale),
        ]),
      };
    case "funding":
      return {
        header: [col("year"), ...FUNDING_KINDS.map((k) => `${t(`money.funding.kind.${k}`)} (euro)`), `${col("total")} (euro)`],
        rows: data.years.map((y) => [y.year, ...FUNDING_KINDS.map((k) => euros(y.funding[k], locale)), euros(y.fundingTotal, locale)]),
      };
    case "continuity": {
      const thisYear = yearOf(data.today);
      const c = data.continuity;
      return {
        header: [col("figure"), col("count")],
        rows: [
          [t("overview.continuity.living"), c.living],
          ...([1, 3, 5] as const).map((n) => [t("overview.continuity.older", { years: n, year: thisYear - n }), c.olderThan[n]]),
          [`${t("overview.continuity.afterCaption")}: ${t("overview.continuity.continued")}`, c.afterFundingEnded.continued],
          [`${t("overview.continuity.afterCaption")}: ${t("overview.continuity.paused")}`, c.afterFundingEnded.paused],
          [`${t("overview.continuity.afterCaption")}: ${t("overview.continuity.handedOver")}`, c.afterFundingEnded.handedOver],
          [`${t("overview.continuity.afterCaption")}: ${t("overview.continuity.stopped")}`, c.afterFundingEnded.stopped],
          [`${t("overview.continuity.afterCaption")}: ${t("overview.continuity.total")}`, c.afterFundingEnded.total],
        ],
      };
    }
    case "assets":
      return {
        header: [col("category"), col("count")],
        rows: ASSET_CATEGORIES.map((k) => [t(`assets.category.${k}`), data.assets[k]]),
      };
    case "facilities":
      return {
        header: [
          col("facility"),
          col("kind"),
          col("neighbourhood"),
          col("owner"),
          col("agreement"),
          col("agreementEndsOn"),
          col("renewal"),
          col("activities"),
        ],
        rows: data.facilities.map((f) => [
          f.name,
          f.kind,
          f.neighbourhoodName,
          f.ownerName,
          f.agreement,
          f.agreementEndsOn,
          t(`money.renewal.${f.renewalState}` as MessageKey),
          f.activities,
        ]),
      };
  }
}
