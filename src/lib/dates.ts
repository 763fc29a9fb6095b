// Calendar dates: the one module that parses, checks, counts with and formats the shape of a
// date ('YYYY-MM-DD'), and knows what "today" is in the Netherlands. Everything else takes
// dates from here; no other file does date arithmetic or builds a Date from a date.
//
// Two kinds of input, two rules:
// - What people and programs send (forms, API, CSV) must be a real calendar day in the years
//   MIN_YEAR–MAX_YEAR, written exactly as 'YYYY-MM-DD' (parseDate, dateField).
// - Arithmetic works on what is stored: any real day with a four-digit year (or the date part of
//   an instant), as whole days since 1970-01-01 (proleptic Gregorian, H. Hinnant's algorithms).
//   No Date objects, so no time zones, no daylight saving time and no two-digit-year quirks
//   (Date.UTC turns years 0–99 into 1900–1999). A value that is not a date throws a RangeError.
import * as z from "zod";
import type { MessageKey } from "../i18n/catalogue";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
export const FIRST_DATE = `${MIN_YEAR}-01-01`;
export const LAST_DATE = `${MAX_YEAR}-12-31`;

/** The shape of an accepted date, years MIN_YEAR–MAX_YEAR (whether the day exists is checked apart). */
export const DATE_PATTERN = /^(?:19\d\d|2[01]\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const STORED = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

type Ymd = { y: number; m: number; d: number }; // m is 1..12

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function realDay(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function format({ y, m, d }: Ymd): string {
  if (!realDay(y, m, d)) throw new RangeError(`Not a calendar date: ${y}-${m}-${d}`);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Input: strict

/** A date as people and programs must send it: exactly 'YYYY-MM-DD', a real day, years 1900–2199; else null. */
export function parseDate(value: unknown): string | null {
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return null;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return realDay(y, m, d) ? value : null;
}

export function isDate(value: unknown): value is string {
  return parseDate(value) !== null;
}

/** A whole year in the range dates may have. */
export function isYear(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

/**
 * A date as a Dutch spreadsheet writes it, for CSV imports only: 'D-M-YYYY' (also with '/' or
 * '.') becomes 'YYYY-MM-DD'; anything else is returned as it is, for parseDate to judge.
 */
export function fromSpreadsheet(cell: string): string {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(cell.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : cell.trim();
}

// ---------------------------------------------------------------------------------------------
// Stored dates: reading and arithmetic

function ymd(value: string): Ymd {
  const m = typeof value === "string" ? STORED.exec(value) : null;
  const parts = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  if (!parts || !realDay(parts.y, parts.m, parts.d)) throw new RangeError(`Not a calendar date: ${String(value)}`);
  return parts;
}

// Days since 1970-01-01 (days_from_civil).
function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The date part of a stored date or instant ('2026-06-30T12:00:00Z' → '2026-06-30'), checked. */
export function dayOf(dateOrInstant: string): string {
  return format(ymd(dateOrInstant));
}

/** The date part of a stored date or instant, or null when it is not one (for reading rows that may be damaged). */
export function storedDayOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = STORED.exec(value);
  return m && realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? value.slice(0, 10) : null;
}

/** The date from its parts (month 1–12); throws when that day does not exist. */
export function dateOf(year: number, month: number, day: number): string {
  return format({ y: year, m: month, d: day });
}

export function yearOf(date: string): number {
  return ymd(date).y;
}

/** 1–12. */
export function monthOf(date: string): number {
  return ymd(date).m;
}

export function addDays(date: string, days: number): string {
  return format(fromDayNumber(toDayNumber(ymd(date)) + days));
}

/** Calendar months later (or earlier); a day the month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = ymd(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** Calendar years later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, 12 * years);
}

/** The same calendar day one year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(date: string): string {
  return addYears(date, -1);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(ymd(to)) - toDayNumber(ymd(from));
}

/** Whole calendar months from `from` until `to`: the largest n with addMonths(from, n) ≤ to (0 when to < from). */
export function wholeMonthsBetween(from: string, to: string): number {
  const a = dayOf(from);
  const b = dayOf(to);
  if (b < a) return 0;
  const pa = ymd(a);
  const pb = ymd(b);
  let n = (pb.y - pa.y) * 12 + (pb.m - pa.m);
  while (n > 0 && addMonths(a, n) > b) n--;
  return n;
}

/** -1, 0 or 1, by the calendar (the date part of an instant counts). */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const x = dayOf(a);
  const y = dayOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function laterOf(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}

export function earlierOf(a: string, b: string): string {
  return compareDates(a, b) <= 0 ? a : b;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const n = toDayNumber(ymd(date)); // 1970-01-01 was a Thursday (4)
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function startOfMonth(date: string): string {
  const { y, m } = ymd(date);
  return format({ y, m, d: 1 });
}

export function lastDayOfMonth(year: number, month: number): string {
  return format({ y: year, m: month, d: daysInMonth(year, month) });
}

export type Quarter = { year: number; quarter: number; startsOn: string; endsOn: string };

/** The quarter (1–4) a date lies in, with its first and last day. */
export function quarterOf(date: string): Quarter {
  const { y, m } = ymd(date);
  const quarter = Math.floor((m - 1) / 3) + 1;
  return { year: y, quarter, startsOn: format({ y, m: quarter * 3 - 2, d: 1 }), endsOn: lastDayOfMonth(y, quarter * 3) };
}

/** The quarter `count` quarters after (or before) the one this date lies in. */
export function addQuarters(date: string, count: number): Quarter {
  return quarterOf(addMonths(quarterOf(date).startsOn, 3 * count));
}

// ---------------------------------------------------------------------------------------------
// Clock and formatting

/**
 * "2026-11-28" (en-CA writes dates as ISO does). Built once, as Intl formatters are costly to build,
 * and on first use rather than at start-up: one with a time zone costs ~12 ms (the zone's rules).
 */
let amsterdamDay: Intl.DateTimeFormat | undefined;

/** Today's calendar date in the Netherlands: a day starts at midnight in Amsterdam, not in UTC. */
export function todayInAmsterdam(now: Date): string {
  amsterdamDay ??= new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });
  return amsterdamDay.format(now);
}

/** Midnight UTC of a stored date, only for handing a date to an Intl formatter in the UTC zone. */
export function utcMidnight(date: string): Date {
  return new Date(toDayNumber(ymd(date)) * 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// Validation: one rule for every form, API body and import

const DATE_META = {
  format: "date",
  pattern: DATE_PATTERN.source,
  formatMinimum: FIRST_DATE,
  formatMaximum: LAST_DATE,
  description: `A real calendar day as YYYY-MM-DD, from ${FIRST_DATE} to ${LAST_DATE}.`,
  example: "2026-06-30",
};

/**
 * A required date: exactly 'YYYY-MM-DD', a day that exists, years 1900–2199. No trimming and no
 * other notations (31-12-2026 and 2026-1-1 are refused, not guessed). `message` is the message
 * key for a wrong date; a missing or empty one is "form.required".
 */
export function dateField(message: MessageKey = "form.date") {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "form.required" : message) })
    .min(1, { message: "form.required", abort: true })
    .regex(DATE_PATTERN, { message, abort: true })
    .refine(isDate, message)
    .meta(DATE_META);
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An optional date: an empty form field (or one of only spaces) means "not given". */
export function optionalDateField(message: MessageKey = "form.date") {
  return z.preprocess(blankToUndefined, dateField(message).optional());
}
