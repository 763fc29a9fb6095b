// All message catalogues. Each area of the app keeps its own file (nl first, en beside it);
// this merges them so `t()` knows every key and TypeScript checks each one.
// Worker code imports only the type MessageKey from here (`import type`): the messages themselves
// reach the Worker as a static asset (scripts/build-catalogues.ts writes it, src/i18n/index.ts
// loads it), which keeps them out of the bundle. test/lib/bundle-shims.test.ts checks that.
import { coreNl } from "./nl";
import { coreEn } from "./en";
import { workspaceMessages } from "./workspace";
import { tasksMessages } from "./tasks";
import { moneyMessages } from "./money";
import { peopleMessages } from "./people";
import { riskMessages } from "./risk";
import { initiativesMessages } from "./initiatives";
import { overviewMessages } from "./overview";
import { mailMessages } from "./mail";
import { apiMessages } from "./api";
import { historyMessages } from "./history";
import { runsMessages } from "./runs";
import { flashMessages } from "./flash";
import { attentionMessages } from "./attention";
import { headlineMessages } from "./headline";
import { continuityMessages } from "./continuity";
import { offersMessages } from "./offers";
import { documentsMessages } from "./documents";

const areas = [
  initiativesMessages,
  overviewMessages,
  mailMessages,
  apiMessages,
  workspaceMessages,
  tasksMessages,
  moneyMessages,
  peopleMessages,
  riskMessages,
  historyMessages,
  runsMessages,
  flashMessages,
  attentionMessages,
  headlineMessages,
  continuityMessages,
  offersMessages,
  documentsMessages,
] as const;

type Area = (typeof areas)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Messages = typeof coreNl & UnionToIntersection<Area["nl"]>;
export type MessageKey = keyof Messages;

export const nl = Object.assign({}, coreNl, ...areas.map((a) => a.nl)) as Record<MessageKey, string>;
export const en = Object.assign({}, coreEn, ...areas.map((a) => a.en)) as Record<MessageKey, string>;
