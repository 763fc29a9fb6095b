// Consequences live in the write: whichever way a change comes in — a form, the API, a one-click
// answer from a mail, a spreadsheet import, the thresholds page, an erasure — the stored judgement
// of the activities it touches is current when the answer goes out, not after the next daily run.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recomputeRisk, saveThresholds } from "../../src/domain/risk/store";
import { DEFAULT_THRESHOLDS } from "../../src/domain/risk/rules";
import { signLink } from "../../src/domain/mail/tokens";
import { Browser } from "../helpers/browser";
import { appAt, db, makePerson, signedIn } from "../helpers/factories";
import { api } from "../helpers/api-factories";
import { makeMailTask, makeMailWorld } from "../helpers/mail-factories";
import { makeActivity, makeFunding } from "../helpers/risk-factories";
import { makeFacility } from "../helpers/tasks-factories";

const NOW = "2027-03-16T10:00:00.000Z";
const TODAY = "2027-03-16";
const at = appAt(NOW);

type StoredFlag = { rule: string; params: Record<string, unknown> };

async function stored(activityId: string) {
  const row = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) });
  return row ? { ...row, parsed: JSON.parse(row.flags) as StoredFlag[] } : null;
}
const rulesOf = async (activityId: string) => ((await stored(activityId))?.parsed ?? []).map((f) => f.rule).sort();

/** An initiative with one activity, two volunteers (one key holder) and an upkeep task overdue since February. */
async function overdueWorld(name: string) {
  const w = await makeMailWorld({ name });
  const activity = await makeActivity(w.initiative.id, "Tuindag");
  const task = await makeMailTask(w.initiative.id, { dueOn: "2027-02-01", graceDays: 7 });
  await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, new Date(NOW));
  expect(await rulesOf(activity.id)).toContain("neglected_upkeep");
  return { ...w, activity, task };
}

