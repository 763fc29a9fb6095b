// The handover when a critical role ends (its last day is set, by the "stoppen" form, the edit form
// or the API): the tasks assigned to the leaving person by name move to the reserve — or, without a
// reserve, to the role, so whoever holds it next is reminded —; the reserve gets an email (through
// the outbox, like every mail: opt-outs, broken addresses and digests apply) with the handover note
// and the open tasks; and the initiative's history records the handover in words. Everything is
// statements for the same batch as the ending itself: the ending and its handover happen together
// or not at all.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { all } from "../../db/raw-sql";
import { initiatives, taskAssignees, tasks, TASK_ROLES, type Locale } from "../../db/schema";
import { translator, type Translate } from "../../i18n";
import { audit } from "../audit";
import { claimRow } from "../mail/outbox";
import { PERSON_COLUMNS, digestMode, mailable, parseOptOuts, releaseAt, type MailPerson } from "../mail/recipients";
import { taskReads, tasksSectionFrom } from "../tasks/task-views";
import type { TaskRole } from "../tasks/task-status";
import { nextVersion } from "../versioned-update";
import { isRoleKey, type InvolvementRow } from "./involvements";

/** Tasks named in the email; a longer list is counted. */
export const HANDOVER_TASKS_IN_MAIL = 20;

export type HandoverPayload = {
  involvementId: string;
  initiativeId: string;
  initiativeName: string;
  fromName: string;
  role: string;
  lastDay: string;
  note: string;
  tasks: { id: string; title: string; dueOn: string | null }[];
  moreTasks: number;
};

/** Why the reserve got no email (or that one is on its way). */
export type HandoverMail = "queued" | "no_reserve" | "no_address" | "address_broken" | "opted_out";

/** The subject line of the handover email (also what the outbox shows). */
export function handoverSubject(p: Pick<HandoverPayload, "role" | "initiativeName">, t: Translate): string {
  return t("mail.handover.subject", { role: roleWords(p.role, t), initiative: p.initiativeName });
}

/** A role in the reader's words: a known role by its name, one typed by hand as typed. */
export function roleWords(role: string, t: Translate): string {
  return isRoleKey(role) ? t(`volunteers.role.${role}`) : role;
}

const isTaskRole = (role: string): role is TaskRole => (TASK_ROLES as readonly string[]).includes(role);

function whyNoMail(reserve: MailPerson | undefined): HandoverMail {
  if (!reserve || reserve.erasedAt) return "no_reserve";
  if (!reserve.email) return "no_address";
  if (reserve.emailStatus !== "ok") return "address_broken";
  return parseOptOuts(reserve.optOuts).includes("reminders") ? "opted_out" : "queued";
}

/** What a handover did, for the confirmation after the save. */
export type HandoverSummary = {
  reserveName: string | null;
  /** How many tasks assigned by name moved (to the reserve, or to `toRole`). */
  moved: number;
  toRole: TaskRole | null;
  mail: HandoverMail;
};
export type HandoverPlan = { statements: BatchItem<"sqlite">[]; summary: HandoverSummary | null };

/**
 * The statements that hand a critical role over, for the batch that ends it; none when the
 * involvement is not critical or had already ended (`untilBefore`: its last day before this change,
 * so moving an end date again hands nothing over twice). `after` is the involvement as it will be.
 */
