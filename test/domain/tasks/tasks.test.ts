import { todayInAmsterdam } from "../../../src/lib/dates";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeActivity, makeFacility, makeFunding, makeTask, makeVolunteer, ref } from "../../helpers/tasks-factories";
import { auditLog, fundingStreams, taskAssignees, taskEvents, tasks } from "../../../src/db/schema";
import {
  answerTask,
  checkTaskInput,
  createTask,
  loadOpenTasks,
  loadTaskFormOptions,
  loadTasksSection,
  loadTaskView,
  parseTaskForm,
  taskStatus,
  type TaskInput,
} from "../../../src/domain/tasks/tasks";
import { addFromLibrary, loadLibrary } from "../../../src/domain/tasks/library";
import { translator } from "../../../src/i18n";

// Fixed dates only: `today` and `now` are always passed in.
const NOW = new Date("2027-01-10T09:00:00.000Z");
const TODAY = "2027-01-10";
const t = translator("nl");

async function world() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id);
  const coordinator = await makePerson({ name: "Cor Coördinator" });
  return { hood, initiative, init: ref(initiative), coordinator };
}

const form = (over: Record<string, string | string[]>) => ({
  title: "Verzekering verlengen",
  subject: "initiative:x",
  scheduleKind: "once",
  leadDays: "14",
  graceDays: "7",
  ...over,
});

