// /admin/runs: admins see each daily run (date, status, counts per step, skipped records with
// links to where they can be fixed); nobody else does.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { db, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeActivity, makeFunding } from "../helpers/risk-factories";
import { isolate, makeMailTask, makeMailWorld, runCounted } from "../helpers/mail-factories";
import { RUNS_PER_PAGE, SKIPS_PER_PAGE } from "../../src/routes/admin-runs";
import * as s from "../../src/db/schema";

const raw = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();

/**
 * A run on `day` that skips a task with a date that does not exist (and the activity it is about,
 * which cannot be judged without it) and an activity with money from 30 February.
 */
async function runWithSkips(day: string) {
  await isolate();
  const w = await makeMailWorld({ name: `Ronde ${day}` });
  const upkept = await makeActivity(w.initiative.id, "Onderhouden");
  const task = await makeMailTask(w.initiative.id, {
    title: "Onmogelijke datum",
    dueOn: day,
    subjectType: "activity",
    subjectId: upkept.id,
  });
  await raw("UPDATE tasks SET due_on = '2027-02-30' WHERE id = ?", task.id);
  const activity = await makeActivity(w.initiative.id, "Dertig februari");
  const funding = await makeFunding(w.initiative.id, [activity.id]);
  await raw("UPDATE funding_streams SET starts_on = '2026-02-30' WHERE id = ?", funding.id);
  await makeMailTask(w.initiative.id, { title: "Gewone taak", dueOn: day });
  await runCounted({ today: day, now: `${day}T04:00:00Z`, sending: false });
  return { ...w, task, activity };
}

describe("the daily runs for admins", () => {
  it("lists each run with its status, counts per step and skipped records, and links to them", async () => {
    const w = await runWithSkips("2027-02-09");
    const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
    const b = await signedIn(admin.id);
    const list = await b.get("/admin/runs");
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/admin/runs" aria-current="page"'); // in the admin navigation
    expect(list.html).toContain('<a href="/admin/runs/2027-02-09">9 februari 2027</a>');
    expect(list.html).toContain("klaar, iets overgeslagen");
    expect(list.html).toContain("Herinneringen");
    expect(list.html).toContain("Overgeslagen: 2"); // risk: two activities

    const detail = await b.get("/admin/runs/2027-02-09");
    expect(detail.status).toBe(200);
    expect(detail.html).toContain("Ronde van 9 februari 2027");
    expect(detail.html).toContain("Overgeslagen records (3)");
    expect(detail.html).toContain("<title>Ronde van 9 februari 2027 · Wijkonderhoud</title>");
    expect(detail.html).toContain(`href="/initiatives/${w.initiative.id}/tasks/${w.task.id}">Onmogelijke datum</a>`);
    expect(detail.html).toContain(`href="/initiatives/${w.initiative.id}#activity-${w.activity.id}">Dertig februari</a>`);
    expect(detail.html).toContain(`href="/initiatives/${w.initiative.id}">Ronde 2027-02-09</a>`);
    expect(detail.html).toContain("2027-02-30");
    expect(detail.html).toContain("Not a calendar date: 2026-02-30");
    expect(detail.html).toContain("Taken verwerkt: 1");
    // Both pages read without JavaScript: plain links, no scripts of their own.
    expect(detail.html).not.toMatch(/hx-(get|post)/);
  });

  it("speaks English to an admin who reads English", async () => {
    await runWithSkips("2027-02-10");
    const admin = await makePerson({ name: "Eve Admin", isAdmin: true, locale: "en" });
    const b = await signedIn(admin.id);
    const list = await b.get("/admin/runs");
    expect(list.html).toContain("Daily runs");
    expect(list.html).toContain("done, some records skipped");
    const detail = await b.get("/admin/runs/2027-02-10");
    expect(detail.html).toContain("Run of 10 February 2027");
    expect(detail.html).toContain("Skipped records (3)");
  });

  it("pages through many runs and many skipped records", async () => {
    const rows = Array.from({ length: RUNS_PER_PAGE + 1 }, (_, i) => {
      const day = `2025-01-${String(i + 1).padStart(2, "0")}`;
      return { runOn: day, status: "complete" as const, startedAt: `${day}T04:00:00Z`, finishedAt: `${day}T04:01:00Z`, counts: "{}" };
    });
    for (const r of rows) await db.insert(s.dailyRuns).values(r).onConflictDoNothing();
    await db.insert(s.dailyRuns).values({
      runOn: "2024-12-31",
      status: "skipped_some",
      startedAt: "2024-12-31T04:00:00Z",
      counts: "{}",
      skipped: SKIPS_PER_PAGE + 1,
    });
    for (let i = 0; i <= SKIPS_PER_PAGE; i++)
      await db.insert(s.dailyRunSkips).values({
        id: crypto.randomUUID(),
        runOn: "2024-12-31",
        step: "digests",
        recordType: "person",
        recordId: `person-${String(i).padStart(3, "0")}`,
        error: `fout ${i}`,
        createdAt: "2024-12-31T04:00:00Z",
      });
    const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
    const b = await signedIn(admin.id);
    // Newest first; the 2025 runs fill more than a page when the runs of other tests are counted too.
    let page = await b.get("/admin/runs?before=2025-01-31");
    expect(page.html).toContain('href="/admin/runs/2025-01-30"');
    const older = /href="(\/admin\/runs\?before=[^"]+)"/.exec(page.html)?.[1];
    expect(older).toBeDefined();
    page = await b.get(older!.replaceAll("&amp;", "&"));
    expect(page.html).toContain('href="/admin/runs/2024-12-31"');
    expect(page.html).toContain("Nieuwste rondes");

    const first = await b.get("/admin/runs/2024-12-31");
    expect(first.html).toContain("fout 0");
    expect(first.html).not.toContain(`fout ${SKIPS_PER_PAGE}<`);
    const more = /href="(\/admin\/runs\/2024-12-31\?after=[^"]+)"/.exec(first.html)?.[1];
    const second = await b.get(more!.replaceAll("&amp;", "&"));
    expect(second.html).toContain(`fout ${SKIPS_PER_PAGE}<`);
    expect(second.html).not.toContain("fout 0<");
  });

  it("answers 404 for a day without a run or a date that is not one", async () => {
    const admin = await makePerson({ name: "Ada Beheer", isAdmin: true });
    const b = await signedIn(admin.id);
    expect((await b.get("/admin/runs/1999-01-01")).status).toBe(404);
    expect((await b.get("/admin/runs/gisteren")).status).toBe(404);
    expect((await b.get("/admin/runs?before=<script>")).status).toBe(200);
  });

  it("is for admins only: coordinators, partners and others get 403, visitors the sign-in page", async () => {
    await runWithSkips("2027-02-11");
    const w = await makeWorld();
    for (const person of [w.coordinator, w.partnerPerson, w.nobody]) {
      const b = await signedIn(person.id);
      expect((await b.get("/admin/runs")).status).toBe(403);
      expect((await b.get("/admin/runs/2027-02-11")).status).toBe(403);
      expect((await b.get("/")).html).not.toContain('href="/admin/runs"');
    }
    const visitor = await new Browser().get("/admin/runs/2027-02-11");
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe("/sign-in?next=%2Fadmin%2Fruns%2F2027-02-11");
  });
});
