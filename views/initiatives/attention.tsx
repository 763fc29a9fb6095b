// "Wat vraagt aandacht" in words: the top reason in one sentence, the one thing to do next, and how
// long the money lasts. Used by the coordinator's home and the summary at the top of an initiative.
import type { Translate } from "../../src/i18n";
import { formatDate } from "../../src/i18n";
import type { Locale } from "../../src/db/schema";
import type { Attention } from "../../src/domain/initiatives/attention";
import { explainFlag } from "../../src/domain/risk/explain";
import type { RiskRule } from "../../src/domain/risk/rules";

/** How long the money lasts, never "0 months": no money left, less than a month, or the months. */
export function runwayText(t: Translate, runwayMonths: number | null, runningOnNothing = false): string | null {
  if (runwayMonths === null) return null;
  if (runningOnNothing) return t("runway.none");
  if (runwayMonths < 1) return t("runway.underMonth");
  return runwayMonths === 1 ? t("runway.one") : t("runway.many", { months: runwayMonths });
}

/** The most important reason in one sentence; without reasons, the overdue tasks or "all is well". */
export function reasonLine(t: Translate, locale: Locale, a: Attention): string {
  const top = a.reasons[0];
  if (top) return explainFlag(top, locale);
  if (a.overdueTasks > 0) return t(a.overdueTasks === 1 ? "attention.overdueOnly" : "attention.overdueOnlyMany", { count: a.overdueTasks });
  return t("attention.allWell");
}

/** Where each kind of reason is dealt with. */
function placeFor(rule: RiskRule, initiative: { id: string; neighbourhoodId: string }): string {
  const page = `/initiatives/${initiative.id}`;
  switch (rule) {
    case "funding_cliff":
    case "running_on_nothing":
    case "concentration":
      return `${page}#funding`;
    case "key_person":
    case "few_volunteers":
    case "shrinking":
      return `${page}/involvements/new`;
    case "commitment_ending":
      return `${page}#commitments`;
    case "stale_checkin":
      return `${page}/checkins`;
    case "stale_asset":
      return `/neighbourhoods/${initiative.neighbourhoodId}/assets`;
    case "neglected_upkeep":
      return `${page}#tasks`;
    default:
      return `${page}#activities`;
  }
}

/**
 * The one next action: a task that is overdue comes first (it is concrete), then what the top
 * reason asks for, then the next task that is due. Null when nothing needs doing.
 */
export function NextAction(props: {
  t: Translate;
  locale: Locale;
  initiative: { id: string; neighbourhoodId: string };
  attention: Attention;
}) {
  const { t, attention: a } = props;
  const overdue = a.dueTasks.find((task) => task.occurrence?.state === "overdue");
  const top = a.reasons[0];
  const task = overdue ?? (top ? undefined : a.dueTasks[0]);
  let href: string;
  let words: string;
  if (task) {
    href = `/initiatives/${task.initiativeId}/tasks/${task.id}`;
    words = `${task.title} (${formatDate(props.locale, task.occurrence!.dueOn)})`;
  } else if (top) {
    href = placeFor(top.rule, props.initiative);
    words = t(`attention.next.${top.rule}`);
  } else return null;
  return (
    <p class="next-action">
      <strong>{t("attention.next")}</strong> <a href={href}>{words}</a>
    </p>
  );
}
