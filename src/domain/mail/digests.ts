// The portfolio digest for partners (and anyone linked to neighbourhoods who chose a digest): on
// Mondays (weekly) or the 1st of the month (monthly), per person, for the neighbourhoods their
// organisations are linked to — new risks of the period, money ending in the next six months,
// check-ins received in the period and tasks overdue today. The person's other waiting messages
// (reminders, alerts) go out in the same email: one email per person per run.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Draft } from "./outbox";
import { PERSON_COLUMNS, digestMode, isDigestDay, jsonList, mailable, type MailPerson } from "./recipients";
import { all, batch, rows as rowsOf } from "../../db/raw-sql";
import type { Severity } from "../risk/rules";
import { addDays, addMonths } from "../../lib/dates";
import { isolated, type Skip } from "../runs/skips";

/** People per step. */
export const DIGEST_SLICE = 50;
/** Lines per section; the rest is counted. */
export const DIGEST_LINES = 10;
export const MONEY_HORIZON_MONTHS = 6;

type Mode = "weekly" | "monthly";

export type DigestPayload = {
  mode: Mode;
  from: string;
  to: string;
  neighbourhoods: string[];
  risks: { activityName: string; initiativeName: string; neighbourhoodName: string; toLevel: Severity; on: string }[];
  risksTotal: number;
  money: { sourceName: string; initiativeName: string; neighbourhoodName: string; endsOn: string; amountCentsPerYear: number }[];
  moneyTotal: number;
  moneyCentsPerYear: number;
  checkins: { initiativeName: string; neighbourhoodName: string; year: number }[];
  checkinsTotal: number;
  overdueTasks: number;
};

export function isAnyDigestDay(today: string): boolean {
  return isDigestDay("weekly", today) || isDigestDay("monthly", today);
}

export function periodStart(mode: Mode, today: string): string {
  return mode === "weekly" ? addDays(today, -7) : addMonths(today, -1);
}

export function isEmptyDigest(d: DigestPayload): boolean {
  return d.risksTotal === 0 && d.moneyTotal === 0 && d.checkinsTotal === 0 && d.overdueTasks === 0;
}

type Rows = {
  risks: {
    hood: string;
    activityName: string;
    initiativeName: string;
    neighbourhoodName: string;
    toLevel: Severity;
    on: string;
    n: number;
  }[];
  money: {
    hood: string;
    sourceName: string;
    initiativeName: string;
    neighbourhoodName: string;
    endsOn: string;
    amountCentsPerYear: number;
    n: number;
    cents: number;
  }[];
  checkins: { hood: string; initiativeName: string; neighbourhoodName: string; year: number; n: number }[];
};

