// What issue 13 found accepted, each answered now with 422 and the field named, and nothing written:
// impossible dates and years 0001–0099 (which stopped the risk rules), dates in other shapes, and
// lone surrogates (which grew a 120-character name to 122 and then blocked every later change).
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db } from "../helpers/factories";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { dataFingerprint } from "../helpers/bad-input";

describe("dates from the issue", () => {
  it("refuses each with 422 naming the field, and writes nothing", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const valid = await validBodies(w, 2026);
    const cases: { url: string; method?: string; body: Record<string, unknown>; field: string }[] = [
      ...["2026-02-30", "2026-04-31", "2026-13-01"].map((d) => ({
        url: "/api/v1/initiatives",
        body: { ...valid.initiatives, continuationPlan: "planned_ending", plannedEndOn: d },
        field: "plannedEndOn",
      })),
      {
        url: `/api/v1/initiatives/${w.initiative.id}`,
        method: "PATCH",
        body: { plannedEndOn: "2026-02-30", version: 1 },
        field: "plannedEndOn",
      },
      { url: "/api/v1/fundings", body: { ...valid.fundings, startsOn: "0050-01-01" }, field: "startsOn" },
      { url: "/api/v1/involvements", body: { ...valid.involvements, since: "0001-11-23" }, field: "since" },
      { url: "/api/v1/involvements", body: { ...valid.involvements, since: "01-02-2026" }, field: "since" },
      { url: "/api/v1/involvements", body: { ...valid.involvements, until: "01-02-2026" }, field: "until" },
      { url: `/api/v1/tasks/${w.here.task.id}/completions`, body: { kind: "done", until: "2026-1-1" }, field: "until" },
      { url: `/api/v1/involvements?activeOn=2026-02-30`, method: "GET", body: {}, field: "activeOn" },
    ];
    for (const c of cases) {
      const before = await dataFingerprint();
      const res = await api(c.url, { token, method: c.method ?? "POST", ...(c.method === "GET" ? {} : { body: c.body }) });
      const what = `${c.url} ${JSON.stringify(c.body)} → ${res.text.slice(0, 200)}`;
      expect(res.status, what).toBe(c.method === "GET" ? 400 : 422);
      expect(
        res.body.error.fields.map((f: { path: string }) => f.path),
        what,
      ).toContain(c.field);
      expect(await dataFingerprint(), what).toBe(before);
    }
  });

  it("says in the message what a date must look like, in the caller's language", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const valid = await validBodies(w, 2026);
    const nl = await api("/api/v1/fundings", { token, body: { ...valid.fundings, startsOn: "2026-02-30" } });
    expect(nl.body.error.fields).toContainEqual({ path: "startsOn", message: expect.stringContaining("2026-12-31") });
    expect(nl.body.error.fields[0].message).toContain("tussen 1900 en 2199");
    const en = await api("/api/v1/fundings", {
      token,
      body: { ...valid.fundings, startsOn: "1899-12-31" },
      headers: { "accept-language": "en" },
    });
    expect(en.body.error.fields[0].message).toContain("between 1900 and 2199");
  });
});

describe("text that is not well-formed Unicode", () => {
  it("refuses a lone surrogate with 422 before the length check; a 120-character name stays 120 characters", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const valid = await validBodies(w, 2026);
    const before = await dataFingerprint();
    const broken = await api("/api/v1/neighbourhoods", { token, body: { ...valid.neighbourhoods, name: `${"a".repeat(119)}\ud800` } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.fields).toEqual([{ path: "name", message: expect.stringContaining("tekens") }]);
    const long = await api("/api/v1/neighbourhoods", { token, body: { ...valid.neighbourhoods, name: `${"a".repeat(119)}\ud800\ud800` } });
    expect(long.body.error.fields).toEqual([{ path: "name", message: broken.body.error.fields[0].message }]); // not "too long"
    expect(await dataFingerprint()).toBe(before);

    // A well-formed name of exactly 120 UTF-16 units (an emoji is two) is kept exactly as sent.
    const name = `${"b".repeat(118)}🌳`;
    const created = await api("/api/v1/neighbourhoods", { token, body: { ...valid.neighbourhoods, name } });
    expect(created.status, created.text).toBe(201);
    const stored = await db.query.neighbourhoods.findFirst({ where: eq(s.neighbourhoods.id, created.body.id) });
    expect(stored?.name).toBe(name);
    expect(stored?.name.length).toBe(120);

    // So a later change that only sends a stale version is a conflict (409), not a validation error.
    const changed = await api(`/api/v1/neighbourhoods/${created.body.id}`, {
      token,
      method: "PATCH",
      body: { municipality: "Zeist", version: 1 },
    });
    expect(changed.status, changed.text).toBe(200);
    const stale = await api(`/api/v1/neighbourhoods/${created.body.id}`, { token, method: "PATCH", body: { version: 1 } });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
  });

  it("refuses it in every kind of text: notes, emails, ids and lists", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const valid = await validBodies(w, 2026);
    const cases: [string, Record<string, unknown>, string][] = [
      ["/api/v1/involvements", { ...valid.involvements, email: "a\udc00@example.org" }, "email"],
      ["/api/v1/fundings", { ...valid.fundings, sourceName: "Fonds \ud83d" }, "sourceName"],
      ["/api/v1/activities", { ...valid.activities, initiativeId: "\ud800" }, "initiativeId"],
      ["/api/v1/partners", { ...valid.partners, neighbourhoodIds: ["\udfff"] }, "neighbourhoodIds.0"],
      [`/api/v1/checkins/${w.here.checkin.id}/notes`, { body: "Correctie \ud800" }, "body"],
      ["/api/v1/tasks", { ...valid.tasks, title: "Verzekering \udbff" }, "title"],
    ];
    for (const [url, body, path] of cases) {
      const before = await dataFingerprint();
      const res = await api(url, { token, body });
      expect(res.status, `${url} ${res.text}`).toBe(422);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
      expect(await dataFingerprint()).toBe(before);
    }
  });
});
