import { defineMessages } from "./define";

export const apiMessages = defineMessages(
  {
    "api.title": "api",
  },
  {
    "api.title": "api",
  },
);
