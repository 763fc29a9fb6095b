import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db, makePartner, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeFacility, makeFunding, makeOtherCoordinator, makeTask, makeVolunteer } from "../helpers/tasks-factories";
import { Browser } from "../helpers/browser";
import * as s from "../../src/db/schema";
import { addDays, todayInAmsterdam } from "../../src/lib/dates";

// The app reads the clock for "today"; the tests build their dates around it.
const today = todayInAmsterdam(new Date());
const soon = addDays(today, 30);

const taskCount = async (initiativeId: string) => (await db.select().from(s.tasks).where(eq(s.tasks.initiativeId, initiativeId))).length;
const eventsOf = (taskId: string) => db.select().from(s.taskEvents).where(eq(s.taskEvents.taskId, taskId));

async function setup() {
  const w = await makeWorld();
  const base = `/initiatives/${w.initiative.id}/tasks`;
  return { w, base };
}

/** A browser for each role that must be refused a write, each holding a CSRF token. */
async function outsiders(w: Awaited<ReturnType<typeof makeWorld>>) {
  const other = await signedIn((await makeOtherCoordinator(w.otherInitiative.id)).id);
  const partner = await signedIn(w.partnerPerson.id);
  const visitor = new Browser();
  await other.get("/");
  await partner.get("/");
  await visitor.get("/sign-in");
  return { other, partner, visitor };
}

async function refusedEverywhere(w: Awaited<ReturnType<typeof makeWorld>>, path: string, fields: Record<string, string | string[]>) {
  const { other, partner, visitor } = await outsiders(w);
  expect((await other.post(path, fields)).status, `other coordinator ${path}`).toBe(403);
  expect((await partner.post(path, fields)).status, `partner ${path}`).toBe(403);
  expect((await visitor.post(path, fields)).status, `visitor ${path}`).toBe(401);
}

const onceForm = (initiativeId: string, over: Record<string, string | string[]> = {}) => ({
  title: "Sleutels tellen",
  why: "",
  subject: `initiative:${initiativeId}`,
  scheduleKind: "once",
  onceOn: soon,
  leadDays: "7",
  graceDays: "3",
  assigneeRoles: ["key_holder"],
  ...over,
});

