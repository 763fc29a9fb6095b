import { defineMessages } from "./define";

export const overviewMessages = defineMessages(
  {
    "overview.title": "overview",
  },
  {
    "overview.title": "overview",
  },
);
