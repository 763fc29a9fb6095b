// Small builders for the OpenAPI route definitions, so every operation documents the same
// security, error responses and shapes. The route definitions are also what validates requests.
import type { OpenAPIHono } from "@hono/zod-openapi";
import * as z from "zod";
import type { ApiEnv } from "./context";
import { ErrorSchema, pageSchema } from "./records";
import { archivedQuery, pageQuery } from "./pagination";

export type ApiApp = OpenAPIHono<ApiEnv>;
type Shape = Record<string, z.ZodType>;

const DESCRIPTIONS: Record<number, string> = {
  400: "Bad request: malformed JSON or an invalid query parameter.",
  401: "No valid bearer token.",
  403: "The token may not do this.",
  404: "No such record (or not visible to this token).",
  409: "Stale version (error.current holds the stored record), a conflicting state, or a likely duplicate (code duplicate; error.existing holds the record it repeats).",
  413: "The body is too large.",
  415: "The body is not application/json.",
  422: "Validation failed: see error.fields.",
  429: "Too many requests.",
};

type ErrorResponse = { description: string; content: { "application/json": { schema: typeof ErrorSchema } } };

function errors<const C extends number>(...codes: C[]): Record<C, ErrorResponse> {
  const out = {} as Record<C, ErrorResponse>;
  for (const code of codes) out[code] = { description: DESCRIPTIONS[code]!, content: { "application/json": { schema: ErrorSchema } } };
  return out;
}

const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const security = [{ bearer: [] }];

export const idParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "8f1c…" }),
});

// ---- Typed operations: each route is written out with `createRoute` from these parts, so a handler's
// `c.req.valid("json" | "query" | "param")` has the exact types of the schemas (no casts).

type OpInfo = { id: string; tag: string; summary: string; description?: string };

/** The common head of an operation. */
export function op<const M extends "get" | "post" | "patch", const P extends string>(method: M, path: P, info: OpInfo) {
  return {
    method,
    path,
    operationId: info.id,
    tags: [info.tag],
    summary: info.summary,
    ...(info.description ? { description: info.description } : {}),
    security,
  };
}

/** A JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({ required, content: { "application/json": { schema } } });

/** Responses of a change: the record (200, or 201 when created) and every error a write can give. */
export function changed<S extends z.ZodType, const Code extends 200 | 201 = 200>(item: S, status: Code = 200 as Code) {
  const ok = { [status]: json(item, status === 201 ? "Created: the new record." : "The record after the change.") } as Record<
    Code,
    ReturnType<typeof json<S>>
  >;
  return { ...ok, ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429) };
}

/** Responses of a read of figures (not a record): 404 when a neighbourhood (or table) asked for does not exist. */
export const figures = <S extends z.ZodType>(result: S) => ({ 200: json(result, "The figures."), ...figureErrors() });
/** The errors of a read of figures, for an operation that answers in more than one content type. */
export const figureErrors = () => errors(400, 401, 403, 404, 429);

/** Responses of a read of one record. */
export const found = <S extends z.ZodType>(item: S) => ({ 200: json(item, "The record."), ...errors(401, 403, 404, 429) });

/** Responses of a list. */
export const listed = <S extends z.ZodType>(name: string, item: S, withParams = false) => ({
  200: json(pageSchema(name, item), "One page, in a stable order."),
  ...errors(400, 401, 403, ...(withParams ? [404] : []), 429),
});

/** The query of a list: paging, archived, and the resource's own filters. */
export const listQuery = <Q extends Shape>(query: Q, archived = true) =>
  z.object({ ...pageQuery, ...(archived ? archivedQuery : {}), ...query }) as z.ZodObject<typeof pageQuery & typeof archivedQuery & Q>;
