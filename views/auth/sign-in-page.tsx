import type { Translate } from "../../src/i18n";
import { Csrf, ErrorSummary, Field, Notice, type FieldErrors } from "../components/form";

export function SignInForm(props: {
  t: Translate;
  csrfToken: string;
  errors: FieldErrors;
  email?: string;
  next?: string;
  message?: string;
}) {
  const { t } = props;
  return (
    <form method="post" action="/sign-in" novalidate>
      <Csrf token={props.csrfToken} />
      {props.next && <input type="hidden" name="next" value={props.next} />}
      <ErrorSummary t={t} errors={props.errors} />
      <Field
        t={t}
        name="email"
        type="email"
        label={t("signIn.email")}
        errors={props.errors}
        value={props.email}
        required
        autocomplete="email"
        inputmode="email"
      />
      <button type="submit">{t("signIn.submit")}</button>
    </form>
  );
}

export function SignInPage(props: Parameters<typeof SignInForm>[0] & { notice?: string }) {
  return (
    <article>
      <h1>{props.t("signIn.title")}</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p>{props.t("signIn.intro")}</p>
      <SignInForm {...props} />
    </article>
  );
}

export function CheckMailPage(props: { t: Translate }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("signIn.checkMail.title")}</h1>
      <p>{t("signIn.checkMail.body")}</p>
      <p>
        <small>{t("signIn.checkMail.again")}</small>
      </p>
      <p>
        <a href="/sign-in">{t("signIn.submit")}</a>
      </p>
    </article>
  );
}

/** GET on a link only shows this; the POST signs in (mail scanners follow links). */
export function ConfirmSignInPage(props: { t: Translate; csrfToken: string; token: string; name: string; next?: string }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("signIn.confirm.title")}</h1>
      <p>{t("signIn.confirm.body")}</p>
      <p>
        <strong>{props.name}</strong>
      </p>
      <form method="post" action="/sessions">
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <button type="submit">{t("signIn.confirm.button")}</button>
      </form>
    </article>
  );
}

export function InvalidLinkPage(props: { t: Translate; csrfToken: string }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("signIn.invalid.title")}</h1>
      <p>{t("signIn.invalid.body")}</p>
      <SignInForm t={t} csrfToken={props.csrfToken} errors={{}} />
    </article>
  );
}
