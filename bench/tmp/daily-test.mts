import { measureDaily } from "../daily";
import { guardFetch } from "../env";
guardFetch();
const r = await measureDaily("/work/main/bench/data/M/state", process.argv[2] ?? "2026-11-27", true);
console.log(JSON.stringify(r, null, 1));
