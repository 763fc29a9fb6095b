// One error shape everywhere:
//   { "error": { "code": "validation_failed", "message": "…", "fields": [{ "path": "endsOn", "message": "…" }] } }
// Messages come from the catalogue in the caller's language; field messages are the same ones the
// screens show next to a field.
import type * as z from "zod";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isMessageKey, type MessageKey, type Translate } from "../i18n";
import type { FieldErrors } from "../lib/validation";

export type ErrorCode =
  | "bad_request"
  | "malformed_json"
  | "invalid_query"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "stale_version"
  | "conflict"
  | "duplicate"
  | "payload_too_large"
  | "unsupported_media_type"
  | "validation_failed"
  | "rate_limited"
  | "internal";

const MESSAGE: Record<ErrorCode, MessageKey> = {
  bad_request: "api.error.badRequest",
  malformed_json: "api.error.malformedJson",
  invalid_query: "api.error.invalidQuery",
  unauthorized: "api.error.unauthorized",
  forbidden: "api.error.forbidden",
  not_found: "api.error.notFound",
  method_not_allowed: "api.error.methodNotAllowed",
  stale_version: "api.error.stale",
  conflict: "api.error.conflict",
  duplicate: "api.error.duplicate",
  payload_too_large: "api.error.tooLarge",
  unsupported_media_type: "api.error.mediaType",
  validation_failed: "api.error.validation",
  rate_limited: "api.error.rateLimited",
  internal: "api.error.internal",
};

export type FieldMessage = { path: string; key: MessageKey };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly extra: {
      fields?: FieldMessage[];
      current?: unknown;
      /** On 409 duplicate: the record this one would repeat. */
      existing?: unknown;
      messageKey?: MessageKey;
      vars?: Record<string, string | number>;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new ApiError(404, "not_found");
export const forbidden = () => new ApiError(403, "forbidden");
export const conflict = (messageKey: MessageKey, vars?: Record<string, string | number>) =>
  new ApiError(409, "conflict", { messageKey, vars });
export const stale = (current: unknown) => new ApiError(409, "stale_version", { current });

/** Field errors as the domain gives them (path → message key): the contract's field names are the API's. */
export function invalid(errors: FieldErrors): ApiError {
  const fields = Object.entries(errors).map(([path, key]) => ({ path, key: key ?? ("form.invalid" as MessageKey) }));
  return new ApiError(422, "validation_failed", { fields });
}

export function errorBody(t: Translate, err: ApiError) {
  // `fields` is always there (empty when nothing is wrong per field), so clients need no check for it.
  const error: Record<string, unknown> = {
    code: err.code,
    message: t(err.extra.messageKey ?? MESSAGE[err.code], err.extra.vars),
    fields: (err.extra.fields ?? []).map((f) => ({ path: f.path, message: t(f.key) })),
  };
  if (err.extra.current !== undefined) error.current = err.extra.current;
  if (err.extra.existing !== undefined) error.existing = err.extra.existing;
  return { error };
}

/** zod issues → one message per field; unknown fields get a message each. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldMessage[] {
  const out = new Map<string, MessageKey>();
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.set([...issue.path, key].join("."), "api.error.unknownField");
      continue;
    }
    const path = issue.path.map(String).join(".") || "_";
    if (!out.has(path)) out.set(path, keyOf(issue));
  }
  return [...out].map(([path, key]) => ({ path, key }));
}

function keyOf(issue: z.core.$ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return (issue as { input?: unknown }).input === undefined ? "form.required" : "api.error.type";
    case "invalid_value":
    case "invalid_union":
      return "form.unknownOption";
    case "too_big":
      return issue.origin === "string" ? "form.tooLong" : "api.error.range";
    case "too_small":
      return issue.origin === "string" ? "form.required" : "api.error.range";
    default:
      return "form.invalid";
  }
}
