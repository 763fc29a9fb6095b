import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Role } from "../../src/domain/auth/access";
import type { Attention } from "../../src/domain/initiatives/attention";
import type { InitiativeRow } from "../../src/middleware/scope";
import { StatusForm } from "../initiatives/initiative-header";
import { NextAction, reasonLine } from "../initiatives/attention";
import { TaskRow } from "../tasks/task-row";
import { LevelBadge } from "../risk/risk-badge";
import type { PartnerHome } from "../../src/domain/overview/partner-home";
import { PartnerHeadlines } from "../overview/partner-headlines";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  name: string;
  roles: Role[];
  /** Most urgent first (domain/initiatives/home). */
  myInitiatives: (InitiativeRow & { attention: Attention })[];
  myNeighbourhoods: { id: string; name: string; municipality: string }[];
  partnerNeighbourhoodIds: string[];
  myOrgs: { id: string; name: string }[];
  /** A partner's headline figures of the neighbourhoods their organisation is linked to. */
  partnerHome?: PartnerHome | null;
};

/**
 * "Wat vraagt aandacht": the coordinator's initiatives, the most urgent first, each with its top
 * reason in one line, the one next action and the tasks due now (one-tap answers). Changing the
 * status is rare, so it is tucked away.
 */
function CoordinatorHome(props: Props) {
  const { t, locale } = props;
  return (
    <section aria-labelledby="my-initiatives">
      <h2 id="my-initiatives">{t("attention.title")}</h2>
      {props.myInitiatives.length === 0 ? <p>{t("home.coordinator.none")}</p> : <p class="muted">{t("attention.intro")}</p>}
      {props.myInitiatives.map((i) => {
        const a = i.attention;
        return (
          <article class={`initiative-card attention-${a.level}`} id={`initiative-${i.id}`}>
            <header>
              <h3>
                <a href={`/initiatives/${i.id}`}>{i.name}</a>
              </h3>
              <LevelBadge t={t} level={a.level} />
            </header>
            <p class="reason">{reasonLine(t, locale, a)}</p>
            <NextAction t={t} locale={locale} initiative={i} attention={a} />
            {a.dueTasks.length > 0 && (
              <>
                <h4>{t("attention.dueTasks")}</h4>
                {a.dueTasks.map((task) => (
                  <TaskRow t={t} locale={locale} csrfToken={props.csrfToken} canEdit task={task} next="/" headingLevel={4} compact />
                ))}
              </>
            )}
            <StatusForm t={t} locale={locale} csrfToken={props.csrfToken} initiative={i} next="/" />
            <footer>
              <a href={`/initiatives/${i.id}#tasks`}>{t("home.coordinator.allTasks")}</a> ·{" "}
              <a href={`/initiatives/${i.id}/checkins`}>{t("home.coordinator.checkin")}</a>
            </footer>
          </article>
        );
      })}
    </section>
  );
}

export function HomePage(props: Props) {
  const { t, roles } = props;
  const partnerHoods = props.myNeighbourhoods.filter((n) => props.partnerNeighbourhoodIds.includes(n.id));
  const ownHoods = props.myNeighbourhoods.filter((n) => !props.partnerNeighbourhoodIds.includes(n.id));
  return (
    <>
      <h1>{t("home.welcome", { name: props.name })}</h1>
      {roles.length === 0 && <p>{t("home.noRole")}</p>}
      {roles.includes("coordinator") && <CoordinatorHome {...props} />}
      {roles.includes("coordinator") && ownHoods.length > 0 && (
        <section aria-labelledby="my-neighbourhoods">
          <h2 id="my-neighbourhoods">{t("home.neighbourhoods.title")}</h2>
          <ul>
            {ownHoods.map((n) => (
              <li>
                <a href={`/neighbourhoods/${n.id}`}>{n.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {roles.includes("partner") && (
        <section aria-labelledby="partner-neighbourhoods">
          <h2 id="partner-neighbourhoods">{t("home.partner.title")}</h2>
          {props.myOrgs.map((o) => (
            <p>{t("home.partner.org", { org: o.name })}</p>
          ))}
          {partnerHoods.length === 0 ? (
            <p>{t("home.partner.none")}</p>
          ) : (
            <>
              {props.partnerHome && <PartnerHeadlines t={t} locale={props.locale} home={props.partnerHome} />}
              <p>
                <a href="/overview" role="button">
                  {t("home.partner.overview")}
                </a>{" "}
                <a href="/api-tokens">{t("api.tokens.title")}</a>
              </p>
              <ul>
                {partnerHoods.map((n) => (
                  <li>
                    <a href={`/neighbourhoods/${n.id}`}>{n.name}</a> ({n.municipality}) ·{" "}
                    <a href={`/neighbourhoods/${n.id}/overview`}>{t("home.partner.hoodOverview")}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {roles.includes("admin") && (
        <section aria-labelledby="admin">
          <h2 id="admin">{t("home.admin.title")}</h2>
          <p>{t("home.admin.body")}</p>
          <ul>
            <li>
              <a href="/admin/neighbourhoods">{t("nav.neighbourhoods")}</a>
            </li>
            <li>
              <a href="/admin/partners">{t("nav.partners")}</a>
            </li>
            <li>
              <a href="/admin/people">{t("nav.people")}</a>
            </li>
            <li>
              <a href="/admin/settings">{t("nav.settings")}</a>
            </li>
            <li>
              <a href="/overview">{t("home.partner.overview")}</a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}

export function VisitorPage(props: { t: Translate }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("home.visitor.title")}</h1>
      <p>{t("home.visitor.body")}</p>
      <p>
        <a href="/sign-in" role="button">
          {t("nav.signIn")}
        </a>
      </p>
    </article>
  );
}
