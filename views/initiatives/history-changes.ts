// An audit entry's changes ({ field: value } on create, { field: [before, after] } on update) as
// lines a coordinator can read: the field by the name its record's contract gives it (so a new field
// is named without an edit here), values as on the pages (dates, money, yes/no, the words for a
// status), and no ids.
import type { Locale } from "../../src/db/schema";
import { formatDate, formatDateTime, formatMoney, formatMonth, isMessageKey, type MessageKey, type Translate } from "../../src/i18n";
import type { StreamOption } from "../../src/domain/money/fundings";
import { contractField } from "../../src/domain/field-labels";
import { streamLabel } from "../money/parts";
import { storedDayOf } from "../../src/lib/dates";

export type ChangeLine = { label: string; before?: string; after: string };

/** Fields whose values are words with a translation: the message key before the value. */
const WORDS: Record<string, string> = {
  "initiative.status": "initiatives.status.",
  "checkin.status": "checkins.status.",
  "funding.kind": "money.funding.kind.",
  "commitment.kind": "money.commitment.kind.",
  "document.kind": "documents.kind.",
  renewalState: "money.renewal.",
  role: "volunteers.role.",
  scheduleKind: "tasks.kind.",
  intervalUnit: "tasks.unit.",
  relativeAnchor: "tasks.anchor.",
  intervalFrom: "tasks.from.",
  assigneeRoles: "tasks.role.",
  via: "history.via.",
  // A handover (src/domain/people/handover.ts): the role the tasks went to, and what became of the mail.
  tasksToRole: "tasks.role.",
  handoverMail: "history.handoverMail.",
  // The handover note is never copied into the history: only that it changed.
  handoverNote: "history.note.",
  "help_ask.status": "offers.ask.status.",
  "offer.status": "offers.status.",
};
/** Fields that are no field of a contract (bookkeeping written with a change); the others have a `history.field.*` message. */
const OTHER_LABELS: Record<string, MessageKey> = { year: "overview.col.year" };
/** Bookkeeping a reader has no use for. */
const HIDDEN = new Set(["templateKey", "version"]);
const MONTHS = new Set(["windowStartMonth", "windowEndMonth"]);
const isIdField = (field: string) => field === "id" || /Ids?$/.test(field);
const known = (key: string): key is MessageKey => isMessageKey(key);

function value(t: Translate, locale: Locale, entity: string, field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return t(v ? "history.yes" : "history.no");
  if (typeof v === "number") {
    if (contractField(entity, field)?.kind === "money") return formatMoney(locale, v);
    if (MONTHS.has(field) && v >= 1 && v <= 12) return formatMonth(locale, v);
    return String(v);
  }
  if (Array.isArray(v)) return v.map((x) => value(t, locale, entity, field, x)).join(", ");
  if (typeof v === "object") return "…";
  const text = String(v);
  // Lists stored as JSON text (a task's roles).
  if (text.startsWith("[")) {
    try {
      const list: unknown = JSON.parse(text);
      if (Array.isArray(list)) return list.length ? value(t, locale, entity, field, list) : "—";
    } catch {
      // not a list after all: shown as it is
    }
  }
  if (storedDayOf(text) === text) return formatDate(locale, text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDateTime(locale, text);
  if (field === "subjectType") return entityLabel(t, text);
  const prefix = WORDS[`${entity}.${field}`] ?? WORDS[field];
  const key = prefix && `${prefix}${text}`;
  return key && known(key) ? t(key) : text;
}

function parseRefs(refs: string | null | undefined): Record<string, StreamOption> {
  try {
    const parsed: unknown = refs ? JSON.parse(refs) : {};
    return parsed && typeof parsed === "object" ? (parsed as Record<string, StreamOption>) : {};
  } catch {
    return {};
  }
}

/** The lines for one entry; unreadable JSON gives none. `refs`: the funding streams it names by id (JSON), to name them. */
export function changeLines(t: Translate, locale: Locale, entity: string, changes: string, refs?: string | null): ChangeLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return [];
  }
  const streams = parseRefs(refs);
  // The stream a funding stream renews or succeeds is named, as in the form.
  const stream = (v: unknown) => (typeof v === "string" && streams[v] ? streamLabel(t, locale, { ...streams[v], id: v }) : "—");
  if (!parsed || typeof parsed !== "object") return [];
  return Object.entries(parsed as Record<string, unknown>).flatMap(([field, v]): ChangeLine[] => {
    const key = contractField(entity, field)?.label ?? OTHER_LABELS[field] ?? `history.field.${field}`;
    const label = known(key) ? t(key) : field;
    // [before, after]; a list of ids is itself an array, so its pair is two arrays.
    const isDiff = Array.isArray(v) && v.length === 2 && (!field.endsWith("Ids") || v.every(Array.isArray));
    if (field === "replacesFundingId") {
      if (isDiff) return [{ label, before: stream(v[0]), after: stream(v[1]) }];
      return v ? [{ label, after: stream(v) }] : [];
    }
    // Ids mean nothing to a reader: a changed one is named, a new one left out.
    if (isIdField(field)) return isDiff ? [{ label, after: t("history.changed") }] : [];
    if (HIDDEN.has(field)) return [];
    if (isDiff) return [{ label, before: value(t, locale, entity, field, v[0]), after: value(t, locale, entity, field, v[1]) }];
    // Something new: only the fields that were filled in.
    const shown = value(t, locale, entity, field, v);
    return shown === "—" ? [] : [{ label, after: shown }];
  });
}

/** "Vrijwilliger" for "involvement"; the entity itself when there is no word for it. */
export function entityLabel(t: Translate, entity: string): string {
  const key = entity === "facility" ? "activities.facility" : `history.entity.${entity}`;
  return known(key) ? t(key) : entity;
}
