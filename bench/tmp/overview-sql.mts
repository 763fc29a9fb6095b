// Prints the overview statement(s) with their parameters inlined, for sqlite3 EXPLAIN / timing.
// usage: overview-sql.mts [ids-json|all] [page|parts]  — page: the folded page statement; parts: each part plain, one per line.
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { SQL } from "drizzle-orm";
import { foldedStatement, plainStatement, PART_NAMES, NO_LIMITS } from "../../src/domain/overview-sql";
const ids = process.argv[2] && process.argv[2] !== "all" ? JSON.parse(process.argv[2]) : null;
const mode = process.argv[3] ?? "page";
const d = new SQLiteAsyncDialect();
const p = { scope: ids ? { ids } : { all: true as const }, today: "2026-11-28", partnerOrgIds: process.argv[4] ? JSON.parse(process.argv[4]) : ["x"], firstYear: 2017, lastYear: 2026, cliffFrom: "2026-10-01", cliffTo: "2028-10-01" };
const inline = (s: SQL) => {
  const q = d.sqlToQuery(s);
  let k = 0;
  return q.sql.replace(/\?/g, () => { const v = q.params[k++]; return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`; }).replace(/\s+/g, " ");
};
if (mode === "page") console.log(`-- page\n${inline(foldedStatement(p, PART_NAMES, ids ? { atRisk: 100, own: 50, facilities: 100 } : { atRisk: 20, own: 20, facilities: 20 }))};`);
else for (const name of PART_NAMES) console.log(`-- statement ${name}\n${inline(plainStatement(p, name, NO_LIMITS))};`);
