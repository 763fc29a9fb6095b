// GET /api/v1/runs (the daily runs and what they skipped) and GET /api/v1/outbox (what each
// message is and how sending went): admins only, cursor pagination, documented in OpenAPI.
import { afterEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { openApiDocument } from "../../src/api";
import { encodeCursor } from "../../src/api/pagination";
import { MAX_SEND_RUNS } from "../../src/domain/mail/outbox";
import { adminToken, api, partnerToken } from "../helpers/api-factories";
import { makeActivity, makeFunding } from "../helpers/risk-factories";
import { fakeResend, isolate, makeMailTask, makeMailWorld, runCounted } from "../helpers/mail-factories";

const raw = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();
let resend: ReturnType<typeof fakeResend> | null = null;
afterEach(() => {
  resend?.restore();
  resend = null;
});

describe("GET /api/v1/runs", () => {
  it("lists the runs newest first and gives one run with the records it skipped, a page at a time", async () => {
    await isolate();
    const w = await makeMailWorld({ name: "Ronde API" });
    const upkept = await makeActivity(w.initiative.id, "Onderhouden");
    const task = await makeMailTask(w.initiative.id, {
      title: "Onmogelijk",
      dueOn: "2026-06-01",
      subjectType: "activity",
      subjectId: upkept.id,
    });
    await raw("UPDATE tasks SET due_on = '2026-02-30' WHERE id = ?", task.id);
    const old = await makeActivity(w.initiative.id, "Dertig februari");
    const funding = await makeFunding(w.initiative.id, [old.id]);
    await raw("UPDATE funding_streams SET starts_on = '2026-02-30' WHERE id = ?", funding.id);
    await runCounted({ today: "2026-06-01", now: "2026-06-01T04:00:00Z", sending: false });
    await runCounted({ today: "2026-06-02", now: "2026-06-02T04:00:00Z", sending: false });
    const { token } = await adminToken();

    // (Other tests in this file add later runs: start the walk as if the page before ended on 3 June.)
    const before = encodeCursor({ at: "2026-06-03", id: "2026-06-03" });
    const first = await api(`/api/v1/runs?limit=1&cursor=${encodeURIComponent(before)}`, { token });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.data[0]).toMatchObject({
      date: "2026-06-02",
      status: "skipped_some",
      skipped: 3,
      steps: { risk: { skipped: 2 }, reminders: { skipped: 1 }, send: { done: expect.any(Number), skipped: 0 } },
    });
    expect(first.body.data[0].steps.digests).toBeUndefined(); // not a digest day
    const second = await api(`/api/v1/runs?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token });
    expect(second.body.data[0].date).toBe("2026-06-01");

    const detail = await api("/api/v1/runs/2026-06-01?limit=2", { token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ date: "2026-06-01", status: "skipped_some", skipped: 3 });
    expect(detail.body.skippedRecords.data).toHaveLength(2);
    expect(detail.body.skippedRecords.data[0]).toMatchObject({ step: "risk", recordType: "activity", initiativeId: w.initiative.id });
    const rest = await api(`/api/v1/runs/2026-06-01?limit=2&cursor=${encodeURIComponent(detail.body.skippedRecords.nextCursor)}`, {
      token,
    });
    expect(rest.body.skippedRecords.nextCursor).toBeNull();
    expect(rest.body.skippedRecords.data).toEqual([
      {
        step: "reminders",
        recordType: "task",
        recordId: task.id,
        label: "Onmogelijk",
        initiativeId: w.initiative.id,
        initiativeName: "Ronde API",
        error: "RangeError: Not a calendar date: 2026-02-30",
        link: `/initiatives/${w.initiative.id}/tasks/${task.id}`,
      },
    ]);
    const all = [...detail.body.skippedRecords.data, ...rest.body.skippedRecords.data].map((r: { recordId: string }) => r.recordId);
    expect(all.sort()).toEqual([upkept.id, old.id, task.id].sort());
  });

  it("answers 404 for a day without a run, 400 for a bad cursor, 403 to partners and 401 without a token", async () => {
    const w = await makeMailWorld({ name: "Ronde geweigerd" });
    await runCounted({ today: "2026-06-03", now: "2026-06-03T04:00:00Z", sending: false });
    const { token } = await adminToken();
    expect((await api("/api/v1/runs/1999-01-01", { token })).status).toBe(404);
    expect((await api("/api/v1/runs/gisteren", { token })).status).toBe(404);
    expect((await api("/api/v1/runs?cursor=nonsense", { token })).status).toBe(400);
    const bad = await api("/api/v1/runs/2026-06-03?cursor=nonsense", { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: "cursor", message: expect.any(String) }]);
    const partner = await partnerToken(w.partner.id);
    for (const path of ["/api/v1/runs", "/api/v1/runs/2026-06-03"]) {
      const refused = await api(path, { token: partner.token });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
      expect((await api(path, { token: null })).status).toBe(401);
    }
  });
});

describe("GET /api/v1/outbox", () => {
  it("says per message what it is (kind, stage), who it is for and how sending went; filters by kind, stage, status and person", async () => {
    await isolate();
    const w = await makeMailWorld({ name: "Postvak" });
    await makeMailTask(w.initiative.id, { title: "Nu doen", dueOn: "2026-06-08" });
    await makeMailTask(w.initiative.id, { title: "Straks doen", dueOn: "2026-06-20" });
    await makeMailTask(w.initiative.id, { title: "Te laat", dueOn: "2026-05-20" });
    resend = fakeResend(() => ({ status: 503, name: "application_error", message: "even niet" }));
    await runCounted({ today: "2026-06-08", now: "2026-06-08T04:00:00Z", sending: true, resend, sendAttempts: 2 });
    const { token } = await adminToken();

    const mine = await api(`/api/v1/outbox?personId=${w.keyHolder.id}`, { token });
    expect(mine.status).toBe(200);
    const byTitle = (title: string) => mine.body.data.find((m: { subject: string }) => m.subject.includes(title));
    expect(byTitle("Nu doen")).toMatchObject({ kind: "reminder", stage: "due", escalatedTo: null, recipient: w.keyHolder.email });
    expect(byTitle("Straks doen")).toMatchObject({ kind: "reminder", stage: "lead" });
    expect(byTitle("Te laat")).toMatchObject({
      kind: "reminder",
      stage: "overdue",
      status: "failed",
      attempts: 1,
      lastAttemptOn: "2026-06-08",
      nextAttemptAt: "2026-06-09T00:00:00.000Z",
      sentAt: null,
      providerId: null,
    });
    expect(byTitle("Te laat").lastError).toContain("even niet");
    expect(
      mine.body.data.every((m: { bodyText?: unknown; payload?: unknown }) => m.bodyText === undefined && m.payload === undefined),
    ).toBe(true);

    const escalations = await api(`/api/v1/outbox?stage=escalation&personId=${w.coordinator.id}`, { token });
    expect(escalations.body.data).toEqual([
      expect.objectContaining({ kind: "escalation", stage: "escalation", escalatedTo: "coordinators", personId: w.coordinator.id }),
    ]);
    const due = await api(`/api/v1/outbox?stage=due&personId=${w.keyHolder.id}`, { token });
    expect(due.body.data.map((m: { subject: string }) => m.subject)).toEqual([expect.stringContaining("Nu doen")]);
    const kinds = await api(`/api/v1/outbox?kind=escalation&status=failed`, { token });
    expect(kinds.body.data.every((m: { kind: string; status: string }) => m.kind === "escalation" && m.status === "failed")).toBe(true);
    expect(kinds.body.data.length).toBeGreaterThan(0);

    // The next day Resend is back: sent, with the provider's id and the email it went out in.
    resend.restore();
    resend = fakeResend();
    await runCounted({ today: "2026-06-09", now: "2026-06-09T04:00:00Z", sending: true, resend });
    const sent = await api(`/api/v1/outbox?personId=${w.keyHolder.id}&status=sent`, { token });
    expect(sent.body.data).toHaveLength(3);
    for (const m of sent.body.data)
      expect(m).toMatchObject({ attempts: 2, sentAt: "2026-06-09T04:00:00.000Z", providerId: expect.stringMatching(/^re_/) });
    expect(new Set(sent.body.data.map((m: { bundleId: string }) => m.bundleId)).size).toBe(1); // one email for the three

    // Pages: a stable order, nothing skipped or repeated.
    const p1 = await api(`/api/v1/outbox?personId=${w.keyHolder.id}&limit=2`, { token });
    const p2 = await api(`/api/v1/outbox?personId=${w.keyHolder.id}&limit=2&cursor=${encodeURIComponent(p1.body.nextCursor)}`, { token });
    expect([...p1.body.data, ...p2.body.data].map((m: { id: string }) => m.id).sort()).toEqual(
      mine.body.data.map((m: { id: string }) => m.id).sort(),
    );
  });

  it("refuses partners and an unknown stage", async () => {
    const w = await makeMailWorld({ name: "Postvak dicht" });
    const { token } = await adminToken();
    expect((await api("/api/v1/outbox?stage=later", { token })).status).toBe(400);
    const partner = await partnerToken(w.partner.id);
    expect((await api("/api/v1/outbox", { token: partner.token })).status).toBe(403);
  });
});

describe("the OpenAPI document", () => {
  it("documents the runs and the outbox with their filters and fields", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: { enum?: string[] } }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, { description?: string; enum?: string[] }> }> };
    };
    expect(doc.paths["/v1/runs"]?.get).toBeDefined();
    const run = doc.paths["/v1/runs/{date}"]?.get;
    expect(run?.parameters?.find((p) => p.in === "path")?.name).toBe("date");
    const outbox = doc.paths["/v1/outbox"]!.get!;
    const param = (name: string) => outbox.parameters!.find((p) => p.name === name);
    expect(param("stage")?.schema.enum).toEqual(["lead", "due", "overdue", "escalation"]);
    expect(param("kind")?.schema.enum).toContain("escalation");
    expect(param("status")).toBeDefined();
    expect(param("personId")).toBeDefined();
    const fields = doc.components.schemas.OutboxMessage!.properties!;
    for (const f of ["kind", "stage", "subject", "recipient", "attempts", "nextAttemptAt", "lastError", "sentAt", "providerId"])
      expect(fields, f).toHaveProperty(f);
    expect(fields.attempts!.description).toContain(String(MAX_SEND_RUNS));
    expect(doc.components.schemas.SkippedRecord!.properties).toHaveProperty("link");
  });
});
