import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
const stub = {
  name: "stub-locales",
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) => ({ path: args.path, namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: `export { default as en } from "${process.cwd()}/node_modules/zod/v4/locales/en.js";`, resolveDir: process.cwd() }));
  },
};
for (const [name, plugins, minify] of [["as-is", [], false], ["minify", [], true], ["stub-locales", [stub], false], ["stub+minify", [stub], true]]) {
  const r = await build({ entryPoints: ["src/index.ts"], bundle: true, write: false, format: "esm", target: "es2022", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], external: ["cloudflare:*", "node:*"], minify, plugins, jsx: "automatic", jsxImportSource: "hono/jsx", loader: { ".sql": "text" }, logLevel: "error" });
  const code = r.outputFiles[0].contents;
  console.log(name.padEnd(14), (code.length / 1024).toFixed(0), "KiB raw", (gzipSync(code, { level: 9 }).length / 1024).toFixed(0), "KiB gzip");
}
const r = await build({ entryPoints: ["src/index.ts"], bundle: true, write: false, metafile: true, format: "esm", target: "es2022", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], external: ["cloudflare:*", "node:*"], minify: true, plugins: [], jsx: "automatic", jsxImportSource: "hono/jsx", logLevel: "error" });
const out = Object.values(r.metafile.outputs)[0];
const by = new Map();
for (const [f, v] of Object.entries(out.inputs)) {
  let k;
  if (f.includes("node_modules/")) { const p = f.split("node_modules/").pop().split("/"); k = p[0].startsWith("@") ? p[0] + "/" + p[1] : p[0]; if (k === "zod") k = f.includes("/locales/") ? "zod (locales)" : "zod (rest)"; }
  else k = f.split("/").slice(0, 2).join("/");
  by.set(k, (by.get(k) || 0) + v.bytesInOutput);
}
console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 16).map(([k, v]) => (v / 1024).toFixed(0) + " KiB " + k).join("\n"));
for (const [f, v] of Object.entries(r.metafile.inputs)) for (const i of v.imports || []) if (i.path.includes("postal-mime")) console.log("postal-mime from", f);
