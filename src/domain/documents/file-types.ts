// What a document is, read from its first bytes — never from its name or the Content-Type the
// browser sent, both of which anyone can make up. Pure functions, no I/O.
//
// Accepted: PDF, PNG, JPEG, WebP, and the office documents that are zip containers — Word (docx),
// Excel (xlsx), OpenDocument text (odt) and spreadsheet (ods). A zip container is accepted only
// with the main entry of its kind: `word/document.xml` or `xl/workbook.xml` beside
// `[Content_Types].xml`, or (OpenDocument) a first, uncompressed `mimetype` entry naming the kind.
// The zip's central directory is read for its names only; nothing is decompressed, so a zip bomb
// costs nothing.

export type FileType = {
  /** Our name for it (stored nowhere; the content type is). */
  key: "pdf" | "png" | "jpeg" | "webp" | "docx" | "xlsx" | "odt" | "ods";
  contentType: string;
  /** The file name extensions that belong to it; the first is the one we add. */
  extensions: readonly string[];
};

const TYPES = {
  pdf: { key: "pdf", contentType: "application/pdf", extensions: ["pdf"] },
  png: { key: "png", contentType: "image/png", extensions: ["png"] },
  jpeg: { key: "jpeg", contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  webp: { key: "webp", contentType: "image/webp", extensions: ["webp"] },
  docx: {
    key: "docx",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  xlsx: {
    key: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
  },
  odt: { key: "odt", contentType: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  ods: { key: "ods", contentType: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
} as const satisfies Record<string, FileType>;

export const FILE_TYPES: readonly FileType[] = Object.values(TYPES);

/** The content types we store: a stored row is served only with one of these. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = FILE_TYPES.map((t) => t.contentType);

/** What the file input offers (a hint for the browser's picker; the server decides). */
export const ACCEPT_ATTRIBUTE = FILE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(",");

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** The type of these bytes, or null when they are none of the accepted kinds. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, PDF)) return TYPES.pdf;
  if (startsWith(bytes, PNG)) return TYPES.png;
  if (startsWith(bytes, JPEG)) return TYPES.jpeg;
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return TYPES.webp;
  if (startsWith(bytes, ZIP_LOCAL)) return officeType(bytes);
  return null;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const latin = (b: Uint8Array, from: number, length: number) => String.fromCharCode(...b.subarray(from, from + length));

const ODF = {
  "application/vnd.oasis.opendocument.text": TYPES.odt,
  "application/vnd.oasis.opendocument.spreadsheet": TYPES.ods,
} as const;

function officeType(bytes: Uint8Array): FileType | null {
  // OpenDocument: the first entry is `mimetype`, stored (method 0), its content the kind.
  const nameLength = u16(bytes, 26);
  if (u16(bytes, 8) === 0 && latin(bytes, 30, nameLength) === "mimetype") {
    const size = u32(bytes, 18);
    const start = 30 + nameLength + u16(bytes, 28);
    const mime = size <= 100 && start + size <= bytes.length ? latin(bytes, start, size) : "";
    return Object.hasOwn(ODF, mime) ? ODF[mime as keyof typeof ODF] : null;
  }
  const names = zipEntryNames(bytes);
  if (!names || !names.has("[Content_Types].xml")) return null;
  if (names.has("word/document.xml")) return TYPES.docx;
  if (names.has("xl/workbook.xml")) return TYPES.xlsx;
  return null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const MAX_ENTRIES = 10_000;

/** The names in a zip's central directory, or null when it cannot be read (not a whole zip). */
export function zipEntryNames(bytes: Uint8Array): Set<string> | null {
  // The end-of-central-directory record is within the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count > MAX_ENTRIES || at >= end) return null;
  const names = new Set<string>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return null;
    names.add(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/** Extensions people give documents; one of them that does not fit the content is replaced, not kept. */
const KNOWN_EXTENSIONS = new Set([
  ...FILE_TYPES.flatMap((t) => t.extensions),
  ...["doc", "xls", "txt", "rtf", "gif", "heic", "tif", "tiff", "bmp", "zip", "html", "htm", "svg", "exe", "js"],
]);
const MAX_NAME = 120;

/**
 * A file name that is safe to store and to send back: no folders, no control characters, none of
 * the characters file systems or headers choke on, at most 120 characters, and an extension that
 * fits what the file really is ("foto.png" holding a PDF becomes "foto.pdf").
 */
export function safeFileName(raw: string, type: FileType): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/\p{Cs}/gu, "")
    .replace(/[\p{Cc}\p{Cf}"*:<>?|;]/gu, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let stem = name;
  if (dot > 0 && (type.extensions.includes(extension) || KNOWN_EXTENSIONS.has(extension))) stem = name.slice(0, dot).replace(/[\s.]+$/, "");
  const ending = type.extensions.includes(extension) ? extension : type.extensions[0]!;
  stem = [...stem].slice(0, MAX_NAME - ending.length - 1).join("") || "document";
  name = `${stem}.${ending}`;
  return name;
}

/**
 * `Content-Disposition: attachment` with both spellings of the name: plain ASCII for old clients
 * (anything else becomes "_") and the exact name in UTF-8 (RFC 6266 / RFC 8187).
 */
export function attachmentHeader(fileName: string): string {
  const plain = [...fileName].map((ch) => (/^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== "\\" ? ch : "_")).join("");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`;
}

/**
 * A stored document as a download, for the pages and the API alike: only a type we detected and
 * accept is ever sent (the browser must not guess another one), as an attachment under its
 * cleaned-up name, sandboxed, and never kept in a shared cache.
 */
export function downloadResponse(doc: { contentType: string; fileName: string }, object: { body: ReadableStream; size: number }): Response {
  return new Response(object.body, {
    headers: {
      "Content-Type": ACCEPTED_CONTENT_TYPES.includes(doc.contentType) ? doc.contentType : "application/octet-stream",
      "Content-Length": String(object.size),
      "Content-Disposition": attachmentHeader(doc.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
