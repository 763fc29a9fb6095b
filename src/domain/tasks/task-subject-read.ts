// The one read of tasks with what they are about: each task with its initiative and its subject
// (activity, funding stream or facility) by name, and the subject's dates a relative task hangs on.
// The initiative page, the coordinator home, the task pages and the daily reminders all read tasks
// through it, so a new kind of subject or anchor date is added in one place.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { activities, facilities, fundingStreams, initiatives, tasks } from "../../db/schema";
import type { AnchorSource } from "./task-status";

// D1 returns rows keyed by column name, so joined columns that share a name ("name", "archived_at",
// "ends_on") would overwrite each other: every joined column gets its own alias.
const joined = <T>(column: SQLiteColumn, alias: string) => sql<T>`${column}`.as(alias);

/**
 * Tasks matching `where` with their initiative and subject, by title (the pages) or by id (the
 * daily run's slices, with `limit`).
 */
export function tasksWithSubjectsRead(db: Db, where: SQL | undefined, order: { by: "title" | "id"; limit?: number } = { by: "title" }) {
  const query = db
    .select({
      task: tasks,
      initiativeName: joined<string>(initiatives.name, "ts_initiative_name"),
      neighbourhoodId: joined<string>(initiatives.neighbourhoodId, "ts_neighbourhood_id"),
      activityName: joined<string | null>(activities.name, "ts_activity_name"),
      fundingName: joined<string | null>(fundingStreams.sourceName, "ts_funding_name"),
      fundingEndsOn: joined<string | null>(fundingStreams.endsOn, "ts_funding_ends_on"),
      fundingReportDueOn: joined<string | null>(fundingStreams.reportDueOn, "ts_funding_report_due_on"),
      fundingArchivedAt: joined<string | null>(fundingStreams.archivedAt, "ts_funding_archived_at"),
      facilityName: joined<string | null>(facilities.name, "ts_facility_name"),
      facilityAgreementEndsOn: joined<string | null>(facilities.agreementEndsOn, "ts_facility_agreement_ends_on"),
      facilityArchivedAt: joined<string | null>(facilities.archivedAt, "ts_facility_archived_at"),
    })
    .from(tasks)
    .innerJoin(initiatives, eq(initiatives.id, tasks.initiativeId))
    .leftJoin(activities, and(eq(tasks.subjectType, "activity"), eq(activities.id, tasks.subjectId)))
    .leftJoin(fundingStreams, and(eq(tasks.subjectType, "funding"), eq(fundingStreams.id, tasks.subjectId)))
    .leftJoin(facilities, and(eq(tasks.subjectType, "facility"), eq(facilities.id, tasks.subjectId)))
    .where(where)
    .$dynamic();
  const ordered = order.by === "title" ? query.orderBy(asc(tasks.title), asc(tasks.id)) : query.orderBy(asc(tasks.id));
  return order.limit === undefined ? ordered : ordered.limit(order.limit);
}
export type TaskWithSubjectRow = Awaited<ReturnType<typeof tasksWithSubjectsRead>>[number];

/** What the task is about, by name (null when it no longer exists), and the dates a relative task may hang on. */
export function subjectOf(r: TaskWithSubjectRow): { name: string | null; anchor: AnchorSource | null } {
  switch (r.task.subjectType) {
    case "initiative":
      return { name: r.task.subjectId === r.task.initiativeId ? r.initiativeName : null, anchor: null };
    case "activity":
      return { name: r.activityName, anchor: null };
    case "funding":
      return {
        name: r.fundingName,
        anchor:
          r.fundingName === null ? null : { endsOn: r.fundingEndsOn, reportDueOn: r.fundingReportDueOn, archivedAt: r.fundingArchivedAt },
      };
    case "facility":
      return {
        name: r.facilityName,
        anchor: r.facilityName === null ? null : { agreementEndsOn: r.facilityAgreementEndsOn, archivedAt: r.facilityArchivedAt },
      };
  }
}