function valid(input: Record<string, unknown>): TaskInput {
  const parsed = parseTaskForm(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

describe("the task form (validation)", () => {
  it("validates only the chosen schedule kind's fields", () => {
    const once = parseTaskForm(form({ onceOn: "", intervalCount: "nonsense", windowStartMonth: "13" }));
    expect(once.ok).toBe(false);
    if (!once.ok) expect(once.errors).toEqual({ onceOn: "form.required" });

    const interval = parseTaskForm(
      form({ scheduleKind: "interval", intervalStartOn: "2027-02-30", intervalCount: "0", intervalUnit: "fortnight", intervalFrom: "due" }),
    );
    expect(interval.ok).toBe(false);
    if (!interval.ok) {
      expect(interval.errors.intervalStartOn).toBe("form.date");
      expect(interval.errors.intervalCount).toBe("tasks.form.count");
      expect(interval.errors.intervalUnit).toBe("form.unknownOption");
    }

    const unknownKind = parseTaskForm(form({ scheduleKind: "sometimes" }));
    expect(unknownKind.ok).toBe(false);
    if (!unknownKind.ok) expect(unknownKind.errors.scheduleKind).toBe("form.unknownOption");

    const missingTitle = parseTaskForm(form({ title: "  ", onceOn: "2027-03-01", leadDays: "-1" }));
    expect(missingTitle.ok).toBe(false);
    if (!missingTitle.ok) expect(missingTitle.errors).toEqual({ title: "form.required", leadDays: "tasks.form.days" });
  });

  it("turns each kind into the stored columns", () => {
    const once = valid(form({ subject: "activity:abc", onceOn: "2027-03-01", intervalCount: "junk", leadDays: "", graceDays: "" }));
    expect(once).toMatchObject({
      scheduleKind: "once",
      dueOn: "2027-03-01",
      intervalCount: null,
      subjectType: "activity",
      subjectId: "abc",
      leadDays: 14,
      graceDays: 7,
    });

    const interval = valid(
      form({
        scheduleKind: "interval",
        intervalStartOn: "2027-01-31",
        intervalCount: "3",
        intervalUnit: "year",
        intervalFrom: "completion",
      }),
    );
    expect(interval).toMatchObject({
      dueOn: "2027-01-31",
      intervalCount: 3,
      intervalUnit: "year",
      intervalFrom: "completion",
      windowStartMonth: null,
    });

    const q2 = valid(form({ scheduleKind: "window", windowPreset: "q2", windowStartMonth: "", windowEndMonth: "" }));
    expect(q2).toMatchObject({ windowStartMonth: 4, windowEndMonth: 6, dueOn: null });
    const march = valid(form({ scheduleKind: "window", windowPreset: "m3" }));
    expect(march).toMatchObject({ windowStartMonth: 3, windowEndMonth: 3 });
    const wrapping = valid(form({ scheduleKind: "window", windowPreset: "custom", windowStartMonth: "11", windowEndMonth: "2" }));
    expect(wrapping).toMatchObject({ windowStartMonth: 11, windowEndMonth: 2 });
    const noMonths = parseTaskForm(form({ scheduleKind: "window", windowPreset: "custom" }));
    expect(noMonths.ok ? {} : noMonths.errors).toEqual({ windowStartMonth: "tasks.form.month", windowEndMonth: "tasks.form.month" });

    const relative = valid(
      form({
        scheduleKind: "relative",
        subject: "funding:f1",
        relativeAnchor: "funding_ends",
        offsetAmount: "8",
        offsetUnit: "week",
        offsetDirection: "before",
      }),
    );
    expect(relative).toMatchObject({ relativeAnchor: "funding_ends", relativeOffsetDays: -56, subjectType: "funding", subjectId: "f1" });

    const roles = valid(
      form({ onceOn: "2027-03-01", assigneeRoles: ["treasurer", "coordinator", "treasurer"], assigneeIds: ["p1", "p1"] }),
    );
    expect(roles.assigneeRoles).toEqual(["coordinator", "treasurer"]);
    expect(roles.assigneeIds).toEqual(["p1"]);
    expect(parseTaskForm(form({ onceOn: "2027-03-01", assigneeRoles: "boss" })).ok).toBe(false);
    const endsEarly = parseTaskForm(form({ onceOn: "2027-03-01", endsOn: "2027-02-01" }));
    expect(endsEarly.ok ? {} : endsEarly.errors).toEqual({ endsOn: "tasks.form.endsBeforeStart" });
  });

  it("accepts only subjects and people of this initiative", async () => {
    const { hood, initiative, init } = await world();
    const otherHood = await makeNeighbourhood();
    const other = await makeInitiative(otherHood.id);
    const activity = await makeActivity(initiative.id);
    const facility = await makeFacility(hood.id);
    const foreignFacility = await makeFacility(otherHood.id);
    const funding = await makeFunding(initiative.id);
    const foreignFunding = await makeFunding(other.id);
    const archived = await makeActivity(initiative.id, { name: "Oud", archivedAt: "2026-06-01T00:00:00Z" });
    const volunteer = await makeVolunteer(initiative.id);
    const leaver = await makeVolunteer(initiative.id, { until: "2026-12-31" }, "Lex Vertrokken");
    const stranger = await makePerson();
    const options = await loadTaskFormOptions(db, init, TODAY);
    const base = valid(form({ onceOn: "2027-03-01" }));
    const check = (over: Partial<TaskInput>) => checkTaskInput({ ...base, ...over }, options);

    expect(check({ subjectType: "initiative", subjectId: initiative.id })).toEqual({});
    expect(check({ subjectType: "activity", subjectId: activity.id })).toEqual({});
    expect(check({ subjectType: "facility", subjectId: facility.id })).toEqual({});
    expect(check({ subjectType: "funding", subjectId: funding.id })).toEqual({});
    expect(check({ subjectType: "initiative", subjectId: other.id })).toEqual({ subject: "form.unknownOption" });
    expect(check({ subjectType: "facility", subjectId: foreignFacility.id })).toEqual({ subject: "form.unknownOption" });
    expect(check({ subjectType: "funding", subjectId: foreignFunding.id })).toEqual({ subject: "form.unknownOption" });
    expect(check({ subjectType: "activity", subjectId: funding.id })).toEqual({ subject: "form.unknownOption" });
    expect(check({ subjectType: "activity", subjectId: archived.id })).toEqual({ subject: "form.unknownOption" });
    // ...but a task that already hangs on an archived activity may keep it.
    expect(
      checkTaskInput({ ...base, subjectType: "activity", subjectId: archived.id }, options, {
        subjectType: "activity",
        subjectId: archived.id,
      }),
    ).toEqual({});

    expect(
      check({
        subjectType: "initiative",
        subjectId: initiative.id,
        scheduleKind: "relative",
        relativeAnchor: "funding_ends",
        relativeOffsetDays: -7,
      }),
    ).toEqual({
      relativeAnchor: "tasks.form.anchorSubject",
    });
    expect(
      check({
        subjectType: "funding",
        subjectId: funding.id,
        scheduleKind: "relative",
        relativeAnchor: "facility_agreement_ends",
        relativeOffsetDays: -7,
      }),
    ).toEqual({
      relativeAnchor: "tasks.form.anchorSubject",
    });

    expect(check({ subjectType: "initiative", subjectId: initiative.id, assigneeIds: [volunteer.id] })).toEqual({});
    expect(check({ subjectType: "initiative", subjectId: initiative.id, assigneeIds: [leaver.id] })).toEqual({
      assigneeIds: "form.unknownOption",
    });
    expect(check({ subjectType: "initiative", subjectId: initiative.id, assigneeIds: [stranger.id] })).toEqual({
      assigneeIds: "form.unknownOption",
    });
  });

  it("creates a task with its assignees and an audit row", async () => {
    const { initiative, init, coordinator } = await world();
    const volunteer = await makeVolunteer(initiative.id);
    const input = valid(
      form({
        subject: `initiative:${initiative.id}`,
        scheduleKind: "interval",
        intervalStartOn: "2027-02-01",
        intervalCount: "1",
        intervalUnit: "year",
        intervalFrom: "due",
        assigneeRoles: ["treasurer"],
        assigneeIds: [volunteer.id],
      }),
    );
    const id = await createTask(db, init, input, coordinator.id, NOW);
    const row = await db.query.tasks.findFirst({ where: eq(tasks.id, id) });
    expect(row).toMatchObject({
      initiativeId: initiative.id,
      scheduleKind: "interval",
      dueOn: "2027-02-01",
      assigneeRoles: '["treasurer"]',
      createdBy: coordinator.id,
      version: 1,
    });
    expect(await db.select().from(taskAssignees).where(eq(taskAssignees.taskId, id))).toEqual([{ taskId: id, personId: volunteer.id }]);
    const [trail] = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(trail).toMatchObject({ action: "create", entity: "task", initiativeId: initiative.id, actorId: coordinator.id });
  });
});

describe("taskStatus", () => {
  const base = {
    scheduleKind: "once" as const,
    dueOn: "2027-02-01",
    intervalCount: null,
    intervalUnit: null,
    intervalFrom: null,
    windowStartMonth: null,
    windowEndMonth: null,
    relativeOffsetDays: null,
    leadDays: 14,
    graceDays: 7,
    endsOn: null,
    archivedAt: null,
  };
  it("says upcoming, due or overdue from today and the grace days", () => {
    expect(taskStatus(base, [], null, "2027-01-20")?.state).toBe("upcoming");
    expect(taskStatus(base, [], null, "2027-02-01")?.state).toBe("due");
    expect(taskStatus(base, [], null, "2027-02-08")?.state).toBe("due");
    expect(taskStatus(base, [], null, "2027-02-09")?.state).toBe("overdue");
  });
  it("has nothing planned for an archived task, or a relative one without its date", () => {
    expect(taskStatus({ ...base, archivedAt: "2027-01-01T00:00:00Z" }, [], null, TODAY)).toBeNull();
    const relative = { ...base, scheduleKind: "relative" as const, dueOn: null, relativeOffsetDays: -28 };
    expect(taskStatus(relative, [], null, TODAY)).toBeNull();
    expect(taskStatus(relative, [], "2027-03-01", TODAY)?.dueOn).toBe("2027-02-01");
  });
  it("uses the Dutch calendar day", () => {
    expect(todayInAmsterdam(new Date("2027-03-27T23:30:00Z"))).toBe("2027-03-28"); // 00:30 in Amsterdam
    expect(todayInAmsterdam(new Date("2027-07-01T21:59:00Z"))).toBe("2027-07-01"); // 23:59 summer time
  });
});

describe("a relative task follows the date it hangs on", () => {
  it("moves when the funding's end date changes and disappears when the date is cleared", async () => {
    const { initiative } = await world();
    const funding = await makeFunding(initiative.id, { endsOn: "2027-06-30" });
    const task = await makeTask(initiative.id, {
      subjectType: "funding",
      subjectId: funding.id,
      title: "Nieuwe financiering zoeken",
      scheduleKind: "relative",
      dueOn: null,
      intervalCount: null,
      intervalUnit: null,
      intervalFrom: null,
      relativeAnchor: "funding_ends",
      relativeOffsetDays: -56,
    });
    const dueOf = async () => (await loadTaskView(db, initiative.id, task.id, TODAY))?.occurrence?.dueOn ?? null;
    expect(await dueOf()).toBe("2027-05-05");
    await db.update(fundingStreams).set({ endsOn: "2027-12-31" }).where(eq(fundingStreams.id, funding.id));
    expect(await dueOf()).toBe("2027-11-05");
    await db.update(fundingStreams).set({ endsOn: null }).where(eq(fundingStreams.id, funding.id));
    expect(await dueOf()).toBeNull();
    const view = await loadTaskView(db, initiative.id, task.id, TODAY);
    expect(view).toMatchObject({ anchorDate: null, subjectName: "Wijkbudget" });
  });

  it("reads the report date of a funding stream and the agreement end of a facility", async () => {
    const { hood, initiative } = await world();
    const funding = await makeFunding(initiative.id, { reportDueOn: "2027-04-01" });
    const facility = await makeFacility(hood.id, { agreementEndsOn: "2027-09-30" });
    const report = await makeTask(initiative.id, {
      subjectType: "funding",
      subjectId: funding.id,
      scheduleKind: "relative",
      relativeAnchor: "funding_report_due",
      relativeOffsetDays: -28,
    });
    const agreement = await makeTask(initiative.id, {
      subjectType: "facility",
      subjectId: facility.id,
      scheduleKind: "relative",
      relativeAnchor: "facility_agreement_ends",
      relativeOffsetDays: -28,
    });
    expect((await loadTaskView(db, initiative.id, report.id, TODAY))?.occurrence?.dueOn).toBe("2027-03-04");
    expect((await loadTaskView(db, initiative.id, agreement.id, TODAY))?.occurrence?.dueOn).toBe("2027-09-02");
  });
});

describe("answering a task", () => {
  it("completing records who, when and a note, and moves the next due date", async () => {
    const { initiative, init, coordinator } = await world();
    const task = await makeTask(initiative.id, { dueOn: "2027-01-31" }); // monthly, from the due date
    const result = await answerTask(
      db,
      init,
      task.id,
      { kind: "done", note: "Lampje groen", snoozedUntil: null, occurrence: "2027-01-31" },
      coordinator.id,
      NOW,
      "2027-02-02",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answeredDueOn).toBe("2027-01-31");
    expect(result.view.occurrence?.dueOn).toBe("2027-02-28"); // month end stays a month end
    expect(result.view.lastEvent).toMatchObject({ kind: "done", on: "2027-02-02", note: "Lampje groen", byName: "Cor Coördinator" });
    const [event] = await db.select().from(taskEvents).where(eq(taskEvents.taskId, task.id));
    expect(event).toMatchObject({
      kind: "done",
      occurrenceDueOn: "2027-01-31",
      on: "2027-02-02",
      via: "web",
      byPersonId: coordinator.id,
      note: "Lampje groen",
    });
    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, task.id), eq(auditLog.action, "complete")));
    expect(trail).toHaveLength(1);
  });

  it("counts from the completion date when the schedule says so", async () => {
    const { initiative, init, coordinator } = await world();
    const task = await makeTask(initiative.id, { dueOn: "2027-01-10", intervalCount: 3, intervalUnit: "year", intervalFrom: "completion" });
    const result = await answerTask(db, init, task.id, { kind: "done", note: "", snoozedUntil: null }, coordinator.id, NOW, "2027-01-20");
    expect(result.ok && result.view.occurrence?.dueOn).toBe("2030-01-20");
  });

  it("records 'not applicable this time' and moves on", async () => {
    const { initiative, init, coordinator } = await world();
    const task = await makeTask(initiative.id, { dueOn: "2027-01-15" });
    const result = await answerTask(
      db,
      init,
      task.id,
      { kind: "not_applicable", note: "Gesloten in januari", snoozedUntil: null },
      coordinator.id,
      NOW,
      TODAY,
    );
    expect(result.ok && result.view.occurrence?.dueOn).toBe("2027-02-15");
    const [event] = await db.select().from(taskEvents).where(eq(taskEvents.taskId, task.id));
    expect(event).toMatchObject({ kind: "not_applicable", occurrenceDueOn: "2027-01-15" });
  });

  it("records a snooze: same due date, reminders held until the snooze ends", async () => {
    const { initiative, init, coordinator } = await world();
    const task = await makeTask(initiative.id, { dueOn: "2027-01-05" });
    const result = await answerTask(
      db,
      init,
      task.id,
      { kind: "snoozed", note: "", snoozedUntil: "2027-01-24" },
      coordinator.id,
      NOW,
      TODAY,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.view.occurrence).toMatchObject({ dueOn: "2027-01-05", snoozedUntil: "2027-01-24", state: "due" });
    const [event] = await db.select().from(taskEvents).where(eq(taskEvents.taskId, task.id));
    expect(event).toMatchObject({ kind: "snoozed", occurrenceDueOn: "2027-01-05", snoozedUntil: "2027-01-24", on: TODAY });
    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, task.id), eq(auditLog.action, "snooze")));
    expect(trail).toHaveLength(1);
  });

  it("writes nothing when someone answered meanwhile, when nothing is open, or for another initiative", async () => {
    const { initiative, init, coordinator } = await world();
    const other = await makeInitiative(initiative.neighbourhoodId);
    const task = await makeTask(initiative.id, {
      scheduleKind: "once",
      dueOn: "2027-01-05",
      intervalCount: null,
      intervalUnit: null,
      intervalFrom: null,
    });
    const meanwhile = await answerTask(
      db,
      init,
      task.id,
      { kind: "done", note: "", snoozedUntil: null, occurrence: "2026-12-05" },
      coordinator.id,
      NOW,
      TODAY,
    );
    expect(meanwhile).toMatchObject({ ok: false, reason: "answeredMeanwhile" });
    expect(await answerTask(db, ref(other), task.id, { kind: "done", note: "", snoozedUntil: null }, coordinator.id, NOW, TODAY)).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await db.select().from(taskEvents).where(eq(taskEvents.taskId, task.id))).toHaveLength(0);

    expect((await answerTask(db, init, task.id, { kind: "done", note: "", snoozedUntil: null }, coordinator.id, NOW, TODAY)).ok).toBe(true);
    const again = await answerTask(db, init, task.id, { kind: "done", note: "", snoozedUntil: null }, coordinator.id, NOW, TODAY);
    expect(again).toMatchObject({ ok: false, reason: "nothingDue" });
    expect(await db.select().from(taskEvents).where(eq(taskEvents.taskId, task.id))).toHaveLength(1);
  });
});

