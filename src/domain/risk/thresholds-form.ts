// The thresholds form speaks percent ("40", "40%", "40,5"); the stored thresholds stay fractions
// (0.4), as the rules and the daily run read them. Only the form converts.
import type { Locale } from "../../db/schema";
import { parseWith, type FieldErrors, type Parsed } from "../../lib/validation";
import type { Thresholds } from "./rules";
import { thresholdsSchema } from "./store";

export const PERCENT_FIELDS = ["concentrationShare", "shrinkRatio", "coveredWatchShare"] as const;
type PercentField = (typeof PERCENT_FIELDS)[number];
const isPercentField = (name: string): name is PercentField => (PERCENT_FIELDS as readonly string[]).includes(name);

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/;

/** "40", "40%", "40 %", "40,5" and "40.5" → 0.4 and 0.405; anything else (empty included) → null. */
export function percentToFraction(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = PERCENT.exec(value.trim());
  if (!m) return null;
  return Number(`${m[1]}.${m[2] ?? "0"}`) / 100;
}

/** 0.4 → "40", 0.405 → "40,5" (or "40.5" in English). */
export function fractionToPercent(value: number, locale: Locale): string {
  const percent = String(Math.round(value * 1000) / 10);
  return locale === "nl" ? percent.replace(".", ",") : percent;
}

/** The form's body → thresholds as stored; a percent that is not a number gets its own message. */
export function parseThresholdsForm(body: Record<string, unknown>): Parsed<Thresholds> {
  const errors: FieldErrors = {};
  const input: Record<string, unknown> = { ...body };
  for (const field of PERCENT_FIELDS) {
    // A field a form (or client) from before it existed does not send: the schema's default.
    if (body[field] === undefined) continue;
    const fraction = percentToFraction(body[field]);
    if (fraction === null) errors[field] = "risk.settings.percent";
    else input[field] = fraction;
  }
  const parsed = parseWith(thresholdsSchema, input);
  if (parsed.ok && Object.keys(errors).length === 0) return parsed;
  return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ...errors } };
}

/** What the form shows: stored thresholds with the shares in percent, or what was typed. */
export function thresholdFormValues(values: Thresholds, locale: Locale): Record<keyof Thresholds, string> {
  const out = {} as Record<keyof Thresholds, string>;
  for (const [name, value] of Object.entries(values) as [keyof Thresholds, number][])
    out[name] = isPercentField(name) ? fractionToPercent(value, locale) : String(value);
  return out;
}
