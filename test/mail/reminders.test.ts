import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { reminderStages, planReminderSlice, PARTNER_ESCALATION_DAYS } from "../../src/domain/mail/reminders";
import { nextDigestDay, releaseAt, digestMode } from "../../src/domain/mail/recipients";
import type { Occurrence } from "../../src/domain/tasks/schedule";
import { db, makePerson } from "../helpers/factories";
import { makeMailTask, makeMailWorld } from "../helpers/mail-factories";

const occ = (state: Occurrence["state"], over: Partial<Occurrence> = {}): Occurrence => ({
  dueOn: "2027-03-15",
  remindFrom: "2027-03-01",
  overdueAfter: "2027-03-22",
  state,
  snoozedUntil: null,
  ...over,
});

/** Plans reminders for exactly these tasks (the storage holds other tests' tasks too). */
async function plan(taskIds: string[], today: string) {
  const result = await planReminderSlice(db, { afterTaskId: null, limit: 100_000 }, today, new Date(`${today}T04:00:00Z`));
  return result.drafts.filter((d) => taskIds.includes(d.subjectId));
}

describe("reminder stages", () => {
  it("follow the occurrence: lead time, due date, then overdue with escalation", () => {
    expect(reminderStages(occ("upcoming"), null, "2027-02-28").stages).toEqual([]);
    expect(reminderStages(occ("upcoming"), null, "2027-03-01").stages).toEqual(["lead"]);
    expect(reminderStages(occ("due"), null, "2027-03-15").stages).toEqual(["due"]);
    expect(reminderStages(occ("overdue"), null, "2027-03-23").stages).toEqual(["overdue", "coordinators"]);
    expect(reminderStages(occ("overdue"), null, "2027-04-05").stages).toEqual(["overdue", "coordinators"]);
    expect(reminderStages(occ("overdue"), null, "2027-04-06").stages).toEqual(["overdue", "coordinators", "partners"]);
    expect(PARTNER_ESCALATION_DAYS).toBe(14);
  });

  it("hold while snoozed and start a new round once the snooze ends", () => {
    expect(reminderStages(occ("due", { snoozedUntil: "2027-03-29" }), "2027-03-29", "2027-03-16").stages).toEqual([]);
    const after = reminderStages(occ("overdue"), "2027-03-29", "2027-03-30");
    expect(after).toEqual({ round: "2027-03-29", stages: ["overdue", "coordinators"] });
    // the partner contact comes two weeks after the snooze ended, not after the original date
    expect(reminderStages(occ("overdue"), "2027-03-29", "2027-04-12").stages).toEqual(["overdue", "coordinators"]);
    expect(reminderStages(occ("overdue"), "2027-03-29", "2027-04-13").stages).toContain("partners");
  });
});

describe("digest timing", () => {
  it("partners default to a weekly digest on Mondays; a chosen mode wins", () => {
    expect(digestMode({ digest: null, isPartner: 1, isCoordinator: 0 })).toBe("weekly");
    expect(digestMode({ digest: null, isPartner: 1, isCoordinator: 1 })).toBe("immediate");
    expect(digestMode({ digest: null, isPartner: 0, isCoordinator: 0 })).toBe("immediate");
    expect(digestMode({ digest: "monthly", isPartner: 0, isCoordinator: 0 })).toBe("monthly");
    expect(nextDigestDay("weekly", "2027-03-17")).toBe("2027-03-22"); // Wednesday → Monday
    expect(nextDigestDay("weekly", "2027-03-22")).toBe("2027-03-22");
    expect(nextDigestDay("monthly", "2027-12-02")).toBe("2028-01-01");
    expect(releaseAt("weekly", "2027-03-17", new Date("2027-03-17T04:00:00Z"))).toBe("2027-03-21T21:00:00.000Z");
  });
});

