import { defineMessages } from "./define";

export const workspaceMessages = defineMessages(
  {
    "workspace.title": "workspace",
  },
  {
    "workspace.title": "workspace",
  },
);
