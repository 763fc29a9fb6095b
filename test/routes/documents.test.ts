import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { Browser } from "../helpers/browser";
import { makeFacility, makeFunding, makePartnerMemberIn } from "../helpers/money-factories";
import { makeInvolvement } from "../helpers/people-factories";
import { docxBytes, fileOf, htmlBytes, makeDocument, pdfBytes, plainZipBytes, pngBytes } from "../helpers/document-files";
import { auditLog, documents } from "../../src/db/schema";
import { MAX_DOCUMENT_BYTES, MAX_UPLOAD_REQUEST_BYTES } from "../../src/domain/documents/documents";

const docsOf = (initiativeId: string) => db.select().from(documents).where(eq(documents.initiativeId, initiativeId));
const objectCount = async () => (await env.DOCUMENTS.list({ prefix: "documents/" })).objects.length;

async function world() {
  const w = await makeWorld();
  const funding = await makeFunding(w.initiative.id, { sourceName: "Gemeente Lindenstad" });
  // A partner organisation linked only to the other neighbourhood.
  const elsewhere = await makePartnerMemberIn(w.otherHood.id, "Fonds Elders");
  return { ...w, funding, unlinkedPartner: elsewhere.person };
}

describe("a coordinator keeps the initiative's papers in its binder", () => {
  it("uploads a grant decision letter into a funding stream's slot; it is stored in R2 and listed with who added it", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`/initiatives/${w.initiative.id}`);
    // The stream shows its two slots, each with a link to the form for that slot.
    expect(page.html).toContain("Beschikking");
    expect(page.html).toContain("Verantwoording");
    const slot = `/initiatives/${w.initiative.id}/documents/new?subject=funding:${w.funding.id}&amp;kind=grant_decision`;
    expect(page.html).toContain(slot);
    const form = await browser.get(slot.replace("&amp;", "&"));
    expect(form.status).toBe(200);
    expect(form.html).toContain('enctype="multipart/form-data"');
    expect(form.html).toMatch(/<option value="grant_decision" selected/);
    expect(form.html).toMatch(new RegExp(`<option value="funding:${w.funding.id}" selected`));

    const bytes = pdfBytes("Beschikking 2026");
    const res = await browser.postMultipart(
      `/initiatives/${w.initiative.id}/documents`,
      { subject: `funding:${w.funding.id}`, kind: "grant_decision", title: "" },
      { file: fileOf(bytes, "Beschikking 2026 gemeente.pdf", "application/pdf") },
    );
    expect(res.status, res.html.slice(0, 500)).toBe(303);
    expect(res.location).toBe(`/initiatives/${w.initiative.id}#funding`);
    const [doc] = await docsOf(w.initiative.id);
    expect(doc).toMatchObject({
      subjectType: "funding",
      subjectId: w.funding.id,
      neighbourhoodId: w.hood.id,
      kind: "grant_decision",
      title: "Beschikking 2026 gemeente",
      fileName: "Beschikking 2026 gemeente.pdf",
      contentType: "application/pdf",
      sizeBytes: bytes.byteLength,
      aboutPersonId: null,
      createdBy: w.coordinator.id,
    });
    const object = await env.DOCUMENTS.get(doc!.storageKey);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    expect(object!.httpMetadata?.contentType).toBe("application/pdf");
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, doc!.id));
    expect(trail.map((a) => [a.entity, a.action, a.initiativeId])).toEqual([["document", "create", w.initiative.id]]);

    const after = await browser.get(`/initiatives/${w.initiative.id}`);
    expect(after.html).toContain("Beschikking toegevoegd: Beschikking 2026 gemeente.");
    expect(after.html).toContain(`/initiatives/${w.initiative.id}/documents/${doc!.id}/file`);
    const binder = await browser.get(`/initiatives/${w.initiative.id}/documents`);
    expect(binder.status).toBe(200);
    expect(binder.html).toContain("Geldbron: Gemeente Lindenstad");
    expect(binder.html).toContain(`door ${w.coordinator.name},`); // who added it (and when)
    // The history says it in words: a document, its kind, its file — no ids.
    const history = await browser.get(`/initiatives/${w.initiative.id}/history`);
    expect(history.html).toContain("Document");
    expect(history.html).toContain("Beschikking 2026 gemeente.pdf");
    expect(history.html).toMatch(/Soort document[\s\S]{0,200}Beschikking/);
    expect(history.html).not.toContain(w.funding.id);
  });

  it("types the file by its content: a photo, a Word file; an HTML page named .pdf and a plain zip are refused next to the field", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/documents/new`);
    const post = (file: File, kind = "insurance") =>
      browser.postMultipart(
        `/initiatives/${w.initiative.id}/documents`,
        { subject: `initiative:${w.initiative.id}`, kind, title: "" },
        { file },
      );
    expect((await post(fileOf(pngBytes(), "polis.png", "image/png"))).status).toBe(303);
    expect((await post(fileOf(docxBytes(), "polis.docx"), "agreement")).status).toBe(303);
    const stored = await docsOf(w.initiative.id);
    expect(stored.map((d) => d.contentType).sort()).toEqual([
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "image/png",
    ]);

    const objectsBefore = await objectCount();
    await browser.get(`/initiatives/${w.initiative.id}/documents/new`);
    for (const file of [
      fileOf(htmlBytes(), "brief.pdf", "application/pdf"),
      fileOf(plainZipBytes(), "contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]) {
      const bad = await post(file);
      expect(bad.status).toBe(422);
      expect(bad.html).toContain("Dit soort bestand kunnen we niet bewaren.");
      expect(bad.html).toContain('id="field-file-error"');
      expect(bad.html).toContain("<title>Fout:");
    }
    expect(await docsOf(w.initiative.id)).toHaveLength(2);
    expect(await objectCount()).toBe(objectsBefore);
  });

  it("answers a missing file, a missing kind and a subject of another initiative all at once, and writes nothing", async () => {
    const w = await world();
    const theirs = await makeFunding(w.otherInitiative.id);
    const facility = await makeFacility(w.hood.id);
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/documents/new`);
    const bad = await browser.postMultipart(`/initiatives/${w.initiative.id}/documents`, {
      subject: `funding:${theirs.id}`,
      kind: "",
      title: "Gekaapt",
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Kies een bestand.");
    expect(bad.html).toContain("Kies uit de lijst waar het document bij hoort.");
    expect(bad.html).toContain('value="Gekaapt"'); // the input is kept
    // A facility's documents belong to the neighbourhood's binder, not to an initiative's.
    const facilityHere = await browser.postMultipart(
      `/initiatives/${w.initiative.id}/documents`,
      { subject: `facility:${facility.id}`, kind: "agreement" },
      { file: fileOf(pdfBytes(), "overeenkomst.pdf") },
    );
    expect(facilityHere.status).toBe(422);
    expect(facilityHere.html).toContain("Kies uit de lijst waar het document bij hoort.");
    expect(await docsOf(w.initiative.id)).toHaveLength(0);
  });

  it("refuses a request over 10 MB on its length, before reading it, and says so next to the file field", async () => {
    const w = await world();
    const browser = await signedIn(w.coordinator.id);
    await browser.get(`/initiatives/${w.initiative.id}/documents/new?subject=funding:${w.funding.id}&kind=grant_decision`);
    const objectsBefore = await objectCount();
    const huge = new Uint8Array(MAX_UPLOAD_REQUEST_BYTES + 1);
    huge.set(pdfBytes());
    const res = await browser.postMultipart(
      `/initiatives/${w.initiative.id}/documents?subject=funding:${w.funding.id}&kind=grant_decision`,
      { subject: `funding:${w.funding.id}`, kind: "grant_decision" },
      { file: fileOf(huge, "scan.pdf", "application/pdf") },
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(
      `/initiatives/${w.initiative.id}/documents/new?subject=funding%3A${w.funding.id}&kind=grant_decision&tooLarge=1`,
    );
    const form = await browser.get(res.location!);
    expect(form.status).toBe(413);
    expect(form.html).toContain("Dit bestand is groter dan 10 MB.");
    expect(form.html).toMatch(new RegExp(`<option value="funding:${w.funding.id}" selected`));

    // Just over the limit, within the room for the form's other fields: the file itself is measured.
    const over = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    over.set(pdfBytes());
    const bad = await browser.postMultipart(
      `/initiatives/${w.initiative.id}/documents`,
      { subject: `funding:${w.funding.id}`, kind: "grant_decision" },
      { file: fileOf(over, "scan.pdf", "application/pdf") },
    );
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Dit bestand is groter dan 10 MB.");
    expect(await docsOf(w.initiative.id)).toHaveLength(0);
    expect(await objectCount()).toBe(objectsBefore);
  });

  it("refuses uploads from partners, from people without a role, without the CSRF token, and from visitors", async () => {
    const w = await world();
    const upload = (b: Browser, csrf?: string | null) =>
      b.postMultipart(
        `/initiatives/${w.initiative.id}/documents`,
        { subject: `initiative:${w.initiative.id}`, kind: "insurance" },
        { file: fileOf(pdfBytes(), "polis.pdf") },
        { csrf },
      );
    for (const who of [w.partnerPerson, w.nobody]) {
      const b = await signedIn(who.id);
      await b.get("/");
      expect((await upload(b)).status, who.name).toBe(403);
      expect((await b.get(`/initiatives/${w.initiative.id}/documents/new`)).status).toBe(403);
    }
    const coordinator = await signedIn(w.coordinator.id);
    await coordinator.get("/");
    expect((await upload(coordinator, "not-the-token")).status).toBe(403);
    expect((await upload(coordinator, null)).status).toBe(403);
    const visitor = new Browser();
    await visitor.get("/sign-in");
    expect((await upload(visitor)).status).toBe(401);
    expect(await docsOf(w.initiative.id)).toHaveLength(0);
  });
});

