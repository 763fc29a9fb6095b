// Money typed by people, in whole cents. Dutch first: "1.234,50", "€ 1.234", "12,-";
// a plain "1234.50" works too. Anything ambiguous ("1,234": Dutch cents or English thousands?)
// is refused rather than guessed, so a wrong amount never gets stored silently.
import type { Locale } from "../db/schema";

/** The largest amount anyone may type: 100 million euros. */
export const MAX_EUROS = 100_000_000;

const DUTCH = /^(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d{1,2}))?$/;
const PLAIN = /^(\d*)(?:\.(\d{1,2}))?$/;

/** Euros as typed → whole cents, or null for junk, negatives and more than 100 million. */
export function parseEuros(input: string): number | null {
  let s = input.replace(/[\s\u00a0\u202f]/g, "");
  s = s.replace(/^(?:€|eur(?:o)?)/i, "").replace(/(?:€|eur(?:o)?)$/i, "");
  // "12,-" and "12,--" are the Dutch way to write whole euros.
  s = s.replace(/[,.]-{1,2}$/, "");
  if (s === "" || !/\d/.test(s)) return null;
  const m = DUTCH.exec(s) ?? PLAIN.exec(s);
  if (!m) return null;
  const whole = (m[1] ?? "").replace(/\./g, "");
  const fraction = (m[2] ?? "").padEnd(2, "0");
  if (whole.length > 12) return null;
  const euros = whole === "" ? 0 : Number(whole);
  const cents = euros * 100 + Number(fraction || "0");
  if (!Number.isSafeInteger(cents) || cents > MAX_EUROS * 100) return null;
  return cents;
}

/** Cents → what goes back into an amount field: "1234,50" (nl) or "1234.50" (en); whole euros without decimals. */
export function centsToInput(cents: number, locale: Locale = "nl"): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  if (rest === 0) return String(euros);
  return `${euros}${locale === "nl" ? "," : "."}${String(rest).padStart(2, "0")}`;
}
