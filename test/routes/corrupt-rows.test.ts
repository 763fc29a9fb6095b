// Pages that show a record with a stored value no form would accept (written around validation,
// by an old version or a bug) still render: no 500 for the coordinator, the partner or the admin.
// The corrupt rows are written straight into D1 with raw SQL.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeCommitment, makeFacility, makeFunding } from "../helpers/money-factories";
import { makeCheckin, makeInvolvement } from "../helpers/people-factories";
import { makeAsset } from "../helpers/api-factories";
import { makeMailTask, runCounted } from "../helpers/mail-factories";

const AT = "2027-05-01T08:00:00.000Z";
const raw = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();

async function worldWithCorruptRows() {
  const w = await makeWorld();
  const sound = await makeActivity(w.initiative.id, { name: "Soepmiddag" });
  await makeFunding(w.initiative.id, { sourceName: "Fonds Soep", endsOn: "2027-06-10" }, [sound.id]);
  const broken = await makeActivity(w.initiative.id, { name: "Kapotte datums" });
  const facility = await makeFacility(w.hood.id, { name: "Buurthuis Kapot" });
  await raw("UPDATE activities SET facility_id = ? WHERE id = ?", facility.id, broken.id);
  // The risk of the sound activity is stored first (the daily run), so the pages have a judgement to show.
  await runCounted({ today: "2027-05-01", now: AT, sending: false });

  const f1 = await makeFunding(w.initiative.id, { sourceName: "Jaar vijftig" }, [broken.id]);
  await raw("UPDATE funding_streams SET starts_on = '0050-01-01', report_due_on = '2027-02-30' WHERE id = ?", f1.id);
  const f2 = await makeFunding(w.initiative.id, { sourceName: "Maand dertien" }, [broken.id]);
  await raw("UPDATE funding_streams SET starts_on = '2026-13-01', ends_on = '2027-13-45' WHERE id = ?", f2.id);
  const v1 = await makeInvolvement(w.initiative.id, w.nobody.id, { role: "treasurer", critical: true });
  await raw("UPDATE involvements SET since = '0001-11-23' WHERE id = ?", v1.id);
  const v2 = await makeInvolvement(w.initiative.id, w.coordinator.id);
  await raw("UPDATE involvements SET since = '01-02-2026', until = '2026-1-1' WHERE id = ?", v2.id);
  await raw("UPDATE facilities SET agreement_ends_on = 'ooit' WHERE id = ?", facility.id);
  const c = await makeCommitment(w.initiative.id, w.partner.id);
  await raw("UPDATE commitments SET starts_on = '2026-02-30', ends_on = '2027-04-31' WHERE id = ?", c.id);
  const asset = await makeAsset(w.hood.id, { name: "Verhalenbank" });
  await db.insert(s.assetInitiatives).values({ assetId: asset.id, initiativeId: w.initiative.id });
  await raw("UPDATE assets SET last_confirmed_on = '2025-13-40' WHERE id = ?", asset.id);
  await makeCheckin(w.initiative.id, 2026);
  await raw("UPDATE initiatives SET planned_end_on = '2026-02-30', continuation_plan = 'planned_ending' WHERE id = ?", w.initiative.id);
  const t1 = await makeMailTask(w.initiative.id, { title: "Dertig februari", dueOn: "2027-03-01" });
  await raw("UPDATE tasks SET due_on = '2027-02-30' WHERE id = ?", t1.id);
  const t2 = await makeMailTask(w.initiative.id, { title: "Maand dertien", dueOn: "2027-03-01" });
  await raw("UPDATE tasks SET due_on = '2027-13-01', ends_on = 'nooit' WHERE id = ?", t2.id);
  return { ...w, sound, broken, tasks: [t1, t2] };
}

describe("pages with corrupt rows", () => {
  it("render for the coordinator, the partner and the admin, and show the sound records", async () => {
    const w = await worldWithCorruptRows();
    const pages = {
      coordinator: [
        "/",
        `/initiatives/${w.initiative.id}`,
        `/initiatives/${w.initiative.id}/history`,
        `/initiatives/${w.initiative.id}/tasks/${w.tasks[0]!.id}`,
        `/initiatives/${w.initiative.id}/tasks/${w.tasks[1]!.id}`,
        `/neighbourhoods/${w.hood.id}`,
        `/neighbourhoods/${w.hood.id}/risks`,
      ],
      partnerPerson: [
        "/",
        `/overview`,
        `/neighbourhoods/${w.hood.id}`,
        `/neighbourhoods/${w.hood.id}/overview`,
        `/initiatives/${w.initiative.id}`,
      ],
      admin: [
        "/",
        "/overview",
        `/neighbourhoods/${w.hood.id}/overview`,
        `/initiatives/${w.initiative.id}`,
        "/admin/runs",
        "/admin/runs/2027-05-01",
      ],
    } as const;
    for (const [who, paths] of Object.entries(pages) as [keyof typeof pages, readonly string[]][]) {
      const b = await signedIn(w[who].id, AT);
      for (const path of paths) {
        const res = await b.get(path);
        expect(res.status, `${who} ${path}`).toBe(200);
      }
    }
    const b = await signedIn(w.coordinator.id, AT);
    const page = await b.get(`/initiatives/${w.initiative.id}`);
    expect(page.html).toContain("Soepmiddag");
    expect(page.html).toContain("Kapotte datums");
    expect(page.html).toContain("2027-13-45"); // shown as stored, not hidden and not a 500
    expect(page.html).toContain("Dertig februari");
  });

  it("a change under the initiative still saves, and the sound activities are judged", async () => {
    const w = await worldWithCorruptRows();
    const b = await signedIn(w.coordinator.id, AT);
    await b.get(`/initiatives/${w.initiative.id}`);
    const res = await b.post(`/initiatives/${w.initiative.id}/status`, { status: "paused", version: "1" });
    expect(res.status).toBe(303);
    const row = await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, w.initiative.id) });
    expect(row?.status).toBe("paused");
    expect((await db.query.activityRisks.findFirst({ where: eq(s.activityRisks.activityId, w.sound.id) }))?.level).toBe("urgent");
  });
});
