import type { Translate } from "../../src/i18n";
import { PARTNER_KINDS, partnerKindKey, type PartnerFormValues, type PartnerWithLinks } from "../../src/domain/people/partners";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { AdminNav, StateButton } from "./neighbourhoods-views";

type Values = PartnerFormValues;
type HoodOption = { id: string; name: string; archivedAt: string | null };

export function PartnersList(props: { t: Translate; csrfToken: string; rows: PartnerWithLinks[]; hoods: HoodOption[] }) {
  const { t } = props;
  const active = props.rows.filter((r) => !r.archivedAt);
  const archived = props.rows.filter((r) => !!r.archivedAt);
  const hoodNames = (ids: string[]) =>
    props.hoods
      .filter((h) => ids.includes(h.id))
      .map((h) => h.name)
      .join(", ") || "—";
  return (
    <>
      <AdminNav t={t} />
      <h1>{t("partners.title")}</h1>
      <p>
        <a href="/admin/partners/new" role="button">
          {t("partners.new")}
        </a>
      </p>
      {active.length === 0 ? (
        <p>{t("partners.none")}</p>
      ) : (
        active.map((p) => (
          <article id={`partner-${p.id}`} aria-labelledby={`partner-${p.id}-name`}>
            <h2 id={`partner-${p.id}-name`}>{p.name}</h2>
            <p>
              {t(partnerKindKey(p.kind))} · {t("partners.members")}: {p.memberCount}
              <br />
              {t("partners.neighbourhoods")}: {hoodNames(p.neighbourhoodIds)}
            </p>
            <footer>
              <a href={`/admin/partners/${p.id}/edit`} role="button" class="secondary">
                {t("ws.edit")}
              </a>{" "}
              <StateButton action={`/admin/partners/${p.id}/archival`} csrfToken={props.csrfToken} label={t("ws.archive")} />
            </footer>
          </article>
        ))
      )}
      {archived.length > 0 && (
        <details>
          <summary>{t("ws.archived", { count: archived.length })}</summary>
          <ul>
            {archived.map((p) => (
              <li id={`partner-${p.id}`}>
                {p.name} ({t(partnerKindKey(p.kind))}){" "}
                <StateButton action={`/admin/partners/${p.id}/restoration`} csrfToken={props.csrfToken} label={t("ws.restore")} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function PartnerForm(props: {
  t: Translate;
  csrfToken: string;
  values: Values;
  errors: FieldErrors;
  hoods: HoodOption[];
  current?: PartnerWithLinks;
  stale?: boolean;
}) {
  const { t, errors, current } = props;
  const values = { ...props.values, neighbourhoodIds: props.values.neighbourhoodIds ?? [] };
  const hoods = props.hoods.filter(
    (h) => !h.archivedAt || values.neighbourhoodIds.includes(h.id) || current?.neighbourhoodIds.includes(h.id),
  );
  const linked = (ids: string[]) =>
    props.hoods
      .filter((h) => ids.includes(h.id))
      .map((h) => h.name)
      .join(", ") || "—";
  return (
    <>
      <AdminNav t={t} />
      <h1>{current ? t("partners.edit") : t("partners.new")}</h1>
      {props.stale && current && (
        <div role="alert" class="error-summary">
          <p>{t("ws.stale")}</p>
          <p>
            {t("ws.storedNow")}: <strong>{current.name}</strong> · <strong>{t(partnerKindKey(current.kind))}</strong> ·{" "}
            {t("partners.neighbourhoods")}: <strong>{linked(current.neighbourhoodIds)}</strong>
          </p>
        </div>
      )}
      <form method="post" action={current ? `/admin/partners/${current.id}` : "/admin/partners"} id="partner-form" novalidate>
        <Csrf token={props.csrfToken} />
        {current && <input type="hidden" name="version" value={String(current.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("partners.name")} value={values.name} errors={errors} required autocomplete="off" />
        <Select
          t={t}
          name="kind"
          label={t("partners.kind")}
          value={values.kind}
          errors={errors}
          required
          options={PARTNER_KINDS.map((k) => ({ value: k, label: t(partnerKindKey(k)) }))}
        />
        <fieldset
          id="field-neighbourhoodIds"
          aria-invalid={errors.neighbourhoodIds ? "true" : undefined}
          aria-describedby="field-neighbourhoodIds-hint"
        >
          <legend>{t("partners.neighbourhoods")}</legend>
          <small id="field-neighbourhoodIds-hint">{t("partners.neighbourhoodsHint")}</small>
          {hoods.map((h) => (
            <label>
              <input type="checkbox" name="neighbourhoodIds" value={h.id} checked={values.neighbourhoodIds.includes(h.id)} /> {h.name}
            </label>
          ))}
          {errors.neighbourhoodIds && <small class="field-error">{t(errors.neighbourhoodIds)}</small>}
        </fieldset>
        <button type="submit">{t("ws.save")}</button>
      </form>
    </>
  );
}
