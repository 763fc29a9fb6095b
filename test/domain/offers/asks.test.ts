import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { answerAsk, askState, checkAsk, createAsk, loadAskContext, signAsk } from "../../../src/domain/offers/asks";
import { getOffer } from "../../../src/domain/offers/offers";
import { recomputeRisk } from "../../../src/domain/risk/store";
import { exportPerson } from "../../../src/domain/data/exports";
import { deriveRollup } from "../../../src/domain/overview/rollup";
import { loadOverview } from "../../../src/domain/overview/overview";
import { erasePerson } from "../../../src/domain/data/erasure";
import type { Flag } from "../../../src/domain/risk/rules";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeActivity, makeInvolvement } from "../../helpers/people-factories";
import { makeOffer } from "../../helpers/offer-factories";

const NOW = new Date("2026-06-15T10:00:00Z");
const TODAY = "2026-06-15";
const SECRET = env.SESSION_SECRET;

async function rules(activityId: string) {
  const [row] = await db.select().from(s.activityRisks).where(eq(s.activityRisks.activityId, activityId));
  return (JSON.parse(row!.flags) as Flag[]).map((f) => f.rule);
}

/** An activity run by one volunteer (too few volunteers), who is also its only treasurer (a key person). */
async function scene() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { name: "Repair Café" });
  const activity = await makeActivity(initiative.id, { name: "Reparatiemiddag" });
  const only = await makePerson({ name: "Enige Vrijwilliger" });
  await makeInvolvement(initiative.id, only.id, { activityId: activity.id, role: "treasurer", critical: true, since: "2025-01-01" });
  await recomputeRisk(db, { initiativeIds: [initiative.id] }, TODAY, NOW);
  const coordinator = await makePerson({ name: "Henk Jansen" });
  const made = await makeOffer(hood.id, { name: "Lieke de Wit", tagIds: ["tag-klussen"] });
  const offer = (await getOffer(db, made.id))!;
  return { hood, initiative, activity, coordinator, offer };
}

async function asked(w: Awaited<ReturnType<typeof scene>>, input = { offerId: w.offer.id, role: "volunteer", critical: false }) {
  const ask = await createAsk(db, w.initiative, w.activity, w.offer, input, w.coordinator.id, NOW);
  const lookup = await loadAskContext(db, SECRET, await signAsk(SECRET, ask), NOW);
  if (!lookup.ok) throw new Error(lookup.reason);
  return { ask, ctx: lookup.context };
}

