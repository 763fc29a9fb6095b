import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeFunding, makeVolunteers } from "../helpers/risk-factories";
import * as s from "../../src/db/schema";

// The app's clock is fixed for these requests: today is 1 May 2027.
const AT = "2027-05-01T08:00:00.000Z";

describe("risk on the screens", () => {
  it("is recomputed after a change and explains itself on the initiative page", async () => {
    const { initiative, coordinator } = await makeWorld();
    const activity = await makeActivity(initiative.id, "Soepmiddag");
    await makeVolunteers(initiative.id, 3);
    await makeFunding(initiative.id, [activity.id], { sourceName: "Fonds Soep", kind: "subsidy", endsOn: "2027-06-10" });
    const b = await signedIn(coordinator.id, AT);
    await b.get(`/initiatives/${initiative.id}`);
    // Any change under the initiative recomputes its risk before answering.
    await b.post(`/initiatives/${initiative.id}/status`, { status: "active", version: "1" });
    const risk = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activity.id) });
    expect(risk?.level).toBe("urgent");
    const page = (await b.get(`/initiatives/${initiative.id}`)).html;
    expect(page).toContain("Dringend");
    expect(page).toContain("Fonds Soep");
    expect(page.replace(/\u00a0/g, " ")).toContain(
      "De subsidie van Fonds Soep stopt. € 5.000 per jaar valt weg op 10 juni 2027; niets geregeld.",
    );
    expect(page).toContain("sinds 1 mei 2027");
    expect(page).toContain("Verloop van de risico");
  });

  it("lists what is at risk in a neighbourhood for its coordinators, not for partners", async () => {
    const { hood, otherHood, initiative, coordinator, partnerPerson } = await makeWorld();
    const activity = await makeActivity(initiative.id, "Fietsreparatie");
    await makeFunding(initiative.id, [activity.id], { endsOn: "2027-05-21" });
    const b = await signedIn(coordinator.id, AT);
    await b.get(`/initiatives/${initiative.id}`);
    await b.post(`/initiatives/${initiative.id}/status`, { status: "active", version: "1" });
    const list = await b.get(`/neighbourhoods/${hood.id}/risks`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Fietsreparatie");
    expect((await b.get(`/neighbourhoods/${otherHood.id}/risks`)).status).toBe(403);
    const p = await signedIn(partnerPerson.id, AT);
    expect((await p.get(`/neighbourhoods/${hood.id}/risks`)).status).toBe(403);
    const hoodPage = await p.get(`/neighbourhoods/${hood.id}`);
    expect(hoodPage.html).toContain("Continuïteit");
  });
});

describe("risk thresholds", () => {
  it("an admin changes them; bad values are explained and nothing is saved", async () => {
    const { admin, coordinator } = await makeWorld();
    const b = await signedIn(admin.id);
    const page = await b.get("/admin/settings");
    expect(page.html).toContain('value="180"');
    // The shares are asked and shown in percent (stored as fractions).
    expect(page.html).toContain('name="concentrationShare" type="text" value="40"');
    expect(page.html).toContain('name="shrinkRatio" type="text" value="70"');
    const bad = await b.post("/admin/settings", {
      horizonDays: "10",
      urgentDays: "60",
      concentrationShare: "abc",
      shrinkRatio: "0,7",
      staleCheckinMonths: "13",
      staleAssetMonths: "24",
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Kies tussen 30 en 730 dagen.");
    expect(bad.html).toContain("Vul een percentage in, bijvoorbeeld 40 of 40,5.");
    // 0,7 read as a percentage is below 5 %: a fraction typed by habit is explained, not stored as 0.007.
    expect(bad.html).toContain("Kies een percentage van 5 tot en met 100, bijvoorbeeld 40.");
    expect(bad.html).toMatch(/<title>Fout: /);
    expect(await db.query.settings.findFirst()).toBeUndefined();
    const ok = await b.post("/admin/settings", {
      horizonDays: "120",
      urgentDays: "30",
      concentrationShare: "50%",
      shrinkRatio: "62,5",
      staleCheckinMonths: "13",
      staleAssetMonths: "24",
    });
    expect(ok.status).toBe(303);
    const saved = await b.get("/admin/settings");
    expect(saved.html).toContain('value="120"');
    expect(saved.html).toContain('name="concentrationShare" type="text" value="50"');
    expect(saved.html).toContain('name="shrinkRatio" type="text" value="62,5"');
    expect(saved.html).toMatch(/role="status"[^>]*>De drempels zijn opgeslagen/);
    const stored = JSON.parse((await db.query.settings.findFirst())!.value);
    expect(stored).toMatchObject({ horizonDays: 120, concentrationShare: 0.5, shrinkRatio: 0.625 });
    // The share of ending money that must be arranged before an ending is only "watch": in percent too.
    expect(saved.html).toContain('name="coveredWatchShare" type="text" value="75"');
    const share = {
      horizonDays: "120",
      urgentDays: "30",
      concentrationShare: "50",
      shrinkRatio: "70",
      staleCheckinMonths: "13",
      staleAssetMonths: "24",
    };
    expect((await b.post("/admin/settings", { ...share, coveredWatchShare: "150" })).status).toBe(422);
    expect((await b.post("/admin/settings", { ...share, coveredWatchShare: "60" })).status).toBe(303);
    expect((await b.get("/admin/settings")).html).toContain('name="coveredWatchShare" type="text" value="60"');
    const c = await signedIn(coordinator.id, AT);
    expect((await c.get("/admin/settings")).status).toBe(403);
    await c.get("/");
    expect((await c.post("/admin/settings", { horizonDays: "100" })).status).toBe(403);
  });
});
