// Risk through the API: one activity's judgement, the filters on /risks, and the risk history —
// every change of level and flags with its date — made by judging a known activity on known days.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recomputeRisk } from "../../src/domain/risk/store";
import { DEFAULT_THRESHOLDS } from "../../src/domain/risk/rules";
import { adminToken, api, partnerToken } from "../helpers/api-factories";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson, uniq } from "../helpers/factories";
import { makeActivity, makeFunding, makeVolunteers } from "../helpers/risk-factories";

const judge = (activityId: string, today: string) =>
  recomputeRisk(db, { activityIds: [activityId] }, today, new Date(`${today}T04:00:00.000Z`), DEFAULT_THRESHOLDS);

/**
 * Two neighbourhoods; a partner linked to the first. In the first, "Maaltijd" leans on € 5.000 a
 * year that ends on 30 June 2027, and Kees Sleutel is its only key holder; it is judged on four
 * days, and a granted renewal takes the money cliff away on the last. In the second, one activity
 * judged once.
 */
async function historyWorld() {
  // (All its money comes from one source, so "concentration" (watch) stands throughout.)
  const hood = await makeNeighbourhood({ name: uniq("Noord") });
  const other = await makeNeighbourhood({ name: uniq("Zuid") });
  const partner = await makePartner({ name: uniq("Gemeente") });
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId: hood.id });
  const initiative = await makeInitiative(hood.id, { name: "Buurtkeuken", startedYear: 2020 });
  const activity = await makeActivity(initiative.id, "Maaltijd");
  await makeVolunteers(initiative.id, 4);
  const kees = await makePerson({ name: "Kees Sleutel", neighbourhoodId: hood.id });
  await db.insert(s.involvements).values({
    id: crypto.randomUUID(),
    personId: kees.id,
    initiativeId: initiative.id,
    role: "key_holder",
    critical: true,
    since: "2024-01-01",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  });
  for (const year of [2026, 2027])
    await db.insert(s.checkins).values({
      id: crypto.randomUUID(),
      initiativeId: initiative.id,
      year,
      status: "active",
      createdAt: `${year}-01-02T00:00:00Z`,
      updatedAt: `${year}-01-02T00:00:00Z`,
    });
  const funding = await makeFunding(initiative.id, [activity.id], { endsOn: "2027-06-30", sourceName: "Fonds Samen" });
  const elsewhere = await makeInitiative(other.id, { name: "Elders" });
  const theirs = await makeActivity(elsewhere.id, "Elders koffie");

  await judge(activity.id, "2026-09-01"); // key person only: at risk
  await judge(activity.id, "2027-02-01"); // + the money ends within the horizon
  await judge(activity.id, "2027-05-10"); // within 60 days: urgent
  await db.update(s.fundingStreams).set({ renewalState: "granted" }).where(eq(s.fundingStreams.id, funding.id));
  await judge(activity.id, "2027-05-20"); // renewed: the cliff is gone
  await judge(theirs.id, "2027-01-01");
  return { hood, other, partner, initiative, activity, funding, elsewhere, theirs, kees };
}

type Event = {
  on: string;
  fromLevel: string | null;
  toLevel: string;
  added: string[];
  resolved: string[];
  flags: { code: string; reason: string }[];
};

