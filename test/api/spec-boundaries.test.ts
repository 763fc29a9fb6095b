// The OpenAPI document and the server cannot drift apart: for every operation, every request-body
// and query property the document constrains (minimum/maximum, minLength/maxLength, pattern, enum,
// format date or email, maxItems) is sent at its boundaries, one field at a time, on top of an
// otherwise valid request. Just inside, the server must not refuse that field for its value; just
// outside, it must refuse it, naming that field. The constraints are read from /api/openapi.json
// itself, so a new field or a changed limit is tried without editing this file.
import { describe, expect, it } from "vitest";
import { translator, type MessageKey } from "../../src/i18n";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { appAt, uniq } from "../helpers/factories";

type Schema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  formatMinimum?: string;
  formatMaximum?: string;
  items?: Schema;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  $ref?: string;
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const t = translator("nl");

/**
 * Refusals of a value just inside the documented range that are not about the range: the value
 * names a record that does not exist or is taken, or a rule ties it to another field or to the
 * record's state. A refusal with any other message means the server's range is not the document's.
 */
const NOT_ABOUT_RANGE: MessageKey[] = [
  // an id that names nothing (a made-up id of the right length), or a cursor the server did not make
  "form.unknownOption",
  "money.funding.activityUnknown",
  "money.funding.replacesUnknown",
  "partners.error.neighbourhood",
  "assets.error.initiative",
  "api.error.cursor",
  "offers.ask.error.notAskable",
  // taken by another record
  "adminHood.error.slugTaken",
  "form.emailTaken",
  // tied to another field of the (otherwise valid) request
  "money.date.endBeforeStart",
  "volunteers.error.untilBeforeSince",
  "volunteers.error.both",
  "tasks.form.endsBeforeStart",
  "tasks.form.anchorSubject",
];
const allowedInside = new Set(NOT_ABOUT_RANGE.map((k) => t(k)));

function resolve(doc: Doc, s: Schema): Schema {
  const r = s.$ref ? doc.components.schemas[s.$ref.split("/").pop()!]! : s;
  // A nullable field: its non-null branch carries the constraints.
  if (r.anyOf) return r.anyOf.map((x) => resolve(doc, x)).find((x) => x.type !== "null") ?? r;
  return r;
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A well-formed address of exactly `length` characters (local part ≤ 64, labels ≤ 63) that no one has yet. */
function email(length: number) {
  const local = uniq("a")
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 20);
  let domain = "example.org";
  while (local.length + 1 + domain.length < length) {
    const room = length - local.length - 1 - domain.length - 1;
    domain = `${"b".repeat(Math.min(63, Math.max(1, room)))}.${domain}`;
  }
  const out = `${local}@${domain}`;
  return out.length > length ? `${local.slice(0, local.length - (out.length - length))}@${domain}` : out;
}

type Value = { value: unknown; inside: boolean; what: string };

