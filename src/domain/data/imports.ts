// Spreadsheet import: people with their involvements for an initiative, or initiatives with their
// activities for a neighbourhood. A CSV from Excel (';' or ',', UTF-8 with or without BOM, or the
// older Windows encoding) is read, every row is checked with the screens' own schemas and named
// problems per row and column, and nothing is written until the user says so (all rows valid, or
// "only the valid rows"). Writing happens in one batch. Importing the same file again creates no
// duplicates: people match on email, or on name within the neighbourhood; involvements on person,
// role, activity and start date (a row that repeats a role the person holds in some of the same
// days is a problem of its own, as on the form); initiatives on name in the neighbourhood;
// activities on name.
// One file (over 400 lines): both imports share reading the file, mapping columns, naming problems
// per row and column and the preview; split, those would be exported only to be imported back.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  initiativeCoordinators,
  initiatives,
  involvements,
  people,
  CONTINUATION_PLANS,
  INITIATIVE_STATUSES,
} from "../../db/schema";
import { fromSpreadsheet, todayInAmsterdam } from "../../lib/dates";
import { toCsv } from "../../lib/csv";
import { messagesOf, type MessageKey } from "../../i18n";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { rollupStatements } from "../overview/rollup";
import { readCsv } from "../../lib/csv-read";
import { newInvolvementContract, involvementOptions, repeatedInvolvement } from "../people/involvements";
import { initiativeContract, type InitiativeInput } from "../initiatives/initiatives";
import { activityContract } from "../initiatives/activities";

export const MAX_IMPORT_BYTES = 256 * 1024;
export const MAX_IMPORT_ROWS = 500;

export type ImportKind = "volunteers" | "initiatives";
export type Problem = { column: string; message: MessageKey };
export type RowAction = "create" | "link" | "skip" | "extend";
export type PreviewRow = { line: number; summary: string[]; action: RowAction | null; problems: Problem[] };
export type Preview = {
  kind: ImportKind;
  header: string[];
  rows: PreviewRow[];
  fileProblems: MessageKey[];
  valid: number;
  invalid: number;
  toWrite: number;
};

// ---------- reading the file ----------

/** Bytes → text: UTF-8 (a BOM is dropped); a file that is not valid UTF-8 is read as Windows-1252 (old Excel). */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252", { fatal: false, ignoreBOM: false }).decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = readCsv(text);
  return { header: header.map((h) => h.trim()), rows };
}

