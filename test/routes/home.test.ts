import { describe, expect, it } from "vitest";
import { db, makeInitiative, makeWorld, signedIn } from "../helpers/factories";
import { activity, risk } from "../helpers/overview-factories";
import { makeTask } from "../helpers/tasks-factories";
import * as s from "../../src/db/schema";

// A fixed day: every date below is counted from it.
const AT = "2027-03-01T08:00:00.000Z";

const cliff = (sourceName: string, endsOn: string) => ({
  rule: "funding_cliff",
  severity: "urgent",
  since: "2027-01-15",
  subjectId: crypto.randomUUID(),
  params: { kind: "wijkbudget", sourceName, endsOn, monthsLeft: 1, renewalState: "none" },
});
const keyPerson = {
  rule: "key_person",
  severity: "at_risk",
  since: "2026-06-01",
  subjectId: crypto.randomUUID(),
  params: { role: "cook", personName: "Anna", activityName: "Maaltijd" },
};

/** Three initiatives of one coordinator: in order, ok (name A), at risk (name B), urgent (name C). */
async function coordinatorOfThree() {
  const w = await makeWorld();
  const fine = await makeInitiative(w.hood.id, { name: "A Alles goed" });
  const atRisk = await makeInitiative(w.hood.id, { name: "B In gevaar" });
  const urgent = await makeInitiative(w.hood.id, { name: "C Dringend" });
  for (const i of [fine, atRisk, urgent])
    await db.insert(s.initiativeCoordinators).values({ initiativeId: i.id, personId: w.coordinator.id });
  await risk(await activity(fine.id, "Koffie"), w.hood.id, "ok");
  await risk(await activity(atRisk.id, "Maaltijd"), w.hood.id, "at_risk", { flags: [keyPerson] });
  await risk(await activity(urgent.id, "Taalles"), w.hood.id, "urgent", {
    flags: [cliff("Wijkbudget Zuid", "2027-03-31")],
    runwayMonths: 1,
  });
  return { ...w, fine, atRisk, urgent };
}

describe("the coordinator's home: what needs attention first", () => {
  it("lists the initiatives most urgent first, each with its top reason and one next action", async () => {
    const w = await coordinatorOfThree();
    const home = await (await signedIn(w.coordinator.id, AT)).get("/");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Wat vraagt aandacht");
    const order = [...home.html.matchAll(/<article class="initiative-card attention-(\w+)" id="initiative-([^"]+)"/g)].map((m) => m[2]);
    // Urgent before at risk before ok, whatever the alphabet says ("A…" would come first).
    expect(order.slice(0, 3)).toEqual([w.urgent.id, w.atRisk.id, w.fine.id]);
    const urgentCard = home.html.slice(home.html.indexOf(`id="initiative-${w.urgent.id}"`)).split("</article>")[0]!;
    expect(urgentCard).toContain('<p class="reason">Het wijkbudget van Wijkbudget Zuid stopt op 31 maart 2027');
    expect(urgentCard).toMatch(/<strong>Nu doen:<\/strong> <a href="\/initiatives\/[^"]+#funding">Regel geld voor daarna<\/a>/);
    const atRiskCard = home.html.slice(home.html.indexOf(`id="initiative-${w.atRisk.id}"`)).split("</article>")[0]!;
    expect(atRiskCard).toContain("Zoek iemand die dit samen kan doen");
    expect(atRiskCard).toContain(`href="/initiatives/${w.atRisk.id}/involvements/new"`);
    const fineCard = home.html.slice(home.html.indexOf(`id="initiative-${w.fine.id}"`)).split("</article>")[0]!;
    expect(fineCard).toContain("Alles loopt. Er hoeft nu niets te gebeuren.");
    expect(fineCard).not.toContain("Nu doen:");
  });

  it("tucks the status change away and shows the status once", async () => {
    const w = await coordinatorOfThree();
    const home = await (await signedIn(w.coordinator.id, AT)).get("/");
    const card = home.html.slice(home.html.indexOf(`id="initiative-${w.fine.id}"`)).split("</article>")[0]!;
    expect(card).toMatch(/<details class="status-change" id="status-form-[^"]+"><summary>Status: Actief · Status wijzigen<\/summary>/);
    expect(card.match(/Status: Actief/g)).toHaveLength(1);
  });

  it("shows only the tasks that are due or inside their reminder window, not those planned far ahead", async () => {
    const w = await coordinatorOfThree();
    // Due in 10 days with 14 days' lead: in its window. Due in 2029: planned, not on the home.
    await makeTask(w.fine.id, { title: "Verzekering verlengen", scheduleKind: "once", dueOn: "2027-03-11", leadDays: 14 });
    await makeTask(w.fine.id, { title: "VOG vernieuwen", scheduleKind: "once", dueOn: "2029-12-06", leadDays: 30 });
    await makeTask(w.fine.id, { title: "Sleutels tellen", scheduleKind: "once", dueOn: "2027-02-20", leadDays: 7, graceDays: 3 });
    const home = await (await signedIn(w.coordinator.id, AT)).get("/");
    const card = home.html.slice(home.html.indexOf(`id="initiative-${w.fine.id}"`)).split("</article></article>")[0]!;
    expect(home.html).toContain("Verzekering verlengen");
    expect(home.html).not.toContain("VOG vernieuwen");
    // The overdue task is the next action, with its date; its card says "Te laat".
    expect(card).toMatch(
      /<strong>Nu doen:<\/strong> <a href="\/initiatives\/[^"]+\/tasks\/[^"]+">Sleutels tellen \(20 februari 2027\)<\/a>/,
    );
    expect(home.html).toMatch(/Sleutels tellen<\/a><\/h4><span class="badge badge-overdue">Te laat<\/span>/);
    expect(home.html).toMatch(/Verzekering verlengen<\/a><\/h4><span class="badge badge-soon">Binnenkort<\/span>/);
  });

  it("puts an initiative with overdue tasks above one of the same level without", async () => {
    const w = await coordinatorOfThree();
    await makeTask(w.fine.id, { title: "Te laat", scheduleKind: "once", dueOn: "2027-01-01", leadDays: 7, graceDays: 0 });
    const other = await makeInitiative(w.hood.id, { name: "0 Ook in orde" });
    await db.insert(s.initiativeCoordinators).values({ initiativeId: other.id, personId: w.coordinator.id });
    await risk(await activity(other.id, "Wandelen"), w.hood.id, "ok");
    const home = await (await signedIn(w.coordinator.id, AT)).get("/");
    const order = [...home.html.matchAll(/id="initiative-([^"]+)"/g)].map((m) => m[1]);
    expect(order.indexOf(w.fine.id)).toBeLessThan(order.indexOf(other.id));
  });
});
