import { describe, expect, it } from "vitest";
import { attentionFrom, byAttention, isDueNow } from "../../../src/domain/initiatives/attention";
import type { StoredRisk } from "../../../src/domain/risk/read";
import type { Flag } from "../../../src/domain/risk/rules";
import type { TaskView } from "../../../src/domain/tasks/tasks";

const today = "2027-03-01";

const flag = (rule: Flag["rule"], severity: Flag["severity"], since: string, subjectId = "s1"): Flag => ({
  rule,
  severity,
  since,
  subjectId,
  params: {},
});
const risk = (level: StoredRisk["level"], flags: Flag[], runwayMonths: number | null = null): StoredRisk => ({
  activityId: crypto.randomUUID(),
  level,
  flags,
  runwayMonths,
  levelSince: "2027-01-01",
});
/** Only what attention reads of a task view. */
const task = (title: string, state: "upcoming" | "due" | "overdue", dueOn: string, over: Partial<TaskView> = {}) =>
  ({
    id: title,
    title,
    archivedAt: null,
    inReminder: state !== "upcoming",
    occurrence: { dueOn, remindFrom: dueOn, overdueAfter: dueOn, state, snoozedUntil: null },
    ...over,
  }) as TaskView;

describe("what needs attention in an initiative", () => {
  it("takes the worst level, the reasons most severe first (one per cause) and the shortest runway", () => {
    const cliff = flag("funding_cliff", "urgent", "2027-01-15", "stream-1");
    const a = attentionFrom(
      [
        risk("at_risk", [flag("key_person", "at_risk", "2026-06-01"), cliff], 3),
        risk("urgent", [cliff, flag("stale_checkin", "watch", "2026-01-01")], 1),
      ],
      [],
      today,
    );
    expect(a.level).toBe("urgent");
    expect(a.reasons.map((f) => f.rule)).toEqual(["funding_cliff", "key_person", "stale_checkin"]);
    expect(a.runwayMonths).toBe(1);
    expect(a.runningOnNothing).toBe(false);
  });

  it("leaves out flags that are not a problem (a planned ending judged ok)", () => {
    expect(attentionFrom([risk("ok", [flag("planned_ending", "ok", "2027-01-01")])], [], today).reasons).toEqual([]);
  });

  it("counts a task as due now once its reminders have started, not before and not while snoozed", () => {
    expect(isDueNow(task("a", "overdue", "2027-02-01"), today)).toBe(true);
    expect(isDueNow(task("b", "upcoming", "2027-03-10", { inReminder: true }), today)).toBe(true);
    expect(isDueNow(task("c", "upcoming", "2028-02-04"), today)).toBe(false);
    const snoozed = task("d", "due", "2027-03-01");
    snoozed.occurrence!.snoozedUntil = "2027-03-14";
    expect(isDueNow(snoozed, today)).toBe(false);
  });

  it("sorts initiatives: worse level first, then more overdue tasks, then older trouble, then by name", () => {
    const item = (name: string, risks: StoredRisk[], tasks: TaskView[] = []) => ({ name, attention: attentionFrom(risks, tasks, today) });
    const list = [
      item("A ok", [risk("ok", [])]),
      item("B watch", [risk("watch", [flag("stale_checkin", "watch", "2026-12-01")])]),
      item("C ok, overdue", [risk("ok", [])], [task("x", "overdue", "2027-01-01")]),
      item("D watch, older", [risk("watch", [flag("stale_asset", "watch", "2025-01-01")])]),
      item("E urgent", [risk("urgent", [flag("running_on_nothing", "urgent", "2027-02-01")], 0)]),
    ].sort(byAttention);
    expect(list.map((i) => i.name)).toEqual(["E urgent", "D watch, older", "B watch", "C ok, overdue", "A ok"]);
    expect(list[0]!.attention.runningOnNothing).toBe(true);
  });
});
