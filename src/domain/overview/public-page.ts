// A neighbourhood's public page (opt-in): what the neighbourhood has and how to join in — the
// "other story" of the neighbourhood. Off by default; an unpublished page does not exist.
// Personal data stays out: asset contacts only with recorded consent, coordinators by first name.
import { updateVersioned } from "../versioned-update";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { activities, ASSET_CATEGORIES, assets, initiativeCoordinators, initiatives, neighbourhoods, people } from "../../db/schema";
import { parseWith, type Parsed } from "../../lib/validation";
import { notAnOffer } from "../offers/register";

export type PublicAsset = { id: string; name: string; description: string; contact: { name: string | null; info: string | null } | null };
export type PublicInitiative = {
  id: string;
  name: string;
  purpose: string;
  startedYear: number;
  activities: { id: string; name: string; rhythm: string; place: string }[];
  /** First names only. */
  coordinators: string[];
};
export type PublicPage = {
  neighbourhood: { id: string; name: string; municipality: string; slug: string };
  assets: { category: (typeof ASSET_CATEGORIES)[number]; items: PublicAsset[] }[];
  initiatives: PublicInitiative[];
};

/** "Fatma de Vries" → "Fatma". */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

/** The public page of a published neighbourhood, or null (unknown, unpublished or archived): one batch. */
export async function loadPublicPage(db: Db, slug: string): Promise<PublicPage | null> {
  const hoodId = sql`(SELECT n.id FROM neighbourhoods n WHERE n.slug = ${slug} AND n.published = 1 AND n.archived_at IS NULL)`;
  const liveInitiatives = and(eq(initiatives.neighbourhoodId, hoodId), isNull(initiatives.archivedAt), eq(initiatives.status, "active"));
  const [hoods, assetRows, initRows, activityRows, coordRows] = await db.batch([
    db
      .select({ id: neighbourhoods.id, name: neighbourhoods.name, municipality: neighbourhoods.municipality, slug: neighbourhoods.slug })
      .from(neighbourhoods)
      .where(and(eq(neighbourhoods.slug, slug), eq(neighbourhoods.published, true), isNull(neighbourhoods.archivedAt))),
    db
      .select({
        id: assets.id,
        category: assets.category,
        name: assets.name,
        description: assets.description,
        contactName: assets.contactName,
        contactInfo: assets.contactInfo,
        contactConsentOn: assets.contactConsentOn,
      })
      .from(assets)
      .where(and(eq(assets.neighbourhoodId, hoodId), isNull(assets.archivedAt), notAnOffer(assets.id)))
      .orderBy(asc(assets.name)),
    db
      .select({ id: initiatives.id, name: initiatives.name, purpose: initiatives.purpose, startedYear: initiatives.startedYear })
      .from(initiatives)
      .where(liveInitiatives)
      .orderBy(asc(initiatives.name)),
    db
      .select({
        id: activities.id,
        initiativeId: activities.initiativeId,
        name: activities.name,
        rhythm: activities.rhythm,
        place: activities.place,
      })
      .from(activities)
      .innerJoin(initiatives, eq(initiatives.id, activities.initiativeId))
      .where(and(liveInitiatives, isNull(activities.archivedAt)))
      .orderBy(asc(activities.name)),
    db
      .select({ initiativeId: initiativeCoordinators.initiativeId, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(initiatives, eq(initiatives.id, initiativeCoordinators.initiativeId))
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(and(liveInitiatives, isNull(people.erasedAt)))
      .orderBy(asc(people.name)),
  ]);
  const hood = hoods[0];
  if (!hood) return null;
  return {
    neighbourhood: hood,
    assets: ASSET_CATEGORIES.map((category) => ({
      category,
      items: assetRows
        .filter((a) => a.category === category)
        .map((a) => ({
          id: a.id,
          name: a.name,
          description: a.description,
          // A contact is shown only when the person consented to it being kept (and so shared).
          contact: a.contactConsentOn && (a.contactName || a.contactInfo) ? { name: a.contactName, info: a.contactInfo } : null,
        })),
    })).filter((g) => g.items.length > 0),
    initiatives: initRows.map((i) => ({
      ...i,
      activities: activityRows.filter((a) => a.initiativeId === i.id).map(({ initiativeId: _, ...a }) => a),
      coordinators: [
        ...new Set(
          coordRows
            .filter((c) => c.initiativeId === i.id)
            .map((c) => firstName(c.name))
            .filter((n) => n !== ""),
        ),
      ],
    })),
  };
}

export const publicationSchema = z.object({ published: z.enum(["1", "0"], "form.unknownOption").transform((v) => v === "1") });

export function parsePublication(body: unknown): Parsed<{ published: boolean }> {
  return parseWith(publicationSchema, body);
}

/** Publishes or withdraws the public page; one batch with its audit row. Setting the same value again changes nothing. */
export async function setPublished(
  db: Db,
  hood: { id: string; published: boolean },
  published: boolean,
  actorId: string | null,
  now: Date,
) {
  if (hood.published === published) return false;
  const change = { before: hood, version: undefined, set: { published }, actorId, entity: "neighbourhood", neighbourhoodId: hood.id };
  await updateVersioned(db, neighbourhoods, { ...change, action: published ? "publish" : "unpublish" }, now);
  return true;
}
