import { formatMoney, formatWholeMoney } from "../../src/i18n";
import { CLIFF_BUCKETS, type CliffBucket, type OwnItem } from "../../src/domain/overview/overview";
import { OKABE_ITO, StackedBarChart, type Series } from "../components/chart";
import { ColumnTable, CsvLinks, PRINTED_ROWS, type SectionProps } from "./column-table";

const BUCKET_SERIES: Record<CliffBucket, Omit<Series, "label">> = {
  arranged: { colour: OKABE_ITO.bluishGreen, pattern: "solid" },
  pending: { colour: OKABE_ITO.orange, pattern: "diagonal" },
  none: { colour: OKABE_ITO.vermillion, pattern: "cross" },
};

/** Money ending per quarter for two years: what is arranged and what is not, and the partner's own money and commitments. */
export function CliffSection(props: SectionProps) {
  const { t, locale, data } = props;
  const money = (cents: number) => formatMoney(locale, cents);
  return (
    <section id="cliff" aria-labelledby="cliff-title" class="overview-section">
      <h2 id="cliff-title">{t("overview.cliff.title")}</h2>
      <p>{t("overview.cliff.intro")}</p>
      <p>
        {t("overview.cliff.summary", {
          total: formatWholeMoney(locale, data.cliff.totalCents),
          shortfall: formatWholeMoney(locale, data.cliff.shortfallCents),
          activities: data.cliff.totalActivities,
        })}
      </p>
      <StackedBarChart
        id="chart-cliff"
        title={t("overview.cliff.chartTitle")}
        desc={t("overview.cliff.desc", { total: money(data.cliff.totalCents), shortfall: money(data.cliff.shortfallCents) })}
        format={(cents) => formatWholeMoney(locale, cents)}
        series={CLIFF_BUCKETS.map((b) => ({ label: t(`overview.cliff.${b}`), ...BUCKET_SERIES[b] }))}
        table={false}
        rows={data.cliff.quarters.map((q) => ({
          label: t("overview.quarter", { quarter: q.quarter, year: q.year }),
          values: CLIFF_BUCKETS.map((b) => q[b]),
        }))}
      />
      <ColumnTable t={t} locale={locale} data={data} table="cliff" isPartner={props.isPartner} />
      {props.isPartner && data.cliff.ownCents > 0 && (
        <p>{t("overview.cliff.ownTotal", { amount: money(data.cliff.ownCents), shortfall: money(data.cliff.ownShortfallCents) })}</p>
      )}
      {props.isPartner && (
        <>
          <h3 id="own">{t("overview.own.title")}</h3>
          <p>{t("overview.own.intro")}</p>
          {data.cliff.own.length < data.cliff.ownTotal && (
            <p>{t("overview.own.capped", { shown: data.cliff.own.length, total: data.cliff.ownTotal })}</p>
          )}
          {data.cliff.own.length === 0 ? (
            <p>{t("overview.own.none")}</p>
          ) : (
            <ColumnTable<OwnItem>
              t={t}
              locale={locale}
              data={data}
              table="own"
              isPartner
              decorate={{ initiativeName: (o, content) => <a href={`/initiatives/${o.initiativeId}`}>{content}</a> }}
            />
          )}
          {data.cliff.own.length > PRINTED_ROWS && <p class="print-only">{t("overview.printCapped", { shown: PRINTED_ROWS })}</p>}
        </>
      )}
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={props.isPartner ? ["cliff", "own"] : ["cliff"]} />
    </section>
  );
}
