// Initiatives: the residents' own record of what they run, kept year on year.
import type { Db } from "../../db/client";
import { initiatives, initiativeCoordinators, CONTINUATION_PLANS, INITIATIVE_STATUSES } from "../../db/schema";
import { defineContract, type FormValues, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { rollupStatements } from "../overview/rollup";
import { MIN_YEAR, todayInAmsterdam, yearOf } from "../../lib/dates";
import { setArchived } from "../archive";

const initiativeFields = {
  name: f.requiredText("initiatives.name", 120),
  purpose: f.textOrEmpty("history.field.purpose", 1000),
  // Started this year at the latest (the year of the `today` the contract is given); a year far
  // ahead gets that message too, so the type's own maximum lies beyond any year to come.
  startedYear: f.upToNow(f.integer("history.field.startedYear", { min: MIN_YEAR, max: 9999 }), "this year", "initiatives.startedFuture"),
  status: f.choice("initiatives.status", INITIATIVE_STATUSES),
  continuationPlan: f.choice("history.field.continuationPlan", CONTINUATION_PLANS),
  continuationNote: f.textOrEmpty("initiatives.continuationNote", 1000),
  plannedEndOn: f.optionalDate("history.field.plannedEndOn"),
};
type InitiativeFields = typeof initiativeFields;

/** A planned ending needs its date. */
const plannedEndHasDate: Rule<InitiativeFields> = (v) =>
  v.continuationPlan === "planned_ending" && !v.plannedEndOn ? { plannedEndOn: "initiatives.plannedEndRequired" } : {};

/** An initiative: its fields, once, for the form, the API, PATCH and the import. */
export const initiativeContract = defineContract({
  name: "Initiative",
  fields: initiativeFields,
  rules: [plannedEndHasDate],
});
export type InitiativeInput = Values<InitiativeFields>;
export type InitiativeFormValues = FormValues<InitiativeFields>;

/** The one-tap status change (home page, initiative page): one field of the initiative, with the version. */
export const initiativeStatusContract = defineContract({ name: "InitiativeStatus", fields: { status: initiativeFields.status } });

type Row = typeof initiatives.$inferSelect;

/** `options.coordinatorId`: who coordinates it from the start; by default the person who creates it (null: nobody yet). */
export async function createInitiative(
  db: Db,
  neighbourhoodId: string,
  input: InitiativeInput,
  actorId: string | null,
  now: Date,
  options: { coordinatorId?: string | null } = {},
) {
  const coordinatorId = options.coordinatorId === undefined ? actorId : options.coordinatorId;
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.batch([
    db.insert(initiatives).values({
      id,
      neighbourhoodId,
      ...input,
      statusSince: todayInAmsterdam(now),
      createdAt: at,
      createdBy: actorId,
      updatedAt: at,
      updatedBy: actorId,
    }),
    // The resident who starts an initiative coordinates it.
    ...(coordinatorId ? [db.insert(initiativeCoordinators).values({ initiativeId: id, personId: coordinatorId })] : []),
    audit(
      db,
      { actorId, entity: "initiative", entityId: id, action: "create", initiativeId: id, neighbourhoodId, changes: { name: input.name } },
      now,
    ),
    // Started in a past year: that year's figures change.
    ...rollupStatements(db, { neighbourhoodIds: [neighbourhoodId] }),
  ]);
  return id;
}

/** Saves the initiative; a new status starts counting from today. Throws StaleVersionError when someone saved in between. */
export async function updateInitiative(
  db: Db,
  before: Row,
  input: Partial<InitiativeInput> & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  const statusSince = set.status !== undefined && set.status !== before.status ? { statusSince: todayInAmsterdam(now) } : {};
  await updateVersioned(
    db,
    initiatives,
    {
      before,
      version,
      set: { ...set, ...statusSince },
      actorId,
      entity: "initiative",
      initiativeId: before.id,
      neighbourhoodId: before.neighbourhoodId,
      // Status and start year decide the years' figures, and the status who volunteers now: the overview's rollup follows.
      with: rollupStatements(db, { initiativeIds: [before.id] }),
    },
    now,
  );
  await rejudgeAfterWrite(db, { initiativeIds: [before.id] }, now);
}

export async function setInitiativeStatus(db: Db, before: Row, status: Row["status"], version: number, actorId: string | null, now: Date) {
  await updateInitiative(db, before, { status, version }, actorId, now);
}

export async function setInitiativeArchived(db: Db, before: Row, archived: boolean, actorId: string | null, now: Date) {
  await setArchived(
    db,
    initiatives,
    {
      before,
      archive: archived,
      actorId,
      entity: "initiative",
      initiativeId: before.id,
      neighbourhoodId: before.neighbourhoodId,
      // Its years, money and volunteers leave (or return to) the overview's past.
      also: rollupStatements(db, { initiativeIds: [before.id] }),
    },
    now,
  );
  await rejudgeAfterWrite(db, { initiativeIds: [before.id] }, now);
}
