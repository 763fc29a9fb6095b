// Prints the overview statements with their parameters inlined, for sqlite3 EXPLAIN / timing.
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { overviewStatements } from "../../src/domain/overview-sql";
const ids = process.argv[2] ? JSON.parse(process.argv[2]) : null;
const d = new SQLiteAsyncDialect();
const st = overviewStatements({ scope: ids ? { ids } : { all: true }, today: "2026-11-28", partnerOrgIds: ["x"], firstYear: 2017, lastYear: 2026, cliffFrom: "2026-10-01", cliffTo: "2028-10-01" });
st.forEach((s, i) => {
  const q = d.sqlToQuery(s.sql);
  let k = 0;
  const text = q.sql.replace(/\?/g, () => { const v = q.params[k++]; return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`; });
  console.log(`-- statement ${i}\n${text.replace(/\s+/g, " ")};`);
});
