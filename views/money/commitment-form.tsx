import type { Locale } from "../../src/db/schema";
import { COMMITMENT_KINDS } from "../../src/db/schema";
import type { Translate } from "../../src/i18n";
import type { CommitmentFormOptions, CommitmentFormValues, CommitmentRow } from "../../src/domain/money/commitments";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { ArchiveBox, StaleBox, optional, periodText, renewalOptions } from "./parts";

export type { CommitmentFormValues };

type Props = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  commitment?: CommitmentRow;
  values: CommitmentFormValues;
  options: CommitmentFormOptions;
  errors: FieldErrors;
  stale?: boolean;
};

/** Add or edit a partner commitment; partners see only their own organisation in the select. */
export function CommitmentFormPage(props: Props) {
  const { t, locale, values, errors, options, commitment } = props;
  const base = `/initiatives/${props.initiative.id}/commitments`;
  const action = commitment ? `${base}/${commitment.id}` : base;
  return (
    <>
      <hgroup>
        <h1>{commitment ? t("money.commitment.edit") : t("money.commitment.new")}</h1>
        <p>{t("money.for", { name: props.initiative.name })}</p>
      </hgroup>
      {props.stale && commitment && (
        <StaleBox
          t={t}
          rows={[
            [t("money.commitment.partner"), options.partners.find((p) => p.id === commitment.partnerId)?.name ?? "—"],
            [
              t("money.commitment.activity"),
              commitment.activityId
                ? (options.activities.find((a) => a.id === commitment.activityId)?.name ?? "—")
                : t("money.commitment.activity.none"),
            ],
            [t("money.commitment.kind"), t(`money.commitment.kind.${commitment.kind}`)],
            [t("money.commitment.description"), commitment.description],
            [t("money.period"), periodText(t, locale, commitment.startsOn, commitment.endsOn)],
            [t("money.renewal"), t(`money.renewal.${commitment.renewalState}`)],
          ]}
        />
      )}
      <form method="post" action={action} id="commitment-form" novalidate>
        <Csrf token={props.csrfToken} />
        {commitment && <input type="hidden" name="version" value={String(commitment.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="partnerId"
          label={t("money.commitment.partner")}
          value={values.partnerId ?? ""}
          errors={errors}
          required
          options={[
            ...(options.partners.length === 1 ? [] : [{ value: "", label: "—" }]),
            ...options.partners.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <Select
          t={t}
          name="activityId"
          label={optional(t, t("money.commitment.activity"))}
          value={values.activityId ?? ""}
          errors={errors}
          options={[
            { value: "", label: t("money.commitment.activity.none") },
            ...options.activities.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <Select
          t={t}
          name="kind"
          label={t("money.commitment.kind")}
          value={values.kind ?? "hours"}
          errors={errors}
          required
          options={COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`money.commitment.kind.${k}`) }))}
        />
        <Field
          t={t}
          name="description"
          label={t("money.commitment.description")}
          hint={t("money.commitment.description.hint")}
          value={values.description}
          errors={errors}
          required
          autocomplete="off"
        />
        <Field t={t} name="startsOn" type="date" label={t("money.commitment.startsOn")} value={values.startsOn} errors={errors} required />
        <Field t={t} name="endsOn" type="date" label={optional(t, t("money.commitment.endsOn"))} value={values.endsOn} errors={errors} />
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
        <a href={`/initiatives/${props.initiative.id}#commitments`}>{t("money.back")}</a>
      </p>
      {commitment && <ArchiveBox t={t} csrfToken={props.csrfToken} baseAction={action} archived={!!commitment.archivedAt} />}
    </>
  );
}
