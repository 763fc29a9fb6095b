// The Nu Html Checker (vnu-jar from npm, pinned in package.json) over the HTML the server sent for
// every page the suite visits: all pages in one run, so Java starts once. Needs Java 17 or newer.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const VNU = join(dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");

type VnuMessage = { type: string; subType?: string; url: string; lastLine?: number; message: string; extract?: string };

/** Checks each document (name → HTML as served) and returns its errors as "name:line: message". */
export function htmlErrors(documents: Map<string, string>): string[] {
  if (documents.size === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "wo-vnu-"));
  try {
    const files = [...documents].map(([name, html]) => {
      const file = join(dir, `${name.replace(/[^a-z0-9-]/gi, "_")}.html`);
      writeFileSync(file, html);
      return [file, name] as const;
    });
    const names = new Map(files.map(([file, name]) => [`file:${file}`, name]));
    const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", "--exit-zero-always", ...files.map(([f]) => f)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) throw new Error(`vnu did not run (Java 17+ needed): ${run.error?.message ?? run.stderr}`);
    // vnu writes its JSON report to stderr.
    const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
    return report.messages
      .filter((m) => m.type === "error" || m.subType === "fatal")
      .map((m) => `${names.get(m.url) ?? m.url}:${m.lastLine ?? "?"}: ${m.message}${m.extract ? ` — ${m.extract.trim()}` : ""}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
