// Every documented endpoint, for each kind of caller: no token, the admin secret, an admin token,
// a partner token on its own neighbourhood's records, and on another neighbourhood's.
import { describe, expect, it } from "vitest";
import { adminToken, api, apiWorld, validBodies } from "../helpers/api-factories";
import { openApiDocument } from "../../src/api";
import { db } from "../helpers/factories";
import * as s from "../../src/db/schema";
import { recomputeRisk } from "../../src/domain/risk/store";

const RUN_DAY = "2026-06-14";

const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
/** Admins only: partner tokens are refused (403) even within their neighbourhoods. */
const PERSONAL = ["people", "outbox", "runs", "tokens", "messages", "offers"];
/** Readable by admins only, also where a partner may read the rest of the resource: a critical role's handover note. */
const COORDINATORS_ONLY = ["/v1/involvements/{id}/succession"];
const ACTION_BODIES: Record<string, Record<string, unknown>> = {
  ending: { lastDay: "2026-05-31", version: 1 },
  notes: { body: "Een correctie." },
  completions: { kind: "done" },
  succession: { version: 1 },
  decision: { decision: "accept" },
  asks: { offerId: "some-offer", role: "volunteer" },
};

describe("each endpoint per role and token scope", () => {
  it("refuses callers without a token everywhere, lets admins read everything, keeps partners within their scope", async () => {
    const w = await apiWorld();
    const { token: admin, id: adminTokenId } = await adminToken();
    const bodies = await validBodies(w, 2026);
    // Judged activities to read (GET /v1/risks/{activityId} of an activity never judged is 404).
    await recomputeRisk(db, { activityIds: [w.here.activity.id, w.there.activity.id] }, "2026-06-15", new Date("2026-06-15T04:00:00Z"));
    // A daily run to read (GET /v1/runs/{date} of a day without a run is 404).
    await db
      .insert(s.dailyRuns)
      .values({ runOn: RUN_DAY, status: "complete", startedAt: `${RUN_DAY}T04:00:00Z`, counts: "{}" })
      .onConflictDoNothing();
    const mine: Record<string, string> = {
      neighbourhoods: w.hood.id,
      partners: w.partner.id,
      people: w.here.volunteer.id,
      initiatives: w.initiative.id,
      activities: w.here.activity.id,
      involvements: w.here.involvement.id,
      facilities: w.here.facility.id,
      fundings: w.here.funding.id,
      commitments: w.here.commitment.id,
      checkins: w.here.checkin.id,
      assets: w.here.asset.id,
      tasks: w.here.task.id,
      messages: w.here.message.id,
      offers: w.here.offer.id,
      documents: w.here.document.id,
      runs: RUN_DAY,
      risks: w.here.activity.id,
      tokens: adminTokenId,
    };
    const theirs: Record<string, string> = {
      neighbourhoods: w.otherHood.id,
      partners: w.otherPartner.id,
      people: w.there.volunteer.id,
      initiatives: w.otherInitiative.id,
      activities: w.there.activity.id,
      involvements: w.there.involvement.id,
      facilities: w.there.facility.id,
      fundings: w.there.funding.id,
      commitments: w.there.commitment.id,
      checkins: w.there.checkin.id,
      assets: w.there.asset.id,
      tasks: w.there.task.id,
      messages: w.there.message.id,
      offers: w.there.offer.id,
      documents: w.there.document.id,
      risks: w.there.activity.id,
      // Tokens are the admins' alone: any token is "elsewhere" to a partner.
      tokens: adminTokenId,
    };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const [, , resource = "", , action] = path.split("/");
      for (const method of Object.keys(item)) {
        const M = method.toUpperCase();
        const url = (id?: string) =>
          `/api${path
            .replace("{id}", id ?? "")
            .replace("{date}", id ?? "")
            .replace("{activityId}", id ?? "")
            .replace("{table}", "levels")}`;
        const body =
          M === "GET"
            ? undefined
            : path.includes("{id}")
              ? action
                ? ACTION_BODIES[action]
                : M === "PATCH"
                  ? { version: 1 }
                  : undefined
              : bodies[resource];
        const call = (token: string | null, id?: string) => api(url(id), { token, method: M, ...(body ? { body } : {}) });
        const label = `${M} ${path}`;

        expect((await call(null, mine[resource])).status, `anonymous ${label}`).toBe(401);

        if (M === "GET") {
          const res = await api(url(mine[resource]), { token: admin });
          expect(res.status, `admin ${label}`).toBe(200);
          const p = await api(url(mine[resource]), { token: w.partnerTok });
          expect(p.status, `partner ${label}`).toBe(PERSONAL.includes(resource) || COORDINATORS_ONLY.includes(path) ? 403 : 200);
          if (path.includes("{id}") || path.includes("{date}") || path.includes("{activityId}"))
            expect((await api(url(theirs[resource] ?? mine[resource]), { token: w.partnerTok })).status, `partner elsewhere ${label}`).toBe(
              403,
            );
        } else if (resource !== "commitments") {
          // Partners write nothing but their own commitments; out of scope is refused the same way.
          expect((await call(w.partnerTok, mine[resource])).status, `partner ${label}`).toBe(403);
          if (path.includes("{id}")) expect((await call(w.partnerTok, theirs[resource])).status, `partner elsewhere ${label}`).toBe(403);
        } else if (path.includes("{id}")) {
          // Another organisation's commitment in another neighbourhood: refused.
          expect((await call(w.partnerTok, theirs[resource])).status, `partner elsewhere ${label}`).toBe(403);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  }, 120_000);
});
