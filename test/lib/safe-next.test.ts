import { describe, expect, it } from "vitest";
import { MAX_NEXT_LENGTH, safeNext } from "../../src/lib/safe-next";

/** How a browser would resolve a Location value on our site: the origin it ends up on. */
const landsOn = (location: string) => new URL(location, "https://wijk.example").origin;

const HOSTILE: [string, unknown][] = [
  ["tab after the slash", "/\t/evil.example/x"],
  ["encoded tab", "/%09/evil.example/x"],
  ["carriage return and line feed", "/x\r\nSet-Cookie: a=b"],
  ["encoded CR LF", "/x%0d%0aSet-Cookie:%20a=b"],
  ["encoded CR LF, upper case", "/x%0D%0ALocation:%20https://evil.example"],
  ["line feed alone", "/\n/evil.example"],
  ["NUL", "/x%00"],
  ["DEL", "/x%7f"],
  ["C1 control (NEL)", "/x%c2%85"],
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with path", "//evil.example/x?y=1"],
  ["slash backslash", "/\\evil.example"],
  ["backslash anywhere", "/a\\b"],
  ["encoded slash slash", "/%2f/evil.example"],
  ["fully encoded slash slash", "%2f%2fevil.example"],
  ["encoded backslash", "/%5cevil.example"],
  ["double-encoded backslash", "/%255cevil.example"],
  ["double-encoded slash", "/%252f/evil.example"],
  ["triple-encoded tab", "/%25250909/evil.example"],
  ["absolute https", "https://evil.example"],
  ["absolute http", "http://evil.example/x"],
  ["javascript:", "javascript:alert(1)"],
  ["JavaScript: with leading slash lookalike", "javascript://%0aalert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["no leading slash", "evil.example"],
  ["leading space", " /x"],
  ["space inside", "/x y"],
  ["fullwidth solidus", "/\uff0fevil.example"],
  ["encoded fullwidth solidus", "/%ef%bc%8fevil.example"],
  ["fraction slash", "/\u2044evil.example"],
  ["encoded division slash", "/%e2%88%95evil.example"],
  ["fullwidth reverse solidus, encoded", "/%ef%bc%bcevil.example"],
  ["small reverse solidus, encoded", "/%ef%b9%a8evil.example"],
  ["non-ASCII raw", "/caf\u00e9"],
  ["dot segment", "/../evil"],
  ["encoded dot segment", "/%2e%2e/%2e%2e//evil.example"],
  ["slash slash later in the path", "/a//evil.example"],
  ["malformed escape", "/%E0%A4%A"],
  ["lone percent", "/100%"],
  ["very long", "/" + "a".repeat(MAX_NEXT_LENGTH)],
  ["deeply encoded", "/" + "%25".repeat(8) + "2f"],
  ["empty", ""],
  ["just a slash's lookalike", "\\"],
  ["not a string (array)", ["/x", "//evil.example"]],
  ["not a string (number)", 42],
  ["undefined", undefined],
  ["null", null],
];

const LOCAL = [
  "/",
  "/initiatives/abc-123",
  "/initiatives/abc-123#tasks",
  "/initiatives/abc-123/tasks/t-1?back=1",
  "/sign-in?next=%2Finitiatives%2Fx",
  "/overview?x=a+b",
  "/neighbourhoods/n-1/overview/at-risk.csv?lang=en",
];

describe("safeNext", () => {
  it.each(HOSTILE)("refuses %s", (_name, value) => {
    expect(safeNext(value)).toBeNull();
  });

  it.each(LOCAL)("keeps the local path %s as it is, and it stays on our site", (value) => {
    expect(safeNext(value)).toBe(value);
    expect(landsOn(value)).toBe("https://wijk.example");
  });

  it("never throws, whatever it gets", () => {
    const odd = ["%", "/%", "/%%", "/%ZZ", "/\ud800", "/\u{1F600}", "/\u202e", "/%ed%a0%80", String.fromCharCode(0xfeff) + "/"];
    for (const v of odd) expect(() => safeNext(v)).not.toThrow();
  });

  it("anything it lets through resolves to our own origin, also for generated values", () => {
    // A small deterministic generator over the characters that matter for redirects.
    const alphabet = ["/", "\\", "%", "2", "f", "5", "c", "0", "9", "a", "d", ".", ":", "e", "?", "#", "\t", "@", " "];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const length = 1 + (next() % 12);
      const value = Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
      const kept = safeNext(value);
      if (kept === null) continue;
      expect(kept).toBe(value);
      expect(landsOn(kept)).toBe("https://wijk.example");
      // and also after a careless second decode by someone else
      let decoded = kept;
      for (let round = 0; round < 3; round++) decoded = decodeURIComponent(decoded);
      expect(landsOn(decoded)).toBe("https://wijk.example");
    }
  });
});