describe("adding a task", () => {
  it("shows the form to the coordinator and creates the task with its assignees", async () => {
    const { w, base } = await setup();
    const volunteer = await makeVolunteer(w.initiative.id);
    const activity = await makeActivity(w.initiative.id, { name: "Repaircafé" });
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`${base}/new`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Nieuwe onderhoudstaak");
    expect(page.html).toContain("Activiteit: Repaircafé");
    expect(page.html).toContain("Vera Vrijwilliger");
    // Only the chosen kind's questions: the yearly window's are not on the page.
    expect(page.html).toContain('name="intervalCount"');
    expect(page.html).not.toContain("Eerste kwartaal");

    const res = await browser.post(base, onceForm(w.initiative.id, { subject: `activity:${activity.id}`, assigneeIds: volunteer.id }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#tasks`);
    const [task] = await db.select().from(s.tasks).where(eq(s.tasks.initiativeId, w.initiative.id));
    expect(task).toMatchObject({
      title: "Sleutels tellen",
      subjectType: "activity",
      subjectId: activity.id,
      scheduleKind: "once",
      dueOn: soon,
      leadDays: 7,
      graceDays: 3,
      createdBy: w.coordinator.id,
    });
    expect(await db.select().from(s.taskAssignees).where(eq(s.taskAssignees.taskId, task!.id))).toEqual([
      { taskId: task!.id, personId: volunteer.id },
    ]);
    expect(
      await db
        .select()
        .from(s.auditLog)
        .where(and(eq(s.auditLog.entityId, task!.id), eq(s.auditLog.action, "create"))),
    ).toHaveLength(1);
  });

  it("creates a relative task on a funding stream in weeks before its end", async () => {
    const { w, base } = await setup();
    const funding = await makeFunding(w.initiative.id, { endsOn: addDays(today, 200) });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/new`);
    const res = await browser.post(base, {
      ...onceForm(w.initiative.id),
      onceOn: "",
      subject: `funding:${funding.id}`,
      scheduleKind: "relative",
      relativeAnchor: "funding_ends",
      offsetAmount: "8",
      offsetUnit: "week",
      offsetDirection: "before",
    });
    expect(res.status).toBe(303);
    const [task] = await db.select().from(s.tasks).where(eq(s.tasks.initiativeId, w.initiative.id));
    expect(task).toMatchObject({ scheduleKind: "relative", relativeAnchor: "funding_ends", relativeOffsetDays: -56, dueOn: null });
  });

  it("answers bad input next to the fields (422) and writes nothing", async () => {
    const { w, base } = await setup();
    const otherFacility = await makeFacility(w.otherHood.id);
    const stranger = await makeVolunteer(w.otherInitiative.id, {}, "Sam Vreemde");
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/new`);
    const res = await browser.post(base, onceForm(w.initiative.id, { title: "", onceOn: "2027-02-30", leadDays: "veel" }));
    expect(res.status).toBe(422);
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Vul een bestaande datum in");
    expect(res.html).toContain("Vul een heel getal in van 0 tot en met 365.");
    expect(res.html).toContain('value="veel"'); // the input is kept

    const foreign = await browser.post(
      base,
      onceForm(w.initiative.id, { subject: `facility:${otherFacility.id}`, assigneeIds: stranger.id }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain("Kies een van de mogelijkheden.");

    const anchor = await browser.post(base, {
      ...onceForm(w.initiative.id),
      scheduleKind: "relative",
      relativeAnchor: "funding_ends",
      offsetAmount: "4",
      offsetUnit: "week",
      offsetDirection: "before",
    });
    expect(anchor.status).toBe(422);
    expect(anchor.html).toContain("Deze datum staat niet bij wat je bij");
    expect(await taskCount(w.initiative.id)).toBe(0);
  });

  it("refuses the form and the write to other coordinators, partners and visitors", async () => {
    const { w, base } = await setup();
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`${base}/new`)).status).toBe(403);
    expect((await partner.get(`${base}/library`)).status).toBe(403);
    await refusedEverywhere(w, base, onceForm(w.initiative.id));
    expect(await taskCount(w.initiative.id)).toBe(0);
  });
});

