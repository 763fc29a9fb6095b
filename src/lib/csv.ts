// CSV that Dutch Excel opens correctly: UTF-8 with a byte-order mark (so accents survive),
// ';' between fields (Dutch Excel expects it, because ',' is the decimal comma), CRLF line ends,
// and RFC 4180 quoting. Text that Excel would run as a formula is neutralised.

export type CsvCell = string | number | null | undefined;

export type CsvOptions = {
  /** Field separator; ';' by default. */
  separator?: string;
  /** Decimal mark for non-integer numbers: ',' for Dutch, '.' for English. */
  decimal?: "," | ".";
};

const BOM = "\uFEFF";
const CRLF = "\r\n";
/** A text cell starting with one of these is a formula to Excel (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: numbers with the chosen decimal mark, text quoted when it must be. */
export function csvCell(value: CsvCell, options: CsvOptions = {}): string {
  const separator = options.separator ?? ";";
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    text = String(value);
    if (options.decimal === ",") text = text.replace(".", ",");
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  const mustQuote = text.includes(separator) || text.includes('"') || text.includes("\n") || text.includes("\r") || /^\s|\s$/.test(text);
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file as a string, starting with the BOM; every line (the last too) ends in CRLF. */
export function toCsv(header: string[], rows: CsvCell[][], options: CsvOptions = {}): string {
  const separator = options.separator ?? ";";
  const line = (cells: CsvCell[]) => cells.map((c) => csvCell(c, options)).join(separator) + CRLF;
  return BOM + line(header) + rows.map(line).join("");
}

/** A download response: text/csv in UTF-8, saved under `filename` (ASCII letters, digits, '-', '.'). */
export function csvResponse(csv: string, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safe}"`,
      "cache-control": "private, no-store",
    },
  });
}
