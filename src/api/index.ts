// The JSON API, mounted at /api: versioned resources under /v1, the OpenAPI 3.1 document generated
// from the same zod schemas the routes validate with (/api/openapi.json), and a readable reference
// page served by the Worker itself (/api/docs). It answers its own errors, 404 and 405 as JSON.
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { localeFromAcceptLanguage, translator } from "../i18n";
import { API_REQUEST_CONTEXT, type ApiEnv, type ApiRequestContext } from "./context";
import { ApiError, errorBody, issuesToFields } from "./errors";
import { bearerAuth } from "./auth";
import { registerNeighbourhoodsApi } from "./resources/neighbourhoods";
import { registerPartnersApi } from "./resources/partners";
import { registerPeopleApi } from "./resources/people";
import { registerInitiativesApi } from "./resources/initiatives";
import { registerActivitiesApi } from "./resources/activities";
import { registerInvolvementsApi } from "./resources/involvements";
import { registerFacilitiesApi } from "./resources/facilities";
import { registerFundingsApi } from "./resources/fundings";
import { registerCommitmentsApi } from "./resources/commitments";
import { registerCheckinsApi } from "./resources/checkins";
import { registerAssetsApi } from "./resources/assets";
import { registerTasksApi } from "./resources/tasks";
import { registerRisksApi } from "./resources/risks";
import { registerOverviewApi } from "./resources/overview";
import { registerOutboxApi } from "./resources/outbox";
import { registerRunsApi } from "./resources/runs";
import { registerMessagesApi } from "./resources/messages";
import { registerCalendarsApi } from "./resources/calendars";
import { registerOffersApi } from "./resources/offers";
import { registerDocumentsApi } from "./resources/documents";
import { MAX_UPLOAD_REQUEST_BYTES } from "../domain/documents/documents";
import { registerTokensApi } from "./resources/tokens";
import { docsPage } from "./docs";
import { AT_MOST } from "../lib/contract/fields";
import { yearOf } from "../lib/dates";

/** JSON bodies larger than this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 64 * 1024;

type Hook = NonNullable<NonNullable<ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]>["defaultHook"]>;

/** Validation by the route schemas: a bad body (JSON, or a multipart upload's fields) is 422, a bad query 400, a malformed id 404. */
const hook: Hook = (result) => {
  if (result.success) return;
  const fields = issuesToFields(result.error.issues);
  if (result.target === "json" || result.target === "form") throw new ApiError(422, "validation_failed", { fields });
  if (result.target === "param") throw new ApiError(404, "not_found");
  throw new ApiError(400, "invalid_query", { fields });
};

export const apiApp = new OpenAPIHono<ApiEnv>({ defaultHook: hook });
const v1 = new OpenAPIHono<ApiEnv>({ defaultHook: hook });

apiApp.use(
  createMiddleware<ApiEnv>(async (c, next) => {
    const request = (c.env as unknown as Record<symbol, ApiRequestContext | undefined>)[API_REQUEST_CONTEXT];
    if (!request) throw new Error("the API is reached through the app (src/api/lazy.ts), which makes the db and the date");
    c.set("db", request.db);
    c.set("now", request.now);
    c.set("today", request.today);
    const locale = localeFromAcceptLanguage(c.req.header("accept-language"));
    c.set("locale", locale);
    c.set("t", translator(locale));
    c.header("Cache-Control", "no-store");
    await next();
  }),
);
const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", { vars: { kb: MAX_BODY_BYTES / 1024 } });
  },
});
// A document upload may carry a file of 10 MB; it too is refused on its length before it is read.
const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_REQUEST_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", { messageKey: "documents.error.tooLarge" });
  },
});
apiApp.use(
  "/v1/*",
  (c, next) => (c.req.method === "POST" && /^\/v1\/documents\/?$/.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)),
  bearerAuth,
);

for (const mount of [
  registerNeighbourhoodsApi,
  registerPartnersApi,
  registerPeopleApi,
  registerInitiativesApi,
  registerActivitiesApi,
  registerInvolvementsApi,
  registerFacilitiesApi,
  registerFundingsApi,
  registerCommitmentsApi,
  registerCheckinsApi,
  registerAssetsApi,
  registerTasksApi,
  registerRisksApi,
  registerOverviewApi,
  registerOutboxApi,
  registerRunsApi,
  registerMessagesApi,
  registerCalendarsApi,
  registerOffersApi,
  registerDocumentsApi,
  registerTokensApi,
])
  mount(v1);

