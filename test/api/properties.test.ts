// Generated bad bodies against every create and update endpoint: always a 4xx, never a write.
// The field list and types come from the OpenAPI document, so a new field is covered by itself.
// Then every date field gets generated bad dates and every text field bad Unicode: always 422
// with that field's path, and not one row or version changed.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { db } from "../helpers/factories";
import { auditLog } from "../../src/db/schema";
import { openApiDocument } from "../../src/api";
import { badJsonDate, badUnicode, dataFingerprint } from "../helpers/bad-input";

type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  items?: Schema;
};
const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } & Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

function bodySchema(path: string, method: string): Schema {
  const s = doc.paths[path]![method]!.requestBody!.content["application/json"]!.schema;
  return s.$ref ? doc.components.schemas[s.$ref.split("/").pop()!]! : s;
}

function typesOf(s: Schema): string[] {
  if (s.anyOf) return s.anyOf.flatMap(typesOf);
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}

/** A value that is wrong for every field of the API: an object or an array of numbers. */
const wrongType = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
);
const outOfRange = fc.constantFrom(-1_000_000_000, 1e13, 0.5, -0.25);

function badBody(base: Record<string, unknown>, schema: Schema) {
  const fields = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const field = fc.constantFrom(...fields);
  const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.includes(k) && k !== "__proto__");
  const numeric = fields.filter((k) => typesOf(schema.properties![k]!).some((t) => t === "integer" || t === "number"));
  const strings = fields.filter((k) => typesOf(schema.properties![k]!).includes("string"));
  return fc.oneof(
    fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({ ...base, [k]: v })),
    fc.tuple(field, wrongType).map(([k, v]) => ({ ...base, [k]: v })),
    ...(numeric.length ? [fc.tuple(fc.constantFrom(...numeric), outOfRange).map(([k, v]) => ({ ...base, [k]: v }))] : []),
    ...(strings.length ? [fc.constantFrom(...strings).map((k) => ({ ...base, [k]: "x".repeat(6000) }))] : []),
    ...(required.length
      ? [fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k)))]
      : []),
    fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })),
  );
}

const auditCount = async () => (await db.select({ id: auditLog.id }).from(auditLog)).length;

type Endpoint = { method: string; path: string; url: string; base: Record<string, unknown> };

/** Every create, update and action endpoint of the document, with a valid body to start from. */
async function writeEndpoints(): Promise<Endpoint[]> {
  const w = await apiWorld();
  const valid = await validBodies(w, 2026);
  const existing: Record<string, string> = {
    neighbourhoods: w.hood.id,
    partners: w.partner.id,
    people: w.here.volunteer.id,
    initiatives: w.initiative.id,
    activities: w.here.activity.id,
    involvements: w.here.involvement.id,
    facilities: w.here.facility.id,
    fundings: w.here.funding.id,
    commitments: w.here.commitment.id,
    checkins: w.here.checkin.id,
    assets: w.here.asset.id,
    tasks: w.here.task.id,
    offers: w.here.offer.id,
  };
  const bases: Record<string, Record<string, unknown>> = {
    ending: { lastDay: "2026-05-31", version: 1 },
    notes: { body: "Een correctie." },
    completions: { kind: "done", note: "ok" },
    succession: { handoverNote: "Sleutel bij de buren.", version: 1 },
    decision: { decision: "accept" },
    asks: { offerId: w.here.offer.id, role: "volunteer" },
  };
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (method === "get") continue; // reads take no body (and may name their path parameter otherwise, e.g. /runs/{date})
      // A document upload is multipart (a file and its fields), tried in test/api/documents.test.ts.
      if (item[method]!.requestBody && !item[method]!.requestBody!.content["application/json"]) continue;
      const m = /^\/v1\/(\w+)(?:\/\{id\}(?:\/(\w+))?)?$/.exec(path)!;
      const [, resource, action] = m as unknown as [string, string, string | undefined];
      const hasId = path.includes("{id}");
      if (method === "post" && !hasId) endpoints.push({ method, path, url: `/api/v1/${resource}`, base: valid[resource]! });
      else if (method === "patch") endpoints.push({ method, path, url: `/api/v1/${resource}/${existing[resource]}`, base: { version: 1 } });
      else if (method === "post" && action && bases[action])
        endpoints.push({ method, path, url: `/api/v1/${resource}/${existing[resource]}/${action}`, base: bases[action]! });
    }
  }
  return endpoints;
}

