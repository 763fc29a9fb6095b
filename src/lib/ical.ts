// iCalendar (RFC 5545) for calendar subscriptions: all-day events (VALUE=DATE, so no time zone is
// involved and a date is the same day in every calendar app), text escaped (§3.3.11), lines folded
// at 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends. Pure: no clock (DTSTAMP
// is the caller's `now`), no database.
import { addDays } from "./dates";

export type CalendarEvent = {
  /** Stable across fetches: the same thing on the same date keeps its UID (§3.8.4.7). */
  uid: string;
  /** YYYY-MM-DD: an all-day event on that day. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
};

/** TEXT values: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n")
    .replace(/[\u0000-\u001f\u007f]/g, "");
}

const encoder = new TextEncoder();

/** One content line folded into lines of at most 75 octets; a continuation starts with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basicDate = (iso: string) => iso.replace(/-/g, "");

/** 20261206T101500Z: a UTC instant in the basic format. */
function basicInstant(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** A whole calendar; `name` is what the app shows for the subscription. */
export function calendarText(opts: { name: string; events: readonly CalendarEvent[]; now: Date }): string {
  const stamp = basicInstant(opts.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Wijkonderhoud//Wijkonderhoud//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  for (const e of opts.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      // The end of an all-day event is the next day (exclusive).
      `DTEND;VALUE=DATE:${basicDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
