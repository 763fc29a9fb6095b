// From JSON to the domain. API bodies are strict objects whose fields come from the domain's own
// form schemas (so the OpenAPI document shows the same limits); the domain schema then runs on the
// adapted values and its cross-field rules decide. No rule is written twice.
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { parseWith } from "../lib/validation";
import { invalid } from "./errors";

export type Shape = Record<string, z.ZodType>;

const acceptsUndefined = (s: z.ZodType) => s.safeParse(undefined).success;

/**
 * Picks fields of a domain form schema's shape. Fields that may be left out also accept null
 * (meaning "none"); `overrides` replaces a field with its JSON form (cents for euros, numbers…).
 */
export function fieldsFrom(shape: Shape, pick: readonly string[], overrides: Shape = {}): Shape {
  const out: Shape = {};
  for (const key of pick) {
    const field = shape[key];
    if (!field) throw new Error(`no field ${key}`);
    // Dates document themselves (format, pattern, range: see dateField in src/lib/dates).
    out[key] = acceptsUndefined(field) ? field.nullable().optional() : field;
  }
  return { ...out, ...overrides };
}

export const version = () =>
  z.number().int().min(1).max(2_147_483_647).openapi({ description: "The version you read; a stale one answers 409." });

export function createBody(name: string, fields: Shape) {
  return z.strictObject(fields).openapi(`${name}Create`);
}

/** Every field optional (a partial change), `version` required. */
export function updateBody(name: string, fields: Shape) {
  const partial: Shape = {};
  for (const [key, field] of Object.entries(fields)) partial[key] = field.optional();
  return z.strictObject({ ...partial, version: version() }).openapi(`${name}Update`);
}

/** JSON null means "none": the form schemas read that as a field left empty. */
export function withoutNulls(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== null) out[k] = v;
  return out;
}

/** Runs a domain schema; its field errors become a 422 with the API's field names. */
export function domainParse<S extends z.ZodType>(schema: S, input: unknown, rename: Record<string, string> = {}): z.output<S> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok) throw invalid(parsed.errors, rename);
  return parsed.data;
}

/** Throws a 422 when a domain check found problems. */
export function assertNoErrors(
  errors: Partial<Record<string, Parameters<typeof invalid>[0][string]>>,
  rename: Record<string, string> = {},
) {
  if (Object.keys(errors).length > 0) throw invalid(errors, rename);
}
