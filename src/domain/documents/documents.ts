// The initiative's binder (item 5 of issue 18): documents attached to an initiative, a funding
// stream, a task or a volunteer (involvement) — or, for the neighbourhood, to a facility. The file
// itself lives in R2 (the DOCUMENTS bucket) under `documents/<id>`; the row says what it is, what it
// hangs on, who added it and when. Documents are archived, never deleted (erasure of the person a
// document is about is the one exception: src/domain/data/erasure.ts).
//
// Who may see one is who may read what it hangs on (the scope gate: admins, the neighbourhood's
// coordinators, partners linked to the neighbourhood), with two narrowings: a document about a
// person (attached to a volunteer) is for those who keep the initiative (its coordinators and
// admins), and an archived one can only be downloaded by admins.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  documents,
  facilities,
  fundingStreams,
  initiatives,
  involvements,
  people,
  tasks,
  DOCUMENT_KINDS,
  DOCUMENT_SUBJECTS,
} from "../../db/schema";
import type { MessageKey } from "../../i18n/catalogue";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { setArchived } from "../archive";
import { detectFileType, safeFileName } from "./file-types";

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentSubject = (typeof DOCUMENT_SUBJECTS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** At most 10 MB per file (10 × 1024 × 1024 bytes). Checked on the request's length before its body is read. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Room for the other fields and the multipart boundaries around a file of the maximum size. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/** The kinds a funding stream has a slot for: its decision letter and its accounting. */
export const FUNDING_SLOTS = ["grant_decision", "accounting"] as const satisfies readonly DocumentKind[];

const documentFields = {
  subjectType: f.choice("documents.field.subjectType", DOCUMENT_SUBJECTS),
  subjectId: f.requiredId("documents.field.subject"),
  kind: f.choice("documents.field.kind", DOCUMENT_KINDS),
  title: f.optionalText("documents.field.title", 200),
};

/** A document's fields, once, for the API (the file itself comes beside them). */
export const documentContract = defineContract({ name: "Document", fields: documentFields });
export type DocumentInput = Values<typeof documentFields>;

const SUBJECT_RE = /^(initiative|funding|facility|task|involvement):([^:]{1,64})$/;
const formFields = {
  /** One select: "funding:<id>", "task:<id>", … */
  subject: f.requiredText("documents.field.subject", 140),
  kind: documentFields.kind,
  title: documentFields.title,
};
const subjectWellFormed: Rule<typeof formFields> = (v) =>
  v.subject !== undefined && !SUBJECT_RE.test(v.subject) ? { subject: "form.unknownOption" } : {};

/** The upload form asks "what does it belong to?" in one select; this maps it onto the contract. */
export const documentFormContract = defineContract({ name: "DocumentForm", fields: formFields, rules: [subjectWellFormed] });

/** The subject a form's select names ("funding:<id>"), or null when it is not of that shape. */
export function subjectOfForm(value: unknown): Pick<DocumentInput, "subjectType" | "subjectId"> | null {
  const match = typeof value === "string" ? SUBJECT_RE.exec(value) : null;
  return match ? { subjectType: match[1] as DocumentSubject, subjectId: match[2]! } : null;
}

/** What a document hangs on, found: where it belongs and whom it is about. */
export type FoundSubject = {
  type: DocumentSubject;
  id: string;
  initiativeId: string | null;
  neighbourhoodId: string;
  /** The volunteer a document attached to their involvement is about. */
  aboutPersonId: string | null;
};

/** The record a document would hang on, or null when there is no such record. */
export async function findSubject(db: Db, type: DocumentSubject, id: string): Promise<FoundSubject | null> {
  const inInitiative = (table: typeof fundingStreams | typeof tasks) =>
    db
      .select({ initiativeId: initiatives.id, neighbourhoodId: initiatives.neighbourhoodId })
      .from(table)
      .innerJoin(initiatives, eq(initiatives.id, table.initiativeId))
      .where(eq(table.id, id));
  let row: { initiativeId: string | null; neighbourhoodId: string; aboutPersonId?: string | null } | undefined;
  if (type === "initiative")
    [row] = await db
      .select({ initiativeId: initiatives.id, neighbourhoodId: initiatives.neighbourhoodId })
      .from(initiatives)
      .where(eq(initiatives.id, id));
  else if (type === "funding") [row] = await inInitiative(fundingStreams);
  else if (type === "task") [row] = await inInitiative(tasks);
  else if (type === "involvement")
    [row] = await db
      .select({ initiativeId: initiatives.id, neighbourhoodId: initiatives.neighbourhoodId, aboutPersonId: involvements.personId })
      .from(involvements)
      .innerJoin(initiatives, eq(initiatives.id, involvements.initiativeId))
      .where(eq(involvements.id, id));
  else
    [row] = await db
      .select({ initiativeId: sql<string | null>`NULL`, neighbourhoodId: facilities.neighbourhoodId })
      .from(facilities)
      .where(eq(facilities.id, id));
  return row
    ? { type, id, initiativeId: row.initiativeId, neighbourhoodId: row.neighbourhoodId, aboutPersonId: row.aboutPersonId ?? null }
    : null;
}

/** Where a binder lives: an initiative's (its own records) or a neighbourhood's (its facilities). */
export type BinderScope = { initiativeId: string } | { neighbourhoodId: string };

/** The subject, when it exists and belongs to this binder; otherwise a message for the subject field. */
export async function subjectIn(
  db: Db,
  scope: BinderScope,
  input: Pick<DocumentInput, "subjectType" | "subjectId">,
  field = "subject",
): Promise<{ subject: FoundSubject } | { errors: FieldErrors }> {
  const found = await findSubject(db, input.subjectType, input.subjectId);
  const fits =
    found &&
    ("initiativeId" in scope
      ? found.type !== "facility" && found.initiativeId === scope.initiativeId
      : found.type === "facility" && found.neighbourhoodId === scope.neighbourhoodId);
  return fits ? { subject: found } : { errors: { [field]: "documents.error.subject" } };
}

/** A file as it arrives (from a form, the API or the demo data). */
export type Upload = { name: string; bytes: Uint8Array };

/** Checks the file itself: present, not empty, not too large, and of an accepted kind by its content. */
export function checkFile(file: Upload | null): { ok: true; contentType: string; fileName: string } | { ok: false; error: MessageKey } {
  if (!file) return { ok: false, error: "documents.error.noFile" };
  if (file.bytes.byteLength === 0) return { ok: false, error: "documents.error.empty" };
  if (file.bytes.byteLength > MAX_DOCUMENT_BYTES) return { ok: false, error: "documents.error.tooLarge" };
  const type = detectFileType(file.bytes);
  if (!type) return { ok: false, error: "documents.error.type" };
  return { ok: true, contentType: type.contentType, fileName: safeFileName(file.name, type) };
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Stores a checked file in R2, then its row and audit entry in one batch. The object goes first, so a
 * row never points at nothing; when the batch fails, the object is removed again. Returns the id,
 * or the message for the file field (nothing is stored then).
 */
export async function addDocument(
  db: Db,
  bucket: R2Bucket,
  subject: FoundSubject,
  input: Pick<DocumentInput, "kind" | "title">,
  file: Upload | null,
  actorId: string | null,
  now: Date,
): Promise<{ ok: true; id: string; title: string } | { ok: false; errors: FieldErrors }> {
  const checked = checkFile(file);
  if (!checked.ok) return { ok: false, errors: { file: checked.error } };
  const bytes = file!.bytes;
  const id = crypto.randomUUID();
  const storageKey = `documents/${id}`;
  const sha256 = hex(await crypto.subtle.digest("SHA-256", bytes));
  const at = now.toISOString();
  const title = input.title ?? checked.fileName.replace(/\.[^.]+$/, "");
  await bucket.put(storageKey, bytes, {
    sha256,
    httpMetadata: { contentType: checked.contentType },
    customMetadata: { documentId: id },
  });
  const row = {
    id,
    neighbourhoodId: subject.neighbourhoodId,
    initiativeId: subject.initiativeId,
    subjectType: subject.type,
    subjectId: subject.id,
    kind: input.kind,
    title,
    fileName: checked.fileName,
    contentType: checked.contentType,
    sizeBytes: bytes.byteLength,
    sha256,
    aboutPersonId: subject.aboutPersonId,
    storageKey,
    createdAt: at,
    createdBy: actorId,
    updatedAt: at,
    updatedBy: actorId,
  };
  try {
    await db.batch([
      db.insert(documents).values(row),
      audit(
        db,
        {
          actorId,
          entity: "document",
          entityId: id,
          action: "create",
          initiativeId: subject.initiativeId,
          neighbourhoodId: subject.neighbourhoodId,
          changes: { subjectType: row.subjectType, kind: row.kind, title, fileName: row.fileName, sizeBytes: row.sizeBytes },
        },
        now,
      ),
    ]);
  } catch (err) {
    await bucket.delete(storageKey).catch(() => undefined);
    throw err;
  }
  return { ok: true, id, title };
}

/** A document of this binder, or null (also when it belongs to another one). */
export async function getDocument(db: Db, scope: BinderScope, id: string): Promise<DocumentRow | null> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), inScope(scope)));
  return row ?? null;
}

