import { defineMessages } from "./define";

export const moneyMessages = defineMessages(
  {
    "money.title": "money",
  },
  {
    "money.title": "money",
  },
);
