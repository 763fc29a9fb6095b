import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makePartner, makePerson, makeWorld } from "../../helpers/factories";
import { makeActivity, makeCommitment } from "../../helpers/money-factories";
import { auditLog, commitments, partnerMembers, partnerNeighbourhoods } from "../../../src/db/schema";
import { loadUser } from "../../../src/domain/auth/access";
import { StaleVersionError } from "../../../src/db/versioned";
import {
  checkCommitmentLinks,
  commitmentAccess,
  commitmentContract,
  createCommitment,
  getCommitment,
  loadCommitmentsSection,
  mayManageCommitmentOf,
  updateCommitment,
} from "../../../src/domain/money/commitments";

const NOW = new Date("2026-03-01T10:00:00Z");
const form = (partnerId: string, over: Record<string, string> = {}) => ({
  partnerId,
  activityId: "",
  kind: "hours",
  description: "4 uur per week opbouwwerker",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  renewalState: "planned",
  ...over,
});

describe("who may manage which commitments", () => {
  it("gives coordinators and admins every organisation, and a partner only their own linked one", async () => {
    const w = await makeWorld();
    const coordinator = (await loadUser(db, w.coordinator.id, null))!;
    expect(await commitmentAccess(db, coordinator, w.initiative, true)).toEqual({ all: true, orgIds: [] });

    const partner = (await loadUser(db, w.partnerPerson.id, null))!;
    const access = await commitmentAccess(db, partner, w.initiative, false);
    expect(access).toEqual({ all: false, orgIds: [w.partner.id] });
    const other = await makePartner({ name: "Welzijn Anders", kind: "welfare" });
    expect(mayManageCommitmentOf(access, w.partner.id)).toBe(true);
    expect(mayManageCommitmentOf(access, other.id)).toBe(false);
    // Their organisation is not linked to the other neighbourhood.
    expect((await commitmentAccess(db, partner, w.otherInitiative, false)).orgIds).toEqual([]);
  });

  it("leaves out an organisation of the same person that is not linked to this neighbourhood", async () => {
    const w = await makeWorld();
    const unlinked = await makePartner({ name: "Niet gekoppeld" });
    await db.insert(partnerMembers).values({ partnerId: unlinked.id, personId: w.partnerPerson.id });
    const partner = (await loadUser(db, w.partnerPerson.id, null))!;
    expect((await commitmentAccess(db, partner, w.initiative, false)).orgIds).toEqual([w.partner.id]);
  });

  it("calls choosing another organisation forbidden, and unknown ids form errors", async () => {
    const w = await makeWorld();
    const other = await makePartner({ name: "Welzijn Anders", kind: "welfare" });
    await db.insert(partnerNeighbourhoods).values({ partnerId: other.id, neighbourhoodId: w.hood.id });
    const access = { all: false, orgIds: [w.partner.id] };
    expect(await checkCommitmentLinks(db, w.initiative.id, access, { partnerId: other.id })).toEqual({ forbidden: true, errors: {} });
    const foreignActivity = await makeActivity(w.otherInitiative.id);
    expect(await checkCommitmentLinks(db, w.initiative.id, access, { partnerId: w.partner.id, activityId: foreignActivity.id })).toEqual({
      forbidden: false,
      errors: { activityId: "form.unknownOption" },
    });
    expect(await checkCommitmentLinks(db, w.initiative.id, { all: true, orgIds: [] }, { partnerId: "bestaat-niet" })).toEqual({
      forbidden: false,
      errors: { partnerId: "form.unknownOption" },
    });
  });
});

