// Helpers for API tests: a JSON client for the real Worker and tokens of each kind.
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { createApiToken } from "../../src/domain/auth/api-tokens";
import { appAt, db, makePerson, makeWorld, uniq } from "./factories";
import { makeActivity, makeCommitment, makeFacility, makeFunding } from "./money-factories";
import { makeCheckin, makeInvolvement } from "./people-factories";
import { makeTask } from "./tasks-factories";
import { makeOffer } from "./offer-factories";
import { makeDocument } from "./document-files";

export const ADMIN_SECRET = "test-admin-token";
/** API tests run on a fixed day: 15 June 2026. */
export const NOW = "2026-06-15T10:00:00.000Z";
export const TODAY = "2026-06-15";
const fixedApp = appAt(NOW);

export type ApiResult = { status: number; body: any; headers: Headers; text: string };

/** Sends a request to /api…; a plain object body is sent as JSON. */
export async function api(
  path: string,
  opts: {
    method?: string;
    token?: string | null;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    fetcher?: (req: Request) => Promise<Response>;
  } = {},
): Promise<ApiResult> {
  // Each request comes from its own address, so the failed-attempt budget of one test never hits another.
  const headers: Record<string, string> = { "cf-connecting-ip": uniq("ip"), ...(opts.headers ?? {}) };
  if (opts.token !== null) headers.authorization ??= `Bearer ${opts.token ?? ADMIN_SECRET}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`http://localhost${path}`, { method: opts.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
  const res = await (opts.fetcher ?? fixedApp)(req);
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/** An admin token made in the UI by an admin person. */
export async function adminToken() {
  const admin = await makePerson({ name: "Token Beheerder", isAdmin: true });
  const { token, id } = await createApiToken(
    db,
    { name: "admin automation", role: "admin", partnerId: undefined },
    admin.id,
    new Date("2026-01-01T00:00:00Z"),
  );
  return { token, id, admin };
}

/** A partner token for this organisation. */
export async function partnerToken(partnerId: string, createdBy: string | null = null) {
  const { token, id } = await createApiToken(
    db,
    { name: "partner dashboard", role: "partner", partnerId },
    createdBy,
    new Date("2026-01-01T00:00:00Z"),
  );
  return { token, id };
}

export async function tokenRow(id: string) {
  return db.query.apiTokens.findFirst({ where: eq(s.apiTokens.id, id) });
}

/** Row counts of the tables an API write may touch: a failed request must leave them unchanged. */
export async function counts() {
  const tables = {
    neighbourhoods: s.neighbourhoods,
    partnerOrgs: s.partnerOrgs,
    people: s.people,
    initiatives: s.initiatives,
    activities: s.activities,
    involvements: s.involvements,
    facilities: s.facilities,
    fundingStreams: s.fundingStreams,
    fundingActivities: s.fundingActivities,
    commitments: s.commitments,
    checkins: s.checkins,
    checkinNotes: s.checkinNotes,
    assets: s.assets,
    tasks: s.tasks,
    taskEvents: s.taskEvents,
    auditLog: s.auditLog,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (await db.select().from(table)).length;
  return out;
}

const stamp = { createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" };

export async function makeAsset(neighbourhoodId: string, over: Partial<typeof s.assets.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    neighbourhoodId,
    category: "places" as const,
    name: "Het pleintje",
    lastConfirmedOn: "2026-01-01",
    ...stamp,
    ...over,
  };
  await db.insert(s.assets).values(row);
  return row;
}

/** One record of every kind in the partner's neighbourhood, and one of each in another neighbourhood. */
export async function apiWorld() {
  const w = await makeWorld();
  const make = async (hoodId: string, initiativeId: string, partnerId: string) => {
    const activity = await makeActivity(initiativeId);
    const facility = await makeFacility(hoodId);
    const funding = await makeFunding(initiativeId, {}, [activity.id]);
    const commitment = await makeCommitment(initiativeId, partnerId);
    const volunteer = await makePerson({ name: "Vera Vrijwilliger", neighbourhoodId: hoodId });
    const involvement = await makeInvolvement(initiativeId, volunteer.id, { role: "cook", critical: true });
    const checkin = await makeCheckin(initiativeId, 2024);
    const asset = await makeAsset(hoodId);
    const task = await makeTask(initiativeId);
    const message = { id: crypto.randomUUID() };
    await db.insert(s.volunteerMessages).values({
      id: message.id,
      initiativeId,
      subject: "Schoonmaakdag",
      body: "Zaterdag om tien uur.",
      sentOn: "2026-01-01",
      createdAt: stamp.createdAt,
      recipients: 0,
    });
    const offer = await makeOffer(hoodId, { tagIds: ["tag-klussen"] });
    const document = await makeDocument("funding", funding.id);
    return { activity, facility, funding, commitment, volunteer, involvement, checkin, asset, task, message, offer, document };
  };
  const here = await make(w.hood.id, w.initiative.id, w.partner.id);
  const otherPartner = await makePartnerRow("Fonds Elders");
  const there = await make(w.otherHood.id, w.otherInitiative.id, otherPartner.id);
  const partnerTok = await partnerToken(w.partner.id, w.partnerPerson.id);
  return { ...w, here, there, otherPartner, partnerTok: partnerTok.token };
}

async function makePartnerRow(name: string) {
  const row = { id: crypto.randomUUID(), name, kind: "fund" as const, ...stamp };
  await db.insert(s.partnerOrgs).values(row);
  return row;
}

type World = Awaited<ReturnType<typeof apiWorld>>;

/** A valid create body per resource (a fresh initiative where a year may only be used once). */
export async function validBodies(w: World, year: number) {
  const freshInitiative = (
    await db
      .insert(s.initiatives)
      .values({ id: crypto.randomUUID(), neighbourhoodId: w.hood.id, name: "Vers initiatief", startedYear: 2020, ...stamp })
      .returning()
  )[0]!;
  return {
    neighbourhoods: { name: "Nieuwe Buurt", municipality: "Utrecht", slug: uniq("nieuw") },
    partners: { name: "Fonds Nieuw", kind: "fund", neighbourhoodIds: [w.hood.id] },
    people: {
      name: "Piet Nieuw",
      email: `${uniq("piet")}@example.org`,
      locale: "nl",
      isAdmin: false,
      coordinatorOf: [],
      partnerOrgIds: [],
    },
    initiatives: {
      neighbourhoodId: w.hood.id,
      name: "Repair Café",
      startedYear: 2021,
      status: "active",
      continuationPlan: "volunteers_only",
      purpose: "Samen repareren",
    },
    activities: { initiativeId: w.initiative.id, name: "Koffieochtend", rhythm: "wekelijks", place: "Buurthuis" },
    involvements: {
      initiativeId: w.initiative.id,
      name: "Nieuwe Vrijwilliger",
      email: `${uniq("v")}@example.org`,
      role: "penningmeester",
      critical: true,
      since: "2025-03-01",
    },
    facilities: {
      neighbourhoodId: w.hood.id,
      name: "Buurtkamer",
      kind: "buurtkamer",
      agreementEndsOn: "2027-12-31",
      renewalState: "planned",
    },
    fundings: {
      initiativeId: w.initiative.id,
      sourceName: "Wijkbudget",
      kind: "wijkbudget",
      amountCentsPerYear: 123450,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      status: "granted",
      activityIds: [w.here.activity.id],
    },
    commitments: {
      initiativeId: w.initiative.id,
      partnerId: w.partner.id,
      kind: "room",
      description: "Zaal op dinsdag",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
    },
    checkins: { initiativeId: freshInitiative.id, year, status: "active", volunteers: 6, peopleReached: 80, story: "Het ging goed." },
    assets: {
      neighbourhoodId: w.hood.id,
      category: "gifts",
      name: "Fietsen maken",
      description: "Ahmed repareert fietsen",
      initiativeIds: [w.initiative.id],
    },
    messages: { initiativeId: w.initiative.id, subject: "Schoonmaakdag", body: "Zaterdag om tien uur bij de schuur." },
    tasks: {
      initiativeId: w.initiative.id,
      title: "Verzekering verlengen",
      subjectType: "funding",
      subjectId: w.here.funding.id,
      scheduleKind: "relative",
      relativeAnchor: "funding_ends",
      relativeOffsetDays: -56,
      assigneeRoles: ["treasurer"],
    },
    tags: { name: uniq("boodschappen"), nameEn: "shopping", role: null },
    tokens: { name: "Dashboard", role: "partner", partnerId: w.partner.id },
  } as Record<string, Record<string, unknown>>;
}
