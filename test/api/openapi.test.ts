import { describe, expect, it } from "vitest";
import { api } from "../helpers/api-factories";
import { apiApp, openApiDocument } from "../../src/api";
import { DATE_PATTERN } from "../../src/lib/dates";

type Op = {
  operationId?: string;
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  tags?: string[];
};
const METHODS = ["get", "post", "patch", "put", "delete"];

function walkRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => walkRefs(n, found));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else walkRefs(v, found);
    }
  }
  return found;
}

describe("the OpenAPI 3.1 document", () => {
  it("is served at /api/openapi.json without a token and is a well-formed 3.1 document", async () => {
    const res = await api("/api/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
      expect(path.startsWith("/v1/")).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(ids.has(op.operationId!), op.operationId).toBe(false);
        ids.add(op.operationId!);
        expect(op.security).toEqual([{ bearer: [] }]);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(1);
        for (const r of Object.values(op.responses ?? {})) expect(r.description).toBeTruthy();
        // Every {param} in the path is declared as a required path parameter.
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const p = op.parameters?.find((x) => x.in === "path" && `{${x.name}}` === name);
          expect(p?.required, `${path} ${name}`).toBe(true);
        }
      }
    }
    // Every $ref points at a component that exists.
    for (const ref of walkRefs(doc)) {
      const [, , kind, name] = ref.split("/");
      expect(doc.components[kind!]?.[name!], ref).toBeDefined();
    }
  });

  it("covers every route the API answers, and nothing else", () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const routed = new Set(
      apiApp.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/v1/"))
        // A parameter that is a whole segment ending in an extension (":table{[a-z-]+\\.csv}") is "{table}.csv".
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)\{[^}]*\\\.(\w+)\}/g, "{$1}.$2").replace(/:(\w+)/g, "{$1}")}`),
    );
    expect(routed.size).toBeGreaterThan(60);
    expect([...routed].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !routed.has(r))).toEqual([]);
    for (const resource of [
      "neighbourhoods",
      "partners",
      "people",
      "initiatives",
      "activities",
      "involvements",
      "facilities",
      "fundings",
      "commitments",
      "checkins",
      "assets",
      "tasks",
    ]) {
      expect(documented, resource).toContain(`GET /v1/${resource}`);
      expect(documented, resource).toContain(`GET /v1/${resource}/{id}`);
      expect(documented, resource).toContain(`POST /v1/${resource}`);
      expect(documented, resource).toContain(`PATCH /v1/${resource}/{id}`);
    }
    for (const view of [
      "GET /v1/risks",
      "GET /v1/risks/{activityId}",
      "GET /v1/risk-events",
      "GET /v1/overview",
      "GET /v1/overview/{table}",
      "GET /v1/overview/{table}.csv",
      "GET /v1/outbox",
      "POST /v1/tasks/{id}/completions",
      "GET /v1/tasks/{id}/completions",
    ])
      expect(documented).toContain(view);
  });

  it("documents request bodies as strict objects generated from the validation schemas", () => {
    const doc = openApiDocument() as unknown as {
      components: {
        schemas: Record<string, { additionalProperties?: boolean; properties?: Record<string, { maxLength?: number; enum?: string[] }> }>;
      };
    };
    const create = doc.components.schemas.ActivityCreate!;
    expect(create.additionalProperties).toBe(false);
    expect(create.properties?.name?.maxLength).toBe(120);
    expect(doc.components.schemas.FundingCreate!.properties?.kind?.enum).toContain("wijkbudget");
  });

  it("has a readable reference page listing every operation, without scripts", async () => {
    const res = await api("/api/docs", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).not.toContain("<script");
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> };
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(res.text).toContain(`id="${op.operationId}"`);
    expect(res.text).toContain("PATCH /api/v1/fundings/{id}");
  });
});

describe("dates in the OpenAPI document", () => {
  type Prop = { type?: string | string[]; format?: string; pattern?: string; formatMinimum?: string; formatMaximum?: string };
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, Omit<Op, "parameters"> & { parameters?: { name: string; in: string; schema?: Prop }[] }>>;
    components: { schemas: Record<string, { properties?: Record<string, Prop> }> };
  };
  const bodyDates = Object.entries(doc.components.schemas)
    .filter(([name]) => /(Create|Update|Ending)$/.test(name))
    .flatMap(([name, s]) => Object.entries(s.properties ?? {}).map(([key, p]) => ({ where: `${name}.${key}`, key, p })));
  const queryDates = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.values(item).flatMap((op) => (op.parameters ?? []).map((q) => ({ where: `${path}?${q.name}`, key: q.name, p: q.schema ?? {} }))),
  );

  it("shows every date a client sends as format date, with the pattern and the range 1900-01-01 to 2199-12-31", () => {
    const dates = [...bodyDates, ...queryDates].filter((f) => f.p.format === "date");
    expect(dates.length).toBeGreaterThan(20);
    for (const { where, p } of dates) {
      expect(p.pattern, where).toBe(DATE_PATTERN.source);
      expect(p, where).toMatchObject({ formatMinimum: "1900-01-01", formatMaximum: "2199-12-31" });
    }
    // A field named like a date that is not documented as one would be a date checked some other way.
    const named = [...bodyDates, ...queryDates].filter((f) => /On$|^since$|^until$|^lastDay$/.test(f.key));
    expect(named.filter((f) => f.p.format !== "date").map((f) => f.where)).toEqual([]);
  });
});
