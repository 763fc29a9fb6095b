import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../../src/db/schema";
import { erasePerson, ERASED_NAME } from "../../../src/domain/data/erasure";
import { exportNeighbourhood, exportPerson } from "../../../src/domain/data/exports";
import { volunteerYears } from "../../../src/domain/overview/year-figures";
import { createLoginToken } from "../../../src/domain/auth/sign-in";
import { loadSessionUser } from "../../../src/domain/auth/access";
import { createApiToken, authenticateApiToken } from "../../../src/domain/auth/api-tokens";
import { audit } from "../../../src/domain/audit";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeCheckin, makeInvolvement } from "../../helpers/people-factories";
import { makeAsset } from "../../helpers/api-factories";
import { makeTask } from "../../helpers/tasks-factories";
import { makeDocument } from "../../helpers/document-files";

const NOW = new Date("2026-06-15T10:00:00Z");
const YEARS = [2022, 2023, 2024, 2025, 2026];

async function scene() {
  const hood = await makeNeighbourhood();
  const initiative = await makeInitiative(hood.id, { purpose: "Samen koken met Marieke de Vries." });
  const marieke = await makePerson({
    name: "Marieke de Vries",
    email: `marieke-${crypto.randomUUID().slice(0, 6)}@example.org`,
    phone: "06-12345678",
    neighbourhoodId: hood.id,
  });
  const other = await makePerson({ name: "Otto Ander", neighbourhoodId: hood.id });
  await makeInvolvement(initiative.id, marieke.id, { since: "2022-03-01", until: "2024-06-30", role: "cook", critical: true });
  await makeInvolvement(initiative.id, marieke.id, { since: "2025-09-01", until: null });
  await makeInvolvement(initiative.id, other.id, { since: "2023-01-01", until: null });
  await db.insert(s.initiativeCoordinators).values({ initiativeId: initiative.id, personId: marieke.id });
  const checkin = await makeCheckin(initiative.id, 2024, {
    story: "Marieke de Vries kookte elke week.",
    wentWell: "Mail marieke gerust: " + marieke.email,
  });
  await db.insert(s.checkinNotes).values({
    id: crypto.randomUUID(),
    checkinId: checkin.id,
    body: "Aangevuld door mij.",
    createdAt: NOW.toISOString(),
    createdBy: marieke.id,
  });
  const asset = await makeAsset(hood.id, {
    category: "gifts",
    name: "Koken",
    description: "Marieke de Vries kookt Surinaams",
    contactName: "Marieke",
    contactInfo: marieke.email,
    contactConsentOn: "2025-01-01",
  });
  const task = await makeTask(initiative.id, { why: "Vraag het aan Marieke de Vries" });
  await db.insert(s.taskAssignees).values({ taskId: task.id, personId: marieke.id });
  await db.insert(s.taskEvents).values({
    id: crypto.randomUUID(),
    taskId: task.id,
    kind: "done",
    occurrenceDueOn: "2026-03-31",
    on: "2026-03-30",
    note: "Gedaan",
    byPersonId: marieke.id,
    createdAt: NOW.toISOString(),
  });
  await db.insert(s.sessions).values({
    id: crypto.randomUUID(),
    tokenHash: crypto.randomUUID(),
    personId: marieke.id,
    createdAt: NOW.toISOString(),
    expiresAt: "2026-07-15T00:00:00Z",
  });
  await createLoginToken(db, marieke.id, "sign_in", NOW);
  await db.insert(s.outbox).values({
    id: crypto.randomUUID(),
    messageKey: crypto.randomUUID(),
    kind: "reminder",
    personId: marieke.id,
    recipient: marieke.email!,
    locale: "nl",
    subject: "Herinnering voor Marieke",
    bodyText: "Hallo Marieke",
    status: "sent",
    createdAt: NOW.toISOString(),
  });
  await audit(
    db,
    { actorId: null, entity: "person", entityId: marieke.id, action: "roles", changes: { name: ["Marieke", "Marieke de Vries"] } },
    NOW,
  );
  await audit(
    db,
    {
      actorId: null,
      entity: "asset",
      entityId: asset.id,
      action: "create",
      neighbourhoodId: hood.id,
      changes: { contactInfo: marieke.email },
    },
    NOW,
  );
  return { hood, initiative, marieke, other, checkin, asset, task };
}

