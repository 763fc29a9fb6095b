// For coordinators: whose address does not work (bounced or marked as spam), so it can be fixed.
// Data: loadBrokenAddresses(db, initiativeIds, today) from src/domain/mail/addresses.ts. Renders
// nothing when every address works.
import type { Translate } from "../../src/i18n";
import { formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { BrokenAddress } from "../../src/domain/mail/addresses";

export function BrokenAddresses(props: { t: Translate; locale: Locale; data: BrokenAddress[]; headingLevel?: 2 | 3 }) {
  const { t, locale, data } = props;
  if (data.length === 0) return null;
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  return (
    <section id="broken-addresses" aria-labelledby="broken-addresses-title">
      <Heading id="broken-addresses-title">{t("mailpage.broken.title")}</Heading>
      <p>{t("mailpage.broken.intro")}</p>
      <ul>
        {data.map((p) => (
          <li>
            <strong>{p.name}</strong> — <span class="break-all">{p.email}</span>: {t(`mailpage.broken.${p.status}`)}
            {p.since && ` (${t("mailpage.broken.since", { date: formatDateTime(locale, p.since) })})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
