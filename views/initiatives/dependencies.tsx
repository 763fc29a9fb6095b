import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Dependencies } from "../../src/domain/initiatives/initiative-page";
import { roleLabel } from "../people/role-label";

function Until(props: { t: Translate; locale: Locale; date: string | null; renewal?: string }) {
  const { t } = props;
  const renewal = props.renewal && props.renewal !== "none" ? ` · ${t(`activities.renewal.${props.renewal as "granted"}`)}` : "";
  return (
    <span class="when">
      {props.date ? t("activities.until", { date: formatDate(props.locale, props.date) }) : t("activities.noEnd")}
      {renewal}
    </span>
  );
}

/** "What an activity needs to continue": money, place, people, partner support, with their dates. */
export function ActivityDependencies(props: {
  t: Translate;
  locale: Locale;
  initiativeId: string;
  canEdit: boolean;
  dep: Dependencies;
  badge?: unknown;
}) {
  const { t, locale, dep } = props;
  const a = dep.activity;
  return (
    <article class="activity-card" id={`activity-${a.id}`}>
      <header>
        <h3>{a.name}</h3>
        <p class="muted">{[a.rhythm, a.place].filter(Boolean).join(" · ")}</p>
        {props.badge}
      </header>
      <dl class="deps">
        <dt>{t("activities.money")}</dt>
        <dd>
          {dep.money.length === 0 ? (
            <span class="muted">{t("activities.noMoney")}</span>
          ) : (
            <ul>
              {dep.money.map((m) => (
                <li>
                  {m.sourceName} — <Until t={t} locale={locale} date={m.endsOn} renewal={m.renewalState} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("activities.placeDep")}</dt>
        <dd>
          {dep.facility ? (
            <>
              {dep.facility.name} — <Until t={t} locale={locale} date={dep.facility.agreementEndsOn} renewal={dep.facility.renewalState} />
            </>
          ) : (
            <span class="muted">{a.place || t("activities.noPlace")}</span>
          )}
        </dd>
        <dt>{t("activities.people")}</dt>
        <dd>
          {dep.people.length === 0 ? (
            <span class="muted">{t("activities.noPeople")}</span>
          ) : (
            <ul>
              {dep.people.map((p) => (
                <li>
                  {p.name} ({roleLabel(t, p.role)}){p.critical && <strong class="badge badge-critical"> {t("activities.critical")}</strong>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("activities.support")}</dt>
        <dd>
          {dep.support.length === 0 ? (
            <span class="muted">{t("activities.noSupport")}</span>
          ) : (
            <ul>
              {dep.support.map((s) => (
                <li>
                  {s.partnerName}: {s.description} — <Until t={t} locale={locale} date={s.endsOn} renewal={s.renewalState} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {props.canEdit && (
        <footer>
          <a href={`/initiatives/${props.initiativeId}/activities/${a.id}/edit`}>{t("activities.edit")}</a>
        </footer>
      )}
    </article>
  );
}
