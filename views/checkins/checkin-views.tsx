import type { Translate } from "../../src/i18n";
import { formatDate, formatDateTime } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { INITIATIVE_STATUSES } from "../../src/db/schema";
import type { Checkin, CheckinFormValues, CheckinNote, CheckinsSectionData } from "../../src/domain/initiatives/checkins";
import { Csrf, ErrorSummary, Field, Notice, Select, type FieldErrors } from "../components/form";
import { CheckinsTimeline } from "./checkins-timeline";
import { FlashMessage } from "../components/page-context";

type InitiativeRef = { id: string; name: string };

export type { CheckinFormValues };

const TEXT_FIELDS = ["wentWell", "residentsOffer", "neededFromPartners", "nextYear", "story"] as const;
const HINTS: Partial<Record<(typeof TEXT_FIELDS)[number], "checkins.field.residentsOfferHint" | "checkins.field.storyHint">> = {
  residentsOffer: "checkins.field.residentsOfferHint",
  story: "checkins.field.storyHint",
};

function BackLink(props: { t: Translate; initiative: InitiativeRef }) {
  return (
    <p>
      <a href={`/initiatives/${props.initiative.id}#checkins`}>← {props.t("volunteers.backTo", { initiative: props.initiative.name })}</a>
    </p>
  );
}

/** Keeps the line breaks people typed, without inline styles. */
function Multiline(props: { text: string }) {
  const lines = props.text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/** All check-ins of an initiative on their own page. */
export function CheckinsPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: InitiativeRef;
  canEdit: boolean;
  data: CheckinsSectionData;
}) {
  const { t, initiative } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} />
      <h1>{initiative.name}</h1>
      <p>{t("checkins.intro")}</p>
      <CheckinsTimeline
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

export function CheckinFormPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: InitiativeRef;
  year: number;
  /** The stored check-in (its version goes into the form), or null for a new one. */
  existing: Checkin | null;
  values: CheckinFormValues;
  errors: FieldErrors;
  prefill: number;
  graceDate: string;
  /** Set after a refused stale save: `existing` is then what is stored now. */
  stale?: boolean;
}) {
  const { t, locale, initiative, year, values, errors, existing } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} />
      <h1>{t("checkins.pageTitle", { year })}</h1>
      <p>
        {initiative.name} · {t("checkins.editableUntil", { date: formatDate(locale, props.graceDate) })}
      </p>
      {props.stale && existing && (
        <div role="alert" class="error-summary">
          <p>{t("checkins.stale")}</p>
          <p>{t("checkins.stale.current")}:</p>
          <CheckinFacts t={t} checkin={existing} />
        </div>
      )}
      <form method="post" action={`/initiatives/${initiative.id}/checkins/${year}`} id="checkin-form" novalidate>
        <Csrf token={props.csrfToken} />
        {existing && <input type="hidden" name="version" value={String(existing.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="status"
          label={t("checkins.field.status")}
          value={values.status}
          errors={errors}
          required
          options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`checkins.status.${s}`) }))}
        />
        <Field
          t={t}
          name="volunteers"
          type="number"
          inputmode="numeric"
          min={0}
          label={t("checkins.field.volunteers")}
          value={values.volunteers}
          errors={errors}
          required
          hint={t("checkins.field.volunteersHint", { count: props.prefill, year })}
        />
        <Field
          t={t}
          name="peopleReached"
          type="number"
          inputmode="numeric"
          min={0}
          label={t("checkins.field.peopleReached")}
          value={values.peopleReached}
          errors={errors}
          required
          hint={t("checkins.field.peopleReachedHint")}
        />
        {TEXT_FIELDS.map((name) => {
          const hint = HINTS[name];
          return (
            <Field
              t={t}
              name={name}
              type="textarea"
              label={t(`checkins.field.${name}`)}
              value={values[name]}
              errors={errors}
              hint={hint ? t(hint) : undefined}
            />
          );
        })}
        <button type="submit">{t("checkins.submit")}</button>
      </form>
    </>
  );
}

