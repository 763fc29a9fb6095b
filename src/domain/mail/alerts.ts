// Continuity alerts: when an activity's risk level RISES (a risk event whose severity rank goes
// up), its initiative's coordinators and linked partner contacts hear it once, with the reasons.
// One alert per risk event and person (the event is the change), so a level that stays high is
// never announced again; a level that drops and rises again is a new change and a new alert.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Draft } from "./outbox";
import { digestMode, mailable, releaseAt, roleLinksSql, type RoleLink } from "./recipients";
import { all } from "../../db/raw-sql";
import type { Flag, Severity } from "../risk/rules";
import { severityRank } from "../risk/rules";
import { addDays } from "../../lib/dates";
import { isolated, type Skip } from "../runs/skips";

/** Risk events per step. */
export const ALERT_SLICE = 50;
/** Rises of the last few days are looked at, so a day the run missed is caught up; the keys stop repeats. */
export const ALERT_LOOKBACK_DAYS = 3;

export type AlertPayload = {
  riskEventId: string;
  activityId: string;
  activityName: string;
  initiativeId: string;
  initiativeName: string;
  fromLevel: Severity | null;
  toLevel: Severity;
  on: string;
  /** The flags that explain the rise (new ones first), at most five. */
  flags: Flag[];
};

const RANK_SQL = (col: string) =>
  sql.raw(`(CASE coalesce(${col}, 'ok') WHEN 'ok' THEN 0 WHEN 'watch' THEN 1 WHEN 'at_risk' THEN 2 ELSE 3 END)`);

/** The reasons worth naming: flags of rules that appeared, else every flag at or above watch, worst first. */
export function reasonsFor(flags: Flag[], added: string[]): Flag[] {
  const fresh = flags.filter((f) => added.includes(f.rule));
  const pick = fresh.length > 0 ? fresh : flags.filter((f) => f.severity !== "ok");
  return [...pick].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).slice(0, 5);
}

export type AlertSlice = { drafts: Draft[]; scanned: number; lastEventId: string | null; skipped: Skip[] };

export async function planAlertSlice(
  db: Db,
  cursor: { afterEventId: string | null; limit?: number },
  today: string,
  now: Date,
): Promise<AlertSlice> {
  const limit = cursor.limit ?? ALERT_SLICE;
  const from = addDays(today, -ALERT_LOOKBACK_DAYS);
  const events = await all<{
    id: string;
    activityId: string;
    initiativeId: string;
    on: string;
    fromLevel: Severity | null;
    toLevel: Severity;
    flags: string;
    added: string;
    activityName: string;
    initiativeName: string;
  }>(
    db,
    sql`
    SELECT re.id AS "id", re.activity_id AS "activityId", re.initiative_id AS "initiativeId", re."on" AS "on", re.from_level AS "fromLevel",
           re.to_level AS "toLevel", re.flags AS "flags", re.added AS "added", a.name AS "activityName", i.name AS "initiativeName"
    FROM risk_events re
      JOIN activities a ON a.id = re.activity_id AND a.archived_at IS NULL
      JOIN initiatives i ON i.id = re.initiative_id AND i.archived_at IS NULL
    WHERE re."on" > ${from} AND re."on" <= ${today} AND ${RANK_SQL("re.to_level")} > ${RANK_SQL("re.from_level")}
      AND re.id > ${cursor.afterEventId ?? ""}
    ORDER BY re.id LIMIT ${limit}`,
  );
  const result: AlertSlice = { drafts: [], scanned: events.length, lastEventId: events.at(-1)?.id ?? null, skipped: [] };
  if (events.length === 0) return result;

  const links = await all<RoleLink>(db, roleLinksSql([...new Set(events.map((e) => e.initiativeId))], today));
  // Each rise on its own: one whose stored flags cannot be read is reported, the others alert.
  for (const e of events) {
    const drafts = isolated(
      result.skipped,
      { step: "alerts", recordType: "risk_event", recordId: e.id, initiativeId: e.initiativeId },
      () => draftsFor(e),
    );
    if (drafts) result.drafts.push(...drafts);
  }
  return result;

  function draftsFor(e: (typeof events)[number]): Draft[] {
    const drafts: Draft[] = [];
    const payload: AlertPayload = {
      riskEventId: e.id,
      activityId: e.activityId,
      activityName: e.activityName,
      initiativeId: e.initiativeId,
      initiativeName: e.initiativeName,
      fromLevel: e.fromLevel,
      toLevel: e.toLevel,
      on: e.on,
      flags: reasonsFor(JSON.parse(e.flags) as Flag[], JSON.parse(e.added) as string[]),
    };
    const seen = new Set<string>();
    for (const person of links) {
      if (person.initiativeId !== e.initiativeId || (person.role !== "coordinator" && person.role !== "partner_contact")) continue;
      if (seen.has(person.personId) || !mailable(person, "alerts")) continue;
      seen.add(person.personId);
      drafts.push({
        key: `alert:${e.id}:${person.personId}`,
        kind: "alert",
        personId: person.personId,
        to: person.email,
        locale: person.locale,
        subjectType: "activity",
        subjectId: e.activityId,
        payload,
        releaseAt: releaseAt(digestMode(person), today, now),
      });
    }
    return drafts;
  }
}
