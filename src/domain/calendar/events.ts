// What a calendar subscription shows, as all-day events: each upkeep task's next due date, when
// money ends and when it must be accounted for (verantwoording), when the agreement about a place
// and a partner's commitment end, and the last day to fill in the yearly check-in. Read in one
// statement. Names of volunteers never appear: a feed address can be passed on, so it says what is
// due, not who does it. UIDs are stable: the same thing on the same date keeps its UID, so a
// calendar app updates its copy instead of adding a second.
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { activities, checkins, commitments, facilities, fundingStreams, initiatives, partnerOrgs, tasks } from "../../db/schema";
import { addYears, yearOf } from "../../lib/dates";
import type { CalendarEvent } from "../../lib/ical";
import type { Translate } from "../../i18n";
import { checkinGraceDate } from "../initiatives/checkins";
import { taskReads, tasksSectionFrom } from "../tasks/task-views";

/** What a feed covers: whole initiatives, and (a person's feed) the tasks that are theirs elsewhere and their organisations' dates. */
export type CalendarScope = {
  initiativeIds: readonly string[];
  /** Tasks assigned to this person by name, or to a role they hold in the task's initiative. */
  personId?: string | null;
  /** Commitments and funding streams of these partner organisations. */
  partnerIds?: readonly string[];
};

/** Events older than this are left out: a feed is for what comes, with a year of what was. */
export const CALENDAR_PAST_YEARS = 1;

const UID_DOMAIN = "wijkonderhoud";
const uid = (...parts: string[]) => `${parts.join("-")}@${UID_DOMAIN}`;

function theirTasks(personId: string, today: string): SQL {
  return sql`(${tasks.id} IN (SELECT ta.task_id FROM task_assignees ta WHERE ta.person_id = ${personId})
    OR EXISTS (SELECT 1 FROM involvements v WHERE v.person_id = ${personId} AND v.initiative_id = ${tasks.initiativeId}
      AND v.since <= ${today} AND (v.until IS NULL OR v.until >= ${today})
      AND json_valid(${tasks.assigneeRoles}) AND EXISTS (SELECT 1 FROM json_each(${tasks.assigneeRoles}) r WHERE r.value = v.role)))`;
}

