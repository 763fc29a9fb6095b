import { BarChart, OKABE_ITO } from "../components/chart";
import { ColumnTable, CsvLinks, type SectionProps } from "./column-table";

/** How long initiatives last, and what became of activities whose money ended. */
export function ContinuitySection(props: SectionProps) {
  const { t, data } = props;
  const after = data.continuity.afterFundingEnded;
  return (
    <section id="continuity" aria-labelledby="continuity-title" class="overview-section">
      <h2 id="continuity-title">{t("overview.continuity.title")}</h2>
      <p>{t("overview.continuity.afterIntro")}</p>
      <BarChart
        id="chart-after"
        title={t("overview.continuity.afterCaption")}
        desc={t("overview.continuity.afterDesc", {
          total: after.total,
          continued: after.continued,
          paused: after.paused,
          handedOver: after.handedOver,
          stopped: after.stopped,
        })}
        colour={OKABE_ITO.bluishGreen}
        table={false}
        rows={(["continued", "paused", "handedOver", "stopped"] as const).map((k) => ({
          label: t(`overview.continuity.${k}`),
          value: after[k],
        }))}
      />
      <ColumnTable t={t} locale={props.locale} data={data} table="continuity" isPartner={props.isPartner} />
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["continuity"]} />
    </section>
  );
}
