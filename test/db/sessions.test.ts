// D1 read replication (the Sessions API): every request runs in a D1 session. Writes start at the
// primary; reads may go to a replica, but never one older than the bookmark the person's last
// answer carried (a cookie for pages, the x-d1-bookmark header for the API), so everyone reads
// their own writes. The local D1 keeps bookmarks as production does, so the round trip is real.
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { isBookmark, openSession } from "../../src/db/client";
import { BOOKMARK_COOKIE, BOOKMARK_HEADER, sessionStart } from "../../src/middleware/context";
import { Browser } from "../helpers/browser";
import { appAt, makeWorld, signedIn } from "../helpers/factories";
import { api } from "../helpers/api-factories";

const NOW = "2026-11-28T10:00:00.000Z";
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** What each request's session started from, in order. */
function watchSessions() {
  const starts: unknown[] = [];
  const original = env.DB.withSession.bind(env.DB);
  vi.spyOn(env.DB, "withSession").mockImplementation((start) => {
    starts.push(start);
    return original(start);
  });
  return starts;
}

afterEach(() => vi.restoreAllMocks());

describe("where a request's D1 session starts", () => {
  it("writes at the primary, reads at the person's bookmark or anywhere", () => {
    const b = "00000000-0000000a-00000000-00000000000000000000000000000000";
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(sessionStart(method, b)).toBe("first-primary");
    expect(sessionStart("GET", b)).toEqual({ bookmark: b });
    expect(sessionStart("HEAD", undefined)).toBe("first-unconstrained");
    // Whatever a client sends that is not a bookmark is ignored, never handed to D1.
    for (const bad of ["", "garbage", "1; DROP TABLE people", "a".repeat(300), "0000-zz"]) {
      expect(isBookmark(bad)).toBe(false);
      expect(sessionStart("GET", bad)).toBe("first-unconstrained");
    }
  });

  it("uses a binding without sessions as it is (reads then go to the primary)", () => {
    const plain = { prepare: env.DB.prepare.bind(env.DB) } as unknown as D1Database;
    const session = openSession(plain, "first-primary");
    expect(session.d1).toBe(plain);
    expect(session.bookmark()).toBeNull();
  });
});

describe("reading your own writes on the pages", () => {
  it("a write answers with a bookmark cookie; the next page reads at that bookmark and shows the write", async () => {
    const { initiative, coordinator } = await makeWorld();
    const b = await signedIn(coordinator.id, NOW);
    expect(b.cookies.get(BOOKMARK_COOKIE)).toMatch(BOOKMARK); // signing in wrote a session
    await b.get(`/initiatives/${initiative.id}`);
    const starts = watchSessions();

    const write = await b.post(`/initiatives/${initiative.id}/status`, {
      status: "paused",
      version: "1",
      next: `/initiatives/${initiative.id}`,
    });
    expect(write.status).toBe(303);
    expect(starts).toEqual(["first-primary"]);
    const cookie = write.res.headers.getSetCookie().find((c) => c.startsWith(`${BOOKMARK_COOKIE}=`));
    expect(cookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const afterWrite = b.cookies.get(BOOKMARK_COOKIE)!;
    expect(afterWrite).toMatch(BOOKMARK);

    const page = await b.get(`/initiatives/${initiative.id}`);
    expect(starts[1]).toBe(afterWrite);
    expect(page.html).toContain('name="version" value="2"');
    // The bookmark only moves forward: the page's answer carries the session's newer one.
    expect(b.cookies.get(BOOKMARK_COOKIE)! >= afterWrite).toBe(true);
  });

  it("a visitor who only reads gets no cookie and reads anywhere; a bookmark that is not one is ignored", async () => {
    const starts = watchSessions();
    const visitor = new Browser(appAt(NOW));
    const page = await visitor.get("/sign-in");
    expect(page.status).toBe(200);
    expect(starts).toEqual(["first-unconstrained"]);
    expect(page.res.headers.getSetCookie().some((c) => c.startsWith(`${BOOKMARK_COOKIE}=`))).toBe(false);

    visitor.cookies.set(BOOKMARK_COOKIE, "not-a-bookmark");
    expect((await visitor.get("/sign-in")).status).toBe(200);
    expect(starts[1]).toBe("first-unconstrained");
  });
});

describe("reading your own writes through the API", () => {
  it("answers carry x-d1-bookmark; a read that sends it back starts there and sees the write", async () => {
    const { hood } = await makeWorld();
    const starts = watchSessions();
    const created = await api("/api/v1/initiatives", {
      body: { neighbourhoodId: hood.id, name: "Buurtmoestuin", startedYear: 2024, status: "active", continuationPlan: "none" },
    });
    expect(created.status, created.text).toBe(201);
    expect(starts).toEqual(["first-primary"]);
    const bookmark = created.headers.get(BOOKMARK_HEADER)!;
    expect(bookmark).toMatch(BOOKMARK);
    expect(created.headers.getSetCookie()).toEqual([]); // no cookies from the API

    const read = await api(`/api/v1/initiatives/${created.body.id}`, { headers: { [BOOKMARK_HEADER]: bookmark } });
    expect(read.status).toBe(200);
    expect(starts[1]).toBe(bookmark);
    expect(read.body.name).toBe("Buurtmoestuin");
    expect(read.headers.get(BOOKMARK_HEADER)! >= bookmark).toBe(true);

    await api(`/api/v1/initiatives/${created.body.id}`);
    expect(starts[2]).toBe("first-unconstrained");
  });
});
