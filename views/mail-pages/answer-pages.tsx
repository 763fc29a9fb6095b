// The page behind an answer link in a reminder: it shows what will happen and has ONE button
// (the POST); a used, answered-meanwhile, expired or wrong link says so and offers to sign in.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { AnswerChoice, AnswerState } from "../../src/domain/mail/answers";
import { Csrf, Notice } from "../components/form";

export type AnswerPageProps = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  action: string;
  choice: AnswerChoice;
  task: { title: string; initiativeName: string; dueOn: string; href: string };
  state: AnswerState;
  saved: boolean;
  signInHref: string;
};

function SignInOffer(props: { t: Translate; href: string }) {
  return (
    <p>
      {props.t("mailpage.signInOffer")} <a href={props.href}>{props.t("mailpage.signIn")}</a>
    </p>
  );
}

export function AnswerPage(props: AnswerPageProps) {
  const { t, locale, task, state } = props;
  return (
    <article>
      <h1>{t("mailpage.answer.title")}</h1>
      <dl>
        <dt>{t("mailpage.answer.task")}</dt>
        <dd>{task.title}</dd>
        <dt>{t("mailpage.answer.initiative")}</dt>
        <dd>{task.initiativeName}</dd>
        <dt>{t("mailpage.answer.date")}</dt>
        <dd>{formatDate(locale, task.dueOn)}</dd>
      </dl>
      {state.state === "confirm" && (
        <form method="post" action={props.action}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="answer" value={props.choice} />
          <p>{t(`mailpage.answer.ask.${props.choice}`, { date: formatDate(locale, state.snoozeUntil) })}</p>
          <button type="submit">{t(`mailpage.answer.button.${props.choice}`, { date: formatDate(locale, state.snoozeUntil) })}</button>
          <p>
            <small>{t("mailpage.answer.changeNothing")}</small>
          </p>
        </form>
      )}
      {state.state === "used" && (
        <>
          <Notice kind={props.saved ? "success" : "info"}>{props.saved ? t("mailpage.answer.saved") : t("mailpage.answer.used")}</Notice>
          <p>
            {t(`mailpage.answer.yours.${state.answer.kind}`, {
              date: formatDate(locale, state.answer.kind === "snoozed" ? (state.answer.snoozedUntil ?? state.answer.on) : state.answer.on),
            })}
          </p>
          <SignInOffer t={t} href={props.signInHref} />
        </>
      )}
      {state.state === "meanwhile" && (
        <>
          <Notice>{t("mailpage.answer.meanwhile")}</Notice>
          {state.last && (
            <p>
              {t("mailpage.answer.meanwhileBy", {
                who: state.last.byName ?? t("mailpage.answer.someone"),
                date: formatDate(locale, state.last.on),
                answer: t(`mailpage.answer.kind.${state.last.kind}`),
              })}
            </p>
          )}
          <SignInOffer t={t} href={props.signInHref} />
        </>
      )}
      {state.state === "nothingDue" && (
        <>
          <Notice>{t("mailpage.answer.nothingDue")}</Notice>
          <SignInOffer t={t} href={props.signInHref} />
        </>
      )}
      {state.state === "notLinked" && (
        <>
          <p role="alert" class="error-summary">
            {t("mailpage.answer.notLinked")}
          </p>
          <SignInOffer t={t} href={props.signInHref} />
        </>
      )}
    </article>
  );
}

/** A link that cannot be used at all: tampered, expired, unknown person or task, or meant for someone else. */
export function BadAnswerLinkPage(props: { t: Translate; message: string; signInHref: string; taskHref?: string }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("mailpage.answer.invalidTitle")}</h1>
      <p role="alert" class="error-summary">
        {props.message}
      </p>
      {props.taskHref ? (
        <p>
          <a href={props.taskHref}>{t("mailpage.openTask")}</a>
        </p>
      ) : (
        <SignInOffer t={t} href={props.signInHref} />
      )}
    </article>
  );
}