describe("planning reminders for a slice of tasks", () => {
  it("sends the right stage to the role holders, then escalates to coordinators and the partner contact", async () => {
    const w = await makeMailWorld({ name: "Moestuin escalatie" });
    const task = await makeMailTask(w.initiative.id);

    const lead = await plan([task.id], "2027-03-01");
    expect(lead.map((d) => [d.personId, d.kind, (d.payload as { stage: string }).stage])).toEqual([[w.keyHolder.id, "reminder", "lead"]]);
    expect(lead[0]!.locale).toBe("en");
    expect(lead[0]!.key).toBe(`reminder:${task.id}:2027-03-15:0:lead:${w.keyHolder.id}`);

    const due = await plan([task.id], "2027-03-15");
    expect(due.map((d) => (d.payload as { stage: string }).stage)).toEqual(["due"]);

    const overdue = await plan([task.id], "2027-03-23");
    expect(overdue.map((d) => [d.personId, (d.payload as { stage: string }).stage])).toEqual([
      [w.keyHolder.id, "overdue"],
      [w.coordinator.id, "coordinators"],
    ]);

    const later = await plan([task.id], "2027-04-06");
    const partner = later.find((d) => d.personId === w.partnerPerson.id)!;
    expect(partner.kind).toBe("escalation");
    expect((partner.payload as { stage: string }).stage).toBe("partners");
    // A partner's default is the weekly digest: it waits until Sunday evening (Monday's run).
    expect(partner.releaseAt).toBe("2027-04-11T21:00:00.000Z");
  });

  it("names the activities that lean on the task's subject", async () => {
    const w = await makeMailWorld({ name: "Buurthuis" });
    const meal = {
      id: crypto.randomUUID(),
      initiativeId: w.initiative.id,
      name: "Wekelijkse maaltijd",
      createdAt: "2026-01-01",
      updatedAt: "2026-01-01",
    };
    const fundingId = crypto.randomUUID();
    await db.batch([
      db.insert(s.activities).values(meal),
      db.insert(s.fundingStreams).values({
        id: fundingId,
        initiativeId: w.initiative.id,
        sourceName: "Fonds",
        kind: "fund",
        startsOn: "2026-01-01",
        endsOn: "2027-06-30",
        createdAt: "x",
        updatedAt: "x",
      }),
      db.insert(s.fundingActivities).values({ fundingId, activityId: meal.id }),
    ]);
    const task = await makeMailTask(w.initiative.id, { subjectType: "funding", subjectId: fundingId, title: "Verantwoording insturen" });
    const [draft] = await plan([task.id], "2027-03-10");
    expect(draft!.payload).toMatchObject({ leansOn: ["Wekelijkse maaltijd"], subjectName: "Fonds", title: "Verantwoording insturen" });
  });

  it("skips opted-out, bounced, erased and address-less people", async () => {
    const w = await makeMailWorld({ name: "Taalcafé" });
    const optedOut = await makePerson({ name: "Otto Optout", mailOptOuts: '["reminders"]' });
    const bounced = await makePerson({ name: "Bob Bounce", emailStatus: "bounced" });
    const erased = await makePerson({ name: "Eva Erased", erasedAt: "2026-06-01T00:00:00Z" });
    const noMail = await makePerson({ name: "Nico Nomail", email: undefined });
    await db.update(s.people).set({ email: null }).where(eq(s.people.id, noMail.id));
    const task = await makeMailTask(w.initiative.id, { assigneeRoles: "[]" });
    for (const p of [optedOut, bounced, erased, noMail, w.volunteer])
      await db.insert(s.taskAssignees).values({ taskId: task.id, personId: p.id });
    const drafts = await plan([task.id], "2027-03-15");
    expect(drafts.map((d) => d.personId)).toEqual([w.volunteer.id]);
  });

  it("holds everything while the occurrence is snoozed", async () => {
    const w = await makeMailWorld({ name: "Speeltuin" });
    const task = await makeMailTask(w.initiative.id);
    await db.insert(s.taskEvents).values({
      id: crypto.randomUUID(),
      taskId: task.id,
      kind: "snoozed",
      occurrenceDueOn: "2027-03-15",
      on: "2027-03-15",
      snoozedUntil: "2027-03-29",
      via: "email",
      createdAt: "2027-03-15T08:00:00Z",
    });
    expect(await plan([task.id], "2027-03-20")).toEqual([]);
    const after = await plan([task.id], "2027-03-30");
    expect(after.map((d) => d.key)).toContain(`reminder:${task.id}:2027-03-15:2027-03-29:overdue:${w.keyHolder.id}`);
  });

  it("sends nothing for done tasks or tasks of stopped initiatives", async () => {
    const w = await makeMailWorld({ name: "Gestopt" });
    const task = await makeMailTask(w.initiative.id);
    await db.update(s.initiatives).set({ status: "stopped" }).where(eq(s.initiatives.id, w.initiative.id));
    expect(await plan([task.id], "2027-03-15")).toEqual([]);
  });
});
