// The sustainability overview page: now, money ending, year on year, continuity, assets and
// facilities. Each chart comes with its numbers as a table; each table can be downloaded as CSV.
// Sections are plain blocks (no <details>) so the page prints completely on A4.
import type { Translate, MessageKey } from "../../src/i18n";
import { formatDate, formatMoney, formatWholeMoney } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { SEVERITIES } from "../../src/domain/risk/rules";
import { explainFlag } from "../../src/domain/risk/explain";
import { ASSET_CATEGORIES, FUNDING_KINDS, RENEWAL_BUCKETS, type Overview, type RenewalBucket } from "../../src/domain/overview/overview";
import type { OverviewTable } from "../../src/domain/overview/tables";
import { BarChart, OKABE_ITO, StackedBarChart, type Series } from "../components/chart";
import { LevelBadge } from "../risk/risk-badge";
import { DataTable } from "../components/data-table";
import { runwayText } from "../initiatives/attention";

export type OverviewPageProps = {
  t: Translate;
  locale: Locale;
  title: string;
  data: Overview;
  /** "/overview" or "/neighbourhoods/:id/overview": the CSV links hang below it. */
  baseUrl: string;
  /** Across several neighbourhoods: show which neighbourhood each row belongs to. */
  multi: boolean;
  /** The viewer speaks for a partner organisation: show its own money and commitments. */
  isPartner: boolean;
};

const BUCKET_SERIES: Record<RenewalBucket, Omit<Series, "label">> = {
  granted: { colour: OKABE_ITO.bluishGreen, pattern: "solid" },
  applied: { colour: OKABE_ITO.orange, pattern: "diagonal" },
  none: { colour: OKABE_ITO.vermillion, pattern: "cross" },
};

function CsvLinks(props: { t: Translate; baseUrl: string; tables: OverviewTable[] }) {
  const { t } = props;
  return (
    <ul class="csv-links no-print">
      {props.tables.map((table) => {
        const name = t(`overview.table.${table}` as MessageKey);
        return (
          <li>
            <a href={`${props.baseUrl}/${table}.csv`} download>
              {t("overview.csv", { table: name })}
            </a>{" "}
            (
            <a href={`${props.baseUrl}/${table}.csv?lang=en`} download hreflang="en">
              {t("overview.csvEnglish")}
            </a>
            )
          </li>
        );
      })}
    </ul>
  );
}