/** One batch: the three sections for these neighbourhoods and this period, DIGEST_LINES per neighbourhood plus totals. */
function sectionQueries(hoods: string[], from: string, today: string): SQL[] {
  const ids = jsonList(hoods);
  const moneyUntil = addMonths(today, MONEY_HORIZON_MONTHS);
  return [
    sql`
      SELECT * FROM (
        SELECT re.neighbourhood_id AS "hood", a.name AS "activityName", i.name AS "initiativeName", n.name AS "neighbourhoodName",
               re.to_level AS "toLevel", re."on" AS "on", count(*) OVER (PARTITION BY re.neighbourhood_id) AS "n",
               ROW_NUMBER() OVER (PARTITION BY re.neighbourhood_id ORDER BY re."on" DESC, re.id) AS "rn"
        FROM risk_events re JOIN activities a ON a.id = re.activity_id JOIN initiatives i ON i.id = re.initiative_id
          JOIN neighbourhoods n ON n.id = re.neighbourhood_id
        WHERE re.neighbourhood_id IN ${ids} AND re."on" > ${from} AND re."on" <= ${today}
          AND (CASE re.to_level WHEN 'ok' THEN 0 WHEN 'watch' THEN 1 WHEN 'at_risk' THEN 2 ELSE 3 END)
            > (CASE coalesce(re.from_level, 'ok') WHEN 'ok' THEN 0 WHEN 'watch' THEN 1 WHEN 'at_risk' THEN 2 ELSE 3 END)
      ) WHERE "rn" <= ${DIGEST_LINES}`,
    sql`
      SELECT * FROM (
        SELECT i.neighbourhood_id AS "hood", f.source_name AS "sourceName", i.name AS "initiativeName", n.name AS "neighbourhoodName",
               f.ends_on AS "endsOn", f.amount_cents_per_year AS "amountCentsPerYear",
               count(*) OVER (PARTITION BY i.neighbourhood_id) AS "n", sum(f.amount_cents_per_year) OVER (PARTITION BY i.neighbourhood_id) AS "cents",
               ROW_NUMBER() OVER (PARTITION BY i.neighbourhood_id ORDER BY f.ends_on, f.id) AS "rn"
        FROM funding_streams f JOIN initiatives i ON i.id = f.initiative_id AND i.archived_at IS NULL
          JOIN neighbourhoods n ON n.id = i.neighbourhood_id
        WHERE i.neighbourhood_id IN ${ids} AND f.archived_at IS NULL AND f.status = 'granted'
          AND f.ends_on >= ${today} AND f.ends_on <= ${moneyUntil}
      ) WHERE "rn" <= ${DIGEST_LINES}`,
    sql`
      SELECT * FROM (
        SELECT i.neighbourhood_id AS "hood", i.name AS "initiativeName", n.name AS "neighbourhoodName", c.year AS "year",
               count(*) OVER (PARTITION BY i.neighbourhood_id) AS "n",
               ROW_NUMBER() OVER (PARTITION BY i.neighbourhood_id ORDER BY c.created_at DESC, c.id) AS "rn"
        FROM checkins c JOIN initiatives i ON i.id = c.initiative_id JOIN neighbourhoods n ON n.id = i.neighbourhood_id
        WHERE i.neighbourhood_id IN ${ids} AND substr(c.created_at, 1, 10) > ${from} AND substr(c.created_at, 1, 10) <= ${today}
      ) WHERE "rn" <= ${DIGEST_LINES}`,
    sql`SELECT id AS "id", name AS "name" FROM neighbourhoods WHERE id IN ${ids}`,
  ];
}

function perHood<T extends { hood: string; n: number }>(rows: T[], hoods: string[]): { lines: T[]; total: number } {
  const mine = rows.filter((r) => hoods.includes(r.hood));
  const totals = new Map<string, number>();
  for (const r of mine) totals.set(r.hood, r.n);
  return { lines: mine, total: [...totals.values()].reduce((a, b) => a + b, 0) };
}

/** Builds one person's digest from the section rows of their neighbourhoods. Pure. */
export function buildDigest(
  mode: Mode,
  today: string,
  hoods: string[],
  rows: Rows,
  names: Map<string, string>,
  overdueByNeighbourhood: Record<string, number>,
): DigestPayload {
  const risks = perHood(rows.risks, hoods);
  const money = perHood(rows.money, hoods);
  const checkins = perHood(rows.checkins, hoods);
  const cents = new Map<string, number>();
  for (const m of money.lines) cents.set(m.hood, m.cents);
  return {
    mode,
    from: periodStart(mode, today),
    to: today,
    neighbourhoods: hoods
      .map((h) => names.get(h) ?? "")
      .filter(Boolean)
      .sort((a, b) => a.localeCompare(b, "nl")),
    risks: [...risks.lines]
      .sort((a, b) => (a.on === b.on ? a.activityName.localeCompare(b.activityName, "nl") : a.on < b.on ? 1 : -1))
      .slice(0, DIGEST_LINES)
      .map(({ activityName, initiativeName, neighbourhoodName, toLevel, on }) => ({
        activityName,
        initiativeName,
        neighbourhoodName,
        toLevel,
        on,
      })),
    risksTotal: risks.total,
    money: [...money.lines]
      .sort((a, b) => (a.endsOn === b.endsOn ? 0 : a.endsOn < b.endsOn ? -1 : 1))
      .slice(0, DIGEST_LINES)
      .map(({ sourceName, initiativeName, neighbourhoodName, endsOn, amountCentsPerYear }) => ({
        sourceName,
        initiativeName,
        neighbourhoodName,
        endsOn,
        amountCentsPerYear,
      })),
    moneyTotal: money.total,
    moneyCentsPerYear: [...cents.values()].reduce((a, b) => a + b, 0),
    checkins: checkins.lines
      .slice(0, DIGEST_LINES)
      .map(({ initiativeName, neighbourhoodName, year }) => ({ initiativeName, neighbourhoodName, year })),
    checkinsTotal: checkins.total,
    overdueTasks: hoods.reduce((sum, h) => sum + (overdueByNeighbourhood[h] ?? 0), 0),
  };
}