describe("editing, archiving and restoring a task", () => {
  it("saves changes with the version, and refuses a stale form keeping the input (409)", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "AED controleren", dueOn: soon });
    const first = await signedIn(w.coordinator.id);
    const second = await signedIn(w.admin.id);
    const form = await first.get(`${base}/${task.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="AED controleren"');
    await second.get(`${base}/${task.id}/edit`);
    const fields = {
      title: "AED en verbandtrommel controleren",
      subject: `initiative:${w.initiative.id}`,
      scheduleKind: "interval",
      intervalStartOn: soon,
      intervalCount: "2",
      intervalUnit: "month",
      intervalFrom: "completion",
      leadDays: "3",
      graceDays: "7",
      assigneeRoles: ["key_holder", "coordinator"],
      version: "1",
    };
    const saved = await first.post(`${base}/${task.id}`, fields);
    expect(saved.status).toBe(303);
    // A failed (422) save keeps the version the user started from, so the stale check still holds.
    const invalid = await second.post(`${base}/${task.id}`, { ...fields, title: "" });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('name="version" value="1"');
    const stale = await second.post(`${base}/${task.id}`, { ...fields, title: "Mijn eigen titel" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft deze taak intussen gewijzigd");
    expect(stale.html).toContain('value="Mijn eigen titel"');
    expect(stale.html).toContain("AED en verbandtrommel controleren");
    const row = await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) });
    expect(row).toMatchObject({
      title: "AED en verbandtrommel controleren",
      version: 2,
      intervalCount: 2,
      intervalFrom: "completion",
      assigneeRoles: '["coordinator","key_holder"]',
    });
  });

  it("answers bad input with 422 and changes nothing; other people's tasks are not found", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "Blijft zo" });
    const elsewhere = await makeTask(w.otherInitiative.id, { title: "Van een ander" });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/${task.id}/edit`);
    const res = await browser.post(`${base}/${task.id}`, {
      title: "Nieuw",
      subject: `initiative:${w.initiative.id}`,
      scheduleKind: "window",
      windowPreset: "custom",
      version: "1",
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain("Kies een maand.");
    expect((await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) }))?.title).toBe("Blijft zo");
    expect((await browser.get(`${base}/${elsewhere.id}/edit`)).status).toBe(404);
    await browser.get(`${base}/${task.id}/edit`);
    expect((await browser.post(`${base}/${elsewhere.id}`, { title: "Gekaapt", version: "1" })).status).toBe(404);
    expect((await db.query.tasks.findFirst({ where: eq(s.tasks.id, elsewhere.id) }))?.title).toBe("Van een ander");
  });

  it("archives and restores with the version; a stale archive is refused", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id);
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/${task.id}/edit`);
    expect((await browser.post(`${base}/${task.id}/archival`, { version: "1" })).status).toBe(303);
    expect((await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) }))?.archivedAt).not.toBeNull();
    const stale = await browser.post(`${base}/${task.id}/restoration`, { version: "1" });
    expect(stale.status).toBe(409);
    expect((await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) }))?.archivedAt).not.toBeNull();
    expect((await browser.post(`${base}/${task.id}/restoration`, { version: "2" })).status).toBe(303);
    const row = await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) });
    expect(row).toMatchObject({ archivedAt: null, version: 3 });
    const actions = (await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, task.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["archive", "restore"]));
  });

  it("refuses edits, archiving and restoring to outsiders", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "Niet van jou" });
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`${base}/${task.id}/edit`)).status).toBe(403);
    await refusedEverywhere(w, `${base}/${task.id}`, { ...onceForm(w.initiative.id), version: "1" });
    await refusedEverywhere(w, `${base}/${task.id}/archival`, { version: "1" });
    await refusedEverywhere(w, `${base}/${task.id}/restoration`, { version: "1" });
    expect(await db.query.tasks.findFirst({ where: eq(s.tasks.id, task.id) })).toMatchObject({
      title: "Niet van jou",
      version: 1,
      archivedAt: null,
    });
  });
});

describe("answering a task: done, not applicable, snooze", () => {
  it("with htmx answers only the updated row", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "AED controleren", dueOn: today });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/${task.id}`);
    // data-hx-*: htmx 4 reads them, and they are valid HTML.
    expect(browser.lastHtml).toContain(` data-hx-post="${base}/${task.id}/completions"`);
    expect(browser.lastHtml).toContain(` data-hx-target="#task-${task.id}"`);
    expect(browser.lastHtml).toContain(' data-hx-swap="outerHTML"');
    expect(browser.lastHtml).not.toMatch(/\shx-[a-z]/);
    expect(browser.lastHtml).toContain("2 weken uitstellen"); // reminders have started
    const later = await makeTask(w.initiative.id, { dueOn: addDays(today, 60) });
    expect((await browser.get(`${base}/${later.id}`)).html).not.toContain("2 weken uitstellen");
    await browser.get(`${base}/${task.id}`);
    const res = await browser.post(
      `${base}/${task.id}/completions`,
      { kind: "done", note: "Alles in orde", occurrence: today },
      { headers: { "hx-request": "true" } },
    );
    expect(res.status).toBe(200);
    expect(res.html.startsWith(`<article id="task-${task.id}"`)).toBe(true);
    expect(res.html).not.toContain("<html");
    expect(res.html).toContain("Opgeslagen als gedaan.");
    expect(res.html).toContain("Alles in orde");
    expect(res.html).toContain("Cor Coördinator");
    const [event] = await eventsOf(task.id);
    expect(event).toMatchObject({
      kind: "done",
      occurrenceDueOn: today,
      on: today,
      via: "web",
      byPersonId: w.coordinator.id,
      note: "Alles in orde",
    });
  });

  it("without htmx redirects back to a same-site `next`, or to the initiative page", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { dueOn: today });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/${task.id}`);
    const na = await browser.post(`${base}/${task.id}/completions`, { kind: "not_applicable", next: "/" });
    expect(na.status).toBe(303);
    expect(na.location).toBe("/");
    const snooze = await browser.post(`${base}/${task.id}/snoozes`, { until: addDays(today, 14), next: "//evil.example/x" });
    expect(snooze.status).toBe(303);
    expect(snooze.location).toBe(`/initiatives/${w.initiative.id}#tasks`);
    const events = await eventsOf(task.id);
    expect(events.map((e) => e.kind)).toEqual(["not_applicable", "snoozed"]);
    expect(events[1]).toMatchObject({ snoozedUntil: addDays(today, 14) });
    const actions = (await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, task.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["not_applicable", "snooze"]));
  });

  it("refuses bad answers (422) and answers given meanwhile (409), writing nothing", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { dueOn: today });
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/${task.id}`);
    const badKind = await browser.post(`${base}/${task.id}/completions`, { kind: "maybe" });
    expect(badKind.status).toBe(422);
    expect(badKind.html).toContain("Kies een van de mogelijkheden.");
    const pastSnooze = await browser.post(`${base}/${task.id}/snoozes`, { until: today }, { headers: { "hx-request": "true" } });
    expect(pastSnooze.status).toBe(422);
    expect(pastSnooze.html).toContain("Kies een datum na vandaag.");
    expect(pastSnooze.html.startsWith(`<article id="task-${task.id}"`)).toBe(true);
    const meanwhile = await browser.post(`${base}/${task.id}/completions`, { kind: "done", occurrence: addDays(today, -31) });
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.html).toContain("Iemand anders heeft deze taak intussen al beantwoord");
    expect(await eventsOf(task.id)).toHaveLength(0);
  });

  it("refuses answers from other coordinators, partners and visitors", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { dueOn: today });
    await refusedEverywhere(w, `${base}/${task.id}/completions`, { kind: "done" });
    await refusedEverywhere(w, `${base}/${task.id}/snoozes`, { until: addDays(today, 14) });
    expect(await eventsOf(task.id)).toHaveLength(0);
  });

  it("lets a linked partner read a task (without answer buttons), not a partner elsewhere", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "Zichtbaar", dueOn: today });
    const partner = await signedIn(w.partnerPerson.id);
    const page = await partner.get(`${base}/${task.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Zichtbaar");
    expect(page.html).toContain('class="badge badge-due"');
    expect(page.html).not.toContain("/completions");
    const elsewhereOrg = await makePartner({ name: "Fonds Elders" });
    await db.insert(s.partnerNeighbourhoods).values({ partnerId: elsewhereOrg.id, neighbourhoodId: w.otherHood.id });
    const { makePerson } = await import("../helpers/factories");
    const elsewhere = await makePerson({ name: "Erik Elders" });
    await db.insert(s.partnerMembers).values({ partnerId: elsewhereOrg.id, personId: elsewhere.id });
    expect((await (await signedIn(elsewhere.id)).get(`${base}/${task.id}`)).status).toBe(403);
  });
});

