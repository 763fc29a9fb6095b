import type { Translate } from "../../src/i18n";
import type { PersonFormValues, PersonWithRoles } from "../../src/domain/people/people";
import { Csrf, ErrorSummary, Field, Notice, Select, type FieldErrors } from "../components/form";

type Options = { initiatives: { id: string; name: string }[]; partnerOrgs: { id: string; name: string }[] };

export function PeopleList(props: { t: Translate; people: PersonWithRoles[]; options: Options; notice?: string }) {
  const { t } = props;
  const initiativeName = (id: string) => props.options.initiatives.find((i) => i.id === id)?.name ?? id;
  const orgName = (id: string) => props.options.partnerOrgs.find((o) => o.id === id)?.name ?? id;
  return (
    <>
      <h1>{t("people.title")}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <p>
        <a href="/admin/people/new" role="button">
          {t("people.new")}
        </a>
      </p>
      <div class="table-wrap" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.name")}</th>
              <th scope="col">{t("people.email")}</th>
              <th scope="col">{t("people.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((p) => (
              <tr>
                <td>
                  <a href={`/admin/people/${p.id}`}>{p.name}</a>
                </td>
                <td class="break-all">{p.email ?? "—"}</td>
                <td>
                  {[
                    p.isAdmin ? t("people.role.admin") : null,
                    ...p.coordinatorOf.map((id) => `${t("people.role.coordinator")}: ${initiativeName(id)}`),
                    ...p.partnerOrgIds.map((id) => `${t("people.role.partner")}: ${orgName(id)}`),
                  ]
                    .filter(Boolean)
                    .join(" · ") || t("people.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type FormValues = PersonFormValues;

function RoleFields(props: { t: Translate; values: FormValues; options: Options; errors: FieldErrors }) {
  const { t, values, errors } = props;
  return (
    <>
      <fieldset>
        <legend>{t("people.roles")}</legend>
        <label>
          <input type="checkbox" name="isAdmin" checked={!!values.isAdmin} /> {t("people.isAdmin")}
        </label>
      </fieldset>
      <fieldset id="field-coordinatorOf" aria-invalid={errors.coordinatorOf ? "true" : undefined}>
        <legend>{t("people.coordinatorOf")}</legend>
        {props.options.initiatives.map((i) => (
          <label>
            <input type="checkbox" name="coordinatorOf" value={i.id} checked={values.coordinatorOf?.includes(i.id)} /> {i.name}
          </label>
        ))}
        {errors.coordinatorOf && <small class="field-error">{t(errors.coordinatorOf)}</small>}
      </fieldset>
      <fieldset id="field-partnerOrgIds">
        <legend>{t("people.memberOf")}</legend>
        {props.options.partnerOrgs.map((o) => (
          <label>
            <input type="checkbox" name="partnerOrgIds" value={o.id} checked={values.partnerOrgIds?.includes(o.id)} /> {o.name}
          </label>
        ))}
        {errors.partnerOrgIds && <small class="field-error">{t(errors.partnerOrgIds)}</small>}
      </fieldset>
    </>
  );
}

const localeOptions = [
  { value: "nl", label: "Nederlands" },
  { value: "en", label: "English" },
];

export function InviteForm(props: { t: Translate; csrfToken: string; values: FormValues; options: Options; errors: FieldErrors }) {
  const { t, values, errors } = props;
  return (
    <form method="post" action="/admin/people" id="person-form" novalidate>
      <h1>{t("people.new")}</h1>
      <Csrf token={props.csrfToken} />
      <ErrorSummary t={t} errors={errors} />
      <Field t={t} name="name" label={t("people.name")} value={values.name} errors={errors} required autocomplete="off" />
      <Field
        t={t}
        name="email"
        type="email"
        label={t("people.email")}
        value={values.email ?? ""}
        errors={errors}
        required
        autocomplete="off"
      />
      <Select t={t} name="locale" label={t("people.locale")} value={values.locale ?? "nl"} errors={errors} options={localeOptions} />
      <RoleFields t={t} values={values} options={props.options} errors={errors} />
      <button type="submit">{t("people.invite.submit")}</button>
    </form>
  );
}

export function EditPersonPage(props: {
  t: Translate;
  csrfToken: string;
  person: PersonWithRoles;
  values: FormValues;
  options: Options;
  errors: FieldErrors;
  activeSessions: number;
  notice?: string;
  stale?: boolean;
}) {
  const { t, person, values, errors } = props;
  return (
    <>
      <h1>{person.name}</h1>
      <p class="break-all">{person.email}</p>
      <p>
        <a href={`/admin/people/${person.id}/data`}>{t("rights.export.title", { name: person.name })}</a>
      </p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.stale && (
        <div role="alert" class="error-summary">
          <p>{t("people.stale")}</p>
          <p>
            {t("people.name")}: <strong>{person.name}</strong> · {t("people.locale")}: <strong>{person.locale}</strong> ·{" "}
            {t("people.role.admin")}: <strong>{person.isAdmin ? "✓" : "—"}</strong>
          </p>
        </div>
      )}
      <form method="post" action={`/admin/people/${person.id}`} id="person-form" novalidate>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="version" value={String(person.version)} />
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="name" label={t("people.name")} value={values.name} errors={errors} required autocomplete="off" />
        <Select t={t} name="locale" label={t("people.locale")} value={values.locale ?? "nl"} errors={errors} options={localeOptions} />
        <RoleFields t={t} values={values} options={props.options} errors={errors} />
        <button type="submit">{t("people.save")}</button>
      </form>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t("people.sessions")}</h2>
        <p>{t("people.sessions.count", { count: props.activeSessions })}</p>
        <form method="post" action={`/admin/people/${person.id}/session-revocations`}>
          <Csrf token={props.csrfToken} />
          <button type="submit" class="secondary">
            {t("people.sessions.end")}
          </button>
        </form>
      </section>
    </>
  );
}
