import { SEVERITIES } from "../../src/domain/risk/rules";
import { BarChart } from "../components/chart";
import { ColumnTable, CsvLinks, type SectionProps } from "./column-table";

/** What runs now, and the counted activities per risk level (they add up to the activities now). */
export function NowSection(props: SectionProps) {
  const { t, data } = props;
  return (
    <section id="now" aria-labelledby="now-title" class="overview-section">
      <h2 id="now-title">{t("overview.now.title")}</h2>
      <div class="chart-pair">
        <div>
          <ColumnTable t={t} locale={props.locale} data={data} table="now" isPartner={props.isPartner} />
        </div>
        <div>
          <h3>{t("overview.levels.title")}</h3>
          <BarChart
            id="chart-levels"
            title={t("overview.levels.title")}
            desc={t("overview.levels.desc", {
              total: data.now.activities,
              urgent: data.levels.urgent,
              atRisk: data.levels.at_risk,
              watch: data.levels.watch,
              ok: data.levels.ok,
            })}
            table={false}
            rows={[...SEVERITIES].reverse().map((l) => ({ label: t(`risk.level.${l}`), value: data.levels[l] }))}
          />
          <ColumnTable t={t} locale={props.locale} data={data} table="levels" isPartner={props.isPartner} />
        </div>
      </div>
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["now", "levels"]} />
    </section>
  );
}