export function OverviewPage(props: OverviewPageProps) {
  const { t, locale, data } = props;
  const money = (cents: number) => formatMoney(locale, cents);
  const wholeMoney = (cents: number) => formatWholeMoney(locale, cents);
  const date = (iso: string) => formatDate(locale, iso);
  const first = data.years[0]!;
  const last = data.years[data.years.length - 1]!;
  const thisYear = last.year;
  const totalLevels = SEVERITIES.reduce((s, l) => s + data.levels[l], 0);
  const after = data.continuity.afterFundingEnded;
  // Across several neighbourhoods the page stays short: figures per neighbourhood with a link to
  // each one's own overview, and only the first rows of the long lists (the CSVs hold them all).
  const perHood = props.multi && data.neighbourhoods.length > 1;

  return (
    <article class="overview">
      <header>
        <h1>{props.title}</h1>
        <p>{t("overview.intro")}</p>
        <p>
          <strong>{t("overview.asOf", { date: date(data.today) })}</strong>{" "}
          {perHood
            ? t("overview.scopeCount", { count: data.neighbourhoods.length })
            : t("overview.scope", { count: data.neighbourhoods.length, names: data.neighbourhoods.map((n) => n.name).join(", ") })}
        </p>
        <p class="no-print">
          <small>{t("overview.printHint")}</small>
        </p>
      </header>

      <section id="now" aria-labelledby="now-title" class="overview-section">
        <h2 id="now-title">{t("overview.now.title")}</h2>
        <DataTable
          caption={t("overview.table.now")}
          rows={(["activeInitiatives", "pausedInitiatives", "activities", "volunteers", "facilities"] as const).map((k) => [
            t(`overview.now.${k}`),
            data.now[k],
          ])}
        />
        <h3>{t("overview.levels.title")}</h3>
        <BarChart
          id="chart-levels"
          title={t("overview.levels.title")}
          desc={t("overview.levels.desc", {
            total: totalLevels,
            urgent: data.levels.urgent,
            atRisk: data.levels.at_risk,
            watch: data.levels.watch,
            ok: data.levels.ok,
          })}
          caption={t("overview.levels.title")}
          labelHeader={t("overview.col.level")}
          valueHeader={t("overview.col.count")}
          rows={[...SEVERITIES].reverse().map((l) => ({ label: t(`risk.level.${l}`), value: data.levels[l] }))}
        />

        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["now", "levels"]} />
      </section>

      {perHood && (
        <section id="hoods" aria-labelledby="hoods-title" class="overview-section">
          <h2 id="hoods-title">{t("overview.hoods.title")}</h2>
          <p>{t("overview.hoods.intro")}</p>
          <DataTable
            caption={t("overview.hoods.caption")}
            head={[
              t("overview.col.neighbourhood"),
              t("overview.col.activeInitiatives"),
              t("overview.now.activities"),
              t("overview.col.volunteers"),
              t("overview.col.urgent"),
              t("overview.col.atRisk"),
              t("overview.col.cliffMoney"),
            ]}
            rows={data.neighbourhoods.map((n) => [
              <a href={`/neighbourhoods/${n.id}/overview`}>{n.name}</a>,
              n.activeInitiatives,
              n.activities,
              n.volunteers,
              n.levels.urgent,
              n.levels.at_risk,
              wholeMoney(n.cliffCents),
            ])}
          />
          <CsvLinks t={t} baseUrl={props.baseUrl} tables={["neighbourhoods"]} />
        </section>
      )}

      <section id="at-risk-section" aria-labelledby="at-risk" class="overview-section">
        <h2 id="at-risk">{t("overview.atRisk.title")}</h2>
        <p>{t("overview.atRisk.intro")}</p>
        {data.atRisk.length < data.atRiskTotal && (
          <p>{t("overview.atRisk.capped", { shown: data.atRisk.length, total: data.atRiskTotal })}</p>
        )}
        {data.atRisk.length === 0 ? (
          <p>{t("overview.atRisk.none")}</p>
        ) : (
          <ol class="risk-list">
            {data.atRisk.map((r) => (
              <li>
                <p>
                  <LevelBadge t={t} level={r.level} />{" "}
                  <a href={`/initiatives/${r.initiativeId}#activity-${r.activityId}`}>
                    <strong>{r.activityName}</strong> · {r.initiativeName}
                  </a>
                  {props.multi && <> ({r.neighbourhoodName})</>} <small>{t("risk.since", { date: date(r.levelSince) })}</small>
                </p>
                {r.flags.length > 0 && (
                  <ul>
                    {r.flags.map((f) => (
                      <li>{explainFlag(f, locale)}</li>
                    ))}
                  </ul>
                )}
                {r.runwayMonths !== null && (
                  <p>
                    {runwayText(
                      t,
                      r.runwayMonths,
                      r.flags.some((f) => f.rule === "running_on_nothing"),
                    )}
                  </p>
                )}
                {r.coordinators.length > 0 && (
                  <p>
                    <small>{t("overview.atRisk.coordinators", { names: r.coordinators.join(", ") })}</small>
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["at-risk"]} />
      </section>

      <section id="cliff" aria-labelledby="cliff-title" class="overview-section">
        <h2 id="cliff-title">{t("overview.cliff.title")}</h2>
        <p>{t("overview.cliff.intro")}</p>
        <StackedBarChart
          id="chart-cliff"
          title={t("overview.cliff.chartTitle")}
          desc={t("overview.cliff.desc", { total: money(data.cliff.totalCents), activities: data.cliff.totalActivities })}
          caption={t("overview.cliff.caption")}
          labelHeader={t("overview.col.quarter")}
          totalHeader={t("overview.col.total")}
          format={wholeMoney}
          series={RENEWAL_BUCKETS.map((b) => ({ label: t(`overview.cliff.${b}`), ...BUCKET_SERIES[b] }))}
          extraHeaders={[
            t("overview.col.activities"),
            t("overview.col.commitments"),
            ...(props.isPartner ? [t("overview.col.ownMoney")] : []),
          ]}
          rows={data.cliff.quarters.map((q) => ({
            label: t("overview.quarter", { quarter: q.quarter, year: q.year }),
            values: RENEWAL_BUCKETS.map((b) => q.cents[b]),
            extra: [String(q.totalActivities), String(q.commitments), ...(props.isPartner ? [wholeMoney(q.ownCents)] : [])],
          }))}
        />
        {props.isPartner && data.cliff.ownCents > 0 && <p>{t("overview.cliff.ownTotal", { amount: money(data.cliff.ownCents) })}</p>}
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
              <DataTable
                caption={t("overview.own.title")}
                head={[
                  t("overview.col.initiative"),
                  t("overview.col.what"),
                  t("overview.col.endsOn"),
                  t("overview.col.renewal"),
                  t("overview.col.amount"),
                  t("overview.col.activities"),
                ]}
                rows={data.cliff.own.map((o) => [
                  <a href={`/initiatives/${o.initiativeId}`}>{o.initiativeName}</a>,
                  <>
                    {t(o.type === "funding" ? "overview.own.funding" : "overview.own.commitment")}: {o.what}
                  </>,
                  date(o.endsOn),
                  t(`money.renewal.${o.renewalState}` as MessageKey),
                  o.cents === null ? t("overview.none") : money(o.cents),
                  o.activities,
                ])}
              />
            )}
          </>
        )}
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={props.isPartner ? ["cliff", "own"] : ["cliff"]} />
      </section>

      <section id="years" aria-labelledby="years-title" class="overview-section">
        <h2 id="years-title">{t("overview.years.title")}</h2>
        <p>{t("overview.years.intro")}</p>
        <h3>{t("overview.years.initiativesTitle")}</h3>
        <BarChart
          id="chart-initiatives"
          title={t("overview.years.initiativesTitle")}
          desc={t("overview.years.initiativesDesc", { first: first.year, last: last.year, value: last.activeInitiatives })}
          caption={t("overview.years.initiativesTitle")}
          labelHeader={t("overview.col.year")}
          valueHeader={t("overview.col.activeInitiatives")}
          rows={data.years.map((y) => ({ label: String(y.year), value: y.activeInitiatives }))}
        />
        <h3>{t("overview.years.volunteersTitle")}</h3>
        <BarChart
          id="chart-volunteers"
          title={t("overview.years.volunteersTitle")}
          desc={t("overview.years.volunteersDesc", { first: first.year, last: last.year, value: last.volunteers })}
          caption={t("overview.years.volunteersTitle")}
          labelHeader={t("overview.col.year")}
          valueHeader={t("overview.col.volunteers")}
          colour={OKABE_ITO.bluishGreen}
          rows={data.years.map((y) => ({ label: String(y.year), value: y.volunteers }))}
        />
        <h3>{t("overview.years.caption")}</h3>
        <DataTable
          caption={t("overview.years.caption")}
          head={(
            [
              "year",
              "activeInitiatives",
              "started",
              "stopped",
              "handedOver",
              "volunteers",
              "newcomers",
              "leavers",
              "retention",
              "money",
            ] as const
          ).map((k) => t(`overview.col.${k}`))}
          rows={data.years.map((y) => [
            y.year,
            y.activeInitiatives,
            y.started,
            y.stopped,
            y.handedOver,
            y.volunteers,
            y.newcomers,
            y.leavers,
            y.retention === null ? t("overview.none") : `${Math.round(y.retention * 100)}%`,
            wholeMoney(y.fundingTotal),
          ])}
        />
        <h3>{t("overview.years.fundingTitle")}</h3>
        <StackedBarChart
          id="chart-funding"
          title={t("overview.years.fundingTitle")}
          desc={t("overview.years.fundingDesc", { first: first.year, last: last.year, value: money(last.fundingTotal) })}
          caption={t("overview.years.fundingCaption")}
          labelHeader={t("overview.col.year")}
          totalHeader={t("overview.col.total")}
          format={wholeMoney}
          series={FUNDING_KINDS.map((k) => ({ label: t(`money.funding.kind.${k}`) }))}
          rows={data.years.map((y) => ({ label: String(y.year), values: FUNDING_KINDS.map((k) => y.funding[k]) }))}
        />
        <h3>{t("overview.years.rules")}</h3>
        <ul class="counting-rules">
          <li>{t("overview.years.ruleInitiatives")}</li>
          <li>{t("overview.years.ruleStopped")}</li>
          <li>{t("overview.years.ruleVolunteers")}</li>
          <li>{t("overview.years.ruleMoney")}</li>
          <li>{t("overview.years.ruleArchived")}</li>
        </ul>
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["years", "funding"]} />
      </section>

      <section id="continuity" aria-labelledby="continuity-title" class="overview-section">
        <h2 id="continuity-title">{t("overview.continuity.title")}</h2>
        <DataTable
          caption={t("overview.continuity.ageCaption")}
          rows={[
            [t("overview.continuity.living"), data.continuity.living],
            ...([1, 3, 5] as const).map((n) => [
              t("overview.continuity.older", { years: n, year: thisYear - n }),
              data.continuity.olderThan[n],
            ]),
          ]}
        />
        <h3>{t("overview.continuity.afterTitle")}</h3>
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
          caption={t("overview.continuity.afterCaption")}
          labelHeader={t("overview.col.figure")}
          valueHeader={t("overview.col.count")}
          colour={OKABE_ITO.bluishGreen}
          rows={(["continued", "paused", "handedOver", "stopped"] as const).map((k) => ({
            label: t(`overview.continuity.${k}`),
            value: after[k],
          }))}
        />
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["continuity"]} />
      </section>

      <section id="assets" aria-labelledby="assets-title" class="overview-section">
        <h2 id="assets-title">{t("overview.assets.title")}</h2>
        <BarChart
          id="chart-assets"
          title={t("overview.assets.title")}
          desc={t("overview.assets.desc", { total: data.assetsTotal })}
          caption={t("overview.assets.caption")}
          labelHeader={t("overview.col.category")}
          valueHeader={t("overview.col.count")}
          colour={OKABE_ITO.reddishPurple}
          rows={ASSET_CATEGORIES.map((k) => ({ label: t(`assets.category.${k}`), value: data.assets[k] }))}
        />
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["assets"]} />
      </section>

      <section id="facilities" aria-labelledby="facilities-title" class="overview-section">
        <h2 id="facilities-title">{t("overview.facilities.title")}</h2>
        {data.facilities.length < data.facilitiesTotal && (
          <p>{t("overview.facilities.capped", { shown: data.facilities.length, total: data.facilitiesTotal })}</p>
        )}
        {data.facilities.length === 0 ? (
          <p>{t("overview.facilities.none")}</p>
        ) : (
          <DataTable
            caption={t("overview.facilities.title")}
            head={[
              t("overview.col.facility"),
              ...(props.multi ? [t("overview.col.neighbourhood")] : []),
              t("overview.col.owner"),
              t("overview.col.agreementEndsOn"),
              t("overview.col.renewal"),
              t("overview.col.activities"),
            ]}
            rows={data.facilities.map((f) => [
              <>
                {f.name}
                {f.agreement && (
                  <>
                    <br />
                    <small>{f.agreement}</small>
                  </>
                )}
              </>,
              ...(props.multi ? [f.neighbourhoodName] : []),
              <>
                {f.ownerName ?? t("overview.none")}
                {f.own && <> ({t("overview.yours")})</>}
              </>,
              f.agreementEndsOn ? date(f.agreementEndsOn) : t("overview.facilities.noEnd"),
              t(`money.renewal.${f.renewalState}` as MessageKey),
              f.activities,
            ])}
          />
        )}
        <CsvLinks t={t} baseUrl={props.baseUrl} tables={["facilities"]} />
      </section>
    </article>
  );
}
