// One contract per resource: the list of its fields (./fields.ts) and its cross-field rules. From it
// follow the form (parse a posted body, the values to show again from a body or a stored row, the
// labels), the API (create and update bodies for the OpenAPI document, JSON → domain values) and
// PATCH semantics: a field that is not sent keeps its stored value, because the merge walks the same
// field list that the form and the API do — a new field cannot be forgotten in one of them.
import type {} from "@hono/zod-openapi"; // the types of .openapi(); the API loads it before it builds bodies
import * as z from "zod";
import type { Locale } from "../../db/schema";
import type { MessageKey } from "../../i18n/catalogue";
import { messageOf, type FieldErrors, type Parsed } from "../validation";
import { yearOf } from "../dates";
import type { Field } from "./fields";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any value type
export type Fields = Record<string, Field<any>>;
type ValueOf<F> = F extends Field<infer T> ? T : never;
/** The domain values of a resource: what its create and update functions take. */
export type Values<F extends Fields> = { -readonly [K in keyof F]: ValueOf<F[K]> };
/** What a form shows in each input: a string as typed, a list of ticked ids, a checkbox. */
export type FormValues<F extends Fields> = {
  [K in keyof F]?: ValueOf<F[K]> extends readonly string[] ? string[] : ValueOf<F[K]> extends boolean ? boolean : string;
};
/** The API's JSON for a create: required fields present, optional ones may be null or left out. */
export type JsonValues<F extends Fields> = { [K in keyof F]?: ValueOf<F[K]> | null };
/**
 * A cross-field rule. It sees only the fields that parsed (so it must guard), and names the field it
 * blames. A rule that depends on the date gets `today` (YYYY-MM-DD) from the caller: the parse
 * functions pass on what they are given, and such a rule refuses to run without it.
 */
export type Rule<F extends Fields> = (values: Partial<Values<F>>, today: string | undefined) => FieldErrors;

type Body = Record<string, unknown>;

export type Contract<F extends Fields> = {
  readonly name: string;
  readonly fields: F;
  readonly keys: readonly (keyof F & string)[];
  readonly labels: { readonly [K in keyof F]: MessageKey };
  /** A posted form → the domain values, or a message per field (every message at once). */
  parseForm(body: Body, today?: string): Parsed<Values<F>>;
  /** The same with the `version` the form was loaded with (a stale one is the domain's 409). */
  parseFormUpdate(body: Body, today?: string): Parsed<Values<F> & { version: number }>;
  /** What the user typed, to show a failed form again. */
  formValuesFromBody(body: Body): FormValues<F>;
  /** Domain values (e.g. `stored(row)`) as a form shows them. */
  formValues(values: Values<F>, locale: Locale): FormValues<F>;
  /** A stored record's domain values (the row's columns of the same name, unless `stored` reads them otherwise). */
  stored(row: object): Values<F>;
  /** Validated API JSON → the domain values; with `stored`, a PATCH: fields not sent keep their stored value. */
  fromJson(json: JsonValues<F>, stored?: Values<F>, today?: string): Parsed<Values<F>>;
  /**
   * The API's bodies (built on first use): `extra` adds the create's parent ids, e.g. `{ initiativeId }`;
   * `component` names it in the OpenAPI document when it is not a create (default `${name}Create`).
   */
  createBody<E extends Record<string, z.ZodType> = {}>(
    extra?: E,
    component?: string,
  ): z.ZodType<JsonValues<F> & { [K in keyof E]: z.output<E[K]> }>;
  updateBody(): z.ZodType<JsonValues<F> & { version: number }>;
};

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function notGiven(raw: unknown, posted: Field<unknown>["posted"]): boolean {
  if (posted === "list") return raw === undefined || raw === "" || (Array.isArray(raw) && raw.every((x) => x === ""));
  return blank(raw);
}

export const versionField = () =>
  z.coerce.number("form.invalid").int("form.invalid").min(1, "form.invalid").max(2_147_483_647, "form.invalid");

const apiVersion = () =>
  z
    .number("api.error.type")
    .int("form.invalid")
    .min(1, "form.invalid")
    .max(2_147_483_647, "form.invalid")
    .openapi({ description: "The version you read; a stale one answers 409." });