/** The boundary values of one property, from its documented constraints. */
function boundaries(s: Schema): Value[] {
  const out: Value[] = [];
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum) {
    for (const v of s.enum) if (v !== null) out.push({ value: v, inside: true, what: `enum ${String(v)}` });
    out.push({ value: "zz-not-listed", inside: false, what: "not in enum" });
    return out;
  }
  if (types.includes("integer") || types.includes("number")) {
    if (s.minimum !== undefined) {
      out.push({ value: s.minimum, inside: true, what: "minimum" });
      out.push({ value: s.minimum - 1, inside: false, what: "minimum - 1" });
    }
    if (s.maximum !== undefined) {
      out.push({ value: s.maximum, inside: true, what: "maximum" });
      out.push({ value: s.maximum + 1, inside: false, what: "maximum + 1" });
    }
    return out;
  }
  if (types.includes("array")) {
    if (s.maxItems !== undefined) {
      const item = (i: number) => (s.items?.enum ? s.items.enum[i % s.items.enum.length] : `id-${i}`);
      out.push({ value: Array.from({ length: s.maxItems }, (_, i) => item(i)), inside: true, what: "maxItems" });
      out.push({ value: Array.from({ length: s.maxItems + 1 }, (_, i) => item(i)), inside: false, what: "maxItems + 1" });
    }
    return out;
  }
  if (!types.includes("string")) return out;
  if (s.format === "date") {
    const min = s.formatMinimum ?? "1900-01-01";
    const max = s.formatMaximum ?? "2199-12-31";
    out.push({ value: min, inside: true, what: "first day" }, { value: max, inside: true, what: "last day" });
    out.push({ value: dayBefore(min), inside: false, what: "day before" }, { value: dayAfter(max), inside: false, what: "day after" });
    out.push({ value: "2026-02-30", inside: false, what: "no such day" });
    return out;
  }
  if (s.format === "email") {
    out.push({ value: email(Math.min(s.maxLength ?? 254, 254)), inside: true, what: "longest address" });
    out.push({ value: "geen-adres", inside: false, what: "not an address" });
    if (s.maxLength !== undefined) out.push({ value: email(s.maxLength + 1), inside: false, what: "maxLength + 1" });
    return out;
  }
  const pattern = s.pattern ? new RegExp(s.pattern) : null;
  // Text of n characters the pattern accepts (letters for a slug, digits for a phone number).
  const filler = (n: number) => ["a", "1"].map((c) => c.repeat(n)).find((v) => !pattern || pattern.test(v)) ?? "a".repeat(n);
  if (s.maxLength !== undefined) {
    out.push({ value: filler(s.maxLength), inside: true, what: "maxLength" });
    out.push({ value: filler(s.maxLength + 1), inside: false, what: "maxLength + 1" });
  }
  if (s.minLength !== undefined && s.minLength > 0) {
    out.push({ value: filler(s.minLength), inside: true, what: "minLength" });
    out.push({ value: filler(s.minLength - 1), inside: false, what: "minLength - 1" });
  }
  if (pattern) {
    const wrong = ["-a", "a-", "A B", "!", "a--b", "ä", "abcdef"].find((v) => !pattern.test(v));
    expect(wrong, `a value that ${s.pattern} refuses`).toBeDefined();
    out.push({ value: wrong, inside: false, what: `not matching ${s.pattern}` });
    for (const v of out)
      if (v.inside && typeof v.value === "string") expect(pattern.test(v.value), `${v.what} matches ${s.pattern}`).toBe(true);
  }
  return out;
}

type Target = {
  op: string;
  /** Where the value goes: the JSON body or the query. */
  into: "body" | "query";
  url: () => Promise<string>;
  body: () => Promise<Record<string, unknown> | undefined>;
  properties: Record<string, Schema>;
};

async function targets(doc: Doc, token: string): Promise<Target[]> {
  const w = await apiWorld();
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
    tokens: "",
    offers: w.here.offer.id,
    documents: w.here.document.id,
  };
  const version = async (resource: string) => (await api(`/api/v1/${resource}/${existing[resource]}`, { token })).body.version as number;
  const actions: Record<string, (resource: string) => Promise<Record<string, unknown>>> = {
    ending: async (r) => ({ lastDay: "2026-05-31", version: await version(r) }),
    notes: async () => ({ body: "Een correctie." }),
    completions: async () => ({ kind: "done", note: "ok" }),
    confirmations: async (r) => ({ version: await version(r) }),
    archival: async (r) => ({ version: await version(r) }),
    restoration: async (r) => ({ version: await version(r) }),
    succession: async (r) => ({ handoverNote: "Sleutel bij de buren.", version: await version(r) }),
    decision: async () => ({ decision: "accept" }),
    asks: async () => ({ offerId: w.here.offer.id, role: "volunteer" }),
  };
  // A valid create body per resource; what must be unique gets a value of its own each time.
  const valid = await validBodies(w, 2026);
  const freshCreate = async (resource: string): Promise<Record<string, unknown>> => {
    const body = valid[resource]!;
    if (resource === "neighbourhoods") return { ...body, slug: uniq("buurt") };
    if (resource === "people" || resource === "involvements") return { ...body, email: `${uniq("p")}@example.org` };
    if (resource === "checkins") return (await validBodies(w, 2026)).checkins!; // one per initiative and year
    return body;
  };
  const out: Target[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      const m = /^\/v1\/([\w-]+)(?:\/\{(\w+)\}(?:\.csv)?(?:\/(\w+))?)?$/.exec(path);
      expect(m, name).not.toBeNull();
      const [, resource, param, action] = m as unknown as [string, string, string | undefined, string | undefined];
      const filled = path
        .replace("{id}", existing[resource] ?? "")
        .replace("{table}", "levels")
        .replace("{date}", "2026-06-15")
        .replace("{activityId}", w.here.activity.id);
      const query = Object.fromEntries(
        (op.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, resolve(doc, p.schema ?? {})]),
      );
      if (Object.keys(query).length)
        out.push({ op: name, into: "query", url: async () => `/api${filled}`, body: async () => undefined, properties: query });
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (!schema) continue;
      const properties = resolve(doc, schema).properties ?? {};
      let body: () => Promise<Record<string, unknown>>;
      if (method === "post" && !param) body = () => freshCreate(resource);
      else if (method === "patch") body = async () => ({ version: await version(resource) });
      else if (method === "post" && action && actions[action]) body = () => actions[action]!(resource);
      else throw new Error(`no valid body for ${name}`);
      out.push({ op: name, into: "body", url: async () => `/api${filled}`, body, properties });
    }
  }
  return out;
}

