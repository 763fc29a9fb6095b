// An export's zip: text files (the CSVs) compressed, and files that are compressed already (the
// documents: PDFs, images) stored as they are. Imported with `await import("./zip")` where it is
// used, so fflate's tables are built on the first export in an isolate, not at every start-up
// (~5 ms); a static import here keeps esbuild tree-shaking fflate to the two functions we use.
import { strToU8, zipSync, type Zippable } from "fflate";

export function zipFiles(texts: Record<string, string>, stored: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Zippable = {};
  for (const [name, text] of Object.entries(texts)) files[name] = strToU8(text);
  for (const [name, bytes] of Object.entries(stored)) files[name] = [bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}