describe("tasks by time: due now, coming up, or planned", () => {
  // A fixed day; the tasks' dates are counted from it.
  const AT = "2027-03-01T08:00:00.000Z";
  const day = "2027-03-01";

  it("calls only a task inside its reminder window 'binnenkort'; a later one is 'gepland' on one line", async () => {
    const { w } = await setup();
    const soonTask = await makeTask(w.initiative.id, {
      title: "Verzekering",
      scheduleKind: "once",
      dueOn: addDays(day, 10),
      leadDays: 14,
    });
    const far = await makeTask(w.initiative.id, { title: "BHV-herhaling", scheduleKind: "once", dueOn: "2028-02-04", leadDays: 30 });
    const page = await (await signedIn(w.coordinator.id, AT)).get(`/initiatives/${w.initiative.id}`);
    const section = page.html.slice(page.html.indexOf('<section id="tasks"')).split("</section>")[0]!;
    // Due soon: a short card with its answers.
    expect(section).toMatch(new RegExp(`<article id="task-${soonTask.id}" class="task-row task-compact"[\\s\\S]*?badge-soon">Binnenkort<`));
    expect(section).toContain(`action="/initiatives/${w.initiative.id}/tasks/${soonTask.id}/completions"`);
    // Far ahead: one line, "Gepland" with its date, no answer buttons.
    expect(section).toMatch(
      new RegExp(
        `<li id="task-${far.id}"><a href="[^"]+">BHV-herhaling</a> <span class="badge badge-planned">Gepland</span> <time datetime="2028-02-04">4 februari 2028</time></li>`,
      ),
    );
    expect(section).not.toContain(`/tasks/${far.id}/completions`);
    expect(section.match(/Binnenkort/g)).toHaveLength(1);
  });

  it("asks before saving an answer far ahead of the date, without JavaScript and with htmx; saves once confirmed", async () => {
    const { w, base } = await setup();
    const far = await makeTask(w.initiative.id, { title: "VOG vernieuwen", scheduleKind: "once", dueOn: "2029-12-06", leadDays: 30 });
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`${base}/${far.id}`);
    const asked = await browser.post(`${base}/${far.id}/completions`, { kind: "done", note: "al geregeld", occurrence: "2029-12-06" });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("Deze taak staat pas voor 6 december 2029. Is hij nu al gedaan?");
    expect(asked.html).toContain('<input type="hidden" name="confirmed" value="1"/>');
    expect(asked.html).toContain('<input type="hidden" name="note" value="al geregeld"/>');
    expect(await eventsOf(far.id)).toHaveLength(0);
    const askedHtmx = await browser.post(
      `${base}/${far.id}/completions`,
      { kind: "not_applicable", occurrence: "2029-12-06" },
      { headers: { "hx-request": "true" } },
    );
    expect(askedHtmx.html.startsWith(`<article id="task-${far.id}"`)).toBe(true);
    expect(askedHtmx.html).toContain("Weet je zeker dat hij deze keer niet nodig is?");
    expect(await eventsOf(far.id)).toHaveLength(0);
    const confirmed = await browser.post(`${base}/${far.id}/completions`, {
      kind: "done",
      note: "al geregeld",
      occurrence: "2029-12-06",
      confirmed: "1",
    });
    expect(confirmed.status).toBe(303);
    expect(await eventsOf(far.id)).toEqual([expect.objectContaining({ kind: "done", note: "al geregeld", occurrenceDueOn: "2029-12-06" })]);
  });

  it("does not ask for a task that is due or in its reminder window", async () => {
    const { w, base } = await setup();
    const due = await makeTask(w.initiative.id, { scheduleKind: "once", dueOn: addDays(day, 5), leadDays: 14 });
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`${base}/${due.id}`);
    const res = await browser.post(`${base}/${due.id}/completions`, { kind: "done", occurrence: addDays(day, 5) });
    expect(res.status).toBe(303);
    expect(await eventsOf(due.id)).toHaveLength(1);
  });

  it("says it worked without JavaScript: the page it returns to names the task and the next date, once", async () => {
    const { w, base } = await setup();
    const task = await makeTask(w.initiative.id, { title: "AED controleren", dueOn: day, intervalUnit: "month" });
    const browser = await signedIn(w.coordinator.id, AT);
    await browser.get(`${base}/${task.id}`);
    const res = await browser.post(`${base}/${task.id}/completions`, {
      kind: "done",
      occurrence: day,
      next: `/initiatives/${w.initiative.id}#tasks`,
    });
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#tasks`);
    const page = await browser.get(`/initiatives/${w.initiative.id}`);
    // Under the tasks heading, where the browser lands (#tasks).
    expect(page.html).toMatch(
      /<h2 id="tasks-heading">Onderhoudstaken<\/h2><p role="status" class="notice notice-success flash" tabindex="-1">AED controleren: Opgeslagen als gedaan. De volgende keer is 1 april 2027.<\/p>/,
    );
    expect((await browser.get(`/initiatives/${w.initiative.id}`)).html).not.toContain("Opgeslagen als gedaan");
  });
});