describe("the OpenAPI document's constraints are the server's", () => {
  it("accepts every documented boundary value just inside and refuses the one just outside, naming the field", async () => {
    const doc = (await api("/api/openapi.json", { token: null })).body as Doc;
    const problems: string[] = [];
    let checked = 0;
    for (const target of await targets(doc, (await adminToken()).token)) {
      // A token per operation: the whole walk stays within one token's budget per minute.
      const { token } = await adminToken();
      for (const [field, raw] of Object.entries(target.properties)) {
        for (const b of boundaries(resolve(doc, raw))) {
          checked++;
          let url = await target.url();
          let body = await target.body();
          if (target.into === "query") url += `${url.includes("?") ? "&" : "?"}${field}=${encodeURIComponent(String(b.value))}`;
          else body = { ...body, [field]: b.value };
          const res = await api(url, { token, method: target.op.split(" ")[0], body });
          const named = ((res.body?.error?.fields ?? []) as { path: string; message: string }[]).filter(
            (f) => f.path === field || f.path.startsWith(`${field}.`),
          );
          const what = `${target.op} ${field}=${JSON.stringify(b.value).slice(0, 60)} (${b.what}) → ${res.status} ${res.text.slice(0, 240)}`;
          if (res.status >= 500) problems.push(`server error: ${what}`);
          else if (b.inside && named.some((f) => !allowedInside.has(f.message))) problems.push(`inside refused: ${what}`);
          else if (!b.inside && (![400, 422].includes(res.status) || named.length === 0)) problems.push(`outside accepted: ${what}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  }, 600_000);
});

describe("bounds that move with the calendar", () => {
  it("are served as that day's maximum: a year not after this year, a date not after today", async () => {
    const pick = (doc: Doc, schema: string, field: string) => resolve(doc, doc.components.schemas[schema]!.properties![field]!);
    for (const [at, year, today] of [
      ["2026-06-15T10:00:00.000Z", 2026, "2026-06-15"],
      ["2027-12-31T23:30:00.000Z", 2028, "2028-01-01"], // already New Year's Day in the Netherlands
    ] as const) {
      const doc = (await api("/api/openapi.json", { token: null, fetcher: appAt(at) })).body as Doc;
      expect(pick(doc, "InitiativeCreate", "startedYear"), at).toMatchObject({ maximum: year, "x-at-most": "this year" });
      expect(pick(doc, "InitiativeUpdate", "startedYear").maximum, at).toBe(year);
      expect(pick(doc, "AssetCreate", "lastConfirmedOn"), at).toMatchObject({ formatMaximum: today, "x-at-most": "today" });
      expect(pick(doc, "AssetUpdate", "contactConsentOn").formatMaximum, at).toBe(today);
      const checkinYear = resolve(doc, doc.paths["/v1/checkins"]!.post!.requestBody!.content["application/json"]!.schema);
      expect(checkinYear.properties!.year!.maximum, at).toBe(year);
    }
  });

  it("shows the checks a pipe or a refinement would hide: an address's format, a slug's and a phone number's pattern, required text", async () => {
    const doc = (await api("/api/openapi.json", { token: null })).body as Doc;
    const pick = (schema: string, field: string) => resolve(doc, doc.components.schemas[schema]!.properties![field]!);
    expect(pick("PersonCreate", "email")).toMatchObject({ format: "email", maxLength: 254 });
    expect(pick("NeighbourhoodCreate", "slug")).toMatchObject({ maxLength: 60, pattern: expect.stringContaining("[a-z0-9]") });
    expect(pick("InvolvementCreate", "phone").pattern).toContain("[0-9]");
    expect(pick("ActivityCreate", "name")).toMatchObject({ minLength: 1, maxLength: 120 });
  });
});
