// One-click answers from a reminder email, without an account. The link's token names one task
// occurrence and one person; opening it (GET) only shows what would happen; the POST records the
// answer through the same domain function the web uses (answerTask, via "email"). A link that was
// used, whose occurrence was answered meanwhile, or whose person no longer belongs to the task
// explains itself instead.
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { initiatives, people, taskAssignees, taskEvents, tasks } from "../../db/schema";
import { jsonList, roleLinksSql, type RoleLink } from "./recipients";
import { all } from "../../db/raw-sql";
import { readLink, type AnswerClaims } from "./tokens";
import { addDays } from "../../lib/dates";
import { answerTask, loadTaskView, parseRoles, SNOOZE_DAYS, type AnswerResult, type InitiativeRef, type TaskView } from "../tasks/tasks";

export const ANSWER_CHOICES = ["done", "snoozed", "not_applicable"] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];

export function parseChoice(value: unknown): AnswerChoice | null {
  return typeof value === "string" && (ANSWER_CHOICES as readonly string[]).includes(value) ? (value as AnswerChoice) : null;
}

export type AnswerContext = {
  claims: AnswerClaims;
  initiative: InitiativeRef;
  task: TaskView;
  person: { id: string; name: string };
  /** Still assigned by name, holds one of the task's roles, or coordinates the initiative. */
  linked: boolean;
  /** This person's answers by email to this occurrence since the email was made. */
  mine: { kind: AnswerChoice; on: string; snoozedUntil: string | null }[];
};

export type AnswerLookup = { ok: true; context: AnswerContext } | { ok: false; reason: "invalid" | "expired" | "notFound" };

export async function loadAnswerContext(db: Db, secret: string, token: string, now: Date, today: string): Promise<AnswerLookup> {
  const read = await readLink(secret, token, "a", now);
  if (!read.ok) return read;
  const claims = read.claims;
  const [refs, persons, mine, assigned] = await db.batch([
    db
      // D1 returns columns by name: the initiative's id and name get their own aliases.
      .select({
        roles: tasks.assigneeRoles,
        id: sql<string>`${initiatives.id}`.as("a_initiative_id"),
        neighbourhoodId: initiatives.neighbourhoodId,
        name: sql<string>`${initiatives.name}`.as("a_initiative_name"),
      })
      .from(tasks)
      .innerJoin(initiatives, eq(initiatives.id, tasks.initiativeId))
      .where(eq(tasks.id, claims.t)),
    db.select({ id: people.id, name: people.name, erasedAt: people.erasedAt }).from(people).where(eq(people.id, claims.p)),
    db
      .select({ kind: taskEvents.kind, on: taskEvents.on, snoozedUntil: taskEvents.snoozedUntil })
      .from(taskEvents)
      .where(
        and(
          eq(taskEvents.taskId, claims.t),
          eq(taskEvents.byPersonId, claims.p),
          eq(taskEvents.via, "email"),
          eq(taskEvents.occurrenceDueOn, claims.o),
          gte(taskEvents.createdAt, claims.iat),
        ),
      )
      .orderBy(taskEvents.createdAt),
    db
      .select({ personId: taskAssignees.personId })
      .from(taskAssignees)
      .where(and(eq(taskAssignees.taskId, claims.t), eq(taskAssignees.personId, claims.p))),
  ]);
  const ref = refs[0];
  const person = persons[0];
  if (!ref || !person || person.erasedAt) return { ok: false, reason: "notFound" };
  const initiative = { id: ref.id, neighbourhoodId: ref.neighbourhoodId, name: ref.name };
  const [task, links] = await Promise.all([
    loadTaskView(db, initiative.id, claims.t, today),
    all<RoleLink>(db, sql`SELECT * FROM (${roleLinksSql([initiative.id], today)}) WHERE "personId" IN ${jsonList([claims.p])}`),
  ]);
  if (!task) return { ok: false, reason: "notFound" };
  const roles = parseRoles(ref.roles);
  const linked = assigned.length > 0 || links.some((l) => l.role === "coordinator" || (roles as string[]).includes(l.role));
  return {
    ok: true,
    context: { claims, initiative, task, person: { id: person.id, name: person.name }, linked, mine: mine as AnswerContext["mine"] },
  };
}

export type AnswerState =
  | { state: "confirm"; snoozeUntil: string }
  | { state: "used"; answer: AnswerContext["mine"][number] }
  | { state: "meanwhile"; last: TaskView["lastEvent"] }
  | { state: "nothingDue" }
  | { state: "notLinked" };

/** What opening the link would lead to, for this choice, today. Pure. */
export function answerState(ctx: AnswerContext, choice: AnswerChoice, today: string): AnswerState {
  const mineOfChoice = ctx.mine.filter((m) => m.kind === choice).at(-1);
  if (mineOfChoice) return { state: "used", answer: mineOfChoice };
  const occ = ctx.task.occurrence;
  const last = ctx.task.lastEvent;
  if (!occ || occ.dueOn !== ctx.claims.o) {
    return last && last.occurrenceDueOn === ctx.claims.o ? { state: "meanwhile", last } : { state: "nothingDue" };
  }
  if (!ctx.linked) return { state: "notLinked" };
  return { state: "confirm", snoozeUntil: addDays(today, SNOOZE_DAYS) };
}

/** Records the answer for the link's occurrence (exactly that one: answered meanwhile is refused). */
export async function answerFromEmail(db: Db, ctx: AnswerContext, choice: AnswerChoice, now: Date, today: string): Promise<AnswerResult> {
  return answerTask(
    db,
    ctx.initiative,
    ctx.task.id,
    { kind: choice, note: "", snoozedUntil: choice === "snoozed" ? addDays(today, SNOOZE_DAYS) : null, occurrence: ctx.claims.o },
    ctx.person.id,
    now,
    today,
    "email",
  );
}
