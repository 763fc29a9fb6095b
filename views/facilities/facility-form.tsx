import type { Locale } from "../../src/db/schema";
import { formatDate, type Translate } from "../../src/i18n";
import { FACILITY_KIND_SUGGESTIONS, type FacilityFormValues, type FacilityRow } from "../../src/domain/neighbourhoods/facilities";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { ArchiveBox, StaleBox, optional, renewalOptions } from "../money/parts";

export type { FacilityFormValues };

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  neighbourhood: { id: string; name: string };
  facility?: FacilityRow;
  values: FacilityFormValues;
  owners: { id: string; name: string }[];
  errors: FieldErrors;
  stale?: boolean;
};

/** Free text with suggestions: a datalist keeps the field open for anything else. */
function KindField(props: { t: Translate; value?: string; errors: FieldErrors }) {
  const { t } = props;
  return (
    <Field
      t={t}
      name="kind"
      label={optional(t, t("money.facility.kind"))}
      hint={t("money.facility.kind.hint")}
      value={props.value}
      errors={props.errors}
      autocomplete="off"
      suggestions={[...FACILITY_KIND_SUGGESTIONS]}
    />
  );
}

export function FacilityFormPage(props: Props) {
  const { t, locale, values, errors, facility } = props;
  const base = `/neighbourhoods/${props.neighbourhood.id}/facilities`;
  const action = facility ? `${base}/${facility.id}` : base;
  const ownerName = (id: string | null) => (id ? (props.owners.find((o) => o.id === id)?.name ?? "—") : t("money.facility.owner.none"));
  return (
    <>
      <hgroup>
        <h1>{facility ? t("money.facility.edit") : t("money.facility.new")}</h1>
        <p>{t("money.for", { name: props.neighbourhood.name })}</p>
      </hgroup>
      {props.stale && facility && (
        <StaleBox
          t={t}
          rows={[
            [t("money.facility.name"), facility.name],
            [t("money.facility.kind"), facility.kind || "—"],
            [t("money.facility.owner"), ownerName(facility.ownerPartnerId)],
            [t("money.facility.agreement"), facility.agreement || t("money.facility.noAgreement")],
            [
              t("money.facility.agreementEndsOn"),
              facility.agreementEndsOn ? formatDate(locale, facility.agreementEndsOn) : t("money.facility.noEnd"),
            ],
            [t("money.renewal"), t(`money.renewal.${facility.renewalState}`)],
          ]}
        />
      )}
      <form method="post" action={action} id="facility-form" novalidate>
        <Csrf token={props.csrfToken} />
        {facility && <input type="hidden" name="version" value={String(facility.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("money.facility.name")} value={values.name} errors={errors} required autocomplete="off" />
        <KindField t={t} value={values.kind} errors={errors} />
        <Select
          t={t}
          name="ownerPartnerId"
          label={optional(t, t("money.facility.owner"))}
          value={values.ownerPartnerId ?? ""}
          errors={errors}
          options={[{ value: "", label: t("money.facility.owner.none") }, ...props.owners.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <Field
          t={t}
          name="agreement"
          label={optional(t, t("money.facility.agreement"))}
          hint={t("money.facility.agreement.hint")}
          value={values.agreement}
          errors={errors}
          autocomplete="off"
        />
        <Field
          t={t}
          name="agreementEndsOn"
          type="date"
          label={optional(t, t("money.facility.agreementEndsOn"))}
          value={values.agreementEndsOn}
          errors={errors}
        />
        <Select
          t={t}
          name="renewalState"
          label={t("money.renewal")}
          value={values.renewalState ?? "none"}
          errors={errors}
          options={renewalOptions(t)}
        />
        <button type="submit">{t("money.save")}</button>
      </form>
      <p>
        <a href={`/neighbourhoods/${props.neighbourhood.id}#facilities`}>{t("money.back")}</a>
      </p>
      {facility && <ArchiveBox t={t} csrfToken={props.csrfToken} baseAction={action} archived={!!facility.archivedAt} />}
    </>
  );
}
