// The one judge of redirect targets that come from input (`?next=`, a form's `next` or `back`):
// only a path on this site, so a link can never send someone elsewhere after signing in or
// switching language. Browsers are lenient (they drop tabs and line breaks, read "\" as "/" and
// "//host" as another site) and some servers decode twice, so the value is checked as sent and
// after every round of percent-decoding, until nothing changes. Anything doubtful is refused.

/** Longer than any path of ours; a longer value is refused rather than passed on. */
export const MAX_NEXT_LENGTH = 2048;

/** Rounds of percent-decoding checked; a value still changing after that is refused. */
const MAX_DECODE_ROUNDS = 5;

// Control characters (C0, DEL, C1), backslashes, and the characters that look like or are read as
// a slash or a backslash somewhere (fraction slash, division slash, fullwidth and small forms…).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c\u3033\u3035]/;

/** Raw values must arrive percent-encoded: printable ASCII only (also keeps the Location header valid). */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function pathPart(value: string): string {
  return value.split(/[?#]/, 1)[0] ?? "";
}

/** One layer: starts with exactly one "/", no "//" or "/\" at the start, no dot segments, nothing forbidden. */
function isLocalPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || FORBIDDEN.test(value)) return false;
  const path = pathPart(value);
  if (path.includes("//")) return false;
  return !path.split("/").some((segment) => segment === "." || segment === "..");
}

/**
 * `value` when it is a same-origin relative path ("/x", "/x?y#z"), otherwise null. Refuses
 * absolute and protocol-relative URLs, backslashes, control characters, unicode slashes, dot
 * segments, and their percent-encoded forms (decoded repeatedly); never throws.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_NEXT_LENGTH) return null;
  if (!PRINTABLE_ASCII.test(value)) return null;
  let layer = value;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (!isLocalPath(layer)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return null; // a malformed escape: not something we made
    }
    if (decoded === layer) return value;
    layer = decoded;
  }
  return null;
}
