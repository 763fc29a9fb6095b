// The access gates of /initiatives/:id and /neighbourhoods/:id find their row in the session's
// statement (it reads the record the path names): one round trip less, the same decisions.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recordNamedBy } from "../../src/middleware/scope";
import { Browser } from "../helpers/browser";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { withRollup } from "../helpers/overview-factories";

function roundTrips(res: Response): number {
  const m = (res.headers.get("server-timing") ?? "").match(/d1-calls;desc="(\d+) round trips"/);
  if (!m) throw new Error("no D1 count on the response");
  return Number(m[1]);
}

describe("the record a path names", () => {
  it("is the initiative or neighbourhood right after the resource, decoded; other paths name none", () => {
    expect(recordNamedBy("/neighbourhoods/abc-1/overview")).toEqual({ kind: "neighbourhood", id: "abc-1" });
    expect(recordNamedBy("/neighbourhoods/abc-1")).toEqual({ kind: "neighbourhood", id: "abc-1" });
    expect(recordNamedBy("/initiatives/x%20y/tasks/7")).toEqual({ kind: "initiative", id: "x y" });
    expect(recordNamedBy("/initiatives")).toBeNull();
    expect(recordNamedBy("/overview")).toBeNull();
    expect(recordNamedBy("/api/v1/initiatives/abc")).toBeNull();
    expect(recordNamedBy("/initiatives/%E0%A4%A")).toBeNull(); // not decodable: the gate reads (and answers) as before
  });
});

describe("the gates with the row read alongside the session", () => {
  it("serve a neighbourhood's and an initiative's pages with one round trip for session and gate together", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id, "2026-11-28T10:00:00.000Z");
    // As every day after the daily run: the overview's figures are stored (else it counts some live, one round trip more).
    await withRollup("2026-11-28", async () => {
      for (const path of [`/neighbourhoods/${w.hood.id}`, `/neighbourhoods/${w.hood.id}/overview`, `/initiatives/${w.initiative.id}`]) {
        const { res, status } = await b.get(path);
        expect(status, path).toBe(200);
        // Session and gate, then the page's own read.
        expect(roundTrips(res), path).toBe(2);
      }
    });
  });

  it("still answer 404 for a record that does not exist and 403 for one the person may not see", async () => {
    const w = await makeWorld();
    const coordinator = await signedIn(w.coordinator.id);
    const admin = await signedIn(w.admin.id);
    for (const b of [coordinator, admin]) {
      expect((await b.get(`/neighbourhoods/${crypto.randomUUID()}`)).status).toBe(404);
      expect((await b.get(`/initiatives/${crypto.randomUUID()}/tasks`)).status).toBe(404);
    }
    expect((await coordinator.get(`/neighbourhoods/${w.otherHood.id}/overview`)).status).toBe(403);
    expect((await coordinator.get(`/initiatives/${w.otherInitiative.id}`)).status).toBe(403);
    // Without a session nothing is read alongside: the gate reads, and a visitor is sent to sign in.
    expect((await new Browser().get(`/neighbourhoods/${w.hood.id}`)).status).toBe(303);
  });

  it("show the row as it is at the request, not as an earlier request read it", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.coordinator.id);
    expect((await b.get(`/neighbourhoods/${w.hood.id}`)).html).toContain(w.hood.name);
    await db.update(s.neighbourhoods).set({ name: "Nieuwe naam van de buurt" }).where(eq(s.neighbourhoods.id, w.hood.id));
    expect((await b.get(`/neighbourhoods/${w.hood.id}`)).html).toContain("Nieuwe naam van de buurt");
  });
});
