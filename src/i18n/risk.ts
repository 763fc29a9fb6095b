import { defineMessages } from "./define";

export const riskMessages = defineMessages(
  {
    "risk.title": "risk",
  },
  {
    "risk.title": "risk",
  },
);
