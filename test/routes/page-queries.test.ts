// The D1 budget of the busiest pages (issue 8): a fixed number of statements per request,
// session included, however much an initiative or a neighbourhood holds. Tests run with
// APP_ENV=development, so every response carries the counting proxy's Server-Timing header.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recomputeRisk } from "../../src/domain/risk/store";
import { Browser } from "../helpers/browser";
import { appAt, db, makeInitiative, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeCommitment, makeFunding } from "../helpers/money-factories";
import { makeTask, makeVolunteer } from "../helpers/tasks-factories";
import { makeAsset } from "../helpers/workspace-factories";
import { withRollup } from "../helpers/overview-factories";

/** Statements per page, session and access check included (the gate's row comes with the session). */
const BUDGET = { home: 2, initiative: 2, neighbourhood: 2 } as const;
/** A partner's home adds the overview's headline of their neighbourhoods: one statement more, whatever the data. */
const PARTNER_HOME = 3;

const NOW = "2026-11-28T10:00:00.000Z";

function statements(res: Response): number {
  const m = (res.headers.get("server-timing") ?? "").match(/d1;desc="(\d+) queries"/);
  if (!m) throw new Error("no D1 count on the response");
  return Number(m[1]);
}

async function counts(b: Browser, initiativeId: string, hoodId: string) {
  const pages = { home: "/", initiative: `/initiatives/${initiativeId}`, neighbourhood: `/neighbourhoods/${hoodId}` };
  const out: Record<string, number> = {};
  for (const [name, path] of Object.entries(pages)) {
    const { res, status } = await b.get(path);
    expect(status, path).toBe(200);
    out[name] = statements(res);
  }
  return out;
}

/** Everything the pages show, `n` times over, in the initiative and in `n` more initiatives of the neighbourhood. */
async function fill(w: Awaited<ReturnType<typeof makeWorld>>, n: number) {
  const at = "2026-01-01T00:00:00.000Z";
  const initiatives = [
    w.initiative,
    ...(await Promise.all(Array.from({ length: n }, (_, i) => makeInitiative(w.hood.id, { name: `Initiatief ${i}` })))),
  ];
  for (const initiative of initiatives) {
    await db.insert(s.initiativeCoordinators).values({ initiativeId: initiative.id, personId: w.coordinator.id }).onConflictDoNothing();
    for (let i = 0; i < n; i++) {
      const activity = await makeActivity(initiative.id, { name: `Activiteit ${i}` });
      await makeFunding(initiative.id, { endsOn: "2027-01-31" }, [activity.id]);
      await makeCommitment(initiative.id, w.partner.id, { activityId: activity.id });
      const volunteer = await makeVolunteer(
        initiative.id,
        { role: i === 0 ? "key_holder" : "volunteer", critical: i === 0 },
        `Vrijwilliger ${i}`,
      );
      const task = await makeTask(initiative.id, { dueOn: "2026-12-01" });
      await db.insert(s.taskAssignees).values({ taskId: task.id, personId: volunteer.id });
      await db.insert(s.taskEvents).values({
        id: crypto.randomUUID(),
        taskId: task.id,
        kind: "done",
        occurrenceDueOn: "2026-11-01",
        on: "2026-11-02",
        byPersonId: volunteer.id,
        createdAt: at,
      });
      await db.insert(s.outbox).values({
        id: crypto.randomUUID(),
        messageKey: crypto.randomUUID(),
        kind: "reminder",
        personId: volunteer.id,
        recipient: "v@example.org",
        locale: "nl",
        subject: "Herinnering",
        status: "sent",
        createdAt: at,
        sentAt: at,
        subjectType: "task",
        subjectId: task.id,
        payload: JSON.stringify({ stage: "due", dueOn: "2026-12-01" }),
      });
      await makeAsset(w.hood.id, { name: `Plek ${i}` }, [initiative.id]);
    }
    await db.insert(s.checkins).values({
      id: crypto.randomUUID(),
      initiativeId: initiative.id,
      year: 2025,
      status: "active",
      volunteers: n,
      peopleReached: 10,
      story: "Goed jaar",
      createdAt: at,
      updatedAt: at,
    });
    await db.update(s.people).set({ emailStatus: "bounced" }).where(eq(s.people.id, w.coordinator.id));
  }
  await recomputeRisk(db, { neighbourhoodId: w.hood.id }, "2026-11-28", new Date(NOW));
}

