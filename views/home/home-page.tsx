import type { Translate } from "../../src/i18n";
import type { Role } from "../../src/domain/access";

type Props = {
  t: Translate;
  name: string;
  roles: Role[];
  myInitiatives: { id: string; name: string; status: string }[];
  myNeighbourhoods: { id: string; name: string; municipality: string }[];
  myOrgs: { id: string; name: string }[];
};

export function HomePage(props: Props) {
  const { t, roles } = props;
  return (
    <>
      <h1>{t("home.welcome", { name: props.name })}</h1>
      {roles.length === 0 && <p>{t("home.noRole")}</p>}
      {roles.includes("coordinator") && (
        <section aria-labelledby="my-initiatives">
          <h2 id="my-initiatives">{t("home.coordinator.title")}</h2>
          {props.myInitiatives.length === 0 ? (
            <p>{t("home.coordinator.none")}</p>
          ) : (
            <ul class="initiative-list">
              {props.myInitiatives.map((i) => (
                <li>
                  <a href={`/initiatives/${i.id}`}>{i.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {roles.includes("partner") && (
        <section aria-labelledby="partner-neighbourhoods">
          <h2 id="partner-neighbourhoods">{t("home.partner.title")}</h2>
          {props.myOrgs.map((o) => (
            <p>{t("home.partner.org", { org: o.name })}</p>
          ))}
          {props.myNeighbourhoods.length === 0 ? (
            <p>{t("home.partner.none")}</p>
          ) : (
            <ul>
              {props.myNeighbourhoods.map((n) => (
                <li>
                  <a href={`/neighbourhoods/${n.id}`}>{n.name}</a> ({n.municipality})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {roles.includes("admin") && (
        <section aria-labelledby="admin">
          <h2 id="admin">{t("home.admin.title")}</h2>
          <p>{t("home.admin.body")}</p>
          <p>
            <a href="/admin/people" role="button" class="secondary">
              {t("nav.people")}
            </a>
          </p>
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
