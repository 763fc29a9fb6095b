// The daily run's part in the overview's stored figures (rollup.ts): when the year has turned (or
// there is no rollup yet, or one from before it kept "now") the rollup is derived anew for this
// year; otherwise its "now" moves to today, and a sample of neighbourhoods is recounted live and
// compared with the stored rows. A difference is repaired (that neighbourhood recomputed) and
// recorded as a skipped record of the run, so an admin sees it.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { yearOf } from "../../lib/dates";
import { skipOf, type Skip } from "../runs/skips";
import { queryParams } from "./overview";
import { readParts } from "./read-parts";
import { NO_LIMITS } from "./sql";
import { deriveRollup, moveNowToToday, rollupState, rollupStatements } from "./rollup";

/** Neighbourhoods recounted per run. */
export const ROLLUP_SAMPLE = 5;

export type RollupCheck = { derived: boolean; checked: number; skipped: Skip[] };

type Stored = { year: number; ia: number; ist: number; isp: number; iho: number; va: number; vr: number; vn: number };

/** What the live count says and what is stored differ in, per year (empty when they agree). */
async function differences(db: Db, neighbourhoodId: string, today: string): Promise<string[]> {
  const p = { ...queryParams({ ids: [neighbourhoodId], includeArchived: true }, today, { partnerOrgIds: [] }), counting: "live" as const };
  const live = await readParts(db, p, ["initYears", "volYears", "fundYears", "now"], NO_LIMITS);
  const years = await db.all<Stored>(sql`SELECT year, initiatives_active AS ia, initiatives_started AS ist, initiatives_stopped AS isp,
        initiatives_handed_over AS iho, volunteers_active AS va, volunteers_returning AS vr, volunteers_now AS vn
      FROM overview_years WHERE neighbourhood_id = ${neighbourhoodId}`);
  const money = await db.all<{ year: number; kind: string; cents: number; streams: number }>(
    sql`SELECT year, kind, cents, streams FROM overview_year_money WHERE neighbourhood_id = ${neighbourhoodId}`,
  );
  const stored = new Map(years.map((r) => [r.year, r]));
  const out: string[] = [];
  const base = p.firstYear - 1;
  for (let year = base; year <= p.lastYear; year++) {
    const s = stored.get(year);
    const i = live.initYears.find((r) => r.year === year);
    const v = live.volYears.find((r) => r.year === year);
    const want = {
      ...(year >= p.firstYear
        ? { ia: i?.active ?? 0, ist: i?.started ?? 0, isp: i?.stopped ?? 0, iho: i?.handedOver ?? 0, vr: v?.returned ?? 0 }
        : {}),
      va: v?.active ?? 0,
      ...(year === p.lastYear ? { vn: live.now[0]?.volunteers ?? 0 } : {}),
    };
    for (const [k, value] of Object.entries(want))
      if ((s?.[k as keyof Stored] ?? 0) !== value) out.push(`${year} ${k}: stored ${s?.[k as keyof Stored] ?? "none"}, counted ${value}`);
  }
  const key = (r: { year: number; kind: string }) => `${r.year} ${r.kind}`;
  const storedMoney = new Map(money.filter((r) => r.year >= p.firstYear).map((r) => [key(r), r]));
  const liveMoney = new Map(live.fundYears.map((r) => [key(r), r]));
  for (const k of new Set([...storedMoney.keys(), ...liveMoney.keys()])) {
    const a = storedMoney.get(k);
    const b = liveMoney.get(k);
    if ((a?.cents ?? 0) !== (b?.cents ?? 0) || (a?.streams ?? 0) !== (b?.streams ?? 0))
      out.push(`${k}: stored ${a?.cents ?? 0} cents in ${a?.streams ?? 0}, counted ${b?.cents ?? 0} in ${b?.streams ?? 0}`);
  }
  return out;
}

/**
 * One step of the daily run: derive at the turn of the year; otherwise move "now" to today and
 * check (and repair) a sample. Running it twice on a day changes nothing the second time. Each
 * neighbourhood's recount is on its own: one that fails is recorded and the others are still
 * checked (`recount` is the live comparison; a test hands in one that fails).
 */
export async function maintainRollup(
  db: Db,
  today: string,
  now: Date,
  sample = ROLLUP_SAMPLE,
  recount: (db: Db, neighbourhoodId: string, today: string) => Promise<string[]> = differences,
): Promise<RollupCheck> {
  const state = await rollupState(db);
  if (state?.currentYear !== yearOf(today) || state.nowDay === null) {
    await deriveRollup(db, today, now);
    return { derived: true, checked: 0, skipped: [] };
  }
  if (state.nowDay !== today) await moveNowToToday(db, today);
  const hoods = await db.all<{ id: string }>(sql`SELECT id FROM neighbourhoods ORDER BY random() LIMIT ${sample}`);
  const skipped: Skip[] = [];
  for (const { id } of hoods) {
    try {
      const diff = await recount(db, id, today);
      if (diff.length === 0) continue;
      const [first, ...rest] = rollupStatements(db, { neighbourhoodIds: [id] });
      await db.batch([first!, ...rest]);
      skipped.push({
        step: "rollup",
        recordType: "neighbourhood",
        recordId: id,
        initiativeId: null,
        error: `The stored figures of the years differed from a recount and were made again: ${diff.slice(0, 5).join("; ")}`.slice(0, 500),
      });
    } catch (err) {
      skipped.push(skipOf("rollup", "neighbourhood", id, null, err));
    }
  }
  return { derived: false, checked: hoods.length, skipped };
}
