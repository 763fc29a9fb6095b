// What a task may link to: subjects of this initiative (a facility of its neighbourhood) and the
// people involved in it — the choices its form offers, and the check that a posted task (form or
// API) keeps to them.
import { and, asc, eq, gte, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, facilities, fundingStreams, initiativeCoordinators, involvements, people, taskAssignees } from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import type { TaskInput } from "./task-contract";
import { anchorSubjectType, type AnchorSource, type InitiativeRef, type SubjectType } from "./task-status";

export type SubjectOption = { type: SubjectType; id: string; name: string; archived: boolean } & AnchorSource;
export type TaskFormOptions = { subjects: SubjectOption[]; people: { id: string; name: string }[] };

/** Everything a task of this initiative may point at, in one round trip. */
export async function loadTaskFormOptions(db: Db, initiative: InitiativeRef, today: string, taskId?: string): Promise<TaskFormOptions> {
  const [acts, facs, funds, coords, involved, assigned] = await db.batch([
    db
      .select({ id: activities.id, name: activities.name, archivedAt: activities.archivedAt })
      .from(activities)
      .where(eq(activities.initiativeId, initiative.id))
      .orderBy(asc(activities.name)),
    db
      .select({ id: facilities.id, name: facilities.name, archivedAt: facilities.archivedAt, agreementEndsOn: facilities.agreementEndsOn })
      .from(facilities)
      .where(eq(facilities.neighbourhoodId, initiative.neighbourhoodId))
      .orderBy(asc(facilities.name)),
    db
      .select({
        id: fundingStreams.id,
        name: fundingStreams.sourceName,
        archivedAt: fundingStreams.archivedAt,
        endsOn: fundingStreams.endsOn,
        reportDueOn: fundingStreams.reportDueOn,
      })
      .from(fundingStreams)
      .where(eq(fundingStreams.initiativeId, initiative.id))
      .orderBy(asc(fundingStreams.sourceName)),
    db
      .select({ id: people.id, name: people.name })
      .from(initiativeCoordinators)
      .innerJoin(people, eq(people.id, initiativeCoordinators.personId))
      .where(and(eq(initiativeCoordinators.initiativeId, initiative.id), isNull(people.erasedAt))),
    db
      .select({ id: people.id, name: people.name })
      .from(involvements)
      .innerJoin(people, eq(people.id, involvements.personId))
      .where(
        and(
          eq(involvements.initiativeId, initiative.id),
          isNull(people.erasedAt),
          or(isNull(involvements.until), gte(involvements.until, today)),
        ),
      ),
    // People already assigned stay choosable even after they stepped back.
    db
      .select({ id: people.id, name: people.name })
      .from(taskAssignees)
      .innerJoin(people, eq(people.id, taskAssignees.personId))
      .where(eq(taskAssignees.taskId, taskId ?? "")),
  ]);
  const byId = new Map<string, { id: string; name: string }>();
  for (const p of [...coords, ...involved, ...assigned]) byId.set(p.id, p);
  return {
    subjects: [
      { type: "initiative", id: initiative.id, name: initiative.name, archived: false },
      ...acts.map((a) => ({ type: "activity" as const, id: a.id, name: a.name, archived: !!a.archivedAt })),
      ...facs.map((f) => ({
        type: "facility" as const,
        id: f.id,
        name: f.name,
        archived: !!f.archivedAt,
        agreementEndsOn: f.agreementEndsOn,
      })),
      ...funds.map((f) => ({
        type: "funding" as const,
        id: f.id,
        name: f.name,
        archived: !!f.archivedAt,
        endsOn: f.endsOn,
        reportDueOn: f.reportDueOn,
      })),
    ],
    people: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "nl")),
  };
}

/**
 * The rules zod cannot know: the subject belongs to this initiative (a facility to its
 * neighbourhood), a relative date sits on that subject, assignees are involved. An archived subject
 * is only accepted when the task already points at it.
 */
export function checkTaskInput(
  input: TaskInput,
  options: TaskFormOptions,
  current?: { subjectType: string; subjectId: string },
  /** Where the subject is named: the form's one select (subject), or the API's subjectId. */
  subjectField: "subject" | "subjectId" = "subject",
): FieldErrors {
  const errors: FieldErrors = {};
  const subject = options.subjects.find((s) => s.type === input.subjectType && s.id === input.subjectId);
  const isCurrent = current?.subjectType === input.subjectType && current.subjectId === input.subjectId;
  if (!subject || (subject.archived && !isCurrent)) errors[subjectField] = "form.unknownOption";
  if (input.relativeAnchor !== null && anchorSubjectType(input.relativeAnchor) !== input.subjectType)
    errors.relativeAnchor = "tasks.form.anchorSubject";
  if (input.assigneeIds.some((id) => !options.people.some((p) => p.id === id))) errors.assigneeIds = "form.unknownOption";
  return errors;
}
