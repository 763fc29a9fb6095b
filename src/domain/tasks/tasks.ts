// Maintenance tasks (onderhoudstaken): what must keep happening, attached to the initiative or to one
// of its activities, facilities or funding streams. One module per concern; this one gathers them so
// callers import tasks from one place:
//   task-status.ts        types, and a task's status from what is stored (pure)
//   task-contract.ts      the fields once: the stored task (API, PATCH, history), its form, an answer
//   task-options.ts       what a task may link to, and the check that it does
//   task-writes.ts        create, change, archive, answer
//   task-views.ts         reading tasks for the pages (TaskView)
//   task-subject-read.ts  the one read of tasks with their subjects (also for the daily reminders)
//   schedule.ts           the schedule maths (pure); library.ts the starter library
export * from "./task-status";
export * from "./task-contract";
export * from "./task-options";
export * from "./task-writes";
export * from "./task-views";
