// What each kind of record calls its fields, from its contract: the audit trail stores field names,
// and the history page (views/initiatives/history-changes.ts) names them with these, so a field
// added to a contract is named in the history without another edit. Keyed by the audit's entity.
import type { Fields } from "../lib/contract/define";
import type { Field } from "../lib/contract/fields";
import { initiativeContract } from "./initiatives/initiatives";
import { activityContract } from "./initiatives/activities";
import { checkinContract } from "./initiatives/checkins";
import { newInvolvementContract } from "./people/involvements";
import { newPersonContract } from "./people/people";
import { partnerContract } from "./people/partners";
import { fundingContract } from "./money/fundings";
import { commitmentContract } from "./money/commitments";
import { facilityContract } from "./neighbourhoods/facilities";
import { assetContract } from "./neighbourhoods/assets";
import { neighbourhoodContract } from "./neighbourhoods/neighbourhoods";
import { taskContract } from "./tasks/task-contract";
import { volunteerMessageContract } from "./messages/volunteer-messages";
import { documentContract } from "./documents/documents";

const CONTRACT_FIELDS: Readonly<Record<string, Fields>> = {
  initiative: initiativeContract.fields,
  activity: activityContract.fields,
  checkin: checkinContract.fields,
  involvement: newInvolvementContract.fields,
  person: newPersonContract.fields,
  partner: partnerContract.fields,
  funding: fundingContract.fields,
  commitment: commitmentContract.fields,
  facility: facilityContract.fields,
  asset: assetContract.fields,
  neighbourhood: neighbourhoodContract.fields,
  task: taskContract.fields,
  message: volunteerMessageContract.fields,
  document: documentContract.fields,
};

/** The contract's field of this kind of record, or undefined (bookkeeping, or a kind without a contract). */
export function contractField(entity: string, field: string): Pick<Field<unknown>, "label" | "kind"> | undefined {
  return Object.hasOwn(CONTRACT_FIELDS, entity) && Object.hasOwn(CONTRACT_FIELDS[entity]!, field)
    ? CONTRACT_FIELDS[entity]![field]
    : undefined;
}
