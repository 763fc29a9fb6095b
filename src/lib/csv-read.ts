// Reading a CSV file from a spreadsheet (the import): RFC 4180 fields (quotes, doubled quotes,
// separators and line breaks inside quotes), CRLF, LF or CR line ends, and the separator guessed
// from ';' (Dutch Excel), ',' and tab: the one that splits the first lines into the same number of
// more than one field. Lines with nothing in them are left out. papaparse did this before; this
// small reader does the part we use (7 KiB of the Worker's gzipped bundle less).

const SEPARATORS = [";", ",", "\t"] as const;

/** All records of `text` split on `separator`; a trailing line end does not make an empty record. */
export function splitCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) endField();
    else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (field !== "" || record.length > 0 || quoted) endRecord();
  return records;
}

/** The separator whose split of the first lines is the most even and has more than one field. */
export function guessSeparator(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: { separator: string; score: number } = { separator: ",", score: -Infinity };
  for (const separator of SEPARATORS) {
    const counts = splitCsv(sample, separator)
      .filter((r) => !isBlank(r))
      .slice(0, 10)
      .map((r) => r.length);
    if (counts.length === 0 || counts[0]! < 2) continue;
    const even = counts.filter((n) => n === counts[0]).length / counts.length;
    const score = even * 1000 + counts[0]!;
    if (score > best.score) best = { separator, score };
  }
  return best.separator;
}

const isBlank = (record: string[]) => record.every((f) => f.trim() === "");

/** Header and rows of a CSV text (a byte-order mark at the start is dropped). */
export function readCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  return splitCsv(body, guessSeparator(body)).filter((r) => !isBlank(r));
}