export async function planHandover(
  db: Db,
  initiative: { id: string; neighbourhoodId: string },
  after: InvolvementRow,
  untilBefore: string | null,
  actorId: string | null,
  today: string,
  now: Date,
): Promise<HandoverPlan> {
  if (!after.critical || after.until === null || untilBefore !== null) return { statements: [], summary: null };
  const lastDay = after.until;
  const [read, reserveRows] = await Promise.all([
    readTogether(db, {
      initiative: db.select({ name: initiatives.name }).from(initiatives).where(eq(initiatives.id, initiative.id)),
      ...taskReads(db, and(eq(tasks.initiativeId, initiative.id), isNull(tasks.archivedAt))),
    }),
    after.reservePersonId
      ? all<MailPerson>(db, sql`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = ${after.reservePersonId}`)
      : Promise.resolve([]),
  ]);
  const reserve = reserveRows[0]?.erasedAt ? undefined : reserveRows[0];
  const views = tasksSectionFrom(read, today).tasks;
  const moved = views.filter((v) => v.assignees.some((a) => a.id === after.personId));
  const movedIds = moved.map((v) => v.id);
  // Without a reserve the tasks go to the role, so they follow whoever holds it next; a role that
  // tasks cannot be given to (a cook, a host) hands them to the coordinators.
  const toRole: TaskRole = isTaskRole(after.role) ? after.role : "coordinator";
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [];

  if (movedIds.length > 0) {
    const ids = jsonList(movedIds);
    if (reserve) {
      // Two columns a row: 50 rows stay within D1's 100 parameters.
      for (let i = 0; i < movedIds.length; i += 50)
        statements.push(
          db
            .insert(taskAssignees)
            .values(movedIds.slice(i, i + 50).map((taskId) => ({ taskId, personId: reserve.personId })))
            .onConflictDoNothing(),
        );
      statements.push(
        db
          .update(tasks)
          .set({ version: nextVersion(tasks), updatedAt: at, updatedBy: actorId })
          .where(inArray(tasks.id, ids)),
      );
    } else {
      statements.push(
        db
          .update(tasks)
          .set({
            assigneeRoles: sql`CASE
              WHEN NOT json_valid(${tasks.assigneeRoles}) THEN json_array(${toRole})
              WHEN EXISTS (SELECT 1 FROM json_each(${tasks.assigneeRoles}) WHERE value = ${toRole}) THEN ${tasks.assigneeRoles}
              ELSE json_insert(${tasks.assigneeRoles}, '$[#]', ${toRole}) END`,
            version: nextVersion(tasks),
            updatedAt: at,
            updatedBy: actorId,
          })
          .where(inArray(tasks.id, ids)),
      );
    }
    statements.push(db.delete(taskAssignees).where(and(eq(taskAssignees.personId, after.personId), inArray(taskAssignees.taskId, ids))));
  }

  // The open tasks the reserve takes on: those moved to them, and those of the role they take over.
  const theirs = views
    .filter((v) => movedIds.includes(v.id) || (isTaskRole(after.role) && v.assigneeRoles.includes(after.role)))
    .filter((v) => v.occurrence !== null)
    .sort((a, b) => (a.occurrence!.dueOn < b.occurrence!.dueOn ? -1 : a.occurrence!.dueOn > b.occurrence!.dueOn ? 1 : 0));
  const mail = whyNoMail(reserve);
  if (reserve && mail === "queued" && mailable(reserve, "reminders")) {
    const payload: HandoverPayload = {
      involvementId: after.id,
      initiativeId: initiative.id,
      initiativeName: read.initiative[0]?.name ?? "",
      fromName: after.personName,
      role: after.role,
      lastDay,
      note: after.handoverNote,
      tasks: theirs.slice(0, HANDOVER_TASKS_IN_MAIL).map((v) => ({ id: v.id, title: v.title, dueOn: v.occurrence?.dueOn ?? null })),
      moreTasks: Math.max(0, theirs.length - HANDOVER_TASKS_IN_MAIL),
    };
    statements.push(
      claimRow(
        db,
        {
          key: `handover:${after.id}:${reserve.personId}`,
          kind: "handover",
          personId: reserve.personId,
          to: reserve.email,
          locale: reserve.locale,
          subject: handoverSubject(payload, translator(reserve.locale as Locale)),
          subjectType: "involvement",
          subjectId: after.id,
          payload,
          releaseAt: releaseAt(digestMode(reserve), today, now),
        },
        now,
      ),
    );
  }

  statements.push(
    audit(
      db,
      {
        actorId,
        entity: "involvement",
        entityId: after.id,
        action: "handover",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        // Names and titles, not ids: the history reads them as they were (an erasure wipes entries naming a person).
        changes: {
          role: after.role,
          handedOverTo: reserve?.name ?? null,
          ...(moved.length > 0 ? { tasksMoved: moved.map((v) => v.title) } : {}),
          ...(moved.length > 0 && !reserve ? { tasksToRole: toRole } : {}),
          handoverMail: mail,
        },
      },
      now,
    ),
  );
  return {
    statements,
    summary: { reserveName: reserve?.name ?? null, moved: moved.length, toRole: moved.length > 0 && !reserve ? toRole : null, mail },
  };
}
