// PATCH semantics for every API resource, from its contract: a PATCH with only `version` changes
// nothing (every column and link as stored, the audit entry without changes), and a PATCH of one
// field changes that field and nothing else — for every field of the contract, so a new field is
// covered without touching this file. The samples are derived from the field's schema in the
// OpenAPI document; only ids (which must exist) and a few values a rule constrains are listed here.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { db, makeInitiative, uniq } from "../helpers/factories";
import { makeActivity, makeFacility, makeFunding } from "../helpers/money-factories";
import { auditLog } from "../../src/db/schema";
import { openApiDocument } from "../../src/api";
import type { Contract, Fields } from "../../src/lib/contract/define";
import type { FieldKind } from "../../src/lib/contract/fields";
import { fundingContract } from "../../src/domain/money/fundings";
import { commitmentContract } from "../../src/domain/money/commitments";
import { facilityContract } from "../../src/domain/neighbourhoods/facilities";
import { activityContract } from "../../src/domain/initiatives/activities";
import { initiativeContract } from "../../src/domain/initiatives/initiatives";
import { involvementContract } from "../../src/domain/people/involvements";
import { assetContract } from "../../src/domain/neighbourhoods/assets";
import { checkinContract } from "../../src/domain/initiatives/checkins";
import { partnerContract } from "../../src/domain/people/partners";
import { neighbourhoodContract } from "../../src/domain/neighbourhoods/neighbourhoods";
import { personContract } from "../../src/domain/people/people";
import { taskContract } from "../../src/domain/tasks/tasks";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: Schema;
};
type Json = Record<string, unknown>;
type World = Awaited<ReturnType<typeof apiWorld>>;

const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties: Record<string, Schema> }> };
};

