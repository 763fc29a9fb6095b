// Neighbourhoods: the page that shows what a neighbourhood has, and their management by admins.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import { initiativeCoordinators, initiatives, neighbourhoods, people } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type FormValues, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { audit } from "../audit";
import { updateVersioned } from "../versioned-update";
import { assetCountsQuery, countsByCategory } from "./assets";
import { setArchived } from "../archive";
import { initiativeLevelsFrom, initiativeLevelsRead, neighbourhoodRiskReads, perLevelFrom } from "../risk/read";

export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;

// ---- The neighbourhood page ----

export type NeighbourhoodInitiative = {
  id: string;
  name: string;
  status: (typeof initiatives.$inferSelect)["status"];
  startedYear: number;
  archivedAt: string | null;
  coordinators: string[];
};

/**
 * Everything the neighbourhood page shows, in one statement: its initiatives with their
 * coordinators and risk levels, the at-risk counts per level, the asset register's counts.
 */
export async function loadNeighbourhoodPage(db: Db, neighbourhoodId: string) {
  const rows = await readTogether(db, {
    initiatives: db
      .select({
        id: initiatives.id,
        name: initiatives.name,
        status: initiatives.status,
        startedYear: initiatives.startedYear,
        archivedAt: initiatives.archivedAt,
      })
      .from(initiatives)
      .where(eq(initiatives.neighbourhoodId, neighbourhoodId))
      .orderBy(asc(initiatives.name)),
    coordinators: db
      .select({ initiativeId: initiativeCoordinators.initiativeId, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(initiatives, eq(initiatives.id, initiativeCoordinators.initiativeId))
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(and(eq(initiatives.neighbourhoodId, neighbourhoodId), isNull(people.erasedAt)))
      .orderBy(asc(people.name)),
    assetCounts: assetCountsQuery(db, neighbourhoodId),
    levels: initiativeLevelsRead(
      db,
      db
        .select({ id: initiatives.id })
        .from(initiatives)
        .where(and(eq(initiatives.neighbourhoodId, neighbourhoodId), isNull(initiatives.archivedAt))),
    ),
    levelCounts: neighbourhoodRiskReads(db, neighbourhoodId).levelCounts,
  });
  const all: NeighbourhoodInitiative[] = rows.initiatives.map((i) => ({
    ...i,
    coordinators: rows.coordinators.filter((c) => c.initiativeId === i.id).map((c) => c.name),
  }));
  return {
    initiatives: all.filter((i) => !i.archivedAt),
    archivedInitiatives: all.filter((i) => !!i.archivedAt),
    assetCounts: countsByCategory(rows.assetCounts),
    /** Per active initiative: its worst activity's level. */
    riskLevels: initiativeLevelsFrom(rows.levels),
    perLevel: perLevelFrom(rows.levelCounts),
  };
}

// ---- Admin ----

/** The slug rule: lowercase a-z, digits and single hyphens, no hyphen at either end. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 60;

export function isValidSlug(s: string): boolean {
  return s.length <= SLUG_MAX && SLUG_PATTERN.test(s);
}

/** "Oude Westen – Noord" → "oude-westen-noord"; "Één Buurt" → "een-buurt". May return "". */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
}

const neighbourhoodFields = {
  name: f.requiredText("adminHood.name", 120),
  municipality: f.requiredText("adminHood.municipality", 120),
  /** Left empty: made from the name. */
  // Empty: made from the name. The pattern and length are the field's, so the API document shows them.
  slug: f.textOrEmpty("adminHood.slug", SLUG_MAX, { pattern: [SLUG_PATTERN, "adminHood.error.slug"] }),
};

/** A neighbourhood: its fields, once, for the admin form, the API and PATCH. */
export const neighbourhoodContract = defineContract({ name: "Neighbourhood", fields: neighbourhoodFields });
export type NeighbourhoodInput = Values<typeof neighbourhoodFields>;
export type NeighbourhoodFormValues = FormValues<typeof neighbourhoodFields>;

async function slugTaken(db: Db, slug: string, exceptId?: string) {
  const rows = await db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.slug, slug), exceptId ? ne(neighbourhoods.id, exceptId) : undefined));
  return rows.length > 0;
}

/** The admin form: parsed by the contract, then checked against the database. */
export async function validateNeighbourhood(
  db: Db,
  body: Record<string, unknown>,
  exceptId: string,
): Promise<Parsed<NeighbourhoodInput & { version: number }>>;
export async function validateNeighbourhood(db: Db, body: Record<string, unknown>): Promise<Parsed<NeighbourhoodInput>>;
export async function validateNeighbourhood(db: Db, body: Record<string, unknown>, exceptId?: string): Promise<Parsed<NeighbourhoodInput>> {
  const parsed = exceptId ? neighbourhoodContract.parseFormUpdate(body) : neighbourhoodContract.parseForm(body);
  return checkNeighbourhood(db, parsed, exceptId);
}

/** Checks parsed values against the database: an empty slug is made from the name; the slug must be well-formed and unique. */
export async function checkNeighbourhood<T extends NeighbourhoodInput>(db: Db, parsed: Parsed<T>, exceptId?: string): Promise<Parsed<T>> {
  if (!parsed.ok) return parsed;
  const data = { ...parsed.data, slug: parsed.data.slug || slugify(parsed.data.name) };
  const errors: FieldErrors = {};
  if (!isValidSlug(data.slug)) errors.slug = "adminHood.error.slug";
  else if (await slugTaken(db, data.slug, exceptId)) errors.slug = "adminHood.error.slugTaken";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

export function listNeighbourhoods(db: Db) {
  return db.select().from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}

export async function getNeighbourhood(db: Db, id: string): Promise<NeighbourhoodRow | null> {
  return (await db.query.neighbourhoods.findFirst({ where: eq(neighbourhoods.id, id) })) ?? null;
}

export async function createNeighbourhood(db: Db, input: NeighbourhoodInput, actorId: string | null, now: Date) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const values = { name: input.name, municipality: input.municipality, slug: input.slug };
  await db.batch([
    db.insert(neighbourhoods).values({ id, ...values, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    audit(db, { actorId, entity: "neighbourhood", entityId: id, action: "create", neighbourhoodId: id, changes: values }, now),
  ]);
  return id;
}

/** Throws StaleVersionError when someone saved in between. */
export async function updateNeighbourhood(
  db: Db,
  before: NeighbourhoodRow,
  input: NeighbourhoodInput & { version: number },
  actorId: string | null,
  now: Date,
) {
  const { version, ...set } = input;
  await updateVersioned(db, neighbourhoods, { before, version, set, actorId, entity: "neighbourhood", neighbourhoodId: before.id }, now);
}

export async function setNeighbourhoodArchived(db: Db, before: NeighbourhoodRow, archive: boolean, actorId: string | null, now: Date) {
  await setArchived(db, neighbourhoods, { before, archive, actorId, entity: "neighbourhood", neighbourhoodId: before.id }, now);
}
