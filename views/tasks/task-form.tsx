import { formatMonth, type Translate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import { INTERVAL_UNITS, RELATIVE_ANCHORS, TASK_ROLES } from "../../src/db/schema";
import { WINDOW_PRESETS, type TaskFormOptions, type TaskFormValues, type TaskView } from "../../src/domain/tasks/tasks";
import { Csrf, ErrorSummary, Field, FieldLabel, Select, type FieldErrors } from "../components/form";
import { assigneeWords, scheduleWords, subjectLabel } from "./task-row";

function monthOptions(t: Translate, locale: Locale) {
  return [
    { value: "", label: t("tasks.form.noMonth") },
    ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: formatMonth(locale, i + 1) })),
  ];
}

function presetOptions(t: Translate, locale: Locale) {
  return WINDOW_PRESETS.map((p) => ({
    value: p,
    label:
      p === "custom"
        ? t("tasks.preset.custom")
        : p.startsWith("q")
          ? t(`tasks.preset.${p as "q1" | "q2" | "q3" | "q4"}`)
          : t("tasks.preset.month", { month: formatMonth(locale, Number(p.slice(1))) }),
  }));
}

function Checkboxes(props: {
  t: Translate;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  errors: FieldErrors;
  empty?: string;
}) {
  const error = props.errors[props.name];
  return (
    <fieldset
      id={`field-${props.name}`}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={error ? `field-${props.name}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      <FieldLabel name={props.name} label={props.legend} />
      {props.options.length === 0 && props.empty && <p>{props.empty}</p>}
      {props.options.map((o) => (
        <label>
          <input type="checkbox" name={props.name} value={o.value} checked={props.checked.includes(o.value)} /> {o.label}
        </label>
      ))}
      {error && (
        <small id={`field-${props.name}-error`} class="field-error">
          {props.t(error)}
        </small>
      )}
    </fieldset>
  );
}

const SCHEDULE_KINDS = ["once", "interval", "window", "relative"] as const;
type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
const scheduleKind = (value: string | undefined): ScheduleKind =>
  (SCHEDULE_KINDS as readonly string[]).includes(value ?? "") ? (value as ScheduleKind) : "interval";

/**
 * The questions of one kind of schedule only. Also the htmx fragment that replaces itself when
 * the kind changes (GET …/tasks/schedule?scheduleKind=…).
 */
export function ScheduleKindFields(props: { t: Translate; locale: Locale; values: TaskFormValues; errors: FieldErrors }) {
  const { t, locale, values, errors } = props;
  const kind = scheduleKind(values.scheduleKind);
  return (
    <div id="schedule-fields">
      <fieldset>
        <legend>{t(`tasks.kind.${kind}`)}</legend>
        {kind === "once" && <Field t={t} name="onceOn" type="date" label={t("tasks.form.onceOn")} value={values.onceOn} errors={errors} />}
        {kind === "interval" && (
          <>
            <Field
              t={t}
              name="intervalStartOn"
              type="date"
              label={t("tasks.form.intervalStartOn")}
              value={values.intervalStartOn}
              errors={errors}
            />
            <Field
              t={t}
              name="intervalCount"
              type="number"
              inputmode="numeric"
              min={1}
              max={99}
              label={t("tasks.form.intervalCount")}
              value={values.intervalCount}
              errors={errors}
            />
            <Select
              t={t}
              name="intervalUnit"
              label={t("tasks.form.intervalUnit")}
              value={values.intervalUnit}
              errors={errors}
              options={INTERVAL_UNITS.map((u) => ({ value: u, label: t(`tasks.unit.${u}`) }))}
            />
            <Select
              t={t}
              name="intervalFrom"
              label={t("tasks.form.intervalFrom")}
              value={values.intervalFrom}
              errors={errors}
              options={(["due", "completion"] as const).map((f) => ({ value: f, label: t(`tasks.from.${f}`) }))}
            />
          </>
        )}
        {kind === "window" && (
          <>
            <Select
              t={t}
              name="windowPreset"
              label={t("tasks.form.windowPreset")}
              value={values.windowPreset || "custom"}
              errors={errors}
              options={presetOptions(t, locale)}
              hint={t("tasks.form.windowPresetHint")}
            />
            <Select
              t={t}
              name="windowStartMonth"
              label={t("tasks.form.windowStartMonth")}
              value={values.windowStartMonth}
              errors={errors}
              options={monthOptions(t, locale)}
            />
            <Select
              t={t}
              name="windowEndMonth"
              label={t("tasks.form.windowEndMonth")}
              value={values.windowEndMonth}
              errors={errors}
              options={monthOptions(t, locale)}
              hint={t("tasks.form.windowHint")}
            />
          </>
        )}
        {kind === "relative" && (
          <>
            <Select
              t={t}
              name="relativeAnchor"
              label={t("tasks.form.relativeAnchor")}
              value={values.relativeAnchor}
              errors={errors}
              options={RELATIVE_ANCHORS.map((a) => ({ value: a, label: t(`tasks.anchor.${a}`) }))}
              hint={t("tasks.form.relativeHint")}
            />
            <Field
              t={t}
              name="offsetAmount"
              type="number"
              inputmode="numeric"
              min={0}
              max={520}
              label={t("tasks.form.offsetAmount")}
              value={values.offsetAmount}
              errors={errors}
            />
            <Select
              t={t}
              name="offsetUnit"
              label={t("tasks.form.offsetUnit")}
              value={values.offsetUnit}
              errors={errors}
              options={(["day", "week"] as const).map((u) => ({ value: u, label: t(`tasks.offsetUnit.${u}`) }))}
            />
            <Select
              t={t}
              name="offsetDirection"
              label={t("tasks.form.offsetDirection")}
              value={values.offsetDirection}
              errors={errors}
              options={(["before", "after"] as const).map((d) => ({ value: d, label: t(`tasks.direction.${d}`) }))}
            />
          </>
        )}
      </fieldset>
    </div>
  );
}

/**
 * The schedule: first the kind, then only that kind's questions. With JavaScript the questions
 * change as soon as the kind does (htmx swaps them); without, the button below the kind sends the
 * form back with what is filled in so far and the page returns with the new kind's questions.
 */
function ScheduleFields(props: { t: Translate; locale: Locale; base: string; values: TaskFormValues; errors: FieldErrors }) {
  const { t, locale, values, errors } = props;
  return (
    <>
      <Select
        t={t}
        name="scheduleKind"
        label={t("tasks.form.scheduleKind")}
        value={scheduleKind(values.scheduleKind)}
        errors={errors}
        options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`tasks.kind.${k}`) }))}
        hint={t("tasks.form.scheduleHint")}
        attributes={{
          "data-hx-get": `${props.base}/schedule`,
          "data-hx-trigger": "change",
          "data-hx-target": "#schedule-fields",
          "data-hx-swap": "outerHTML",
        }}
      />
      <p class="no-js-only">
        <button type="submit" name="step" value="kind" class="secondary">
          {t("tasks.form.showKind")}
        </button>
      </p>
      <ScheduleKindFields t={t} locale={locale} values={values} errors={errors} />
    </>
  );
}

export type TaskFormPageProps = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  initiative: { id: string; name: string };
  values: TaskFormValues;
  options: TaskFormOptions;
  errors: FieldErrors;
  /** Editing: the task as stored now (its version goes in the form; shown after a stale save). */
  stored?: TaskView;
  /** The version the user started from (kept across a 422, so a later stale save is still caught). */
  version?: number;
  stale?: boolean;
};

/** Add (no `stored`) or edit a task. Works on a phone without JavaScript. */
export function TaskFormPage(props: TaskFormPageProps) {
  const { t, locale, values, errors, options, stored } = props;
  const base = `/initiatives/${props.initiative.id}/tasks`;
  const [currentType, currentId] = (values.subject ?? "").split(":");
  const subjectOptions = options.subjects
    .filter((s) => !s.archived || (s.type === currentType && s.id === currentId))
    .map((s) => ({ value: `${s.type}:${s.id}`, label: t(`tasks.subject.${s.type}`, { name: s.name }) }));
  return (
    <>
      <p>
        <a href={`/initiatives/${props.initiative.id}#tasks`}>{t("tasks.backToInitiative")}</a>
      </p>
      <h1>{stored ? t("tasks.edit.title") : t("tasks.new.title")}</h1>
      <p>{props.initiative.name}</p>
      {props.stale && stored && (
        <div role="alert" class="error-summary">
          <p>{t("tasks.form.stale")}</p>
          <p>
            <strong>{t("tasks.form.storedNow")}:</strong> {stored.title} · {subjectLabel(t, stored)} · {scheduleWords(t, locale, stored)} ·{" "}
            {assigneeWords(t, stored)}
          </p>
        </div>
      )}
      <form method="post" action={stored ? `${base}/${stored.id}` : base} id="task-form" novalidate>
        {/* Enter in a field submits with the form's first button: make that one "save", not "show the questions". */}
        <button type="submit" hidden tabindex={-1}>
          {stored ? t("tasks.form.save") : t("tasks.form.create")}
        </button>
        <Csrf token={props.csrfToken} />
        {stored && <input type="hidden" name="version" value={String(props.version ?? stored.version)} />}
        <ErrorSummary t={t} errors={errors} />
        <Field t={t} name="title" label={t("tasks.form.title")} value={values.title} errors={errors} required autocomplete="off" />
        <Field t={t} name="why" type="textarea" label={t("tasks.form.why")} value={values.why} errors={errors} />
        <Select t={t} name="subject" label={t("tasks.form.subject")} value={values.subject} errors={errors} options={subjectOptions} />
        <ScheduleFields t={t} locale={locale} base={base} values={values} errors={errors} />
        <fieldset>
          <legend>{t("tasks.form.timing")}</legend>
          <Field
            t={t}
            name="leadDays"
            type="number"
            inputmode="numeric"
            min={0}
            max={365}
            label={t("tasks.form.leadDays")}
            value={values.leadDays}
            errors={errors}
          />
          <Field
            t={t}
            name="graceDays"
            type="number"
            inputmode="numeric"
            min={0}
            max={365}
            label={t("tasks.form.graceDays")}
            value={values.graceDays}
            errors={errors}
          />
          <Field t={t} name="endsOn" type="date" label={t("tasks.form.endsOn")} value={values.endsOn} errors={errors} />
        </fieldset>
        <h2>{t("tasks.form.assignees")}</h2>
        <p>
          <small>{t("tasks.form.assigneesHint")}</small>
        </p>
        <Checkboxes
          t={t}
          name="assigneeRoles"
          legend={t("tasks.form.roles")}
          options={TASK_ROLES.map((r) => ({ value: r, label: t(`tasks.role.${r}`) }))}
          checked={values.assigneeRoles ?? []}
          errors={errors}
        />
        <Checkboxes
          t={t}
          name="assigneeIds"
          legend={t("tasks.form.people")}
          options={options.people.map((p) => ({ value: p.id, label: p.name }))}
          checked={values.assigneeIds ?? []}
          errors={errors}
          empty={t("tasks.form.noPeople")}
        />
        <button type="submit">{stored ? t("tasks.form.save") : t("tasks.form.create")}</button>
      </form>
      {stored && !stored.archivedAt && (
        <form method="post" action={`${base}/${stored.id}/archival`}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="version" value={String(stored.version)} />
          <p>
            <small>{t("tasks.archive.hint")}</small>
          </p>
          <button type="submit" class="secondary">
            {t("tasks.archive")}
          </button>
        </form>
      )}
      {stored?.archivedAt && (
        <form method="post" action={`${base}/${stored.id}/restoration`}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="version" value={String(stored.version)} />
          <button type="submit" class="secondary">
            {t("tasks.restore")}
          </button>
        </form>
      )}
    </>
  );
}
