// What each role sees first.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { activities, activityRisks, initiatives, neighbourhoods, partnerOrgs } from "../../db/schema";
import type { CurrentUser } from "../auth/access";
import { openTaskReads, openTasksFrom } from "../tasks/tasks";
import { parseStoredRisk } from "../risk/read";
import { attentionFrom, byAttention } from "./attention";

/** Every open task with a next date counts for "what needs attention" (a year is more than any lead time). */
const OPEN_TASK_DAYS = 366;

/**
 * One statement, however many initiatives, neighbourhoods and organisations the user has (each
 * list is one parameter). The coordinator's initiatives come most urgent first ("Wat vraagt
 * aandacht"), each with its reasons and the tasks due now.
 */
export async function homeSummary(db: Db, user: CurrentUser, today: string) {
  const mine = jsonList(user.coordinatorOf);
  const rows = await readTogether(db, {
    myInitiatives: db.select().from(initiatives).where(inArray(initiatives.id, mine)).orderBy(asc(initiatives.name)),
    myNeighbourhoods: db
      .select({ id: neighbourhoods.id, name: neighbourhoods.name, municipality: neighbourhoods.municipality })
      .from(neighbourhoods)
      .where(inArray(neighbourhoods.id, jsonList([...new Set([...user.partnerNeighbourhoods, ...user.coordinatorNeighbourhoods])])))
      .orderBy(asc(neighbourhoods.name)),
    myOrgs: db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name })
      .from(partnerOrgs)
      .where(inArray(partnerOrgs.id, jsonList(user.partnerOrgIds))),
    risks: db
      .select({ risk: activityRisks })
      .from(activityRisks)
      .innerJoin(activities, and(eq(activities.id, activityRisks.activityId), isNull(activities.archivedAt)))
      .where(inArray(activityRisks.initiativeId, mine)),
    ...openTaskReads(db, user.coordinatorOf),
  });
  const tasks = openTasksFrom(rows, today, OPEN_TASK_DAYS);
  const myInitiatives = rows.myInitiatives
    .filter((i) => !i.archivedAt)
    .map((i) => ({
      ...i,
      attention: attentionFrom(
        rows.risks.filter((r) => r.risk.initiativeId === i.id).map((r) => parseStoredRisk(r.risk)),
        tasks.filter((t) => t.initiativeId === i.id),
        today,
      ),
    }))
    .sort(byAttention);
  return {
    myInitiatives,
    myNeighbourhoods: rows.myNeighbourhoods,
    partnerNeighbourhoodIds: user.partnerNeighbourhoods,
    myOrgs: rows.myOrgs,
  };
}
