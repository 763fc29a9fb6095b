// Validate once, at the edge. Schemas carry message keys; this turns zod's issues into
// one message per field (for forms) or a list of paths (for the API).
import * as z from "zod";
import { isMessageKey, type MessageKey } from "../i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The message a form shows for a zod issue: the schema's own key, else a general one. */
export function messageOf(issue: z.core.$ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined) return "form.required";
  if (issue.code === "invalid_value") return "form.unknownOption";
  return "form.invalid";
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "_";
    errors[path] ??= messageOf(issue);
  }
  return { ok: false, errors };
}

/** True when the text has no lone surrogate (JSON's "\ud800" can carry one; storing it would change the text). */
export function isWellFormedText(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

/**
 * Every text field of every form and API body starts here: a string that is well-formed Unicode.
 * The check runs first and stops the others, so a broken text gets this message (422), never a
 * length check on something that would be stored differently from what was measured.
 */
export const textString = (typeMessage?: MessageKey) =>
  (typeMessage ? z.string(typeMessage) : z.string()).refine(isWellFormedText, { message: "form.badText", abort: true });

/**
 * Helpers for the few small forms that are no resource (sign-in, API tokens, mail preferences);
 * resources describe their fields in a contract (src/lib/contract). Empty strings mean "not given".
 */
export const requiredText = (max = 200) => textString("form.required").trim().min(1, "form.required").max(max, "form.tooLong");
export const optionalText = (max = 2000) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), textString().trim().max(max, "form.tooLong").optional());
export const email = () =>
  textString("form.required")
    .trim()
    .min(1, "form.required")
    .max(254, "form.tooLong")
    .pipe(z.email("form.email"))
    .transform((e) => e.toLowerCase());
/** Checkbox lists arrive as a string, an array or nothing. */
export const stringList = () => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(textString()));
