import { defineMessages } from "./define";

export const mailMessages = defineMessages(
  {
    "mail.title": "mail",
  },
  {
    "mail.title": "mail",
  },
);
