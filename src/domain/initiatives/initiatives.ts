// Initiatives: the residents' own record of what they run, kept year on year.
import { and, eq, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { initiatives, initiativeCoordinators, CONTINUATION_PLANS, INITIATIVE_STATUSES } from "../../db/schema";
import { optionalText, requiredText } from "../../lib/validation";
import { batchWithVersion, expectVersion } from "../../db/versioned";
import { rollupStatements } from "../overview/rollup";
import { audit, diff } from "../audit";
import { MIN_YEAR, optionalDateField, todayInAmsterdam } from "../../lib/dates";
import { setArchived } from "../archive";
import { rejudgeAfterWrite } from "../risk/store";

export function initiativeSchema(thisYear: number) {
  return z
    .object({
      name: requiredText(120),
      purpose: optionalText(1000).transform((v) => v ?? ""),
      startedYear: z.coerce
        .number("form.invalid")
        .int("form.invalid")
        .min(MIN_YEAR, "form.invalid")
        .max(thisYear, "initiatives.startedFuture"),
      status: z.enum(INITIATIVE_STATUSES, "form.unknownOption"),
      continuationPlan: z.enum(CONTINUATION_PLANS, "form.unknownOption"),
      continuationNote: optionalText(1000).transform((v) => v ?? ""),
      plannedEndOn: optionalDateField(),
    })
    .refine((v) => v.continuationPlan !== "planned_ending" || !!v.plannedEndOn, {
      path: ["plannedEndOn"],
      message: "initiatives.plannedEndRequired",
    });
}
export type InitiativeInput = z.output<ReturnType<typeof initiativeSchema>>;
export const versionSchema = z.object({ version: z.coerce.number().int().min(1) });
export const statusSchema = versionSchema.extend({ status: z.enum(INITIATIVE_STATUSES, "form.unknownOption") });

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
      plannedEndOn: input.plannedEndOn ?? null,
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

export async function updateInitiative(
  db: Db,
  before: Row,
  input: InitiativeInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const at = now.toISOString();
  const next = { ...input, plannedEndOn: input.plannedEndOn ?? null };
  const { version, ...fields } = next;
  await batchWithVersion(db, [
    expectVersion(db, initiatives, before.id, version),
    db
      .update(initiatives)
      .set({
        ...fields,
        statusSince: fields.status !== before.status ? todayInAmsterdam(now) : before.statusSince,
        version: sql`${initiatives.version} + 1`,
        updatedAt: at,
        updatedBy: actorId,
      })
      .where(and(eq(initiatives.id, before.id), eq(initiatives.version, version))),
    audit(
      db,
      {
        actorId,
        entity: "initiative",
        entityId: before.id,
        action: "update",
        initiativeId: before.id,
        neighbourhoodId: before.neighbourhoodId,
        changes: diff(before, fields),
      },
      now,
    ),
    ...rollupStatements(db, { neighbourhoodIds: [before.neighbourhoodId] }),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [before.id] }, now);
}

export async function setInitiativeStatus(db: Db, before: Row, status: Row["status"], version: number, actorId: string | null, now: Date) {
  const at = now.toISOString();
  await batchWithVersion(db, [
    expectVersion(db, initiatives, before.id, version),
    db
      .update(initiatives)
      .set({ status, statusSince: todayInAmsterdam(now), version: sql`${initiatives.version} + 1`, updatedAt: at, updatedBy: actorId })
      .where(and(eq(initiatives.id, before.id), eq(initiatives.version, version))),
    audit(
      db,
      {
        actorId,
        entity: "initiative",
        entityId: before.id,
        action: "update",
        initiativeId: before.id,
        neighbourhoodId: before.neighbourhoodId,
        changes: diff(before, { status }),
      },
      now,
    ),
    ...rollupStatements(db, { neighbourhoodIds: [before.neighbourhoodId] }),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [before.id] }, now);
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
