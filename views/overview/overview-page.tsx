// The sustainability overview page: the story first (headline), then now, per neighbourhood,
// what is at risk, money ending, year on year, continuity, assets and facilities — one component
// per section. Every table follows its column list (src/domain/overview/tables.ts), so it shows
// what its CSV holds; every chart has its numbers in the table beside it. Printed, the page is a
// report of at most four A4 pages (public/app.css, @media print).
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Overview } from "../../src/domain/overview/overview";
import { HeadlineBlock } from "./headline";
import { NowSection } from "./now-section";
import { HoodsSection } from "./hoods-section";
import { AtRiskSection } from "./at-risk-section";
import { CliffSection } from "./cliff-section";
import { YearsSection } from "./years-section";
import { ContinuitySection } from "./continuity-section";
import { AssetsSection } from "./assets-section";
import { FacilitiesSection } from "./facilities-section";
import type { SectionProps } from "./column-table";

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
  /** The neighbourhoods it covers, by name. */
  hoodNames: string[];
};

export function OverviewPage(props: OverviewPageProps) {
  const { t, locale, data } = props;
  // Across several neighbourhoods the page stays short: figures per neighbourhood with a link to
  // each one's own overview, and only the first rows of the long lists (the CSVs hold them all).
  const perHood = props.multi && props.hoodNames.length > 1;
  const links: [string, string][] = [
    ["#now", t("overview.now.title")],
    ...(perHood ? [["#hoods", t("overview.hoods.title")] as [string, string]] : []),
    ["#at-risk-section", t("overview.atRisk.title")],
    ["#cliff", t("overview.cliff.title")],
    ["#years", t("overview.years.title")],
    ["#continuity", t("overview.continuity.nav")],
    ["#assets", t("overview.assets.nav")],
    ["#facilities", t("overview.table.facilities")],
  ];
  const section: SectionProps = { t, locale, data, baseUrl: props.baseUrl, multi: props.multi, isPartner: props.isPartner };
  return (
    <article class="overview">
      <header>
        <h1>{props.title}</h1>
        <p>
          <strong>{t("overview.asOf", { date: formatDate(locale, data.today) })}</strong>{" "}
          {perHood
            ? t("overview.scopeCount", { count: props.hoodNames.length })
            : t("overview.scope", { count: props.hoodNames.length, names: props.hoodNames.join(", ") })}
        </p>
      </header>
      <HeadlineBlock t={t} locale={locale} headline={data.headline} detailsUrl="" />
      <p class="overview-intro">{t("overview.intro")}</p>
      <nav aria-label={t("overview.sections")} class="no-print">
        <p>
          {links.map(([href, label], i) => (
            <>
              {i > 0 && " · "}
              <a href={href}>{label}</a>
            </>
          ))}
        </p>
      </nav>
      <p class="no-print">
        <small>{t("overview.printHint")}</small>
      </p>
      <NowSection {...section} />
      {perHood && <HoodsSection {...section} />}
      <AtRiskSection {...section} />
      <CliffSection {...section} />
      <YearsSection {...section} />
      <ContinuitySection {...section} />
      <AssetsSection {...section} />
      <FacilitiesSection {...section} />
    </article>
  );
}
