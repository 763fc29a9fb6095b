// A neighbourhood's public page: what it has (assets by ABCD category) and its active
// initiatives with what they do and how to join. No personal data beyond first names and
// asset contacts given with consent.
import type { Translate } from "../../src/i18n";
import type { Child } from "hono/jsx";
import type { PublicPage } from "../../src/domain/overview/public-page";

/** `children`: what follows the ways to join in (the offer form). */
export function PublicNeighbourhoodPage(props: { t: Translate; page: PublicPage; children?: Child }) {
  const { t, page } = props;
  const hood = page.neighbourhood;
  return (
    <article class="public-page">
      <header>
        <h1>{t("public.title", { name: hood.name })}</h1>
        <p>{t("public.intro", { name: hood.name, municipality: hood.municipality })}</p>
        {props.children && (
          <p>
            <a href="#offer">{t("offers.public.jump")}</a>
          </p>
        )}
      </header>

      <section id="join" aria-labelledby="join-title">
        <h2 id="join-title">{t("public.initiatives.title")}</h2>
        {page.initiatives.length === 0 ? (
          <p>{t("public.initiatives.none")}</p>
        ) : (
          page.initiatives.map((i) => (
            <article aria-labelledby={`initiative-${i.id}`}>
              <h3 id={`initiative-${i.id}`}>{i.name}</h3>
              <p>
                <small>{t("public.since", { year: i.startedYear })}</small>
              </p>
              {i.purpose && <p>{i.purpose}</p>}
              {i.activities.length > 0 && (
                <>
                  <h4>{t("public.activities")}</h4>
                  <ul>
                    {i.activities.map((a) => (
                      <li>
                        <strong>{a.name}</strong>
                        {a.rhythm && (
                          <>
                            {" · "}
                            {t("public.when")}: {a.rhythm}
                          </>
                        )}
                        {a.place && (
                          <>
                            {" · "}
                            {t("public.where")}: {a.place}
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                {i.coordinators.length > 0
                  ? t("public.join", { names: i.coordinators.join(` ${t("public.and")} `) })
                  : t("public.joinNoName")}
              </p>
            </article>
          ))
        )}
      </section>

      {props.children}

      <section id="assets" aria-labelledby="assets-title">
        <h2 id="assets-title">{t("public.assets.title")}</h2>
        {page.assets.length === 0 ? (
          <p>{t("public.assets.none")}</p>
        ) : (
          page.assets.map((group) => (
            <section aria-labelledby={`category-${group.category}`}>
              <h3 id={`category-${group.category}`}>{t(`assets.category.${group.category}`)}</h3>
              <ul>
                {group.items.map((a) => (
                  <li>
                    <strong>{a.name}</strong>
                    {a.description && <> — {a.description}</>}
                    {a.contact && (
                      <>
                        <br />
                        <small>{t("public.contact", { contact: [a.contact.name, a.contact.info].filter(Boolean).join(", ") })}</small>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>

      <footer>
        <small>{t("public.madeWith")}</small>
      </footer>
    </article>
  );
}
