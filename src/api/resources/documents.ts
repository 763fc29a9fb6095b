// The binder's documents: list, read, upload (multipart, admin), download and archive. The same
// domain as the pages: the file's type is found from its first bytes, its size is limited to 10 MB
// (the request's length is checked before its body is read, src/api/index.ts), and partner tokens
// see the documents of their neighbourhoods — not those about a person, nor archived ones' files.
import { and, eq, isNull } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import * as z from "zod";
import { documents, DOCUMENT_KINDS, DOCUMENT_SUBJECTS } from "../../db/schema";
import {
  addDocument,
  documentContract,
  findSubject,
  mayDownload,
  openDocument,
  setDocumentArchived,
  type DocumentRow,
} from "../../domain/documents/documents";
import { ACCEPTED_CONTENT_TYPES, downloadResponse } from "../../domain/documents/file-types";
import { isAdmin, type ApiContext, type ApiEnv } from "../context";
import { ApiError, forbidden, notFound } from "../errors";
import { changed, found, idParams, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, inNeighbourhoods, requireAdmin, requireRead } from "../scope";
import { accepted, archiveRoutes, checkVersion } from "./common";

const TAG = "Documents";
export const DocumentRecord = recordSchema("Document", documents, { omit: ["storageKey"] });

/** The record as the API shows it: where R2 keeps the bytes is no business of the caller. */
function record({ storageKey: _key, ...doc }: DocumentRow) {
  return doc;
}

/** What this token may do with one document, as the screens decide it (an API token is admin or a partner). */
const viewerOf = (c: ApiContext) => {
  const admin = isAdmin(c.var.principal);
  return { isAdmin: admin, canEdit: admin };
};

async function load(c: ApiContext, id: string) {
  const doc = await byId(c.var.db, documents, id);
  requireRead(c, doc.neighbourhoodId);
  // A partner token reads the neighbourhood's documents, not those about a person.
  if (doc.aboutPersonId && !isAdmin(c.var.principal)) throw forbidden();
  return doc;
}

const adminOnly = createMiddleware<ApiEnv>(async (c, next) => {
  if (!isAdmin(c.var.principal)) throw forbidden();
  await next();
});

/** A file in a multipart body; documented as binary. */
const uploadedFile = z
  .custom<File>((v) => v instanceof File, { message: "documents.error.noFile" })
  .openapi({ type: "string", format: "binary", description: "The file: PDF, PNG, JPEG, WebP, docx, xlsx, odt or ods; at most 10 MB." });

/** The refusals a read can give (its 200 is the file itself). */
const { 200: _record, ...refusals } = found(DocumentRecord);

export function registerDocumentsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/documents", { id: "listDocuments", tag: TAG, summary: "List documents" }),
    request: {
      query: listQuery({
        initiativeId: z.string().max(64).optional(),
        neighbourhoodId: z.string().max(64).optional(),
        subjectType: z.enum(DOCUMENT_SUBJECTS).optional(),
        subjectId: z.string().max(64).optional(),
        kind: z.enum(DOCUMENT_KINDS).optional(),
      }),
    },
    responses: listed("Document", DocumentRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(
      ...inNeighbourhoods(c, documents.neighbourhoodId, q.neighbourhoodId),
      isAdmin(c.var.principal) ? undefined : isNull(documents.aboutPersonId),
      archivedWhere(documents.archivedAt, q.archived),
      q.initiativeId ? eq(documents.initiativeId, q.initiativeId) : undefined,
      q.subjectType ? eq(documents.subjectType, q.subjectType) : undefined,
      q.subjectId ? eq(documents.subjectId, q.subjectId) : undefined,
      q.kind ? eq(documents.kind, q.kind) : undefined,
    );
    const page = await keysetPage(c.var.db, documents, where, q);
    return c.json({ ...page, data: page.data.map(record) }, 200);
  });

  const get = createRoute({
    ...op("get", "/documents/{id}", { id: "getDocument", tag: TAG, summary: "Get a document's record (not its file)" }),
    request: { params: idParams },
    responses: found(DocumentRecord),
  });
  app.openapi(get, async (c) => c.json(record(await load(c, c.req.valid("param").id)), 200));

  const file = createRoute({
    ...op("get", "/documents/{id}/file", {
      id: "downloadDocument",
      tag: TAG,
      summary: "Download a document's file",
      description:
        "The file as stored, with the content type found from its content, `Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`. An archived document's file is for admin tokens only.",
    }),
    request: { params: idParams },
    responses: {
      200: {
        description: "The file.",
        content: Object.fromEntries(ACCEPTED_CONTENT_TYPES.map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }])),
      },
      ...refusals,
    },
  });
  app.openapi(file, async (c) => {
    const doc = await load(c, c.req.valid("param").id);
    if (!mayDownload(doc, viewerOf(c))) throw forbidden();
    const object = await openDocument(c.env.DOCUMENTS, doc);
    if (!object) throw notFound();
    return downloadResponse(doc, object);
  });

  const upload = createRoute({
    ...op("post", "/documents", {
      id: "uploadDocument",
      tag: TAG,
      summary: "Upload a document (admin)",
      description:
        "A multipart/form-data body: what it belongs to (`subjectType` and `subjectId`: an initiative, funding stream, task, volunteer (involvement) or facility), its `kind`, an optional `title` (else the file's name) and the `file`. The type is found from the file's content, not from its name or Content-Type; a request over 10 MB is refused (413) before it is read.",
    }),
    middleware: [adminOnly],
    request: {
      body: {
        required: true,
        content: { "multipart/form-data": { schema: documentContract.createBody({ file: uploadedFile }, "DocumentUpload") } },
      },
    },
    responses: changed(DocumentRecord, 201),
  });
  app.openapi(upload, async (c) => {
    const { db, now, principal } = c.var;
    const { file: sent, ...json } = c.req.valid("form");
    const input = accepted(documentContract.fromJson(json));
    const subject = await findSubject(db, input.subjectType, input.subjectId);
    if (!subject) throw new ApiError(422, "validation_failed", { fields: [{ path: "subjectId", key: "documents.error.subject" }] });
    requireRead(c, subject.neighbourhoodId);
    const fileOf = async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    const added = await addDocument(db, c.env.DOCUMENTS, subject, input, await fileOf(sent), principal.actorId, now);
    if (!added.ok) throw new ApiError(422, "validation_failed", { fields: [{ path: "file", key: added.errors.file! }] });
    return c.json(record(await byId(db, documents, added.id)), 201);
  });

  archiveRoutes(app, {
    path: "/documents",
    tag: TAG,
    noun: "Document",
    what: "a document (admin): archived documents stay, listed apart; only admins can download their files",
    record: DocumentRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const doc = await load(c, id);
      requireAdmin(c);
      checkVersion(version, doc, record(doc));
      await setDocumentArchived(db, doc, archive, principal.actorId, now);
      return record(await byId(db, documents, id));
    },
  });
}
