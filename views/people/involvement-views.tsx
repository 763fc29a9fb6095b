import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type {
  InvolvementFormValues,
  InvolvementOptions,
  InvolvementRow,
  VolunteersSectionData,
} from "../../src/domain/people/involvements";
import { Csrf, ErrorSummary, Field, Notice, Select, type FieldErrors } from "../components/form";
import { VolunteersSection } from "./volunteers-section";
import { roleLabel, roleSuggestions } from "./role-label";
import { HandoverNotice, SuccessionSection } from "./succession-section";
import type { SuccessionFormValues } from "../../src/domain/people/succession";

type InitiativeRef = { id: string; name: string };

export type { InvolvementFormValues };

function BackLink(props: { t: Translate; initiative: InitiativeRef; anchor?: string }) {
  return (
    <p>
      <a href={`/initiatives/${props.initiative.id}${props.anchor ?? ""}`}>
        ← {props.t("volunteers.backTo", { initiative: props.initiative.name })}
      </a>
    </p>
  );
}

/** The whole list on its own page (also where the "linked an existing person" notice lands). */
export function VolunteersPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: InitiativeRef;
  canEdit: boolean;
  data: VolunteersSectionData;
  notice?: string;
}) {
  const { t, initiative } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} anchor="#volunteers" />
      <h1>{t("volunteers.pageTitle", { initiative: initiative.name })}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <VolunteersSection
        t={t}
        locale={props.locale}
        csrfToken={props.csrfToken}
        initiativeId={initiative.id}
        canEdit={props.canEdit}
        data={props.data}
      />
    </>
  );
}

function RoleField(props: { t: Translate; value?: string; errors: FieldErrors }) {
  const { t } = props;
  return (
    <Field
      t={t}
      name="role"
      label={t("volunteers.form.role")}
      hint={t("volunteers.form.roleHint")}
      value={props.value}
      errors={props.errors}
      required
      autocomplete="off"
      suggestions={roleSuggestions(t)}
    />
  );
}

function CriticalField(props: { t: Translate; checked?: boolean }) {
  const { t } = props;
  return (
    <div>
      <label for="field-critical">
        <input id="field-critical" type="checkbox" name="critical" checked={!!props.checked} aria-describedby="field-critical-hint" />{" "}
        {t("volunteers.form.critical")}
      </label>
      <small id="field-critical-hint">{t("volunteers.form.criticalHint")}</small>
    </div>
  );
}

