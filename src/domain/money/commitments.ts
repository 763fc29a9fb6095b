// Partner commitments (steunafspraken): a partner gives hours, a room, money or material to an
// initiative. Admins and the initiative's coordinators manage all of them; a partner's members
// manage only their own organisation's, and only when that organisation is linked to the
// initiative's neighbourhood.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList } from "../../db/read-together";
import { activities, commitments, partnerNeighbourhoods, partnerOrgs, COMMITMENT_KINDS, RENEWAL_STATES } from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import type { CurrentUser } from "../auth/access";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { endsNotBeforeStart, endsWithin, type Option } from "./fundings";
import { setArchived } from "../archive";

export type CommitmentRow = typeof commitments.$inferSelect;
type Initiative = { id: string; neighbourhoodId: string };

const commitmentFields = {
  partnerId: f.requiredId("money.commitment.partner"),
  activityId: f.optionalId("history.field.activityId"),
  kind: f.choice("history.field.kind", COMMITMENT_KINDS),
  description: f.requiredText("money.commitment.description", 300),
  startsOn: f.requiredDate("money.commitment.startsOn"),
  endsOn: f.optionalDate("money.commitment.endsOn"),
  renewalState: f.choice("money.renewal", RENEWAL_STATES, { fallback: "none" }),
};

/** A partner commitment: its fields, once, for the form, the API and PATCH. */
export const commitmentContract = defineContract({ name: "Commitment", fields: commitmentFields, rules: [endsNotBeforeStart] });
export type CommitmentInput = Values<typeof commitmentFields>;
export type CommitmentFormValues = FormValues<typeof commitmentFields>;

/** Which organisations' commitments this user may manage here: all (admin, coordinator) or their own linked ones. */
export type CommitmentAccess = { all: boolean; orgIds: string[] };

/** Which of these organisations are linked to the neighbourhood (the list is one parameter). */
export function linkedOrgsRead(db: Db, partnerOrgIds: readonly string[], neighbourhoodId: string) {
  return db
    .select({ partnerId: partnerNeighbourhoods.partnerId })
    .from(partnerNeighbourhoods)
    .where(
      and(eq(partnerNeighbourhoods.neighbourhoodId, neighbourhoodId), inArray(partnerNeighbourhoods.partnerId, jsonList(partnerOrgIds))),
    );
}

/** The decision, given which of the user's organisations `linkedOrgsRead` found linked. */
export function commitmentAccessFrom(
  user: CurrentUser | null,
  canEditInitiative: boolean,
  linked: { partnerId: string }[],
): CommitmentAccess {
  if (canEditInitiative) return { all: true, orgIds: [] };
  if (!user || user.partnerOrgIds.length === 0) return { all: false, orgIds: [] };
  return { all: false, orgIds: linked.map((l) => l.partnerId) };
}

export async function commitmentAccess(
  db: Db,
  user: CurrentUser | null,
  initiative: Initiative,
  canEditInitiative: boolean,
): Promise<CommitmentAccess> {
  if (canEditInitiative || !user || user.partnerOrgIds.length === 0) return commitmentAccessFrom(user, canEditInitiative, []);
  return commitmentAccessFrom(user, canEditInitiative, await linkedOrgsRead(db, user.partnerOrgIds, initiative.neighbourhoodId));
}

export function mayManageCommitmentsAtAll(access: CommitmentAccess) {
  return access.all || access.orgIds.length > 0;
}

export function mayManageCommitmentOf(access: CommitmentAccess, partnerId: string) {
  return access.all || access.orgIds.includes(partnerId);
}

export type CommitmentFormOptions = { partners: Option[]; activities: Option[] };

/** The organisations this user may choose (all for coordinators, their own for partners) and the initiative's activities. */
export async function commitmentFormOptions(
  db: Db,
  initiativeId: string,
  access: CommitmentAccess,
  current?: CommitmentRow,
): Promise<CommitmentFormOptions> {
  const [partners, acts] = await db.batch([
    db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name, archivedAt: partnerOrgs.archivedAt })
      .from(partnerOrgs)
      .orderBy(asc(partnerOrgs.name)),
    db
      .select({ id: activities.id, name: activities.name, archivedAt: activities.archivedAt })
      .from(activities)
      .where(eq(activities.initiativeId, initiativeId))
      .orderBy(asc(activities.name)),
  ]);
  // What the record already points at stays choosable, even when archived since.
  const keep = (rows: (Option & { archivedAt: string | null })[], id: string | null | undefined): Option[] =>
    rows.filter((r) => !r.archivedAt || r.id === id).map((r) => ({ id: r.id, name: r.name }));
  const orgs = keep(partners, current?.partnerId);
  return { partners: access.all ? orgs : orgs.filter((p) => access.orgIds.includes(p.id)), activities: keep(acts, current?.activityId) };
}

