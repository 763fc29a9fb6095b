// The overview and the risks through the API, on the hand-computed world of the overview tests:
// the same figures as the page and its CSVs, and flags in the one public shape.
import { describe, expect, it } from "vitest";
import { api, partnerToken, adminToken } from "../helpers/api-factories";
import { appAt, makeWorld } from "../helpers/factories";
import { makeFunding } from "../helpers/money-factories";
import { buildOverviewWorld, EXPECTED, NOW } from "../helpers/overview-world";

const at = appAt(NOW);

describe("GET /api/v1/overview on the hand-computed world", () => {
  it("gives a partner token the neighbourhood's figures exactly as computed by hand", async () => {
    const w = await buildOverviewWorld();
    const { token } = await partnerToken(w.own.id);
    const res = await api(`/api/v1/overview?neighbourhoodId=${w.hood.id}`, { token, fetcher: at });
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.today).toBe("2026-05-15");
    expect(o.now).toEqual(EXPECTED.now);
    expect(o.levels).toEqual(EXPECTED.levels);
    expect(o.neighbourhoods).toHaveLength(1);
    expect(o.neighbourhoods[0]).toMatchObject(EXPECTED.hood);
    expect(o.atRisk.map((r: { activityName: string }) => r.activityName)).toEqual(EXPECTED.atRisk);
    expect(o.atRisk[0].flags).toEqual([
      {
        code: "funding_cliff",
        severity: "urgent",
        since: "2026-01-01",
        reason: expect.stringContaining("€ 2.000 per jaar valt weg op 30 juni 2026; € 1.000 per jaar is geregeld."),
        subject: { type: "funding", id: w.s1.id, name: w.own.name },
        endsOn: "2026-06-30",
        shortfallCentsPerYear: 200_000,
      },
    ]);
    expect(res.text).not.toContain("Piet Geheim");
    expect(o.cliff.quarters.map(({ year: _y, quarter: _q, startsOn: _s, endsOn: _e, ...rest }: Record<string, unknown>) => rest)).toEqual(
      EXPECTED.cliff.quarters,
    );
    expect(o.cliff).toMatchObject({
      totalCents: EXPECTED.cliff.totalCents,
      arrangedCents: EXPECTED.cliff.arrangedCents,
      shortfallCents: EXPECTED.cliff.shortfallCents,
      ownCents: EXPECTED.cliff.ownCents,
      ownShortfallCents: EXPECTED.cliff.ownShortfallCents,
      totalActivities: EXPECTED.cliff.totalActivities,
    });
    expect(o.years.map((y: { volunteers: number }) => y.volunteers)).toEqual(EXPECTED.years.volunteers);
    expect(o.years.map((y: { fundingTotal: number }) => y.fundingTotal)).toEqual(EXPECTED.years.fundingTotal);
    expect(o.continuity).toEqual(EXPECTED.continuity);
    expect(o.assets).toEqual(EXPECTED.assets);
    expect(o.headline).toMatchObject({ moneyCents: EXPECTED.headline.moneyCents, shortfallCents: EXPECTED.headline.shortfallCents });
    // The other neighbourhood is not the partner's.
    expect((await api(`/api/v1/overview?neighbourhoodId=${w.other.id}`, { token, fetcher: at })).status).toBe(403);
  });

  it("answers reasons in the caller's language", async () => {
    const w = await buildOverviewWorld();
    const { token } = await partnerToken(w.own.id);
    const res = await api(`/api/v1/overview?neighbourhoodId=${w.hood.id}`, { token, fetcher: at, headers: { "accept-language": "en" } });
    expect(res.body.atRisk[0].flags[0].reason).toContain("€2,000 a year falls away on 30 June 2026; €1,000 a year is arranged.");
  });
});

describe("GET /api/v1/risks", () => {
  it("gives flags in the one shape, judgedOn apart from since, and volunteers' names only to admins", async () => {
    const w = await buildOverviewWorld();
    const partner = await partnerToken(w.own.id);
    const res = await api(`/api/v1/risks?initiativeId=${w.E.id}`, { token: partner.token, fetcher: at });
    expect(res.status).toBe(200);
    const maaltijd = res.body.data.find((r: { activityId: string }) => r.activityId === w.e1.id);
    expect(maaltijd).toMatchObject({ level: "at_risk", levelSince: "2026-02-01", judgedOn: "2026-05-15" });
    expect(maaltijd.flags).toEqual([
      {
        code: "key_person",
        severity: "at_risk",
        since: "2026-02-01",
        reason:
          "Sinds 1 februari 2026 is maar één persoon sleutelbeheerder voor Maaltijd. Er is geen reserve. Zoek iemand die dit samen kan doen.",
        subject: { type: "role", id: "key_holder", name: "sleutelbeheerder" },
      },
    ]);
    expect(res.text).not.toContain("Piet Geheim");
    const { token } = await adminToken();
    const asAdmin = await api(`/api/v1/risks?initiativeId=${w.E.id}`, { token, fetcher: at });
    expect(asAdmin.body.data.find((r: { activityId: string }) => r.activityId === w.e1.id).flags[0].reason).toContain("Piet Geheim");
    const tuindag = (await api(`/api/v1/risks?initiativeId=${w.A.id}`, { token, fetcher: at })).body.data.find(
      (r: { activityId: string }) => r.activityId === w.a1.id,
    );
    expect(tuindag.flags[0]).toMatchObject({ code: "funding_cliff", endsOn: "2026-06-30", shortfallCentsPerYear: 200_000 });
  });
});

describe("a funding stream's renewal or successor through the API", () => {
  it("is set with replacesFundingId, shown on the record, and refused for itself, another initiative's stream or a cycle", async () => {
    const w = await makeWorld();
    const { token } = await adminToken();
    const old = await makeFunding(w.initiative.id, { sourceName: "Oud", endsOn: "2026-12-31" });
    const theirs = await makeFunding(w.otherInitiative.id, { sourceName: "Elders" });
    const body = {
      initiativeId: w.initiative.id,
      sourceName: "Nieuw",
      kind: "fund",
      amountCentsPerYear: 100_000,
      startsOn: "2027-01-01",
      status: "granted",
    };
    const created = await api("/api/v1/fundings", { token, body: { ...body, replacesFundingId: old.id } });
    expect(created.status).toBe(201);
    expect(created.body.replacesFundingId).toBe(old.id);
    const foreign = await api("/api/v1/fundings", { token, body: { ...body, replacesFundingId: theirs.id } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields).toEqual([{ path: "replacesFundingId", message: expect.any(String) }]);
    const self = await api(`/api/v1/fundings/${old.id}`, { token, method: "PATCH", body: { replacesFundingId: old.id, version: 1 } });
    expect(self.status).toBe(422);
    const cycle = await api(`/api/v1/fundings/${old.id}`, {
      token,
      method: "PATCH",
      body: { replacesFundingId: created.body.id, version: 1 },
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.fields[0].path).toBe("replacesFundingId");
    // A PATCH that leaves it out keeps it; null clears it.
    const kept = await api(`/api/v1/fundings/${created.body.id}`, {
      token,
      method: "PATCH",
      body: { amountCentsPerYear: 150_000, version: 1 },
    });
    expect(kept.body).toMatchObject({ replacesFundingId: old.id, amountCentsPerYear: 150_000 });
    const cleared = await api(`/api/v1/fundings/${created.body.id}`, {
      token,
      method: "PATCH",
      body: { replacesFundingId: null, version: 2 },
    });
    expect(cleared.body.replacesFundingId).toBeNull();
  });
});
