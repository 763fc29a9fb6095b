import { describe, expect, it } from "vitest";
import { changeLines, entityLabel } from "../../views/initiatives/history-changes";
import { actionWords } from "../../views/initiatives/history-page";
import { translator } from "../../src/i18n";

const nl = translator("nl");
const en = translator("en");
const lines = (entity: string, changes: unknown, t = nl, locale: "nl" | "en" = "nl") =>
  changeLines(t, locale, entity, JSON.stringify(changes));

describe("an audit entry's changes in words", () => {
  it("names the fields as the forms do and shows before → after", () => {
    expect(lines("initiative", { status: ["active", "stopped"], name: ["Moestuin", "Moestuin Noord"] })).toEqual([
      { label: "Status", before: "Actief", after: "Gestopt" },
      { label: "Naam", before: "Moestuin", after: "Moestuin Noord" },
    ]);
    expect(lines("initiative", { status: ["active", "stopped"] }, en, "en")).toEqual([
      { label: "Status", before: "Active", after: "Stopped" },
    ]);
  });

  it("formats dates, money, months, yes/no and empty values as the pages do", () => {
    expect(lines("funding", { endsOn: ["2026-12-31", null], amountCentsPerYear: 250000, renewalState: "applied", kind: "fund" })).toEqual([
      { label: "Stopt op", before: "31 december 2026", after: "—" },
      { label: "Bedrag per jaar", after: expect.stringMatching(/^€\s2\.500,00$/) },
      { label: "Verlenging", after: "Aangevraagd" },
      { label: "Soort", after: "Fonds" },
    ]);
    expect(lines("task", { windowStartMonth: [3, 4], leadDays: 14 })).toEqual([
      { label: "Van maand", before: "maart", after: "april" },
      { label: "Dagen vooraf herinneren", after: "14" },
    ]);
    expect(lines("involvement", { critical: true, role: "key_holder" })).toEqual([
      { label: "Onmisbaar", after: "ja" },
      { label: "Rol", after: expect.stringMatching(/sleutel/i) },
    ]);
  });

  it("never shows ids: a new one is left out, a changed one only named", () => {
    const id = "3f0c6a4e-9a0b-4c1e-8d2f-1a2b3c4d5e6f";
    const out = lines("involvement", { id, personId: id, initiativeId: id, activityId: [null, id], since: "2025-04-01" });
    expect(out).toEqual([
      { label: "Activiteit", after: "gewijzigd" },
      { label: "Sinds", after: "1 april 2025" },
    ]);
    expect(lines("task", { assigneeIds: [[id], [id, id]] })).toEqual([{ label: "Wie het doet", after: "gewijzigd" }]);
    expect(JSON.stringify(out)).not.toContain(id);
  });

  it("lists only what was filled in on something new, in words, without bookkeeping", () => {
    const created = {
      subjectType: "initiative",
      title: "Verzekering verlengen",
      intervalFrom: "due",
      windowStartMonth: null,
      endsOn: null,
      assigneeRoles: '["coordinator","treasurer"]',
      templateKey: "insurance",
    };
    expect(lines("task", created)).toEqual([
      { label: "Gaat over", after: "Initiatief" },
      { label: "Taak", after: "Verzekering verlengen" },
      { label: "Tellen vanaf", after: "de vorige datum (een vast ritme)" },
      { label: "Rollen die het doen", after: "Coördinator, Penningmeester" },
    ]);
    // A change to empty is still shown: it is the change.
    expect(lines("task", { endsOn: ["2027-01-01", null] })).toEqual([{ label: "Stopt op", before: "1 januari 2027", after: "—" }]);
  });

  it("tells a task's answers in words: what was answered, for which date, until when, never code names", () => {
    // As answerTask records them (entity task; action complete / snooze / not_applicable).
    const snooze = { eventId: "3f0c6a4e-9a0b-4c1e-8d2f-1a2b3c4d5e6f", occurrenceDueOn: "2026-12-11", snoozedUntil: "2026-12-20", note: "" };
    expect(actionWords(nl, "snooze")).toBe("uitgesteld");
    expect(actionWords(nl, "complete")).toBe("gedaan");
    expect(actionWords(nl, "not_applicable")).toBe("niet nodig deze keer");
    expect(actionWords(en, "not_applicable")).toBe("not needed this time");
    expect(lines("task", snooze)).toEqual([
      { label: "Voor de keer van", after: "11 december 2026" },
      { label: "Uitgesteld tot", after: "20 december 2026" },
    ]);
    const done = { eventId: "x-1", occurrenceDueOn: "2026-12-14", snoozedUntil: null, note: "Met Ahmed gedaan" };
    expect(lines("task", done)).toEqual([
      { label: "Voor de keer van", after: "14 december 2026" },
      { label: "Notitie", after: "Met Ahmed gedaan" },
    ]);
    const words = JSON.stringify([...lines("task", snooze), ...lines("task", done)]);
    for (const code of ["occurrenceDueOn", "snoozedUntil", "eventId", "not_applicable", "snooze"]) expect(words).not.toContain(code);
  });

  it("never shows an action's code name: an unknown one reads as a change", () => {
    expect(actionWords(nl, "something_new")).toBe("gewijzigd");
    expect(actionWords(nl, "update")).not.toMatch(/update/);
  });

  it("keeps a field without a name readable and survives broken JSON", () => {
    expect(lines("initiative", { somethingNew: "x" })).toEqual([{ label: "somethingNew", after: "x" }]);
    expect(changeLines(nl, "nl", "initiative", "{not json")).toEqual([]);
  });

  it("names the entity, or shows it as stored when there is no word for it", () => {
    expect(entityLabel(nl, "involvement")).toBe("Vrijwilliger");
    expect(entityLabel(en, "funding")).toBe("Funding source");
    expect(entityLabel(nl, "api_token")).toBe("api_token");
  });
});
