// Volunteers: a person in an initiative (optionally an activity) with a role, since and until.
// Involvements are never deleted: the intervals are the year-on-year history.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, initiativeCoordinators, involvements, people, type Locale } from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import { defineContract, type FormValues, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { translator } from "../../i18n";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { rollupStatements } from "../overview/rollup";
import { activeIdsInYear } from "../overview/year-figures";

type Initiative = { id: string; neighbourhoodId: string };

// ---------- roles ----------

/** Roles the app knows (risk rules and task assignment read these keys); anything else is kept as typed. */
export const ROLE_KEYS = ["volunteer", "treasurer", "key_holder", "cook", "coordinator", "host"] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

const ROLE_ALIASES: Record<string, RoleKey> = {
  volunteer: "volunteer",
  vrijwilliger: "volunteer",
  vrijwilligster: "volunteer",
  treasurer: "treasurer",
  penningmeester: "treasurer",
  key_holder: "key_holder",
  "key holder": "key_holder",
  keyholder: "key_holder",
  sleutelhouder: "key_holder",
  sleutelbeheerder: "key_holder",
  cook: "cook",
  kok: "cook",
  coordinator: "coordinator",
  coördinator: "coordinator",
  coordinatrice: "coordinator",
  coördinatrice: "coordinator",
  host: "host",
  gastvrouw: "host",
  gastheer: "host",
  "gastvrouw/gastheer": "host",
  "gastheer/gastvrouw": "host",
  "gastvrouw / gastheer": "host",
};

/** One spelling per role, so "Penningmeester" and "penningmeester " are the same role for the risk rules. */
export function normaliseRole(text: string): string {
  const clean = text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  return ROLE_ALIASES[clean] ?? clean;
}

export function isRoleKey(role: string): role is RoleKey {
  return (ROLE_KEYS as readonly string[]).includes(role);
}

// ---------- the contract ----------

/** Known roles in words of the locale; a role someone typed themselves, as typed. */
function roleInWords(role: string, locale: Locale) {
  return isRoleKey(role) ? translator(locale)(`volunteers.role.${role}`) : role;
}

const involvementFields = {
  role: f.requiredText("volunteers.form.role", 60, { normalise: normaliseRole, show: roleInWords }),
  critical: f.checkbox("history.field.critical"),
  activityId: f.optionalId("history.field.activityId"),
  since: f.requiredDate("volunteers.form.since"),
  until: f.optionalDate("history.field.until"),
};

/** Who a new involvement is about: someone known (personId), or a new person (name, optional email and phone). */
const whoFields = {
  personId: f.optionalId("history.field.personId"),
  name: f.optionalText("volunteers.form.name", 120),
  email: f.optionalEmail("people.email"),
  phone: f.optionalText("history.field.phone", 40, { pattern: [/^\+?[0-9][0-9 ()\-.]{5,}$/, "volunteers.error.phone"] }),
};

const untilNotBeforeSince: Rule<typeof involvementFields> = (v) =>
  v.since && v.until && v.until < v.since ? { until: "volunteers.error.untilBeforeSince" } : {};

const someoneGiven: Rule<typeof whoFields> = (v) => {
  const newPerson = !!v.name || !!v.email || !!v.phone;
  if (v.personId && newPerson) return { personId: "volunteers.error.both" };
  return !v.personId && !v.name ? { name: "volunteers.error.who" } : {};
};

/** An involvement as it is changed (the edit form, PATCH): the person stays who it is. */
export const involvementContract = defineContract({ name: "Involvement", fields: involvementFields, rules: [untilNotBeforeSince] });

/** A new involvement (the add form, the API's create, the import): who, and the involvement itself. */
export const newInvolvementContract = defineContract({
  name: "Involvement",
  fields: { ...whoFields, ...involvementFields },
  rules: [someoneGiven, untilNotBeforeSince],
});

/** Ending an involvement: its last day ("stoppen"). */
export const involvementEndingContract = defineContract({
  name: "InvolvementEnding",
  fields: { lastDay: f.requiredDate("volunteers.ending.until") },
});

export type InvolvementInput = Values<typeof involvementFields>;
export type CreateInvolvementInput = Values<typeof newInvolvementContract.fields>;
export type EndInvolvementInput = Values<typeof involvementEndingContract.fields> & { version: number };
export type InvolvementFormValues = FormValues<typeof newInvolvementContract.fields>;

