import type { Child } from "hono/jsx";
import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Dependencies } from "../../src/domain/initiatives/initiative-page";
import { InitiativeHeader } from "./initiative-header";
import { ActivityDependencies } from "./dependencies";
import { FlashMessage } from "../components/page-context";

type Props = Parameters<typeof InitiativeHeader>[0] & {
  current: Dependencies[];
  archived: Dependencies[];
  activityBadges?: Record<string, Child>;
  children?: Child;
};

export function InitiativePage(props: Props) {
  const { t, locale } = props;
  const id = props.initiative.id;
  return (
    <>
      <InitiativeHeader {...props} />
      <section id="activities" aria-labelledby="activities-title">
        <h2 id="activities-title">{t("activities.title")}</h2>
        <FlashMessage at="activities" />
        <p class="muted">{t("activities.intro")}</p>
        {props.current.length === 0 && <p>{t("activities.none")}</p>}
        {props.current.map((dep) => (
          <ActivityDependencies
            t={t}
            locale={locale}
            initiativeId={id}
            canEdit={props.canEdit}
            dep={dep}
            badge={props.activityBadges?.[dep.activity.id]}
          />
        ))}
        {props.canEdit && (
          <p>
            <a href={`/initiatives/${id}/activities/new`} role="button" class="secondary">
              {t("activities.new")}
            </a>
          </p>
        )}
        {props.archived.length > 0 && (
          <details>
            <summary>{t("activities.archived")}</summary>
            <ul>
              {props.archived.map((d) => (
                <li>
                  {props.canEdit ? <a href={`/initiatives/${id}/activities/${d.activity.id}/edit`}>{d.activity.name}</a> : d.activity.name}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {props.children}
    </>
  );
}
