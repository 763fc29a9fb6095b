import type { Translate } from "../../src/i18n";
import type { PersonFormValues, PersonWithRoles } from "../../src/domain/people/people";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";
import { DataTable } from "../components/data-table";

type Options = { initiatives: { id: string; name: string }[]; partnerOrgs: { id: string; name: string }[] };

export function PeopleList(props: { t: Translate; people: PersonWithRoles[]; options: Options }) {
  const { t } = props;
  const initiativeName = (id: string) => props.options.initiatives.find((i) => i.id === id)?.name ?? id;
  const orgName = (id: string) => props.options.partnerOrgs.find((o) => o.id === id)?.name ?? id;
  return (
    <>
      <h1>{t("people.title")}</h1>
      <p>
        <a href="/admin/people/new" role="button">
          {t("people.new")}
        </a>
      </p>
      <DataTable
        caption={t("people.title")}
        head={[t("people.name"), t("people.email"), t("people.roles")]}
        rows={props.people.map((p) => [
          <a href={`/admin/people/${p.id}`}>{p.name}</a>,
          <span class="break-all">{p.email ?? "—"}</span>,
          [
            p.isAdmin ? t("people.role.admin") : null,
            ...p.coordinatorOf.map((id) => `${t("people.role.coordinator")}: ${initiativeName(id)}`),
            ...p.partnerOrgIds.map((id) => `${t("people.role.partner")}: ${orgName(id)}`),
          ]
            .filter(Boolean)
            .join(" · ") || t("people.none"),
        ])}
      />
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

/**
 * The address belongs to someone already: not an error but a way on. The roles chosen in the
 * invitation are offered to that person, added to what they have (their own name and language
 * stay); they sign in with their own address, so no invitation is needed.
 */
function KnownPersonOffer(props: { t: Translate; csrfToken: string; known: PersonWithRoles; values: FormValues; options: Options }) {
  const { t, known, values } = props;
  const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];
  const coordinatorOf = union(known.coordinatorOf, values.coordinatorOf);
  const partnerOrgIds = union(known.partnerOrgIds, values.partnerOrgIds);
  const isAdmin = known.isAdmin || !!values.isAdmin;
  const adds =
    coordinatorOf.length > known.coordinatorOf.length || partnerOrgIds.length > known.partnerOrgIds.length || isAdmin !== known.isAdmin;
  const name = (list: { id: string; name: string }[], id: string) => list.find((o) => o.id === id)?.name ?? id;
  const newRoles = [
    isAdmin && !known.isAdmin ? t("people.role.admin") : null,
    ...coordinatorOf
      .filter((id) => !known.coordinatorOf.includes(id))
      .map((id) => `${t("people.role.coordinator")}: ${name(props.options.initiatives, id)}`),
    ...partnerOrgIds
      .filter((id) => !known.partnerOrgIds.includes(id))
      .map((id) => `${t("people.role.partner")}: ${name(props.options.partnerOrgs, id)}`),
  ].filter((r): r is string => r !== null);
  return (
    <section class="notice" role="alert" tabindex={-1} id="known-person" aria-labelledby="known-person-title">
      <h2 id="known-person-title" class="h3">
        {t("people.known.title", { name: known.name })}
      </h2>
      <p>{t("people.known.body", { name: known.name, email: known.email ?? "" })}</p>
      {adds ? (
        <form method="post" action={`/admin/people/${known.id}`}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="version" value={String(known.version)} />
          <input type="hidden" name="name" value={known.name} />
          <input type="hidden" name="locale" value={known.locale} />
          {isAdmin && <input type="hidden" name="isAdmin" value="on" />}
          {coordinatorOf.map((id) => (
            <input type="hidden" name="coordinatorOf" value={id} />
          ))}
          {partnerOrgIds.map((id) => (
            <input type="hidden" name="partnerOrgIds" value={id} />
          ))}
          <p>{t("people.known.give", { roles: newRoles.join(", ") })}</p>
          <button type="submit">{t("people.known.button", { name: known.name })}</button>
        </form>
      ) : (
        <p>{t("people.known.hasRoles", { name: known.name })}</p>
      )}
      <p>
        <a href={`/admin/people/${known.id}`}>{t("people.known.open", { name: known.name })}</a>
      </p>
    </section>
  );
}

export function InviteForm(props: {
  t: Translate;
  csrfToken: string;
  values: FormValues;
  options: Options;
  errors: FieldErrors;
  /** The address typed belongs to this person already. */
  known?: PersonWithRoles;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <h1>{t("people.new")}</h1>
      {props.known && <KnownPersonOffer t={t} csrfToken={props.csrfToken} known={props.known} values={values} options={props.options} />}
      <form method="post" action="/admin/people" id="person-form" novalidate>
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
    </>
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
