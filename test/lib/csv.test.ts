import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "../../src/lib/csv";

describe("csv", () => {
  it("starts with a BOM, separates with ';' and ends every line with CRLF", () => {
    const csv = toCsv(
      ["Naam", "Aantal"],
      [
        ["Taalcafé", 3],
        ["Moestuin", null],
      ],
    );
    expect(csv).toBe("\uFEFFNaam;Aantal\r\nTaalcafé;3\r\nMoestuin;\r\n");
  });

  it("quotes fields with the separator, quotes, line breaks or edge spaces, doubling quotes", () => {
    expect(csvCell('Café "De Hoek"; achter')).toBe('"Café ""De Hoek""; achter"');
    expect(csvCell("twee\r\nregels")).toBe('"twee\r\nregels"');
    expect(csvCell(" spatie")).toBe('" spatie"');
    expect(csvCell("a,b")).toBe("a,b");
    expect(csvCell("a,b", { separator: "," })).toBe('"a,b"');
  });

  it("writes numbers with the chosen decimal mark", () => {
    expect(csvCell(1234.5, { decimal: "," })).toBe("1234,5");
    expect(csvCell(1234.5, { decimal: "." })).toBe("1234.5");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("neutralises text that Excel would run as a formula", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+31 6 1234")).toBe("'+31 6 1234");
    expect(csvCell("@team")).toBe("'@team");
  });

  it("answers as a UTF-8 attachment with a safe file name and the BOM as bytes", async () => {
    const res = csvResponse(toCsv(["Één"], [["ü"]]), "overzicht één/../x.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="overzicht-n-..-x.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes)).toBe("\uFEFFÉén\r\nü\r\n");
  });
});
