import { ColumnTable, CsvLinks, type SectionProps } from "./column-table";

/** Across several neighbourhoods: each one's own figures, with a link to its own overview. */
export function HoodsSection(props: SectionProps) {
  const { t } = props;
  return (
    <section id="hoods" aria-labelledby="hoods-title" class="overview-section">
      <h2 id="hoods-title">{t("overview.hoods.title")}</h2>
      <p>{t("overview.hoods.intro")}</p>
      <ColumnTable<{ id: string }>
        t={t}
        locale={props.locale}
        data={props.data}
        table="neighbourhoods"
        isPartner={props.isPartner}
        decorate={{ name: (n, content) => <a href={`/neighbourhoods/${n.id}/overview`}>{content}</a> }}
      />
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["neighbourhoods"]} />
    </section>
  );
}