function inScope(scope: BinderScope): SQL {
  return "initiativeId" in scope
    ? eq(documents.initiativeId, scope.initiativeId)
    : and(eq(documents.neighbourhoodId, scope.neighbourhoodId), eq(documents.subjectType, "facility"))!;
}

/** Archive (still there, listed apart, downloadable by admins only) or restore. */
export async function setDocumentArchived(
  db: Db,
  before: DocumentRow,
  archive: boolean,
  actorId: string | null,
  now: Date,
  version?: number,
) {
  await setArchived(
    db,
    documents,
    {
      before,
      archive,
      actorId,
      entity: "document",
      initiativeId: before.initiativeId,
      neighbourhoodId: before.neighbourhoodId,
      ...(version === undefined ? {} : { version }),
    },
    now,
  );
}

/** Who is looking, as the scope gate decided it. */
export type Viewer = { isAdmin: boolean; canEdit: boolean };

/** May this viewer see the document in a list (a document about a person: only those who keep the initiative). */
export function maySee(doc: Pick<DocumentRow, "aboutPersonId" | "archivedAt">, viewer: Viewer): boolean {
  if (doc.aboutPersonId && !viewer.canEdit) return false;
  if (doc.archivedAt) return viewer.canEdit;
  return true;
}

/** May this viewer download it: as `maySee`, and an archived document only for admins. */
export function mayDownload(doc: Pick<DocumentRow, "aboutPersonId" | "archivedAt">, viewer: Viewer): boolean {
  return maySee(doc, viewer) && (!doc.archivedAt || viewer.isAdmin);
}

