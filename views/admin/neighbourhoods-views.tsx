import type { Translate } from "../../src/i18n";
import type { NeighbourhoodFormValues, NeighbourhoodRow } from "../../src/domain/neighbourhoods/neighbourhoods";
import { Csrf, ErrorSummary, Field, type FieldErrors } from "../components/form";
import { DataTable } from "../components/data-table";

type Values = NeighbourhoodFormValues;

function AdminNav(props: { t: Translate }) {
  return (
    <p>
      <a href="/admin/neighbourhoods">{props.t("adminHood.title")}</a> · <a href="/admin/partners">{props.t("partners.title")}</a> ·{" "}
      <a href="/admin/people">{props.t("nav.people")}</a>
    </p>
  );
}
export { AdminNav };

/** A one-button form for archive/restore. */
function StateButton(props: { action: string; csrfToken: string; label: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf token={props.csrfToken} />
      <button type="submit" class="secondary outline">
        {props.label}
      </button>
    </form>
  );
}
export { StateButton };

export function NeighbourhoodsList(props: { t: Translate; csrfToken: string; rows: NeighbourhoodRow[] }) {
  const { t } = props;
  const active = props.rows.filter((r) => !r.archivedAt);
  const archived = props.rows.filter((r) => !!r.archivedAt);
  return (
    <>
      <AdminNav t={t} />
      <h1>{t("adminHood.title")}</h1>
      <p>
        <a href="/admin/neighbourhoods/new" role="button">
          {t("adminHood.new")}
        </a>
      </p>
      {active.length === 0 ? (
        <p>{t("adminHood.none")}</p>
      ) : (
        <DataTable
          caption={t("adminHood.title")}
          head={[t("adminHood.name"), t("adminHood.municipality"), t("adminHood.slug"), t("ws.edit")]}
          rowIds={active.map((n) => `neighbourhood-${n.id}`)}
          rows={active.map((n) => [
            <a href={`/neighbourhoods/${n.id}`}>{n.name}</a>,
            n.municipality,
            <span class="break-all">{n.slug}</span>,
            <>
              <a href={`/admin/neighbourhoods/${n.id}/edit`}>{t("ws.edit")}</a>{" "}
              <StateButton action={`/admin/neighbourhoods/${n.id}/archival`} csrfToken={props.csrfToken} label={t("ws.archive")} />
            </>,
          ])}
        />
      )}
      {archived.length > 0 && (
        <details>
          <summary>{t("ws.archived", { count: archived.length })}</summary>
          <ul>
            {archived.map((n) => (
              <li id={`neighbourhood-${n.id}`}>
                {n.name} ({n.municipality}){" "}
                <StateButton action={`/admin/neighbourhoods/${n.id}/restoration`} csrfToken={props.csrfToken} label={t("ws.restore")} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function NeighbourhoodForm(props: {
  t: Translate;
  csrfToken: string;
  values: Values;
  errors: FieldErrors;
  current?: NeighbourhoodRow;
  stale?: boolean;
}) {
  const { t, values, errors, current } = props;
  return (
    <>
      <AdminNav t={t} />
      <h1>{current ? t("adminHood.edit") : t("adminHood.new")}</h1>
      {props.stale && current && (
        <div role="alert" class="error-summary">
          <p>{t("ws.stale")}</p>
          <p>
            {t("ws.storedNow")}: <strong>{current.name}</strong> · <strong>{current.municipality}</strong> · <strong>{current.slug}</strong>
          </p>
        </div>
      )}
      <form
        method="post"
        action={current ? `/admin/neighbourhoods/${current.id}` : "/admin/neighbourhoods"}
        id="neighbourhood-form"
        novalidate
      >
        <Csrf token={props.csrfToken} />
        {current && <input type="hidden" name="version" value={String(current.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("adminHood.name")} value={values.name} errors={errors} required autocomplete="off" />
        <Field
          t={t}
          name="municipality"
          label={t("adminHood.municipality")}
          value={values.municipality}
          errors={errors}
          required
          autocomplete="off"
        />
        <Field
          t={t}
          name="slug"
          label={t("adminHood.slug")}
          hint={t("adminHood.slugHint")}
          value={values.slug}
          errors={errors}
          autocomplete="off"
        />
        <button type="submit">{t("ws.save")}</button>
      </form>
    </>
  );
}
