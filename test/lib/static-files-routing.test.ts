// wrangler.toml's `assets.run_worker_first` sends every path to the Worker except the static
// files' own: a page never waits for the asset router, and a file in public/ that the list forgets
// would be answered by the Worker's 404 instead. This holds the list to public/ itself.
import { describe, expect, it } from "vitest";
import web from "../../wrangler.toml?raw";
import { staticFiles } from "../../src/static-files";

/** The patterns as wrangler.toml writes them (one line, TOML strings). */
function patterns(): string[] {
  const line = /^run_worker_first\s*=\s*(\[.*\])\s*$/m.exec(web);
  if (!line) throw new Error("wrangler.toml has no run_worker_first list");
  return JSON.parse(line[1]!) as string[];
}

/** Cloudflare's rule: a path goes to the Worker when a positive pattern matches and no negative one does ("*" matches anything). */
function goesToWorker(path: string, rules: string[]): boolean {
  const matches = (glob: string) =>
    new RegExp(
      `^${glob
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(path);
  const negative = rules.filter((r) => r.startsWith("!")).map((r) => r.slice(1));
  const positive = rules.filter((r) => !r.startsWith("!"));
  return positive.some(matches) && !negative.some(matches);
}

/** Every file in public/ as the browser asks for it ("_headers" is the asset router's own configuration, never served). */
const publicFiles = Object.keys(import.meta.glob("../../public/**/*", { query: "?url" }))
  .map((file) => file.replace(/^\.\.\/\.\.\/public/, ""))
  .filter((path) => path !== "/_headers");

describe("which requests the Worker answers first", () => {
  it("leaves every file in public/ to the static files", () => {
    expect(publicFiles.length).toBeGreaterThanOrEqual(6);
    expect(publicFiles).toEqual(expect.arrayContaining([...staticFiles.css, ...staticFiles.js, "/favicon.svg", "/i18n/messages.json"]));
    expect(publicFiles.filter((path) => goesToWorker(path, patterns()))).toEqual([]);
  });

  it("sends pages, the API and unknown paths to the Worker", () => {
    for (const path of ["/", "/sign-in", "/overview", "/neighbourhoods/n1/overview", "/api/v1/initiatives", "/app.css.map", "/robots.txt"])
      expect(goesToWorker(path, patterns()), path).toBe(true);
  });
});
