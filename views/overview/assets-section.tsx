import { ASSET_CATEGORIES } from "../../src/domain/overview/overview";
import { BarChart, OKABE_ITO } from "../components/chart";
import { ColumnTable, CsvLinks, type SectionProps } from "./column-table";

/** What the neighbourhood has: its assets by ABCD category. */
export function AssetsSection(props: SectionProps) {
  const { t, data } = props;
  return (
    <section id="assets" aria-labelledby="assets-title" class="overview-section">
      <h2 id="assets-title">{t("overview.assets.title")}</h2>
      <BarChart
        id="chart-assets"
        title={t("overview.assets.title")}
        desc={t("overview.assets.desc", { total: data.assetsTotal })}
        colour={OKABE_ITO.reddishPurple}
        table={false}
        rows={ASSET_CATEGORIES.map((k) => ({ label: t(`assets.category.${k}`), value: data.assets[k] }))}
      />
      <ColumnTable t={t} locale={props.locale} data={data} table="assets" isPartner={props.isPartner} />
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["assets"]} />
    </section>
  );
}