describe("risk follows every write at once", () => {
  it("a one-click answer from a mail: an overdue task marked done is no longer neglected upkeep", async () => {
    const w = await overdueWorld("Antwoord per mail");
    const token = await signLink(env.SESSION_SECRET, {
      k: "a",
      p: w.keyHolder.id,
      t: w.task.id,
      o: "2027-02-01",
      iat: "2027-02-01T04:00:00.000Z",
      exp: "2027-04-01T04:00:00.000Z",
    });
    const resident = new Browser(at);
    await resident.get(`/mail/answers/${token}?answer=done`);
    const posted = await resident.post(`/mail/answers/${token}`, { answer: "done" });
    expect(posted.status).toBe(303);
    expect(await rulesOf(w.activity.id)).not.toContain("neglected_upkeep");
    const history = await db.select().from(s.riskEvents).where(eq(s.riskEvents.activityId, w.activity.id));
    expect(history.some((e) => JSON.parse(e.resolved ?? "[]").includes("neglected_upkeep") && e.on === TODAY)).toBe(true);
  });

  it("a form post: the coordinator marks the task done on the site", async () => {
    const w = await overdueWorld("Formulier");
    const coordinator = await signedIn(w.coordinator.id, NOW);
    await coordinator.get(`/initiatives/${w.initiative.id}`);
    const res = await coordinator.post(`/initiatives/${w.initiative.id}/tasks/${w.task.id}/completions`, { kind: "done" });
    expect(res.status).toBe(303);
    expect(await rulesOf(w.activity.id)).not.toContain("neglected_upkeep");
  });

  it("a form post on a neighbourhood record: a facility's agreement that now ends soon concerns the activities held there", async () => {
    const w = await overdueWorld("Plek");
    const facility = await makeFacility(w.hood.id, { name: "Buurthuis De Linde" });
    await db.update(s.activities).set({ facilityId: facility.id }).where(eq(s.activities.id, w.activity.id));
    await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, new Date(NOW));
    expect(await rulesOf(w.activity.id)).not.toContain("facility_ending");
    const coordinator = await signedIn(w.coordinator.id, NOW);
    await coordinator.get(`/neighbourhoods/${w.hood.id}/facilities/${facility.id}/edit`);
    const res = await coordinator.post(`/neighbourhoods/${w.hood.id}/facilities/${facility.id}`, {
      name: facility.name,
      kind: "",
      ownerPartnerId: "",
      agreement: "bruikleen",
      agreementEndsOn: "2027-04-30",
      renewalState: "none",
      version: "1",
    });
    expect(res.status).toBe(303);
    expect(await rulesOf(w.activity.id)).toContain("facility_ending");
  });

  it("an API write: a completion posted with a token, and a facility changed through the API", async () => {
    const w = await overdueWorld("API");
    const done = await api(`/api/v1/tasks/${w.task.id}/completions`, { body: { kind: "done" }, fetcher: at });
    expect(done.status).toBe(201);
    expect(await rulesOf(w.activity.id)).not.toContain("neglected_upkeep");

    const facility = await makeFacility(w.hood.id, { name: "Speeltuin" });
    await db.update(s.activities).set({ facilityId: facility.id }).where(eq(s.activities.id, w.activity.id));
    const patched = await api(`/api/v1/facilities/${facility.id}`, {
      method: "PATCH",
      body: { agreementEndsOn: "2027-04-30", version: 1 },
      fetcher: at,
    });
    expect(patched.status).toBe(200);
    expect(await rulesOf(w.activity.id)).toContain("facility_ending");
  });

  it("a spreadsheet import: imported volunteers end 'too few volunteers'; imported activities are judged at once", async () => {
    const w = await makeMailWorld({ name: "Import" });
    await db.delete(s.involvements).where(eq(s.involvements.initiativeId, w.initiative.id));
    const activity = await makeActivity(w.initiative.id, "Koffieochtend");
    await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, new Date(NOW));
    expect(await rulesOf(activity.id)).toContain("few_volunteers");
    const coordinator = await signedIn(w.coordinator.id, NOW);
    await coordinator.get(`/initiatives/${w.initiative.id}/imports`);
    const csv = btoa(
      "Naam;Rol;Sinds\r\nAnna Appel;vrijwilliger;2025-01-01\r\nBram Bes;kok;2025-06-01\r\nCees Citroen;vrijwilliger;2025-09-01\r\n",
    );
    const imported = await coordinator.post(`/initiatives/${w.initiative.id}/imports`, { csv, mode: "all" });
    expect(imported.status).toBe(303);
    expect(await rulesOf(activity.id)).not.toContain("few_volunteers");

    await coordinator.get(`/neighbourhoods/${w.hood.id}/imports`);
    const file = btoa("Initiatief;Gestart;Status;Activiteit\r\nRepair Cafe Noord;2019;actief;Repareren\r\n");
    expect((await coordinator.post(`/neighbourhoods/${w.hood.id}/imports`, { csv: file, mode: "all" })).status).toBe(303);
    const created = await db.query.activities.findFirst({ where: eq(s.activities.name, "Repareren") });
    expect((await stored(created!.id))?.judgedOn).toBe(TODAY);
  });

  it("saving the thresholds: a stream ending in 100 days is no funding cliff with a 90-day horizon", async () => {
    const w = await makeMailWorld({ name: "Drempels" });
    const activity = await makeActivity(w.initiative.id, "Soepmiddag");
    await makeFunding(w.initiative.id, [activity.id], { endsOn: "2027-06-24" });
    await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, new Date(NOW));
    expect(await rulesOf(activity.id)).toContain("funding_cliff");
    const admin = await signedIn((await makePerson({ name: "Ada Beheer", isAdmin: true })).id, NOW);
    await admin.get("/admin/settings");
    try {
      const res = await admin.post("/admin/settings", {
        horizonDays: "90",
        urgentDays: "60",
        concentrationShare: "40",
        shrinkRatio: "70",
        staleCheckinMonths: "13",
        staleAssetMonths: "24",
      });
      expect(res.status).toBe(303);
      expect(await rulesOf(activity.id)).not.toContain("funding_cliff");
      const trail = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, "risk.thresholds"));
      expect(trail.at(-1)?.changes).toContain('"horizonDays":90');
    } finally {
      // Settings are shared by every test in this file.
      await saveThresholds(db, DEFAULT_THRESHOLDS, null, new Date(NOW));
    }
  });

  it("an erasure: judgements that quoted the person's name are made again without it", async () => {
    const w = await makeMailWorld({ name: "Wissen" });
    const activity = await makeActivity(w.initiative.id, "Gitaarles");
    const gerrit = await makePerson({ name: "Gerrit Groenendaal" });
    const asset = {
      id: crypto.randomUUID(),
      neighbourhoodId: w.hood.id,
      category: "gifts" as const,
      name: "Gitaarles van Gerrit Groenendaal",
      lastConfirmedOn: "2024-01-01",
      createdAt: "2024-01-01T00:00:00.000Z",
      updatedAt: "2024-01-01T00:00:00.000Z",
    };
    await db.insert(s.assets).values(asset);
    await db.insert(s.assetInitiatives).values({ assetId: asset.id, initiativeId: w.initiative.id });
    await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, "2027-01-10", new Date("2027-01-10T10:00:00.000Z"));
    expect((await stored(activity.id))?.flags).toContain("Gerrit Groenendaal");
    const admin = await signedIn((await makePerson({ name: "Ada Beheer", isAdmin: true })).id, NOW);
    await admin.get(`/admin/people/${gerrit.id}/erasure`);
    expect((await admin.post(`/admin/people/${gerrit.id}/erasure`, { confirm: "yes" })).status).toBe(303);
    const after = await stored(activity.id);
    expect(after?.parsed.map((f) => f.rule)).toContain("stale_asset");
    expect(after?.flags).not.toContain("Gerrit Groenendaal");
    expect(after?.judgedOn).toBe(TODAY);
    const history = await db.select().from(s.riskEvents).where(eq(s.riskEvents.activityId, activity.id));
    expect(history.length).toBeGreaterThan(0);
    expect(JSON.stringify(history)).not.toContain("Gerrit Groenendaal");
  });
});
