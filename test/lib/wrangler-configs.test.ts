// The app's Worker (wrangler.toml) and the API's (wrangler.api.toml) share their vars, database,
// bucket, static assets, build step and module aliases: the same in both, or the API would read
// another database or miss a stand-in. What differs: name, entry, the app's cron, Workflow and
// service binding, and WO_SEPARATE_API (the app leaves the API out, the API Worker serves it).
import { describe, expect, it } from "vitest";
import web from "../../wrangler.toml?raw";
import apiWorker from "../../wrangler.api.toml?raw";

/** The TOML's settings as "section.key = value" lines (comments and blank lines left out). */
function settings(toml: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = "";
  for (const raw of toml.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#")) continue;
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header) section = header[1]!;
    else {
      const [key, ...value] = line.split("=");
      out.set(`${section}.${key!.trim()}`, value.join("=").trim());
    }
  }
  return out;
}

const SHARED = /^(\.(compatibility_date|minify|keep_names|upload_source_maps)|(vars|assets|build|d1_databases|r2_buckets|alias)\..+)$/;

describe("the two Workers' configurations", () => {
  it("share what both need, to the letter", () => {
    const a = settings(web);
    const b = settings(apiWorker);
    const shared = (m: Map<string, string>) => [...m].filter(([k]) => SHARED.test(k)).sort();
    expect(shared(b)).toEqual(shared(a));
    expect(shared(a).length).toBeGreaterThan(12);
  });

  it("differ where they must: the app leaves the API out and binds to the API Worker by name", () => {
    const a = settings(web);
    const b = settings(apiWorker);
    expect(a.get("define.WO_SEPARATE_API")).toBe('"true"');
    expect(b.get("define.WO_SEPARATE_API")).toBe('"false"');
    expect(a.get("services.service")).toBe(b.get(".name"));
    expect(b.get(".main")).toBe('"src/api/worker.ts"');
    expect([...b.keys()].some((k) => k.startsWith("workflows.") || k.startsWith("triggers."))).toBe(false);
  });
});
