import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recomputeRisk } from "../../src/domain/risk/store";
import { adminToken, api, apiWorld, TODAY, NOW } from "../helpers/api-factories";
import { db, makePerson } from "../helpers/factories";
import { makeActivity, makeInvolvement } from "../helpers/people-factories";
import { makeOffer } from "../helpers/offer-factories";

describe("offers in the API", () => {
  it("lists and reads offers for admins only, with their kinds of help and whether they can be asked", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const waiting = await makeOffer(w.hood.id, { status: "waiting", tagIds: ["tag-koken"] });
    const list = await api(`/api/v1/offers?neighbourhoodId=${w.hood.id}&status=waiting`, { token });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: waiting.id, status: "waiting", tagIds: ["tag-koken"], inRegister: false, personId: waiting.person.id }),
    ]);
    const one = await api(`/api/v1/offers/${w.here.offer.id}`, { token });
    expect(one.body).toMatchObject({ status: "accepted", inRegister: true, tagIds: ["tag-klussen"], version: 1 });
    expect((await api(`/api/v1/offers/${w.here.offer.id}`, { token: w.partnerTok })).status).toBe(403);
    expect((await api("/api/v1/offers", { token: w.partnerTok })).status).toBe(403);
    expect((await api("/api/v1/offers/nope", { token })).status).toBe(404);
  });

  it("decides on an offer with the version read; a stale one answers 409 with the offer as stored", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const offer = await makeOffer(w.hood.id, { status: "waiting" });
    const accepted = await api(`/api/v1/offers/${offer.id}/decision`, { token, body: { decision: "accept", version: 1 } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", version: 2, inRegister: true });
    const stale = await api(`/api/v1/offers/${offer.id}/decision`, { token, body: { decision: "decline", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ status: "accepted", version: 2 });
    const bad = await api(`/api/v1/offers/${offer.id}/decision`, { token, body: { decision: "maybe" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].path).toBe("decision");
  });

  it("asks a resident to help an activity (mail sent at once); refuses an offer that cannot be asked, naming the field", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const activity = await makeActivity(w.initiative.id, { name: "Koffieochtend" });
    const only = await makePerson({ name: "Eén" });
    await makeInvolvement(w.initiative.id, only.id, { activityId: activity.id, since: "2025-01-01" });
    await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, new Date(NOW));
    const res = await api(`/api/v1/activities/${activity.id}/asks`, {
      token,
      body: { offerId: w.here.offer.id, role: "gastvrouw", critical: false },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ offerId: w.here.offer.id, activityId: activity.id, role: "host", status: "asked" });
    const mails = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.kind, "help_ask"), eq(s.outbox.personId, w.here.offer.person.id)));
    expect(mails).toHaveLength(1);

    const waiting = await makeOffer(w.hood.id, { status: "waiting" });
    const refused = await api(`/api/v1/activities/${activity.id}/asks`, { token, body: { offerId: waiting.id, role: "volunteer" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([{ path: "offerId", message: expect.stringContaining("niet aangenomen") }]);
    const elsewhere = await api(`/api/v1/activities/${activity.id}/asks`, {
      token,
      body: { offerId: w.there.offer.id, role: "volunteer" },
    });
    expect(elsewhere.status).toBe(422);
    expect(await db.select().from(s.helpAsks).where(eq(s.helpAsks.activityId, activity.id))).toHaveLength(1);
  });

  it("lists the kinds of help for every token and lets admins add one", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const list = await api("/api/v1/tags?limit=100", { token: w.partnerTok });
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(["tag-koken", "tag-sleutelbeheer"]));
    const made = await api("/api/v1/tags", { token, body: { name: "oppassen", nameEn: "babysitting", role: null } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "oppassen", nameEn: "babysitting", role: null, version: 1 });
    const twice = await api("/api/v1/tags", { token, body: { name: "Oppassen" } });
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields).toEqual([{ path: "name", message: "Deze soort hulp staat er al." }]);
  });
});
