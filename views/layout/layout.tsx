import type { Child } from "hono/jsx";
import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Role } from "../../src/domain/auth/access";
import { FlashMessage } from "../components/page-context";

const ADMIN_LINKS = [
  ["/admin/people", "nav.people"],
  ["/admin/neighbourhoods", "nav.neighbourhoods"],
  ["/admin/partners", "nav.partners"],
  ["/admin/settings", "nav.settings"],
  ["/admin/offer-tags", "nav.offerTags"],
  ["/admin/outbox", "nav.outboxAdmin"],
  ["/admin/runs", "runs.nav"],
  ["/api-tokens", "api.tokens.title"],
] as const;

export type LayoutProps = {
  title: string;
  /** The page answers with an error status (a form with mistakes, not found, not allowed…). */
  failed?: boolean;
  t: Translate;
  locale: Locale;
  csrfToken: string;
  path: string;
  user: { name: string; roles: Role[] } | null;
  showDevLinks: boolean;
  assets: { css: string[]; js: string[] };
  children: Child;
};

/** The page shell: skip link, header with navigation by role, main landmark, footer. */
export function Layout(props: LayoutProps) {
  const { t, user } = props;
  const otherLocale: Locale = props.locale === "nl" ? "en" : "nl";
  const title = props.failed ? t("error.titlePrefix", { title: props.title }) : props.title;
  // The API reference is for those who make API tokens: admins and partners.
  const showApi = !!user && (user.roles.includes("admin") || user.roles.includes("partner"));
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta name="htmx-config" content='{"includeIndicatorCSS": false}' />
        <title>{`${title} · ${t("app.name")}`}</title>
        {props.assets.css.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.assets.js.map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header class="container site-header">
          <nav aria-label={t("nav.main")}>
            <ul>
              <li>
                <a href="/" class="brand">
                  <strong>{t("app.name")}</strong>
                </a>
              </li>
            </ul>
            <ul>
              {user && (
                <li>
                  <a href="/" aria-current={props.path === "/" ? "page" : undefined}>
                    {t("nav.home")}
                  </a>
                </li>
              )}
              {user?.roles.includes("admin") &&
                ADMIN_LINKS.map(([href, key]) => (
                  <li>
                    <a href={href} aria-current={props.path.startsWith(href) ? "page" : undefined}>
                      {t(key)}
                    </a>
                  </li>
                ))}
              {props.showDevLinks && (
                <li>
                  <a href="/dev/outbox" aria-current={props.path.startsWith("/dev/outbox") ? "page" : undefined}>
                    {t("nav.outbox")}
                  </a>
                </li>
              )}
              <li>
                <a href={`/locale/${otherLocale}?next=${encodeURIComponent(props.path)}`} lang={otherLocale} hreflang={otherLocale}>
                  {t("nav.switchTo")}
                </a>
              </li>
              {user ? (
                <li>
                  <form method="post" action="/sign-out" class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="secondary outline">
                      {t("nav.signOut")}
                    </button>
                  </form>
                </li>
              ) : (
                <li>
                  <a href="/sign-in">{t("nav.signIn")}</a>
                </li>
              )}
            </ul>
          </nav>
          {user && <p class="signed-in-as">{t("nav.signedInAs", { name: user.name })}</p>}
        </header>
        <main id="main" class="container" tabindex={-1}>
          <FlashMessage />
          {props.children}
        </main>
        <footer class="container site-footer">
          {user && (
            <nav aria-label={t("nav.personal")}>
              <ul>
                <li>
                  <a href="/preferences">{t("nav.preferences")}</a>
                </li>
                <li>
                  <a href="/me/data">{t("rights.my.title")}</a>
                </li>
                {showApi && (
                  <li>
                    <a href="/api/docs">{t("api.title")}</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
          <small>{t("app.tagline")}</small>
        </footer>
      </body>
    </html>
  );
}
