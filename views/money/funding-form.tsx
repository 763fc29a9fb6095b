import type { Locale } from "../../src/db/schema";
import { FUNDING_KINDS, FUNDING_STATUSES } from "../../src/db/schema";
import { formatDate, formatMoney, type Translate } from "../../src/i18n";
import type { FundingFormOptions, FundingFormValues, FundingWithActivities } from "../../src/domain/money/fundings";

export type { FundingFormValues };
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { ArchiveBox, Facts, StaleBox, optional, periodText, renewalOptions, streamLabel } from "./parts";

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  /** The stored stream when editing; absent for a new one. */
  funding?: FundingWithActivities;
  values: FundingFormValues;
  options: FundingFormOptions;
  errors: FieldErrors;
  stale?: boolean;
  /** The stored stream a new one repeats (same source, amount and dates): shown with "Toch toevoegen". */
  duplicate?: FundingWithActivities;
};

/** The stream a new one repeats, and the choice: add it anyway (the form below, confirmed) or not. */
function DuplicateBox(props: {
  t: Translate;
  locale: Locale;
  existing: FundingWithActivities;
  activities: { id: string; name: string }[];
  back: string;
}) {
  const { t, locale, existing } = props;
  return (
    <div role="alert" class="error-summary" tabindex={-1} id="duplicate-warning" autofocus>
      <h2>{t("money.funding.duplicate.title")}</h2>
      <p>{t("money.funding.duplicate.body")}</p>
      <Facts
        rows={[
          [t("money.funding.source"), existing.sourceName],
          [t("money.funding.kind"), t(`money.funding.kind.${existing.kind}`)],
          [t("money.funding.perYear"), formatMoney(locale, existing.amountCentsPerYear)],
          [t("money.period"), periodText(t, locale, existing.startsOn, existing.endsOn)],
          [t("money.funding.status"), t(`money.funding.status.${existing.status}`)],
          [
            t("money.funding.activities"),
            existing.activityIds.map((id) => props.activities.find((a) => a.id === id)?.name ?? id).join(", ") ||
              t("money.funding.activities.none"),
          ],
        ]}
      />
      <p>{t("money.funding.duplicate.question")}</p>
      <p>
        <button type="submit" form="funding-form" name="confirmDuplicate" value="1">
          {t("money.funding.duplicate.confirm")}
        </button>{" "}
        <a href={props.back} role="button" class="secondary outline">
          {t("money.funding.duplicate.cancel")}
        </a>
      </p>
    </div>
  );
}

