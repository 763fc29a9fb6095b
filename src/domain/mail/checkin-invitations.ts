// The yearly check-in invitation. Decision: the check-in of year Y is "due" in DECEMBER of Y — the
// year is nearly complete, and its form stays open until 1 February of Y+1 (checkinGraceDate), so
// coordinators have the holidays and January to fill it in. In December every initiative that is
// active or paused and has no check-in for Y yet invites its coordinators, once (the key holds the
// year); a run that missed a December day catches up the next day.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Draft } from "./outbox";
import { digestMode, mailable, releaseAt, roleLinksSql, type RoleLink } from "./recipients";
import { all } from "../../db/raw-sql";
import { isolated, type Skip } from "../runs/skips";
import { monthOf, yearOf } from "../../lib/dates";

export const CHECKIN_INVITE_MONTH = 12;
/** Initiatives per step. */
export const CHECKIN_SLICE = 100;

export type CheckinPayload = { initiativeId: string; initiativeName: string; year: number };

export function isCheckinInviteMonth(today: string): boolean {
  return monthOf(today) === CHECKIN_INVITE_MONTH;
}

export type CheckinSlice = { drafts: Draft[]; scanned: number; lastInitiativeId: string | null; skipped: Skip[] };

export async function planCheckinSlice(
  db: Db,
  cursor: { afterInitiativeId: string | null; limit?: number },
  today: string,
  now: Date,
): Promise<CheckinSlice> {
  const year = yearOf(today);
  const limit = cursor.limit ?? CHECKIN_SLICE;
  const rows = await all<{ id: string; name: string }>(
    db,
    sql`
    SELECT i.id AS "id", i.name AS "name" FROM initiatives i
    WHERE i.id > ${cursor.afterInitiativeId ?? ""} AND i.archived_at IS NULL AND i.status IN ('active', 'paused')
      AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.initiative_id = i.id AND c.year = ${year})
    ORDER BY i.id LIMIT ${limit}`,
  );
  const result: CheckinSlice = { drafts: [], scanned: rows.length, lastInitiativeId: rows.at(-1)?.id ?? null, skipped: [] };
  if (rows.length === 0) return result;
  const links = await all<RoleLink>(
    db,
    roleLinksSql(
      rows.map((r) => r.id),
      today,
    ),
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  // Each invitation on its own (one per coordinator of an initiative): a failure is reported against the initiative.
  for (const person of links) {
    const draft = isolated(
      result.skipped,
      { step: "checkins", recordType: "initiative", recordId: person.initiativeId, initiativeId: person.initiativeId },
      () => draftFor(person),
    );
    if (draft) result.drafts.push(draft);
  }
  return result;

  function draftFor(person: RoleLink): Draft | null {
    if (person.role !== "coordinator" || !mailable(person, "checkins")) return null;
    const payload: CheckinPayload = { initiativeId: person.initiativeId, initiativeName: names.get(person.initiativeId) ?? "", year };
    return {
      key: `checkin:${person.initiativeId}:${year}:${person.personId}`,
      kind: "checkin",
      personId: person.personId,
      to: person.email,
      locale: person.locale,
      subjectType: "initiative",
      subjectId: person.initiativeId,
      payload,
      releaseAt: releaseAt(digestMode(person), today, now),
    };
  }
}
