// Erasure and export cover what issue 18 stores: reserves and handover notes, calendar addresses,
// messages to the volunteers.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { erasePerson } from "../../../src/domain/data/erasure";
import { exportNeighbourhood, exportPerson } from "../../../src/domain/data/exports";
import { exportInitiative } from "../../../src/domain/data/initiative-export";
import { createFeed } from "../../../src/domain/calendar/feeds";
import { sendVolunteerMessage } from "../../../src/domain/messages/volunteer-messages";
import { recomputeRisk } from "../../../src/domain/risk/store";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeActivity, makeInvolvement } from "../../helpers/people-factories";

const NOW = new Date("2026-11-18T10:00:00.000Z");
const TODAY = "2026-11-18";

async function world() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { name: "Eettafel" });
  const activity = await makeActivity(initiative.id);
  const holder = await makePerson({ name: "Hanna Houder" });
  const reserve = await makePerson({ name: "Rob Reservist" });
  const involvement = await makeInvolvement(initiative.id, holder.id, {
    role: "cook",
    critical: true,
    reservePersonId: reserve.id,
    handoverNote: "Vraag Rob Reservist naar de recepten; Hanna Houder weet waar de pannen staan.",
  });
  await recomputeRisk(db, { initiativeIds: [initiative.id] }, TODAY, NOW);
  return { hood, initiative, activity, holder, reserve, involvement };
}

const flagOf = async (activityId: string) =>
  (
    JSON.parse((await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) }))!.flags) as {
      rule: string;
      severity: string;
    }[]
  ).find((f) => f.rule === "key_person");

describe("erasing a person", () => {
  it("who is a reserve: the role has no reserve any more, its flag is judged again, their name leaves the note", async () => {
    const w = await world();
    expect(await flagOf(w.activity.id)).toMatchObject({ severity: "watch" });
    await erasePerson(db, w.reserve.id, null, NOW, env.DOCUMENTS);
    const row = await db.query.involvements.findFirst({ where: eq(s.involvements.id, w.involvement.id) });
    expect(row).toMatchObject({ reservePersonId: null });
    expect(row!.handoverNote).toBe("Vraag Verwijderde persoon naar de recepten; Hanna Houder weet waar de pannen staan.");
    expect(await flagOf(w.activity.id)).toMatchObject({ severity: "at_risk" });
  });

  it("revokes their calendar addresses", async () => {
    const w = await world();
    await createFeed(db, { id: w.holder.id }, null, NOW);
    await erasePerson(db, w.holder.id, null, NOW, env.DOCUMENTS);
    const feeds = await db.select().from(s.calendarFeeds).where(eq(s.calendarFeeds.personId, w.holder.id));
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.revokedAt).not.toBeNull();
  });
});

describe("exports", () => {
  it("hold the messages of an initiative and a neighbourhood, and a person's reserve roles, calendar addresses and messages", async () => {
    const w = await world();
    const coordinator = await makePerson({ name: "Cora Coördinator" });
    await sendVolunteerMessage(
      db,
      { ...w.initiative },
      { activityId: null, subject: "Zaterdag", body: "Koken om vijf uur." },
      coordinator,
      TODAY,
      NOW,
    );
    await createFeed(db, { id: coordinator.id }, { id: w.initiative.id, neighbourhoodId: w.hood.id }, NOW);

    const initiative = await exportInitiative(db, w.initiative.id, NOW);
    expect(initiative.volunteerMessages.map((m) => m.subject)).toEqual(["Zaterdag"]);
    expect(initiative.involvements[0]).toMatchObject({ reservePersonId: w.reserve.id, handoverNote: expect.stringContaining("recepten") });
    const hood = await exportNeighbourhood(db, w.hood.id, NOW);
    expect(hood.volunteerMessages.map((m) => m.body)).toEqual(["Koken om vijf uur."]);

    const reserve = await exportPerson(db, w.reserve.id, NOW);
    expect(reserve.reserveFor).toEqual([
      { involvementId: w.involvement.id, initiativeId: w.initiative.id, initiativeName: "Eettafel", role: "cook" },
    ]);
    const sender = await exportPerson(db, coordinator.id, NOW);
    expect(sender.messagesSent.map((m) => m.subject)).toEqual(["Zaterdag"]);
    expect(sender.calendarFeeds).toEqual([
      { initiativeId: w.initiative.id, createdAt: NOW.toISOString(), lastUsedOn: null, revokedAt: null },
    ]);
    expect(JSON.stringify(sender)).not.toContain("tokenHash");
  });
});
