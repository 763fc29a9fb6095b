// The API reference, rendered on the server from the generated OpenAPI document: no scripts, no CDN.
import type { Child } from "hono/jsx";
import { DataTable } from "../components/data-table";

type Json = Record<string, unknown>;
type Doc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
};
const METHODS = ["get", "post", "patch", "put", "delete"] as const;

function resolve(doc: Doc, schema: Json | undefined): Json {
  let s = schema ?? {};
  for (let i = 0; i < 5 && typeof s.$ref === "string"; i++) s = doc.components?.schemas?.[s.$ref.split("/").pop()!] ?? {};
  return s;
}

function typeText(doc: Doc, raw: Json): string {
  const s = resolve(doc, raw);
  const name = typeof raw.$ref === "string" ? raw.$ref.split("/").pop() : undefined;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return ((s.anyOf ?? s.oneOf) as Json[]).map((x) => typeText(doc, x)).join(" | ");
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
  const base = types
    .map((t) => (t === "array" ? `${typeText(doc, (s.items as Json) ?? {})}[]` : t === "object" && name ? name : t))
    .join(" | ");
  return [base || name || "any", s.format ? `(${String(s.format)})` : ""].filter(Boolean).join(" ");
}

function limits(s: Json): string {
  const parts: string[] = [];
  if (s.minLength !== undefined) parts.push(`min length ${String(s.minLength)}`);
  if (s.maxLength !== undefined) parts.push(`max length ${String(s.maxLength)}`);
  if (s.minimum !== undefined) parts.push(`≥ ${String(s.minimum)}`);
  if (s.maximum !== undefined) parts.push(`≤ ${String(s.maximum)}`);
  if (s.maxItems !== undefined) parts.push(`at most ${String(s.maxItems)} items`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  if (typeof s.description === "string") parts.push(s.description);
  return parts.join("; ");
}

function Fields(props: { doc: Doc; schema: Json | undefined; caption: string }) {
  const s = resolve(props.doc, props.schema);
  const properties = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  const names = Object.keys(properties);
  if (names.length === 0)
    return (
      <p>
        {props.caption}: {typeText(props.doc, props.schema ?? {})}
      </p>
    );
  return (
    <DataTable
      caption={props.caption}
      head={["Field", "Type", "Required", "Notes"]}
      rows={names.map((n) => [
        <code>{n}</code>,
        typeText(props.doc, properties[n]!),
        required.has(n) ? "yes" : "no",
        limits(resolve(props.doc, properties[n]!)),
      ])}
    />
  );
}

function Operation(props: { doc: Doc; method: string; path: string; op: Json }) {
  const { doc, op } = props;
  const params = (op.parameters ?? []) as Json[];
  const content = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const body = content?.["application/json"]?.schema as Json | undefined;
  const form = content?.["multipart/form-data"]?.schema as Json | undefined;
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const okEntry = Object.entries(responses).find(([code]) => code.startsWith("2"));
  const okSchema =
    ((okEntry?.[1]?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json | undefined) ?? undefined;
  const anchor = String(op.operationId ?? `${props.method}-${props.path}`);
  return (
    <article id={anchor}>
      <h3>
        <code>
          {props.method.toUpperCase()} /api{props.path}
        </code>
      </h3>
      <p>
        <strong>{String(op.summary ?? "")}</strong>
        {op.description ? ` ${String(op.description)}` : ""}
      </p>
      {params.length > 0 && (
        <DataTable
          caption="Parameters"
          head={["Name", "In", "Type", "Notes"]}
          rows={params.map((p) => [
            <code>{String(p.name)}</code>,
            String(p.in),
            typeText(doc, (p.schema as Json) ?? {}),
            [p.required ? "required" : "", limits(resolve(doc, (p.schema as Json) ?? {}))].filter(Boolean).join("; "),
          ])}
        />
      )}
      {body && <Fields doc={doc} schema={body} caption="Request body (JSON; unknown fields are refused)" />}
      {form && <Fields doc={doc} schema={form} caption="Request body (multipart/form-data; unknown fields are refused)" />}
      {okSchema && <Fields doc={doc} schema={okSchema} caption={`Response ${okEntry![0]}`} />}
      <p>
        Answers:{" "}
        {Object.entries(responses)
          .map(([code, r]) => `${code} ${String(r.description ?? "")}`)
          .join(" · ")}
      </p>
    </article>
  );
}

/** A tag as an id and fragment: ids may not contain whitespace ("Daily runs" → "daily-runs"). */
const slug = (tag: string) => tag.toLowerCase().replace(/\s+/g, "-");

export function DocsPage(props: { doc: Doc; css: string[] }) {
  const { doc } = props;
  const byTag = new Map<string, { method: string; path: string; op: Json }[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined) ?? ["Other"])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const section = (tag: string): Child => (
    <section id={`tag-${slug(tag)}`} aria-labelledby={`h-${slug(tag)}`}>
      <h2 id={`h-${slug(tag)}`}>{tag}</h2>
      {byTag.get(tag)!.map((o) => (
        <Operation doc={doc} {...o} />
      ))}
    </section>
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} ${doc.info.version}`}</title>
        {props.css.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
      </head>
      <body>
        <main class="container">
          <h1>
            {doc.info.title} <small>{doc.info.version}</small>
          </h1>
          <p>{doc.info.description}</p>
          <p>
            Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
          </p>
          <h2>Basics</h2>
          <ul>
            <li>
              Send <code>Authorization: Bearer &lt;token&gt;</code>. Admins and partners make tokens under{" "}
              <a href="/api-tokens">API tokens</a>; a partner token reads only the neighbourhoods its organisation is linked to and changes
              only its own commitments.
            </li>
            <li>
              Errors always look like{" "}
              <code>{'{"error":{"code":"validation_failed","message":"…","fields":[{"path":"endsOn","message":"…"}]}}'}</code>;{" "}
              <code>fields</code> is always there (empty when nothing is wrong per field); messages follow Accept-Language (nl or en).
            </li>
            <li>
              Changes send the <code>version</code> they read; when someone changed the record meanwhile the answer is 409 with{" "}
              <code>error.current</code>.
            </li>
            <li>
              Lists return <code>{'{"data":[…],"nextCursor":"…"}'}</code>; pass <code>?cursor=</code> to get the next page. The order is
              stable while data changes.
            </li>
          </ul>
          <nav aria-label="Resources">
            <ul>
              {[...byTag.keys()].map((tag) => (
                <li>
                  <a href={`#tag-${slug(tag)}`}>{tag}</a>
                </li>
              ))}
            </ul>
          </nav>
          {[...byTag.keys()].map(section)}
        </main>
      </body>
    </html>
  );
}