describe("asking a resident to help", () => {
  it("a yes counts at once in the overview's stored figures (who volunteers now and this year), in the same write", async () => {
    const w = await scene();
    await deriveRollup(db, TODAY, NOW);
    const figures = async (live: boolean) => {
      const o = await loadOverview(db, { ids: [w.hood.id] }, TODAY, { partnerOrgIds: [], locale: "nl" }, undefined, undefined, live);
      return { now: o.now.volunteers, hood: o.neighbourhoods[0]!.volunteers, year: o.years.at(-1)!.volunteers };
    };
    expect(await figures(false)).toEqual({ now: 1, hood: 1, year: 1 });
    const { ctx } = await asked(w);
    expect(await answerAsk(db, ctx, "yes", NOW, TODAY)).toBe(true);
    expect(await figures(false)).toEqual({ now: 2, hood: 2, year: 2 });
    expect(await figures(true)).toEqual(await figures(false));
  });

  it("yes makes the involvement from the ask and the too-few-volunteers flag clears, in the same write", async () => {
    const w = await scene();
    expect(await rules(w.activity.id)).toEqual(expect.arrayContaining(["few_volunteers", "key_person"]));
    const { ask, ctx } = await asked(w);
    expect(askState(ctx)).toEqual({ state: "confirm" });

    expect(await answerAsk(db, ctx, "yes", NOW, TODAY)).toBe(true);
    const [row] = await db.select().from(s.helpAsks).where(eq(s.helpAsks.id, ask.id));
    expect(row).toMatchObject({ status: "yes", answeredAt: NOW.toISOString() });
    const [involvement] = await db.select().from(s.involvements).where(eq(s.involvements.id, row!.involvementId!));
    expect(involvement).toMatchObject({
      personId: w.offer.person.id,
      initiativeId: w.initiative.id,
      activityId: w.activity.id,
      role: "volunteer",
      critical: false,
      since: TODAY,
      until: null,
      createdBy: w.offer.person.id,
    });
    const flags = await rules(w.activity.id);
    expect(flags).not.toContain("few_volunteers");
    expect(flags).toContain("key_person");
    const trail = await db.select().from(s.auditLog).where(eq(s.auditLog.initiativeId, w.initiative.id));
    expect(trail.map((e) => `${e.entity}:${e.action}`).sort()).toEqual(["help_ask:answer", "help_ask:create", "involvement:create"]);

    // Answered once: the link again changes nothing.
    const again = await loadAskContext(db, SECRET, await signAsk(SECRET, ask), NOW);
    expect(again.ok && askState(again.context)).toEqual({ state: "answered", answer: "yes", on: NOW.toISOString() });
    expect(await answerAsk(db, ctx, "yes", NOW, TODAY)).toBe(false);
    expect(await answerAsk(db, ctx, "no", NOW, TODAY)).toBe(false);
    expect(await db.select().from(s.involvements).where(eq(s.involvements.personId, w.offer.person.id))).toHaveLength(1);
  });

  it("yes for a critical role held by one person clears the key-person flag", async () => {
    const w = await scene();
    const { ctx } = await asked(w, { offerId: w.offer.id, role: "treasurer", critical: true });
    await answerAsk(db, ctx, "yes", NOW, TODAY);
    expect(await rules(w.activity.id)).not.toContain("key_person");
  });

  it("no records the answer and makes nothing", async () => {
    const w = await scene();
    const { ask, ctx } = await asked(w);
    expect(await answerAsk(db, ctx, "no", NOW, TODAY)).toBe(true);
    expect((await db.select().from(s.helpAsks).where(eq(s.helpAsks.id, ask.id)))[0]).toMatchObject({ status: "no", involvementId: null });
    expect(await db.select().from(s.involvements).where(eq(s.involvements.personId, w.offer.person.id))).toEqual([]);
    expect(await rules(w.activity.id)).toContain("few_volunteers");
  });

  it("may not ask an offer that waits, belongs elsewhere, cannot be mailed, or was asked for this activity already", async () => {
    const w = await scene();
    const here = { id: w.initiative.id, neighbourhoodId: w.hood.id, name: w.initiative.name };
    expect(await checkAsk(db, here, w.activity.id, w.offer, NOW)).toEqual({});
    await asked(w);
    expect(await checkAsk(db, here, w.activity.id, w.offer, NOW)).toEqual({ offerId: "offers.ask.error.open" });
    // After the links expired (30 days), asking again is fine.
    expect(await checkAsk(db, here, w.activity.id, w.offer, new Date("2026-07-16T10:00:00Z"))).toEqual({});

    const waiting = (await getOffer(db, (await makeOffer(w.hood.id, { status: "waiting" })).id))!;
    expect(await checkAsk(db, here, w.activity.id, waiting, NOW)).toEqual({ offerId: "offers.ask.error.notAskable" });
    const elsewhere = (await getOffer(db, (await makeOffer((await makeNeighbourhood()).id)).id))!;
    expect(await checkAsk(db, here, w.activity.id, elsewhere, NOW)).toEqual({ offerId: "offers.ask.error.notAskable" });
    const optedOut = (await getOffer(db, (await makeOffer(w.hood.id)).id))!;
    await db
      .update(s.people)
      .set({ mailOptOuts: JSON.stringify(["asks"]) })
      .where(eq(s.people.id, optedOut.person.id));
    expect(await checkAsk(db, here, w.activity.id, (await getOffer(db, optedOut.id))!, NOW)).toEqual({
      offerId: "offers.ask.error.noMail",
    });
    const bounced = (await getOffer(db, (await makeOffer(w.hood.id)).id))!;
    await db.update(s.people).set({ emailStatus: "bounced" }).where(eq(s.people.id, bounced.person.id));
    expect(await checkAsk(db, here, w.activity.id, (await getOffer(db, bounced.id))!, NOW)).toEqual({ offerId: "offers.ask.error.noMail" });
  });

  it("a link for another person, a changed link and an expired one open nothing", async () => {
    const w = await scene();
    const { ask } = await asked(w);
    const token = await signAsk(SECRET, ask);
    expect((await loadAskContext(db, SECRET, token, new Date("2026-07-16T10:00:00Z"))).ok).toBe(false);
    const forged = await signAsk(SECRET, { ...ask, personId: w.coordinator.id });
    expect(await loadAskContext(db, SECRET, forged, NOW)).toEqual({ ok: false, reason: "notFound" });
    expect(await loadAskContext(db, SECRET, token.slice(0, -2), NOW)).toEqual({ ok: false, reason: "invalid" });
    const rows = await db
      .select()
      .from(s.helpAsks)
      .where(and(eq(s.helpAsks.id, ask.id), eq(s.helpAsks.status, "asked")));
    expect(rows).toHaveLength(1);
  });

  it("the asks are in the resident's export; erased, their asks and offer go and the involvement stays anonymous", async () => {
    const w = await scene();
    const { ask, ctx } = await asked(w);
    await answerAsk(db, ctx, "yes", NOW, TODAY);
    const exported = await exportPerson(db, w.offer.person.id, NOW);
    expect(exported.helpAsks).toEqual([
      expect.objectContaining({ id: ask.id, initiativeName: "Repair Café", activityName: "Reparatiemiddag", status: "yes" }),
    ]);
    expect(await erasePerson(db, w.offer.person.id, null, NOW, env.DOCUMENTS)).toBe(true);
    expect(await db.select().from(s.helpAsks).where(eq(s.helpAsks.personId, w.offer.person.id))).toEqual([]);
    expect(await db.select().from(s.offers).where(eq(s.offers.id, w.offer.id))).toEqual([]);
    const kept = await db.select().from(s.involvements).where(eq(s.involvements.personId, w.offer.person.id));
    expect(kept).toHaveLength(1);
    expect((await db.query.people.findFirst({ where: eq(s.people.id, w.offer.person.id) }))!.name).toBe("Verwijderde persoon");
  });
});