/** Role, critical, activity and the interval: the part shared by the add and edit forms. */
function InvolvementFields(props: { t: Translate; values: InvolvementFormValues; options: InvolvementOptions; errors: FieldErrors }) {
  const { t, values, errors } = props;
  return (
    <>
      <RoleField t={t} value={values.role} errors={errors} />
      <CriticalField t={t} checked={values.critical} />
      {props.options.activities.length > 0 && (
        <Select
          t={t}
          name="activityId"
          label={t("volunteers.form.activity")}
          value={values.activityId ?? ""}
          errors={errors}
          options={[
            { value: "", label: t("volunteers.wholeInitiative") },
            ...props.options.activities.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
      )}
      <Field t={t} name="since" type="date" label={t("volunteers.form.since")} value={values.since} errors={errors} required />
      <Field
        t={t}
        name="until"
        type="date"
        label={t("volunteers.form.until")}
        value={values.until}
        errors={errors}
        hint={t("volunteers.form.untilHint")}
      />
    </>
  );
}

function PersonChoice(props: { t: Translate; values: InvolvementFormValues; options: InvolvementOptions; errors: FieldErrors }) {
  const { t, values, errors } = props;
  const error = errors.personId;
  return (
    <fieldset>
      <legend>
        <strong>{t("volunteers.form.who")}</strong>
      </legend>
      {props.options.people.length > 0 && (
        <div class="field">
          <label for="field-personId">{t("volunteers.form.existing")}</label>
          <select
            id="field-personId"
            name="personId"
            aria-invalid={error ? "true" : undefined}
            aria-describedby={["field-personId-hint", error ? "field-personId-error" : null].filter(Boolean).join(" ")}
          >
            <option value="" selected={!values.personId}>
              {t("volunteers.form.existingNone")}
            </option>
            {props.options.people.map((p) => (
              <option value={p.id} selected={values.personId === p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <small id="field-personId-hint">{t("volunteers.form.existingHint")}</small>
          {error && (
            <small id="field-personId-error" class="field-error">
              {t(error)}
            </small>
          )}
        </div>
      )}
      <fieldset>
        <legend>{t("volunteers.form.newPerson")}</legend>
        <p>
          <small>{t("volunteers.form.newPersonHint")}</small>
        </p>
        <Field t={t} name="name" label={t("volunteers.form.name")} value={values.name} errors={errors} autocomplete="off" />
        <Field
          t={t}
          name="email"
          type="email"
          label={t("volunteers.form.email")}
          value={values.email}
          errors={errors}
          autocomplete="off"
          inputmode="email"
        />
        <Field
          t={t}
          name="phone"
          type="tel"
          label={t("volunteers.form.phone")}
          value={values.phone}
          errors={errors}
          autocomplete="off"
          inputmode="tel"
        />
      </fieldset>
    </fieldset>
  );
}

export function NewInvolvementPage(props: {
  t: Translate;
  csrfToken: string;
  initiative: InitiativeRef;
  options: InvolvementOptions;
  values: InvolvementFormValues;
  errors: FieldErrors;
}) {
  const { t, initiative, values, errors } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} anchor="#volunteers" />
      <form method="post" action={`/initiatives/${initiative.id}/involvements`} id="involvement-form" novalidate>
        <h1>{t("volunteers.form.newTitle")}</h1>
        <Csrf token={props.csrfToken} />
        <ErrorSummary t={t} errors={errors} />
        <PersonChoice t={t} values={values} options={props.options} errors={errors} />
        <InvolvementFields t={t} values={values} options={props.options} errors={errors} />
        <button type="submit">{t("volunteers.form.submitNew")}</button>
      </form>
    </>
  );
}

export function EditInvolvementPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: InitiativeRef;
  involvement: InvolvementRow;
  options: InvolvementOptions;
  values: InvolvementFormValues;
  errors: FieldErrors;
  /** Set after a refused stale save: the involvement as it is stored now. */
  stale?: boolean;
  ending: { lastDay: string; errors: FieldErrors };
  succession: { values: SuccessionFormValues; errors: FieldErrors };
}) {
  const { t, locale, initiative, involvement: inv, values, errors } = props;
  const name = inv.personErased ? t("volunteers.erased") : inv.personName;
  const base = `/initiatives/${initiative.id}/involvements/${inv.id}`;
  return (
    <>
      <BackLink t={t} initiative={initiative} anchor="#volunteers" />
      <h1>{t("volunteers.form.editTitle", { name })}</h1>
      {props.stale && (
        <div role="alert" class="error-summary">
          <p>{t("volunteers.stale")}</p>
          <p>
            {t("volunteers.stale.current")}: <strong>{roleLabel(t, inv.role)}</strong>
            {inv.critical ? ` (${t("volunteers.critical")})` : ""} · {inv.activityName ?? t("volunteers.wholeInitiative")} ·{" "}
            <strong>
              {inv.until
                ? t("volunteers.fromUntil", { from: formatDate(locale, inv.since), until: formatDate(locale, inv.until) })
                : t("volunteers.from", { date: formatDate(locale, inv.since) })}
            </strong>
          </p>
        </div>
      )}
      <form method="post" action={base} id="involvement-form" novalidate>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="version" value={String(inv.version)} />
        <ErrorSummary t={t} errors={errors} />
        <InvolvementFields t={t} values={values} options={props.options} errors={errors} />
        <button type="submit">{t("volunteers.form.submitEdit")}</button>
      </form>
      <SuccessionSection
        t={t}
        csrfToken={props.csrfToken}
        action={`${base}/succession`}
        involvement={inv}
        options={props.options}
        values={props.succession.values}
        errors={props.succession.errors}
      />
      <section aria-labelledby="ending-title">
        <h2 id="ending-title">{t("volunteers.ending.title")}</h2>
        <p>
          {inv.until
            ? t("volunteers.ending.already", { name, date: formatDate(locale, inv.until) })
            : t("volunteers.ending.intro", { name })}
        </p>
        <HandoverNotice t={t} involvement={inv} />
        <form method="post" action={`${base}/ending`} id="ending-form" novalidate>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="version" value={String(inv.version)} />
          <ErrorSummary t={t} errors={props.ending.errors} />
          <Field
            t={t}
            name="lastDay"
            type="date"
            label={t("volunteers.ending.until")}
            value={props.ending.lastDay}
            errors={props.ending.errors}
            required
          />
          <button type="submit" class="secondary">
            {t("volunteers.ending.submit")}
          </button>
        </form>
      </section>
    </>
  );
}