const intervals = (data: { involvements: { personId: string; since: string; until: string | null }[] }) =>
  data.involvements.map(({ personId, since, until }) => ({ personId, since, until }));

describe("erasure", () => {
  it("export, erase, export again: the person is gone everywhere and the yearly figures do not change", async () => {
    const w = await scene();
    const before = await exportNeighbourhood(db, w.hood.id, NOW);
    expect(JSON.stringify(before)).toContain("Marieke de Vries");
    const figuresBefore = volunteerYears(intervals(before), YEARS);

    expect(await erasePerson(db, w.marieke.id, null, NOW, env.DOCUMENTS)).toBe(true);

    const after = await exportNeighbourhood(db, w.hood.id, NOW);
    const text = JSON.stringify(after);
    expect(text).not.toContain("Marieke de Vries");
    expect(text).not.toContain(w.marieke.email!);
    expect(text).not.toContain("06-12345678");
    expect(volunteerYears(intervals(after), YEARS)).toEqual(figuresBefore);
    expect(after.involvements.filter((i) => i.personId === w.marieke.id)).toHaveLength(2);
    expect(after.people.find((p) => p.id === w.marieke.id)).toMatchObject({
      name: ERASED_NAME,
      email: null,
      phone: null,
      erasedAt: NOW.toISOString(),
    });
    // Free text about them is anonymised; the rest of the text stays.
    expect(after.checkins[0]!.story).toBe(`${ERASED_NAME} kookte elke week.`);
    expect(after.initiatives[0]!.purpose).toBe(`Samen koken met ${ERASED_NAME}.`);
    expect(after.assets[0]).toMatchObject({
      contactName: null,
      contactInfo: null,
      contactConsentOn: null,
      description: `${ERASED_NAME} kookt Surinaams`,
    });
    // Notes and answers they wrote keep their text, without the author.
    expect(after.checkinNotes[0]).toMatchObject({ body: "Aangevuld door mij.", createdBy: null });
    expect(after.taskEvents[0]).toMatchObject({ note: "Gedaan", byPersonId: null });
    expect(after.taskAssignees).toHaveLength(0);
    expect(after.coordinators).toHaveLength(0);
    // The audit trail keeps that an erasure happened, not what.
    const trail = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, "person"), eq(s.auditLog.entityId, w.marieke.id)));
    expect(trail.find((a) => a.action === "erase")).toMatchObject({ changes: "{}" });
    for (const a of trail) expect(a.changes).not.toContain("Marieke");
    expect(after.auditLog.every((a) => !a.changes.includes(w.marieke.email!))).toBe(true);
    // The other volunteer is untouched.
    expect(after.people.find((p) => p.id === w.other.id)?.name).toBe("Otto Ander");
  });

  it("ends sessions, deletes sign-in links, revokes their API tokens and blanks their mail", async () => {
    const w = await scene();
    const admin = await makePerson({ name: "Adriaan Beheer", isAdmin: true });
    await db.update(s.people).set({ isAdmin: true }).where(eq(s.people.id, w.marieke.id));
    const { token } = await createApiToken(db, { name: "mijn sleutel", role: "admin", partnerId: undefined }, w.marieke.id, NOW);
    expect(await authenticateApiToken(db, token, NOW)).not.toBeNull();
    await erasePerson(db, w.marieke.id, admin.id, NOW, env.DOCUMENTS);
    const sessions = await db.select().from(s.sessions).where(eq(s.sessions.personId, w.marieke.id));
    expect(sessions.every((x) => x.revokedAt === NOW.toISOString())).toBe(true);
    expect(await db.select().from(s.loginTokens).where(eq(s.loginTokens.personId, w.marieke.id))).toHaveLength(0);
    expect(await authenticateApiToken(db, token, NOW)).toBeNull();
    const mails = await db.select().from(s.outbox).where(eq(s.outbox.subject, "[verwijderd]"));
    expect(mails.some((m) => m.bodyText === null && m.recipient === "[verwijderd]" && m.personId === null)).toBe(true);
    const row = await db.query.people.findFirst({ where: eq(s.people.id, w.marieke.id) });
    expect(row).toMatchObject({ isAdmin: false, updatedBy: admin.id });
    expect(await loadSessionUser(db, "whatever", NOW)).toBeNull();
  });

  it("is final: a second erasure writes nothing and the person's own export is empty of them", async () => {
    const w = await scene();
    await erasePerson(db, w.marieke.id, null, NOW, env.DOCUMENTS);
    const count = (await db.select().from(s.auditLog)).length;
    expect(await erasePerson(db, w.marieke.id, null, NOW, env.DOCUMENTS)).toBe(false);
    expect((await db.select().from(s.auditLog)).length).toBe(count);
    const mine = await exportPerson(db, w.marieke.id, NOW);
    expect(JSON.stringify(mine)).not.toContain("Marieke de Vries");
    expect(mine.person).toMatchObject({ name: ERASED_NAME, email: null });
  });

  it("does not touch ordinary words when a name is very short", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id, { purpose: "Koffie in januari met Jan." });
    const jan = await makePerson({ name: "Jan" });
    await makeInvolvement(initiative.id, jan.id);
    await erasePerson(db, jan.id, null, NOW, env.DOCUMENTS);
    expect((await db.query.initiatives.findFirst({ where: eq(s.initiatives.id, initiative.id) }))?.purpose).toBe(
      "Koffie in januari met Jan.",
    );
  });
});

