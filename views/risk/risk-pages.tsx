import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { SEVERITIES, type Severity, type Thresholds } from "../../src/domain/risk/rules";
import type { StoredRisk } from "../../src/domain/risk/read";
import { Csrf, ErrorSummary, Field, type FieldErrors } from "../components/form";
import { LevelBadge, RiskBadge } from "./risk-badge";
import { DataTable } from "../components/data-table";

type Item = { risk: StoredRisk; activityName: string; initiativeId: string; initiativeName: string };

export function NeighbourhoodRiskPage(props: {
  t: Translate;
  locale: Locale;
  neighbourhood: { id: string; name: string };
  list: Item[];
  perLevel: Record<Severity, number>;
}) {
  const { t } = props;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/neighbourhoods/${props.neighbourhood.id}`}>{props.neighbourhood.name}</a>
      </p>
      <h1>{t("risk.list.title", { name: props.neighbourhood.name })}</h1>
      <p>{t("risk.list.intro")}</p>
      <DataTable
        class="level-counts"
        caption={t("risk.list.counts")}
        rows={[...SEVERITIES].reverse().map((level) => [<LevelBadge t={t} level={level} />, props.perLevel[level]])}
      />
      {props.list.length === 0 ? (
        <p>{t("risk.list.none")}</p>
      ) : (
        <ol class="risk-list">
          {props.list.map((item) => (
            <li>
              <article>
                <h2 class="h3">
                  <a href={`/initiatives/${item.initiativeId}#activity-${item.risk.activityId}`}>
                    {item.activityName} · {item.initiativeName}
                  </a>
                </h2>
                <RiskBadge t={t} locale={props.locale} risk={item.risk} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

type ThresholdValues = Partial<Record<keyof Thresholds, string | number>>;

/** The thresholds in words a person types: days and months as numbers, the two shares in percent. */
export function ThresholdsPage(props: { t: Translate; csrfToken: string; values: ThresholdValues; errors: FieldErrors }) {
  const { t, values: v, errors } = props;
  const field = (name: keyof Thresholds, hint?: string) => (
    <Field t={t} name={name} label={t(`risk.settings.${name}`)} value={v[name]} errors={errors} inputmode="decimal" hint={hint} required />
  );
  return (
    <>
      <h1>{t("risk.settings.title")}</h1>
      <p>{t("risk.settings.intro")}</p>
      <form method="post" action="/admin/settings" novalidate>
        <Csrf token={props.csrfToken} />
        <ErrorSummary t={t} errors={errors} />
        {field("horizonDays", t("risk.settings.horizonHint"))}
        {field("urgentDays")}
        {field("concentrationShare", t("risk.settings.percentHint"))}
        {field("shrinkRatio", t("risk.settings.percentHint"))}
        {field("staleCheckinMonths")}
        {field("staleAssetMonths")}
        {field("coveredWatchShare", t("risk.settings.coveredWatchHint"))}
        <button type="submit">{t("risk.settings.save")}</button>
      </form>
    </>
  );
}
