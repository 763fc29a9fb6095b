// Reads the forms of a page the way a browser would submit them: every named input, select and
// textarea with its current value. Enough HTML parsing for our own server-rendered markup.

export type FormField = { name: string; type: string; value: string };
export type PageForm = { action: string; method: string; fields: FormField[] };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!);

function attributes(tag: string): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const [, name, dq, sq, bare] = m;
    if (!name || name === tag.slice(1).split(/\s/)[0]) continue;
    out[name.toLowerCase()] = dq !== undefined ? decode(dq) : sq !== undefined ? decode(sq) : bare !== undefined ? decode(bare) : true;
  }
  return out;
}

/** The POST forms of a page with what submitting each unchanged would send. */
export function formsOf(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(`<form ${m[1]}>`);
    const method = String(attrs.method ?? "get").toLowerCase();
    if (method !== "post") continue;
    const body = m[2]!;
    const fields: FormField[] = [];
    for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
      const a = attributes(tag);
      if (typeof a.name !== "string" || a.disabled !== undefined) continue;
      const type = typeof a.type === "string" ? a.type.toLowerCase() : "text";
      if ((type === "checkbox" || type === "radio") && a.checked === undefined) continue;
      if (type === "submit" || type === "button" || type === "file") continue;
      fields.push({ name: a.name, type, value: typeof a.value === "string" ? a.value : type === "checkbox" ? "on" : "" });
    }
    for (const s of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(`<select ${s[1]}>`);
      if (typeof a.name !== "string") continue;
      const options = [...s[2]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map((o) => {
        const oa = attributes(`<option ${o[1]}>`);
        return { value: typeof oa.value === "string" ? oa.value : decode(o[2]!.trim()), selected: oa.selected !== undefined };
      });
      const chosen = options.find((o) => o.selected) ?? options[0];
      if (chosen) fields.push({ name: a.name, type: "select", value: chosen.value });
    }
    for (const t of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(`<textarea ${t[1]}>`);
      if (typeof a.name === "string") fields.push({ name: a.name, type: "textarea", value: decode(t[2]!) });
    }
    forms.push({ action: typeof attrs.action === "string" ? attrs.action : "", method, fields });
  }
  return forms;
}

/** Same-origin links of a page (paths only, without fragments). */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="(\/[^"#]*)/g)].map((m) => decode(m[1]!));
}