/**
 * What zod cannot check. `forbidden` when the partner exists but is not one this user may act
 * for (a partner choosing another organisation); field errors for unknown ids.
 */
export async function checkCommitmentLinks(
  db: Db,
  initiativeId: string,
  access: CommitmentAccess,
  input: { partnerId: string; activityId?: string | null },
): Promise<{ forbidden: boolean; errors: FieldErrors }> {
  const [partner, activity] = await db.batch([
    db.select({ id: partnerOrgs.id }).from(partnerOrgs).where(eq(partnerOrgs.id, input.partnerId)),
    db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.id, input.activityId ?? ""), eq(activities.initiativeId, initiativeId))),
  ]);
  const errors: FieldErrors = {};
  if (!partner[0]) errors.partnerId = "form.unknownOption";
  else if (!mayManageCommitmentOf(access, input.partnerId)) return { forbidden: true, errors };
  if (input.activityId && !activity[0]) errors.activityId = "form.unknownOption";
  return { forbidden: false, errors };
}

/** A commitment of this initiative, or null (also when it belongs to another initiative). */
export async function getCommitment(db: Db, initiativeId: string, id: string): Promise<CommitmentRow | null> {
  const row = await db.query.commitments.findFirst({ where: and(eq(commitments.id, id), eq(commitments.initiativeId, initiativeId)) });
  return row ?? null;
}

export async function createCommitment(db: Db, initiative: Initiative, input: CommitmentInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const fields = { ...input };
  await db.batch([
    db
      .insert(commitments)
      .values({ id, initiativeId: initiative.id, ...fields, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    audit(
      db,
      {
        actorId,
        entity: "commitment",
        entityId: id,
        action: "create",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: fields,
      },
      now,
    ),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
  return id;
}

/** Throws StaleVersionError (writing nothing) when someone saved in between. */
export async function updateCommitment(
  db: Db,
  initiative: Initiative,
  before: CommitmentRow,
  input: CommitmentInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  await updateVersioned(
    db,
    commitments,
    { before, version, set, actorId, entity: "commitment", initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId },
    now,
  );
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

export async function setCommitmentArchived(
  db: Db,
  initiative: Initiative,
  before: CommitmentRow,
  archived: boolean,
  actorId: string | null,
  now: Date,
) {
  const where = {
    within: eq(commitments.initiativeId, initiative.id),
    initiativeId: initiative.id,
    neighbourhoodId: initiative.neighbourhoodId,
  };
  await setArchived(db, commitments, { before, archive: archived, actorId, entity: "commitment", ...where }, now);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

// ---- the section on the initiative page ----

export type CommitmentItem = CommitmentRow & { partnerName: string; activityName: string | null; endingSoon: boolean; ended: boolean };
export type CommitmentsSectionData = { commitments: CommitmentItem[]; archived: CommitmentItem[] };

/** All commitments of the initiative (archived too) with partner and activity names, ending first. */
export function commitmentRowsRead(db: Db, initiativeId: string) {
  return (
    db
      // Aliased: two joined "name" columns must never meet (see loadFacilitiesSection).
      .select({
        c: commitments,
        partnerName: sql<string>`${partnerOrgs.name}`.as("partner_name"),
        activityName: sql<string | null>`${activities.name}`.as("activity_name"),
      })
      .from(commitments)
      .innerJoin(partnerOrgs, eq(partnerOrgs.id, commitments.partnerId))
      .leftJoin(activities, eq(activities.id, commitments.activityId))
      .where(eq(commitments.initiativeId, initiativeId))
      .orderBy(sql`${commitments.endsOn} IS NULL`, asc(commitments.endsOn), asc(partnerOrgs.name))
  );
}
export type CommitmentReadRow = Awaited<ReturnType<typeof commitmentRowsRead>>[number];

export function commitmentsSectionFrom(rows: CommitmentReadRow[], today: string): CommitmentsSectionData {
  const items: CommitmentItem[] = rows.map((r) => ({
    ...r.c,
    partnerName: r.partnerName,
    activityName: r.activityName,
    endingSoon: !r.c.archivedAt && endsWithin(r.c.endsOn, today),
    ended: r.c.endsOn !== null && r.c.endsOn < today,
  }));
  return { commitments: items.filter((i) => !i.archivedAt), archived: items.filter((i) => !!i.archivedAt) };
}

/** The commitments section in one statement. */
export async function loadCommitmentsSection(db: Db, initiativeId: string, today: string): Promise<CommitmentsSectionData> {
  return commitmentsSectionFrom(await commitmentRowsRead(db, initiativeId), today);
}
