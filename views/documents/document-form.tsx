// Adding a document: a plain multipart form (works without JavaScript), the file's problems next
// to the file input, the kind and what it belongs to chosen from lists.
import type { Translate } from "../../src/i18n";
import { DOCUMENT_KINDS } from "../../src/db/schema";
import { ACCEPT_ATTRIBUTE } from "../../src/domain/documents/file-types";
import type { SubjectChoice } from "../../src/domain/documents/documents";
import { Csrf, ErrorSummary, Field, FieldLabel, Select, type FieldErrors } from "../components/form";
import { subjectText } from "./binder-views";

export type DocumentFormValues = { subject?: string; kind?: string; title?: string };

/** The file input: Field renders text inputs with a value, which a file input must not have. */
function FileField(props: { t: Translate; errors: FieldErrors }) {
  const { t } = props;
  const error = props.errors.file;
  const label = t("documents.field.file");
  return (
    <div class="field">
      <FieldLabel name="file" label={label} />
      <label for="field-file">{label}</label>
      <input
        id="field-file"
        name="file"
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={["field-file-hint", error ? "field-file-error" : ""].filter(Boolean).join(" ")}
      />
      <small id="field-file-hint">{t("documents.field.fileHint")}</small>
      {error && (
        <small id="field-file-error" class="field-error">
          {t(error)}
        </small>
      )}
    </div>
  );
}

export function DocumentFormPage(props: {
  t: Translate;
  csrfToken: string;
  /** Where the form posts (the binder) and where "back" leads. */
  action: string;
  back: { href: string; label: string };
  forName: string;
  subjects: SubjectChoice[];
  values: DocumentFormValues;
  errors: FieldErrors;
  /** The binder has volunteers to attach to: say what that means. */
  personal: boolean;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
      <hgroup>
        <h1>{t("documents.add")}</h1>
        <p>{t("money.for", { name: props.forName })}</p>
      </hgroup>
      <p>{t("documents.form.intro")}</p>
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <Csrf token={props.csrfToken} />
        <ErrorSummary t={t} errors={errors} />
        <FileField t={t} errors={errors} />
        <Select
          t={t}
          name="kind"
          label={t("documents.field.kind")}
          value={values.kind ?? ""}
          errors={errors}
          required
          options={[
            { value: "", label: t("documents.choose") },
            ...DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kind.${k}`) })),
          ]}
        />
        <Select
          t={t}
          name="subject"
          label={t("documents.field.subject")}
          value={values.subject ?? ""}
          errors={errors}
          required
          hint={props.personal ? t("documents.form.personal") : undefined}
          options={[
            ...(props.subjects.length > 1 ? [{ value: "", label: t("documents.choose") }] : []),
            ...props.subjects.map((s) => ({ value: s.value, label: subjectText(t, s.type, s.name) })),
          ]}
        />
        <Field
          t={t}
          name="title"
          label={t("documents.field.title")}
          hint={t("documents.field.titleHint")}
          value={values.title}
          errors={errors}
          autocomplete="off"
        />
        <button type="submit">{t("documents.form.save")}</button>
      </form>
    </>
  );
}