// ---------- pure figures ----------

/** Distinct people whose [since, until] overlaps the calendar year (until null = still going). */
export function activeVolunteersInYear(items: readonly { personId: string; since: string; until: string | null }[], year: number): number {
  return activeIdsInYear([...items], (i) => i.personId, year).size;
}

type Interval = { since: string; until: string | null };
const day = (d: string) => d.slice(0, 10);
/** Two intervals share a day (an open end runs on for ever). */
export function overlaps(a: Interval, b: Interval): boolean {
  return (b.until === null || day(a.since) <= day(b.until)) && (a.until === null || day(b.since) <= day(a.until));
}

type Held = Interval & { personId: string; role: string; activityId: string | null };

/**
 * The involvement that `candidate` would repeat: the same person in the same role, for the same
 * activity (or one of them for the whole initiative), during some of the same days. Someone who
 * returns after an ended involvement, or who does the same role for two different activities, is
 * no duplicate. Roles are compared in their one spelling (normaliseRole).
 */
export function repeatedInvolvement<T extends Held & { id: string }>(existing: readonly T[], candidate: Held, exceptId?: string): T | null {
  const role = normaliseRole(candidate.role);
  return (
    existing.find(
      (e) =>
        e.id !== exceptId &&
        e.personId === candidate.personId &&
        normaliseRole(e.role) === role &&
        (e.activityId === candidate.activityId || e.activityId === null || candidate.activityId === null) &&
        overlaps(e, candidate),
    ) ?? null
  );
}

/** Active on this day: started on or before it and not ended before it. */
export function isActiveOn(iv: { since: string; until: string | null }, today: string): boolean {
  return iv.since <= today && (iv.until === null || iv.until >= today);
}

// ---------- reading ----------

export type InvolvementRow = {
  id: string;
  personId: string;
  personName: string;
  personErased: boolean;
  personEmail: string | null;
  personPhone: string | null;
  activityId: string | null;
  activityName: string | null;
  role: string;
  critical: boolean;
  since: string;
  until: string | null;
  version: number;
};

function involvementSelect(db: Db) {
  return db
    .select({
      id: involvements.id,
      personId: involvements.personId,
      personName: people.name,
      personErasedAt: people.erasedAt,
      personEmail: people.email,
      personPhone: people.phone,
      activityId: involvements.activityId,
      activityName: activities.name,
      role: involvements.role,
      critical: involvements.critical,
      since: involvements.since,
      until: involvements.until,
      version: involvements.version,
    })
    .from(involvements)
    .innerJoin(people, eq(people.id, involvements.personId))
    .leftJoin(activities, eq(activities.id, involvements.activityId));
}

function toRow(r: { personErasedAt: string | null } & Omit<InvolvementRow, "personErased">): InvolvementRow {
  const { personErasedAt, ...rest } = r;
  return { ...rest, personErased: personErasedAt !== null };
}

/** One involvement of this initiative, or null (also when it belongs to another initiative). */
export async function getInvolvement(db: Db, initiativeId: string, id: string): Promise<InvolvementRow | null> {
  const rows = await involvementSelect(db).where(and(eq(involvements.id, id), eq(involvements.initiativeId, initiativeId)));
  return rows[0] ? toRow(rows[0]) : null;
}

export type VolunteersSectionData = {
  /** Distinct people active today. */
  activeCount: number;
  /** Involvements that have not ended (including ones that start later), critical first. */
  active: InvolvementRow[];
  /** Ended involvements, most recently ended first. */
  former: InvolvementRow[];
};

/** Every involvement of the initiative with person and activity, by start date and name. */
export function involvementRowsRead(db: Db, initiativeId: string) {
  return involvementSelect(db).where(eq(involvements.initiativeId, initiativeId)).orderBy(asc(involvements.since), asc(people.name));
}
export type InvolvementReadRow = Awaited<ReturnType<typeof involvementRowsRead>>[number];

export function volunteersSectionFrom(read: InvolvementReadRow[], today: string): VolunteersSectionData {
  const rows = read.map(toRow);
  const active = rows.filter((r) => r.until === null || r.until >= today).sort((a, b) => Number(b.critical) - Number(a.critical));
  const former = rows.filter((r) => r.until !== null && r.until < today).sort((a, b) => (b.until ?? "").localeCompare(a.until ?? ""));
  const activeCount = new Set(rows.filter((r) => isActiveOn(r, today)).map((r) => r.personId)).size;
  return { activeCount, active, former };
}

