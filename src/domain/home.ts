// What each role sees first.
import { inArray, asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { initiatives, neighbourhoods, partnerOrgs } from "../db/schema";
import type { CurrentUser } from "./access";
import { loadOpenTasks } from "./tasks";
import { loadInitiativeLevels } from "./risk-read";

/** Tasks due within this many days show on the coordinator's home. */
export const HOME_TASK_DAYS = 14;

export async function homeSummary(db: Db, user: CurrentUser, today: string) {
  const none = ["-"];
  const [[myInitiatives, myNeighbourhoods, myOrgs], openTasks, levels] = await Promise.all([
    db.batch([
      db
        .select()
        .from(initiatives)
        .where(inArray(initiatives.id, user.coordinatorOf.length ? user.coordinatorOf : none))
        .orderBy(asc(initiatives.name)),
      db
        .select({ id: neighbourhoods.id, name: neighbourhoods.name, municipality: neighbourhoods.municipality })
        .from(neighbourhoods)
        .where(inArray(neighbourhoods.id, [...new Set([...user.partnerNeighbourhoods, ...user.coordinatorNeighbourhoods])].concat(none)))
        .orderBy(asc(neighbourhoods.name)),
      db
        .select({ id: partnerOrgs.id, name: partnerOrgs.name })
        .from(partnerOrgs)
        .where(inArray(partnerOrgs.id, user.partnerOrgIds.length ? user.partnerOrgIds : none)),
    ]),
    loadOpenTasks(db, user.coordinatorOf, today, HOME_TASK_DAYS),
    loadInitiativeLevels(db, user.coordinatorOf),
  ]);
  return {
    myInitiatives: myInitiatives.filter((i) => !i.archivedAt),
    myNeighbourhoods,
    partnerNeighbourhoodIds: user.partnerNeighbourhoods,
    myOrgs,
    openTasks,
    levels,
  };
}
