// The pages behind the links in the offers' emails. Each shows what would happen and has ONE button
// (the POST); a link that was used, expired or is wrong explains itself.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { PendingOffer } from "../../src/domain/offers/offer-requests";
import type { AskAnswer, AskState } from "../../src/domain/offers/asks";
import { Csrf, Notice } from "../components/form";
import { todayInAmsterdam } from "../../src/lib/dates";

/** "Dit bood je aan": the offer the link carries, and the button that keeps it. */
export function ConfirmOfferPage(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  hood: { name: string; slug: string };
  pending: PendingOffer;
  tagNames: string[];
  state: "confirm" | "saved" | "exists";
}) {
  const { t, pending } = props;
  return (
    <article>
      <h1>{t("offers.confirm.title")}</h1>
      {props.state === "saved" && <Notice kind="success">{t("offers.confirm.saved", { hood: props.hood.name })}</Notice>}
      {props.state === "exists" && <Notice>{t("offers.confirm.exists", { hood: props.hood.name })}</Notice>}
      <p>{t("offers.confirm.intro", { hood: props.hood.name })}</p>
      <dl>
        <dt>{t("offers.field.name")}</dt>
        <dd>{pending.name}</dd>
        <dt>{t("offers.field.email")}</dt>
        <dd class="break-all">{pending.email}</dd>
        <dt>{t("offers.field.text")}</dt>
        <dd>{pending.description}</dd>
        {props.tagNames.length > 0 && (
          <>
            <dt>{t("offers.field.tags")}</dt>
            <dd>{props.tagNames.join(", ")}</dd>
          </>
        )}
        <dt>{t("offers.field.frequency")}</dt>
        <dd>{t(`offers.frequency.${pending.frequency}`)}</dd>
      </dl>
      {props.state === "confirm" && (
        <form method="post" action={props.action}>
          <Csrf token={props.csrfToken} />
          <button type="submit">{t("offers.confirm.button")}</button>
          <p>
            <small>{t("offers.confirm.changeNothing")}</small>
          </p>
        </form>
      )}
      <p>
        <a href={`/buurt/${props.hood.slug}`}>{t("offers.back", { name: props.hood.name })}</a>
      </p>
    </article>
  );
}

/** A link that cannot be used: tampered with, expired, or about something that is gone. */
export function BadOfferLinkPage(props: { t: Translate; message: string }) {
  return (
    <article>
      <h1>{props.t("offers.confirm.invalidTitle")}</h1>
      <p role="alert" class="error-summary">
        {props.message}
      </p>
    </article>
  );
}

/** "Doe je mee?": the ask, and the one button for the chosen answer. */
export function AskAnswerPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  action: string;
  choice: AskAnswer;
  ask: { activity: string; initiative: string; role: string; rhythm: string; place: string };
  state: AskState;
  saved: boolean;
}) {
  const { t, ask, state } = props;
  return (
    <article>
      <h1>{t("offers.answer.title")}</h1>
      <dl>
        <dt>{t("offers.answer.activity")}</dt>
        <dd>{[ask.activity, ask.rhythm, ask.place].filter(Boolean).join(" · ")}</dd>
        <dt>{t("offers.answer.initiative")}</dt>
        <dd>{ask.initiative}</dd>
        <dt>{t("offers.answer.role")}</dt>
        <dd>{ask.role}</dd>
      </dl>
      {state.state === "confirm" && (
        <form method="post" action={props.action}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="answer" value={props.choice} />
          <p>{t(`offers.answer.ask.${props.choice}`, { activity: ask.activity })}</p>
          <button type="submit" class={props.choice === "no" ? "secondary" : undefined}>
            {t(`offers.answer.button.${props.choice}`)}
          </button>
          <p>
            <small>{t("offers.answer.changeNothing")}</small>
          </p>
        </form>
      )}
      {state.state === "answered" &&
        (props.saved ? (
          <Notice kind="success">{t(`offers.answer.saved.${state.answer}`, { initiative: ask.initiative })}</Notice>
        ) : (
          <Notice>
            {t(`offers.answer.answered.${state.answer}`, { date: formatDate(props.locale, todayInAmsterdam(new Date(state.on))) })}
          </Notice>
        ))}
      {state.state === "closed" && <Notice>{t("offers.answer.closed")}</Notice>}
    </article>
  );
}
