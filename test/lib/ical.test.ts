// iCalendar output, read back with a real parser (ical.js): all-day dates, stable UIDs, escaped text
// and folded lines survive the round trip exactly.
import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { calendarText, escapeText, foldLine } from "../../src/lib/ical";

const NOW = new Date("2026-12-06T10:15:30.123Z");
const octets = (s: string) => new TextEncoder().encode(s).length;

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return {
    component,
    events: component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)),
  };
}

describe("iCalendar text", () => {
  it("escapes backslashes, semicolons, commas and newlines (RFC 5545 3.3.11)", () => {
    expect(escapeText("a\\b; c, d\ne\r\nf")).toBe("a\\\\b\\; c\\, d\\ne\\nf");
  });

  it("folds long lines at 75 octets without splitting a character, and unfolds to the same text", () => {
    const line = `SUMMARY:${"Verantwoording wijkbudget — één € per dag ".repeat(6)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("is a calendar a real parser reads: all-day events on the right day, UIDs, text as written", () => {
    const summary = 'Verzekering; verlengen, nu \\ echt (Moestuin "De Vlinder")';
    const description = "Regel 1\nRegel 2 met € en ë, " + "lang ".repeat(30);
    const text = calendarText({
      name: "Wijkonderhoud: Moestuin, De Vlinder",
      now: NOW,
      events: [
        {
          uid: "task-1-2027-03-31@wijkonderhoud",
          date: "2027-03-31",
          summary,
          description,
          url: "https://app.example/initiatives/1/tasks/1",
        },
        { uid: "funding-2-end-2027-12-31@wijkonderhoud", date: "2027-12-31", summary: "Geld stopt" },
      ],
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").every((l) => octets(l) <= 75)).toBe(true);
    expect(text).toContain("DTSTART;VALUE=DATE:20270331");
    expect(text).toContain("DTSTAMP:20261206T101530Z");
    const { component, events } = parse(text);
    expect(component.getFirstPropertyValue("version")).toBe("2.0");
    // An X- property is TEXT by default (RFC 5545 3.8.8.2), so its comma is escaped too; ical.js
    // hands X- properties back as written, calendar apps unescape them like any TEXT.
    expect(component.getFirstPropertyValue("x-wr-calname")).toBe("Wijkonderhoud: Moestuin\\, De Vlinder");
    expect(events.map((e) => e.uid)).toEqual(["task-1-2027-03-31@wijkonderhoud", "funding-2-end-2027-12-31@wijkonderhoud"]);
    const [first, second] = events;
    expect(first!.summary).toBe(summary);
    expect(first!.description).toBe(description);
    expect(first!.startDate.isDate).toBe(true);
    expect(first!.startDate.toString()).toBe("2027-03-31");
    expect(first!.endDate.toString()).toBe("2027-04-01");
    expect(first!.component.getFirstPropertyValue("url")).toBe("https://app.example/initiatives/1/tasks/1");
    // The year's last day ends on the first of the next year.
    expect(second!.endDate.toString()).toBe("2028-01-01");
  });
});
