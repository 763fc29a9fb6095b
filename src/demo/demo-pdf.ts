// A small, valid one-page PDF (A4, Helvetica) with a few lines of text, for the demo data: a grant
// decision letter a partner can download and open. Built by hand, with the cross-reference table's
// byte offsets computed, so every PDF reader opens it without repairs. Text is Latin-1 (WinAnsi).

/** The few characters WinAnsi has beyond Latin-1 that Dutch text uses (the euro sign, dashes, quotes). */
const WIN_ANSI: Record<string, number> = { "€": 0x80, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };

function escape(line: string): string {
  return line
    .replace(/[\\()]/g, (ch) => `\\${ch}`)
    .replace(/[^\x20-\x7e\xa0-\xff]/g, (ch) => (WIN_ANSI[ch] ? String.fromCharCode(WIN_ANSI[ch]) : "?"));
}

/** Latin-1 bytes of a string whose characters are all below U+0100. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

/** A PDF whose first line is the title (larger) and the rest body text. */
export function simplePdf(title: string, lines: string[]): Uint8Array {
  const content = [
    "BT",
    "/F1 16 Tf",
    "56 780 Td",
    `(${escape(title)}) Tj`,
    "/F1 11 Tf",
    "0 -28 Td",
    "14 TL",
    ...lines.map((l) => `(${escape(l)}) '`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${latin1(content).length} >>\nstream\n${content}\nendstream`,
    `<< /Title (${escape(title)}) /Producer (Wijkonderhoud demo) >>`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
