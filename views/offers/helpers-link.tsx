import type { Translate } from "../../src/i18n";
import type { StoredRisk } from "../../src/domain/risk/read";
import { needsOf } from "../../src/domain/offers/matching";

/** "Wie kan helpen?" beside an activity that lacks people (a key-person or too-few-volunteers flag), for its coordinators. */
export function HelpersLink(props: {
  t: Translate;
  initiativeId: string;
  activityId: string;
  risk: StoredRisk | undefined;
  canEdit: boolean;
}) {
  if (!props.canEdit || !props.risk || needsOf(props.risk.flags).length === 0) return null;
  return (
    <p>
      <a href={`/initiatives/${props.initiativeId}/activities/${props.activityId}/helpers`} role="button" class="secondary">
        {props.t("offers.helpers.link")}
      </a>
    </p>
  );
}
