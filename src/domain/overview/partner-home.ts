// The partner's home page: the overview's headline over the neighbourhoods their organisation is
// linked to, and each neighbourhood's own figures — in ONE statement (only the parts the headline
// needs, the at-risk list cut to the few the headline names).
import type { Db } from "../../db/client";
import type { Locale } from "../../db/schema";
import type { CurrentUser } from "../auth/access";
import { HEADLINE_URGENT, type Headline } from "./headline";
import { loadOverview, type NeighbourhoodFigures } from "./overview";

export type PartnerHome = { headline: Headline; neighbourhoods: NeighbourhoodFigures[] };

/** Null for someone who speaks for no organisation linked to a neighbourhood. */
export async function loadPartnerHome(db: Db, user: CurrentUser, today: string, locale: Locale): Promise<PartnerHome | null> {
  if (user.partnerOrgIds.length === 0 || user.partnerNeighbourhoods.length === 0) return null;
  const o = await loadOverview(
    db,
    { ids: user.partnerNeighbourhoods },
    today,
    { partnerOrgIds: user.partnerOrgIds, locale },
    { atRisk: HEADLINE_URGENT, own: 0, facilities: 0 },
    ["hoods", "levels", "atRisk", "cliffMoney", "volYears"],
  );
  return { headline: o.headline, neighbourhoods: o.neighbourhoods };
}