describe("downloading follows the record's access rules", () => {
  it("a partner linked to the neighbourhood downloads the grant decision letter; a partner not linked does not", async () => {
    const w = await world();
    const bytes = pdfBytes("Beschikking Gemeente Lindenstad");
    const doc = await makeDocument("funding", w.funding.id, { name: "Beschikking 2026.pdf", bytes, actorId: w.coordinator.id });
    const path = `/initiatives/${w.initiative.id}/documents/${doc.id}/file`;

    const partner = await signedIn(w.partnerPerson.id);
    const page = await partner.get(`/initiatives/${w.initiative.id}`);
    expect(page.html).toContain(path); // the slot links to it
    const got = await partner.download(path);
    expect(got.status).toBe(200);
    expect(got.bytes).toEqual(bytes);
    expect(got.res.headers.get("content-type")).toBe("application/pdf");
    expect(got.res.headers.get("content-disposition")).toBe(
      `attachment; filename="Beschikking 2026.pdf"; filename*=UTF-8''Beschikking%202026.pdf`,
    );
    expect(got.res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.res.headers.get("cache-control")).toContain("no-store");

    const unlinked = await signedIn(w.unlinkedPartner.id);
    const refused = await unlinked.download(path);
    expect(refused.status).toBe(403);
    expect(new TextDecoder().decode(refused.bytes)).not.toContain("%PDF");
    expect((await unlinked.get(`/initiatives/${w.initiative.id}/documents`)).status).toBe(403);

    for (const who of [w.admin, w.coordinator]) expect((await (await signedIn(who.id)).download(path)).status, who.name).toBe(200);
    expect((await (await signedIn(w.nobody.id)).download(path)).status).toBe(403);
    const visitor = await new Browser().download(path);
    expect(visitor.status).toBe(303);
    expect(visitor.res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    // A document of this initiative asked for under another initiative's path: not found there.
    const admin = await signedIn(w.admin.id);
    expect((await admin.download(`/initiatives/${w.otherInitiative.id}/documents/${doc.id}/file`)).status).toBe(404);
  });

  it("a document about a volunteer is for the coordinators and admins only", async () => {
    const w = await world();
    const involvement = await makeInvolvement(w.initiative.id, w.nobody.id, { role: "volunteer" });
    const doc = await makeDocument("involvement", involvement.id, { kind: "other", title: "VOG Nina", name: "vog.pdf" });
    expect(doc.aboutPersonId).toBe(w.nobody.id);
    const path = `/initiatives/${w.initiative.id}/documents/${doc.id}/file`;
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`/initiatives/${w.initiative.id}/documents`)).html).not.toContain("VOG Nina");
    expect((await partner.download(path)).status).toBe(403);
    const coordinator = await signedIn(w.coordinator.id);
    const binder = await coordinator.get(`/initiatives/${w.initiative.id}/documents`);
    expect(binder.html).toContain("VOG Nina");
    expect(binder.html).toContain("Over een persoon: alleen voor coördinatoren");
    expect((await coordinator.download(path)).status).toBe(200);
  });

  it("an archived document is listed apart and only an admin can still download it; restoring brings it back", async () => {
    const w = await world();
    const doc = await makeDocument("initiative", w.initiative.id, { kind: "insurance", title: "Polis 2025", name: "polis.pdf" });
    const path = `/initiatives/${w.initiative.id}/documents/${doc.id}/file`;
    const coordinator = await signedIn(w.coordinator.id);
    await coordinator.get(`/initiatives/${w.initiative.id}/documents`);
    const archived = await coordinator.post(`/initiatives/${w.initiative.id}/documents/${doc.id}/archival`);
    expect(archived.status).toBe(303);
    const row = await db.query.documents.findFirst({ where: eq(documents.id, doc.id) });
    expect(row!.archivedAt).not.toBeNull();
    expect(await env.DOCUMENTS.head(doc.storageKey)).not.toBeNull(); // archived is not deleted

    const binder = await coordinator.get(`/initiatives/${w.initiative.id}/documents`);
    expect(binder.html).toContain("Gearchiveerde documenten (1)");
    expect(binder.html).toContain("Polis 2025");
    expect(binder.html).not.toContain(`href="${path}"`);
    expect((await coordinator.download(path)).status).toBe(403);
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`/initiatives/${w.initiative.id}/documents`)).html).not.toContain("Polis 2025");
    expect((await partner.download(path)).status).toBe(403);
    const admin = await signedIn(w.admin.id);
    expect((await admin.get(`/initiatives/${w.initiative.id}/documents`)).html).toContain(`href="${path}"`);
    expect((await admin.download(path)).status).toBe(200);

    // Partners may not archive; the coordinator restores it.
    await partner.get(`/initiatives/${w.initiative.id}`);
    expect((await partner.post(`/initiatives/${w.initiative.id}/documents/${doc.id}/restoration`)).status).toBe(403);
    await coordinator.get(`/initiatives/${w.initiative.id}/documents`);
    expect((await coordinator.post(`/initiatives/${w.initiative.id}/documents/${doc.id}/restoration`)).status).toBe(303);
    expect((await coordinator.download(path)).status).toBe(200);
    const trail = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "document"), eq(auditLog.entityId, doc.id)));
    expect(trail.map((t) => t.action)).toEqual(["create", "archive", "restore"]);
  });
});