async function walk(url: string, token: string, limit: number) {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(`${url}${url.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { token });
    expect(res.status, res.text).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

describe("GET /api/v1/risk-events", () => {
  it("gives every change of level and flags with its date, oldest first, and pages through them without gaps", async () => {
    const w = await historyWorld();
    const { token } = await adminToken();
    const res = await api(`/api/v1/risk-events?activityId=${w.activity.id}`, { token });
    expect(res.status).toBe(200);
    const events = res.body.data as Event[];
    expect(events.map((e) => [e.on, e.fromLevel, e.toLevel, e.added, e.resolved])).toEqual([
      ["2026-09-01", null, "at_risk", ["key_person", "concentration"], []],
      ["2027-02-01", "at_risk", "at_risk", ["funding_cliff"], []],
      ["2027-05-10", "at_risk", "urgent", [], []],
      ["2027-05-20", "urgent", "at_risk", [], ["funding_cliff"]],
    ]);
    expect(res.body.data[0]).toMatchObject({
      activityId: w.activity.id,
      activityName: "Maaltijd",
      initiativeId: w.initiative.id,
      initiativeName: "Buurtkeuken",
      neighbourhoodId: w.hood.id,
      recordedAt: "2026-09-01T04:00:00.000Z",
    });
    const cliff = res.body.data[2].flags.find((f: { code: string }) => f.code === "funding_cliff");
    expect(cliff).toMatchObject({
      severity: "urgent",
      endsOn: "2027-06-30",
      shortfallCentsPerYear: 500_000,
      subject: { type: "funding", id: w.funding.id, name: "Fonds Samen" },
    });
    // One at a time, the same list.
    expect(await walk(`/api/v1/risk-events?activityId=${w.activity.id}`, token, 1)).toEqual(events);
    // From a day on.
    const since = await api(`/api/v1/risk-events?activityId=${w.activity.id}&since=2027-05-10`, { token });
    expect(since.body.data.map((e: Event) => e.on)).toEqual(["2027-05-10", "2027-05-20"]);
    // By initiative and by neighbourhood.
    const byInitiative = await api(`/api/v1/risk-events?initiativeId=${w.initiative.id}`, { token });
    expect(byInitiative.body.data).toHaveLength(4);
    const byHood = await api(`/api/v1/risk-events?neighbourhoodId=${w.other.id}`, { token });
    expect(byHood.body.data.map((e: { activityId: string }) => e.activityId)).toEqual([w.theirs.id]);
  });

  it("shows a partner token only its neighbourhoods, without volunteers' names, and refuses a filter outside them", async () => {
    const w = await historyWorld();
    const { token } = await partnerToken(w.partner.id);
    const all = await walk("/api/v1/risk-events", token, 100);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((e) => (e as unknown as { neighbourhoodId: string }).neighbourhoodId))).toEqual(new Set([w.hood.id]));
    const mine = await api(`/api/v1/risk-events?activityId=${w.activity.id}`, { token });
    expect(mine.body.data).toHaveLength(4);
    expect(mine.text).not.toContain("Kees Sleutel");
    expect(mine.text).not.toContain(w.kees.id);
    expect(mine.body.data[0].flags[0]).toMatchObject({ code: "key_person", subject: { type: "role", id: "key_holder" } });
    expect((await api(`/api/v1/risk-events?activityId=${w.theirs.id}`, { token })).body.data).toEqual([]);
    const refused = await api(`/api/v1/risk-events?neighbourhoodId=${w.other.id}`, { token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", fields: [] });
  });

  it("leaves archived activities out unless asked, and refuses a bad day, a bad cursor and no token", async () => {
    const w = await historyWorld();
    const { token } = await adminToken();
    await db.update(s.activities).set({ archivedAt: "2027-06-01T00:00:00.000Z" }).where(eq(s.activities.id, w.activity.id));
    expect((await api(`/api/v1/risk-events?activityId=${w.activity.id}`, { token })).body.data).toEqual([]);
    expect((await api(`/api/v1/risk-events?activityId=${w.activity.id}&archived=include`, { token })).body.data).toHaveLength(4);
    expect((await api(`/api/v1/risk-events?initiativeId=${w.initiative.id}&archived=only`, { token })).body.data).toHaveLength(4);
    for (const q of ["since=2027-02-30", "since=01-02-2027", "cursor=bm90LWpzb24", "archived=maybe"]) {
      const res = await api(`/api/v1/risk-events?${q}`, { token });
      expect(res.status, q).toBe(400);
      expect(
        res.body.error.fields.map((f: { path: string }) => f.path),
        q,
      ).toEqual([q.split("=")[0]]);
    }
    expect((await api("/api/v1/risk-events", { token: null })).status).toBe(401);
  });
});

describe("GET /api/v1/risks/{activityId} and the filters of /risks", () => {
  it("gives one activity's current judgement in the one flag shape", async () => {
    const w = await historyWorld();
    const { token } = await adminToken();
    const res = await api(`/api/v1/risks/${w.activity.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      activityId: w.activity.id,
      activityName: "Maaltijd",
      initiativeId: w.initiative.id,
      neighbourhoodId: w.hood.id,
      level: "at_risk",
      levelSince: "2027-05-20",
      judgedOn: "2027-05-20",
    });
    expect(res.body.flags.map((f: { code: string }) => f.code)).toEqual(["key_person", "concentration"]);
    expect(res.body.flags[0]).toMatchObject({ code: "key_person", severity: "at_risk", subject: { type: "role", id: "key_holder" } });
    // The same record as the list gives.
    const listed = await api(`/api/v1/risks?activityId=${w.activity.id}`, { token });
    expect(listed.body.data).toEqual([res.body]);
  });

  it("filters by neighbourhood, initiative, activity and level", async () => {
    const w = await historyWorld();
    const { token } = await adminToken();
    const ids = async (q: string) =>
      (await api(`/api/v1/risks?${q}`, { token })).body.data.map((r: { activityId: string }) => r.activityId);
    expect(await ids(`neighbourhoodId=${w.hood.id}`)).toEqual([w.activity.id]);
    expect(await ids(`initiativeId=${w.elsewhere.id}`)).toEqual([w.theirs.id]);
    expect(await ids(`activityId=${w.theirs.id}`)).toEqual([w.theirs.id]);
    expect(await ids(`neighbourhoodId=${w.hood.id}&level=at_risk`)).toEqual([w.activity.id]);
    expect(await ids(`neighbourhoodId=${w.hood.id}&level=urgent`)).toEqual([]);
  });

  it("refuses a partner token outside its neighbourhoods, leaves names out for it, and answers 404 for an unknown or unjudged activity", async () => {
    const w = await historyWorld();
    const { token } = await partnerToken(w.partner.id);
    const mine = await api(`/api/v1/risks/${w.activity.id}`, { token });
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain("Kees Sleutel");
    const theirs = await api(`/api/v1/risks/${w.theirs.id}`, { token });
    expect(theirs.status).toBe(403);
    expect((await api(`/api/v1/risks?neighbourhoodId=${w.other.id}`, { token })).status).toBe(403);
    expect((await api(`/api/v1/risks?activityId=${w.theirs.id}`, { token })).body.data).toEqual([]);
    const admin = await adminToken();
    const unknown = await api("/api/v1/risks/no-such-activity", { token: admin.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "not_found", fields: [] });
    const unjudged = await makeActivity(w.initiative.id, "Nog niet beoordeeld");
    expect((await api(`/api/v1/risks/${unjudged.id}`, { token: admin.token })).status).toBe(404);
  });
});
