import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { adminToken, api, apiWorld, NOW } from "../helpers/api-factories";
import { appAt, db } from "../helpers/factories";
import { fileOf, htmlBytes, makeDocument, pdfBytes, xlsxBytes } from "../helpers/document-files";
import { makeInvolvement } from "../helpers/people-factories";
import { documents } from "../../src/db/schema";
import { openApiDocument } from "../../src/api";
import { MAX_UPLOAD_REQUEST_BYTES } from "../../src/domain/documents/documents";

const app = appAt(NOW);

/** A multipart upload to the API (the api() helper sends JSON). */
async function upload(token: string, fields: Record<string, string>, file?: File, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", file, file.name);
  const res = await app(
    new Request("http://localhost/api/v1/documents", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": crypto.randomUUID(), ...headers },
    }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

async function download(token: string, id: string) {
  const res = await app(
    new Request(`http://localhost/api/v1/documents/${id}/file`, {
      headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": crypto.randomUUID() },
    }),
  );
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("documents in the API", () => {
  it("an admin token uploads a spreadsheet (multipart); the type comes from its content; a partner token may not upload", async () => {
    const w = await apiWorld();
    const { token, admin } = await adminToken();
    const bytes = xlsxBytes();
    const res = await upload(
      token,
      { subjectType: "funding", subjectId: w.here.funding.id, kind: "accounting", title: "Verantwoording 2025" },
      fileOf(bytes, "verantwoording.bin", "text/plain"),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      subjectType: "funding",
      subjectId: w.here.funding.id,
      initiativeId: w.initiative.id,
      neighbourhoodId: w.hood.id,
      kind: "accounting",
      title: "Verantwoording 2025",
      fileName: "verantwoording.bin.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      sizeBytes: bytes.byteLength,
      createdBy: admin.id,
      version: 1,
    });
    expect(res.body).not.toHaveProperty("storageKey");
    const got = await download(token, res.body.id);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(bytes);
    expect(got.headers.get("content-disposition")).toContain('attachment; filename="verantwoording.bin.xlsx"');
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    // The same download as the pages give (downloadResponse): sandboxed, never in a shared cache.
    expect(got.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(got.headers.get("cache-control")).toBe("private, no-store");

    const partner = await upload(
      w.partnerTok,
      { subjectType: "funding", subjectId: w.here.funding.id, kind: "accounting" },
      fileOf(pdfBytes(), "x.pdf"),
    );
    expect(partner.status).toBe(403);
  });

  it("answers bad uploads with 422 naming the field, a body that is not multipart with 415, one over 10 MB with 413 — and stores nothing", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const before = (await db.select().from(documents)).length;
    const objects = (await env.DOCUMENTS.list()).objects.length;
    const fields = { subjectType: "initiative", subjectId: w.initiative.id, kind: "insurance" };

    const html = await upload(token, fields, fileOf(htmlBytes(), "polis.pdf", "application/pdf"));
    expect(html.status).toBe(422);
    expect(html.body.error.fields).toEqual([{ path: "file", message: expect.stringContaining("Dit soort bestand") }]);
    const noFile = await upload(token, fields);
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.fields.map((f: { path: string }) => f.path)).toContain("file");
    const unknown = await upload(token, { ...fields, subjectId: "no-such-initiative" }, fileOf(pdfBytes(), "polis.pdf"));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual([{ path: "subjectId", message: expect.any(String) }]);
    const badKind = await upload(token, { ...fields, kind: "love_letter" }, fileOf(pdfBytes(), "polis.pdf"));
    expect(badKind.status).toBe(422);
    expect(badKind.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["kind"]);
    const extra = await upload(token, { ...fields, storageKey: "elsewhere" }, fileOf(pdfBytes(), "polis.pdf"));
    expect(extra.status).toBe(422);

    const json = await api("/api/v1/documents", { token, body: { ...fields } });
    expect(json.status).toBe(415);

    const huge = new Uint8Array(MAX_UPLOAD_REQUEST_BYTES + 1);
    huge.set(pdfBytes());
    const tooLarge = await upload(token, fields, fileOf(huge, "scan.pdf"));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("payload_too_large");
    expect(tooLarge.body.error.message).toContain("10 MB");

    expect((await db.select().from(documents)).length).toBe(before);
    expect((await env.DOCUMENTS.list()).objects.length).toBe(objects);
  });

  it("partner tokens list and download their neighbourhood's documents — not another neighbourhood's, not one about a person, not an archived file", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const letter = await makeDocument("funding", w.here.funding.id, { title: "Beschikking hier" });
    const theirs = await makeDocument("funding", w.there.funding.id, { title: "Beschikking daar" });
    const personal = await makeDocument("involvement", w.here.involvement.id, { kind: "other", title: "VOG" });
    const old = await makeDocument("initiative", w.initiative.id, { kind: "insurance", title: "Oude polis" });
    const archived = await api(`/api/v1/documents/${old.id}/archival`, { token, method: "POST", body: { version: 1 } });
    expect(archived.status, archived.text).toBe(200);
    expect(archived.body.archivedAt).toBe(NOW);

    const mine = await api(`/api/v1/documents?initiativeId=${w.initiative.id}&archived=include`, { token: w.partnerTok });
    expect(mine.status).toBe(200);
    const titles = mine.body.data.map((d: { title: string }) => d.title);
    expect(titles).toEqual(expect.arrayContaining(["Beschikking hier", "Oude polis"]));
    expect(titles).not.toContain("VOG");
    expect(titles).not.toContain("Beschikking daar");
    const elsewhere = await api(`/api/v1/documents?neighbourhoodId=${w.otherHood.id}`, { token: w.partnerTok });
    expect(elsewhere.status).toBe(403);
    const all = await api(`/api/v1/documents?archived=include&limit=100`, { token });
    expect(all.body.data.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([letter.id, theirs.id, personal.id, old.id]));

    expect((await download(w.partnerTok, letter.id)).status).toBe(200);
    expect((await download(w.partnerTok, theirs.id)).status).toBe(403);
    expect((await download(w.partnerTok, personal.id)).status).toBe(403);
    expect((await api(`/api/v1/documents/${personal.id}`, { token: w.partnerTok })).status).toBe(403);
    expect((await download(w.partnerTok, old.id)).status).toBe(403);
    expect((await download(token, old.id)).status).toBe(200);
    expect((await download(token, personal.id)).status).toBe(200);
    expect((await api(`/api/v1/documents/${letter.id}/archival`, { token: w.partnerTok, method: "POST" })).status).toBe(403);
    // A stale version is refused before anything changes.
    const stale = await api(`/api/v1/documents/${old.id}/restoration`, { token, method: "POST", body: { version: 1 } });
    expect(stale.status).toBe(409);
  });

  it("documents every operation in the OpenAPI document, the upload as multipart with a binary file", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> }
        >
      >;
      components: { schemas: Record<string, { properties?: Record<string, { format?: string }> }> };
    };
    expect(Object.keys(doc.paths["/v1/documents"]!).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/v1/documents"]!.post!.requestBody!.content).toHaveProperty("multipart/form-data");
    expect(doc.components.schemas.DocumentUpload!.properties!.file!.format).toBe("binary");
    expect(doc.paths["/v1/documents/{id}/file"]!.get!.responses["200"]!.content).toHaveProperty("application/pdf");
    expect(doc.paths["/v1/documents/{id}/archival"]).toHaveProperty("post");
    expect(doc.paths["/v1/documents/{id}/restoration"]).toHaveProperty("post");
  });

  it("an upload about a volunteer is about that person", async () => {
    const w = await apiWorld();
    const { token } = await adminToken();
    const involvement = await makeInvolvement(w.initiative.id, w.here.volunteer.id, { role: "treasurer" });
    const res = await upload(
      token,
      { subjectType: "involvement", subjectId: involvement.id, kind: "other" },
      fileOf(pdfBytes(), "vog.pdf"),
    );
    expect(res.status, res.text).toBe(201);
    const row = await db.query.documents.findFirst({ where: eq(documents.id, res.body.id) });
    expect(row!.aboutPersonId).toBe(w.here.volunteer.id);
  });
});