v1.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "The ADMIN_API_TOKEN secret, or a token made under /api-tokens (admin or partner).",
});
apiApp.route("/v1", v1);

type Document = ReturnType<typeof apiApp.getOpenAPI31Document>;
let document: Document | null = null;
let ofTheDay: { today: string; doc: Document } | null = null;

/**
 * The OpenAPI 3.1 document, generated once from the route definitions. With `today`, as served
 * that day: a bound that moves with the calendar (marked AT_MOST on its schema) gets that day's
 * value — a date not after today its formatMaximum, a year not after this one its maximum — so
 * the document says exactly what the server accepts on the day it is read.
 */
export function openApiDocument(today?: string): Document {
  document ??= generate();
  if (!today) return document;
  if (ofTheDay?.today !== today) ofTheDay = { today, doc: withCalendarBounds(document, today) };
  return ofTheDay.doc;
}

function withCalendarBounds(doc: Document, today: string): Document {
  const copy = structuredClone(doc);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n[AT_MOST] === "today") {
      n.formatMaximum = today;
      n.description = `${n.description ? `${String(n.description)} ` : ""}Not after today (formatMaximum: the day this document was served).`;
    } else if (n[AT_MOST] === "this year") {
      n.maximum = yearOf(today);
      n.description = `${n.description ? `${String(n.description)} ` : ""}Not after this year (maximum: the year this document was served).`;
    }
    Object.values(n).forEach(walk);
  };
  walk(copy);
  return copy;
}

function generate(): Document {
  return apiApp.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Wijkonderhoud API",
      version: "1.0.0",
      description:
        "The neighbourhood's record as JSON: initiatives, activities, volunteers, money, places, tasks, check-ins, assets, and the figures of the partner overview. " +
        "Authenticate with `Authorization: Bearer <token>`. JSON in camelCase; dates as YYYY-MM-DD (a real day from 1900-01-01 to 2199-12-31), instants as ISO 8601, money in whole cents; text must be well-formed Unicode. " +
        "Every change carries the `version` you read; a stale one answers 409 with the current record. Lists use cursor pagination in a stable order.",
    },
    servers: [{ url: "/api" }],
  });
}

apiApp.get("/openapi.json", (c) => c.json(openApiDocument(c.var.today)));
apiApp.get("/docs", (c) => c.html(docsPage(openApiDocument(c.var.today))));

// What /v1 knows, per path pattern, to tell 404 (no such path) from 405 (path exists, other method).
const known = v1.routes
  .filter((r) => r.method !== "ALL")
  .map((r) => ({ method: r.method, pattern: new RegExp(`^/v1${r.path.replace(/:[^/]+/g, "[^/]+")}/?$`) }));

apiApp.all("*", (c) => {
  const path = c.req.path.replace(/^\/api(?=\/|$)/, "");
  const allowed = [...new Set(known.filter((k) => k.pattern.test(path)).map((k) => k.method))];
  if (allowed.length === 0) throw new ApiError(404, "not_found");
  if (allowed.includes("GET")) allowed.push("HEAD");
  c.header("Allow", allowed.join(", "));
  throw new ApiError(405, "method_not_allowed");
});

apiApp.onError((err, c) => {
  const t = c.var.t ?? translator("nl");
  let apiErr: ApiError;
  if (err instanceof ApiError) apiErr = err;
  else if (err instanceof HTTPException) {
    const status = err.status;
    apiErr =
      status === 400
        ? new ApiError(400, "malformed_json")
        : status === 413
          ? new ApiError(413, "payload_too_large", { vars: { kb: MAX_BODY_BYTES / 1024 } })
          : status === 415
            ? new ApiError(415, "unsupported_media_type")
            : new ApiError(400, "bad_request");
  } else {
    console.error(err);
    apiErr = new ApiError(500, "internal");
  }
  return c.json(errorBody(t, apiErr), apiErr.status);
});