/** What a field's update schema accepts, without the `null` that means "none". */
function fieldSchema(name: string, key: string): Schema {
  const s = doc.components.schemas[`${name}Update`]!.properties[key]!;
  const options = (s.anyOf ?? [s]).filter((o) => o.type !== "null");
  return options.length === 1 ? options[0]! : { anyOf: options };
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A value the field accepts that differs from `current`; undefined for ids (they must name records that exist). */
function derived(kind: FieldKind, schema: Schema, current: unknown): unknown {
  switch (kind) {
    case "choice":
      return schema.enum!.find((v) => v !== current);
    case "choices": {
      const all = schema.items!.enum!;
      const list = Array.isArray(current) ? current : [];
      return list.length === 1 && list[0] === all[0] ? [all[1]] : [all[0]];
    }
    case "checkbox":
      return !current;
    case "integer":
    case "money": {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? 1_000_000;
      if (typeof current !== "number") return Math.min(max, Math.max(min, 1));
      return current + 1 <= max ? current + 1 : current - 1;
    }
    case "date":
      return typeof current === "string" ? nextDay(current) : "2026-09-30";
    case "text": {
      const text = typeof current === "string" && current ? `${current} (anders)` : "Iets anders";
      return text.slice(0, schema.maxLength ?? 2000);
    }
    default:
      return undefined;
  }
}

type Spec = {
  /** The domain's contract: its keys are the fields under test. */
  contract: Contract<Fields>;
  /** Candidate values per field (the test uses the first that differs from what is stored). */
  samples?: (w: World, extra: Extra) => Json;
  /** Fields a full record leaves at their default, because filling them would hide another field. */
  noFill?: string[];
  /** What the record shows that is worked out from the stored fields, not stored (a task's current occurrence). */
  derived?: string[];
  /** Fields that follow from another field by the domain's rule (e.g. a stream's source name from its partner). */
  follows?: Record<string, string[]>;
  /** Fields a rule wants sent together with this one (they may change too). */
  alongside?: (w: World, x: Extra) => Record<string, Json>;
  /** A create body of its own for every new record (when one record per parent is the rule). */
  freshBody?: (w: World, body: Json) => Promise<Json>;
  /** The create body for the record a field is tried on, when a field only counts in some records (a task's schedule kinds). */
  bodyFor?: (key: string, w: World, body: Json) => Json;
};
type Extra = { otherActivityId: string; otherFacilityId: string; otherFundingId: string };

const SPECS: Record<string, Spec> = {
  neighbourhoods: {
    contract: neighbourhoodContract as never,
    // A slug is lowercase with hyphens, and unique: every record gets its own.
    samples: () => ({ slug: [uniq("andere-buurt")] }),
    freshBody: async (_w, body) => ({ ...body, slug: uniq("buurt") }),
  },
  partners: {
    contract: partnerContract as never,
    samples: (w) => ({ neighbourhoodIds: [[w.hood.id], [w.otherHood.id]] }),
  },
  fundings: {
    contract: fundingContract as never,
    samples: (w, x) => ({
      sourcePartnerId: [w.partner.id],
      activityIds: [[x.otherActivityId], [w.here.activity.id]],
      replacesFundingId: [x.otherFundingId, w.here.funding.id],
    }),
    noFill: ["sourcePartnerId"],
    follows: { sourcePartnerId: ["sourceName"] },
    // A stream with the same source, amount and dates as one the initiative has asks first (409 duplicate).
    freshBody: async (_w, body) => ({ ...body, sourceName: uniq("Fonds") }),
  },
  commitments: {
    contract: commitmentContract as never,
    samples: (w, x) => ({ partnerId: [w.otherPartner.id, w.partner.id], activityId: [x.otherActivityId, w.here.activity.id] }),
  },
  people: {
    contract: personContract as never,
    samples: (w) => ({ coordinatorOf: [[w.initiative.id], []], partnerOrgIds: [[w.partner.id], []] }),
    // Every person has an address of their own.
    freshBody: async (_w, body) => ({ ...body, email: `${uniq("persoon")}@example.org` }),
  },
  initiatives: {
    contract: initiativeContract as never,
    // A planned ending needs its date; the started year may not lie after this year (2026).
    samples: () => ({ continuationPlan: ["partner_takeover", "volunteers_only"], startedYear: [2019, 2018] }),
    follows: { status: ["statusSince"] },
  },
  activities: {
    contract: activityContract as never,
    samples: (w, x) => ({ facilityId: [w.here.facility.id, x.otherFacilityId] }),
  },
  involvements: {
    contract: involvementContract as never,
    // Roles are stored in one spelling (a known role as its key); the interval may not end before it starts.
    samples: (w, x) => ({
      role: ["cook", "host"],
      activityId: [x.otherActivityId, w.here.activity.id],
      until: ["2027-01-31", "2027-02-28"],
    }),
    // The same person twice in the same role is refused: every record is someone new.
    freshBody: async (_w, body) => ({ ...body, email: `${uniq("vrijwilliger")}@example.org` }),
  },
  assets: {
    contract: assetContract as never,
    // A contact is kept only with dated consent; dates not after today (2026-06-15).
    samples: (w) => ({
      initiativeIds: [[w.initiative.id], []],
      contactConsent: [true, false],
      contactConsentOn: ["2026-05-01", "2026-05-02"],
      lastConfirmedOn: ["2026-05-01", "2026-05-02"],
    }),
    // Withdrawing consent means the contact goes (and its consent date with it).
    alongside: () => ({ contactConsent: { contactName: null, contactInfo: null } }),
    follows: { contactConsent: ["contactName", "contactInfo", "contactConsentOn"] },
  },
  checkins: {
    contract: checkinContract as never,
    // One check-in per initiative and year: every record gets an initiative of its own.
    freshBody: async (w, body) => ({ ...body, initiativeId: (await makeInitiative(w.hood.id, { name: "Eigen jaarmoment" })).id }),
  },
  tasks: {
    contract: taskContract as never,
    // The create body is a task 8 weeks before its funding stream ends; the fields of the other kinds
    // of schedule are tried on a yearly task and on a task in a window of months.
    bodyFor: (key, w, body) => {
      const yearly = { ...body, subjectType: "initiative", subjectId: w.initiative.id, scheduleKind: "interval", dueOn: "2026-07-01" };
      const interval = {
        ...yearly,
        intervalCount: 1,
        intervalUnit: "year",
        intervalFrom: "due",
        relativeAnchor: null,
        relativeOffsetDays: null,
      };
      if (["dueOn", "intervalCount", "intervalUnit", "intervalFrom", "subjectType"].includes(key)) return interval;
      if (["windowStartMonth", "windowEndMonth"].includes(key))
        return {
          ...interval,
          scheduleKind: "window",
          dueOn: null,
          intervalCount: null,
          intervalUnit: null,
          windowStartMonth: 3,
          windowEndMonth: 4,
        };
      return body;
    },
    samples: (w, x) => ({
      subjectType: ["activity"],
      subjectId: [x.otherFundingId, w.here.funding.id],
      assigneeIds: [[w.here.volunteer.id], []],
    }),
    alongside: (w) => ({ subjectType: { subjectId: w.here.activity.id }, scheduleKind: { dueOn: "2026-09-01" } }),
    follows: { subjectType: ["subjectId"], scheduleKind: ["dueOn", "relativeAnchor", "relativeOffsetDays"] },
    derived: ["occurrence"],
  },
  facilities: {
    contract: facilityContract as never,
    samples: (w) => ({ ownerPartnerId: [w.partner.id, w.otherPartner.id] }),
  },
};

/** Bookkeeping that moves on every write. */
const BOOKKEEPING = ["version", "updatedAt", "updatedBy"];
const without = (record: Json, keys: string[]) => Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));

