// A reserve and a handover note per critical role, and the handover when the role ends: tasks by
// name move to the reserve (or to the role), the reserve is mailed through the outbox, the history
// says it in words, and the risk follows.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { StaleVersionError } from "../../../src/db/versioned";
import {
  endInvolvement,
  getInvolvement,
  involvementContract,
  involvementOptions,
  updateInvolvement,
} from "../../../src/domain/people/involvements";
import { checkSuccession, saveSuccession, successionContract } from "../../../src/domain/people/succession";
import { loadHistory } from "../../../src/domain/initiatives/initiative-page";
import { composeEnvelope } from "../../../src/mail/compose";
import { takeEnvelopes } from "../../../src/domain/mail/outbox";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeActivity, makeInvolvement } from "../../helpers/people-factories";
import { makeMailTask } from "../../helpers/mail-factories";

const NOW = new Date("2027-03-16T10:00:00.000Z");
const TODAY = "2027-03-16";

async function world() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { name: "Eettafel De Hoek" });
  const activity = await makeActivity(initiative.id, { name: "Maaltijd", createdAt: "2024-01-01T00:00:00.000Z" });
  const holder = await makePerson({ name: "Hanna Houder", neighbourhoodId: hood.id });
  const reserve = await makePerson({ name: "Rob Reserve", neighbourhoodId: hood.id, email: `rob-${crypto.randomUUID()}@example.org` });
  const helper = await makePerson({ name: "Hulp Helper", neighbourhoodId: hood.id });
  const involvement = await makeInvolvement(initiative.id, holder.id, { role: "key_holder", critical: true, since: "2024-01-01" });
  await makeInvolvement(initiative.id, helper.id, { role: "cook", since: "2024-01-01" });
  return { hood, initiative, activity, holder, reserve, helper, involvement };
}

const inv = async (w: { initiative: { id: string } }, id: string) => (await getInvolvement(db, w.initiative.id, id))!;
const keyPersonFlag = async (activityId: string) => {
  const stored = await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, activityId) });
  return (JSON.parse(stored?.flags ?? "[]") as { rule: string; severity: string; params: Record<string, unknown> }[]).find(
    (f) => f.rule === "key_person",
  );
};

async function name(w: Awaited<ReturnType<typeof world>>, note = "De sleutel ligt bij de buren op nummer 12.") {
  const before = await inv(w, w.involvement.id);
  await saveSuccession(
    db,
    w.initiative,
    before,
    { reservePersonId: w.reserve.id, handoverNote: note, version: before.version, reserveName: w.reserve.name },
    null,
    NOW,
  );
}

