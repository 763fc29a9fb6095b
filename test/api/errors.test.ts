import { describe, expect, it } from "vitest";
import { adminToken, api, apiWorld, counts, validBodies } from "../helpers/api-factories";
import { MAX_BODY_BYTES } from "../../src/api";

const shape = { error: { code: expect.any(String), message: expect.any(String) } };

describe("one error shape, and bad input never changes anything", () => {
  it("malformed JSON, a wrong content type, a body that is not an object: 4xx, nothing written", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const before = await counts();
    const malformed = await api("/api/v1/activities", { token, raw: '{"initiativeId": ', headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "malformed_json" } });
    const text = await api("/api/v1/activities", { token, raw: "name=Koffie", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { code: "unsupported_media_type" } });
    const form = await api("/api/v1/activities", {
      token,
      raw: "name=Koffie",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const array = await api("/api/v1/activities", { token, body: [{ initiativeId: w.initiative.id, name: "Koffie" }] });
    expect(array.status).toBe(422);
    const nothing = await api("/api/v1/activities", { token, method: "POST" });
    expect(nothing.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("names unknown fields, missing fields and out-of-range values per field", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const bodies = await validBodies(w, 2026);
    const before = await counts();
    const res = await api("/api/v1/initiatives", {
      token,
      body: { ...bodies.initiatives, colour: "green", startedYear: 1800, name: undefined },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["colour", "startedYear", "name"]));
    for (const f of res.body.error.fields) expect(f).toEqual({ path: expect.any(String), message: expect.any(String) });
    // The domain's own rule (not in the future) speaks after the JSON types are right.
    const future = await api("/api/v1/initiatives", { token, body: { ...bodies.initiatives, startedYear: 2027 } });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toEqual([{ path: "startedYear", message: expect.stringMatching(/toekomst|jaar/i) }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a huge body with 413 before reading it", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const before = await counts();
    const res = await api("/api/v1/activities", { token, body: { initiativeId: w.initiative.id, name: "x".repeat(MAX_BODY_BYTES + 10) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await counts()).toEqual(before);
  });

  it("answers unknown paths with 404 and other methods with 405 (and Allow), as JSON", async () => {
    const w = await apiWorld();
    const missing = await api("/api/v1/unicorns");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject(shape);
    const unknownId = await api("/api/v1/activities/does-not-exist");
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.error.code).toBe("not_found");
    const wrongMethod = await api(`/api/v1/activities/${w.here.activity.id}`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toContain("PATCH");
    expect(wrongMethod.body.error.code).toBe("method_not_allowed");
    const put = await api("/api/v1/activities", { method: "PUT", body: {} });
    expect(put.status).toBe(405);
    for (const path of ["/api", "/api/", "/api/v2/activities"]) {
      const res = await api(path, { token: null });
      expect(res.status, path).toBe(404);
      expect(res.body, path).toMatchObject(shape);
    }
  });

  it("answers bad query parameters with 400 and speaks the caller's language", async () => {
    for (const q of ["limit=0", "limit=abc", "limit=101", "cursor=%%%", "cursor=bm90LWpzb24", "archived=maybe"]) {
      const res = await api(`/api/v1/initiatives?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe("invalid_query");
    }
    const nl = await api("/api/v1/unicorns", { headers: { "accept-language": "nl-NL,nl;q=0.9" } });
    const en = await api("/api/v1/unicorns", { headers: { "accept-language": "en-GB,en;q=0.8" } });
    expect(nl.body.error.message).toMatch(/bestaat niet/);
    expect(en.body.error.message).toMatch(/does not exist/);
  });
});