/** "E-mailadres", "e-mail " and "Email" are the same column. */
function normalise(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const VOLUNTEER_COLUMNS = {
  name: ["naam", "name", "volledigenaam", "voornaamenachternaam"],
  email: ["email", "emailadres", "mail", "mailadres"],
  phone: ["telefoon", "telefoonnummer", "phone", "tel", "mobiel", "mobielnummer"],
  role: ["rol", "role", "taak", "functie"],
  critical: ["kritiek", "critical", "onmisbaar", "kritischerol", "kritiekerol"],
  activity: ["activiteit", "activity"],
  since: ["sinds", "since", "vanaf", "start", "begin", "begindatum", "startdatum"],
  until: ["tot", "until", "totenmet", "einde", "einddatum", "end"],
} as const;

const INITIATIVE_COLUMNS = {
  initiative: ["initiatief", "initiative", "naaminitiatief", "naam", "name"],
  purpose: ["doel", "purpose", "waarom"],
  startedYear: ["gestart", "startjaar", "gestartin", "startedyear", "jaar", "sinds"],
  status: ["status", "stand"],
  continuationPlan: ["voortzetting", "continuationplan", "plan", "hoehetdoorgaat"],
  activity: ["activiteit", "activity"],
  rhythm: ["ritme", "rhythm", "hoevaak", "frequentie"],
  place: ["plek", "place", "locatie", "waar"],
} as const;

const REQUIRED: Record<ImportKind, string[]> = { volunteers: ["name"], initiatives: ["initiative"] };

type Columns<K extends string> = Partial<Record<K, number>>;

function mapColumns<K extends string>(header: string[], table: Record<K, readonly string[]>): Columns<K> {
  const out: Columns<K> = {};
  header.forEach((label, i) => {
    const n = normalise(label);
    for (const [key, aliases] of Object.entries(table) as [K, readonly string[]][])
      if (out[key] === undefined && aliases.includes(n)) out[key] = i;
  });
  return out;
}

/** The template people fill in: Dutch headers, semicolons, a BOM, and one example row. */
export function templateCsv(kind: ImportKind): string {
  if (kind === "volunteers")
    return toCsv(
      ["Naam", "E-mail", "Telefoon", "Rol", "Kritiek", "Activiteit", "Sinds", "Tot"],
      [["Fatima el Amrani", "fatima@example.org", "06-12345678", "penningmeester", "ja", "", "1-3-2024", ""]],
    );
  return toCsv(
    ["Initiatief", "Doel", "Gestart", "Status", "Voortzetting", "Activiteit", "Ritme", "Plek"],
    [["Buurtmoestuin", "Samen tuinieren", 2019, "actief", "", "Tuindag", "elke zaterdag", "Moestuin Lindeplein"]],
  );
}

const YES = new Set(["ja", "j", "yes", "y", "x", "1", "waar", "true", "kritiek", "critical"]);
const key = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

function problemsOf(errors: Partial<Record<string, MessageKey>>, columnOf: (field: string) => string): Problem[] {
  return Object.entries(errors).map(([field, message]) => ({ column: columnOf(field), message: message ?? "form.invalid" }));
}

function fileCheck(kind: ImportKind, text: string): { header: string[]; rows: string[][]; fileProblems: MessageKey[] } {
  if (text.length > MAX_IMPORT_BYTES) return { header: [], rows: [], fileProblems: ["imports.error.tooBig"] };
  const { header, rows } = parseCsv(text);
  if (header.length === 0 || rows.length === 0) return { header, rows: [], fileProblems: ["imports.error.empty"] };
  if (rows.length > MAX_IMPORT_ROWS) return { header, rows: [], fileProblems: ["imports.error.tooMany"] };
  const table: Record<string, readonly string[]> = kind === "volunteers" ? VOLUNTEER_COLUMNS : INITIATIVE_COLUMNS;
  const columns: Record<string, number | undefined> = mapColumns(header, table);
  const missing = REQUIRED[kind].filter((k) => columns[k] === undefined);
  return { header, rows, fileProblems: missing.length ? ["imports.error.columns"] : [] };
}

// ---------- people with involvements, for one initiative ----------

type Initiative = { id: string; neighbourhoodId: string };
type PlannedVolunteer = {
  line: number;
  personId: string;
  newPerson: { name: string; email: string | null; phone: string | null } | null;
  involvement: { role: string; critical: boolean; activityId: string | null; since: string; until: string | null };
};

async function planVolunteers(db: Db, initiative: Initiative, text: string) {
  const { header, rows, fileProblems } = fileCheck("volunteers", text);
  const cols = mapColumns(header, VOLUNTEER_COLUMNS);
  const label = (k: keyof typeof VOLUNTEER_COLUMNS) => (cols[k] !== undefined ? header[cols[k]!]! : k);
  const cell = (row: string[], k: keyof typeof VOLUNTEER_COLUMNS) => (cols[k] !== undefined ? (row[cols[k]!] ?? "").trim() : "");
  const plan: PlannedVolunteer[] = [];
  const preview: PreviewRow[] = [];
  if (fileProblems.length) return { header, plan, preview, fileProblems };

  const emails = [...new Set(rows.map((r) => cell(r, "email").toLowerCase()).filter(Boolean))].slice(0, MAX_IMPORT_ROWS);
  const [options, acts, existing, byEmail] = await Promise.all([
    involvementOptions(db, initiative),
    db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(and(eq(activities.initiativeId, initiative.id), isNull(activities.archivedAt))),
    db.select().from(involvements).where(eq(involvements.initiativeId, initiative.id)),
    emailLookup(db, emails),
  ]);
  const byName = new Map<string, string[]>();
  for (const p of options.people) byName.set(key(p.name), [...(byName.get(key(p.name)) ?? []), p.id]);
  const seen = new Set(existing.map((i) => [i.personId, i.role, i.activityId ?? "", i.since].join("|")));
  // What each person holds (stored, and planned by earlier rows): the same role in the same days is a duplicate.
  const held = existing.map(({ id, personId, role, activityId, since, until }) => ({ id, personId, role, activityId, since, until }));
  const madeByEmail = new Map<string, string>();
  const madeByName = new Map<string, string>();
  const columnOf = (field: string) =>
    label(
      ({ personId: "name", activityId: "activity" } as Record<string, keyof typeof VOLUNTEER_COLUMNS>)[field] ??
        (field as keyof typeof VOLUNTEER_COLUMNS),
    );

  rows.forEach((row, i) => {
    const line = i + 2;
    const name = cell(row, "name");
    const email = cell(row, "email");
    const activityName = cell(row, "activity");
    const problems: Problem[] = [];
    const activity = activityName ? acts.find((a) => key(a.name) === key(activityName)) : undefined;
    if (activityName && !activity) problems.push({ column: label("activity"), message: "imports.error.activity" });
    const parsed = newInvolvementContract.parseForm({
      name,
      email,
      phone: cell(row, "phone"),
      role: cell(row, "role") || "volunteer",
      critical: YES.has(key(cell(row, "critical"))) ? "on" : "",
      // Dutch spreadsheets write 1-3-2024; that notation is read here, then the one date rule applies.
      since: fromSpreadsheet(cell(row, "since")),
      until: fromSpreadsheet(cell(row, "until")),
    });
    if (!parsed.ok) problems.push(...problemsOf(parsed.errors, columnOf));
    const summary = [name, email, cell(row, "role"), cell(row, "since")];
    if (!parsed.ok || problems.length > 0) {
      preview.push({ line, summary, action: null, problems });
      return;
    }
    const d = parsed.data;
    // Who is this? The email first; otherwise the name among the neighbourhood's people; otherwise someone new.
    let personId: string | null = null;
    if (d.email) {
      const known = byEmail.get(d.email);
      if (known?.erased) {
        preview.push({ line, summary, action: null, problems: [{ column: label("email"), message: "form.emailTaken" }] });
        return;
      }
      personId = known?.id ?? madeByEmail.get(d.email) ?? null;
    }
    if (!personId && !d.email) {
      const matches = byName.get(key(d.name!)) ?? [];
      if (matches.length > 1) {
        preview.push({ line, summary, action: null, problems: [{ column: label("name"), message: "imports.error.ambiguous" }] });
        return;
      }
      personId = matches[0] ?? madeByName.get(key(d.name!)) ?? null;
    }
    const involvement = { role: d.role, critical: d.critical, activityId: activity?.id ?? null, since: d.since, until: d.until ?? null };
    const isNew = !personId;
    personId ??= crypto.randomUUID();
    const dedupe = [personId, involvement.role, involvement.activityId ?? "", involvement.since].join("|");
    if (seen.has(dedupe)) {
      preview.push({ line, summary, action: "skip", problems: [] });
      return;
    }
    if (repeatedInvolvement(held, { personId, ...involvement })) {
      preview.push({ line, summary, action: null, problems: [{ column: label("role"), message: "volunteers.error.duplicate" }] });
      return;
    }
    seen.add(dedupe);
    held.push({ id: `line-${line}`, personId, ...involvement });
    if (isNew) {
      if (d.email) madeByEmail.set(d.email, personId);
      else madeByName.set(key(d.name!), personId);
    }
    plan.push({ line, personId, newPerson: isNew ? { name: d.name!, email: d.email ?? null, phone: d.phone ?? null } : null, involvement });
    preview.push({ line, summary, action: isNew ? "create" : "link", problems: [] });
  });
  return { header, plan, preview, fileProblems };
}

async function emailLookup(db: Db, emails: string[]) {
  const out = new Map<string, { id: string; erased: boolean }>();
  for (let i = 0; i < emails.length; i += 90) {
    const rows = await db
      .select({ id: people.id, email: people.email, erasedAt: people.erasedAt })
      .from(people)
      .where(inArray(people.email, emails.slice(i, i + 90)));
    for (const r of rows) if (r.email) out.set(r.email, { id: r.id, erased: r.erasedAt !== null });
  }
  return out;
}

function summarise(kind: ImportKind, header: string[], preview: PreviewRow[], fileProblems: MessageKey[], toWrite: number): Preview {
  const invalid = preview.filter((r) => r.problems.length > 0).length;
  return { kind, header, rows: preview, fileProblems, valid: preview.length - invalid, invalid, toWrite };
}

export async function previewVolunteers(db: Db, initiative: Initiative, text: string): Promise<Preview> {
  const { header, plan, preview, fileProblems } = await planVolunteers(db, initiative, text);
  return summarise("volunteers", header, preview, fileProblems, plan.length);
}

export type ImportResult = { ok: true; written: number; skipped: number } | { ok: false; preview: Preview };

/**
 * Writes the valid rows. With `onlyValid` false, any row with a problem stops everything (and the
 * preview comes back). Rows already in the database are skipped, so importing twice adds nothing.
 */
export async function importVolunteers(
  db: Db,
  initiative: Initiative,
  text: string,
  onlyValid: boolean,
  actorId: string | null,
  now: Date,
): Promise<ImportResult> {
  const { header, plan, preview, fileProblems } = await planVolunteers(db, initiative, text);
  const result = summarise("volunteers", header, preview, fileProblems, plan.length);
  if (fileProblems.length || (!onlyValid && result.invalid > 0)) return { ok: false, preview: result };
  const at = now.toISOString();
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  const statements = plan.flatMap((p) => {
    const id = crypto.randomUUID();
    const row = { id, personId: p.personId, initiativeId: initiative.id, ...p.involvement };
    return [
      ...(p.newPerson
        ? [
            db.insert(people).values({
              id: p.personId,
              ...p.newPerson,
              locale: "nl" as const,
              neighbourhoodId: initiative.neighbourhoodId,
              createdAt: at,
              createdBy: actorId,
              updatedAt: at,
              updatedBy: actorId,
            }),
            audit(db, { actorId, entity: "person", entityId: p.personId, action: "create", ...scope, changes: { via: "import" } }, now),
          ]
        : []),
      db.insert(involvements).values({ ...row, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
      audit(db, { actorId, entity: "involvement", entityId: id, action: "create", ...scope, changes: { ...row, via: "import" } }, now),
    ];
  });
  if (statements.length > 0) {
    // Imported volunteers may have started years ago: the overview's past follows in the same batch.
    const all = [...statements, ...rollupStatements(db, { initiativeIds: [initiative.id] })];
    await db.batch(all as [(typeof all)[number], ...(typeof all)[number][]]);
    await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
  }
  return { ok: true, written: plan.length, skipped: preview.filter((r) => r.action === "skip").length };
}

// ---------- initiatives with activities, for one neighbourhood ----------

function lookupValue<T extends string>(values: readonly T[], prefix: string, raw: string): string {
  const k = normalise(raw);
  for (const v of values) {
    if (normalise(v) === k) return v;
    for (const cat of [messagesOf("nl"), messagesOf("en")])
      if (normalise((cat as Record<string, string>)[`${prefix}.${v}`] ?? "") === k) return v;
  }
  return raw;
}

type PlannedInitiative = { id: string; isNew: boolean; fields?: InitiativeInput };
type PlannedActivity = { initiativeId: string; name: string; rhythm: string; place: string };

async function planInitiatives(db: Db, neighbourhoodId: string, text: string, today: string) {
  const { header, rows, fileProblems } = fileCheck("initiatives", text);
  const cols = mapColumns(header, INITIATIVE_COLUMNS);
  const label = (k: keyof typeof INITIATIVE_COLUMNS) => (cols[k] !== undefined ? header[cols[k]!]! : k);
  const cell = (row: string[], k: keyof typeof INITIATIVE_COLUMNS) => (cols[k] !== undefined ? (row[cols[k]!] ?? "").trim() : "");
  const preview: PreviewRow[] = [];
  const newInitiatives = new Map<string, PlannedInitiative>();
  const newActivities: PlannedActivity[] = [];
  if (fileProblems.length) return { header, preview, fileProblems, newInitiatives, newActivities };

  const [inits, acts] = await db.batch([
    db.select({ id: initiatives.id, name: initiatives.name }).from(initiatives).where(eq(initiatives.neighbourhoodId, neighbourhoodId)),
    db
      .select({ initiativeId: activities.initiativeId, name: activities.name })
      .from(activities)
      .where(
        inArray(
          activities.initiativeId,
          db.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.neighbourhoodId, neighbourhoodId)),
        ),
      ),
  ]);
  const existingByName = new Map(inits.map((i) => [key(i.name), i.id]));
  const activityKeys = new Set(acts.map((a) => `${a.initiativeId}|${key(a.name)}`));
  const fieldColumn: Record<string, keyof typeof INITIATIVE_COLUMNS> = {
    name: "initiative",
    purpose: "purpose",
    startedYear: "startedYear",
    status: "status",
    continuationPlan: "continuationPlan",
    plannedEndOn: "continuationPlan",
    rhythm: "rhythm",
    place: "place",
  };

  rows.forEach((row, i) => {
    const line = i + 2;
    const name = cell(row, "initiative");
    const activityName = cell(row, "activity");
    const summary = [name, cell(row, "startedYear"), activityName];
    const problems: Problem[] = [];
    let initiativeId = existingByName.get(key(name)) ?? newInitiatives.get(key(name))?.id ?? null;
    let action: RowAction = "skip";
    if (!initiativeId) {
      const parsed = initiativeContract.parseForm(
        {
          name,
          purpose: cell(row, "purpose"),
          startedYear: cell(row, "startedYear"),
          status: cell(row, "status") ? lookupValue(INITIATIVE_STATUSES, "initiatives.status", cell(row, "status")) : "active",
          continuationPlan: cell(row, "continuationPlan")
            ? lookupValue(CONTINUATION_PLANS, "initiatives.plan", cell(row, "continuationPlan"))
            : "none",
          continuationNote: "",
        },
        today,
      );
      if (!parsed.ok) problems.push(...problemsOf(parsed.errors, (f) => label(fieldColumn[f] ?? "initiative")));
      else {
        initiativeId = crypto.randomUUID();
        newInitiatives.set(key(name), { id: initiativeId, isNew: true, fields: parsed.data });
        action = "create";
      }
    }
    if (activityName && problems.length === 0) {
      const parsed = activityContract.parseForm({ name: activityName, rhythm: cell(row, "rhythm"), place: cell(row, "place") });
      if (!parsed.ok) problems.push(...problemsOf(parsed.errors, (f) => label(f === "name" ? "activity" : (fieldColumn[f] ?? "activity"))));
      else if (initiativeId && !activityKeys.has(`${initiativeId}|${key(activityName)}`)) {
        activityKeys.add(`${initiativeId}|${key(activityName)}`);
        newActivities.push({ initiativeId, name: parsed.data.name, rhythm: parsed.data.rhythm, place: parsed.data.place });
        if (action === "skip") action = "extend";
      }
    }
    if (problems.length > 0) {
      // A broken row must not leave a half-planned initiative behind.
      if (action === "create") newInitiatives.delete(key(name));
      preview.push({ line, summary, action: null, problems });
    } else preview.push({ line, summary, action, problems });
  });
  return { header, preview, fileProblems, newInitiatives, newActivities };
}

export async function previewInitiatives(db: Db, neighbourhoodId: string, text: string, today: string): Promise<Preview> {
  const p = await planInitiatives(db, neighbourhoodId, text, today);
  return summarise("initiatives", p.header, p.preview, p.fileProblems, p.newInitiatives.size + p.newActivities.length);
}

export async function importInitiatives(
  db: Db,
  neighbourhoodId: string,
  text: string,
  onlyValid: boolean,
  actorId: string | null,
  now: Date,
): Promise<ImportResult> {
  const today = todayInAmsterdam(now);
  const p = await planInitiatives(db, neighbourhoodId, text, today);
  const result = summarise("initiatives", p.header, p.preview, p.fileProblems, p.newInitiatives.size + p.newActivities.length);
  if (p.fileProblems.length || (!onlyValid && result.invalid > 0)) return { ok: false, preview: result };
  const at = now.toISOString();
  const stamp = { createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId };
  const statements = [
    ...[...p.newInitiatives.values()].flatMap(({ id, fields }) => [
      db
        .insert(initiatives)
        .values({ id, neighbourhoodId, ...fields!, plannedEndOn: fields!.plannedEndOn ?? null, statusSince: today, ...stamp }),
      // As on the screen: whoever starts an initiative coordinates it.
      ...(actorId ? [db.insert(initiativeCoordinators).values({ initiativeId: id, personId: actorId })] : []),
      audit(
        db,
        {
          actorId,
          entity: "initiative",
          entityId: id,
          action: "create",
          initiativeId: id,
          neighbourhoodId,
          changes: { name: fields!.name, via: "import" },
        },
        now,
      ),
    ]),
    ...p.newActivities.flatMap((a) => {
      const id = crypto.randomUUID();
      return [
        db
          .insert(activities)
          .values({ id, initiativeId: a.initiativeId, name: a.name, rhythm: a.rhythm, place: a.place, facilityId: null, ...stamp }),
        audit(
          db,
          {
            actorId,
            entity: "activity",
            entityId: id,
            action: "create",
            initiativeId: a.initiativeId,
            neighbourhoodId,
            changes: { name: a.name, via: "import" },
          },
          now,
        ),
      ];
    }),
  ];
  if (statements.length > 0) {
    const all = [...statements, ...rollupStatements(db, { neighbourhoodIds: [neighbourhoodId] })];
    await db.batch(all as [(typeof all)[number], ...(typeof all)[number][]]);
    // The new activities are judged at once (in new initiatives and in existing ones alike).
    await rejudgeAfterWrite(db, { initiativeIds: [...new Set(p.newActivities.map((a) => a.initiativeId))] }, now, today);
  }
  return {
    ok: true,
    written: p.newInitiatives.size + p.newActivities.length,
    skipped: p.preview.filter((r) => r.action === "skip").length,
  };
}