describe("the neighbourhood's binder holds its facilities' documents", () => {
  it("a coordinator in the neighbourhood adds a user agreement; linked partners download it, others do not", async () => {
    const w = await world();
    const facility = await makeFacility(w.hood.id, { name: "Buurthuis De Linde" });
    const browser = await signedIn(w.coordinator.id);
    const page = await browser.get(`/neighbourhoods/${w.hood.id}/facilities`);
    expect(page.html).toContain(`/neighbourhoods/${w.hood.id}/documents/new?subject=facility:${facility.id}`);
    await browser.get(`/neighbourhoods/${w.hood.id}/documents/new?subject=facility:${facility.id}`);
    const res = await browser.postMultipart(
      `/neighbourhoods/${w.hood.id}/documents`,
      { subject: `facility:${facility.id}`, kind: "agreement", title: "Gebruiksovereenkomst" },
      { file: fileOf(pdfBytes(), "overeenkomst.pdf") },
    );
    expect(res.status, res.html.slice(0, 300)).toBe(303);
    const [doc] = await db.select().from(documents).where(eq(documents.subjectId, facility.id));
    expect(doc).toMatchObject({ initiativeId: null, neighbourhoodId: w.hood.id, kind: "agreement" });
    const path = `/neighbourhoods/${w.hood.id}/documents/${doc!.id}/file`;
    const partner = await signedIn(w.partnerPerson.id);
    expect((await partner.get(`/neighbourhoods/${w.hood.id}/documents`)).html).toContain("Voorziening: Buurthuis De Linde");
    expect((await partner.download(path)).status).toBe(200);
    expect((await (await signedIn(w.unlinkedPartner.id)).download(path)).status).toBe(403);
    // Another neighbourhood's facility cannot be chosen here.
    const theirs = await makeFacility(w.otherHood.id);
    await browser.get(`/neighbourhoods/${w.hood.id}/documents/new`);
    const bad = await browser.postMultipart(
      `/neighbourhoods/${w.hood.id}/documents`,
      { subject: `facility:${theirs.id}`, kind: "agreement" },
      { file: fileOf(pdfBytes(), "overeenkomst.pdf") },
    );
    expect(bad.status).toBe(422);
  });
});
