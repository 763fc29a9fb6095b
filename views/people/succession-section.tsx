// On an involvement's page (coordinators and admins only): who could take over this critical role,
// and the handover note. The note is shown nowhere else.
import type { Translate } from "../../src/i18n";
import type { InvolvementOptions, InvolvementRow } from "../../src/domain/people/involvements";
import type { SuccessionFormValues } from "../../src/domain/people/succession";
import { HANDOVER_NOTE_MAX } from "../../src/domain/people/succession";
import { Csrf, ErrorSummary, Field, Select, type FieldErrors } from "../components/form";

export function SuccessionSection(props: {
  t: Translate;
  csrfToken: string;
  action: string;
  involvement: InvolvementRow;
  options: InvolvementOptions;
  values: SuccessionFormValues;
  errors: FieldErrors;
}) {
  const { t, involvement: inv, values, errors } = props;
  const name = inv.personErased ? t("volunteers.erased") : inv.personName;
  const candidates = props.options.people.filter((p) => p.id !== inv.personId);
  // The stored reserve stays choosable even when they are no longer among the usual options.
  if (inv.reservePersonId && inv.reserveName && !candidates.some((p) => p.id === inv.reservePersonId))
    candidates.push({ id: inv.reservePersonId, name: inv.reserveName });
  return (
    <section id="succession" aria-labelledby="succession-title">
      <h2 id="succession-title">{t("succession.title")}</h2>
      {!inv.critical && !inv.reservePersonId && !inv.handoverNote && Object.keys(errors).length === 0 ? (
        <p>{t("succession.notCritical")}</p>
      ) : (
        <>
          <p>{t("succession.intro", { name })}</p>
          <form method="post" action={props.action} id="succession-form" novalidate>
            <Csrf token={props.csrfToken} />
            <input type="hidden" name="version" value={String(inv.version)} />
            <ErrorSummary t={t} errors={errors} />
            <Select
              t={t}
              name="reservePersonId"
              label={t("succession.reserve")}
              hint={t("succession.reserveHint")}
              value={values.reservePersonId ?? ""}
              errors={errors}
              options={[{ value: "", label: t("succession.reserveNone") }, ...candidates.map((p) => ({ value: p.id, label: p.name }))]}
            />
            <Field
              t={t}
              name="handoverNote"
              type="textarea"
              label={t("succession.note")}
              hint={t("succession.noteHint", { max: HANDOVER_NOTE_MAX })}
              value={values.handoverNote}
              errors={errors}
            />
            <button type="submit">{t("succession.submit")}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** What stopping will do, said before the button: where the tasks go and who is mailed. */
export function HandoverNotice(props: { t: Translate; involvement: InvolvementRow }) {
  const { t, involvement: inv } = props;
  if (!inv.critical || inv.until !== null) return null;
  const name = inv.personErased ? t("volunteers.erased") : inv.personName;
  return (
    <p>
      {inv.reserveName
        ? t("succession.endingWithReserve", { name, reserve: inv.reserveName })
        : t("succession.endingWithoutReserve", { name })}
    </p>
  );
}
