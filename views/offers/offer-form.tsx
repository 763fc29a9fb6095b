// "Dit wil ik doen / dit kan ik" on the neighbourhood's public page: name, email, what they offer
// (text and kinds of help), how often, and consent. A plain form post; no account, no JavaScript.
import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { OFFER_FREQUENCIES } from "../../src/db/schema";
import { HONEYPOT_FIELD, OFFER_TEXT_MAX, type OfferRequestFormValues } from "../../src/domain/offers/offer-requests";
import { tagLabel, type OfferTag } from "../../src/domain/offers/tags";
import { Csrf, ErrorSummary, Field, FieldLabel, type FieldErrors } from "../components/form";

function Problem(props: { t: Translate; id: string; errors: FieldErrors; name: string }) {
  const error = props.errors[props.name];
  return error ? (
    <small id={props.id} class="field-error">
      {props.t(error)}
    </small>
  ) : null;
}

export function OfferForm(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  slug: string;
  tags: OfferTag[];
  values: OfferRequestFormValues;
  errors: FieldErrors;
  offered: number;
}) {
  const { t, errors, values } = props;
  const tagIds = values.tagIds ?? [];
  const describe = (name: string) => (errors[name] ? `field-${name}-error` : undefined);
  return (
    <section id="offer" aria-labelledby="offer-title">
      <h2 id="offer-title">{t("offers.public.title")}</h2>
      <p>{t("offers.public.intro")}</p>
      {props.offered > 0 && <p>{props.offered === 1 ? t("offers.public.countOne") : t("offers.public.count", { count: props.offered })}</p>}
      <form method="post" action={`/buurt/${props.slug}/offers#offer`} id="offer-form" novalidate>
        <Csrf token={props.csrfToken} />
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("offers.form.name")} value={values.name} errors={errors} required autocomplete="name" />
        <Field
          t={t}
          name="email"
          type="email"
          label={t("offers.form.email")}
          hint={t("offers.form.emailHint")}
          value={values.email}
          errors={errors}
          required
          autocomplete="email"
          inputmode="email"
        />
        <Field
          t={t}
          name="description"
          type="textarea"
          label={t("offers.form.description")}
          hint={t("offers.form.descriptionHint", { max: OFFER_TEXT_MAX })}
          value={values.description}
          errors={errors}
          required
        />
        {props.tags.length > 0 && (
          <fieldset id="field-tagIds" aria-describedby={describe("tagIds") ?? "field-tagIds-hint"}>
            <FieldLabel name="tagIds" label={t("offers.form.tags")} />
            <legend>{t("offers.form.tags")}</legend>
            <small id="field-tagIds-hint">{t("offers.form.tagsHint")}</small>
            {props.tags.map((tag) => (
              <label>
                <input type="checkbox" name="tagIds" value={tag.id} checked={tagIds.includes(tag.id)} /> {tagLabel(tag, props.locale)}
              </label>
            ))}
            <Problem t={t} id="field-tagIds-error" errors={errors} name="tagIds" />
          </fieldset>
        )}
        <fieldset id="field-frequency" aria-invalid={errors.frequency ? "true" : undefined} aria-describedby={describe("frequency")}>
          <FieldLabel name="frequency" label={t("offers.form.frequency")} />
          <legend>{t("offers.form.frequency")}</legend>
          {OFFER_FREQUENCIES.map((f) => (
            <label>
              <input type="radio" name="frequency" value={f} checked={values.frequency === f} required /> {t(`offers.frequency.${f}`)}
            </label>
          ))}
          <Problem t={t} id="field-frequency-error" errors={errors} name="frequency" />
        </fieldset>
        <FieldLabel name="consent" label={t("offers.field.consent")} />
        <label for="field-consent">
          <input
            type="checkbox"
            id="field-consent"
            name="consent"
            checked={values.consent}
            required
            aria-invalid={errors.consent ? "true" : undefined}
            aria-describedby={["field-consent-hint", describe("consent")].filter(Boolean).join(" ")}
          />{" "}
          {t("offers.form.consent")}
        </label>
        <p>
          <small id="field-consent-hint">{t("offers.form.consentHint")}</small>
          <br />
          <Problem t={t} id="field-consent-error" errors={errors} name="consent" />
        </p>
        <div class="offer-trap" aria-hidden="true">
          <label for="field-website">{t("offers.form.honeypot")}</label>
          <input type="text" id="field-website" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit">{t("offers.form.submit")}</button>
      </form>
    </section>
  );
}

/** After sending: look in your mail (nothing is kept yet). */
export function OfferSentPage(props: { t: Translate; hood: { name: string; slug: string }; hours: number }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("offers.sent.title")}</h1>
      <p role="status">{t("offers.sent.body", { hours: props.hours })}</p>
      <p>{t("offers.sent.spam")}</p>
      <p>
        <a href={`/buurt/${props.hood.slug}`}>{t("offers.back", { name: props.hood.name })}</a>
      </p>
    </article>
  );
}