/** Volunteers for the initiative page: one query. */
export async function loadVolunteersSection(db: Db, initiativeId: string, today: string): Promise<VolunteersSectionData> {
  return volunteersSectionFrom(await involvementRowsRead(db, initiativeId), today);
}

/** The intervals of an initiative, for year figures and the check-in prefill. */
export async function involvementIntervals(db: Db, initiativeId: string) {
  return db
    .select({ personId: involvements.personId, since: involvements.since, until: involvements.until })
    .from(involvements)
    .where(eq(involvements.initiativeId, initiativeId));
}

export type InvolvementOptions = { people: { id: string; name: string }[]; activities: { id: string; name: string }[] };

/**
 * Who can be picked: people of the initiative's neighbourhood, plus anyone already involved in or
 * coordinating this initiative. Activities: this initiative's, not archived (the current one stays).
 */
export async function involvementOptions(db: Db, initiative: Initiative, keepActivityId?: string | null): Promise<InvolvementOptions> {
  const [persons, acts] = await db.batch([
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(
        and(
          isNull(people.erasedAt),
          or(
            eq(people.neighbourhoodId, initiative.neighbourhoodId),
            inArray(
              people.id,
              db.select({ id: involvements.personId }).from(involvements).where(eq(involvements.initiativeId, initiative.id)),
            ),
            inArray(
              people.id,
              db
                .select({ id: initiativeCoordinators.personId })
                .from(initiativeCoordinators)
                .where(eq(initiativeCoordinators.initiativeId, initiative.id)),
            ),
          ),
        ),
      )
      .orderBy(asc(people.name)),
    db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(
        and(
          eq(activities.initiativeId, initiative.id),
          keepActivityId ? or(isNull(activities.archivedAt), eq(activities.id, keepActivityId)) : isNull(activities.archivedAt),
        ),
      )
      .orderBy(asc(activities.name)),
  ]);
  return { people: persons, activities: acts };
}

/** Ids from the form must be among the options: a foreign id is a field error, not a crash or a leak. */
export function checkInvolvementLinks(
  options: InvolvementOptions,
  input: { personId?: string | null; activityId?: string | null },
): FieldErrors {
  const errors: FieldErrors = {};
  if (input.personId && !options.people.some((p) => p.id === input.personId)) errors.personId = "form.unknownOption";
  if (input.activityId && !options.activities.some((a) => a.id === input.activityId)) errors.activityId = "form.unknownOption";
  return errors;
}

// ---------- writing ----------

export type CreatedInvolvement = {
  involvementId: string;
  personId: string;
  /** Set when the email given for a "new" person already belonged to someone: that person was linked instead. */
  linked: { id: string; name: string; email: string } | null;
};

export class EmailOfErasedPersonError extends Error {
  constructor() {
    super("email belongs to an erased person");
  }
}

/**
 * The person already has this role in this initiative during some of the same days. `field` is
 * the one to show the message next to: who was chosen (personId), the email that named a known
 * person, or the role of an involvement being changed.
 */
export class DuplicateInvolvementError extends Error {
  readonly errors: FieldErrors;
  constructor(
    readonly field: "personId" | "email" | "role",
    readonly existingId: string,
  ) {
    super("the same person in the same role twice");
    this.errors = { [field]: "volunteers.error.duplicate" };
  }
}

async function assertNotRepeated(
  db: Db,
  initiativeId: string,
  candidate: Held,
  field: DuplicateInvolvementError["field"],
  exceptId?: string,
) {
  const existing = await db
    .select({
      id: involvements.id,
      personId: involvements.personId,
      role: involvements.role,
      activityId: involvements.activityId,
      since: involvements.since,
      until: involvements.until,
    })
    .from(involvements)
    .where(and(eq(involvements.initiativeId, initiativeId), eq(involvements.personId, candidate.personId)));
  const repeated = repeatedInvolvement(existing, candidate, exceptId);
  if (repeated) throw new DuplicateInvolvementError(field, repeated.id);
}