describe("bad bodies never write", () => {
  it("every create and update endpoint answers 4xx to generated bad bodies and writes nothing", async () => {
    const endpoints = await writeEndpoints();
    // Creates of 12 resources, tokens, kinds of help and messages; updates of the 12; ending, notes, completions, a
    // succession, an offer's decision and an ask to help.
    expect(endpoints.map((e) => `${e.method} ${e.path}`)).toHaveLength(15 + 12 + 6);
    for (const ep of endpoints) {
      const { token } = await adminToken();
      const schema = bodySchema(ep.path, ep.method);
      await fc.assert(
        fc.asyncProperty(badBody(ep.base, schema), async (body) => {
          const before = await auditCount();
          const res = await api(ep.url, { token, method: ep.method.toUpperCase(), body });
          expect(
            res.status,
            `${ep.method} ${ep.url} ${JSON.stringify(body).slice(0, 200)} → ${res.text.slice(0, 300)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.body?.error?.code).toEqual(expect.any(String));
          expect(await auditCount()).toBe(before);
        }),
        { numRuns: 15, endOnFailure: true },
      );
    }
  }, 300_000);
});

// The fields come from the OpenAPI document, which is generated from the same zod schemas that
// validate: a new date field (format "date") or text field is covered without touching this file.
describe("bad dates and bad Unicode: 422 with the field's path, and nothing written", () => {
  /** Sends one bad value in one field and checks the whole promise: the error shape, the path, no write. */
  async function refused(ep: Endpoint, token: string, field: string, value: unknown) {
    const body = { ...ep.base, [field]: value };
    const before = await dataFingerprint();
    const res = await api(ep.url, { token, method: ep.method.toUpperCase(), body });
    const what = `${ep.method} ${ep.url} ${field}=${JSON.stringify(value)} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, what).toBe(422);
    expect(res.body?.error?.code, what).toBe("validation_failed");
    const paths = (res.body?.error?.fields ?? []).map((f: { path: string; message: string }) => f.path);
    expect(
      paths.some((p: string) => p === field || p.startsWith(`${field}.`)),
      what,
    ).toBe(true);
    for (const f of res.body.error.fields) expect(f.message, what).toEqual(expect.any(String));
    expect(await dataFingerprint(), what).toBe(before);
  }

  const fieldsOf = (ep: Endpoint, pick: (s: Schema) => boolean) =>
    Object.entries(bodySchema(ep.path, ep.method).properties ?? {})
      .filter(([, s]) => pick(s))
      .map(([name]) => name);
  const isDateField = (s: Schema): boolean => s.format === "date" || (s.anyOf ?? []).some(isDateField);

  it("every date field of every API write refuses generated bad dates", async () => {
    const endpoints = await writeEndpoints();
    let covered = 0;
    for (const ep of endpoints) {
      const { token } = await adminToken();
      for (const field of fieldsOf(ep, isDateField)) {
        covered++;
        await fc.assert(
          fc.asyncProperty(badJsonDate, (value) => refused(ep, token, field, value)),
          { numRuns: 12, endOnFailure: true },
        );
      }
    }
    // plannedEndOn, since/until, lastDay, agreementEndsOn, startsOn/endsOn/reportDueOn, the assets', the tasks'… (29 today)
    expect(covered).toBeGreaterThanOrEqual(29);
  }, 300_000);

  it("every text field of every API write refuses a lone surrogate, before any length check", async () => {
    const endpoints = await writeEndpoints();
    let covered = 0;
    for (const ep of endpoints) {
      const { token } = await adminToken();
      const text = fieldsOf(ep, (s) => typesOf(s).includes("string") && !isDateField(s));
      const lists = fieldsOf(ep, (s) => typesOf(s).includes("array"));
      for (const field of text) {
        covered++;
        await fc.assert(
          fc.asyncProperty(badUnicode, (value) => refused(ep, token, field, value)),
          { numRuns: 3, endOnFailure: true },
        );
      }
      for (const field of lists) {
        await fc.assert(
          fc.asyncProperty(badUnicode, (value) => refused(ep, token, field, [value])),
          { numRuns: 2, endOnFailure: true },
        );
      }
    }
    expect(covered).toBeGreaterThanOrEqual(40);
  }, 300_000);
});
