import { defineMessages } from "./define";

export const tasksMessages = defineMessages(
  {
    "tasks.title": "tasks",
  },
  {
    "tasks.title": "tasks",
  },
);