describe("the starter library", () => {
  it("adds a task in one tap with the entry's schedule, first due date counted from today", async () => {
    const { initiative, init, coordinator } = await world();
    const vog = await addFromLibrary(db, init, "vog", undefined, t, coordinator.id, NOW, TODAY);
    expect(vog.ok).toBe(true);
    const row = await db.query.tasks.findFirst({ where: eq(tasks.id, vog.ok ? vog.id : "") });
    expect(row).toMatchObject({
      title: "VOG van vrijwilligers vernieuwen",
      templateKey: "vog",
      subjectType: "initiative",
      subjectId: initiative.id,
      scheduleKind: "interval",
      intervalCount: 3,
      intervalUnit: "year",
      intervalFrom: "completion",
      dueOn: "2027-02-09",
      assigneeRoles: '["coordinator"]',
    });
    expect(await addFromLibrary(db, init, "vog", undefined, t, coordinator.id, NOW, TODAY)).toEqual({
      ok: false,
      error: "tasks.library.duplicate",
    });
    expect(await addFromLibrary(db, init, "nonsense", undefined, t, coordinator.id, NOW, TODAY)).toEqual({
      ok: false,
      error: "tasks.library.unknown",
    });

    const thanks = await addFromLibrary(db, init, "thanks", undefined, t, coordinator.id, NOW, TODAY);
    const thanksRow = await db.query.tasks.findFirst({ where: eq(tasks.id, thanks.ok ? thanks.id : "") });
    expect(thanksRow).toMatchObject({ scheduleKind: "window", windowStartMonth: 12, windowEndMonth: 12, dueOn: null });
    const view = await loadTaskView(db, initiative.id, thanksRow!.id, "2027-02-01");
    expect(view?.occurrence).toMatchObject({ dueOn: "2027-12-31", state: "upcoming" });
  });

  it("offers the report only for a funding stream with a report date, and attaches it to that stream", async () => {
    const { initiative, init, coordinator } = await world();
    const noDate = await makeFunding(initiative.id, { reportDueOn: null });
    expect(await addFromLibrary(db, init, "report", noDate.id, t, coordinator.id, NOW, TODAY)).toEqual({
      ok: false,
      error: "tasks.library.needsFunding",
    });
    expect((await loadLibrary(db, initiative.id)).fundings).toEqual([]);
    const funding = await makeFunding(initiative.id, { sourceName: "Oranje Fonds", reportDueOn: "2027-04-01" });
    const result = await addFromLibrary(db, init, "report", funding.id, t, coordinator.id, NOW, TODAY);
    expect(result.ok).toBe(true);
    const view = await loadTaskView(db, initiative.id, result.ok ? result.id : "", TODAY);
    expect(view).toMatchObject({
      subjectType: "funding",
      subjectId: funding.id,
      subjectName: "Oranje Fonds",
      relativeAnchor: "funding_report_due",
      anchorDate: "2027-04-01",
    });
    expect(view?.occurrence?.dueOn).toBe("2027-03-04");
  });
});