export async function calendarEvents(db: Db, scope: CalendarScope, t: Translate, appUrl: string, today: string): Promise<CalendarEvent[]> {
  const whole = jsonList(scope.initiativeIds);
  const partners = jsonList(scope.partnerIds ?? []);
  const taskWhere = and(
    isNull(tasks.archivedAt),
    or(inArray(tasks.initiativeId, whole), scope.personId ? theirTasks(scope.personId, today) : undefined),
  );
  const live = and(isNull(initiatives.archivedAt), inArray(initiatives.status, ["active", "paused"]));
  const rows = await readTogether(db, {
    ...taskReads(db, and(taskWhere, inArray(tasks.initiativeId, db.select({ id: initiatives.id }).from(initiatives).where(live)))),
    initiatives: db
      .select({ id: initiatives.id, name: initiatives.name })
      .from(initiatives)
      .where(and(inArray(initiatives.id, whole), live)),
    fundings: db
      .select({
        id: fundingStreams.id,
        initiativeId: fundingStreams.initiativeId,
        initiativeName: sql<string>`${initiatives.name}`.as("c_f_initiative"),
        sourceName: fundingStreams.sourceName,
        endsOn: fundingStreams.endsOn,
        reportDueOn: fundingStreams.reportDueOn,
      })
      .from(fundingStreams)
      .innerJoin(initiatives, eq(initiatives.id, fundingStreams.initiativeId))
      .where(
        and(
          isNull(fundingStreams.archivedAt),
          ne(fundingStreams.status, "rejected"),
          live,
          or(inArray(fundingStreams.initiativeId, whole), inArray(fundingStreams.sourcePartnerId, partners)),
        ),
      ),
    commitments: db
      .select({
        id: commitments.id,
        initiativeId: commitments.initiativeId,
        initiativeName: sql<string>`${initiatives.name}`.as("c_c_initiative"),
        partnerName: sql<string>`${partnerOrgs.name}`.as("c_c_partner"),
        description: commitments.description,
        endsOn: commitments.endsOn,
      })
      .from(commitments)
      .innerJoin(initiatives, eq(initiatives.id, commitments.initiativeId))
      .innerJoin(partnerOrgs, eq(partnerOrgs.id, commitments.partnerId))
      .where(
        and(isNull(commitments.archivedAt), live, or(inArray(commitments.initiativeId, whole), inArray(commitments.partnerId, partners))),
      ),
    facilities: db
      .select({ id: facilities.id, name: facilities.name, agreementEndsOn: facilities.agreementEndsOn })
      .from(facilities)
      .where(
        and(
          isNull(facilities.archivedAt),
          inArray(
            facilities.id,
            db
              .select({ id: activities.facilityId })
              .from(activities)
              .where(and(inArray(activities.initiativeId, whole), isNull(activities.archivedAt))),
          ),
        ),
      ),
    checkins: db
      .select({ initiativeId: checkins.initiativeId, year: checkins.year })
      .from(checkins)
      .where(inArray(checkins.initiativeId, whole)),
  });

  const from = addYears(today, -CALENDAR_PAST_YEARS);
  const events: CalendarEvent[] = [];
  const add = (e: CalendarEvent) => {
    if (e.date >= from) events.push(e);
  };
  const page = (initiativeId: string, anchor = "") => `${appUrl}/initiatives/${initiativeId}${anchor}`;

  for (const task of tasksSectionFrom(rows, today).tasks) {
    if (!task.occurrence) continue;
    const dueOn = task.occurrence.dueOn;
    add({
      uid: uid("task", task.id, dueOn),
      date: dueOn,
      summary: t("calendar.event.task", { title: task.title, initiative: task.initiativeName }),
      description: [task.subjectName && task.subjectName !== task.initiativeName ? task.subjectName : "", task.why]
        .filter(Boolean)
        .join("\n"),
      url: `${appUrl}/initiatives/${task.initiativeId}/tasks/${task.id}`,
    });
  }
  for (const f of rows.fundings) {
    if (f.endsOn)
      add({
        uid: uid("funding", f.id, "end", f.endsOn),
        date: f.endsOn,
        summary: t("calendar.event.fundingEnds", { source: f.sourceName, initiative: f.initiativeName }),
        url: page(f.initiativeId, "#funding"),
      });
    if (f.reportDueOn)
      add({
        uid: uid("funding", f.id, "report", f.reportDueOn),
        date: f.reportDueOn,
        summary: t("calendar.event.fundingReport", { source: f.sourceName, initiative: f.initiativeName }),
        url: page(f.initiativeId, "#funding"),
      });
  }
  for (const c of rows.commitments) {
    if (c.endsOn)
      add({
        uid: uid("commitment", c.id, c.endsOn),
        date: c.endsOn,
        summary: t("calendar.event.commitmentEnds", { partner: c.partnerName, initiative: c.initiativeName }),
        description: c.description,
        url: page(c.initiativeId, "#commitments"),
      });
  }
  for (const fac of rows.facilities) {
    if (fac.agreementEndsOn)
      add({
        uid: uid("facility", fac.id, fac.agreementEndsOn),
        date: fac.agreementEndsOn,
        summary: t("calendar.event.agreementEnds", { facility: fac.name }),
      });
  }
  // The yearly check-in: the last day to fill in this year's (and, in January, last year's) when it is not there yet.
  const year = yearOf(today);
  for (const i of rows.initiatives) {
    for (const y of [year - 1, year]) {
      const deadline = checkinGraceDate(y);
      if (deadline < today || rows.checkins.some((c) => c.initiativeId === i.id && c.year === y)) continue;
      add({
        uid: uid("checkin", i.id, String(y)),
        date: deadline,
        summary: t("calendar.event.checkin", { year: y, initiative: i.name }),
        url: page(i.id, `/checkins/${y}`),
      });
    }
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}
