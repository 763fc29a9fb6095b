// "Openbare pagina": whether the neighbourhood's public page is on, a link to it, and the
// button that turns it on or off (a plain form post; the lead places it on the neighbourhood
// page for admins and coordinators in the neighbourhood).
import type { Translate } from "../../src/i18n";
import { Csrf } from "../components/form";
import { FlashMessage } from "../components/page-context";

export type PublicationToggleProps = {
  t: Translate;
  csrfToken: string;
  neighbourhood: { id: string; slug: string; published: boolean };
};

export function PublicationToggle(props: PublicationToggleProps) {
  const { t, neighbourhood: hood } = props;
  const href = `/buurt/${hood.slug}`;
  return (
    <section id="public-page" aria-labelledby="public-page-title">
      <h2 id="public-page-title">{t("publication.title")}</h2>
      <FlashMessage at="public-page" />
      {hood.published ? (
        <p>
          {t("publication.on")} <a href={href}>{href}</a>
        </p>
      ) : (
        <p>{t("publication.off")}</p>
      )}
      <form method="post" action={`/neighbourhoods/${hood.id}/publication`} class="no-print">
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="published" value={hood.published ? "0" : "1"} />
        <button type="submit" class={hood.published ? "secondary" : undefined}>
          {hood.published ? t("publication.unpublish") : t("publication.publish")}
        </button>
      </form>
    </section>
  );
}
