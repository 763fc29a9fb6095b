import type { Translate } from "../../src/i18n";
import { Csrf, ErrorSummary, type FieldErrors } from "../components/form";

/** /me/data: what a signed-in person can do with their own data. */
export function MyDataPage(props: { t: Translate; canManageTokens: boolean }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("rights.my.title")}</h1>
      <p>{t("rights.my.intro")}</p>
      <ul>
        <li>
          <a href="/me/export" download>
            {t("rights.my.export")}
          </a>
        </li>
        <li>
          <a href="/me/erasure">{t("rights.my.erase")}</a>
        </li>
        {props.canManageTokens && (
          <li>
            <a href="/api-tokens">{t("rights.my.tokens")}</a>
          </li>
        )}
      </ul>
    </article>
  );
}

/** The confirmation before an erasure: says plainly that it is final, then asks to tick and post. */
export function ErasurePage(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  cancel: string;
  title: string;
  errors: FieldErrors;
}) {
  const { t, errors } = props;
  return (
    <article>
      <h1>{props.title}</h1>
      <p role="alert" class="error-summary">
        <strong>{t("rights.erase.final")}</strong>
      </p>
      <p>{t("rights.erase.what")}</p>
      <ul>
        <li>{t("rights.erase.what.name")}</li>
        <li>{t("rights.erase.what.text")}</li>
        <li>{t("rights.erase.what.history")}</li>
        <li>{t("rights.erase.what.access")}</li>
        <li>{t("rights.erase.what.audit")}</li>
      </ul>
      <form method="post" action={props.action} novalidate>
        <Csrf token={props.csrfToken} />
        <ErrorSummary t={t} errors={errors} />
        <div id="field-confirm">
          <label>
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              required
              aria-invalid={errors.confirm ? "true" : undefined}
              aria-describedby={errors.confirm ? "field-confirm-error" : undefined}
            />{" "}
            {t("rights.erase.confirm")}
          </label>
          {errors.confirm && (
            <small id="field-confirm-error" class="field-error">
              {t(errors.confirm)}
            </small>
          )}
        </div>
        <button type="submit" class="contrast">
          {t("rights.erase.submit")}
        </button>{" "}
        <a href={props.cancel}>{t("rights.erase.cancel")}</a>
      </form>
    </article>
  );
}

export function ErasureDonePage(props: { t: Translate; message: string }) {
  return (
    <article>
      <h1>{props.t("rights.erase.done.title")}</h1>
      <p role="status">{props.message}</p>
      <p>
        <a href="/">{props.t("error.backHome")}</a>
      </p>
    </article>
  );
}

/** For admins, beside a person's page: download and erase. */
export function PersonDataPage(props: { t: Translate; personId: string; name: string }) {
  const { t } = props;
  return (
    <article>
      <h1>{props.name}</h1>
      <ul>
        <li>
          <a href={`/admin/people/${props.personId}/export`} download>
            {t("rights.person.export")}
          </a>
        </li>
        <li>
          <a href={`/admin/people/${props.personId}/erasure`}>{t("rights.person.erase")}</a>
        </li>
      </ul>
    </article>
  );
}

/** The download page of an export: a neighbourhood's (admins) or an initiative's (its coordinators). */
export function ExportPage(props: { t: Translate; title: string; intro: string; base: string }) {
  const { t, base } = props;
  return (
    <article>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <p class="notice">{t("rights.export.personal")}</p>
      <ul>
        <li>
          <a href={`${base}/export.json`} download>
            {t("rights.export.json")}
          </a>
        </li>
        <li>
          <a href={`${base}/export.zip`} download>
            {t("rights.export.zip")}
          </a>
        </li>
      </ul>
    </article>
  );
}
