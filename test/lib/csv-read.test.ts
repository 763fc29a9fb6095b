// Reading spreadsheet CSV (src/lib/csv-read.ts): what our own CSV writer (and so Excel) writes
// reads back cell for cell, with ';' or ',' guessed from the header, quotes, separators and line
// breaks inside cells, CRLF or LF, and blank lines left out.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { toCsv } from "../../src/lib/csv";
import { guessSeparator, readCsv, splitCsv } from "../../src/lib/csv-read";

const FORMULA_START = /^[=+\-@\t\r]/;

describe("reading a CSV file", () => {
  it("reads quotes, doubled quotes, separators and line breaks inside cells, and any line end", () => {
    expect(splitCsv('a;"b;c";"say ""hi"""\r\n"multi\nline";x;\n', ";")).toEqual([
      ["a", "b;c", 'say "hi"'],
      ["multi\nline", "x", ""],
    ]);
    expect(splitCsv("a,b\rc,d", ",")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(readCsv("\uFEFFNaam;Rol\r\n\r\n;\r\nAnouk;kok\r\n  ;  \r\n")).toEqual([
      ["Naam", "Rol"],
      ["Anouk", "kok"],
    ]);
  });

  it("guesses the separator from the header: semicolons (Dutch Excel), commas or tabs", () => {
    expect(guessSeparator("Naam;E-mail\nJo, de Boer;jo@example.org")).toBe(";");
    expect(guessSeparator('Name,Email\n"Smith, Jo",jo@example.org')).toBe(",");
    expect(guessSeparator("Naam\tRol\nAnouk\tkok")).toBe("\t");
    expect(guessSeparator("Naam\nAnouk")).toBe(",");
  });

  it("property: what our CSV writer writes reads back cell for cell", () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/);
    const cell = fc.string({ unit: fc.constantFrom("a", "Z", " ", ";", ",", '"', "\n", "\r\n", "é", "=", "-", "'", "1"), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((n) =>
          fc.record({
            header: fc.array(name, { minLength: n, maxLength: n }),
            rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 }),
            separator: fc.constantFrom(";", ","),
          }),
        ),
        ({ header, rows, separator }) => {
          const written = toCsv(header, rows, { separator });
          // The writer neutralises formulas (a leading ') and the reader leaves out rows with nothing in them.
          const expected = rows
            .map((r) => r.map((c) => (FORMULA_START.test(c) ? `'${c}` : c)))
            .filter((r) => r.some((c) => c.trim() !== ""));
          expect(readCsv(written)).toEqual([header, ...expected]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
