// What each role sees first.
import { inArray, asc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jsonList, readTogether } from "../../db/read-together";
import { initiatives, neighbourhoods, partnerOrgs } from "../../db/schema";
import type { CurrentUser } from "../auth/access";
import { openTaskReads, openTasksFrom } from "../tasks/tasks";
import { initiativeLevelsFrom, initiativeLevelsRead } from "../risk/read";

/** Tasks due within this many days show on the coordinator's home. */
export const HOME_TASK_DAYS = 14;

/** One statement, however many initiatives, neighbourhoods and organisations the user has (each list is one parameter). */
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
    levels: initiativeLevelsRead(db, mine),
    ...openTaskReads(db, user.coordinatorOf),
  });
  return {
    myInitiatives: rows.myInitiatives.filter((i) => !i.archivedAt),
    myNeighbourhoods: rows.myNeighbourhoods,
    partnerNeighbourhoodIds: user.partnerNeighbourhoods,
    myOrgs: rows.myOrgs,
    openTasks: openTasksFrom(rows, today, HOME_TASK_DAYS),
    levels: initiativeLevelsFrom(rows.levels),
  };
}
