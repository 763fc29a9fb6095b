// Small real files of each kind the binder accepts (and a few it must refuse), built in the test,
// plus a factory that adds a document through the domain (R2 and D1), as an upload would.
import { env } from "cloudflare:workers";
import { strToU8, zipSync } from "fflate";
import { simplePdf } from "../../src/demo/demo-pdf";
import { addDocument, findSubject, type DocumentKind, type DocumentSubject } from "../../src/domain/documents/documents";
import { db } from "./factories";

export const pdfBytes = (title = "Beschikking") => simplePdf(title, ["Een regel tekst."]);
export const pngBytes = () =>
  Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  ]);
export const jpegBytes = () =>
  Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
export const webpBytes = () =>
  Uint8Array.from([...strToU8("RIFF"), 26, 0, 0, 0, ...strToU8("WEBPVP8L"), 14, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

const contentTypes = strToU8(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** A Word file: [Content_Types].xml and word/document.xml in a zip (compressed, as Word writes it). */
export const docxBytes = () =>
  zipSync({ "[Content_Types].xml": contentTypes, "word/document.xml": strToU8("<w:document/>"), "docProps/app.xml": strToU8("<a/>") });
export const xlsxBytes = () => zipSync({ "[Content_Types].xml": contentTypes, "xl/workbook.xml": strToU8("<workbook/>") });
/** An OpenDocument file: a first, stored `mimetype` entry, then the content. */
export const odfBytes = (mime: string) =>
  zipSync({ mimetype: [strToU8(mime), { level: 0 }], "content.xml": strToU8("<office:document-content/>") });
export const odtBytes = () => odfBytes("application/vnd.oasis.opendocument.text");
export const odsBytes = () => odfBytes("application/vnd.oasis.opendocument.spreadsheet");

/** Things that claim to be documents and are not. */
export const htmlBytes = () => strToU8("<!doctype html><script>alert(1)</script>");
export const plainZipBytes = () => zipSync({ "notes.txt": strToU8("hallo") });
export const docxWithoutDocument = () => zipSync({ "[Content_Types].xml": contentTypes, "word/styles.xml": strToU8("<x/>") });

export const fileOf = (bytes: Uint8Array, name: string, type = "application/octet-stream") => new File([bytes], name, { type });

/** A document added through the domain, as an upload would add it. */
export async function makeDocument(
  subjectType: DocumentSubject,
  subjectId: string,
  over: { kind?: DocumentKind; title?: string; name?: string; bytes?: Uint8Array; actorId?: string | null; at?: string } = {},
) {
  const subject = await findSubject(db, subjectType, subjectId);
  if (!subject) throw new Error(`no ${subjectType} ${subjectId}`);
  const added = await addDocument(
    db,
    env.DOCUMENTS,
    subject,
    { kind: over.kind ?? "grant_decision", title: over.title ?? null },
    { name: over.name ?? "beschikking.pdf", bytes: over.bytes ?? pdfBytes() },
    over.actorId ?? null,
    new Date(over.at ?? "2026-03-01T10:00:00.000Z"),
  );
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
  return (await db.query.documents.findFirst({ where: (d, { eq }) => eq(d.id, added.id) }))!;
}