describe("saving commitments", () => {
  it("refuses an end before the start", () => {
    expect(commitmentContract.parseForm(form("p", { endsOn: "2025-12-31" }))).toEqual({
      ok: false,
      errors: { endsOn: "money.date.endBeforeStart" },
    });
    expect(commitmentContract.parseForm(form("p", { endsOn: "" }))).toMatchObject({ ok: true, data: { endsOn: null } });
  });

  it("creates, updates with the version, and refuses a stale save without writing", async () => {
    const w = await makeWorld();
    const actor = await makePerson();
    const activity = await makeActivity(w.initiative.id);
    const parsed = commitmentContract.parseForm(form(w.partner.id, { activityId: activity.id }));
    if (!parsed.ok) throw new Error("invalid");
    const id = await createCommitment(db, w.initiative, parsed.data, actor.id, NOW);
    const created = (await getCommitment(db, w.initiative.id, id))!;
    expect(created).toMatchObject({ activityId: activity.id, renewalState: "planned", version: 1 });
    expect(await getCommitment(db, w.otherInitiative.id, id)).toBeNull();

    const update = commitmentContract.parseFormUpdate(form(w.partner.id, { description: "6 uur per week", version: "1" }));
    if (!update.ok) throw new Error("invalid");
    await updateCommitment(db, w.initiative, created, update.data, actor.id, NOW);
    const updated = (await getCommitment(db, w.initiative.id, id))!;
    expect(updated).toMatchObject({ description: "6 uur per week", version: 2, activityId: null });

    await expect(updateCommitment(db, w.initiative, updated, { ...update.data, description: "oud" }, actor.id, NOW)).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect((await db.query.commitments.findFirst({ where: eq(commitments.id, id) }))?.description).toBe("6 uur per week");
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(trail.map((t) => t.action).sort()).toEqual(["create", "update"]);
  });
});

describe("the commitments section", () => {
  it("shows partner and activity names with markers, archived ones apart", async () => {
    const w = await makeWorld();
    const activity = await makeActivity(w.initiative.id, { name: "Taalcafé" });
    await makeCommitment(w.initiative.id, w.partner.id, {
      description: "Zaal op dinsdag",
      kind: "room",
      activityId: activity.id,
      endsOn: "2026-05-31",
    });
    await makeCommitment(w.initiative.id, w.partner.id, { description: "Verlopen", endsOn: "2025-12-31" });
    await makeCommitment(w.initiative.id, w.partner.id, { description: "Doorlopend", endsOn: null });
    await makeCommitment(w.initiative.id, w.partner.id, { description: "Weg", archivedAt: NOW.toISOString() });
    const data = await loadCommitmentsSection(db, w.initiative.id, "2026-03-01");
    expect(data.commitments.map((c) => c.description)).toEqual(["Verlopen", "Zaal op dinsdag", "Doorlopend"]);
    expect(data.commitments[1]).toMatchObject({ partnerName: w.partner.name, activityName: "Taalcafé", endingSoon: true, ended: false });
    expect(data.commitments[0]).toMatchObject({ ended: true, endingSoon: false, activityName: null });
    expect(data.archived.map((c) => c.description)).toEqual(["Weg"]);
  });
});

describe("the commitments section", () => {
  it("gives a partner edit links only for their own organisation's commitments", async () => {
    const { CommitmentsSection } = await import("../../../views/money/commitments-section");
    const { translator } = await import("../../../src/i18n");
    const w = await makeWorld();
    const other = await makePartner({ name: "Zorg Anders" });
    const own = await makeCommitment(w.initiative.id, w.partner.id, { endsOn: "2026-06-30" });
    const theirs = await makeCommitment(w.initiative.id, other.id);
    const data = await loadCommitmentsSection(db, w.initiative.id, "2026-03-01");
    const html = String(
      await CommitmentsSection({
        t: translator("nl"),
        locale: "nl",
        csrfToken: "tok",
        initiativeId: w.initiative.id,
        canEdit: false,
        data,
        ownOrgIds: [w.partner.id],
      }).toString(),
    );
    expect(html).toContain("1 januari 2026 tot 30 juni 2026");
    expect(html).toContain(`/commitments/${own.id}/edit`);
    expect(html).not.toContain(`/commitments/${theirs.id}/edit`);
    expect(html).toContain("Steunafspraak toevoegen");
  });
});
