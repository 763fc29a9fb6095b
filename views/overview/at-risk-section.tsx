import type { AtRiskItem } from "../../src/domain/overview/overview";
import { LevelBadge } from "../risk/risk-badge";
import { ColumnTable, CsvLinks, PRINTED_ROWS, type SectionProps } from "./column-table";

/** The query that shows one neighbourhood's whole at-risk list on its overview page: ?at-risk=all. */
export const AT_RISK_ALL = { param: "at-risk", value: "all" } as const;

/**
 * What is at risk, most urgent first, each with its reasons and coordinators; long lists are
 * capped (the CSV has all; one neighbourhood's page shows all of them on request).
 */
export function AtRiskSection(props: SectionProps) {
  const { t, data } = props;
  return (
    <section id="at-risk-section" aria-labelledby="at-risk" class="overview-section">
      <h2 id="at-risk">{t("overview.atRisk.title")}</h2>
      <p>{t("overview.atRisk.intro")}</p>
      {data.atRisk.length < data.atRiskTotal &&
        (props.multi ? (
          <p>{t("overview.atRisk.capped", { shown: data.atRisk.length, total: data.atRiskTotal })}</p>
        ) : (
          <p>
            {t("overview.atRisk.cappedHood", { shown: data.atRisk.length, total: data.atRiskTotal })}{" "}
            <a href={`${props.baseUrl}?${AT_RISK_ALL.param}=${AT_RISK_ALL.value}#at-risk-section`}>
              {t("overview.atRisk.showAll", { total: data.atRiskTotal })}
            </a>
          </p>
        ))}
      {data.atRisk.length === 0 ? (
        <p>{t("overview.atRisk.none")}</p>
      ) : (
        <ColumnTable<AtRiskItem>
          t={t}
          locale={props.locale}
          data={data}
          table="at-risk"
          isPartner={props.isPartner}
          layout="cards"
          decorate={{
            level: (r) => <LevelBadge t={t} level={r.level} />,
            activityName: (r, content) => <a href={`/initiatives/${r.initiativeId}#activity-${r.activityId}`}>{content}</a>,
          }}
        />
      )}
      {data.atRisk.length > 0 && (
        <p class="print-only">
          {data.atRisk.length > PRINTED_ROWS && `${t("overview.printCapped", { shown: PRINTED_ROWS })} `}
          {data.atRisk.some((r) => r.flags.length > 2) && t("overview.printReasons")}
        </p>
      )}
      <CsvLinks t={t} baseUrl={props.baseUrl} tables={["at-risk"]} />
    </section>
  );
}
