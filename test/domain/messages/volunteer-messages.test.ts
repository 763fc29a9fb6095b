// Messages to the volunteers in the domain: the daily limit holds under concurrent sends (it is
// checked inside the batch), and the mail follows the person's preferences after it was claimed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { MESSAGES_PER_DAY, MessageLimitError, sendVolunteerMessage } from "../../../src/domain/messages/volunteer-messages";
import { unsubscribe } from "../../../src/domain/mail/preferences";
import { erasePerson } from "../../../src/domain/data/erasure";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeInvolvement } from "../../helpers/people-factories";

const NOW = new Date("2026-11-18T10:00:00.000Z");
const TODAY = "2026-11-18";

async function world() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { name: "Repair Café" });
  const sender = await makePerson({ name: "Sanne Stuurder" });
  const volunteer = await makePerson({ name: "Vincent Vrijwilliger" });
  await makeInvolvement(initiative.id, volunteer.id);
  return { hood, initiative, sender, volunteer };
}
const input = (subject: string) => ({ activityId: null, subject, body: "Tekst" });

describe("messages to the volunteers", () => {
  it("let only the allowed number through when several are sent at the same moment", async () => {
    const w = await world();
    for (let i = 0; i < MESSAGES_PER_DAY - 1; i++)
      await sendVolunteerMessage(db, w.initiative, input(`Eerder ${i}`), { id: w.sender.id, name: w.sender.name }, TODAY, NOW);
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        sendVolunteerMessage(db, w.initiative, input(`Tegelijk ${i}`), { id: w.sender.id, name: w.sender.name }, TODAY, NOW),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(MessageLimitError);
    const stored = await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.initiativeId, w.initiative.id));
    expect(stored).toHaveLength(MESSAGES_PER_DAY);
    // Each stored message has exactly its own mail; the refused ones left none behind.
    const mail = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.kind, "message"), eq(s.outbox.personId, w.volunteer.id)));
    expect(mail.map((m) => m.subjectId).sort()).toEqual(stored.map((m) => m.id).sort());
  });

  it("is given up for someone who unsubscribes from messages before it goes out", async () => {
    const w = await world();
    const sent = await sendVolunteerMessage(db, w.initiative, input("Vergadering"), { id: w.sender.id, name: w.sender.name }, TODAY, NOW);
    expect(await unsubscribe(db, w.volunteer.id, ["messages"], NOW, TODAY)).toBe(true);
    const [row] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.subjectId, sent.id), eq(s.outbox.personId, w.volunteer.id)));
    expect(row).toMatchObject({ status: "given_up", error: "opted out" });
  });

  it("loses its author and their name when the sender is erased", async () => {
    const w = await world();
    const sent = await sendVolunteerMessage(
      db,
      w.initiative,
      { activityId: null, subject: "Groet van Sanne Stuurder", body: "Groet, Sanne Stuurder" },
      { id: w.sender.id, name: w.sender.name },
      TODAY,
      NOW,
    );
    await erasePerson(db, w.sender.id, null, NOW, env.DOCUMENTS);
    const [message] = await db.select().from(s.volunteerMessages).where(eq(s.volunteerMessages.id, sent.id));
    expect(message).toMatchObject({ createdBy: null, subject: "Groet van Verwijderde persoon", body: "Groet, Verwijderde persoon" });
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.subjectId, sent.id));
    expect(mail!.payload).not.toContain("Sanne Stuurder");
    expect(mail!.subject).not.toContain("Sanne Stuurder");
  });
});
