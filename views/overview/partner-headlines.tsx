// The partner's home: the story of their neighbourhoods in a few lines (the overview's headline),
// and with several neighbourhoods, each one's figures in a sentence with a link to its overview.
import type { Locale } from "../../src/db/schema";
import { formatWholeMoney, type Translate } from "../../src/i18n";
import type { PartnerHome } from "../../src/domain/overview/partner-home";
import { HeadlineBlock } from "./headline";

export function PartnerHeadlines(props: { t: Translate; locale: Locale; home: PartnerHome }) {
  const { t, locale, home } = props;
  const only = home.neighbourhoods.length === 1 ? home.neighbourhoods[0] : undefined;
  return (
    <>
      <HeadlineBlock
        t={t}
        locale={locale}
        headline={home.headline}
        level={3}
        id="partner-headline"
        title={only ? t("overview.headline.hood", { name: only.name }) : t("overview.headline.hoods")}
        detailsUrl={only ? `/neighbourhoods/${only.id}/overview` : "/overview"}
      />
      {!only && (
        <ul>
          {home.neighbourhoods.map((n) => (
            <li>
              <a href={`/neighbourhoods/${n.id}/overview`}>{n.name}</a>:{" "}
              {t("overview.headline.hoodLine", {
                urgent: n.urgent,
                atRisk: n.atRisk,
                amount: formatWholeMoney(locale, n.cliffCents),
                shortfall: formatWholeMoney(locale, n.shortfallCents),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
