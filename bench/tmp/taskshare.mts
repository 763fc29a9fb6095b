import { generate } from "../generate";
import { currentOccurrence } from "../../src/domain/schedule";
const d = generate("M", "wijkonderhoud", "2026-11-28");
const tasks = d.tables.find((t) => t.name === "tasks")!.rows;
const ev = d.tables.find((t) => t.name === "task_events")!.rows;
const fund = new Map(d.tables.find((t) => t.name === "funding_streams")!.rows.map((f) => [f.id, f]));
const byTask = new Map<string, any[]>();
for (const e of ev) byTask.set(e.task_id as string, [...(byTask.get(e.task_id as string) ?? []), { kind: e.kind, occurrenceDueOn: e.occurrence_due_on, on: e.on, snoozedUntil: null }]);
const c: Record<string, number> = {};
for (const t of tasks) {
  const spec: any = { scheduleKind: t.schedule_kind, dueOn: t.due_on, intervalCount: t.interval_count, intervalUnit: t.interval_unit, intervalFrom: t.interval_from, windowStartMonth: t.window_start_month, windowEndMonth: t.window_end_month, relativeOffsetDays: t.relative_offset_days, leadDays: t.lead_days, graceDays: t.grace_days, endsOn: null };
  const anchor = t.schedule_kind === "relative" ? (fund.get(t.subject_id)?.ends_on as string) : null;
  const o = currentOccurrence(spec, byTask.get(t.id as string) ?? [], "2026-11-28", anchor);
  const k = !o ? "none" : o.state === "upcoming" && o.remindFrom > "2026-11-28" ? "quiet" : o.state;
  c[k] = (c[k] ?? 0) + 1;
}
console.log(c, ev.length);
