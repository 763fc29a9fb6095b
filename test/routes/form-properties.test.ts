// Every date field of every form gets generated bad dates (bad Unicode included): the form comes
// back with status 422 and the Dutch message right below that field, never a 5xx, and nothing is
// written. The forms and their date fields are found by following the links of an admin's pages
// (an <input type="date">, or a hidden field that holds a date), so a new form is covered by itself.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { appAt, signedIn } from "../helpers/factories";
import { apiWorld } from "../helpers/api-factories";
import { badDate, badUnicode, dataFingerprint } from "../helpers/bad-input";
import { formsOf, linksOf, type FormField, type PageForm } from "../helpers/forms";
import { isDate } from "../../src/lib/dates";
import { nl } from "../../src/i18n/catalogue";

const AT = "2026-06-15T10:00:00.000Z";
const ORIGIN = "http://localhost";
const app = appAt(AT);

/** Fields the task form reads only for one schedule kind: the bad date goes in with that kind chosen. */
const ONLY_WITH: Record<string, Record<string, string>> = {
  onceOn: { scheduleKind: "once" },
  intervalStartOn: { scheduleKind: "interval", intervalCount: "1", intervalUnit: "month", intervalFrom: "due" },
};

/** Form encoding as a browser does it (a lone surrogate becomes U+FFFD on the way). */
const formEncode = (s: string) => new URLSearchParams([["", s]]).toString().slice(1);

/** As a browser sends a form; `raw` values go in already percent-encoded (bytes that are not UTF-8). */
function encode(fields: FormField[], replace: Record<string, { value: string; raw?: boolean }>) {
  const sent = new Set<string>();
  const parts: string[] = [];
  for (const f of fields) {
    const r = replace[f.name];
    if (r && sent.has(f.name)) continue;
    sent.add(f.name);
    const value = r ? (r.raw ? r.value : formEncode(r.value)) : formEncode(f.value);
    parts.push(`${formEncode(f.name)}=${value}`);
  }
  for (const [name, r] of Object.entries(replace))
    if (!sent.has(name)) parts.push(`${formEncode(name)}=${r.raw ? r.value : formEncode(r.value)}`);
  return parts.join("&");
}

/** A bad date as a form can carry it: text, a lone surrogate (arrives as U+FFFD), or bytes that are not UTF-8. */
const badFormDate: fc.Arbitrary<{ value: string; raw?: boolean }> = fc.oneof(
  badDate.map((value) => ({ value })),
  badUnicode.map((value) => ({ value })),
  fc.constantFrom("2026-01-%ED%A0%80", "%FF%FE", "2026-%C0%AF01-01", "%F0%9F%8C").map((value) => ({ value, raw: true })),
);

async function crawl(start: string[], within: string[]) {
  const w = await apiWorld();
  const browser = await signedIn(w.admin.id, AT);
  const prefixes = within.map((p) => p.replace("{initiative}", w.initiative.id).replace("{hood}", w.hood.id));
  const queue = start.map((p) => p.replace("{initiative}", w.initiative.id).replace("{hood}", w.hood.id));
  const seen = new Set<string>();
  const forms = new Map<string, { page: string; form: PageForm; dates: FormField[] }>();
  while (queue.length > 0 && seen.size < 150) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const page = await browser.get(path);
    if (page.status !== 200 || !(page.res.headers.get("content-type") ?? "").includes("html")) continue;
    for (const form of formsOf(page.html)) {
      const dates = form.fields.filter((f) => f.type === "date" || (f.type === "hidden" && isDate(f.value)));
      const key = `${form.action.split("?")[0]} ${dates.map((d) => d.name).join(",")}`;
      if (dates.length > 0 && !forms.has(key)) forms.set(key, { page: path, form, dates });
    }
    for (const link of linksOf(page.html))
      if (prefixes.some((p) => link.startsWith(p)) && !/\.(csv|json|zip)(\?|$)/.test(link) && !seen.has(link)) queue.push(link);
  }
  return { browser, forms: [...forms.values()] };
}

describe("bad dates in every form", () => {
  it("come back as 422 with the message below the field, never a 5xx, and write nothing", async () => {
    const { browser, forms } = await crawl(
      ["/", "/initiatives/{initiative}", "/neighbourhoods/{hood}"],
      ["/initiatives/{initiative}", "/neighbourhoods/{hood}"],
    );
    const covered = new Set(
      forms.flatMap((f) =>
        f.dates.map(
          (d) =>
            `${f.form.action
              .split("/")
              .slice(3)
              .join("/")
              .replace(/[0-9a-f-]{36}/g, ":id")}#${d.name}`,
        ),
      ),
    );
    // The forms of an initiative and a neighbourhood: initiative, task (3), volunteer (2) and its ending,
    // funding (3), commitment (2), facility, asset (2), and the hidden dates of the one-tap answers.
    expect(covered.size, [...covered].join("\n")).toBeGreaterThanOrEqual(18);

    const cookie = () => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    for (const { page, form, dates } of forms) {
      for (const field of dates) {
        await fc.assert(
          fc.asyncProperty(badFormDate, async (bad) => {
            const before = await dataFingerprint();
            const body = encode(form.fields, { ...toReplace(ONLY_WITH[field.name]), [field.name]: bad });
            const res = await app(
              new Request(ORIGIN + form.action, {
                method: "POST",
                body,
                redirect: "manual",
                headers: { cookie: cookie(), origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
              }),
            );
            const html = await res.text();
            const what = `${page} → POST ${form.action} ${field.name}=${JSON.stringify(bad)} → ${res.status}`;
            expect(res.status, what).toBe(422);
            if (field.type === "date") {
              const below = new RegExp(`id="field-${field.name}-error"[^>]*>([^<]*)<`).exec(html);
              expect(below?.[1], `${what}: no message below the field`).toBe(nl["form.date"]);
            } else {
              expect(html, what).toContain(nl["form.date"]);
            }
            expect(await dataFingerprint(), what).toBe(before);
          }),
          { numRuns: 8, endOnFailure: true },
        );
      }
    }
  }, 300_000);
});

function toReplace(values: Record<string, string> | undefined): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, { value: v }]));
}