export type DigestSlice = { drafts: Draft[]; scanned: number; lastPersonId: string | null; skipped: Skip[] };

/**
 * The digests due today for the next `limit` people linked to neighbourhoods (through a partner
 * organisation) after `afterPersonId`. At most two periods (weekly, monthly) → at most 8 statements.
 */
export async function planDigestSlice(
  db: Db,
  cursor: { afterPersonId: string | null; limit?: number },
  today: string,
  now: Date,
  overdueByNeighbourhood: Record<string, number>,
): Promise<DigestSlice> {
  const limit = cursor.limit ?? DIGEST_SLICE;
  const people = await all<MailPerson & { hoods: string }>(
    db,
    sql`
    SELECT ${PERSON_COLUMNS}, group_concat(DISTINCT pn.neighbourhood_id) AS "hoods"
    FROM people p
      JOIN partner_members pm ON pm.person_id = p.id
      JOIN partner_orgs po ON po.id = pm.partner_id AND po.archived_at IS NULL
      JOIN partner_neighbourhoods pn ON pn.partner_id = po.id
    WHERE p.id > ${cursor.afterPersonId ?? ""} AND p.erased_at IS NULL AND p.email IS NOT NULL
    GROUP BY p.id ORDER BY p.id LIMIT ${limit}`,
  );
  const result: DigestSlice = { drafts: [], scanned: people.length, lastPersonId: people.at(-1)?.personId ?? null, skipped: [] };

  const due = new Map<Mode, { person: MailPerson & { email: string }; hoods: string[] }[]>();
  for (const person of people) {
    const mode = digestMode(person);
    if (mode === "immediate" || !isDigestDay(mode, today) || !mailable(person, "digests")) continue;
    due.set(mode, [...(due.get(mode) ?? []), { person, hoods: person.hoods.split(",") }]);
  }
  if (due.size === 0) return result;

  const modes = [...due.keys()];
  const results = await batch(
    db,
    modes.flatMap((mode) => sectionQueries([...new Set(due.get(mode)!.flatMap((d) => d.hoods))], periodStart(mode, today), today)),
  );
  modes.forEach((mode, m) => {
    const risks = rowsOf<Rows["risks"][number]>(results[m * 4]);
    const money = rowsOf<Rows["money"][number]>(results[m * 4 + 1]);
    const checkins = rowsOf<Rows["checkins"][number]>(results[m * 4 + 2]);
    const hoodNames = rowsOf<{ id: string; name: string }>(results[m * 4 + 3]);
    const names = new Map(hoodNames.map((h) => [h.id, h.name]));
    // Each person on their own: a digest that cannot be built is reported, the others go out.
    for (const { person, hoods } of due.get(mode)!) {
      const draft = isolated(result.skipped, { step: "digests", recordType: "person", recordId: person.personId, initiativeId: null }, () =>
        draftFor(person, hoods),
      );
      if (draft) result.drafts.push(draft);
    }

    function draftFor(person: MailPerson & { email: string }, hoods: string[]): Draft | null {
      const digest = buildDigest(mode, today, hoods, { risks, money, checkins }, names, overdueByNeighbourhood);
      if (isEmptyDigest(digest)) return null;
      return {
        key: `digest:${person.personId}:${mode}:${today}`,
        kind: "digest",
        personId: person.personId,
        to: person.email,
        locale: person.locale,
        subjectType: "person",
        subjectId: person.personId,
        payload: digest,
        releaseAt: now.toISOString(),
      };
    }
  });
  return result;
}
