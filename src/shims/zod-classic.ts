// The classic `z` namespace for the Worker bundle (see ./zod.ts): zod's own
// (zod/v4/classic/external.js), minus what we never use.
import { compile, locales, withParser } from "./zod-core";
import { leftOut } from "./zod-left-out";

export * from "../../node_modules/zod/v4/classic/external.js";

// Explicit exports win over names from `export *`.
export * as core from "./zod-core";
export { compile, locales, withParser };
// JSON Schema → zod (~25 KiB); we only go the other way (OpenAPI document, /api/docs).
export const fromJSONSchema = leftOut("fromJSONSchema");
