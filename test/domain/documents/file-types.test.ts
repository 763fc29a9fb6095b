import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { attachmentHeader, detectFileType, safeFileName, zipEntryNames } from "../../../src/domain/documents/file-types";
import { checkFile, MAX_DOCUMENT_BYTES } from "../../../src/domain/documents/documents";
import {
  docxBytes,
  docxWithoutDocument,
  htmlBytes,
  jpegBytes,
  odfBytes,
  odsBytes,
  odtBytes,
  pdfBytes,
  plainZipBytes,
  pngBytes,
  webpBytes,
  xlsxBytes,
} from "../../helpers/document-files";

const typeOf = (bytes: Uint8Array) => detectFileType(bytes)?.key ?? null;

describe("the type of a document comes from its first bytes", () => {
  it("recognises PDF, PNG, JPEG and WebP", () => {
    expect(typeOf(pdfBytes())).toBe("pdf");
    expect(typeOf(pngBytes())).toBe("png");
    expect(typeOf(jpegBytes())).toBe("jpeg");
    expect(typeOf(webpBytes())).toBe("webp");
  });

  it("recognises office documents by the main entry of their zip container", () => {
    expect(typeOf(docxBytes())).toBe("docx");
    expect(typeOf(xlsxBytes())).toBe("xlsx");
    expect(typeOf(odtBytes())).toBe("odt");
    expect(typeOf(odsBytes())).toBe("ods");
  });

  it("refuses what only looks like a document: HTML, a plain zip, a docx without its document, an unknown OpenDocument kind", () => {
    expect(typeOf(htmlBytes())).toBeNull();
    expect(typeOf(plainZipBytes())).toBeNull();
    expect(typeOf(docxWithoutDocument())).toBeNull();
    expect(typeOf(odfBytes("application/vnd.oasis.opendocument.presentation"))).toBeNull();
    expect(typeOf(odfBytes("text/html"))).toBeNull();
    // RIFF without WEBP (a WAV file), a truncated zip, a few stray bytes.
    expect(typeOf(Uint8Array.from([...strToU8("RIFF"), 0, 0, 0, 0, ...strToU8("WAVE")]))).toBeNull();
    expect(typeOf(docxBytes().subarray(0, 60))).toBeNull();
    expect(typeOf(new Uint8Array([0x50, 0x4b]))).toBeNull();
    expect(typeOf(new Uint8Array())).toBeNull();
  });

  it("reads the zip's own directory: a name in the file's data does not count", () => {
    // "word/document.xml" only as the content of another entry: still not a Word file.
    const sneaky = zipSync({ "[Content_Types].xml": strToU8("<x/>"), "readme.txt": [strToU8("word/document.xml"), { level: 0 }] });
    expect(typeOf(sneaky)).toBeNull();
    expect([...zipEntryNames(docxBytes())!].sort()).toEqual(["[Content_Types].xml", "docProps/app.xml", "word/document.xml"]);
    // A directory that points outside the file is unreadable, not a crash.
    const broken = docxBytes();
    broken[broken.length - 6] = 0xff;
    expect(zipEntryNames(broken)).toBeNull();
  });

  it("checks the size before anything else and refuses an empty file", () => {
    expect(checkFile(null)).toEqual({ ok: false, error: "documents.error.noFile" });
    expect(checkFile({ name: "x.pdf", bytes: new Uint8Array() })).toEqual({ ok: false, error: "documents.error.empty" });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(pdfBytes().subarray(0, 8));
    expect(checkFile({ name: "groot.pdf", bytes: big })).toEqual({ ok: false, error: "documents.error.tooLarge" });
    const justRight = new Uint8Array(MAX_DOCUMENT_BYTES);
    justRight.set(pdfBytes().subarray(0, 8));
    expect(checkFile({ name: "precies.pdf", bytes: justRight })).toMatchObject({ ok: true, contentType: "application/pdf" });
    expect(checkFile({ name: "brief.pdf", bytes: htmlBytes() })).toEqual({ ok: false, error: "documents.error.type" });
  });
});

describe("file names", () => {
  const pdf = detectFileType(pdfBytes())!;
  const jpeg = detectFileType(jpegBytes())!;

  it("keeps a plain name and gives it the extension of what the file really is", () => {
    expect(safeFileName("Beschikking 2026.pdf", pdf)).toBe("Beschikking 2026.pdf");
    expect(safeFileName("Beschikking 2026.PDF", pdf)).toBe("Beschikking 2026.pdf");
    expect(safeFileName("foto.png", pdf)).toBe("foto.pdf");
    expect(safeFileName("polis.v2", pdf)).toBe("polis.v2.pdf");
    expect(safeFileName("scan.jpeg", jpeg)).toBe("scan.jpeg");
    expect(safeFileName("scan", jpeg)).toBe("scan.jpg");
  });

  it("drops folders, control characters and characters headers and file systems choke on", () => {
    expect(safeFileName("../../etc/passwd", pdf)).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\Anna\\polis.pdf", pdf)).toBe("polis.pdf");
    expect(safeFileName('a"b\r\nX-Header: y;.pdf', pdf)).toBe("abX-Header y.pdf");
    expect(safeFileName("  ...  ", pdf)).toBe("document.pdf");
    expect(safeFileName("", pdf)).toBe("document.pdf");
    expect(safeFileName("\u202Efdp.exe", pdf)).toBe("fdp.pdf");
    expect([...safeFileName("x".repeat(500) + ".pdf", pdf)].length).toBeLessThanOrEqual(120);
  });

  it("sends the name in both spellings of Content-Disposition", () => {
    expect(attachmentHeader("Beschikking café (2026).pdf")).toBe(
      `attachment; filename="Beschikking caf_ (2026).pdf"; filename*=UTF-8''Beschikking%20caf%C3%A9%20%282026%29.pdf`,
    );
  });
});
