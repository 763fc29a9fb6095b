// Dates and money in the reader's language. Building an Intl formatter costs far more than using
// one (a neighbourhood overview with 50 risk explanations built about 150 of them: 40 ms of its
// 50 ms of rendering), so each is built once per locale and kept for the isolate's life.
import type { Locale } from "../db/schema";
import { dateOf, storedDayOf, utcMidnight } from "../lib/dates";

const INTL_LOCALE: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

function perLocale<T>(make: (tag: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) made.set(locale, (formatter = make(INTL_LOCALE[locale])));
    return formatter;
  };
}

const longDate = perLocale((tag) => new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));
const monthOnly = perLocale((tag) => new Intl.DateTimeFormat(tag, { month: "long", timeZone: "UTC" }));
const dateTime = perLocale(
  (tag) =>
    new Intl.DateTimeFormat(tag, {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Amsterdam",
    }),
);
const money = perLocale((tag) => new Intl.NumberFormat(tag, { style: "currency", currency: "EUR" }));
const wholeMoney = perLocale((tag) => new Intl.NumberFormat(tag, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }));

/**
 * "30 juni 2027" / "30 June 2027" for an ISO date (YYYY-MM-DD, or the date part of an instant).
 * A stored value that is not a date is shown as it is, so a damaged row never breaks a page.
 */
export function formatDate(locale: Locale, isoDate: string): string {
  const day = storedDayOf(isoDate);
  return day === null ? String(isoDate) : longDate(locale).format(utcMidnight(day));
}

/** "juni" / "June" for a month number (1–12). */
export function formatMonth(locale: Locale, month: number): string {
  return monthOnly(locale).format(utcMidnight(dateOf(2000, month, 1)));
}

/** Date and time in Dutch time, for instants (ISO strings). */
export function formatDateTime(locale: Locale, instant: string): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? String(instant) : dateTime(locale).format(at);
}

/** "€ 1.234,56" from whole cents. */
export function formatMoney(locale: Locale, cents: number): string {
  return money(locale).format(cents / 100);
}

/** "€ 1.235": whole euros, for charts and totals. */
export function formatWholeMoney(locale: Locale, cents: number): string {
  return wholeMoney(locale).format(cents / 100);
}

const sizeNumber = perLocale((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }));

/** "340 kB", "1,2 MB": a file's size as people read it (1 kB = 1,000 bytes, as file browsers show). */
export function formatFileSize(locale: Locale, bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${sizeNumber(locale).format(Math.round(bytes / 100) / 10)} kB`;
  return `${sizeNumber(locale).format(Math.round(bytes / 100_000) / 10)} MB`;
}
