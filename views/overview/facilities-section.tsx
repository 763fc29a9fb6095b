import { ColumnTable, CsvLinks, PRINTED_ROWS, type SectionProps } from "./column-table";

/** The places activities depend on, by the end of their agreement; long lists are capped (the CSV has all). */
export function FacilitiesSection(props: SectionProps) {
  const { t, data } = props;
  return (
    <section id="facilities" aria-labelledby="facilities-title" class="overview-section">
      <h2 id="facilities-title">{t("overview.facilities.title")}</h2>
      {data.facilities.length < data.facilitiesTotal && (
        <p>{t("overview.facilities.capped", { shown: data.facilities.length, total: data.facilitiesTotal })}</p>
      )}
      {data.facilities.length === 0 ? (
        <p>{t("overview.facilities.none")}</p>
      ) : (
        <ColumnTable t={t} locale={props.locale} data={data} table="facilities" isPartner={props.isPartner} />
      )}
      {data.facilities.length > PRINTED_ROWS && <p class="print-only">{t("overview.printCapped", { shown: PRINTED_ROWS })}</p>}
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["facilities"]} />
    </section>
  );
}
