// Copies the browser files we depend on (htmx, Pico CSS) from node_modules into public/vendor/,
// named with their package version so they can be cached forever. Runs on every install, so the
// served files always match package-lock.json; public/vendor/ is not committed.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const out = join(root, "public", "vendor");

const files = [
  { pkg: "htmx.org", file: "dist/htmx.min.js", name: "htmx", ext: "min.js" },
  { pkg: "@picocss/pico", file: "css/pico.min.css", name: "pico", ext: "min.css" },
];

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) rmSync(join(out, f));
for (const { pkg, file, name, ext } of files) {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, "utf8"));
  copyFileSync(join(dirname(pkgJson), file), join(out, `${name}-${version}.${ext}`));
}