function isUniqueEmailError(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: people\.email/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Adds a volunteer. A new person gets the initiative's neighbourhood and Dutch as language; when the
 * email is already known, that person is linked instead (the caller says so to the user). Someone
 * known who already has this role here in the same days is refused (DuplicateInvolvementError).
 */
export async function createInvolvement(
  db: Db,
  initiative: Initiative,
  input: CreateInvolvementInput,
  actorId: string | null,
  now: Date,
  retried = false,
): Promise<CreatedInvolvement> {
  const at = now.toISOString();
  let personId = input.personId;
  let linked: CreatedInvolvement["linked"] = null;
  if (!personId && input.email) {
    const known = await db.query.people.findFirst({ where: eq(people.email, input.email) });
    if (known?.erasedAt) throw new EmailOfErasedPersonError();
    if (known) {
      personId = known.id;
      linked = { id: known.id, name: known.name, email: input.email };
    }
  }
  if (personId) await assertNotRepeated(db, initiative.id, { ...input, personId }, input.personId ? "personId" : "email");
  const newPersonId = personId ? null : crypto.randomUUID();
  const involvementId = crypto.randomUUID();
  const row = {
    id: involvementId,
    personId: personId ?? newPersonId!,
    initiativeId: initiative.id,
    activityId: input.activityId,
    role: input.role,
    critical: input.critical,
    since: input.since,
    until: input.until,
  };
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  const insertInvolvement = db
    .insert(involvements)
    .values({ ...row, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId });
  const auditInvolvement = audit(
    db,
    {
      actorId,
      entity: "involvement",
      entityId: involvementId,
      action: "create",
      ...scope,
      changes: { ...row, ...(linked ? { linkedByEmail: true } : {}) },
    },
    now,
  );
  try {
    if (newPersonId) {
      await db.batch([
        db.insert(people).values({
          id: newPersonId,
          name: input.name!,
          email: input.email ?? null,
          phone: input.phone ?? null,
          locale: "nl",
          neighbourhoodId: initiative.neighbourhoodId,
          createdAt: at,
          createdBy: actorId,
          updatedAt: at,
          updatedBy: actorId,
        }),
        audit(db, { actorId, entity: "person", entityId: newPersonId, action: "create", ...scope, changes: { via: "involvement" } }, now),
        insertInvolvement,
        auditInvolvement,
        ...rollupStatements(db, { initiativeIds: [initiative.id], personIds: [row.personId] }),
      ]);
    } else {
      await db.batch([
        insertInvolvement,
        auditInvolvement,
        ...rollupStatements(db, { initiativeIds: [initiative.id], personIds: [row.personId] }),
      ]);
    }
  } catch (err) {
    // Someone added the same email a moment ago: link that person instead.
    if (!retried && newPersonId && isUniqueEmailError(err)) return createInvolvement(db, initiative, input, actorId, now, true);
    throw err;
  }
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
  return { involvementId, personId: row.personId, linked };
}

/**
 * Changes role, critical, activity and dates; throws StaleVersionError when someone saved in
 * between, and DuplicateInvolvementError when the change repeats another involvement of the person.
 */
export async function updateInvolvement(
  db: Db,
  initiative: Initiative,
  before: InvolvementRow,
  input: InvolvementInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  await assertNotRepeated(db, initiative.id, { ...set, personId: before.personId }, "role", before.id);
  // Back-dated dates change past years of the overview: its rollup follows in the same batch.
  const rollup = rollupStatements(db, { initiativeIds: [initiative.id], personIds: [before.personId] });
  await updateVersioned(db, involvements, { before, version, set, actorId, entity: "involvement", ...scope, with: rollup }, now);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

/** "Stoppen": sets the last day. The row stays, so the history keeps who took part when. */
export async function endInvolvement(
  db: Db,
  initiative: Initiative,
  before: InvolvementRow,
  input: EndInvolvementInput,
  actorId: string | null,
  now: Date,
) {
  const scope = { initiativeId: initiative.id, neighbourhoodId: initiative.neighbourhoodId };
  const rollup = rollupStatements(db, { initiativeIds: [initiative.id], personIds: [before.personId] });
  const change = {
    before,
    version: input.version,
    set: { until: input.lastDay },
    actorId,
    entity: "involvement",
    action: "end",
    ...scope,
    with: rollup,
  };
  await updateVersioned(db, involvements, change, now);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

/** The last day must not lie before the first. */
export function checkEnding(before: { since: string }, input: { lastDay: string }): FieldErrors {
  return input.lastDay < before.since ? { lastDay: "volunteers.error.untilBeforeSince" } : {};
}
