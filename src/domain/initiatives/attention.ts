// What needs attention first, per initiative: its continuity level and the reasons, the upkeep that
// is due, and what to do next. The coordinator's home sorts by it and the initiative page opens with
// it. Built from rows the pages read anyway (stored risk, task views); no reads of its own.
import type { StoredRisk } from "../risk/read";
import { severityRank, worst, type Flag, type Severity } from "../risk/rules";
import type { TaskView } from "../tasks/tasks";

export type Attention = {
  level: Severity;
  /** The reasons, most severe first (then the oldest); one per cause, however many activities share it. */
  reasons: Flag[];
  /** The fewest whole months of money any activity has left (null: no end date in sight). */
  runwayMonths: number | null;
  /** True when an activity has no money left at all (its runway of 0 is not "less than a month"). */
  runningOnNothing: boolean;
  /** Tasks that need an answer now: overdue, due, or inside their reminder window (not snoozed). */
  dueTasks: TaskView[];
  overdueTasks: number;
  /** The most urgent task that has a next date (due or not). */
  nextTask: TaskView | null;
};

/** A task is "due now" once its reminders have started (its lead window), or when due or overdue. */
export function isDueNow(task: TaskView, today: string): boolean {
  const o = task.occurrence;
  if (!o || task.archivedAt) return false;
  if (o.snoozedUntil !== null && o.snoozedUntil > today) return false;
  return o.state !== "upcoming" || task.inReminder;
}

/**
 * `risks` are the stored judgements of the initiative's current activities; `tasks` its open tasks,
 * most urgent first (tasks.byUrgency).
 */
export function attentionFrom(risks: StoredRisk[], tasks: TaskView[], today: string): Attention {
  const seen = new Set<string>();
  const reasons = risks
    .flatMap((r) => r.flags)
    .filter((f) => f.severity !== "ok")
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.since.localeCompare(b.since) || a.rule.localeCompare(b.rule))
    .filter((f) => {
      const key = `${f.rule}:${f.subjectId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const runways = risks.map((r) => r.runwayMonths).filter((m): m is number => m !== null);
  const open = tasks.filter((t) => !t.archivedAt);
  const dueTasks = open.filter((t) => isDueNow(t, today));
  return {
    level: worst(risks.map((r) => r.level)),
    reasons,
    runwayMonths: runways.length ? Math.min(...runways) : null,
    runningOnNothing: reasons.some((f) => f.rule === "running_on_nothing"),
    dueTasks,
    overdueTasks: dueTasks.filter((t) => t.occurrence?.state === "overdue").length,
    nextTask: open.find((t) => t.occurrence !== null) ?? null,
  };
}

/** Most urgent first: the worse level, then more overdue tasks, then the older trouble, then by name. */
export function byAttention(a: { name: string; attention: Attention }, b: { name: string; attention: Attention }): number {
  return (
    severityRank(b.attention.level) - severityRank(a.attention.level) ||
    b.attention.overdueTasks - a.attention.overdueTasks ||
    b.attention.dueTasks.length - a.attention.dueTasks.length ||
    (a.attention.reasons[0]?.since ?? "9999").localeCompare(b.attention.reasons[0]?.since ?? "9999") ||
    a.name.localeCompare(b.name, "nl")
  );
}