/** The file of a document as stored, or null when R2 has no such object (it should never happen). */
export async function openDocument(bucket: R2Bucket, doc: Pick<DocumentRow, "storageKey">): Promise<R2ObjectBody | null> {
  return bucket.get(doc.storageKey);
}

// ---- reading a binder ----

/** What a document hangs on, by name as it is now (the stream's source, the task's title, the volunteer…). */
const subjectName = sql<string | null>`CASE ${documents.subjectType}
  WHEN 'initiative' THEN (SELECT i.name FROM initiatives i WHERE i.id = ${documents.subjectId})
  WHEN 'funding' THEN (SELECT f.source_name FROM funding_streams f WHERE f.id = ${documents.subjectId})
  WHEN 'task' THEN (SELECT t.title FROM tasks t WHERE t.id = ${documents.subjectId})
  WHEN 'involvement' THEN (SELECT p.name FROM involvements v JOIN people p ON p.id = v.person_id WHERE v.id = ${documents.subjectId})
  WHEN 'facility' THEN (SELECT x.name FROM facilities x WHERE x.id = ${documents.subjectId})
  END`;

export type BinderItem = DocumentRow & { subjectName: string | null; addedByName: string | null };

/** The documents of a binder as this viewer may see them: the current ones and, apart, the archived ones. */
export function binderRead(db: Db, scope: BinderScope) {
  return db
    .select({ doc: documents, subjectName: subjectName.as("x_subject_name"), addedByName: people.name })
    .from(documents)
    .leftJoin(people, eq(people.id, documents.createdBy))
    .where(inScope(scope))
    .orderBy(asc(documents.subjectType), asc(documents.kind), desc(documents.createdAt));
}

