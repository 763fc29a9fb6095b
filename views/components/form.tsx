import type { Child } from "hono/jsx";
import type { MessageKey, Translate } from "../../src/i18n";
import { usePage } from "./page-context";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Hidden CSRF field for every form that changes something. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/**
 * The summary at the top of a failed form: announced (role="alert"), focused when the page opens
 * (autofocus; public/app.js after an htmx swap), one link per field that names it and its problem.
 * The fields come after the summary; they note their labels on the page as they render (`FieldLabel`),
 * so the summary waits for them: it is async, and the page's synchronous rest renders first.
 */
export async function ErrorSummary(props: { t: Translate; errors: FieldErrors }) {
  const names = Object.keys(props.errors);
  if (names.length === 0) return null;
  const labels = usePage()?.labels;
  await Promise.resolve();
  return (
    <div role="alert" class="error-summary" tabindex={-1} id="error-summary" autofocus>
      <p>
        <strong>{props.t("form.errors")}</strong>
      </p>
      <ul>
        {names.map((name) => {
          const label = labels?.get(name);
          const message = props.t(props.errors[name]!);
          return (
            <li>
              <a href={`#field-${name}`}>{label ? `${label}: ${message}` : message}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Notes a field's label for the error summary (Field and Select do it themselves). */
export function FieldLabel(props: { name: string; label: string }) {
  usePage()?.labels.set(props.name, props.label);
  return null;
}

type FieldProps = {
  t: Translate;
  name: string;
  label: string;
  errors: FieldErrors;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  inputmode?: "decimal" | "email" | "none" | "numeric" | "search" | "tel" | "text" | "url";
  min?: string | number;
  max?: string | number;
  /** Suggestions offered while typing (a datalist); any other value may still be typed. */
  suggestions?: string[];
};

/**
 * A labelled input with its hint and message right below it (aria-invalid + aria-describedby).
 * The hint and message sit outside the <label>, so the field's accessible name is just its label.
 */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  usePage()?.labels.set(props.name, props.label);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.type === "textarea" ? (
        <textarea
          id={id}
          name={props.name}
          required={props.required}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy}
        >
          {props.value ?? ""}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={props.type ?? "text"}
          value={props.value ?? ""}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          min={props.min}
          max={props.max}
          list={props.suggestions ? `${id}-suggestions` : undefined}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy}
        />
      )}
      {props.suggestions && (
        <datalist id={`${id}-suggestions`}>
          {props.suggestions.map((v) => (
            <option value={v} />
          ))}
        </datalist>
      )}
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {props.t(error)}
        </small>
      )}
    </div>
  );
}

type SelectProps = Omit<FieldProps, "type"> & {
  options: { value: string; label: string }[];
  /** Extra attributes for the select itself (data-hx-* to swap what depends on it). */
  attributes?: Record<string, string>;
};

export function Select(props: SelectProps) {
  const id = `field-${props.name}`;
  const error = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  usePage()?.labels.set(props.name, props.label);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {/* A required select must start with an empty choice (HTML); one that always has a value says it with ARIA. */}
      <select
        id={id}
        name={props.name}
        required={props.required && props.options[0]?.value === ""}
        aria-required={props.required && props.options[0]?.value !== "" ? "true" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
        {...props.attributes}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={String(props.value ?? "") === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {props.t(error)}
        </small>
      )}
    </div>
  );
}

export function Notice(props: { children: Child; kind?: "success" | "info" }) {
  return (
    <p role="status" class={`notice notice-${props.kind ?? "info"}`}>
      {props.children}
    </p>
  );
}
