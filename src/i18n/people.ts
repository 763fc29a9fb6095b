import { defineMessages } from "./define";

export const peopleMessages = defineMessages(
  {
    "people.title": "people",
  },
  {
    "people.title": "people",
  },
);