export type BinderRows = Awaited<ReturnType<typeof binderRead>>;
export type Binder = { current: BinderItem[]; archived: BinderItem[] };

export function binderFrom(rows: BinderRows, viewer: Viewer): Binder {
  const items = rows.map((r) => ({ ...r.doc, subjectName: r.subjectName, addedByName: r.addedByName })).filter((d) => maySee(d, viewer));
  return { current: items.filter((d) => !d.archivedAt), archived: items.filter((d) => !!d.archivedAt) };
}

export async function loadBinder(db: Db, scope: BinderScope, viewer: Viewer): Promise<Binder> {
  return binderFrom(await binderRead(db, scope), viewer);
}

/** What the upload form offers to attach to: the initiative itself, its streams, its tasks and its volunteers. */
export type SubjectChoice = { value: string; type: DocumentSubject; name: string };

export async function subjectChoices(db: Db, scope: BinderScope): Promise<SubjectChoice[]> {
  if ("neighbourhoodId" in scope) {
    const rows = await db
      .select({ id: facilities.id, name: facilities.name })
      .from(facilities)
      .where(and(eq(facilities.neighbourhoodId, scope.neighbourhoodId), sql`${facilities.archivedAt} IS NULL`))
      .orderBy(asc(facilities.name));
    return rows.map((r) => ({ value: `facility:${r.id}`, type: "facility", name: r.name }));
  }
  const id = scope.initiativeId;
  const [own, streams, taskRows, volunteers] = await db.batch([
    db.select({ id: initiatives.id, name: initiatives.name }).from(initiatives).where(eq(initiatives.id, id)),
    db
      .select({ id: fundingStreams.id, name: fundingStreams.sourceName, endsOn: fundingStreams.endsOn })
      .from(fundingStreams)
      .where(and(eq(fundingStreams.initiativeId, id), sql`${fundingStreams.archivedAt} IS NULL`))
      .orderBy(asc(fundingStreams.sourceName)),
    db
      .select({ id: tasks.id, name: tasks.title })
      .from(tasks)
      .where(and(eq(tasks.initiativeId, id), sql`${tasks.archivedAt} IS NULL`))
      .orderBy(asc(tasks.title)),
    db
      .select({ id: involvements.id, name: people.name, role: involvements.role })
      .from(involvements)
      .innerJoin(people, eq(people.id, involvements.personId))
      .where(and(eq(involvements.initiativeId, id), sql`${people.erasedAt} IS NULL`))
      .orderBy(asc(people.name)),
  ]);
  return [
    ...own.map((r) => ({ value: `initiative:${r.id}`, type: "initiative" as const, name: r.name })),
    ...streams.map((r) => ({ value: `funding:${r.id}`, type: "funding" as const, name: r.name })),
    ...taskRows.map((r) => ({ value: `task:${r.id}`, type: "task" as const, name: r.name })),
    ...volunteers.map((r) => ({ value: `involvement:${r.id}`, type: "involvement" as const, name: r.name })),
  ];
}
