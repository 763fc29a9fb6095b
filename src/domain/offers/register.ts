// Where offers stand in the asset register. An offer is a resident-gift asset, but only once a
// coordinator accepted it: an offer that waits, or was declined, is no part of the register, its
// counts or the overview. Its own text never goes on the public page (it was written for the
// neighbourhood's coordinators, not for everyone).
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** The asset is in the register: no offer, or an accepted one. */
export function inRegister(assetId: SQLiteColumn | SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM offers o WHERE o.id = ${assetId} AND o.status <> 'accepted')`;
}

/** The asset is no resident's offer (for the public page). */
export function notAnOffer(assetId: SQLiteColumn | SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM offers o WHERE o.id = ${assetId})`;
}
