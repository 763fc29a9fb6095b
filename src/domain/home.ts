// What each role sees first.
import { inArray, asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { initiatives, neighbourhoods, partnerOrgs } from "../db/schema";
import type { CurrentUser } from "./access";

export async function homeSummary(db: Db, user: CurrentUser) {
  const none = ["-"];
  const [myInitiatives, myNeighbourhoods, myOrgs] = await db.batch([
    db
      .select({ id: initiatives.id, name: initiatives.name, status: initiatives.status })
      .from(initiatives)
      .where(inArray(initiatives.id, user.coordinatorOf.length ? user.coordinatorOf : none))
      .orderBy(asc(initiatives.name)),
    db
      .select({ id: neighbourhoods.id, name: neighbourhoods.name, municipality: neighbourhoods.municipality })
      .from(neighbourhoods)
      .where(inArray(neighbourhoods.id, user.partnerNeighbourhoods.length ? user.partnerNeighbourhoods : none))
      .orderBy(asc(neighbourhoods.name)),
    db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name })
      .from(partnerOrgs)
      .where(inArray(partnerOrgs.id, user.partnerOrgIds.length ? user.partnerOrgIds : none)),
  ]);
  return { myInitiatives, myNeighbourhoods, myOrgs };
}