function sampleFor(resource: string, key: string, current: unknown, listed: Json): unknown {
  const contract = SPECS[resource]!.contract;
  const candidates = listed[key] as unknown[] | undefined;
  const value = candidates
    ? candidates.find((v) => JSON.stringify(v) !== JSON.stringify(current))
    : derived(contract.fields[key]!.kind, fieldSchema(contract.name, key), current);
  if (value === undefined) throw new Error(`no sample for ${resource}.${key}: list one in SPECS`);
  return value;
}

async function setup(resource: string) {
  const w = await apiWorld();
  const { token } = await adminToken();
  const bodies = await validBodies(w, 2026);
  const extra = {
    otherActivityId: (await makeActivity(w.initiative.id, { name: "Tweede activiteit" })).id,
    otherFacilityId: (await makeFacility(w.hood.id, { name: "Tweede plek" })).id,
    otherFundingId: (await makeFunding(w.initiative.id, { sourceName: "Tweede fonds" })).id,
  };
  const listed = SPECS[resource]!.samples?.(w, extra) ?? {};
  const alongside = SPECS[resource]!.alongside?.(w, extra) ?? {};
  return { w, token, body: bodies[resource]!, listed, alongside };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** A new record with every field away from its default, so a field the merge forgets shows. */
async function fullRecord(resource: string, s: Setup, key?: string): Promise<Json> {
  const spec = SPECS[resource]!;
  const start = key && spec.bodyFor ? spec.bodyFor(key, s.w, s.body) : s.body;
  const body = spec.freshBody ? await spec.freshBody(s.w, start) : start;
  const created = await api(`/api/v1/${resource}`, { token: s.token, body });
  expect(created.status, created.text).toBe(201);
  const record = created.body as Json;
  const stored = spec.contract.stored(record) as Json;
  const fill: Json = {};
  for (const key of spec.contract.keys) {
    if (spec.noFill?.includes(key)) continue;
    const f = spec.contract.fields[key]!;
    const atDefault = JSON.stringify(stored[key]) === JSON.stringify(f.fallback ?? null);
    if (atDefault) fill[key] = sampleFor(resource, key, stored[key], s.listed);
  }
  if (Object.keys(fill).length > 0) {
    const filled = await api(`/api/v1/${resource}/${record.id}`, {
      token: s.token,
      method: "PATCH",
      body: { ...fill, version: record.version },
    });
    expect(filled.status, `${resource} fill ${JSON.stringify(fill)}: ${filled.text}`).toBe(200);
  }
  return get(resource, record.id, s.token);
}

async function get(resource: string, id: unknown, token: string): Promise<Json> {
  const res = await api(`/api/v1/${resource}/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body as Json;
}

/** Runs a request and returns the audit rows it wrote for this record (every API request here runs at the same instant). */
async function audited<T>(id: unknown, run: () => Promise<T>) {
  const ids = async () =>
    (
      await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(id)))
    ).map((r) => r.id);
  const seen = new Set(await ids());
  const result = await run();
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(id)));
  return { result, entries: rows.filter((r) => !seen.has(r.id)) };
}

/** A PATCH with only the version: 200, the version moves on, nothing else changes and the audit names no field. */
async function expectVersionOnlyChangesNothing(resource: string, before: Json, token: string) {
  const { result: res, entries } = await audited(before.id, () =>
    api(`/api/v1/${resource}/${before.id}`, { token, method: "PATCH", body: { version: before.version } }),
  );
  expect(res.status, res.text).toBe(200);
  const after = await get(resource, before.id, token);
  expect(after.version).toBe((before.version as number) + 1);
  expect(without(after, BOOKKEEPING), `${resource}: a PATCH with only the version changed a field`).toEqual(without(before, BOOKKEEPING));
  // One audit entry (an "update", or the resource's own word for it), naming no field.
  expect(entries.map((e) => JSON.parse(e.changes))).toEqual([{}]);
  return after;
}

describe("PATCH keeps what is not sent, for every resource and every field of its contract", () => {
  it("covers every resource the API can PATCH", () => {
    const patchable = Object.entries(doc.paths)
      .filter(([, item]) => "patch" in item)
      .map(([path]) => /^\/v1\/(\w+)\/\{id\}$/.exec(path)![1]!);
    expect(Object.keys(SPECS).sort()).toEqual(patchable.sort());
  });

  for (const resource of Object.keys(SPECS)) {
    it(`${resource}: only the version changes nothing; one field changes only that field`, async () => {
      const spec = SPECS[resource]!;
      const s = await setup(resource);
      const full = await fullRecord(resource, s);
      await expectVersionOnlyChangesNothing(resource, full, s.token);

      for (const key of spec.contract.keys) {
        const before = await fullRecord(resource, s, key);
        const current = (spec.contract.stored(before) as Json)[key];
        const value = sampleFor(resource, key, current, s.listed);
        const { result: res, entries } = await audited(before.id, () =>
          api(`/api/v1/${resource}/${before.id}`, {
            token: s.token,
            method: "PATCH",
            body: { ...s.alongside[key], [key]: value, version: before.version },
          }),
        );
        expect(res.status, `${resource}.${key} = ${JSON.stringify(value)}: ${res.text}`).toBe(200);
        const after = await get(resource, before.id, s.token);
        expect((spec.contract.stored(after) as Json)[key], `${resource}.${key} was not saved`).toEqual(value);
        const moved = [...BOOKKEEPING, ...(spec.derived ?? []), key, ...(spec.follows?.[key] ?? [])];
        expect(without(after, moved), `${resource}: a PATCH of ${key} changed another field`).toEqual(without(before, moved));
        // The audit names the field (or, for a field stored as another column, what followed from it).
        const changes = entries.map((e) => Object.keys(JSON.parse(e.changes) as Json));
        expect(changes.length, `${resource}.${key}: one audit entry`).toBe(1);
        expect(
          [key, ...(spec.follows?.[key] ?? [])].some((k) => changes[0]!.includes(k)),
          `${resource}.${key}: the audit names it`,
        ).toBe(true);
        // And from there, a PATCH with only the version still changes nothing.
        await expectVersionOnlyChangesNothing(resource, after, s.token);
      }
    }, 60_000);
  }
});
