// Succession of a critical role: on an involvement whose role is critical, a coordinator names a
// reserve (someone who could take over) and writes a short handover note (keys, accounts, contacts,
// habits). The note is for the initiative's coordinators (and admins) only: it is never part of the
// involvement's API record, the overview or a partner's view, and the history records that it
// changed, not what it says. A reserve lowers the key-person flag one step (src/domain/risk/rules.ts).
// What happens when the role ends is in ./handover.ts.
import type { Db } from "../../db/client";
import { involvements } from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import type { InvolvementOptions, InvolvementRow } from "./involvements";

/** A handover note is short: what the next person needs to know, not a manual. */
export const HANDOVER_NOTE_MAX = 2000;

const successionFields = {
  reservePersonId: f.optionalId("succession.reserve"),
  handoverNote: f.textOrEmpty("succession.note", HANDOVER_NOTE_MAX),
};

/** The succession of one involvement: its reserve and its handover note (form, API, PATCH semantics). */
export const successionContract = defineContract({ name: "Succession", fields: successionFields });
export type SuccessionInput = Values<typeof successionFields>;
export type SuccessionFormValues = FormValues<typeof successionFields>;

/** The succession as the API shows it (to admins; coordinators see it on the involvement's page). */
export type Succession = {
  involvementId: string;
  reservePersonId: string | null;
  reserveName: string | null;
  handoverNote: string;
  version: number;
};

export function successionOf(inv: InvolvementRow): Succession {
  return {
    involvementId: inv.id,
    reservePersonId: inv.reservePersonId,
    reserveName: inv.reserveName,
    handoverNote: inv.handoverNote,
    version: inv.version,
  };
}

/**
 * What zod cannot know: the reserve is someone who may be picked (the same people as for a new
 * volunteer) and not the holder; a reserve and a note belong to a critical role (an involvement
 * that is no longer critical may keep or clear what it has, but not get something new).
 */
export function checkSuccession(options: InvolvementOptions, inv: InvolvementRow, input: SuccessionInput): FieldErrors {
  const errors: FieldErrors = {};
  const reserve = input.reservePersonId;
  const adds =
    (reserve !== null && reserve !== inv.reservePersonId) || (input.handoverNote !== "" && input.handoverNote !== inv.handoverNote);
  if (!inv.critical && adds) {
    errors[reserve !== null && reserve !== inv.reservePersonId ? "reservePersonId" : "handoverNote"] = "succession.error.notCritical";
    return errors;
  }
  if (reserve === inv.personId) errors.reservePersonId = "succession.error.self";
  else if (reserve !== null && reserve !== inv.reservePersonId && !options.people.some((p) => p.id === reserve))
    errors.reservePersonId = "form.unknownOption";
  return errors;
}

/**
 * Saves the reserve and the note, with the involvement's version (StaleVersionError when someone
 * saved in between), and judges the initiative's activities again: a reserve changes the key-person flag.
 * `reserveName`: the new reserve's name, for the history (null when none).
 */
export async function saveSuccession(
  db: Db,
  initiative: { id: string; neighbourhoodId: string },
  before: InvolvementRow,
  input: SuccessionInput & { version: number; reserveName: string | null },
  actorId: string | null,
  now: Date,
) {
  const changes: Record<string, unknown> = {};
  if (input.reservePersonId !== before.reservePersonId) changes.reserve = [before.reserveName, input.reserveName];
  // The note may hold codes and account details: the history says that it changed, never what it says.
  if (input.handoverNote !== before.handoverNote) changes.handoverNote = input.handoverNote === "" ? "cleared" : "changed";
  await updateVersioned(
    db,
    involvements,
    {
      before,
      version: input.version,
      set: { reservePersonId: input.reservePersonId, handoverNote: input.handoverNote },
      actorId,
      entity: "involvement",
      action: "succession",
      initiativeId: initiative.id,
      neighbourhoodId: initiative.neighbourhoodId,
      changes,
    },
    now,
  );
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}
