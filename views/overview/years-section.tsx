import { formatMoney, formatWholeMoney } from "../../src/i18n";
import { FUNDING_KINDS } from "../../src/domain/overview/overview";
import { BarChart, OKABE_ITO, StackedBarChart } from "../components/chart";
import { ColumnTable, CsvLinks, type SectionProps } from "./column-table";

/** The last ten years: initiatives, volunteers, money by kind, and how each is counted. */
export function YearsSection(props: SectionProps) {
  const { t, locale, data } = props;
  const first = data.years[0]!;
  const last = data.years[data.years.length - 1]!;
  return (
    <section id="years" aria-labelledby="years-title" class="overview-section">
      <h2 id="years-title">{t("overview.years.title")}</h2>
      <p>{t("overview.years.intro")}</p>
      <div class="chart-pair">
        <div>
          <h3 class="chart-heading">{t("overview.years.initiativesTitle")}</h3>
          <BarChart
            id="chart-initiatives"
            title={t("overview.years.initiativesTitle")}
            desc={t("overview.years.initiativesDesc", { first: first.year, last: last.year, value: last.activeInitiatives })}
            table={false}
            rows={data.years.map((y) => ({ label: String(y.year), value: y.activeInitiatives }))}
          />
        </div>
        <div>
          <h3 class="chart-heading">{t("overview.years.volunteersTitle")}</h3>
          <BarChart
            id="chart-volunteers"
            title={t("overview.years.volunteersTitle")}
            desc={t("overview.years.volunteersDesc", { first: first.year, last: last.year, value: last.volunteers })}
            colour={OKABE_ITO.bluishGreen}
            table={false}
            rows={data.years.map((y) => ({ label: String(y.year), value: y.volunteers }))}
          />
        </div>
      </div>
      <ColumnTable t={t} locale={locale} data={data} table="years" isPartner={props.isPartner} collapsed />
      <h3>{t("overview.years.fundingTitle")}</h3>
      <StackedBarChart
        id="chart-funding"
        title={t("overview.years.fundingTitle")}
        desc={t("overview.years.fundingDesc", { first: first.year, last: last.year, value: formatMoney(locale, last.fundingTotal) })}
        format={(cents) => formatWholeMoney(locale, cents)}
        series={FUNDING_KINDS.map((k) => ({ label: t(`money.funding.kind.${k}`) }))}
        table={false}
        rows={data.years.map((y) => ({ label: String(y.year), values: FUNDING_KINDS.map((k) => y.funding[k]) }))}
      />
      <ColumnTable t={t} locale={locale} data={data} table="funding" isPartner={props.isPartner} collapsed />
      <div class="counting-rules">
        <h3>{t("overview.years.rules")}</h3>
        <ul>
          <li>{t("overview.years.ruleNow")}</li>
          <li>{t("overview.years.ruleInitiatives")}</li>
          <li>{t("overview.years.ruleStopped")}</li>
          <li>{t("overview.years.ruleVolunteers")}</li>
          <li>{t("overview.years.ruleMoney")}</li>
          <li>{t("overview.years.ruleCliff")}</li>
          <li>{t("overview.years.ruleArchived")}</li>
        </ul>
      </div>
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["years", "funding"]} />
    </section>
  );
}