describe("the task form asks only the chosen kind's questions", () => {
  it("without JavaScript: choosing the kind sends the form back with that kind's questions, keeping what was typed", async () => {
    const { w, base } = await setup();
    const browser = await signedIn(w.coordinator.id);
    const form = await browser.get(`${base}/new`);
    expect(form.html).toContain('name="step" value="kind"');
    expect(form.html).not.toContain('name="windowPreset"');
    const before = await taskCount(w.initiative.id);
    const step = await browser.post(base, {
      title: "Gras maaien",
      subject: `initiative:${w.initiative.id}`,
      scheduleKind: "window",
      step: "kind",
    });
    expect(step.status).toBe(200);
    expect(step.html).toContain('value="Gras maaien"');
    expect(step.html).toContain('name="windowPreset"');
    expect(step.html).toContain("Eerste kwartaal");
    expect(step.html).not.toContain('name="onceOn"');
    expect(step.html).not.toContain('name="intervalCount"');
    // Nothing saved, no error shown: it is a step, not a mistake.
    expect(step.html).not.toContain("error-summary");
    expect(await taskCount(w.initiative.id)).toBe(before);
    // The defaults of the new kind's questions are filled in.
    const relative = await browser.post(base, { title: "Verantwoorden", scheduleKind: "relative", step: "kind" });
    expect(relative.html).toContain('name="offsetAmount" type="number" value="8"');
  });

  it("with htmx: the questions of the chosen kind as a fragment, for editors only", async () => {
    const { w, base } = await setup();
    const browser = await signedIn(w.coordinator.id);
    const res = await browser.get(`${base}/schedule?scheduleKind=once`, { "hx-request": "true" });
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<div id="schedule-fields">')).toBe(true);
    expect(res.html).toContain('name="onceOn"');
    expect(res.html).not.toContain('name="intervalCount"');
    const page = await browser.get(`${base}/new`);
    expect(page.html).toContain(`data-hx-get="${base}/schedule"`);
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`${base}/schedule?scheduleKind=once`)).status).toBe(403);
    expect((await new Browser().get(`${base}/schedule?scheduleKind=once`)).status).not.toBe(200);
  });
});

