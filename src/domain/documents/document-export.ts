// Documents in the exports. Every export lists its documents (the manifest: what each file is,
// what it belongs to, its size and SHA-256, who added it and when). A zip export also carries the
// files themselves, stored as they are (no recompression: PDFs, photos and office files are
// compressed already), oldest first while they add up to at most 20 MB; the manifest says for each
// document where it is in the zip, or that it was left out (then download it from the binder or
// with GET /api/v1/documents/{id}/file). The cap keeps one export within a Worker's memory and time.
import { asc, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList } from "../../db/read-together";
import { documents } from "../../db/schema";

/** The files of one zip export add up to at most this many bytes. */
export const MAX_ZIP_FILES_BYTES = 20 * 1024 * 1024;

/** The manifest's rows: every column but where R2 keeps the bytes. */
export function documentManifestRead(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: documents.id,
      neighbourhoodId: documents.neighbourhoodId,
      initiativeId: documents.initiativeId,
      subjectType: documents.subjectType,
      subjectId: documents.subjectId,
      kind: documents.kind,
      title: documents.title,
      fileName: documents.fileName,
      contentType: documents.contentType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      aboutPersonId: documents.aboutPersonId,
      archivedAt: documents.archivedAt,
      createdAt: documents.createdAt,
      createdBy: documents.createdBy,
    })
    .from(documents)
    .where(where)
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

export type ManifestRow = Awaited<ReturnType<typeof documentManifestRead>>[number];

/** The path of a document's file inside a zip: its id's first part keeps two files of the same name apart. */
export function zipPathOf(doc: Pick<ManifestRow, "id" | "fileName">): string {
  return `documents/${doc.id.slice(0, 8)}-${doc.fileName}`;
}

/** Which documents fit: in manifest order (oldest first), each while the running total stays within `cap`. */
export function planZipFiles(rows: Pick<ManifestRow, "id" | "fileName" | "sizeBytes">[], cap = MAX_ZIP_FILES_BYTES): Map<string, string> {
  const chosen = new Map<string, string>();
  let total = 0;
  for (const row of rows) {
    if (total + row.sizeBytes > cap) continue;
    total += row.sizeBytes;
    chosen.set(row.id, zipPathOf(row));
  }
  return chosen;
}

/**
 * An export with the files its zip carries: each manifest row gets `fileInZip` (its path, or empty
 * when it was left out), and `files` holds the bytes by path. Where R2 keeps them is read here.
 */
export async function withDocumentFiles<T extends { documents: ManifestRow[] }>(
  db: Db,
  bucket: R2Bucket,
  data: T,
  cap = MAX_ZIP_FILES_BYTES,
): Promise<{ data: Omit<T, "documents"> & { documents: (ManifestRow & { fileInZip: string })[] }; files: Record<string, Uint8Array> }> {
  const plan = planZipFiles(data.documents, cap);
  const files: Record<string, Uint8Array> = {};
  if (plan.size > 0) {
    const rows = await db
      .select({ id: documents.id, storageKey: documents.storageKey })
      .from(documents)
      .where(sql`${documents.id} IN ${jsonList([...plan.keys()])}`);
    const keys = new Map(rows.map((r) => [r.id, r.storageKey]));
    for (const [id, path] of plan) {
      const object = await bucket.get(keys.get(id) ?? "");
      if (object) files[path] = new Uint8Array(await object.arrayBuffer());
      else plan.delete(id);
    }
  }
  return {
    data: { ...data, documents: data.documents.map((d) => ({ ...d, fileInZip: plan.get(d.id) ?? "" })) },
    files,
  };
}