describe("D1 statements per page", () => {
  it(`stay within budget (home ${BUDGET.home}, initiative ${BUDGET.initiative}, neighbourhood ${BUDGET.neighbourhood}) and do not grow with the data`, async () => {
    const w = await makeWorld();
    const viewers = {
      coordinator: await signedIn(w.coordinator.id, NOW),
      partner: await signedIn(w.partnerPerson.id, NOW),
      admin: await signedIn(w.admin.id, NOW),
    };
    // As every day after the daily run: the overview's figures (the partner's headline) are stored.
    await withRollup(NOW.slice(0, 10), async () => {
      const before: Record<string, Record<string, number>> = {};
      for (const [who, b] of Object.entries(viewers)) before[who] = await counts(b, w.initiative.id, w.hood.id);
      await fill(w, 3);
      const after: Record<string, Record<string, number>> = {};
      for (const [who, b] of Object.entries(viewers)) after[who] = await counts(b, w.initiative.id, w.hood.id);

      expect(after).toEqual(before);
      for (const [who, pages] of Object.entries(after))
        for (const [page, n] of Object.entries(pages))
          expect(n, `${who} ${page}`).toBeLessThanOrEqual(
            who === "partner" && page === "home" ? PARTNER_HOME : BUDGET[page as keyof typeof BUDGET],
          );
      // and the pages show what was added
      const page = await viewers.coordinator.get(`/initiatives/${w.initiative.id}`);
      expect(page.html).toContain("Vrijwilliger 2");
      expect(page.html).toContain("Activiteit 2");
    });
  }, 60_000);
});

describe("a session", () => {
  it("opens nothing once expired, revoked, or when its person is erased", async () => {
    const w = await makeWorld();
    const signedInAt = "2026-01-01T10:00:00.000Z";
    const b = await signedIn(w.coordinator.id, signedInAt);
    const path = `/initiatives/${w.initiative.id}`;
    expect((await b.get(path)).status).toBe(200);
    // 31 days later the same cookie is a visitor's
    const later = new Browser(appAt("2026-02-01T10:00:00.000Z"));
    later.cookies = b.cookies;
    const expired = await later.get(path);
    expect(expired.status).toBe(303);
    expect(expired.location).toContain("/sign-in");

    const c = await signedIn(w.coordinator.id, signedInAt);
    await db.update(s.sessions).set({ revokedAt: signedInAt }).where(eq(s.sessions.personId, w.coordinator.id));
    expect((await c.get(path)).status).toBe(303);

    const erased = await makePerson({ name: "Weg Persoon" });
    await db.insert(s.initiativeCoordinators).values({ initiativeId: w.initiative.id, personId: erased.id });
    const d = await signedIn(erased.id, signedInAt);
    expect((await d.get(path)).status).toBe(200);
    await db.update(s.people).set({ erasedAt: signedInAt }).where(eq(s.people.id, erased.id));
    expect((await d.get(path)).status).toBe(303);
  });

  it("gives a partner's members no access once the organisation is archived", async () => {
    const w = await makeWorld();
    const b = await signedIn(w.partnerPerson.id, NOW);
    expect((await b.get(`/neighbourhoods/${w.hood.id}`)).status).toBe(200);
    await db.update(s.partnerOrgs).set({ archivedAt: NOW }).where(eq(s.partnerOrgs.id, w.partner.id));
    expect((await b.get(`/neighbourhoods/${w.hood.id}`)).status).toBe(403);
  });
});