describe("the task library", () => {
  it("lists the entries with one button each and adds one in a tap", async () => {
    const { w, base } = await setup();
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`${base}/library`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("VOG van vrijwilligers vernieuwen");
    expect(page.html).toContain("Vrijwilligers bedanken");
    expect(page.html).toContain("Dit kan als er een financiering is met een datum voor de verantwoording.");
    expect(page.html.match(/>Toevoegen</g)?.length).toBe(8);
    const res = await browser.post(`${base}/library`, { key: "aed" });
    expect(res.status).toBe(303);
    const [task] = await db.select().from(s.tasks).where(eq(s.tasks.initiativeId, w.initiative.id));
    expect(task).toMatchObject({
      templateKey: "aed",
      title: "AED controleren",
      intervalUnit: "month",
      intervalFrom: "completion",
      dueOn: addDays(today, 7),
    });
    expect((await browser.get(`${base}/library`)).html).toContain("Al toegevoegd");
  });

  it("attaches the report to the chosen funding stream", async () => {
    const { w, base } = await setup();
    const funding = await makeFunding(w.initiative.id, { sourceName: "Oranje Fonds", reportDueOn: addDays(today, 90) });
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`${base}/library`);
    expect(page.html).toContain("Toevoegen voor Oranje Fonds");
    expect((await browser.post(`${base}/library`, { key: "report", fundingId: funding.id })).status).toBe(303);
    const [task] = await db.select().from(s.tasks).where(eq(s.tasks.initiativeId, w.initiative.id));
    expect(task).toMatchObject({
      subjectType: "funding",
      subjectId: funding.id,
      relativeAnchor: "funding_report_due",
      relativeOffsetDays: -28,
    });
  });

  it("refuses an unknown entry or a report without a funding stream (422), and outsiders", async () => {
    const { w, base } = await setup();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`${base}/library`);
    const unknown = await browser.post(`${base}/library`, { key: "feestje" });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain("Deze taak staat niet in de bibliotheek.");
    expect((await browser.post(`${base}/library`, { key: "report" })).status).toBe(422);
    await refusedEverywhere(w, `${base}/library`, { key: "vog" });
    expect(await taskCount(w.initiative.id)).toBe(0);
  });
});
