// `z.core` for the Worker bundle (see ./zod.ts): zod's core namespace, minus what we never use.
import en from "../../node_modules/zod/v4/locales/en.js";
import { leftOut } from "./zod-left-out";

export * from "../../node_modules/zod/v4/core/index.js";

// An explicit export wins over a name from `export *`: these replace zod's own, so the modules
// behind them are no longer referenced.
// - locales: the ~40 translations of zod's messages. English is zod's default and stays.
export const locales = { en };
// - the opt-in ahead-of-time compiler (zod's `compile()`, ~60 KiB); we never call it.
export const compile = leftOut("compile");
export const compileFn = leftOut("compileFn");
export const withParser = leftOut("withParser");
