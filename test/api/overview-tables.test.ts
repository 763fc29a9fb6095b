// The overview through the API, beyond its figures (overview.test.ts): the answer is exactly what
// the OpenAPI document says (strict schemas, every field described), and every table is available
// as JSON rows and as CSV — the same bytes as the page's download, for partner and admin tokens.
import { describe, expect, it } from "vitest";
import { OverviewSchema, OverviewTableSchema } from "../../src/api/resources/overview-schema";
import { openApiDocument } from "../../src/api";
import { OVERVIEW_TABLES } from "../../src/domain/overview/tables";
import { ADMIN_SECRET, adminToken, api, partnerToken } from "../helpers/api-factories";
import { appAt, signedIn } from "../helpers/factories";
import { buildOverviewWorld, NOW } from "../helpers/overview-world";
import { ORIGIN, type Browser } from "../helpers/browser";

const at = appAt(NOW);

/** A response's bytes and headers (Response.text() would drop the BOM). */
async function bytes(res: Response) {
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function viaApi(path: string, token: string, headers: Record<string, string> = {}) {
  return at(new Request(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })).then(bytes);
}

function viaPage(browser: Browser, path: string) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return at(new Request(`${ORIGIN}${path}`, { headers: { cookie }, redirect: "manual" })).then(bytes);
}

const decode = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(b);

