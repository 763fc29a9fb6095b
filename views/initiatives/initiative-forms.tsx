import type { Translate } from "../../src/i18n";
import { CONTINUATION_PLANS, INITIATIVE_STATUSES } from "../../src/db/schema";
import type { InitiativeFormValues } from "../../src/domain/initiatives/initiatives";
import type { ActivityFormValues } from "../../src/domain/initiatives/activities";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";

export function StaleNotice(props: { t: Translate; stored: [string, string][] }) {
  return (
    <div role="alert" class="error-summary">
      <p>{props.t("initiatives.stale")}</p>
      <p>
        <strong>{props.t("initiatives.storedNow")}:</strong>
      </p>
      <dl>
        {props.stored.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v || "—"}</dd>
          </>
        ))}
      </dl>
    </div>
  );
}

export function InitiativeForm(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  title: string;
  values: InitiativeFormValues;
  /** The version the form was loaded with (absent for a new initiative). */
  version?: number | string;
  errors: FieldErrors;
  stale?: [string, string][];
}) {
  const { t, values: v, errors } = props;
  return (
    <>
      <h1>{props.title}</h1>
      {props.stale && <StaleNotice t={t} stored={props.stale} />}
      <form method="post" action={props.action} novalidate>
        <Csrf token={props.csrfToken} />
        {props.version != null && <input type="hidden" name="version" value={String(props.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("initiatives.name")} value={v.name} errors={errors} required />
        <Field t={t} name="purpose" type="textarea" label={t("initiatives.purpose")} value={v.purpose} errors={errors} />
        <Field
          t={t}
          name="startedYear"
          type="number"
          inputmode="numeric"
          label={t("initiatives.startedYear")}
          value={v.startedYear}
          errors={errors}
          required
        />
        <Select
          t={t}
          name="status"
          label={t("initiatives.status")}
          value={v.status ?? "active"}
          errors={errors}
          options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`initiatives.status.${s}`) }))}
        />
        <Select
          t={t}
          name="continuationPlan"
          label={t("initiatives.continuationPlan")}
          value={v.continuationPlan ?? "none"}
          errors={errors}
          options={CONTINUATION_PLANS.map((p) => ({ value: p, label: t(`initiatives.plan.${p}`) }))}
        />
        <Field t={t} name="plannedEndOn" type="date" label={t("initiatives.plannedEndOn")} value={v.plannedEndOn} errors={errors} />
        <Field
          t={t}
          name="continuationNote"
          type="textarea"
          label={t("initiatives.continuationNote")}
          value={v.continuationNote}
          errors={errors}
        />
        <button type="submit">{t("initiatives.save")}</button>
      </form>
    </>
  );
}

export function ArchiveForm(props: { t: Translate; csrfToken: string; action: string; label: string }) {
  return (
    <form method="post" action={props.action} class="archive-form">
      <Csrf token={props.csrfToken} />
      <button type="submit" class="secondary outline">
        {props.label}
      </button>
    </form>
  );
}

export function ActivityForm(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  title: string;
  values: ActivityFormValues;
  /** The version the form was loaded with (absent for a new activity). */
  version?: number | string;
  errors: FieldErrors;
  facilities: { id: string; name: string }[];
  stale?: [string, string][];
}) {
  const { t, values: v, errors } = props;
  return (
    <>
      <h1>{props.title}</h1>
      {props.stale && <StaleNotice t={t} stored={props.stale} />}
      <form method="post" action={props.action} novalidate>
        <Csrf token={props.csrfToken} />
        {props.version != null && <input type="hidden" name="version" value={String(props.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("activities.name")} value={v.name} errors={errors} required />
        <Field t={t} name="rhythm" label={t("activities.rhythm")} hint={t("activities.rhythmHint")} value={v.rhythm} errors={errors} />
        <Field t={t} name="place" label={t("activities.place")} value={v.place} errors={errors} />
        <Select
          t={t}
          name="facilityId"
          label={t("activities.facility")}
          value={v.facilityId ?? ""}
          errors={errors}
          options={[{ value: "", label: t("activities.noFacility") }, ...props.facilities.map((f) => ({ value: f.id, label: f.name }))]}
        />
        <button type="submit">{t("initiatives.save")}</button>
      </form>
    </>
  );
}
