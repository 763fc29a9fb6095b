import type { Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { formatDateTime } from "../../src/i18n";
import type { ApiTokenItem } from "../../src/domain/auth/api-tokens";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { DataTable } from "../components/data-table";

type Option = { id: string; name: string };
export type TokenFormValues = { name?: string; role?: string; partnerId?: string };

export function TokensPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  tokens: ApiTokenItem[];
  partners: Option[];
  isAdmin: boolean;
  values: TokenFormValues;
  errors: FieldErrors;
}) {
  const { t, locale, values, errors } = props;
  return (
    <>
      <h1>{t("api.tokens.title")}</h1>
      <p>{t("api.tokens.intro")}</p>
      <p>
        <a href="/api/docs">{t("api.tokens.docs")}</a>
      </p>
      <section aria-labelledby="tokens-list">
        <h2 id="tokens-list">{t("api.tokens.list")}</h2>
        {props.tokens.length === 0 ? (
          <p>{t("api.tokens.none")}</p>
        ) : (
          <DataTable
            caption={t("api.tokens.list")}
            head={[t("api.tokens.name"), t("api.tokens.role"), t("api.tokens.madeBy"), t("api.tokens.lastUsed"), t("api.tokens.status")]}
            rowIds={props.tokens.map((tok) => `token-${tok.id}`)}
            rows={props.tokens.map((tok) => [
              tok.name,
              tok.role === "admin" ? t("api.tokens.role.admin") : (tok.partnerName ?? t("api.tokens.role.partner")),
              <>
                {tok.createdByName ?? "—"}
                <br />
                <small>{formatDateTime(locale, tok.createdAt)}</small>
              </>,
              tok.lastUsedAt ? formatDateTime(locale, tok.lastUsedAt) : t("api.tokens.never"),
              tok.revokedAt ? (
                t("api.tokens.revokedOn", { date: formatDateTime(locale, tok.revokedAt) })
              ) : (
                <form method="post" action={`/api-tokens/${tok.id}/revocation`} class="inline-form">
                  <Csrf token={props.csrfToken} />
                  <button type="submit" class="secondary" aria-label={`${t("api.tokens.revoke")}: ${tok.name}`}>
                    {t("api.tokens.revoke")}
                  </button>
                </form>
              ),
            ])}
          />
        )}
      </section>
      <section aria-labelledby="tokens-new">
        <h2 id="tokens-new">{t("api.tokens.new")}</h2>
        <form method="post" action="/api-tokens" novalidate>
          <Csrf token={props.csrfToken} />
          <ErrorSummary t={t} errors={errors} />
          <Field
            t={t}
            name="name"
            label={t("api.tokens.name")}
            hint={t("api.tokens.nameHint")}
            value={values.name}
            errors={errors}
            required
            autocomplete="off"
          />
          {props.isAdmin && (
            <Select
              t={t}
              name="role"
              label={t("api.tokens.role")}
              value={values.role ?? "partner"}
              errors={errors}
              options={[
                { value: "partner", label: t("api.tokens.role.partner") },
                { value: "admin", label: t("api.tokens.role.admin") },
              ]}
            />
          )}
          {props.partners.length > 0 && (
            <Select
              t={t}
              name="partnerId"
              label={t("api.tokens.partner")}
              value={values.partnerId ?? props.partners[0]?.id ?? ""}
              errors={errors}
              options={[
                ...(props.isAdmin ? [{ value: "", label: "—" }] : []),
                ...props.partners.map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
          )}
          <button type="submit">{t("api.tokens.create")}</button>
        </form>
      </section>
    </>
  );
}

export function TokenCreatedPage(props: { t: Translate; name: string; token: string }) {
  const { t } = props;
  return (
    <article>
      <h1>{t("api.tokens.created.title")}</h1>
      <p role="status">{t("api.tokens.created.body")}</p>
      <label for="new-token">
        {t("api.tokens.created.value")} ({props.name})
        <input id="new-token" type="text" readonly value={props.token} class="break-all" autocomplete="off" spellcheck={false} />
      </label>
      <p>
        <a href="/api-tokens">{t("api.tokens.created.back")}</a>
      </p>
    </article>
  );
}
