// "Wie kan helpen?": for an activity that lacks people (a key-person or too-few-volunteers flag),
// the neighbourhood's accepted offers that fit — first those with a kind of help that fits, then
// those whose text names what is searched, then the rest. Pure ranking here; the page's reads below.
import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import { activities, activityRisks, initiatives, involvements } from "../../db/schema";
import type { Flag } from "../risk/rules";
import { isActiveOn } from "../people/involvements";
import { askableOffers, type OfferView } from "./offers";
import { asksForActivity, type AskListRow } from "./asks";
import { listTags, type OfferTag } from "./tags";

/** What an activity needs, read from its flags: someone beside a key person in a role, or more volunteers. */
export type HelpNeed = { rule: "key_person"; role: string } | { rule: "few_volunteers" };

export function needsOf(flags: readonly Flag[]): HelpNeed[] {
  const needs: HelpNeed[] = [];
  for (const f of flags) {
    if (f.rule === "key_person") needs.push({ rule: "key_person", role: String(f.params.role ?? f.subjectId) });
    else if (f.rule === "few_volunteers") needs.push({ rule: "few_volunteers" });
  }
  return needs;
}

/** The words of a search (lower case, at least 3 letters, at most 10). */
export function searchWords(q: string): string[] {
  const words = q
    .toLocaleLowerCase("nl")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  return [...new Set(words)].slice(0, 10);
}

export type Search = { tagIds: string[]; q: string; role: string; critical: boolean };

/**
 * What to search for when the coordinator has not said: for a key person, the kinds of help that
 * fill that role and the role itself (critical); otherwise volunteers, with the kinds of help whose
 * name occurs in the activity's or initiative's words (e.g. "tuin" for "Tuindag").
 */
export function defaultSearch(needs: HelpNeed[], tags: readonly OfferTag[], context: string): Search {
  const key = needs.find((n): n is Extract<HelpNeed, { rule: "key_person" }> => n.rule === "key_person");
  if (key) {
    return { tagIds: tags.filter((t) => t.role === key.role).map((t) => t.id), q: "", role: key.role, critical: true };
  }
  const text = context.toLocaleLowerCase("nl");
  const named = tags.filter((t) => [t.name, t.nameEn].some((n) => n.length >= 3 && text.includes(n.toLocaleLowerCase("nl"))));
  return { tagIds: named.map((t) => t.id), q: "", role: "volunteer", critical: false };
}

export type Ranked<T> = { byTag: T[]; byText: T[]; others: T[] };

/** Offers with a wanted kind of help (most matches first), then those whose text has a searched word, then the rest. */
export function rankOffers<T extends { tagIds: string[]; name: string; description: string }>(
  offers: readonly T[],
  want: { tagIds: readonly string[]; words: readonly string[] },
): Ranked<T> {
  const wanted = new Set(want.tagIds);
  const hits = (o: T) => o.tagIds.filter((id) => wanted.has(id)).length;
  const byTag = offers
    .map((o, i) => ({ o, i, n: hits(o) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.o);
  const rest = offers.filter((o) => hits(o) === 0);
  const says = (o: T) => {
    const text = `${o.name} ${o.description}`.toLocaleLowerCase("nl");
    return want.words.some((w) => text.includes(w));
  };
  return { byTag, byText: rest.filter(says), others: rest.filter((o) => !says(o)) };
}

export type HelpersPage = {
  activity: { id: string; name: string; rhythm: string; place: string };
  initiative: { id: string; name: string; purpose: string };
  needs: HelpNeed[];
  tags: OfferTag[];
  /** Offers of people who are not already active in this activity. */
  offers: OfferView[];
  asks: AskListRow[];
};

/** Everything "Wie kan helpen?" shows for one activity of this initiative, or null when there is no such activity. */
export async function loadHelpersPage(db: Db, initiativeId: string, activityId: string, today: string): Promise<HelpersPage | null> {
  const rows = await readTogether(db, {
    activity: db
      .select({
        id: activities.id,
        name: activities.name,
        rhythm: activities.rhythm,
        place: activities.place,
        initiativeName: initiatives.name,
        purpose: initiatives.purpose,
        neighbourhoodId: initiatives.neighbourhoodId,
      })
      .from(activities)
      .innerJoin(initiatives, eq(initiatives.id, activities.initiativeId))
      .where(and(eq(activities.id, activityId), eq(activities.initiativeId, initiativeId), isNull(activities.archivedAt))),
    risk: db.select({ flags: activityRisks.flags }).from(activityRisks).where(eq(activityRisks.activityId, activityId)),
    helping: db
      .select({ personId: involvements.personId, since: involvements.since, until: involvements.until })
      .from(involvements)
      .where(
        and(eq(involvements.initiativeId, initiativeId), or(eq(involvements.activityId, activityId), isNull(involvements.activityId))),
      ),
    asks: asksForActivity(db, activityId),
    tags: listTags(db),
  });
  const a = rows.activity[0];
  if (!a) return null;
  const flags = rows.risk[0] ? (JSON.parse(rows.risk[0].flags) as Flag[]) : [];
  const helping = new Set(rows.helping.filter((i) => isActiveOn(i, today)).map((i) => i.personId));
  const offers = (await askableOffers(db, a.neighbourhoodId)).filter((o) => !helping.has(o.person.id));
  return {
    activity: { id: a.id, name: a.name, rhythm: a.rhythm, place: a.place },
    initiative: { id: initiativeId, name: a.initiativeName, purpose: a.purpose },
    needs: needsOf(flags),
    tags: rows.tags,
    offers,
    asks: rows.asks,
  };
}
