import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { db } from "../helpers/factories";
import { auditLog } from "../../src/db/schema";

const changes: Record<string, Record<string, unknown>> = {
  neighbourhoods: { municipality: "Amersfoort" },
  partners: { name: "Fonds Hernoemd" },
  people: { name: "Piet Hernoemd" },
  initiatives: { status: "paused" },
  activities: { rhythm: "maandelijks" },
  involvements: { until: "2026-06-30" },
  facilities: { renewalState: "granted" },
  fundings: { amountCentsPerYear: 200000 },
  commitments: { description: "Zaal op woensdag" },
  checkins: { story: "Nog beter." },
  assets: { description: "Ahmed en Fatima repareren fietsen" },
  tasks: { title: "Verzekering vernieuwen" },
};
const ARCHIVABLE = ["neighbourhoods", "partners", "initiatives", "activities", "facilities", "fundings", "commitments", "assets", "tasks"];

describe("every resource: create, get, list, update, archive — with the screens' rules", () => {
  for (const resource of Object.keys(changes)) {
    it(`${resource}: round trip with versions and an audit row`, async () => {
      const w = await apiWorld();
      const { token } = await adminToken();
      const bodies = await validBodies(w, 2026);
      const created = await api(`/api/v1/${resource}`, { token, body: bodies[resource] });
      expect(created.status, created.text).toBe(201);
      const record = created.body;
      expect(record).toMatchObject({ id: expect.any(String), version: 1, createdAt: expect.any(String), updatedAt: expect.any(String) });
      const got = await api(`/api/v1/${resource}/${record.id}`, { token });
      expect(got.status).toBe(200);
      expect(got.body.id).toBe(record.id);

      const changed = await api(`/api/v1/${resource}/${record.id}`, {
        token,
        method: "PATCH",
        body: { ...changes[resource], version: record.version },
      });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body).toMatchObject({ ...changes[resource], version: record.version + 1 });

      // The same version again is stale now: 409 with what is stored, and nothing written.
      const stale = await api(`/api/v1/${resource}/${record.id}`, {
        token,
        method: "PATCH",
        body: { ...changes[resource], version: record.version },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("stale_version");
      expect(stale.body.error.current).toMatchObject({ id: record.id, version: record.version + 1 });

      expect((await db.select().from(auditLog).where(eq(auditLog.entityId, record.id))).length).toBeGreaterThanOrEqual(2);

      if (ARCHIVABLE.includes(resource)) {
        const archived = await api(`/api/v1/${resource}/${record.id}/archival`, { token, method: "POST" });
        expect(archived.status, archived.text).toBe(200);
        expect(archived.body.archivedAt).not.toBeNull();
        const hidden = await api(`/api/v1/${resource}?limit=100`, { token });
        expect(hidden.body.data.map((r: { id: string }) => r.id)).not.toContain(record.id);
        const only = await api(`/api/v1/${resource}?archived=only&limit=100`, { token });
        expect(only.body.data.map((r: { id: string }) => r.id)).toContain(record.id);
        const restored = await api(`/api/v1/${resource}/${record.id}/restoration`, {
          token,
          method: "POST",
          body: { version: archived.body.version },
        });
        expect(restored.status).toBe(200);
        expect(restored.body.archivedAt).toBeNull();
      }
    });
  }

  it("money is whole cents in and out; the screens' cross-field rules speak with the API's field names", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const bodies = await validBodies(w, 2026);
    const bad = await api("/api/v1/fundings", {
      token,
      body: { ...bodies.fundings, endsOn: "2025-12-31", sourceName: null, amountCentsPerYear: 12.5 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain("amountCentsPerYear");
    const rule = await api("/api/v1/fundings", { token, body: { ...bodies.fundings, endsOn: "2025-12-31", sourceName: null } });
    expect(rule.status).toBe(422);
    expect(rule.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: "endsOn", message: expect.stringContaining("") },
        { path: "sourceName", message: expect.any(String) },
      ]),
    );
    const ok = await api("/api/v1/fundings", { token, body: bodies.fundings });
    expect(ok.body).toMatchObject({ amountCentsPerYear: 123450, activityIds: [w.here.activity.id] });
  });

  it("ends an involvement instead of deleting it", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const inv = w.here.involvement;
    const early = await api(`/api/v1/involvements/${inv.id}/ending`, { token, body: { lastDay: "2023-01-01", version: 1 } });
    expect(early.status).toBe(422);
    const ended = await api(`/api/v1/involvements/${inv.id}/ending`, { token, body: { lastDay: "2026-05-31", version: 1 } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ until: "2026-05-31", version: 2 });
  });

  it("answers a task and lists its completions", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const done = await api(`/api/v1/tasks/${w.here.task.id}/completions`, { token, body: { kind: "done", note: "Gecontroleerd" } });
    expect(done.status, done.text).toBe(201);
    expect(done.body).toMatchObject({ kind: "done", via: "api", note: "Gecontroleerd", version: 1 });
    const list = await api(`/api/v1/tasks/${w.here.task.id}/completions`, { token });
    expect(list.body.data).toHaveLength(1);
    const stale = await api(`/api/v1/tasks/${w.here.task.id}/completions`, { token, body: { kind: "done", occurrence: "2026-01-31" } });
    expect(stale.status).toBe(409);
    const task = await api(`/api/v1/tasks/${w.here.task.id}`, { token });
    expect(task.body.occurrence).toMatchObject({ dueOn: expect.any(String), state: expect.any(String) });
  });

  it("adds a note to a frozen check-in and refuses to change it", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const checkin = w.here.checkin; // 2024: closed on 2026-06-15
    const change = await api(`/api/v1/checkins/${checkin.id}`, { token, method: "PATCH", body: { story: "Anders", version: 1 } });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe("conflict");
    const note = await api(`/api/v1/checkins/${checkin.id}/notes`, { token, body: { body: "Correctie: 8 vrijwilligers." } });
    expect(note.status).toBe(201);
    const notes = await api(`/api/v1/checkins/${checkin.id}/notes`, { token });
    expect(notes.body.data).toHaveLength(1);
    const dup = await api("/api/v1/checkins", {
      token,
      body: { initiativeId: w.initiative.id, year: 2024, status: "active", volunteers: 1, peopleReached: 1 },
    });
    expect(dup.status).toBe(409);
    const future = await api("/api/v1/checkins", {
      token,
      body: { initiativeId: w.initiative.id, year: 2030, status: "active", volunteers: 1, peopleReached: 1 },
    });
    expect(future.status).toBe(422);
  });

  it("shows stored risk with reasons and the overview's figures", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    // A change through the API judges the initiative again, as the screens do.
    await api(`/api/v1/activities/${w.here.activity.id}`, { token, method: "PATCH", body: { place: "Buurthuis", version: 1 } });
    const risks = await api(`/api/v1/risks?neighbourhoodId=${w.hood.id}`, { token });
    expect(risks.status).toBe(200);
    const mine = risks.body.data.find((r: { activityId: string }) => r.activityId === w.here.activity.id);
    expect(mine).toMatchObject({ level: expect.any(String), initiativeId: w.initiative.id, judgedOn: "2026-06-15" });
    for (const f of mine.flags)
      expect(f).toMatchObject({
        code: expect.any(String),
        since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        reason: expect.any(String),
        subject: { type: expect.any(String), id: expect.any(String), name: expect.any(String) },
      });
    const overview = await api(`/api/v1/overview?neighbourhoodId=${w.hood.id}`, { token });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ today: "2026-06-15", now: expect.any(Object), cliff: expect.any(Object) });
    const outbox = await api("/api/v1/outbox", { token });
    expect(outbox.status).toBe(200);
  });

  it("erases a person (admin, final) and exports what is stored about someone", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const exported = await api(`/api/v1/people/${w.here.volunteer.id}/export`, { token });
    expect(exported.status).toBe(200);
    expect(exported.body.person.name).toBe("Vera Vrijwilliger");
    expect(exported.body.involvements).toHaveLength(1);
    const erased = await api(`/api/v1/people/${w.here.volunteer.id}/erasure`, { token, method: "POST" });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ name: "Verwijderde persoon", email: null, erasedAt: expect.any(String) });
    expect((await api(`/api/v1/people/${w.here.volunteer.id}`, { token })).status).toBe(404);
    const listed = await api(`/api/v1/people?erased=only&limit=100`, { token });
    expect(listed.body.data.map((p: { id: string }) => p.id)).toContain(w.here.volunteer.id);
    // The interval stays, anonymous.
    const inv = await api(`/api/v1/involvements/${w.here.involvement.id}`, { token });
    expect(inv.body.personId).toBe(w.here.volunteer.id);
  });
});