function CheckinFacts(props: { t: Translate; checkin: Checkin }) {
  const { t, checkin } = props;
  return (
    <dl>
      <dt>{t("checkins.field.status")}</dt>
      <dd>{t(`checkins.status.${checkin.status}`)}</dd>
      <dt>{t("checkins.field.volunteers")}</dt>
      <dd>{checkin.volunteers}</dd>
      <dt>{t("checkins.field.peopleReached")}</dt>
      <dd>{checkin.peopleReached}</dd>
      {TEXT_FIELDS.filter((name) => checkin[name].trim() !== "").map((name) => (
        <>
          <dt>{t(`checkins.field.${name}`)}</dt>
          <dd>
            <Multiline text={checkin[name]} />
          </dd>
        </>
      ))}
    </dl>
  );
}

/** A check-in as a record: frozen history, or (for readers) a check-in that can still change. */
export function CheckinRecordPage(props: {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: InitiativeRef;
  checkin: Checkin;
  notes: CheckinNote[];
  frozen: boolean;
  canEdit: boolean;
  graceDate: string;
  /** A refused change, said plainly at the top. */
  refusal?: string;
  note: { body: string; errors: FieldErrors };
}) {
  const { t, locale, initiative, checkin } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} />
      <h1>
        {t("checkins.pageTitle", { year: checkin.year })}
        {props.frozen && (
          <>
            {" "}
            <mark class="badge">{t("checkins.frozen")}</mark>
          </>
        )}
      </h1>
      <p>{initiative.name}</p>
      {props.refusal && (
        <div role="alert" class="error-summary">
          <p>{props.refusal}</p>
        </div>
      )}
      <p>{props.frozen ? t("checkins.frozenExplained") : t("checkins.readOnlyOpen", { date: formatDate(locale, props.graceDate) })}</p>
      <article>
        <CheckinFacts t={t} checkin={checkin} />
      </article>
      <section id="notes" aria-labelledby="notes-title">
        <h2 id="notes-title">{t("checkins.notes.title")}</h2>
        <FlashMessage at="notes" />
        {props.notes.length === 0 ? (
          <p>{t("checkins.notes.none")}</p>
        ) : (
          <ol class="checkin-notes">
            {props.notes.map((n) => (
              <li>
                <article>
                  <p>
                    <Multiline text={n.body} />
                  </p>
                  <footer>
                    <small>
                      {t("checkins.notes.by", {
                        date: formatDateTime(locale, n.createdAt),
                        name: n.authorName ?? t("checkins.notes.unknownAuthor"),
                      })}
                    </small>
                  </footer>
                </article>
              </li>
            ))}
          </ol>
        )}
        {props.canEdit && (props.frozen || Object.keys(props.note.errors).length > 0) && (
          <form method="post" action={`/initiatives/${initiative.id}/checkins/${checkin.year}/notes`} id="note-form" novalidate>
            <h3>{t("checkins.notes.add")}</h3>
            <Csrf token={props.csrfToken} />
            <ErrorSummary t={t} errors={props.note.errors} />
            <Field
              t={t}
              name="body"
              type="textarea"
              label={t("checkins.notes.body")}
              value={props.note.body}
              errors={props.note.errors}
              required
              hint={t("checkins.notes.bodyHint")}
            />
            <button type="submit">{t("checkins.notes.submit")}</button>
          </form>
        )}
      </section>
    </>
  );
}

/** No check-in for that year: why, and the way back. */
export function CheckinMissingPage(props: { t: Translate; initiative: InitiativeRef; year: number; message: string; alert?: boolean }) {
  const { t, initiative } = props;
  return (
    <>
      <BackLink t={t} initiative={initiative} />
      <h1>{t("checkins.pageTitle", { year: props.year })}</h1>
      {props.alert ? (
        <div role="alert" class="error-summary">
          <p>{props.message}</p>
        </div>
      ) : (
        <p>{props.message}</p>
      )}
      <p>
        <a href={`/initiatives/${initiative.id}/checkins`}>{t("checkins.allYears")}</a>
      </p>
    </>
  );
}
