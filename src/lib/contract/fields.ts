// The kinds of field a resource's contract is made of. Each kind knows, once, how an HTML form posts
// it (strings; an empty input means "not given"), how the API sends it (JSON; null means "none"),
// what it is in the domain, and how a form shows a stored value again. A resource's contract
// (./define.ts) lists its fields with these builders; forms, API bodies, PATCH and the OpenAPI
// document all follow from that one list.
import type {} from "@hono/zod-openapi"; // the types of .openapi(); the API loads it before it builds bodies
import * as z from "zod";
import type { Locale } from "../../db/schema";
import type { MessageKey } from "../../i18n/catalogue";
import { centsToInput, MAX_EUROS, parseEuros } from "../money";
import { dateField } from "../dates";
import { textString } from "../validation";

/** What a form input shows: text inputs and selects a string, checkbox lists an array, a checkbox a boolean. */
export type FormValue = string | string[] | boolean;

export interface Field<T> {
  /**
   * The field's name in a few words, as people read it (the form's own label where that is short):
   * the history page names a change with it, so a new field is named there as soon as it exists.
   */
  readonly label: MessageKey;
  /**
   * The value when the field is not given (an empty input, an omitted or null JSON value).
   * `undefined` means the field is required: leaving it out is an error.
   */
  readonly fallback: T | undefined;
  /** A given form value (a non-empty string, a list, "on") → the domain value. */
  readonly form: z.ZodType<T>;
  /** A given JSON value (never null) → the same domain value. Built on first use: only the API needs it. */
  readonly json: () => z.ZodType<T>;
  /** A domain value → what the form shows. */
  readonly show: (value: T, locale: Locale) => FormValue;
  /** How a form posts it: one string, a list of strings (checkboxes, multi-selects) or a checkbox. */
  readonly posted: "one" | "list" | "checkbox";
  /** What kind of value it is (tests make sample values from it; ids must name records that exist). */
  readonly kind: FieldKind;
  /**
   * A bound that moves with the calendar (a date not after today, a year not after this one):
   * the contract checks it against the `today` it is given, and the OpenAPI document shows it as
   * the extension AT_MOST, which the served document turns into that day's maximum.
   */
  readonly upToNow?: UpToNow;
}

/** The OpenAPI extension naming a calendar bound: "today" (a date) or "this year" (a year). */
export const AT_MOST = "x-at-most";
export type UpToNow = { atMost: "today" | "this year"; message: MessageKey };

/** The same field, not after today (a date) or this year (a year), with `message` when it is. */
export function upToNow<T extends string | number | null>(f: Field<T>, atMost: UpToNow["atMost"], message: MessageKey): Field<T> {
  return { ...f, upToNow: { atMost, message }, json: () => f.json().openapi({ [AT_MOST]: atMost }) };
}

export type FieldKind = "text" | "email" | "choice" | "choices" | "date" | "money" | "integer" | "checkbox" | "id" | "ids";

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

function field<T>(spec: Omit<Field<T>, "posted" | "show"> & Partial<Pick<Field<T>, "posted" | "show">>): Field<T> {
  return { posted: "one", show: (v) => text(v), ...spec };
}

/**
 * Text that is well-formed Unicode (checked first: src/lib/validation.ts) and at most `max`
 * characters once trimmed. Checks on the string itself (no pipe), so the OpenAPI document shows the limit.
 */
const textSchema = (max: number) => textString("form.invalid").trim().max(max, "form.tooLong");

/**
 * Required text: blank is "not given". `normalise` turns what was typed into what is stored (one
 * spelling of a role); `show` turns it back into words for the form.
 */
export function requiredText(
  label: MessageKey,
  max = 200,
  options: { normalise?: (s: string) => string; show?: (value: string, locale: Locale) => string } = {},
): Field<string> {
  const { normalise, show } = options;
  const schema = () => {
    // Not blank once trimmed; as a length check, so the OpenAPI document shows minLength 1.
    const given = textSchema(max).min(1, "form.required");
    return normalise ? given.transform(normalise) : given;
  };
  return field({ kind: "text", label, fallback: undefined, form: schema(), json: schema, ...(show ? { show } : {}) });
}

/** `pattern`, or nothing at all ("not given"): as a regex check, so the OpenAPI document shows it. */
const orEmpty = (pattern: RegExp) => new RegExp(`^$|${pattern.source}`);

/** Text that may be empty and otherwise matches `pattern` (checked once trimmed), with its own message. */
const patternedText = (max: number, pattern?: [RegExp, MessageKey]) =>
  pattern ? textSchema(max).regex(orEmpty(pattern[0]), pattern[1]) : textSchema(max);

/** Optional text, stored as null when not given; `pattern` refuses what does not look right, with its own message. */
export function optionalText(label: MessageKey, max = 2000, options: { pattern?: [RegExp, MessageKey] } = {}): Field<string | null> {
  const schema = () => patternedText(max, options.pattern).transform((s) => (s === "" ? null : s));
  return field({ kind: "text", label, fallback: null, form: schema(), json: schema });
}

const emailSchema = () =>
  textString("form.invalid")
    .trim()
    .max(254, "form.tooLong")
    .pipe(z.email("form.email"))
    .transform((e) => e.toLowerCase());

/** The same for the API: the OpenAPI document says it is an address (the check is a pipe, which it would not show). */
const emailJson = () => emailSchema().openapi({ format: "email" });

/** An email address, stored in lower case; required. */
export function requiredEmail(label: MessageKey): Field<string> {
  return field({ kind: "email", label, fallback: undefined, form: emailSchema(), json: emailJson });
}