describe("a reserve and a handover note", () => {
  it("lowers the key-person flag one step and says there is a reserve; removing the reserve raises it again", async () => {
    const w = await world();
    await name(w);
    const withReserve = await keyPersonFlag(w.activity.id);
    expect(withReserve).toMatchObject({ severity: "watch", params: { reserve: 1 } });
    const before = await inv(w, w.involvement.id);
    expect(before).toMatchObject({ reservePersonId: w.reserve.id, reserveName: "Rob Reserve" });
    await saveSuccession(
      db,
      w.initiative,
      before,
      { reservePersonId: null, handoverNote: before.handoverNote, version: before.version, reserveName: null },
      null,
      NOW,
    );
    expect(await keyPersonFlag(w.activity.id)).toMatchObject({ severity: "at_risk", params: { reserve: 0 } });
  });

  it("records the reserve by name and that the note changed, never the note itself", async () => {
    const w = await world();
    await name(w, "Pincode kluis 4711");
    const entries = await loadHistory(db, w.initiative.id);
    const entry = entries.find((e) => e.action === "succession")!;
    expect(JSON.parse(entry.changes)).toEqual({ reserve: [null, "Rob Reserve"], handoverNote: "changed" });
    expect(entries.some((e) => e.changes.includes("4711"))).toBe(false);
  });

  it("is refused for the holder themselves, for someone who cannot be picked, and (new) on a role that is not critical", async () => {
    const w = await world();
    const row = await inv(w, w.involvement.id);
    const options = await involvementOptions(db, { id: w.initiative.id, neighbourhoodId: w.hood.id });
    const stranger = await makePerson({ name: "Vreemde Buiten" });
    expect(checkSuccession(options, row, { reservePersonId: w.holder.id, handoverNote: "" })).toEqual({
      reservePersonId: "succession.error.self",
    });
    expect(checkSuccession(options, row, { reservePersonId: stranger.id, handoverNote: "" })).toEqual({
      reservePersonId: "form.unknownOption",
    });
    expect(checkSuccession(options, { ...row, critical: false }, { reservePersonId: w.reserve.id, handoverNote: "" })).toEqual({
      reservePersonId: "succession.error.notCritical",
    });
    expect(checkSuccession(options, { ...row, critical: false }, { reservePersonId: null, handoverNote: "Iets" })).toEqual({
      handoverNote: "succession.error.notCritical",
    });
    expect(checkSuccession(options, row, { reservePersonId: w.reserve.id, handoverNote: "Iets" })).toEqual({});
    // The note's length is the contract's: 2000 characters.
    const long = successionContract.parseFormUpdate({ reservePersonId: "", handoverNote: "x".repeat(2001), version: "1" });
    expect(long).toEqual({ ok: false, errors: { handoverNote: "form.tooLong" } });
  });

  it("refuses a stale version and writes nothing", async () => {
    const w = await world();
    const before = await inv(w, w.involvement.id);
    await name(w);
    await expect(
      saveSuccession(
        db,
        w.initiative,
        before,
        { reservePersonId: null, handoverNote: "", version: before.version, reserveName: null },
        null,
        NOW,
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect((await inv(w, w.involvement.id)).reservePersonId).toBe(w.reserve.id);
  });
});

describe("the handover when a critical role ends", () => {
  it("moves the tasks assigned by name to the reserve, mails the reserve the note and the open tasks, and records it in words", async () => {
    const w = await world();
    const mine = await makeMailTask(w.initiative.id, { title: "Sleutels tellen", assigneeRoles: "[]", dueOn: "2027-04-01" });
    await makeMailTask(w.initiative.id, { title: "AED controleren", assigneeRoles: '["key_holder"]', dueOn: "2027-05-01" });
    const others = await makeMailTask(w.initiative.id, { title: "Koken", assigneeRoles: "[]", dueOn: "2027-04-10" });
    await db.insert(s.taskAssignees).values([
      { taskId: mine.id, personId: w.holder.id },
      { taskId: others.id, personId: w.helper.id },
    ]);
    await name(w);
    const summary = await endInvolvement(
      db,
      w.initiative,
      await inv(w, w.involvement.id),
      { lastDay: "2027-03-31", version: 2 },
      null,
      NOW,
      TODAY,
    );
    expect(summary).toEqual({ reserveName: "Rob Reserve", moved: 1, toRole: null, mail: "queued" });

    const assignees = await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, mine.id));
    expect(assignees.map((a) => a.personId)).toEqual([w.reserve.id]);
    expect((await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, others.id))).map((a) => a.personId)).toEqual([
      w.helper.id,
    ]);
    expect((await db.query.tasks.findFirst({ where: eq(s.tasks.id, mine.id) }))?.version).toBe(2);

    const [mail] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.kind, "handover"), eq(s.outbox.personId, w.reserve.id)));
    expect(mail).toMatchObject({
      status: "queued",
      recipient: w.reserve.email,
      subject: "Je neemt het over: sleutelhouder bij Eettafel De Hoek",
    });
    const payload = JSON.parse(mail!.payload!);
    expect(payload).toMatchObject({
      fromName: "Hanna Houder",
      role: "key_holder",
      lastDay: "2027-03-31",
      note: "De sleutel ligt bij de buren op nummer 12.",
    });
    // Its own task and the role's task, soonest first; not someone else's.
    expect(payload.tasks.map((t: { title: string }) => t.title)).toEqual(["Sleutels tellen", "AED controleren"]);

    // The email says it in words, with the note and the tasks.
    const [envelope] = (await takeEnvelopes(db, NOW, { emails: 100, perEmail: 10 })).filter((e) => e.personId === w.reserve.id);
    const { email } = await composeEnvelope(envelope!, { secret: "s".repeat(32), appUrl: "https://app.example" });
    expect(email!.text).toContain("Hanna Houder stopt op 31 maart 2027 als sleutelhouder bij Eettafel De Hoek.");
    expect(email!.text).toContain("De sleutel ligt bij de buren op nummer 12.");
    expect(email!.text).toContain("Sleutels tellen: 1 april 2027");
    expect(email!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    const entry = (await loadHistory(db, w.initiative.id)).find((e) => e.action === "handover")!;
    expect(JSON.parse(entry.changes)).toEqual({
      role: "key_holder",
      handedOverTo: "Rob Reserve",
      tasksMoved: ["Sleutels tellen"],
      handoverMail: "queued",
    });
  });

  it("without a reserve gives the tasks to the role (a role tasks cannot have: to the coordinators) and mails nobody", async () => {
    const w = await world();
    const task = await makeMailTask(w.initiative.id, { title: "Sleutels tellen", assigneeRoles: '["treasurer"]' });
    await db.insert(s.taskAssignees).values({ taskId: task.id, personId: w.holder.id });
    const summary = await endInvolvement(
      db,
      w.initiative,
      await inv(w, w.involvement.id),
      { lastDay: "2027-03-31", version: 1 },
      null,
      NOW,
      TODAY,
    );
    expect(summary).toEqual({ reserveName: null, moved: 1, toRole: "key_holder", mail: "no_reserve" });
    const after = await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) });
    expect(JSON.parse(after!.assigneeRoles).sort()).toEqual(["key_holder", "treasurer"]);
    expect(await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task.id))).toEqual([]);
    expect(await db.select().from(s.outbox).where(eq(s.outbox.subjectId, w.involvement.id))).toEqual([]);

    const cook = await makePerson({ name: "Kok Koos" });
    const cooking = await makeInvolvement(w.initiative.id, cook.id, { role: "cook", critical: true });
    const meal = await makeMailTask(w.initiative.id, { title: "Boodschappen", assigneeRoles: "[]" });
    await db.insert(s.taskAssignees).values({ taskId: meal.id, personId: cook.id });
    await endInvolvement(db, w.initiative, await inv(w, cooking.id), { lastDay: "2027-03-31", version: 1 }, null, NOW, TODAY);
    expect(JSON.parse((await db.query.tasks.findFirst({ where: eq(s.tasks.id, meal.id) }))!.assigneeRoles)).toEqual(["coordinator"]);
  });

  it("also hands over when the last day is set on the edit form, and only once", async () => {
    const w = await world();
    await name(w);
    const row = await inv(w, w.involvement.id);
    const edit = (until: string, version: number) => {
      const parsed = involvementContract.parseFormUpdate({
        role: "key_holder",
        critical: "on",
        since: "2024-01-01",
        until,
        version: String(version),
      });
      if (!parsed.ok) throw new Error("invalid");
      return parsed.data;
    };
    const first = await updateInvolvement(db, w.initiative, row, edit("2027-03-31", row.version), null, NOW, TODAY);
    expect(first?.mail).toBe("queued");
    const moved = await inv(w, w.involvement.id);
    expect(await updateInvolvement(db, w.initiative, moved, edit("2027-04-30", moved.version), null, NOW, TODAY)).toBeNull();
    const handovers = (await loadHistory(db, w.initiative.id)).filter((e) => e.action === "handover");
    expect(handovers).toHaveLength(1);
    expect(
      await db
        .select()
        .from(s.outbox)
        .where(and(eq(s.outbox.kind, "handover"), eq(s.outbox.subjectId, w.involvement.id))),
    ).toHaveLength(1);
  });

  it("hands nothing over when a role that is not critical ends", async () => {
    const w = await world();
    const plain = await makePerson({ name: "Gewone Gerda" });
    const row = await makeInvolvement(w.initiative.id, plain.id, { role: "volunteer" });
    const task = await makeMailTask(w.initiative.id, { assigneeRoles: "[]" });
    await db.insert(s.taskAssignees).values({ taskId: task.id, personId: plain.id });
    expect(
      await endInvolvement(db, w.initiative, await inv(w, row.id), { lastDay: "2027-03-31", version: 1 }, null, NOW, TODAY),
    ).toBeNull();
    expect((await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task.id))).map((a) => a.personId)).toEqual([plain.id]);
    expect((await loadHistory(db, w.initiative.id)).some((e) => e.action === "handover")).toBe(false);
  });

  it("mails no reserve who opted out of reminders or whose address bounced, and says why", async () => {
    const w = await world();
    await db.update(s.people).set({ mailOptOuts: '["reminders"]' }).where(eq(s.people.id, w.reserve.id));
    await name(w);
    const summary = await endInvolvement(
      db,
      w.initiative,
      await inv(w, w.involvement.id),
      { lastDay: "2027-03-31", version: 2 },
      null,
      NOW,
      TODAY,
    );
    expect(summary?.mail).toBe("opted_out");
    expect(await db.select().from(s.outbox).where(eq(s.outbox.personId, w.reserve.id))).toEqual([]);

    const v = await world();
    await db.update(s.people).set({ emailStatus: "bounced" }).where(eq(s.people.id, v.reserve.id));
    await name(v);
    const bounced = await endInvolvement(
      db,
      v.initiative,
      await inv(v, v.involvement.id),
      { lastDay: "2027-03-31", version: 2 },
      null,
      NOW,
      TODAY,
    );
    expect(bounced?.mail).toBe("address_broken");
  });

  it("puts the reserve's mail off to their digest day when they chose a weekly digest", async () => {
    const w = await world();
    await db.update(s.people).set({ digest: "weekly" }).where(eq(s.people.id, w.reserve.id));
    await name(w);
    await endInvolvement(db, w.initiative, await inv(w, w.involvement.id), { lastDay: "2027-03-31", version: 2 }, null, NOW, TODAY);
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.personId, w.reserve.id));
    // 16 March 2027 is a Tuesday: the digest goes out on Monday the 22nd, released the evening before.
    expect(mail?.nextAttemptAt).toBe("2027-03-21T21:00:00.000Z");
  });

  it("writes nothing of the handover when the ending itself is stale", async () => {
    const w = await world();
    const task = await makeMailTask(w.initiative.id, { assigneeRoles: "[]" });
    await db.insert(s.taskAssignees).values({ taskId: task.id, personId: w.holder.id });
    const before = await inv(w, w.involvement.id);
    await name(w);
    await expect(
      endInvolvement(db, w.initiative, before, { lastDay: "2027-03-31", version: before.version }, null, NOW, TODAY),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect((await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task.id))).map((a) => a.personId)).toEqual([
      w.holder.id,
    ]);
    expect(await db.select().from(s.outbox).where(eq(s.outbox.personId, w.reserve.id))).toEqual([]);
  });
});
