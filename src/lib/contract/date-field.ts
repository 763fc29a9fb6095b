// TEMPORARY until src/lib/dates.ts lands (branch dates): a strict calendar date, YYYY-MM-DD, 1900–2199.
import * as z from "zod";
import type { MessageKey } from "../../i18n/catalogue";

function isCalendarDate(s: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** '31-12-2025' (or with / or .), as typed where a browser shows a plain text box, → '2025-12-31'; anything else as it is. */
function fromDutch(s: string) {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : s;
}

export type DateOptions = {
  /** Also take the Dutch day-month-year a person types (forms only; JSON is always YYYY-MM-DD). */
  dutch?: boolean;
  /** The message for a date that does not exist. */
  message?: MessageKey;
};

export const dateField = (options: DateOptions = {}) => {
  const trimmed = z.string("form.invalid").trim();
  const message = options.message ?? "money.date.invalid";
  return options.dutch ? trimmed.transform(fromDutch).refine(isCalendarDate, message) : trimmed.refine(isCalendarDate, message);
};