describe("loading tasks in sets", () => {
  it("gives the initiative page its tasks, most urgent first, archived apart", async () => {
    const { initiative } = await world();
    const activity = await makeActivity(initiative.id, { name: "Taalcafé" });
    await makeTask(initiative.id, { title: "Later", dueOn: "2027-06-30" });
    await makeTask(initiative.id, { title: "Te laat", dueOn: "2026-12-01" });
    await makeTask(initiative.id, { title: "Bij activiteit", subjectType: "activity", subjectId: activity.id, dueOn: "2027-01-10" });
    await makeTask(initiative.id, { title: "Weg", archivedAt: "2026-12-01T00:00:00Z" });
    const section = await loadTasksSection(db, initiative.id, TODAY);
    expect(section.tasks.map((v) => [v.title, v.occurrence?.state])).toEqual([
      ["Te laat", "overdue"],
      ["Bij activiteit", "due"],
      ["Later", "upcoming"],
    ]);
    expect(section.tasks[1]?.subjectName).toBe("Taalcafé");
    expect(section.archived.map((v) => v.title)).toEqual(["Weg"]);
  });

  it("gives the coordinator home what is due soon or overdue, across many initiatives", async () => {
    const { hood, initiative } = await world();
    const second = await makeInitiative(hood.id, { name: "Moestuin" });
    await makeTask(initiative.id, { title: "Te laat", dueOn: "2026-12-01" });
    await makeTask(second.id, { title: "Binnenkort", dueOn: "2027-01-20" });
    await makeTask(second.id, { title: "Veel later", dueOn: "2027-05-01" });
    await makeTask(second.id, { title: "Gearchiveerd", dueOn: "2026-12-01", archivedAt: "2026-12-02T00:00:00Z" });
    const snoozed = await makeTask(initiative.id, { title: "Uitgesteld", dueOn: "2027-01-05" });
    await db.insert(taskEvents).values({
      id: crypto.randomUUID(),
      taskId: snoozed.id,
      kind: "snoozed",
      occurrenceDueOn: "2027-01-05",
      on: "2027-01-06",
      snoozedUntil: "2027-01-20",
      createdAt: "2027-01-06T10:00:00Z",
    });
    // 95 ids (more than one chunk of 90), with the real ones at both ends.
    const ids = [initiative.id, ...Array.from({ length: 93 }, (_, i) => `bestaat-niet-${i}`), second.id];
    const open = await loadOpenTasks(db, ids, TODAY, 14);
    expect(open.map((v) => [v.title, v.initiativeName])).toEqual([
      ["Te laat", "Buurtmoestuin"],
      ["Binnenkort", "Moestuin"],
    ]);
    expect(await loadOpenTasks(db, [], TODAY, 14)).toEqual([]);
  });
});