describe("erasure and the binder", () => {
  it("removes the documents about the person from R2 and the database; their names leave other documents; what they added stays", async () => {
    const w = await scene();
    const [involvement] = await db.select().from(s.involvements).where(eq(s.involvements.personId, w.marieke.id));
    const vog = await makeDocument("involvement", involvement!.id, { kind: "other", title: "VOG Marieke de Vries", name: "vog.pdf" });
    const added = await makeDocument("initiative", w.initiative.id, {
      kind: "insurance",
      title: "Polis, geregeld door Marieke de Vries",
      name: "polis.pdf",
      actorId: w.marieke.id,
    });
    expect(await env.DOCUMENTS.head(vog.storageKey)).not.toBeNull();
    const exported = await exportPerson(db, w.marieke.id, NOW);
    expect(exported.documentsAboutThem.map((d) => d.id)).toEqual([vog.id]);
    expect(exported.documentsAdded.map((d) => d.id)).toEqual([added.id]);

    expect(await erasePerson(db, w.marieke.id, null, NOW, env.DOCUMENTS)).toBe(true);

    expect(await env.DOCUMENTS.head(vog.storageKey)).toBeNull();
    expect(await db.select().from(s.documents).where(eq(s.documents.id, vog.id))).toHaveLength(0);
    const vogTrail = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, vog.id));
    expect(vogTrail.every((a) => a.changes === JSON.stringify({ erased: true }))).toBe(true);
    // The initiative's own document stays, with its file, without their name.
    const kept = await db.query.documents.findFirst({ where: eq(s.documents.id, added.id) });
    expect(kept).toMatchObject({ title: `Polis, geregeld door ${ERASED_NAME}`, createdBy: w.marieke.id });
    expect(await env.DOCUMENTS.head(added.storageKey)).not.toBeNull();
    const after = await exportNeighbourhood(db, w.hood.id, NOW);
    expect(JSON.stringify(after)).not.toContain("Marieke de Vries");
  });
});