describe("the overview's JSON is what the OpenAPI document says", () => {
  it("parses with the documented schemas (strict: no field the document does not describe), for a partner and an admin", async () => {
    const w = await buildOverviewWorld();
    const partner = await partnerToken(w.own.id);
    const admin = await adminToken();
    for (const [token, query] of [
      [partner.token, `?neighbourhoodId=${w.hood.id}`],
      [partner.token, ""],
      [admin.token, ""],
    ] as const) {
      const res = await api(`/api/v1/overview${query}`, { token, fetcher: at });
      expect(res.status).toBe(200);
      const parsed = OverviewSchema.safeParse(res.body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    }
    // The partner's own money is there to be checked, not an empty list.
    const mine = await api(`/api/v1/overview?neighbourhoodId=${w.hood.id}`, { token: partner.token, fetcher: at });
    expect(mine.body.cliff.own.length).toBeGreaterThan(0);
    expect(mine.body.atRisk.length).toBeGreaterThan(0);
    expect(mine.body.facilities.length).toBeGreaterThan(0);
  });

  it("describes every field of the overview and its tables in the document", () => {
    type Schema = { $ref?: string; description?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };
    const doc = openApiDocument() as unknown as { components: { schemas: Record<string, Schema> } };
    const missing: string[] = [];
    const seen = new Set<string>();
    const resolve = (s: Schema) => (s.$ref ? doc.components.schemas[s.$ref.split("/").pop()!]! : s);
    function walk(s: Schema, where: string) {
      if (s.$ref) {
        if (seen.has(s.$ref)) return;
        seen.add(s.$ref);
      }
      const r = resolve(s);
      for (const [key, prop] of Object.entries(r.properties ?? {})) {
        const p = resolve(prop);
        if (!prop.description && !p.description && !(p.anyOf ?? []).some((x) => resolve(x).description)) missing.push(`${where}.${key}`);
        walk(prop, `${where}.${key}`);
      }
      if (r.items) walk(r.items, `${where}[]`);
      for (const x of r.anyOf ?? []) walk(x, where);
    }
    walk({ $ref: "#/components/schemas/Overview" }, "Overview");
    walk({ $ref: "#/components/schemas/OverviewTable" }, "OverviewTable");
    expect(seen.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it("documents the 404 of an unknown neighbourhood, and answers it", async () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const path of ["/v1/overview", "/v1/overview/{table}", "/v1/overview/{table}.csv"])
      expect(Object.keys(doc.paths[path]!.get!.responses), path).toContain("404");
    const res = await api("/api/v1/overview?neighbourhoodId=no-such-neighbourhood", { fetcher: at });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not_found", message: expect.any(String), fields: [] });
  });
});

describe("every overview table through the API", () => {
  it("gives a partner token the same CSV bytes as the partner's download on the page, per neighbourhood and over all, in Dutch and English", async () => {
    const w = await buildOverviewWorld();
    const { token } = await partnerToken(w.own.id);
    const browser = await signedIn(w.partnerPerson.id, NOW);
    for (const table of OVERVIEW_TABLES) {
      const pairs: [string, string, Record<string, string>][] = [
        [`/api/v1/overview/${table}.csv?neighbourhoodId=${w.hood.id}`, `/neighbourhoods/${w.hood.id}/overview/${table}.csv`, {}],
        [`/api/v1/overview/${table}.csv`, `/overview/${table}.csv`, {}],
        [`/api/v1/overview/${table}.csv`, `/overview/${table}.csv?lang=en`, { "accept-language": "en" }],
        [
          `/api/v1/overview/${table}?neighbourhoodId=${w.hood.id}`,
          `/neighbourhoods/${w.hood.id}/overview/${table}.csv`,
          { accept: "text/csv" },
        ],
      ];
      for (const [apiPath, pagePath, headers] of pairs) {
        const fromApi = await viaApi(apiPath, token, headers);
        const fromPage = await viaPage(browser, pagePath);
        expect(fromPage.status, pagePath).toBe(200);
        expect(fromApi.status, apiPath).toBe(200);
        expect(fromApi.headers.get("content-type"), apiPath).toBe("text/csv; charset=utf-8");
        expect(fromApi.headers.get("content-disposition"), apiPath).toBe(fromPage.headers.get("content-disposition"));
        expect(decode(fromApi.bytes), apiPath).toBe(decode(fromPage.bytes));
        expect(fromApi.bytes, apiPath).toEqual(fromPage.bytes);
      }
    }
    // A partner's own money is in its CSV (the page's too): the partner columns are there.
    const cliff = decode((await viaApi(`/api/v1/overview/cliff.csv?neighbourhoodId=${w.hood.id}`, token)).bytes);
    expect(cliff.split("\r\n")[0]).toContain("Waarvan van jouw organisatie (euro)");
  }, 60_000);

  it("gives an admin token the same CSV as an admin's download, and the table as JSON rows with the CSV's columns", async () => {
    const w = await buildOverviewWorld();
    const browser = await signedIn(w.admin.id, NOW);
    for (const table of OVERVIEW_TABLES) {
      const fromApi = await viaApi(`/api/v1/overview/${table}.csv?neighbourhoodId=${w.hood.id}`, ADMIN_SECRET);
      const fromPage = await viaPage(browser, `/neighbourhoods/${w.hood.id}/overview/${table}.csv`);
      expect(fromApi.bytes, table).toEqual(fromPage.bytes);
      const json = await api(`/api/v1/overview/${table}?neighbourhoodId=${w.hood.id}`, { fetcher: at });
      expect(json.status, table).toBe(200);
      expect(OverviewTableSchema.safeParse(json.body).success, table).toBe(true);
      const csvLines = decode(fromApi.bytes)
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .filter(Boolean);
      expect(json.body.columns.map((c: { header: string }) => c.header).join(";"), table).toBe(csvLines[0]!.replace(/"/g, ""));
      expect(json.body.rows.length, table).toBe(csvLines.length - 1);
    }
    const levels = await api(`/api/v1/overview/levels?neighbourhoodId=${w.hood.id}`, { fetcher: at });
    expect(levels.body).toMatchObject({
      table: "levels",
      today: "2026-05-15",
      columns: [{ key: "level" }, { key: "count", type: "count" }],
    });
  }, 60_000);

  it("refuses a partner token outside its neighbourhoods, an unknown table and a call without a token", async () => {
    const w = await buildOverviewWorld();
    const { token } = await partnerToken(w.own.id);
    const other = await api(`/api/v1/overview/levels.csv?neighbourhoodId=${w.other.id}`, { token, fetcher: at });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: "forbidden", fields: [] });
    expect((await api(`/api/v1/overview/levels?neighbourhoodId=${w.other.id}`, { token, fetcher: at })).status).toBe(403);
    expect((await api("/api/v1/overview/people.csv", { token, fetcher: at })).status).toBe(404);
    expect((await api("/api/v1/overview/people", { token, fetcher: at })).status).toBe(404);
    expect((await api("/api/v1/overview/levels.csv", { token: null, fetcher: at })).status).toBe(401);
    const badQuery = await api(`/api/v1/overview/levels.csv?neighbourhoodId=${"x".repeat(65)}`, { fetcher: at });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["neighbourhoodId"]);
  });
});
