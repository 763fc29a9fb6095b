// Asking a resident with an accepted offer to help an activity ("Wie kan helpen?"). The ask is a
// row (who, which activity, which role) and an email with two one-click answers — "Ja, ik doe mee",
// "Nee, dank je" — each a signed link that expires (ASK_LINK_DAYS): opening it only shows what would
// happen, its button (a POST) answers. Yes makes the involvement (the role from the ask, from today)
// and judges the activity again in the same write, so a key-person or too-few-volunteers flag clears
// when it should. An ask is answered once; a later click explains what was answered.
import { and, desc, eq, gt, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { batch, rows } from "../../db/raw-sql";
import { activities, helpAsks, initiatives, involvements, offers, people, type HELP_ASK_STATUSES } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { addDaysToInstant } from "../../lib/time";
import { todayInAmsterdam } from "../../lib/dates";
import { audit } from "../audit";
import { rejudgeAfterWrite } from "../risk/store";
import { rollupQueries } from "../overview/rollup";
import { normaliseRole } from "../people/involvements";
import { parseOptOuts } from "../mail/recipients";
import { readLink, signLink, type AskClaims } from "../mail/tokens";
import type { OfferView } from "./offers";

export type AskStatus = (typeof HELP_ASK_STATUSES)[number];
export type AskRow = typeof helpAsks.$inferSelect;

/** The answer links work this long; an ask without an answer by then may be asked again. */
export const ASK_LINK_DAYS = 30;
export const ASK_ANSWERS = ["yes", "no"] as const;
export type AskAnswer = (typeof ASK_ANSWERS)[number];

export function parseAnswer(v: unknown): AskAnswer | null {
  return v === "yes" || v === "no" ? v : null;
}

const askFields = {
  offerId: f.requiredId("offers.ask.offer"),
  role: f.requiredText("offers.ask.role", 60, { normalise: normaliseRole }),
  critical: f.checkbox("offers.ask.critical"),
};
/** An ask: which offer, for which role (and whether the role is critical). */
export const askContract = defineContract({ name: "HelpAsk", fields: askFields });
export type AskInput = Values<typeof askFields>;

/** Can this offer's person get an ask by mail: an address that works, not erased, not opted out of asks. */
export function canMail(person: OfferView["person"]): boolean {
  return !!person.email && !person.erased && person.emailStatus === "ok" && !parseOptOuts(person.optOuts).includes("asks");
}

/** An ask still waiting for its answer (its links have not expired). */
export function isOpen(ask: { status: AskStatus; askedAt: string }, now: Date): boolean {
  return ask.status === "asked" && addDaysToInstant(new Date(ask.askedAt), ASK_LINK_DAYS) > now;
}

type Activity = { id: string; initiativeId: string; name: string };
type Initiative = { id: string; neighbourhoodId: string; name: string };

/** The asks for one activity, newest first, with who was asked. */
export function asksForActivity(db: Db, activityId: string) {
  return db
    .select({
      id: helpAsks.id,
      offerId: helpAsks.offerId,
      personId: helpAsks.personId,
      personName: people.name,
      role: helpAsks.role,
      critical: helpAsks.critical,
      status: helpAsks.status,
      askedAt: helpAsks.askedAt,
      answeredAt: helpAsks.answeredAt,
    })
    .from(helpAsks)
    .innerJoin(people, eq(people.id, helpAsks.personId))
    .where(eq(helpAsks.activityId, activityId))
    .orderBy(desc(helpAsks.askedAt), desc(helpAsks.id))
    .limit(100);
}
export type AskListRow = Awaited<ReturnType<typeof asksForActivity>>[number];

/**
 * Whether this offer may be asked for this activity: it belongs to the initiative's neighbourhood,
 * is accepted and in the register, its person can be mailed and does not help here already, and no
 * ask for this activity is open.
 */
export async function checkAsk(
  db: Db,
  initiative: Initiative,
  activityId: string,
  offer: OfferView | null,
  now: Date,
): Promise<FieldErrors> {
  if (!offer || offer.neighbourhoodId !== initiative.neighbourhoodId || offer.status !== "accepted" || offer.archived)
    return { offerId: "offers.ask.error.notAskable" };
  if (!canMail(offer.person)) return { offerId: "offers.ask.error.noMail" };
  const today = todayInAmsterdam(now);
  const [open, helping] = await db.batch([
    db
      .select({ id: helpAsks.id })
      .from(helpAsks)
      .where(
        and(
          eq(helpAsks.offerId, offer.id),
          eq(helpAsks.activityId, activityId),
          eq(helpAsks.status, "asked"),
          gt(helpAsks.askedAt, addDaysToInstant(now, -ASK_LINK_DAYS).toISOString()),
        ),
      ),
    db
      .select({ id: involvements.id })
      .from(involvements)
      .where(
        and(
          eq(involvements.personId, offer.person.id),
          eq(involvements.initiativeId, initiative.id),
          or(eq(involvements.activityId, activityId), isNull(involvements.activityId)),
          lte(involvements.since, today),
          or(isNull(involvements.until), gte(involvements.until, today)),
        ),
      ),
  ]);
  if (helping.length > 0) return { offerId: "offers.ask.error.helps" };
  return open.length > 0 ? { offerId: "offers.ask.error.open" } : {};
}

/** Parses an ask (form or API) and checks it; the values and the offer, or the errors. */
export async function validateAsk(
  db: Db,
  initiative: Initiative,
  activityId: string,
  parsed: Parsed<AskInput>,
  load: (id: string) => Promise<OfferView | null>,
  now: Date,
): Promise<{ ok: true; data: AskInput; offer: OfferView } | { ok: false; errors: FieldErrors }> {
  if (!parsed.ok) return parsed;
  const offer = await load(parsed.data.offerId);
  const errors = await checkAsk(db, initiative, activityId, offer, now);
  return Object.keys(errors).length > 0 || !offer ? { ok: false, errors } : { ok: true, data: parsed.data, offer };
}

/** Records the ask (one batch with its audit entry); the caller then sends the mail. */
export async function createAsk(
  db: Db,
  initiative: Initiative,
  activity: Activity,
  offer: OfferView,
  input: AskInput,
  actorId: string | null,
  now: Date,
): Promise<AskRow> {
  const row: AskRow = {
    id: crypto.randomUUID(),
    offerId: offer.id,
    personId: offer.person.id,
    initiativeId: initiative.id,
    activityId: activity.id,
    role: input.role,
    critical: input.critical,
    status: "asked",
    askedBy: actorId,
    askedAt: now.toISOString(),
    answeredAt: null,
    involvementId: null,
  };
  await db.batch([
    db.insert(helpAsks).values(row),
    audit(
      db,
      {
        actorId,
        entity: "help_ask",
        entityId: row.id,
        action: "create",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: { personId: row.personId, activityId: activity.id, role: row.role, critical: row.critical },
      },
      now,
    ),
  ]);
  return row;
}

/** The mail could not go out: the ask is marked so, and may be made again. */
export async function markUnsent(db: Db, askId: string) {
  await db
    .update(helpAsks)
    .set({ status: "unsent" })
    .where(and(eq(helpAsks.id, askId), eq(helpAsks.status, "asked")));
}

/** The token of an ask's answer links (both answers share it; the choice is in the URL). */
export async function signAsk(secret: string, ask: Pick<AskRow, "id" | "personId" | "askedAt">): Promise<string> {
  const claims: AskClaims = {
    k: "h",
    a: ask.id,
    p: ask.personId,
    exp: addDaysToInstant(new Date(ask.askedAt), ASK_LINK_DAYS).toISOString(),
  };
  return signLink(secret, claims);
}

export type AskContext = {
  ask: AskRow;
  person: { id: string; name: string; erased: boolean };
  activity: { id: string; name: string; rhythm: string; place: string; archived: boolean };
  initiative: Initiative;
};

export type AskLookup = { ok: true; context: AskContext } | { ok: false; reason: "invalid" | "expired" | "notFound" };

/** What an answer link is about: the ask, its person, activity and initiative (one batch). */
export async function loadAskContext(db: Db, secret: string, token: string, now: Date): Promise<AskLookup> {
  const read = await readLink(secret, token, "h", now);
  if (!read.ok) return read;
  const [asks, found] = await db.batch([
    db
      .select()
      .from(helpAsks)
      .where(and(eq(helpAsks.id, read.claims.a), eq(helpAsks.personId, read.claims.p))),
    db
      // D1 returns columns by name: every id and name gets an alias of its own.
      .select({
        personId: sql<string>`${people.id}`.as("h_person_id"),
        personName: sql<string>`${people.name}`.as("h_person_name"),
        erasedAt: sql<string | null>`${people.erasedAt}`.as("h_erased_at"),
        activityId: sql<string>`${activities.id}`.as("h_activity_id"),
        activityName: sql<string>`${activities.name}`.as("h_activity_name"),
        rhythm: activities.rhythm,
        place: activities.place,
        activityArchivedAt: sql<string | null>`${activities.archivedAt}`.as("h_activity_archived_at"),
        initiativeId: sql<string>`${initiatives.id}`.as("h_initiative_id"),
        initiativeName: sql<string>`${initiatives.name}`.as("h_initiative_name"),
        neighbourhoodId: initiatives.neighbourhoodId,
      })
      .from(helpAsks)
      .innerJoin(people, eq(people.id, helpAsks.personId))
      .innerJoin(activities, eq(activities.id, helpAsks.activityId))
      .innerJoin(initiatives, eq(initiatives.id, helpAsks.initiativeId))
      .where(eq(helpAsks.id, read.claims.a)),
  ]);
  const ask = asks[0];
  const r = found[0];
  if (!ask || !r || r.erasedAt) return { ok: false, reason: "notFound" };
  return {
    ok: true,
    context: {
      ask,
      person: { id: r.personId, name: r.personName, erased: false },
      activity: { id: r.activityId, name: r.activityName, rhythm: r.rhythm, place: r.place, archived: r.activityArchivedAt !== null },
      initiative: { id: r.initiativeId, name: r.initiativeName, neighbourhoodId: r.neighbourhoodId },
    },
  };
}

export type AskState = { state: "confirm" } | { state: "answered"; answer: AskAnswer; on: string } | { state: "closed" };

/** What opening the link would lead to. Pure. */
export function askState(ctx: AskContext): AskState {
  const a = ctx.ask;
  if ((a.status === "yes" || a.status === "no") && a.answeredAt) return { state: "answered", answer: a.status, on: a.answeredAt };
  if (a.status !== "asked" || ctx.activity.archived) return { state: "closed" };
  return { state: "confirm" };
}

/**
 * Records the answer, once: the ask is answered only while it is still open. Yes makes the
 * involvement from the ask (unless the person already helps this activity in this role) in the
 * same batch, with the audit entries; then the initiative is judged again. Returns false when the
 * ask had been answered meanwhile.
 */
export async function answerAsk(db: Db, ctx: AskContext, answer: AskAnswer, now: Date, today: string): Promise<boolean> {
  const a = ctx.ask;
  const at = now.toISOString();
  const open = sql`SELECT 1 FROM help_asks WHERE id = ${a.id} AND status = 'asked'`;
  const statements = [];
  const involvementId = crypto.randomUUID();
  if (answer === "yes") {
    const helpsAlready = sql`SELECT 1 FROM involvements v WHERE v.person_id = ${a.personId} AND v.activity_id = ${a.activityId}
      AND v.role = ${a.role} AND v.since <= ${today} AND (v.until IS NULL OR v.until >= ${today})`;
    statements.push(
      sql`INSERT INTO involvements (id, person_id, initiative_id, activity_id, role, critical, since, until, version, created_at, created_by, updated_at, updated_by)
        SELECT ${involvementId}, ${a.personId}, ${a.initiativeId}, ${a.activityId}, ${a.role}, ${a.critical ? 1 : 0}, ${today}, NULL, 1, ${at}, ${a.personId}, ${at}, ${a.personId}
        WHERE EXISTS (${open}) AND NOT EXISTS (${helpsAlready})`,
      sql`INSERT INTO audit_log (id, at, actor_id, initiative_id, neighbourhood_id, entity, entity_id, action, changes)
        SELECT ${crypto.randomUUID()}, ${at}, ${a.personId}, ${a.initiativeId}, ${ctx.initiative.neighbourhoodId}, 'involvement', ${involvementId}, 'create',
          ${JSON.stringify({ personId: a.personId, activityId: a.activityId, role: a.role, critical: a.critical, since: today, via: "ask" })}
        WHERE EXISTS (SELECT 1 FROM involvements WHERE id = ${involvementId})`,
      // A new volunteer counts this year and today: the overview's rollup follows.
      ...rollupQueries({ initiativeIds: [a.initiativeId], personIds: [a.personId] }),
    );
  }
  statements.push(
    sql`INSERT INTO audit_log (id, at, actor_id, initiative_id, neighbourhood_id, entity, entity_id, action, changes)
      SELECT ${crypto.randomUUID()}, ${at}, ${a.personId}, ${a.initiativeId}, ${ctx.initiative.neighbourhoodId}, 'help_ask', ${a.id}, 'answer',
        ${JSON.stringify({ status: ["asked", answer] })}
      WHERE EXISTS (${open})`,
    sql`UPDATE help_asks SET status = ${answer}, answered_at = ${at},
        involvement_id = (SELECT id FROM involvements WHERE id = ${involvementId})
      WHERE id = ${a.id} AND status = 'asked' RETURNING id`,
  );
  const results = await batch(db, statements);
  const answered = rows<{ id: string }>(results.at(-1)).length > 0;
  if (answered && answer === "yes") await rejudgeAfterWrite(db, { initiativeIds: [a.initiativeId] }, now, today);
  return answered;
}

/** The offers a person made and the asks they got (for their export). */
export function asksOfPerson(db: Db, personId: string) {
  return db
    .select({
      id: helpAsks.id,
      offerId: helpAsks.offerId,
      initiativeName: sql<string>`${initiatives.name}`.as("h_initiative_name"),
      activityName: sql<string>`${activities.name}`.as("h_activity_name"),
      role: helpAsks.role,
      critical: helpAsks.critical,
      status: helpAsks.status,
      askedAt: helpAsks.askedAt,
      answeredAt: helpAsks.answeredAt,
    })
    .from(helpAsks)
    .innerJoin(initiatives, eq(initiatives.id, helpAsks.initiativeId))
    .innerJoin(activities, eq(activities.id, helpAsks.activityId))
    .innerJoin(offers, eq(offers.id, helpAsks.offerId))
    .where(eq(helpAsks.personId, personId))
    .orderBy(helpAsks.askedAt);
}
