// A zip of text files (CSV exports). Imported with `await import("./zip")` where it is used, so
// fflate's tables are built on the first export in an isolate, not at every start-up (~5 ms);
// a static import here keeps esbuild tree-shaking fflate to the two functions we use.
import { strToU8, zipSync } from "fflate";

export function zipTextFiles(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}
