import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const stubLocales = { name: "l", setup(b) {
  b.onResolve({ filter: /locales\/index\.js$/ }, (a) => ({ path: a.path, namespace: "stubl" }));
  b.onLoad({ filter: /.*/, namespace: "stubl" }, () => ({ contents: `export { default as en } from "${process.cwd()}/node_modules/zod/v4/locales/en.js";`, resolveDir: process.cwd() }));
} };
const stubResend = { name: "r", setup(b) {
  b.onResolve({ filter: /^resend$/ }, (a) => ({ path: a.path, namespace: "stubr" }));
  b.onLoad({ filter: /.*/, namespace: "stubr" }, () => ({ contents: `export class Resend { constructor(k){this.k=k; this.emails={send:(p,o)=>fetch("https://api.resend.com/emails",{method:"POST",body:JSON.stringify(p)}).then(r=>r.json())}; this.batch={send:(p,o)=>fetch("https://api.resend.com/emails/batch",{method:"POST",body:JSON.stringify(p)}).then(r=>r.json())};} }` }));
} };
for (const [name, plugins] of [["minify+stub locales+fetch instead of resend SDK", [stubLocales, stubResend]], ["minify+fetch instead of resend SDK", [stubResend]]]) {
  const r = await build({ entryPoints: ["src/index.ts"], bundle: true, write: false, format: "esm", target: "es2022", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], external: ["cloudflare:*", "node:*"], minify: true, plugins, jsx: "automatic", jsxImportSource: "hono/jsx", logLevel: "error" });
  const code = r.outputFiles[0].contents;
  console.log(name, (code.length / 1024).toFixed(0), "KiB raw", (gzipSync(code, { level: 9 }).length / 1024).toFixed(0), "KiB gzip");
}
