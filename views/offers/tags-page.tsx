// The admins' list of the kinds of help residents can tick on the public offer form.
import type { Translate } from "../../src/i18n";
import { ROLE_KEYS } from "../../src/domain/people/involvements";
import type { OfferTag, OfferTagFormValues } from "../../src/domain/offers/tags";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { DataTable } from "../components/data-table";
import { StateButton } from "../admin/neighbourhoods-views";
import { roleLabel } from "../people/role-label";

function TagFields(props: { t: Translate; values: OfferTagFormValues; errors: FieldErrors }) {
  const { t, values, errors } = props;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <Field t={t} name="name" label={t("offers.tag.name")} value={values.name} errors={errors} required autocomplete="off" />
      <Field t={t} name="nameEn" label={t("offers.tag.nameEn")} value={values.nameEn} errors={errors} autocomplete="off" />
      <Select
        t={t}
        name="role"
        label={t("offers.tag.role")}
        value={values.role ?? ""}
        errors={errors}
        options={[{ value: "", label: t("offers.tag.noRole") }, ...ROLE_KEYS.map((r) => ({ value: r, label: roleLabel(t, r) }))]}
      />
    </>
  );
}

export function TagsPage(props: { t: Translate; csrfToken: string; tags: OfferTag[]; values: OfferTagFormValues; errors: FieldErrors }) {
  const { t } = props;
  const active = props.tags.filter((tag) => !tag.archivedAt);
  const archived = props.tags.filter((tag) => !!tag.archivedAt);
  const table = (rows: OfferTag[], caption: string, archivedRows: boolean) => (
    <DataTable
      caption={caption}
      head={[t("offers.tag.name"), t("offers.tag.nameEn"), t("offers.tags.colRole"), t("ws.edit")]}
      rowIds={rows.map((tag) => `tag-${tag.id}`)}
      rows={rows.map((tag) => [
        tag.name,
        tag.nameEn || "—",
        tag.role ? roleLabel(t, tag.role) : "—",
        <>
          <a href={`/admin/offer-tags/${tag.id}/edit`} aria-label={`${t("ws.edit")}: ${tag.name}`}>
            {t("ws.edit")}
          </a>{" "}
          <StateButton
            action={`/admin/offer-tags/${tag.id}/${archivedRows ? "restoration" : "archival"}`}
            csrfToken={props.csrfToken}
            label={t(archivedRows ? "ws.restore" : "ws.archive")}
          />
        </>,
      ])}
    />
  );
  return (
    <>
      <h1>{t("offers.tags.title")}</h1>
      <p>{t("offers.tags.intro")}</p>
      {active.length === 0 ? <p>{t("offers.tags.none")}</p> : table(active, t("offers.tags.inUse", { count: active.length }), false)}
      {archived.length > 0 && (
        <details>
          <summary>{t("offers.tags.archived", { count: archived.length })}</summary>
          {table(archived, t("offers.tags.archived", { count: archived.length }), true)}
        </details>
      )}
      <section aria-labelledby="tag-new">
        <h2 id="tag-new">{t("offers.tags.new")}</h2>
        <form method="post" action="/admin/offer-tags" novalidate>
          <Csrf token={props.csrfToken} />
          <TagFields t={t} values={props.values} errors={props.errors} />
          <button type="submit">{t("offers.tags.new")}</button>
        </form>
      </section>
    </>
  );
}

export function TagEditPage(props: {
  t: Translate;
  csrfToken: string;
  tag: OfferTag;
  values: OfferTagFormValues;
  errors: FieldErrors;
  stale?: boolean;
}) {
  const { t, tag } = props;
  return (
    <>
      <p>
        <a href="/admin/offer-tags">← {t("offers.tags.title")}</a>
      </p>
      <h1>{t("offers.tags.edit")}</h1>
      {props.stale && (
        <div role="alert" class="error-summary">
          <p>{t("ws.stale")}</p>
          <p>
            <strong>{t("ws.storedNow")}:</strong> {tag.name} {tag.nameEn && `(${tag.nameEn})`} {tag.role && `· ${roleLabel(t, tag.role)}`}
          </p>
        </div>
      )}
      <form method="post" action={`/admin/offer-tags/${tag.id}`} novalidate>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="version" value={String(tag.version)} />
        <TagFields t={t} values={props.values} errors={props.errors} />
        <button type="submit">{t("ws.save")}</button>
      </form>
    </>
  );
}