/** Add or edit a funding stream; also the 422 and 409 re-render. */
export function FundingFormPage(props: Props) {
  const { t, locale, values, errors, options, funding } = props;
  const base = `/initiatives/${props.initiative.id}/fundings`;
  const action = funding ? `${base}/${funding.id}` : base;
  const activityChoices = options.activities;
  return (
    <>
      <hgroup>
        <h1>{funding ? t("money.funding.edit") : t("money.funding.new")}</h1>
        <p>{t("money.for", { name: props.initiative.name })}</p>
      </hgroup>
      {props.stale && funding && (
        <StaleBox
          t={t}
          rows={[
            [t("money.funding.source"), funding.sourceName],
            [t("money.funding.kind"), t(`money.funding.kind.${funding.kind}`)],
            [t("money.funding.perYear"), formatMoney(locale, funding.amountCentsPerYear)],
            [t("money.period"), periodText(t, locale, funding.startsOn, funding.endsOn)],
            [t("money.funding.status"), t(`money.funding.status.${funding.status}`)],
            [t("money.renewal"), t(`money.renewal.${funding.renewalState}`)],
            [t("money.funding.reportDue"), funding.reportDueOn ? formatDate(locale, funding.reportDueOn) : "—"],
            [
              t("money.funding.replaces"),
              funding.replacesFundingId
                ? streamLabel(
                    t,
                    locale,
                    options.streams.find((f) => f.id === funding.replacesFundingId),
                  )
                : t("money.funding.replaces.none"),
            ],
            [
              t("money.funding.activities"),
              funding.activityIds.map((id) => activityChoices.find((a) => a.id === id)?.name ?? id).join(", ") ||
                t("money.funding.activities.none"),
            ],
          ]}
        />
      )}
      {props.duplicate && (
        <DuplicateBox
          t={t}
          locale={locale}
          existing={props.duplicate}
          activities={activityChoices}
          back={`/initiatives/${props.initiative.id}#funding`}
        />
      )}
      <form method="post" action={action} id="funding-form" novalidate>
        <Csrf token={props.csrfToken} />
        {funding && <input type="hidden" name="version" value={String(funding.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <fieldset>
          <legend>{t("money.funding.source")}</legend>
          <Select
            t={t}
            name="sourcePartnerId"
            label={t("money.funding.sourcePartner")}
            value={values.sourcePartnerId ?? ""}
            errors={errors}
            options={[
              { value: "", label: t("money.funding.sourcePartner.none") },
              ...options.partners.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <Field
            t={t}
            name="sourceName"
            label={t("money.funding.sourceName")}
            hint={t("money.funding.sourceName.hint")}
            value={values.sourceName}
            errors={errors}
            autocomplete="off"
          />
        </fieldset>
        <Select
          t={t}
          name="kind"
          label={t("money.funding.kind")}
          value={values.kind ?? "subsidy"}
          errors={errors}
          required
          options={FUNDING_KINDS.map((k) => ({ value: k, label: t(`money.funding.kind.${k}`) }))}
        />
        <Field
          t={t}
          name="amountCentsPerYear"
          label={t("money.funding.amount")}
          hint={t("money.funding.amount.hint")}
          value={values.amountCentsPerYear}
          errors={errors}
          required
          inputmode="decimal"
          autocomplete="off"
        />
        <Field t={t} name="startsOn" type="date" label={t("money.funding.startsOn")} value={values.startsOn} errors={errors} required />
        <Field t={t} name="endsOn" type="date" label={optional(t, t("money.funding.endsOn"))} value={values.endsOn} errors={errors} />
        <Select
          t={t}
          name="status"
          label={t("money.funding.status")}
          value={values.status ?? "granted"}
          errors={errors}
          required
          options={FUNDING_STATUSES.map((s) => ({ value: s, label: t(`money.funding.status.${s}`) }))}
        />
        <Select
          t={t}
          name="renewalState"
          label={t("money.renewal")}
          value={values.renewalState ?? "none"}
          errors={errors}
          options={renewalOptions(t)}
        />
        <Field
          t={t}
          name="reportDueOn"
          type="date"
          label={optional(t, t("money.funding.reportDueOn"))}
          value={values.reportDueOn}
          errors={errors}
        />
        <Field
          t={t}
          name="reference"
          label={optional(t, t("money.funding.reference"))}
          value={values.reference}
          errors={errors}
          autocomplete="off"
        />
        <Select
          t={t}
          name="replacesFundingId"
          label={t("money.funding.replaces")}
          hint={t("money.funding.replaces.hint")}
          value={values.replacesFundingId ?? ""}
          errors={errors}
          options={[
            { value: "", label: t("money.funding.replaces.none") },
            ...options.streams.map((f) => ({ value: f.id, label: streamLabel(t, locale, f) })),
          ]}
        />
        <fieldset
          id="field-activityIds"
          aria-invalid={errors.activityIds ? "true" : undefined}
          aria-describedby={errors.activityIds ? "field-activityIds-error" : undefined}
        >
          <legend>{t("money.funding.activities")}</legend>
          {activityChoices.length === 0 && <p>{t("money.funding.activities.empty")}</p>}
          {activityChoices.map((a) => (
            <label>
              <input type="checkbox" name="activityIds" value={a.id} checked={values.activityIds?.includes(a.id)} /> {a.name}
            </label>
          ))}
          {errors.activityIds && (
            <small id="field-activityIds-error" class="field-error">
              {t(errors.activityIds)}
            </small>
          )}
        </fieldset>
        <button type="submit">{t("money.save")}</button>
      </form>
      <p>
        <a href={`/initiatives/${props.initiative.id}#funding`}>{t("money.back")}</a>
      </p>
      {funding && <ArchiveBox t={t} csrfToken={props.csrfToken} baseAction={action} archived={!!funding.archivedAt} />}
    </>
  );
}
