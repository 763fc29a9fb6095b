// The residents' offers of a neighbourhood, for its coordinators and admins: the ones waiting for a
// coordinator (accept / decline, one tap each, without JavaScript), then the accepted and declined.
// The same card serves the short list on the neighbourhood page.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { OfferView } from "../../src/domain/offers/offers";
import { canMail } from "../../src/domain/offers/asks";
import { tagLabel, type OfferTag } from "../../src/domain/offers/tags";
import { todayInAmsterdam } from "../../src/lib/dates";
import { Csrf } from "../components/form";
import { FlashMessage } from "../components/page-context";

type Hood = { id: string; name: string };

function DecisionButton(props: {
  t: Translate;
  csrfToken: string;
  hood: Hood;
  offer: OfferView;
  decision: "accept" | "decline";
  back: string;
}) {
  const { t, offer } = props;
  return (
    <form method="post" action={`/neighbourhoods/${props.hood.id}/offers/${offer.id}/decision`} class="inline-form">
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="decision" value={props.decision} />
      <input type="hidden" name="version" value={String(offer.version)} />
      <input type="hidden" name="back" value={props.back} />
      <button
        type="submit"
        class={props.decision === "accept" ? undefined : "secondary outline"}
        aria-describedby={`offer-${offer.id}-name`}
      >
        {t(props.decision === "accept" ? "offers.accept" : "offers.decline")}
      </button>
    </form>
  );
}

export function OfferCard(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  hood: Hood;
  offer: OfferView;
  tags: OfferTag[];
  back: string;
  canDecide: boolean;
}) {
  const { t, locale, offer: o } = props;
  const tagNames = props.tags.filter((tag) => o.tagIds.includes(tag.id)).map((tag) => tagLabel(tag, locale));
  return (
    <article class="offer-card" id={`offer-${o.id}`} aria-labelledby={`offer-${o.id}-name`}>
      <h3 id={`offer-${o.id}-name`}>{o.name}</h3>
      {o.description !== o.name && <p>{o.description}</p>}
      <p>
        {t("offers.by", { name: o.person.name })}
        {o.person.email && (
          <>
            {" "}
            (<span class="break-all">{o.person.email}</span>)
          </>
        )}
        {!canMail(o.person) && <small> · {t("offers.noMail")}</small>}
        <br />
        <small>
          {[
            tagNames.length > 0 ? `${t("offers.field.tags")}: ${tagNames.join(", ")}` : null,
            `${t("offers.field.frequency")}: ${t(`offers.frequency.${o.frequency}`)}`,
            `${t("offers.field.confirmedAt")}: ${formatDate(locale, todayInAmsterdam(new Date(o.confirmedAt)))}`,
            `${t("offers.field.consentOn")}: ${formatDate(locale, o.consentOn)}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </small>
        {o.status === "accepted" && o.archived && (
          <>
            <br />
            <small>{t("offers.notInRegister")}</small>
          </>
        )}
      </p>
      {props.canDecide && (
        <footer>
          {o.status !== "accepted" && (
            <DecisionButton t={t} csrfToken={props.csrfToken} hood={props.hood} offer={o} decision="accept" back={props.back} />
          )}{" "}
          {o.status !== "declined" && (
            <DecisionButton t={t} csrfToken={props.csrfToken} hood={props.hood} offer={o} decision="decline" back={props.back} />
          )}
        </footer>
      )}
    </article>
  );
}

export function OffersPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  hood: Hood;
  offers: OfferView[];
  tags: OfferTag[];
  isAdmin: boolean;
}) {
  const { t, hood } = props;
  const back = `/neighbourhoods/${hood.id}/offers#offers`;
  const groups = (["waiting", "accepted", "declined"] as const).map((status) => ({
    status,
    items: props.offers.filter((o) => o.status === status),
  }));
  return (
    <>
      <p>
        <a href={`/neighbourhoods/${hood.id}`}>← {hood.name}</a>
      </p>
      <h1>{t("offers.list.title", { name: hood.name })}</h1>
      <p>{t("offers.list.intro")}</p>
      {props.isAdmin && (
        <p>
          <a href="/admin/offer-tags">{t("offers.list.tagsLink")}</a>
        </p>
      )}
      <section id="offers" aria-labelledby="offers-waiting">
        <FlashMessage at="offers" />
        {groups.map((g) => (
          <>
            <h2 id={`offers-${g.status}`}>{t(`offers.list.${g.status}`, { count: g.items.length })}</h2>
            {g.items.length === 0 && g.status === "waiting" && <p>{t("offers.list.noneWaiting")}</p>}
            {g.items.map((o) => (
              <OfferCard
                t={t}
                locale={props.locale}
                csrfToken={props.csrfToken}
                hood={hood}
                offer={o}
                tags={props.tags}
                back={back}
                canDecide
              />
            ))}
          </>
        ))}
      </section>
    </>
  );
}

/** On the neighbourhood page: the offers waiting for a coordinator, and the way to all of them. */
export function HoodOffersSection(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  hood: Hood;
  waiting: OfferView[];
  /** All waiting offers (the list shows the first few). */
  count: number;
  tags: OfferTag[];
}) {
  const { t, hood } = props;
  return (
    <section id="offers" aria-labelledby="hood-offers">
      <h2 id="hood-offers">{t("offers.hood.title")}</h2>
      <FlashMessage at="offers" />
      <p>{t("offers.hood.waiting", { count: props.count })}</p>
      {props.waiting.map((o) => (
        <OfferCard
          t={t}
          locale={props.locale}
          csrfToken={props.csrfToken}
          hood={hood}
          offer={o}
          tags={props.tags}
          back={`/neighbourhoods/${hood.id}#offers`}
          canDecide
        />
      ))}
      <p>
        <a href={`/neighbourhoods/${hood.id}/offers`}>{t("offers.hood.link")}</a>
      </p>
    </section>
  );
}