export function defineContract<const F extends Fields>(def: {
  /** The name of its OpenAPI components (`${name}Create`, `${name}Update`). */
  name: string;
  fields: F;
  rules?: readonly Rule<F>[];
  /** Fields whose stored value is not the row's column of the same name (e.g. ids from a link table). */
  stored?: { [K in keyof F]?: (row: never) => ValueOf<F[K]> };
  /** Turns valid values into what is stored (e.g. clears the fields another choice makes meaningless). */
  normalise?: (values: Values<F>) => Values<F>;
}): Contract<F> {
  const keys = Object.keys(def.fields) as (keyof F & string)[];
  const rules = def.rules ?? [];
  const normalise = def.normalise ?? ((v: Values<F>) => v);
  const labels = Object.fromEntries(keys.map((k) => [k, def.fields[k]!.label])) as { [K in keyof F]: MessageKey };

  function check(values: Partial<Values<F>>, errors: FieldErrors, today: string | undefined) {
    // Bounds that move with the calendar (a date not after today, a year not after this one).
    for (const k of keys) {
      const bound = def.fields[k]!.upToNow;
      const v = values[k];
      if (!bound || v === null || v === undefined) continue;
      if (!today) throw new Error(`${def.name}: ${k} is checked against today: pass it`);
      const limit = bound.atMost === "today" ? today : yearOf(today);
      if ((v as string | number) > limit) errors[k] ??= bound.message;
    }
    for (const rule of rules) for (const [k, m] of Object.entries(rule(values, today))) errors[k] ??= m;
  }

  function parseForm(body: Body, today?: string): Parsed<Values<F>> {
    const values: Partial<Values<F>> = {};
    const errors: FieldErrors = {};
    for (const k of keys) {
      const f = def.fields[k]!;
      const raw = body[k];
      if (notGiven(raw, f.posted)) {
        if (f.fallback === undefined) errors[k] = "form.required";
        else values[k] = f.fallback;
        continue;
      }
      // A single input posted twice (or a file where text belongs) is not a value we can read.
      if (f.posted !== "list" && typeof raw !== "string") {
        errors[k] = "form.invalid";
        continue;
      }
      const r = f.form.safeParse(f.posted === "list" && Array.isArray(raw) ? raw.filter((x) => x !== "") : raw);
      if (r.success) values[k] = r.data;
      else errors[k] = messageOf(r.error.issues[0]!);
    }
    check(values, errors, today);
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: normalise(values as Values<F>) };
  }

  function formValuesFromBody(body: Body): FormValues<F> {
    const out: FormValues<F> = {};
    for (const k of keys) {
      const raw = body[k];
      const posted = def.fields[k]!.posted;
      const shown =
        posted === "list"
          ? (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x) => typeof x === "string")
          : posted === "checkbox"
            ? raw === "on" || raw === "true"
            : typeof raw === "string"
              ? raw
              : "";
      out[k] = shown as never;
    }
    return out;
  }

  let bodies: { create: Map<string, z.ZodType>; update?: z.ZodType } | undefined;
  const jsonShape = (partial: boolean) =>
    Object.fromEntries(
      keys.map((k) => {
        const f = def.fields[k]!;
        const s = f.json();
        return [k, partial ? s.nullable().optional() : f.fallback === undefined ? s : s.nullable().optional()];
      }),
    );

  return {
    name: def.name,
    fields: def.fields,
    keys,
    labels,
    parseForm,
    parseFormUpdate(body, today) {
      const parsed = parseForm(body, today);
      const version = versionField().safeParse(body.version);
      if (!version.success) return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), version: "form.invalid" } };
      return parsed.ok ? { ok: true, data: { ...parsed.data, version: version.data } } : parsed;
    },
    formValuesFromBody,
    formValues(values, locale) {
      const out: FormValues<F> = {};
      for (const k of keys) {
        const v = values[k];
        out[k] = (v === null || v === undefined ? (def.fields[k]!.posted === "list" ? [] : "") : def.fields[k]!.show(v, locale)) as never;
      }
      return out;
    },
    stored(row) {
      const r = row as Record<string, unknown>;
      const readers = (def.stored ?? {}) as Record<string, ((row: object) => unknown) | undefined>;
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const read = readers[k];
        const v = read ? read(row) : r[k];
        out[k] = v === undefined || v === null ? (def.fields[k]!.fallback ?? null) : v;
      }
      return out as Values<F>;
    },
    fromJson(json, stored, today) {
      const values: Partial<Values<F>> = {};
      const errors: FieldErrors = {};
      for (const k of keys) {
        const f = def.fields[k]!;
        const sent = json[k];
        if (sent === undefined) {
          if (stored) values[k] = stored[k];
          else if (f.fallback !== undefined) values[k] = f.fallback;
          else errors[k] = "form.required";
        } else if (sent === null) {
          if (f.fallback === undefined) errors[k] = "form.required";
          else values[k] = f.fallback;
        } else values[k] = sent as Values<F>[typeof k];
      }
      check(values, errors, today);
      return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: normalise(values as Values<F>) };
    },
    createBody(extra, component) {
      bodies ??= { create: new Map() };
      const id = `${component ?? ""}:${Object.keys(extra ?? {}).join(",")}`;
      let body = bodies.create.get(id);
      if (!body) {
        body = z.strictObject({ ...extra, ...jsonShape(false) }).openapi(component ?? `${def.name}Create`);
        bodies.create.set(id, body);
      }
      return body as never;
    },
    updateBody() {
      bodies ??= { create: new Map() };
      bodies.update ??= z.strictObject({ ...jsonShape(true), version: apiVersion() }).openapi(`${def.name}Update`);
      return bodies.update as never;
    },
  };
}