/** An email address, stored in lower case, or null when not given. */
export function optionalEmail(label: MessageKey): Field<string | null> {
  return field<string | null>({ kind: "email", label, fallback: null, form: emailSchema(), json: emailJson });
}

/** Optional text stored as "" when not given (columns that are NOT NULL with an empty default); `pattern` as for optionalText. */
export function textOrEmpty(label: MessageKey, max = 2000, options: { pattern?: [RegExp, MessageKey] } = {}): Field<string> {
  return field({
    kind: "text",
    label,
    fallback: "",
    form: patternedText(max, options.pattern),
    json: () => patternedText(max, options.pattern),
  });
}

/** One of a fixed list (a select or radio buttons); `fallback` when not given, else required. */
export function choice<const V extends readonly [string, ...string[]]>(
  label: MessageKey,
  values: V,
  options: { fallback?: V[number] } = {},
): Field<V[number]> {
  const schema = () => z.enum(values, "form.unknownOption");
  return field({ kind: "choice", label, fallback: options.fallback, form: schema(), json: schema });
}

/** One of a fixed list, or none (null) when not given. */
export function optionalChoice<const V extends readonly [string, ...string[]]>(label: MessageKey, values: V): Field<V[number] | null> {
  const schema = () => z.enum(values, "form.unknownOption");
  return field<V[number] | null>({ kind: "choice", label, fallback: null, form: schema(), json: schema });
}

/** A calendar date, exactly `YYYY-MM-DD` in forms and JSON alike (the one rule: src/lib/dates.ts). */
export function requiredDate(label: MessageKey): Field<string> {
  return field({ kind: "date", label, fallback: undefined, form: dateField(), json: () => dateField() });
}

export function optionalDate(label: MessageKey): Field<string | null> {
  return field<string | null>({ kind: "date", label, fallback: null, form: dateField(), json: () => dateField() });
}

/** Euros as people type them in a form ("1.234,50"), whole cents in JSON and in the domain. */
export function euros(label: MessageKey): Field<number> {
  const typed = z.string("form.invalid").transform((s, ctx) => {
    const cents = parseEuros(s);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "money.amount.invalid", input: s });
      return z.NEVER;
    }
    return cents;
  });
  return field({
    kind: "money",
    label,
    fallback: undefined,
    form: typed,
    json: () =>
      z
        .number("api.error.type")
        .int("form.invalid")
        .min(0, "money.amount.invalid")
        .max(MAX_EUROS * 100, "money.amount.invalid")
        .openapi({ description: "Whole cents." }),
    show: (cents, locale) => centsToInput(cents, locale),
  });
}

type IntegerBounds = { min: number; max: number; message?: MessageKey; grouped?: boolean };

function integerSchemas(bounds: IntegerBounds) {
  const message = bounds.message ?? "form.invalid";
  const number = (s: z.ZodNumber) => s.int("form.invalid").min(bounds.min, message).max(bounds.max, message);
  const form = z
    .string("form.invalid")
    .transform((s) => (bounds.grouped ? s.replace(/\s/g, "").replace(/\.(?=\d{3}(?!\d))/g, "") : s.trim()))
    .pipe(z.string().regex(/^-?\d{1,15}$/, message))
    .transform(Number)
    .pipe(number(z.number("form.invalid")));
  return { form, json: () => number(z.number("api.error.type")) };
}

/**
 * A whole number within bounds; `fallback` when not given, else required. `message` is what a form
 * shows for anything else; `grouped` also reads Dutch thousands ("1.200" is twelve hundred; "1.5" stays wrong).
 */
export function integer(label: MessageKey, bounds: IntegerBounds & { fallback?: number }): Field<number> {
  return field({ kind: "integer", label, fallback: bounds.fallback, ...integerSchemas(bounds) });
}

/** A whole number within bounds, or none (null) when not given. */
export function optionalInteger(label: MessageKey, bounds: IntegerBounds): Field<number | null> {
  return field<number | null>({ kind: "integer", label, fallback: null, ...integerSchemas(bounds) });
}

/** A checkbox: ticked or not; a boolean in JSON. */
export function checkbox(label: MessageKey): Field<boolean> {
  return field({
    kind: "checkbox",
    label,
    fallback: false,
    posted: "checkbox",
    form: z.union([z.literal("on"), z.literal("true")], "form.invalid").transform(() => true),
    json: () => z.boolean("api.error.type"),
    show: (v) => v,
  });
}

const idSchema = () => textString("form.invalid").trim().min(1, "form.required").max(64, "form.invalid");

/** The id of another record (a select); required. Whether it exists is the domain's check. */
export function requiredId(label: MessageKey): Field<string> {
  return field({ kind: "id", label, fallback: undefined, form: idSchema(), json: idSchema });
}

/** The id of another record, or none (the select's empty option). */
export function optionalId(label: MessageKey): Field<string | null> {
  return field<string | null>({ kind: "id", label, fallback: null, form: idSchema(), json: idSchema });
}

/** Several ids (checkboxes); the empty list when none is ticked. Duplicates are dropped, the order kept. */
export function idList(label: MessageKey, options: { max?: number; of?: readonly [string, ...string[]] } = {}): Field<string[]> {
  const item = () => (options.of ? z.enum(options.of, "form.unknownOption") : idSchema());
  const list = () =>
    z
      .array(item(), "form.invalid")
      .max(options.max ?? 100, "ws.error.tooMany")
      .transform((xs) => [...new Set(xs)]);
  return field({
    kind: options.of ? "choices" : "ids",
    label,
    fallback: [],
    posted: "list",
    form: z.preprocess((v) => (Array.isArray(v) ? v : [v]), list()),
    json: list,
    show: (v) => v,
  });
}
