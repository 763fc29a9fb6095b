import { generate } from "../generate";
import { loadDataset } from "../load";
import { guardFetch } from "../env";
guardFetch();
const size = (process.argv[2] ?? "M") as "M";
const method = (process.argv[3] ?? "proxy") as "proxy";
const d = generate(size, "wijkonderhoud", "2026-11-28");
const r = await loadDataset(d, method);
console.log(method, size, "migrate", Math.round(r.migrateMs), "load", Math.round(r.loadMs), "stmts", r.statements);
